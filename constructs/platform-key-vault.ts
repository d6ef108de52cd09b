import { createHash } from "crypto";
import { Construct } from "constructs";
import { Fn } from "cdktf";
import { DataAzurermClientConfig } from "../providers/azurerm/data-azurerm-client-config";
import { KeyVault } from "../providers/azurerm/key-vault";
import { ResourceGroupTemplateDeployment } from "../providers/azurerm/resource-group-template-deployment";
import { RoleAssignment } from "../providers/azurerm/role-assignment";
import { checkInteger, isUnresolved, parseCidr } from "./checks";
import { uniqueResourceName } from "./unique-resource-name";
import { ValidationError } from "./validation-error";

/** Key Vault pricing tiers. */
export enum KeyVaultSku {
  STANDARD = "standard",
  /** HSM-backed keys. */
  PREMIUM = "premium",
}

export interface PlatformKeyVaultProps {
  readonly resourceGroupName: string;
  readonly location: string;
  /**
   * Vault name: 3-24 letters, digits and hyphens, starting with a letter, globally unique (and
   * reserved for the soft-delete period after deletion).
   * @default - `<platform>-<stack>-kv-<hash of the construct path>` (`uniqueResourceName`)
   */
  readonly name?: string;
  /**
   * Entra ID tenant of the vault.
   * @default - the tenant of the azurerm provider
   */
  readonly tenantId?: string;
  /**
   * @default KeyVaultSku.STANDARD
   */
  readonly sku?: KeyVaultSku;
  /**
   * Days a deleted vault or secret can be recovered (7-90).
   * @default 90
   */
  readonly softDeleteRetentionDays?: number;
  /**
   * Reachable from the internet (Entra ID still required); off means private endpoints only, and
   * Terraform must then run from a network that reaches the vault to write its secrets.
   * @default false
   */
  readonly publicNetworkAccessEnabled?: boolean;
  /**
   * With public access on, the only addresses allowed in (e.g. the deploying runners); every
   * other address is denied. Trusted Azure services are always allowed.
   * @default - any address when public access is on
   */
  readonly allowedIpRanges?: readonly string[];
  /**
   * With public access on, subnets allowed in through their `Microsoft.KeyVault` service endpoint
   * (virtual network rules); every other source is denied, trusted Azure services excepted.
   * Secrets written with `addSecret` go through Azure Resource Manager, so the deploying runner
   * needs no rule.
   * @default - none
   */
  readonly allowedSubnetIds?: readonly string[];
  /**
   * A principal (a break-glass admin group, say) given "Key Vault Secrets Officer" on the vault, for
   * work on the secrets from inside the network. Never derived from whoever runs Terraform: a saved
   * plan freezes `azurerm_client_config` at plan time, so the read-only plan identity would get it.
   * @default - none: no principal holds data-plane access beyond the readers granted by their constructs
   */
  readonly secretsOfficerPrincipalId?: string;
  /**
   * Keep `terraform destroy` from deleting the vault.
   * @default true
   */
  readonly preventDestroy?: boolean;
}

/**
 * What a vault secret holds, computed by Azure Resource Manager when the secret is written: the
 * secret never passes through Terraform's configuration, plan, state or the deployment's
 * parameters, and Terraform never calls the vault's data plane (which a private vault refuses to
 * a runner outside its network). Keys and connection strings are read with ARM's `list*`
 * functions from the resource id, with the deploying principal's management-plane rights.
 */
export class VaultSecretValue {
  /** The primary MongoDB connection string of a Cosmos DB for MongoDB account. */
  public static cosmosMongoConnectionString(accountId: string): VaultSecretValue {
    return new VaultSecretValue(
      "[listConnectionStrings(parameters('source'), '2024-11-15').connectionStrings[0].connectionString]",
      accountId,
    );
  }

