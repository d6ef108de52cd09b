import { Construct, IConstruct } from "constructs";
import { ConfigMapV1 } from "../providers/kubernetes/config-map-v1";
import { ServiceAccountV1 } from "../providers/kubernetes/service-account-v1";
import { isUnresolved } from "./checks";
import { DataWorkloadIdentity } from "./data-workload-identity";
import { IpfsCluster } from "./ipfs-cluster";
import { KeyVaultSecretSync } from "./key-vault-secret-sync";
import { NamespaceGuardrails, NamespaceQuota, quotaFor } from "./namespace-guardrails";
import { PlatformKeyVault } from "./platform-key-vault";
import { PlatformNamespaces } from "./platform-namespaces";
import { PrivateDnsZones, PrivateLinkService } from "./private-dns-zones";
import { PrivateLinkEndpoint } from "./private-link-endpoint";
import {
  TENANT_TEMPLATES,
  TenantPlanLimits,
  TenantTemplate,
  TenantTemplateKind,
  templateFootprint,
  tenantTemplate,
} from "./tenant-templates";
import { TenantPostgres } from "./tenant-postgres";
import { ValidationError } from "./validation-error";

/** Where a tenant's PostgreSQL gets its private address. */
export interface TenantPostgresNetwork {
  readonly delegatedSubnetId: string;
  readonly privateDnsZoneId: string;
  /** Address prefix of the delegated subnet: the tenant's pods may reach it on 5432 and 6432. */
  readonly subnetPrefix: string;
}

export interface TenantResourcesProps {
  /** The tenant: a DNS label of at most 20 characters (it names the namespace, identity and servers). */
  readonly tenantId: string;
  /** A template of `catalog` (`postgres-small`, `ipfs-cluster-small`, ...). */
  readonly templateName: string;
  /** The plan the tenant is on: the template must fit it. */
  readonly plan: TenantPlanLimits;
  readonly resourceGroupName: string;
  readonly location: string;
  /** OIDC issuer of the cluster the tenant's namespace lives on (workload identity). */
  readonly oidcIssuerUrl: string;
  /** Entra ID tenant of the identities and the vault. */
  readonly entraTenantId: string;
  /**
   * Where the tenant's Key Vault gets its private endpoint (its public access is off): a subnet of
   * the cluster's network and the network's privatelink zones, so the CSI driver reaches the vault.
   */
  readonly keyVaultPrivateEndpoint: { readonly subnetId: string; readonly dnsZones: PrivateDnsZones };
  /** Required for PostgreSQL templates. @default - none */
  readonly postgresNetwork?: TenantPostgresNetwork;
  /**
   * @default TENANT_TEMPLATES
   */
  readonly catalog?: readonly TenantTemplate[];
  /**
   * Key Vault name (3-24 characters, globally unique).
   * @default - derived from the construct path
   */
  readonly keyVaultName?: string;
}

const TENANT_ID = /^[a-z0-9]([a-z0-9-]{0,18}[a-z0-9])?$/;

/** The tenants built in each app, to refuse one built twice (its namespace and identity would clash at apply). */
const TENANTS_BY_APP = new WeakMap<IConstruct, { readonly tenantId: string; readonly resourceGroupName: string; readonly oidcIssuerUrl: string; readonly path: string }[]>();

function checkTenantOnce(scope: IConstruct, props: TenantResourcesProps): void {
  const root = scope.node.root;
  const built = TENANTS_BY_APP.get(root) ?? [];
  TENANTS_BY_APP.set(root, built);
  for (const other of built) {
    if (other.tenantId !== props.tenantId) continue;
    // The same issuer is the same cluster: the namespace exists twice. The same resource group holds the identity twice.
    const clash =
      other.oidcIssuerUrl === props.oidcIssuerUrl
        ? `namespace tenant-${props.tenantId} on the same cluster`
        : other.resourceGroupName === props.resourceGroupName
          ? `identity tenant-${props.tenantId} in the same resource group`
          : undefined;
    if (clash !== undefined) {
      throw new ValidationError(scope, "tenantId", props.tenantId, `expected a tenant not already built in this app: ${other.path} builds it, and a second one creates ${clash}, which fails at apply`);
    }
  }
  built.push({ tenantId: props.tenantId, resourceGroupName: props.resourceGroupName, oidcIssuerUrl: props.oidcIssuerUrl, path: scope.node.path });
}
/** Room in a database tenant's namespace for its own clients or a migration job. */
const DATABASE_TENANT_QUOTA: NamespaceQuota = {
  requests: { cpuMillis: 500, memoryMiB: 512 },
  limits: { cpuMillis: 1000, memoryMiB: 1024 },
  pods: 4,
};

/**
 * One tenant's one-click resource (seed 003) from a template name and a tenant id: a namespace of
 * its own with default-deny network policies and a quota from the template, an Entra ID identity
 * of its own (federated with the namespace's `tenant` service account), a Key Vault for its
 * credentials, and the template's resource: PostgreSQL Flexible Server (Entra ID login only, so no
 * password exists) or IPFS nodes with ipfs-cluster (its shared secret synced from the vault, never
 * written by Terraform). Data carries `prevent_destroy`.
 */
export class TenantResources extends Construct {
  public readonly template: TenantTemplate;
  public readonly tenantId: string;
  public readonly namespace: string;
  public readonly namespaces: PlatformNamespaces;
  public readonly guardrails: NamespaceGuardrails;
  public readonly quota: NamespaceQuota;
  public readonly identity: DataWorkloadIdentity;
  public readonly serviceAccount: ServiceAccountV1;
  public readonly keyVault: PlatformKeyVault;
  public readonly postgres?: TenantPostgres;
  public readonly ipfs?: IpfsCluster;

