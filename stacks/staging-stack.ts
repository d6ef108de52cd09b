import { Construct } from "constructs";
import { TerraformOutput, TerraformVariable } from "cdktf";
import { GatewayRateLimit } from "../constructs/api-gateway-policy";
import { ApiManagementGateway } from "../constructs/api-management-gateway";
import { ContainerGroupSpec, ContainerInstanceFleet, ContainerServiceSpec } from "../constructs/container-instance-fleet";
import { ContainerInstanceNetwork } from "../constructs/container-instance-network";
import { ContainerMonitoring } from "../constructs/container-monitoring";
import { CORE_SERVICE_CATALOG, CoreService, CoreServiceDefinition, DataDependency, FEDERATION_CORE } from "../constructs/core-services";
import { DATA_LAYER_SECRET_KEYS } from "../constructs/data-layer-contract";
import { DEFAULT_LANGUAGE_CATALOG } from "../constructs/language-service-fleet";
import { ManagedDataLayer } from "../constructs/managed-data-layer";
import { PlatformNames } from "../constructs/platform-name";
import { PrivateDnsZones, PrivateLinkService } from "../constructs/private-dns-zones";
import { PrivateLinkEndpoint } from "../constructs/private-link-endpoint";
import { ValidationError } from "../constructs/validation-error";
import { ContainerResources, DataLayerKind, PlatformKind, TierSpec } from "../tiers/tier-spec";
import { cosmosOptions, regionalDataOptions, subnetAfter } from "./data-layer-from-tier";
import { AzureStack, PlatformStackProps } from "./platform-stack";

/**
 * "Staging authentication": who may call federation-core through the gateway. The Entra ID app
 * registrations are made outside this library (it does not pin the azuread provider); their ids
 * come in here.
 */
export interface StagingApiAccess {
  /** The Entra ID tenant (directory) id that issues the tokens. */
  readonly tenantId: string;
  /** Accepted `aud` values: the staging API registration's client id and/or `api://...` URI. */
  readonly audiences: readonly string[];
  /** Client applications allowed to call (their app ids). */
  readonly clientApplicationIds: readonly string[];
  /**
   * App roles of the staging API registration a caller must hold (any one).
   * @default - none
   */
  readonly requiredRoles?: readonly string[];
  /** API Management's publisher email (service notifications). */
  readonly publisherEmail: string;
  /**
   * @default - the platform's name, capitalized, and " platform" ("Omega platform" for the reference app)
   */
  readonly publisherName?: string;
  /**
   * @default {} - 100 calls per 60 s per client IP address
   */
  readonly rateLimit?: GatewayRateLimit;
}

export interface StagingStackProps extends PlatformStackProps {
  /**
   * @default - ARM_SUBSCRIPTION_ID at plan time
   */
  readonly subscriptionId?: string;
  /**
   * Who may call federation-core through the gateway.
   * @default - Terraform variables `staging_api_tenant_id`, `staging_api_audience`,
   * `staging_api_client_application_id` and `staging_api_publisher_email` (set them with
   * `TF_VAR_...` in CI)
   */
  readonly apiAccess?: StagingApiAccess;
}

/** Staging on Azure Container Instances in the tier's region, resource group `<platformName>-staging`. */
export class StagingStack extends AzureStack {
  /**
   * Cosmos DB, Redis, storage and the Key Vault with their connection details, reachable only from
   * the services subnet: Cosmos DB, Key Vault and storage admit it by virtual network rules
   * (service endpoints) and deny every other address (Key Vault and storage let trusted Azure
   * services through); Redis has no public network access and is reached through its private
   * endpoint. Nothing is open to the internet, and no private endpoint beyond Redis's is paid for.
   * The deploying runner needs no network path: secrets, the database, containers and lifecycle
   * rules are written through Azure Resource Manager. The layer's identity (no federation) is the
   * groups' identity.
   */
  public readonly dataLayer: ManagedDataLayer;
  /**
   * Staging's "basic monitoring" (seed 004): a Log Analytics workspace every container group ships
   * its logs and events to (the groups' `diagnostics` block).
   */
  public readonly monitoring: ContainerMonitoring;
  /** The virtual network: services, isolated (language services) and private-endpoint subnets. */
  public readonly network: ContainerInstanceNetwork;
  /** federation-core and context-server, one container group per replica. */
  public readonly services: ContainerInstanceFleet;
  /** Seed 001's language services, in the isolated subnet. */
  public readonly languageServices: ContainerInstanceFleet;
  /**
   * The way in: API Management (Developer) in the network, External mode, in front of the
   * federation-core groups' private IPs; Entra ID tokens checked there.
   */
  public readonly gateway: ApiManagementGateway;