  /** `rediss://:<primary key, URL-encoded>@<host>:<TLS port>` of an Azure Cache for Redis. */
  public static redisUrl(cacheId: string): VaultSecretValue {
    return new VaultSecretValue(
      "[format('rediss://:{0}@{1}:{2}', uriComponent(listKeys(parameters('source'), '2024-11-01').primaryKey), reference(parameters('source'), '2024-11-01').hostName, reference(parameters('source'), '2024-11-01').sslPort)]",
      cacheId,
    );
  }

  /** The primary admin key of an Azure AI Search service. */
  public static searchAdminKey(serviceId: string): VaultSecretValue {
    return new VaultSecretValue("[listAdminKeys(parameters('source'), '2023-11-01').primaryKey]", serviceId);
  }

  /**
   * A value that is not secret (an endpoint URL), from a resource attribute; it is visible in the
   * deployment's parameters, so never pass a key or a connection string here.
   */
  public static reference(value: string): VaultSecretValue {
    return new VaultSecretValue("[parameters('source')]", value);
  }

  private constructor(
    /** The ARM template expression that yields the value. */
    public readonly expression: string,
    /** The one parameter the expression reads: a resource id, or the plain value. */
    public readonly source: string,
  ) {}
}

/** A secret to store. */
export interface VaultSecretOptions {
  /** 1-127 letters, digits and hyphens. */
  readonly name: string;
  readonly value: VaultSecretValue;
  /**
   * @default - none
   */
  readonly contentType?: string;
}

/** The ARM API version of `Microsoft.KeyVault/vaults/secrets` the deployments use. */
const SECRETS_API_VERSION = "2023-07-01";

const VAULT_NAME = /^[a-zA-Z](?!.*--)[a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$/;
const SECRET_NAME = /^[a-zA-Z0-9-]{1,127}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A Key Vault for one environment's connection details, secure by default: Azure RBAC (no access
 * policies), purge protection, 90-day soft delete, no public network access, protected from
 * destroy. Secrets are written through Azure Resource Manager (one template deployment each, its
 * value computed by ARM from the source resource), so Terraform needs no network path to the
 * vault's data plane, on the first apply or any refresh. Readers get "Key Vault Secrets User" from
 * their own constructs; "Key Vault Secrets Officer" goes only to a principal named in
 * `secretsOfficerPrincipalId`, never to whoever runs Terraform.
 */
export class PlatformKeyVault extends Construct {
  public readonly resource: KeyVault;
  /** "Key Vault Secrets Officer" for `secretsOfficerPrincipalId`, when one is given. */
  public readonly secretsOfficer?: RoleAssignment;
  public readonly vaultId: string;
  public readonly vaultName: string;
  public readonly vaultUri: string;
  public readonly tenantId: string;
  private readonly secrets = new Map<string, ResourceGroupTemplateDeployment>();
  private readonly resourceGroupName: string;
  private secretsScope?: Construct;