  constructor(scope: Construct, id: string, props: TenantResourcesProps) {
    super(scope, id);
    const catalog = props.catalog ?? TENANT_TEMPLATES;
    if (isUnresolved(props.tenantId) || !TENANT_ID.test(props.tenantId)) {
      throw new ValidationError(this, "tenantId", props.tenantId, "expected a DNS label of 1-20 lowercase letters, digits or hyphens, alphanumeric at both ends");
    }
    const template = tenantTemplate(this, "templateName", props.templateName, catalog);
    const footprint = templateFootprint(template);
    if (footprint.vCores > props.plan.maxVCores) {
      throw new ValidationError(this, "templateName", props.templateName, `expected a template within the ${props.plan.name} plan's ${props.plan.maxVCores} vCores (it takes ${footprint.vCores})`);
    }
    if (footprint.storageGiB > props.plan.maxStorageGiB) {
      throw new ValidationError(this, "templateName", props.templateName, `expected a template within the ${props.plan.name} plan's ${props.plan.maxStorageGiB} GiB (it takes ${footprint.storageGiB} GiB)`);
    }
    if (template.kind === TenantTemplateKind.POSTGRES && !props.postgresNetwork) {
      throw new ValidationError(this, "postgresNetwork", undefined, `expected a delegated subnet and private DNS zone for the PostgreSQL template ${template.name}`);
    }

    checkTenantOnce(this, props);
    const namespace = `tenant-${props.tenantId}`;
    const serviceAccountName = "tenant";
    this.namespaces = new PlatformNamespaces(this, "Namespace", { namespaces: [{ name: namespace }], partOf: "tenant-resources" });
    const ns = this.namespaces.nameOf(namespace);

    this.identity = new DataWorkloadIdentity(this, "Identity", {
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      name: `tenant-${props.tenantId}`,
      federation: { oidcIssuerUrl: props.oidcIssuerUrl, namespace, serviceAccountNames: [serviceAccountName] },
    });
    this.serviceAccount = new ServiceAccountV1(this, "ServiceAccount", {
      metadata: { name: serviceAccountName, namespace: ns, annotations: { "azure.workload.identity/client-id": this.identity.clientId } },
      automountServiceAccountToken: false,
    });
    this.keyVault = new PlatformKeyVault(this, "KeyVault", {
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      name: props.keyVaultName,
      tenantId: props.entraTenantId,
    });
    this.identity.grant("VaultSecretsUser", this.keyVault.vaultId, "Key Vault Secrets User");
    new PrivateLinkEndpoint(this, "KeyVaultEndpoint", {
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      subnetId: props.keyVaultPrivateEndpoint.subnetId,
      resourceId: this.keyVault.vaultId,
      service: PrivateLinkService.KEY_VAULT,
      dnsZones: props.keyVaultPrivateEndpoint.dnsZones,
    });

    let quota: NamespaceQuota;
    if (template.kind === TenantTemplateKind.POSTGRES) {
      const network = props.postgresNetwork as TenantPostgresNetwork;
      this.postgres = new TenantPostgres(this, "Postgres", {
        resourceGroupName: props.resourceGroupName,
        location: props.location,
        serverName: `tenant-${props.tenantId}-pg`,
        template,
        administrator: { principalName: `tenant-${props.tenantId}`, objectId: this.identity.principalId, tenantId: props.entraTenantId },
        delegatedSubnetId: network.delegatedSubnetId,
        privateDnsZoneId: network.privateDnsZoneId,
      });
      // Not a credential: where to connect and as whom; the token comes from workload identity.
      new ConfigMapV1(this, "Connection", {
        metadata: { name: "postgres-connection", namespace: ns },
        data: {
          PGHOST: this.postgres.host,
          PGPORT: String(this.postgres.port),
          PGDATABASE: this.postgres.databaseName,
          PGUSER: `tenant-${props.tenantId}`,
          PGSSLMODE: "require",
        },
      });
      quota = DATABASE_TENANT_QUOTA;
    } else {
      const sync = new KeyVaultSecretSync(this, "ClusterSecret", {
        name: "ipfs-cluster-secret",
        namespace: ns,
        keyVaultName: this.keyVault.vaultName,
        tenantId: props.entraTenantId,
        clientId: this.identity.clientId,
        secretName: "ipfs-cluster-secret",
        objects: [{ objectName: "ipfs-cluster-secret", secretKey: "cluster-secret" }],
      });
      this.ipfs = new IpfsCluster(this, "Ipfs", {
        name: "ipfs",
        namespace: ns,
        nodes: template.nodes,
        storageGiBPerNode: template.storageGiBPerNode,
        requests: template.requestsPerNode,
        limits: template.limitsPerNode,
        clusterSecretName: sync.secretName,
        serviceAccountName,
      });
      quota = quotaFor([{ workload: this.ipfs, maxReplicas: template.nodes }]);
    }
    this.guardrails = new NamespaceGuardrails(this, "Guardrails", {
      namespace: ns,
      quota,
      // The tenant's pods reach Azure (Entra ID, Key Vault, PostgreSQL) over TLS; nothing else leaves.
      externalEgressPorts: [443],
      privateEgress: props.postgresNetwork && this.postgres ? [{ cidr: props.postgresNetwork.subnetPrefix, ports: [5432, 6432] }] : undefined,
    });
    this.template = template;
    this.tenantId = props.tenantId;
    this.namespace = namespace;
    this.quota = quota;
  }
}