  constructor(scope: Construct, id: string, props: StagingStackProps) {
    const region = props.tier.regions[0]?.name ?? "";
    super(scope, id, { ...props, regionTag: region, location: region });
    if (props.tier.platform !== PlatformKind.CONTAINER_INSTANCES) {
      throw new ValidationError(this, "tier.platform", props.tier.platform, 'expected "container-instances" for the staging stack');
    }
    const data = props.tier.dataLayer;
    if (data.kind !== DataLayerKind.MANAGED) {
      throw new ValidationError(this, "tier.dataLayer.kind", data.kind, 'expected "managed" for the staging stack');
    }
    this.monitoring = new ContainerMonitoring(this, "Monitoring", {
      resourceGroupName: this.resourceGroup.name,
      location: region,
      workspaceName: `${this.platformName}-law-${id}`,
      retentionDays: props.tier.logRetentionDays,
    });

    const layout = props.tier.containerInstances;
    if (!layout) {
      throw new ValidationError(this, "tier.containerInstances", undefined, "expected the container-instance layout (isolated subnet, language groups) for the staging stack");
    }
    const primary = props.tier.regions[0];
    const languageGroups = languageGroupSpecs(this, props.tier);
    this.network = new ContainerInstanceNetwork(this, "Network", {
      resourceGroupName: this.resourceGroup.name,
      location: region,
      addressSpace: primary.vnetAddressSpace,
      servicesSubnetPrefix: primary.clusterSubnetPrefix,
      isolatedSubnetPrefix: layout.isolatedSubnetPrefix,
      privateEndpointSubnetPrefix: primary.privateEndpointSubnetPrefix ?? subnetAfter(primary.clusterSubnetPrefix),
      isolatedPorts: [...new Set(languageGroups.flatMap((g) => g.services.map((s) => s.port)))].sort((a, b) => a - b),
      name: `${this.platformName}-${id}-vnet`,
    });
    // The stores admit the services subnet only (service endpoints), and nothing from the internet;
    // Terraform writes to them through Azure Resource Manager alone, so a hosted runner deploys.
    this.dataLayer = new ManagedDataLayer(this, "Data", {
      resourceGroupName: this.resourceGroup.name,
      location: region,
      ...regionalDataOptions(props.tier, data),
      cosmos: cosmosOptions(data.cosmos),
      serviceEndpointSubnetIds: [this.network.servicesSubnetId],
    });

    // Redis has no service endpoint: the cache gets a private endpoint in the network.
    const dnsZones = new PrivateDnsZones(this, "DnsZones", { resourceGroupName: this.resourceGroup.name, virtualNetworkId: this.network.virtualNetworkId });
    new PrivateLinkEndpoint(this, "RedisEndpoint", {
      resourceGroupName: this.resourceGroup.name,
      location: region,
      subnetId: this.network.privateEndpointSubnetId,
      resourceId: this.dataLayer.redis.cacheId,
      service: PrivateLinkService.REDIS,
      dnsZones,
    });

    const identity = { id: this.dataLayer.identity.identityId, clientId: this.dataLayer.identity.clientId };
    const secretsVault = { vaultUri: this.dataLayer.keyVault.vaultUri };
    this.services = new ContainerInstanceFleet(this, "Services", {
      resourceGroupName: this.resourceGroup.name,
      location: region,
      subnetId: this.network.servicesSubnetId,
      identity,
      secretsVault,
      groups: coreGroupSpecs(this, props.tier),
      logAnalytics: this.monitoring.containerGroupLogs,
    });
    // A group's sidecar reads the secrets as soon as it starts: the secrets and the identity's
    // right to read them must exist first.
    for (const { group } of this.services.allGroups) {
      const waitFor = [...this.dataLayer.keyVault.secretDeployments, this.dataLayer.keyVaultSecretsUserAccess];
      group.addOverride("depends_on", waitFor.map((r) => `${r.terraformResourceType}.${r.friendlyUniqueId}`));
    }
    this.languageServices = new ContainerInstanceFleet(this, "LanguageServices", {
      resourceGroupName: this.resourceGroup.name,
      location: region,
      subnetId: this.network.isolatedSubnetId,
      // Untrusted code gets no identity and no secrets.
      groups: languageGroups,
      logAnalytics: this.monitoring.containerGroupLogs,
    });

    if (!layout.gatewaySubnetPrefix) {
      throw new ValidationError(this, "tier.containerInstances.gatewaySubnetPrefix", undefined, "expected the API gateway's subnet (/29 or larger) for the staging stack's way in");
    }
    const federation = this.services.groups.get(FEDERATION_CORE.name);
    if (!federation) {
      throw new ValidationError(this, "tier.services.federationCore.replicas", 0, "expected at least 1: the gateway forwards to federation-core");
    }
    const access = props.apiAccess ?? apiAccessVariables(this);
    this.gateway = new ApiManagementGateway(this, "Gateway", {
      resourceGroupName: this.resourceGroup.name,
      location: region,
      virtualNetworkName: this.network.virtualNetwork.name,
      subnetPrefix: layout.gatewaySubnetPrefix,
      publisherName: access.publisherName ?? publisherNameOf(PlatformNames.of(this).name),
      publisherEmail: access.publisherEmail,
      tokenValidation: {
        tenantId: access.tenantId,
        audiences: access.audiences,
        clientApplicationIds: access.clientApplicationIds,
        requiredRoles: access.requiredRoles,
      },
      rateLimit: access.rateLimit,
      backends: federation.map(({ name, group }) => ({ name, url: `http://${group.ipAddress}:${FEDERATION_CORE.port}` })),
    });
    // Only the gateway's subnet reaches federation-core, and only its port.
    this.network.allowServicesIngress({
      name: "allow-gateway-federation-core",
      sources: [layout.gatewaySubnetPrefix],
      destinations: federation.map(({ group }) => group.ipAddress),
      ports: [FEDERATION_CORE.port],
    });
    new TerraformOutput(this, "federation_core_url", {
      value: this.gateway.apiUrl,
      description: "federation-core through API Management (Entra ID access token required)",
    });
  }
}