  constructor(scope: Construct, id: string, props: PlatformKeyVaultProps) {
    super(scope, id);
    const name = props.name ?? uniqueResourceName(this, "kv", { maxLength: 24 });
    const sku = props.sku ?? KeyVaultSku.STANDARD;
    const softDeleteDays = props.softDeleteRetentionDays ?? 90;
    const publicNetworkAccessEnabled = props.publicNetworkAccessEnabled ?? false;
    const preventDestroy = props.preventDestroy ?? true;
    // The tenant is the same for every identity that plans or applies; the principal is not.
    const tenantId = props.tenantId ?? new DataAzurermClientConfig(this, "Client", {}).tenantId;
    const officer = props.secretsOfficerPrincipalId;

    if (!isUnresolved(name) && !VAULT_NAME.test(name)) {
      throw new ValidationError(
        this,
        "name",
        name,
        "expected 3-24 letters, digits or hyphens, starting with a letter, ending with a letter or digit, without consecutive hyphens",
      );
    }
    checkInteger(this, "softDeleteRetentionDays", softDeleteDays, 7, 90);
    if (props.allowedIpRanges && !publicNetworkAccessEnabled) {
      throw new ValidationError(this, "allowedIpRanges", props.allowedIpRanges, "expected none without publicNetworkAccessEnabled: a vault without public access has no addresses to allow");
    }
    if (props.allowedSubnetIds && !publicNetworkAccessEnabled) {
      throw new ValidationError(this, "allowedSubnetIds", props.allowedSubnetIds, "expected none without publicNetworkAccessEnabled: a vault without public access ignores virtual network rules (private endpoints only)");
    }
    if (props.allowedSubnetIds && props.allowedSubnetIds.length === 0) {
      throw new ValidationError(this, "allowedSubnetIds", [], "expected at least one subnet id, or leave it unset");
    }
    for (const range of props.allowedIpRanges ?? []) {
      if (!isUnresolved(range)) parseCidr(this, "allowedIpRanges", range.includes("/") ? range : `${range}/32`);
    }

    this.resource = new KeyVault(this, "Resource", {
      name,
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      tenantId,
      skuName: sku,
      rbacAuthorizationEnabled: true,
      purgeProtectionEnabled: true,
      softDeleteRetentionDays: softDeleteDays,
      publicNetworkAccessEnabled,
      networkAcls: {
        bypass: "AzureServices",
        defaultAction: publicNetworkAccessEnabled && !props.allowedIpRanges && !props.allowedSubnetIds ? "Allow" : "Deny",
        ipRules: props.allowedIpRanges ? [...props.allowedIpRanges] : undefined,
        virtualNetworkSubnetIds: props.allowedSubnetIds ? [...props.allowedSubnetIds] : undefined,
      },
      enabledForDeployment: false,
      enabledForDiskEncryption: false,
      enabledForTemplateDeployment: false,
    });
    if (preventDestroy) this.resource.addOverride("lifecycle.prevent_destroy", true);

    if (officer !== undefined) {
      if (!isUnresolved(officer) && !UUID.test(officer)) {
        throw new ValidationError(this, "secretsOfficerPrincipalId", officer, "expected an Entra ID object id (a UUID) of a group or principal");
      }
      this.secretsOfficer = new RoleAssignment(this, "SecretsOfficer", {
        scope: this.resource.id,
        roleDefinitionName: "Key Vault Secrets Officer",
        principalId: officer,
      });
    }

    this.vaultId = this.resource.id;
    this.vaultName = this.resource.name;
    this.vaultUri = this.resource.vaultUri;
    this.tenantId = tenantId;
    this.resourceGroupName = props.resourceGroupName;
  }

  /**
   * Stores a secret through Azure Resource Manager (a template deployment in the vault's resource
   * group). Secret names are unique per vault. After a source's keys are rotated, replace the
   * deployment (`terraform apply -replace=<address>`) to copy the new value.
   */
  public addSecret(options: VaultSecretOptions): ResourceGroupTemplateDeployment {
    if (!isUnresolved(options.name) && !SECRET_NAME.test(options.name)) {
      throw new ValidationError(this, "secret name", options.name, "expected 1-127 letters, digits or hyphens");
    }
    if (this.secrets.has(options.name)) {
      throw new ValidationError(this, "secret name", options.name, "expected a name not already stored in this vault");
    }
    if (!(options.value instanceof VaultSecretValue)) {
      throw new ValidationError(
        this,
        `secret ${options.name} value`,
        typeof options.value,
        "expected a VaultSecretValue (computed by Azure Resource Manager from the source resource), never a literal or a Terraform value",
      );
    }
    this.secretsScope ??= new Construct(this, "Secrets");
    const template = {
      $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
      contentVersion: "1.0.0.0",
      parameters: { vaultName: { type: "string" }, source: { type: "string" } },
      resources: [
        {
          type: "Microsoft.KeyVault/vaults/secrets",
          apiVersion: SECRETS_API_VERSION,
          name: `[format('{0}/{1}', parameters('vaultName'), '${options.name}')]`,
          properties: {
            value: options.value.expression,
            ...(options.contentType !== undefined ? { contentType: options.contentType } : {}),
          },
        },
      ],
    };
    // Deployment names are unique per resource group (1-64 characters): the secret's name and a
    // hash of the vault's path, so two vaults of one group never share a deployment.
    const hash = createHash("sha256").update(this.node.path).digest("hex").slice(0, 8);
    const secret = new ResourceGroupTemplateDeployment(this.secretsScope, options.name, {
      name: `kv-secret-${options.name.toLowerCase().slice(0, 44)}-${hash}`,
      resourceGroupName: this.resourceGroupName,
      deploymentMode: "Incremental",
      templateContent: JSON.stringify(template),
      parametersContent: Fn.jsonencode({ vaultName: { value: this.resource.name }, source: { value: options.value.source } }),
    });
    this.secrets.set(options.name, secret);
    return secret;
  }

