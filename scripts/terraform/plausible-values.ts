import { createHash } from "crypto";

/** The parts of a synthesized stack (`cdk.tf.json`) the mocked apply reads. */
export interface StackJson {
  readonly terraform?: { readonly required_providers?: Record<string, { source?: string; version?: string }> };
  readonly provider?: Record<string, readonly Record<string, unknown>[]>;
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
  readonly output?: Record<string, { readonly value: unknown; readonly sensitive?: boolean }>;
  readonly variable?: Record<string, { readonly type?: string; readonly default?: unknown; readonly description?: string }>;
}

/** A UUID derived from a seed, so mocked identities are valid, distinct and the same on every run. */
export function uuidFrom(seed: string): string {
  const h = createHash("sha256").update(seed).digest("hex");
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A base64 PEM shaped like a cluster CA (the decoded text is what matters to the providers: PEM framing). */
export function plausibleCaCertificate(seed: string): string {
  const body = Buffer.from(createHash("sha256").update(seed).digest()).toString("base64");
  return Buffer.from(`-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`).toString("base64");
}

export const MOCK_SUBSCRIPTION_ID = uuidFrom("mock-subscription");
export const MOCK_TENANT_ID = uuidFrom("mock-tenant");

/** `type.name` of a resource, or `data.type.name` of a data source. */
export type Address = string;

type Path = readonly (string | number)[];

/** One `${...}` reference: `[data.]type.name.attr[0].attr` as address and path. */
export interface Reference {
  readonly address: Address;
  readonly path: Path;
}

const REFERENCE = /^(data\.)?([a-z][a-z0-9_]*)\.([A-Za-z0-9_-]+)((?:\.[A-Za-z0-9_-]+|\[\d+\]|\["[^"]*"\])*)$/;

/** Parses a bare reference such as `azurerm_kubernetes_cluster.Cluster.kube_config[0].host`. */
export function parseReference(text: string): Reference | undefined {
  const m = REFERENCE.exec(text.trim());
  if (!m) return undefined;
  const address = `${m[1] ?? ""}${m[2]}.${m[3]}`;
  const path: (string | number)[] = [];
  for (const part of m[4].match(/\.[A-Za-z0-9_-]+|\[\d+\]|\["[^"]*"\]/g) ?? []) {
    if (part.startsWith(".")) path.push(part.slice(1));
    else if (part.startsWith('["')) path.push(part.slice(2, -2));
    else path.push(Number(part.slice(1, -1)));
  }
  return { address, path };
}

/** The references inside a string's `${...}` interpolations (functions and operators are skipped). */
export function referencesIn(text: string): Reference[] {
  const refs: Reference[] = [];
  for (const m of text.matchAll(/\$\{([^{}]*)\}/g)) {
    for (const candidate of m[1].match(/(?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+|\[\d+\]|\["[^"]*"\])*/g) ?? []) {
      const ref = parseReference(candidate);
      if (ref) refs.push(ref);
    }
  }
  return refs;
}

/** What a resource's computed attributes plausibly hold once Azure has created it. */
type Computed = (ctx: InstanceContext) => Record<string, unknown>;

interface InstanceContext {
  readonly seed: string;
  readonly location: string;
  /** A configured attribute, resolved through references; undefined when it cannot be known. */
  str(attribute: string): string | undefined;
  name(): string;
  resourceGroupId(): string;
}

function armId(ctx: InstanceContext, providerPath: string): string {
  return `${ctx.resourceGroupId()}/providers/${providerPath}`;
}

/**
 * Computed values per azurerm resource type: an ARM resource id of the right shape (validation
 * functions parse ids that flow into other resources, e.g. a node pool's `kubernetes_cluster_id`)
 * and the attributes other resources or stacks read. A type absent here keeps the mock's defaults.
 */
const AZURERM_COMPUTED: Record<string, Computed> = {
  azurerm_resource_group: (c) => ({ id: `/subscriptions/${MOCK_SUBSCRIPTION_ID}/resourceGroups/${c.name()}` }),
  azurerm_virtual_network: (c) => ({ id: armId(c, `Microsoft.Network/virtualNetworks/${c.name()}`), guid: uuidFrom(`${c.seed}/guid`) }),
  azurerm_subnet: (c) => ({ id: armId(c, `Microsoft.Network/virtualNetworks/${c.str("virtual_network_name") ?? "vnet"}/subnets/${c.name()}`) }),
  azurerm_private_dns_zone: (c) => ({ id: armId(c, `Microsoft.Network/privateDnsZones/${c.name()}`) }),
  azurerm_private_dns_zone_virtual_network_link: (c) => ({
    id: `${c.str("private_dns_zone_id") ?? armId(c, "Microsoft.Network/privateDnsZones/zone")}/virtualNetworkLinks/${c.name()}`,
  }),
  azurerm_private_endpoint: (c) => ({ id: armId(c, `Microsoft.Network/privateEndpoints/${c.name()}`) }),
  azurerm_log_analytics_workspace: (c) => ({
    id: armId(c, `Microsoft.OperationalInsights/workspaces/${c.name()}`),
    workspace_id: uuidFrom(`${c.seed}/workspace`),
  }),
  azurerm_kubernetes_cluster: (c) => ({
    id: armId(c, `Microsoft.ContainerService/managedClusters/${c.name()}`),
    fqdn: `${c.name()}-${uuidFrom(c.seed).slice(0, 8)}.hcp.${c.location}.azmk8s.io`,
    oidc_issuer_url: `https://${c.location}.oic.prod-aks.azure.com/${MOCK_TENANT_ID}/${uuidFrom(`${c.seed}/oidc`)}/`,
    node_resource_group: `MC_${c.str("resource_group_name") ?? "rg"}_${c.name()}_${c.location}`,
    node_resource_group_id: `/subscriptions/${MOCK_SUBSCRIPTION_ID}/resourceGroups/MC_${c.str("resource_group_name") ?? "rg"}_${c.name()}_${c.location}`,
    identity: { type: "SystemAssigned", principal_id: uuidFrom(`${c.seed}/identity/principal`), tenant_id: MOCK_TENANT_ID },
    kube_config: [
      {
        host: `https://${c.name()}-${uuidFrom(c.seed).slice(0, 8)}.hcp.${c.location}.azmk8s.io:443`,
        cluster_ca_certificate: plausibleCaCertificate(c.seed),
      },
    ],
    kubelet_identity: [
      {
        client_id: uuidFrom(`${c.seed}/kubelet/client`),
        object_id: uuidFrom(`${c.seed}/kubelet/object`),
        user_assigned_identity_id: `/subscriptions/${MOCK_SUBSCRIPTION_ID}/resourceGroups/MC_${c.name()}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${c.name()}-agentpool`,
      },
    ],
  }),
  // Front Door's children parse their parents' ids, and the origins (another stack) the group's.
  azurerm_cdn_frontdoor_profile: (c) => ({
    id: armId(c, `Microsoft.Cdn/profiles/${c.name()}`),
    resource_guid: uuidFrom(`${c.seed}/fdid`),
  }),
  azurerm_cdn_frontdoor_firewall_policy: (c) => ({ id: armId(c, `Microsoft.Network/frontDoorWebApplicationFirewallPolicies/${c.name()}`) }),
  azurerm_cdn_frontdoor_endpoint: (c) => ({
    id: `${c.str("cdn_frontdoor_profile_id") ?? armId(c, "Microsoft.Cdn/profiles/profile")}/afdEndpoints/${c.name()}`,
    host_name: `${c.name()}-${uuidFrom(c.seed).replace(/-/g, "").slice(0, 16)}.z01.azurefd.net`,
  }),
  azurerm_cdn_frontdoor_origin_group: (c) => ({ id: `${c.str("cdn_frontdoor_profile_id") ?? armId(c, "Microsoft.Cdn/profiles/profile")}/originGroups/${c.name()}` }),
  azurerm_cdn_frontdoor_origin: (c) => ({ id: `${c.str("cdn_frontdoor_origin_group_id") ?? armId(c, "Microsoft.Cdn/profiles/profile/originGroups/group")}/origins/${c.name()}` }),
  azurerm_cdn_frontdoor_custom_domain: (c) => ({
    id: `${c.str("cdn_frontdoor_profile_id") ?? armId(c, "Microsoft.Cdn/profiles/profile")}/customDomains/${c.name()}`,
    validation_token: uuidFrom(`${c.seed}/validation`).replace(/-/g, ""),
  }),
  azurerm_cdn_frontdoor_route: (c) => ({ id: `${c.str("cdn_frontdoor_endpoint_id") ?? armId(c, "Microsoft.Cdn/profiles/profile/afdEndpoints/endpoint")}/routes/${c.name()}` }),
  azurerm_cdn_frontdoor_security_policy: (c) => ({ id: `${c.str("cdn_frontdoor_profile_id") ?? armId(c, "Microsoft.Cdn/profiles/profile")}/securityPolicies/${c.name()}` }),
  azurerm_kubernetes_cluster_node_pool: (c) => ({ id: `${c.str("kubernetes_cluster_id") ?? armId(c, "Microsoft.ContainerService/managedClusters/aks")}/agentPools/${c.name()}` }),
  azurerm_user_assigned_identity: (c) => ({
    id: armId(c, `Microsoft.ManagedIdentity/userAssignedIdentities/${c.name()}`),
    client_id: uuidFrom(`${c.seed}/client`),
    principal_id: uuidFrom(`${c.seed}/principal`),
    tenant_id: MOCK_TENANT_ID,
  }),
  azurerm_federated_identity_credential: (c) => ({ id: `${c.str("user_assigned_identity_id") ?? "identity"}/federatedIdentityCredentials/${c.name()}` }),
  azurerm_key_vault: (c) => ({ id: armId(c, `Microsoft.KeyVault/vaults/${c.name()}`), vault_uri: `https://${c.name()}.vault.azure.net/` }),
  azurerm_key_vault_secret: (c) => {
    const vault = (c.str("key_vault_id") ?? "vault").split("/").pop();
    const version = uuidFrom(`${c.seed}/version`).replace(/-/g, "");
    return {
      id: `https://${vault}.vault.azure.net/secrets/${c.name()}/${version}`,
      version,
      versionless_id: `https://${vault}.vault.azure.net/secrets/${c.name()}`,
      resource_id: `${c.str("key_vault_id") ?? "vault"}/secrets/${c.name()}`,
    };
  },
  azurerm_role_assignment: (c) => ({
    id: `${c.str("scope") ?? c.resourceGroupId()}/providers/Microsoft.Authorization/roleAssignments/${uuidFrom(c.seed)}`,
  }),
  azurerm_storage_account: (c) => ({
    id: armId(c, `Microsoft.Storage/storageAccounts/${c.name()}`),
    primary_blob_endpoint: `https://${c.name()}.blob.core.windows.net/`,
    primary_web_endpoint: `https://${c.name()}.z13.web.core.windows.net/`,
  }),
  azurerm_storage_container: (c) => ({
    id: `${c.str("storage_account_id") ?? "account"}/blobServices/default/containers/${c.name()}`,
  }),
  azurerm_storage_management_policy: (c) => ({ id: `${c.str("storage_account_id") ?? "account"}/managementPolicies/default` }),
  azurerm_redis_cache: (c) => ({
    id: armId(c, `Microsoft.Cache/redis/${c.name()}`),
    hostname: `${c.name()}.redis.cache.windows.net`,
    ssl_port: 6380,
    port: 6379,
    primary_access_key: `mock-${uuidFrom(`${c.seed}/key`)}`,
  }),
  azurerm_search_service: (c) => ({
    id: armId(c, `Microsoft.Search/searchServices/${c.name()}`),
    primary_key: `mock-${uuidFrom(`${c.seed}/key`)}`,
  }),
  azurerm_cosmosdb_account: (c) => ({
    id: armId(c, `Microsoft.DocumentDB/databaseAccounts/${c.name()}`),
    endpoint: `https://${c.name()}.documents.azure.com:443/`,
    primary_mongodb_connection_string: `mongodb://${c.name()}:mock-key@${c.name()}.mongo.cosmos.azure.com:10255/?ssl=true&replicaSet=globaldb&retrywrites=false`,
  }),
  azurerm_cosmosdb_mongo_database: (c) => ({
    id: armId(c, `Microsoft.DocumentDB/databaseAccounts/${c.str("account_name") ?? "account"}/mongodbDatabases/${c.name()}`),
  }),
  azurerm_consumption_budget_resource_group: (c) => ({
    id: `${c.str("resource_group_id") ?? c.resourceGroupId()}/providers/Microsoft.Consumption/budgets/${c.name()}`,
  }),
  azurerm_monitor_data_collection_rule: (c) => ({ id: armId(c, `Microsoft.Insights/dataCollectionRules/${c.name()}`) }),
  // Diagnostic settings parse the group's id as their target.
  azurerm_container_group: (c) => ({
    id: armId(c, `Microsoft.ContainerInstance/containerGroups/${c.name()}`),
    ip_address: `10.0.${parseInt(uuidFrom(c.seed).slice(0, 2), 16)}.${4 + (parseInt(uuidFrom(c.seed).slice(2, 4), 16) % 250)}`,
  }),
  azurerm_network_security_group: (c) => ({ id: armId(c, `Microsoft.Network/networkSecurityGroups/${c.name()}`) }),
  // API Management parses public_ip_address_id as a public IP's id.
  azurerm_public_ip: (c) => ({
    id: armId(c, `Microsoft.Network/publicIPAddresses/${c.name()}`),
    ip_address: `20.${parseInt(uuidFrom(c.seed).slice(0, 2), 16)}.${parseInt(uuidFrom(c.seed).slice(2, 4), 16)}.${1 + (parseInt(uuidFrom(c.seed).slice(4, 6), 16) % 254)}`,
  }),
  azurerm_api_management: (c) => ({
    id: armId(c, `Microsoft.ApiManagement/service/${c.name()}`),
    gateway_url: `https://${c.name()}.azure-api.net`,
  }),
  azurerm_api_management_api: (c) => ({
    id: `${armId(c, `Microsoft.ApiManagement/service/${c.str("api_management_name") ?? "apim"}`)}/apis/${c.name()};rev=1`,
  }),
  // A replica's source_server_id and the database's and configurations' server_id parse the server's id.
  azurerm_postgresql_flexible_server: (c) => ({
    id: armId(c, `Microsoft.DBforPostgreSQL/flexibleServers/${c.name()}`),
    fqdn: `${c.name()}.postgres.database.azure.com`,
  }),
  azurerm_postgresql_flexible_server_database: (c) => ({ id: `${c.str("server_id") ?? armId(c, "Microsoft.DBforPostgreSQL/flexibleServers/server")}/databases/${c.name()}` }),
};

const DATA_COMPUTED: Record<string, (seed: string) => Record<string, unknown>> = {
  azurerm_client_config: (seed) => ({
    tenant_id: MOCK_TENANT_ID,
    subscription_id: MOCK_SUBSCRIPTION_ID,
    client_id: uuidFrom(`${seed}/client`),
    object_id: uuidFrom(`${seed}/object`),
  }),
};

/** The types whose instances the mocked apply overrides with plausible computed values. */
export function hasPlausibleValues(address: Address): boolean {
  const [kind, type] = address.startsWith("data.") ? ["data", address.split(".")[1]] : ["resource", address.split(".")[0]];
  return kind === "data" ? type in DATA_COMPUTED : type in AZURERM_COMPUTED;
}

function walk(value: unknown, path: Path): unknown {
  let current = value;
  for (const step of path) {
    if (current === undefined || current === null) return undefined;
    if (typeof step === "number") {
      // cdktf writes a single nested block as an object; state holds it as a one-element list.
      current = Array.isArray(current) ? current[step] : step === 0 ? current : undefined;
    } else {
      current = Array.isArray(current) && current.length === 1 ? (current[0] as Record<string, unknown>)[step] : (current as Record<string, unknown>)[step];
    }
  }
  return current;
}

/**
 * The values a stack's resources and outputs would plausibly hold after an apply: configured
 * attributes resolved through references, computed ones from the table above. The mocked apply
 * feeds them to Terraform (overrides, remote-state outputs) and its assertions expect them.
 */
export class PlausibleStack {
  constructor(
    public readonly stackName: string,
    public readonly json: StackJson,
    /** Outputs of the stacks this one reads through `terraform_remote_state`, by data source name. */
    private readonly remoteOutputs: (dataSourceName: string) => Record<string, unknown> | undefined = () => undefined,
  ) {}

  private config(address: Address): Record<string, unknown> | undefined {
    if (address.startsWith("data.")) {
      const [, type, name] = address.split(".");
      return this.json.data?.[type]?.[name];
    }
    const [type, name] = address.split(".");
    return this.json.resource?.[type]?.[name];
  }

  /** Computed values of one resource or data source instance (empty for types without a table entry). */
  computed(address: Address, depth = 0): Record<string, unknown> {
    const seed = `${this.stackName}/${address}`;
    if (address.startsWith("data.")) {
      const type = address.split(".")[1];
      return DATA_COMPUTED[type]?.(seed) ?? {};
    }
    const type = address.split(".")[0];
    const fn = AZURERM_COMPUTED[type];
    if (!fn) return {};
    const config = this.config(address) ?? {};
    const str = (attribute: string): string | undefined => {
      const v = this.resolve(config[attribute], depth + 1);
      return typeof v === "string" ? v : undefined;
    };
    const ctx: InstanceContext = {
      seed,
      location: str("location") ?? "eastus",
      str,
      name: () => str("name") ?? address.split(".")[1].toLowerCase().replace(/[^a-z0-9-]/g, "-"),
      resourceGroupId: () => `/subscriptions/${MOCK_SUBSCRIPTION_ID}/resourceGroups/${str("resource_group_name") ?? "rg"}`,
    };
    return fn(ctx);
  }

  /** The value at a reference, or undefined when it cannot be known before apply. */
  attribute(ref: Reference, depth = 0): unknown {
    if (depth > 20) return undefined;
    if (ref.address.startsWith("data.terraform_remote_state.")) {
      const outputs = this.remoteOutputs(ref.address.split(".")[2]);
      if (ref.path[0] !== "outputs" || outputs === undefined) return undefined;
      return walk(outputs, ref.path.slice(1));
    }
    const computed = this.computed(ref.address, depth);
    const [head] = ref.path;
    if (typeof head === "string" && head in computed) return walk(computed, ref.path);
    const config = this.config(ref.address);
    if (config === undefined) return undefined;
    return this.resolve(walk(config, ref.path), depth + 1);
  }

  /**
   * A configured value with its references resolved: a string that is one whole `${ref}` takes
   * the referenced value's type; references inside a longer string are substituted; anything with
   * a function call or an unknowable reference is undefined.
   */
  resolve(value: unknown, depth = 0): unknown {
    if (depth > 20) return undefined;
    if (typeof value === "string") {
      if (!value.includes("${")) return value;
      const whole = /^\$\{([^{}]*)\}$/.exec(value);
      if (whole) {
        const ref = parseReference(whole[1]);
        return ref ? this.attribute(ref, depth + 1) : undefined;
      }
      let unresolved = false;
      const out = value.replace(/\$\{([^{}]*)\}/g, (_m, inner: string) => {
        const ref = parseReference(inner);
        const v = ref ? this.attribute(ref, depth + 1) : undefined;
        if (v === undefined || typeof v === "object") {
          unresolved = true;
          return "";
        }
        return String(v);
      });
      return unresolved ? undefined : out;
    }
    if (Array.isArray(value)) {
      const items = value.map((v) => this.resolve(v, depth + 1));
      return items.some((v) => v === undefined) ? undefined : items;
    }
    if (value !== null && typeof value === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        const r = this.resolve(v, depth + 1);
        if (r === undefined) return undefined;
        out[k] = r;
      }
      return out;
    }
    return value;
  }

  /** Every output's plausible value, for the stacks that read this one's state. */
  outputs(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [name, output] of Object.entries(this.json.output ?? {})) {
      const value = this.resolve(output.value);
      if (value === undefined) {
        throw new Error(`${this.stackName}: output ${name} (${JSON.stringify(output.value)}) has no plausible value: add its attribute to plausible-values.ts`);
      }
      out[name] = value;
    }
    return out;
  }
}