/** The app registrations' ids as Terraform variables, for CI to set with TF_VAR_... */
function apiAccessVariables(scope: Construct): StagingApiAccess {
  const variable = (name: string, description: string) => new TerraformVariable(scope, name, { type: "string", description, nullable: false }).stringValue;
  return {
    tenantId: variable("staging_api_tenant_id", "Entra ID tenant id that issues the staging API's access tokens"),
    audiences: [variable("staging_api_audience", "the staging API app registration's client id (the tokens' aud)")],
    clientApplicationIds: [variable("staging_api_client_application_id", "app id of the client application allowed to call the staging API")],
    publisherEmail: variable("staging_api_publisher_email", "API Management publisher email (service notifications)"),
  };
}

/** The seed's services that staging runs (replicas above 0), each replica a group of one container. */
function coreGroupSpecs(scope: Construct, tier: TierSpec): ContainerGroupSpec[] {
  const specs: ContainerGroupSpec[] = [];
  for (const key of Object.values(CoreService)) {
    const service = tier.services[key];
    if (service.replicas === 0) continue;
    const definition: CoreServiceDefinition = CORE_SERVICE_CATALOG[key];
    // ACI cannot overcommit a one-container group: it is allocated what the service may use.
    const size = service.limits ?? toResources(definition.limits);
    const quantities = { cpuMillis: Math.round(size.cpuCores * 1000), memoryMiB: size.memoryMiB };
    const secretEnv: Record<string, { secretName: string; key: string }> = {};
    if (definition.data.includes(DataDependency.MONGODB)) secretEnv.MONGODB_URI = { secretName: "key-vault", key: DATA_LAYER_SECRET_KEYS.mongodbUri };
    if (definition.data.includes(DataDependency.REDIS)) secretEnv.REDIS_URL = { secretName: "key-vault", key: DATA_LAYER_SECRET_KEYS.redisUrl };
    const spec: ContainerServiceSpec = {
      name: definition.name,
      image: `${PlatformNames.of(scope).image(definition.repository)}:1.0.0`,
      port: definition.port,
      replicas: service.replicas,
      requests: quantities,
      limits: quantities,
      livenessProbe: definition.livenessProbe,
      readinessProbe: definition.readinessProbe,
      secretEnv,
    };
    specs.push({ name: definition.name, services: [spec] });
  }
  if (specs.length === 0) throw new ValidationError(scope, "tier.services", "none", "expected at least one service with replicas for container instances");
  return specs;
}

function toResources(q: { cpuMillis: number; memoryMiB: number }): ContainerResources {
  return { cpuCores: q.cpuMillis / 1000, memoryMiB: q.memoryMiB };
}

/**
 * Splits a group allocation into container requests in proportion to the containers' limits, in
 * ACI's steps (0.01 vCPU, 0.1 GB; largest remainders first), each at least one step and at most
 * its limit, adding up to the allocation exactly.
 */