  /**
   * A random secret generated by Azure Resource Manager when the deployment runs (a `securestring`
   * parameter whose default is `newGuid()`, without its hyphens: 32 hexadecimal characters, 122
   * random bits), for keys nobody needs to know (a session cookie's signing key). Terraform passes
   * no value, and ARM never returns a secure parameter, so it is nowhere in Terraform's files;
   * replacing the deployment rotates it.
   */
  public addGeneratedSecret(name: string): ResourceGroupTemplateDeployment {
    if (!isUnresolved(name) && !SECRET_NAME.test(name)) {
      throw new ValidationError(this, "secret name", name, "expected 1-127 letters, digits or hyphens");
    }
    if (this.secrets.has(name)) {
      throw new ValidationError(this, "secret name", name, "expected a name not already stored in this vault");
    }
    this.secretsScope ??= new Construct(this, "Secrets");
    const template = {
      $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
      contentVersion: "1.0.0.0",
      parameters: { vaultName: { type: "string" }, generated: { type: "securestring", defaultValue: "[replace(newGuid(), '-', '')]" } },
      resources: [
        {
          type: "Microsoft.KeyVault/vaults/secrets",
          apiVersion: SECRETS_API_VERSION,
          name: `[format('{0}/{1}', parameters('vaultName'), '${name}')]`,
          properties: { value: "[parameters('generated')]" },
        },
      ],
    };
    const hash = createHash("sha256").update(this.node.path).digest("hex").slice(0, 8);
    const secret = new ResourceGroupTemplateDeployment(this.secretsScope, name, {
      name: `kv-secret-${name.toLowerCase().slice(0, 44)}-${hash}`,
      resourceGroupName: this.resourceGroupName,
      deploymentMode: "Incremental",
      templateContent: JSON.stringify(template),
      parametersContent: Fn.jsonencode({ vaultName: { value: this.resource.name } }),
    });
    // ARM's GET returns every parameter, the defaulted securestring one as {"type":"SecureString"}
    // without its value, and azurerm copies that into parameters_content (filterOutTemplateDeploymentParameters
    // drops only "type"): compared with the configuration, every plan would show a change and every
    // apply would redeploy, so newGuid() would rotate the secret each time. The only parameter passed
    // is the vault's name, which cannot change without replacing the vault (protected from destroy).
    secret.addOverride("lifecycle.ignore_changes", ["parameters_content"]);
    this.secrets.set(name, secret);
    return secret;
  }

  /** The deployments that write the secrets, in the order they were added (what a reader must wait for). */
  public get secretDeployments(): readonly ResourceGroupTemplateDeployment[] {
    return [...this.secrets.values()];
  }

  /** Names of the secrets stored so far, in the order they were added. */
  public get secretNames(): readonly string[] {
    return [...this.secrets.keys()];
  }
}