export function apportionRequests(
  scope: Construct,
  property: string,
  allocation: { readonly cpuCores: number; readonly memoryGb: number },
  limits: readonly { readonly cpuMillis: number; readonly memoryMiB: number }[],
): { cpuMillis: number; memoryMiB: number }[] {
  const MIB_PER_STEP = 102.4;
  const split = (total: number, caps: readonly number[], what: string): number[] => {
    const sum = caps.reduce((a, b) => a + b, 0);
    if (!Number.isInteger(total) || total < caps.length || total > sum) {
      throw new ValidationError(scope, property, allocation, `expected ${what} of at least one step per container and at most the sum of their limits`);
    }
    const exact = caps.map((c) => (total * c) / sum);
    const shares = exact.map((e, i) => Math.min(caps[i], Math.max(1, Math.floor(e))));
    const order = exact.map((e, i) => ({ i, rest: e - Math.floor(e) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
    let left = total - shares.reduce((a, b) => a + b, 0);
    while (left !== 0) {
      for (const { i } of order) {
        if (left > 0 && shares[i] < caps[i]) {
          shares[i]++;
          left--;
        } else if (left < 0 && shares[i] > 1) {
          shares[i]--;
          left++;
        }
        if (left === 0) break;
      }
    }
    return shares;
  };
  const cpu = split(Math.round(allocation.cpuCores * 100), limits.map((l) => Math.floor(l.cpuMillis / 10)), "vCPU in 0.01 steps");
  const memory = split(Math.round(allocation.memoryGb * 10), limits.map((l) => Math.max(1, Math.floor(l.memoryMiB / MIB_PER_STEP))), "memory in 0.1 GB steps");
  return limits.map((_, i) => ({ cpuMillis: cpu[i] * 10, memoryMiB: Math.floor(memory[i] * MIB_PER_STEP) }));
}

/**
 * The language services in the tier's groups at the catalog's limits; requested: the tier's group
 * allocation split by limits, or half of each limit.
 */
function languageGroupSpecs(scope: Construct, tier: TierSpec): ContainerGroupSpec[] {
  const layout = tier.containerInstances!;
  const catalog = new Map(DEFAULT_LANGUAGE_CATALOG.map((l) => [l.id, l]));
  const placed = new Set<string>();
  const specs = layout.languageGroups.map((ids, g) => {
    const shares = layout.languageGroupAllocation
      ? apportionRequests(scope, `tier.containerInstances.languageGroupAllocation`, layout.languageGroupAllocation, ids.map((langId) => catalog.get(langId)?.limits ?? { cpuMillis: 0, memoryMiB: 0 }))
      : undefined;
    const services = ids.map((langId, i): ContainerServiceSpec => {
      const lang = catalog.get(langId);
      if (!lang) {
        throw new ValidationError(scope, `tier.containerInstances.languageGroups[${g}][${i}]`, langId, `expected a language of the catalog: ${[...catalog.keys()].join(", ")}`);
      }
      if (placed.has(langId)) {
        throw new ValidationError(scope, `tier.containerInstances.languageGroups[${g}][${i}]`, langId, "expected each language in one group only");
      }
      placed.add(langId);
      // Containers of one group share a network namespace, so each needs its own port.
      const port = ids.length === 1 ? (lang.port ?? 8080) : 8081 + i;
      return {
        name: `lang-${lang.id}`,
        image: PlatformNames.of(scope).image(lang.image),
        port,
        env: { PORT: String(port) },
        requests: shares?.[i] ?? { cpuMillis: Math.max(1, Math.floor(lang.limits.cpuMillis / 2)), memoryMiB: Math.max(1, Math.floor(lang.limits.memoryMiB / 2)) },
        limits: lang.limits,
        livenessProbe: { path: "/capabilities", periodSeconds: 30, timeoutSeconds: 5 },
        readinessProbe: { path: "/capabilities", periodSeconds: 30, timeoutSeconds: 5 },
        writablePaths: ["/tmp", "/workspace"],
      };
    });
    return { name: `languages-${g}`, services, replicas: 1 };
  });
  const missing = [...catalog.keys()].filter((k) => !placed.has(k));
  if (missing.length > 0) {
    throw new ValidationError(scope, "tier.containerInstances.languageGroups", missing, "expected every language of the catalog in a group");
  }
  return specs;
}

/** APIM's publisher name by default: the platform's name, capitalized, and " platform". */
function publisherNameOf(platform: string): string {
  return `${platform.charAt(0).toUpperCase()}${platform.slice(1)} platform`;
}
