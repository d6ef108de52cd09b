import { Testing } from "cdktf";
import { DATA_LAYER_SECRET_KEYS } from "../../constructs/data-layer-contract";
import { AksPlatformStack } from "../../stacks/aks-platform-stack";
import { subnetAfter } from "../../stacks/data-layer-from-tier";
import { EnterpriseGlobalStack } from "../../stacks/enterprise-global-stack";
import { buildPlatform, PlatformStacks } from "../../stacks/platform-app";
import { ENTERPRISE_TIER } from "../../tiers/enterprise";
import { SMALL_PROD_TIER } from "../../tiers/small-prod";
import { DataLayerKind, TierSpec } from "../../tiers/tier-spec";
import { SynthJson, onlyResource, resourcesOf, synthApp, synthJson } from "../helpers";

// The data layer of every tier, asserted on the stacks as `cdktf synth` writes them (cross-stack
// references are remote-state lookups): SKUs, throughput, replicas, regions, consistency,
// lifecycle days, destroy protection, and no secret value anywhere in the output.

let stacks!: PlatformStacks;
const json = synthApp((app) => {
  stacks = buildPlatform(app, { platformName: "omega" });
});

function stack(name: string): SynthJson {
  const found = json.get(name);
  if (!found) throw new Error(`no stack ${name}`);
  return found;
}

type Resource = Record<string, any>;

function all(synthesized: SynthJson, type: string): Resource[] {
  return resourcesOf(synthesized, type) as Resource[];
}

const ENTERPRISE_REGIONS = ["eastus", "westeurope", "southeastasia"];
const REGIONAL = ["small-prod", ...ENTERPRISE_REGIONS.map((r) => `enterprise-${r}`)];
const AZURE_DATA_STACKS = ["staging", ...REGIONAL, "enterprise-global"];

/** A stack's storage accounts by role: the data layer's, and the one Redis persists into (Premium only). */
function storageAccounts(synthesized: SynthJson): { data: Resource; rdb?: Resource } {
  const byName = Object.entries(synthesized.resource?.azurerm_storage_account ?? {}) as [string, Resource][];
  const named = (prefix: string) => byName.filter(([name]) => name.startsWith(prefix)).map(([, r]) => r);
  expect(byName.length).toBe(named("Data_Storage_").length + named("Data_RedisPersistence_").length);
  expect(named("Data_Storage_")).toHaveLength(1);
  return { data: named("Data_Storage_")[0], rdb: named("Data_RedisPersistence_")[0] };
}

/** Persistence into an account of its own, with neither soft delete nor versioning to hoard snapshots. */
function expectOwnPersistenceAccount(synthesized: SynthJson, replication: string): void {
  const { rdb } = storageAccounts(synthesized);
  expect(rdb).toMatchObject({
    account_replication_type: replication,
    shared_access_key_enabled: false,
    public_network_access_enabled: true,
    network_rules: { default_action: "Deny", bypass: ["AzureServices"] },
    blob_properties: { versioning_enabled: false },
    lifecycle: { prevent_destroy: true },
  });
  expect(rdb?.blob_properties.delete_retention_policy).toBeUndefined();
  const redis = onlyResource(synthesized, "azurerm_redis_cache");
  expect(redis.redis_configuration.rdb_storage_connection_string).toMatch(/^BlobEndpoint=\$\{azurerm_storage_account\.Data_RedisPersistence_[0-9A-F]{8}\.primary_blob_endpoint\}$/);
}

/** The resources that hold data the platform must never lose (Redis only when it persists). */
function statefulResources(synthesized: SynthJson): [string, Resource][] {
  const types = ["azurerm_cosmosdb_account", "azurerm_cosmosdb_mongo_database", "azurerm_storage_account", "azurerm_key_vault"];
  const found: [string, Resource][] = types.flatMap((type) => resourcesOf(synthesized, type).map((r): [string, Resource] => [type, r]));
  for (const redis of resourcesOf(synthesized, "azurerm_redis_cache") as Resource[]) {
    if (redis.redis_configuration?.rdb_backup_enabled) found.push(["azurerm_redis_cache", redis]);
  }
  return found;
}

/** Vault secrets by name: the ARM expression that computes each value (they are written through ARM). */
function secretsOf(synthesized: SynthJson): Record<string, string> {
  return Object.fromEntries(
    resourcesOf(synthesized, "azurerm_resource_group_template_deployment").map((d) => {
      const resource = JSON.parse(d.template_content as string).resources[0];
      return [/'([^']+)'\)\]$/.exec(resource.name as string)?.[1] as string, resource.properties.value as string];
    }),
  );
}

/** An ARM template with its expressions (`"[...]"`, evaluated by Resource Manager) blanked, as `${...}` are for Terraform. */
function withoutArmExpressions(template: string): unknown {
  return JSON.parse(template, (_key, value) => (typeof value === "string" && /^\[[^[].*\]$/s.test(value) ? "(arm expression)" : value));
}

type Rule = { filters: { prefix_match: string[] }; actions: { base_blob: Record<string, number>; version: Record<string, number> } };

describe("staging", () => {
  const st = () => stack("staging");

  test("Cosmos DB: 400 RU/s in eastus, Session, periodic backup daily kept 30 days", () => {
    const account = onlyResource(st(), "azurerm_cosmosdb_account");
    expect(account.geo_location).toEqual([{ location: "eastus", failover_priority: 0, zone_redundant: false }]);
    expect(account.consistency_policy).toEqual({ consistency_level: "Session" });
    expect(account.multiple_write_locations_enabled).toBe(false);
    expect(account.backup).toEqual({ type: "Periodic", interval_in_minutes: 1440, retention_in_hours: 720, storage_redundancy: "Geo" });
    expect(onlyResource(st(), "azurerm_cosmosdb_mongo_database").throughput).toBe(400);
  });

  test("Redis Basic C1, TLS only; no AI Search", () => {
    expect(onlyResource(st(), "azurerm_redis_cache")).toMatchObject({
      sku_name: "Basic",
      family: "C",
      capacity: 1,
      non_ssl_port_enabled: false,
      minimum_tls_version: "1.2",
    });
    expect(resourcesOf(st(), "azurerm_search_service")).toEqual([]);
  });

  test("locally redundant storage; Redis through a private endpoint for the container groups; Basic Redis persists nothing", () => {
    const { data, rdb } = storageAccounts(st());
    expect(data).toMatchObject({ account_replication_type: "LRS" });
    expect(rdb).toBeUndefined();
    expect(onlyResource(st(), "azurerm_key_vault")).toMatchObject({ purge_protection_enabled: true, rbac_authorization_enabled: true });
    const endpoint = onlyResource(st(), "azurerm_private_endpoint");
    expect(endpoint.private_service_connection).toMatchObject({ subresource_names: ["redisCache"], private_connection_resource_id: expect.stringMatching(/^\$\{azurerm_redis_cache\./) });
    expect(endpoint.subnet_id).toMatch(/^\$\{azurerm_subnet\.Network_PrivateEndpointSubnet_/);
  });

  test("no store is open to the internet: Cosmos DB, Key Vault and storage admit the services subnet only, Redis has no public access", () => {
    const services = `\${azurerm_subnet.${Object.entries(st().resource?.azurerm_subnet ?? {}).find(([, s]) => (s as Resource).name === "services")?.[0]}.id}`;
    expect(services).toMatch(/^\$\{azurerm_subnet\.Network_ServicesSubnet_[0-9A-F]{8}\.id\}$/);
    expect(onlyResource(st(), "azurerm_cosmosdb_account")).toMatchObject({ is_virtual_network_filter_enabled: true, virtual_network_rule: [{ id: services }] });
    expect(onlyResource(st(), "azurerm_cosmosdb_account").ip_range_filter).toBeUndefined();
    expect(onlyResource(st(), "azurerm_key_vault").network_acls).toEqual({ default_action: "Deny", bypass: "AzureServices", virtual_network_subnet_ids: [services] });
    expect(storageAccounts(st()).data.network_rules).toEqual({ default_action: "Deny", bypass: ["AzureServices"], virtual_network_subnet_ids: [services] });
    expect(onlyResource(st(), "azurerm_redis_cache").public_network_access_enabled).toBe(false);
    // The rules take effect through the subnet's service endpoints.
    const subnet = Object.values(st().resource?.azurerm_subnet ?? {}).find((s) => (s as Resource).name === "services") as Resource;
    expect((subnet.service_endpoint as { service: string }[]).map((e) => e.service)).toEqual(expect.arrayContaining(["Microsoft.AzureCosmosDB", "Microsoft.KeyVault", "Microsoft.Storage"]));
    expect(stacks.staging.dataLayer.publicNetworkAccessEnabled).toBe(false);
    expect(stacks.staging.dataLayer.serviceEndpointSubnetIds).toEqual([stacks.staging.network.servicesSubnetId]);
  });

  test("a hosted runner deploys: everything Terraform writes to the stores goes through Azure Resource Manager", () => {
    const provider = (st().provider as Record<string, Resource[]>).azurerm[0];
    expect(provider.features).toEqual([{ storage: [{ data_plane_available: false }] }]);
    const containers = resourcesOf(st(), "azurerm_storage_container");
    expect(containers).toHaveLength(3);
    for (const c of containers) {
      expect(c.storage_account_id).toMatch(/^\$\{azurerm_storage_account\./);
      expect(c.storage_account_name).toBeUndefined();
    }
    expect(onlyResource(st(), "azurerm_storage_management_policy").storage_account_id).toMatch(/^\$\{azurerm_storage_account\./);
    // Secrets are template deployments; no data-plane resource types at all.
    expect(Object.keys(secretsOf(st())).sort()).toEqual(["blob-endpoint", DATA_LAYER_SECRET_KEYS.mongodbUri, DATA_LAYER_SECRET_KEYS.redisUrl].sort());
    const dataPlane = ["azurerm_key_vault_secret", "azurerm_key_vault_key", "azurerm_storage_blob", "azurerm_storage_queue", "azurerm_storage_share", "azurerm_storage_table", "azurerm_storage_data_lake_gen2_filesystem"];
    for (const type of dataPlane) expect([type, resourcesOf(st(), type)]).toEqual([type, []]);
  });
});

describe("small-prod", () => {
  const sp = () => stack("small-prod");

  test("Cosmos DB: 1000 RU/s in eastus only, zone redundant, continuous backup, no public access", () => {
    const account = onlyResource(sp(), "azurerm_cosmosdb_account");
    expect(account.geo_location).toEqual([{ location: "eastus", failover_priority: 0, zone_redundant: true }]);
    expect(account).toMatchObject({ multiple_write_locations_enabled: false, automatic_failover_enabled: true, public_network_access_enabled: false });
    expect(account.backup).toEqual({ type: "Continuous", tier: "Continuous30Days" });
    expect(onlyResource(sp(), "azurerm_cosmosdb_mongo_database").throughput).toBe(1000);
  });

  test("Redis Premium P1 over zones 1 and 2, persisting hourly to storage, no public access", () => {
    const redis = onlyResource(sp(), "azurerm_redis_cache");
    expect(redis).toMatchObject({ sku_name: "Premium", family: "P", capacity: 1, zones: ["1", "2"], public_network_access_enabled: false });
    expect(redis.shard_count).toBeUndefined();
    expect(redis.redis_configuration).toMatchObject({ rdb_backup_enabled: true, rdb_backup_frequency: 60 });
  });

  test("AI Search Basic, one replica, no public access", () => {
    expect(onlyResource(sp(), "azurerm_search_service")).toMatchObject({ sku: "basic", replica_count: 1, partition_count: 1, public_network_access_enabled: false });
  });

  test("geo-redundant storage without public access; Key Vault without public access", () => {
    expect(storageAccounts(sp()).data).toMatchObject({ account_replication_type: "GRS", public_network_access_enabled: false });
    expect(onlyResource(sp(), "azurerm_key_vault").public_network_access_enabled).toBe(false);
  });

  test("Redis persists into a geo-redundant account of its own, without soft delete or versioning", () => {
    expectOwnPersistenceAccount(sp(), "GRS");
  });

  test("five private endpoints in the 10.1.4.0/24 endpoint subnet", () => {
    const subnet = resourcesOf(sp(), "azurerm_subnet").find((s) => s.name === "private-endpoints");
    expect(subnet?.address_prefixes).toEqual(["10.1.4.0/24"]);
    const endpoints = all(sp(), "azurerm_private_endpoint");
    expect(endpoints.map((e) => e.private_service_connection.subresource_names[0]).sort()).toEqual(["MongoDB", "blob", "redisCache", "searchService", "vault"]);
    expect(stacks.smallProd.platform.dataLayer.privateEgress).toEqual([{ cidr: "10.1.4.0/24", ports: [443, 6380, 10255] }]);
  });
});

describe("enterprise-global", () => {
  const g = () => stack("enterprise-global");

  // Issue 15: one write region (eastus) and reads in all three bills throughput at half the
  // multi-region-write rate; eastus fails over to westeurope, then southeastasia.
  test("one Cosmos DB account across eastus, westeurope and southeastasia, written in eastus, zone redundant there only", () => {
    const account = onlyResource(g(), "azurerm_cosmosdb_account");
    expect(account.geo_location).toEqual(ENTERPRISE_REGIONS.map((location, i) => ({ location, failover_priority: i, zone_redundant: i === 0 })));
    expect(account).toMatchObject({ location: "eastus", multiple_write_locations_enabled: false, automatic_failover_enabled: true, public_network_access_enabled: false });
    expect(account.backup).toEqual({ type: "Continuous", tier: "Continuous30Days" });
  });

  test("a consistency Azure accepts across 5,000+ miles: Session, not seed 004's Strong", () => {
    expect(onlyResource(g(), "azurerm_cosmosdb_account").consistency_policy).toEqual({ consistency_level: "Session" });
  });

  test("10000 RU/s", () => {
    expect(onlyResource(g(), "azurerm_cosmosdb_mongo_database").throughput).toBe(10000);
  });

  test("nothing regional: no cache, search, storage or vault", () => {
    for (const type of ["azurerm_redis_cache", "azurerm_search_service", "azurerm_storage_account", "azurerm_key_vault"]) {
      expect([type, resourcesOf(g(), type).length]).toEqual([type, 0]);
    }
  });
});

describe.each(ENTERPRISE_REGIONS)("enterprise-%s", (region) => {
  const r = () => stack(`enterprise-${region}`);

  test("no Cosmos DB account of its own: the global one, by remote state", () => {
    expect(resourcesOf(r(), "azurerm_cosmosdb_account")).toEqual([]);
    expect(Object.keys(r().data?.terraform_remote_state ?? {})).toContain("cross-stack-reference-input-enterprise-global");
    // ARM reads the connection string by the global account's id: the string itself never crosses stacks.
    const mongo = all(r(), "azurerm_resource_group_template_deployment").find((d) => String(d.template_content).includes("'mongodb-uri'"));
    expect(mongo?.parameters_content).toMatch(
      /"source" = \{"value" = data\.terraform_remote_state\.cross-stack-reference-input-enterprise-global\.outputs\.cross-stack-output-azurerm_cosmosdb_account[^.}]+id\}/,
    );
    expect(JSON.stringify(r())).not.toContain("primary_mongodb_connection_string");
    const cosmosEndpoint = all(r(), "azurerm_private_endpoint").find((e) => e.private_service_connection.subresource_names[0] === "MongoDB");
    expect(cosmosEndpoint?.private_service_connection.private_connection_resource_id).toMatch(/^\$\{data\.terraform_remote_state\.cross-stack-reference-input-enterprise-global\./);
  });

  // Issue 15: seed 004's 26 GB in one clustered shard (the second shard doubled the cache's price).
  test("Redis Premium P3 (seed 004's 26 GB), clustering enabled with one shard, over zones 1 and 2", () => {
    expect(onlyResource(r(), "azurerm_redis_cache")).toMatchObject({ sku_name: "Premium", family: "P", capacity: 3, shard_count: 1, zones: ["1", "2"], location: region });
  });

  test("AI Search Standard: one of the tier's 3 replicas in each region", () => {
    expect(onlyResource(r(), "azurerm_search_service")).toMatchObject({ sku: "standard", replica_count: 1, partition_count: 1, location: region });
  });

  test("its own geo-redundant storage and Key Vault", () => {
    expect(storageAccounts(r()).data).toMatchObject({ account_replication_type: "GRS", location: region, public_network_access_enabled: false });
    expect(onlyResource(r(), "azurerm_key_vault").location).toBe(region);
  });

  // Issue 26: a geo-redundant account would copy each hourly snapshot to the paired region ($0.02/GB);
  // the other two regions run caches of their own.
  test("Redis persists into a zone-redundant account of its own, without soft delete or versioning", () => {
    expectOwnPersistenceAccount(r(), "ZRS");
    expect(storageAccounts(r()).rdb?.location).toBe(region);
  });

  test("egress to the endpoints includes the cluster ports of the shard's primary and replica", () => {
    const egress = stacks.enterpriseRegions.get(region)?.platform.dataLayer.privateEgress;
    expect(egress?.[0].ports).toEqual([443, 6380, 10255, 15000, 15001]);
  });
});

describe("every Azure stack with data", () => {
  test("storage lifecycle: hot -> cool after 7 days -> archive after 90; logs deleted after 365; versions after 90", () => {
    for (const name of ["staging", ...REGIONAL]) {
      const rules = onlyResource(stack(name), "azurerm_storage_management_policy").rule as Rule[];
      expect([name, rules.map((rule) => rule.filters.prefix_match[0])]).toEqual([name, ["backups/", "artifacts/", "logs/"]]);
      for (const rule of rules) {
        expect(rule.actions.base_blob.tier_to_cool_after_days_since_modification_greater_than).toBe(7);
        expect(rule.actions.base_blob.tier_to_archive_after_days_since_modification_greater_than).toBe(90);
        expect(rule.actions.version.delete_after_days_since_creation).toBe(90);
      }
      expect(rules[2].actions.base_blob.delete_after_days_since_modification_greater_than).toBe(365);
      const account = storageAccounts(stack(name)).data;
      expect(account.blob_properties).toMatchObject({ versioning_enabled: true, delete_retention_policy: { days: 90 } });
      expect(account).toMatchObject({ https_traffic_only_enabled: true, min_tls_version: "TLS1_2", allow_nested_items_to_be_public: false });
    }
  });

  test("prevent_destroy on every stateful resource of staging and production", () => {
    let checked = 0;
    for (const name of AZURE_DATA_STACKS) {
      const stateful = statefulResources(stack(name));
      expect([name, stateful.length > 0]).toEqual([name, true]);
      for (const [type, resource] of stateful) {
        expect([name, type, resource.lifecycle?.prevent_destroy]).toEqual([name, type, true]);
        checked++;
      }
    }
    // staging 4 (account, database, storage, vault); small-prod 6 (+ persisted Redis and the
    // account it persists into); each enterprise region 4 (storage, vault, Redis, its persistence
    // account); the global stack 2.
    expect(checked).toBe(4 + 6 + 3 * 4 + 2);
  });

  test("Key Vault: purge protection and Azure RBAC in every environment", () => {
    for (const name of ["staging", ...REGIONAL]) {
      expect([name, onlyResource(stack(name), "azurerm_key_vault")]).toMatchObject([name, { purge_protection_enabled: true, rbac_authorization_enabled: true, soft_delete_retention_days: 90 }]);
    }
  });

  test("each environment's Key Vault holds its stores' connection details, every value computed by ARM from a parameter, none written by Terraform", () => {
    const expected: Record<string, string[]> = {
      staging: ["blob-endpoint", "mongodb-uri", "redis-url"],
      "small-prod": ["blob-endpoint", "mongodb-uri", "redis-url", "search-api-key", "search-endpoint"],
    };
    // The edge's token check gets two keys nobody needs to know, generated by ARM (newGuid), never passed by Terraform.
    const generated = ["edge-token-check-client", "edge-token-check-cookie"];
    for (const name of ["staging", ...REGIONAL]) {
      const secrets = secretsOf(stack(name));
      const edge = name === "staging" ? [] : generated;
      expect([name, Object.keys(secrets).sort()]).toEqual([name, [...(expected[name] ?? expected["small-prod"]), ...edge].sort()]);
      for (const [key, value] of Object.entries(secrets)) {
        const pattern = edge.includes(key) ? /^\[parameters\('generated'\)\]$/ : /^\[.*parameters\('source'\).*\]$/;
        expect([name, key, value]).toEqual([name, key, expect.stringMatching(pattern)]);
      }
      for (const d of resourcesOf(stack(name), "azurerm_resource_group_template_deployment")) {
        const template = JSON.parse(d.template_content as string);
        if (!template.parameters.generated) continue;
        expect([name, template.parameters.generated]).toEqual([name, { type: "securestring", defaultValue: "[replace(newGuid(), '-', '')]" }]);
        // Terraform passes the vault's name only: the value exists only inside Resource Manager.
        expect([name, String(d.parameters_content).includes("generated")]).toEqual([name, false]);
        // ARM echoes the securestring parameter without its value: comparing parameters_content would
        // show a change on every plan and rotate the secret on every apply, so it is not compared.
        expect([name, d.lifecycle]).toEqual([name, { ignore_changes: ["parameters_content"] }]);
      }
      expect([name, resourcesOf(stack(name), "azurerm_key_vault_secret")]).toEqual([name, []]);
    }
  });

  test("no secret value in plaintext in any synthesized stack", () => {
    const credentialInUrl = /[a-z][a-z0-9+.-]*:\/\/[^\s"/@$]*:[^\s"/@$]+@/i;
    const connectionStringKey = /(AccountKey|SharedAccessKey|password|pwd)\s*=/i;
    // Azure keys are 44 (Redis) or 88 (Cosmos DB) base64 characters: long runs mixing digits and cases.
    const keyLike = (text: string) =>
      text.split(/[^A-Za-z0-9+/=]+/).find((run) => run.length >= 40 && /[0-9]/.test(run) && /[A-Z]/.test(run) && /[a-z]/.test(run));
    for (const [name, synthesized] of json) {
      // cdktf's "//" metadata holds construct paths, which look like long base64 runs; values do not.
      // ARM templates are checked too, with their expressions blanked like Terraform's below.
      const text = JSON.stringify(synthesized, (key, value) =>
        key === "//" ? undefined : key === "template_content" && typeof value === "string" ? withoutArmExpressions(value) : value,
      );
      // Terraform expressions (references, and format strings such as "rediss://:%s@") are not values.
      const values = text.replace(/\$\{[^}]*\}/g, "");
      expect([name, credentialInUrl.exec(values)?.[0]]).toEqual([name, undefined]);
      expect([name, connectionStringKey.exec(values)?.[0]]).toEqual([name, undefined]);
      expect([name, keyLike(values)]).toEqual([name, undefined]);
      for (const [outputName, output] of Object.entries(synthesized.output ?? {})) {
        if (/primary_mongodb_connection_string|primary_access_key|primary_key/.test(outputName)) {
          expect([name, outputName, output.sensitive]).toEqual([name, outputName, true]);
        }
      }
    }
  });

  test("the plaintext check fails on a connection string with a credential", () => {
    const credentialInUrl = /[a-z][a-z0-9+.-]*:\/\/[^\s"/@$]*:[^\s"/@$]+@/i;
    const keyLike = (text: string) =>
      text.split(/[^A-Za-z0-9+/=]+/).find((run) => run.length >= 40 && /[0-9]/.test(run) && /[A-Z]/.test(run) && /[a-z]/.test(run));
    expect(keyLike('{"value":"a" , "k":"Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6QUJDREVGR0g="}')).toBeDefined();
    expect(keyLike('{"path":"dev/Workloads/AgentTeams/analysis/Resource"}')).toBeUndefined();
    expect(credentialInUrl.test(JSON.stringify({ value: "mongodb://omega:c2VjcmV0@omega.mongo.cosmos.azure.com:10255/" }))).toBe(true);
    expect(credentialInUrl.test(JSON.stringify({ value: "mongodb://mongodb.platform.svc.cluster.local:27017/omega" }))).toBe(false);
  });
});

describe("the workloads' contract", () => {
  test("the Secret and keys the workloads read are the data layer's, in every tier", () => {
    expect(stacks.dev.data.connection).toMatchObject({ secretName: "omega-secrets", keys: DATA_LAYER_SECRET_KEYS });
    for (const regional of [stacks.smallProd, ...stacks.enterpriseRegions.values()]) {
      expect(regional.workloads.dataSecrets.connection).toMatchObject({ secretName: "omega-secrets", keys: DATA_LAYER_SECRET_KEYS });
    }
    for (const name of REGIONAL) {
      const platform = name === "small-prod" ? stacks.smallProd.platform : stacks.enterpriseRegions.get(name.replace("enterprise-", ""))?.platform;
      const source = platform?.dataLayer.secretSource;
      expect([name, source?.secretName, source?.objects.map((o) => o.secretKey)]).toEqual([
        name,
        "omega-secrets",
        expect.arrayContaining(["mongodb-uri", "redis-url"]),
      ]);
    }
  });

  test("federation-core reads MONGODB_URI from omega-secrets/mongodb-uri on every cluster", () => {
    for (const name of ["dev", ...REGIONAL.map((r) => `${r}-workloads`)]) {
      const deployment = all(stack(name), "kubernetes_deployment_v1").find((d) => d.metadata.name === "federation-core");
      const env = deployment?.spec.template.spec.container[0].env as { name: string; value_from?: { secret_key_ref: { name: string; key: string } } }[];
      expect([name, env.find((e) => e.name === "MONGODB_URI")?.value_from?.secret_key_ref]).toEqual([name, { name: "omega-secrets", key: "mongodb-uri" }]);
    }
  });

  test("the identity trusts omega-data and each perimeter service that reads the data layer, on its cluster's issuer", () => {
    const credentials = resourcesOf(stack("small-prod"), "azurerm_federated_identity_credential").filter((c) =>
      String(c.subject).startsWith("system:serviceaccount:platform:"),
    );
    expect(credentials.map((c) => c.subject).sort()).toEqual([
      "system:serviceaccount:platform:agent-registry",
      "system:serviceaccount:platform:context-server",
      "system:serviceaccount:platform:federation-core",
      "system:serviceaccount:platform:mcp-registry",
      "system:serviceaccount:platform:omega-data",
    ]);
    for (const c of credentials) expect(c.issuer).toMatch(/^\$\{azurerm_kubernetes_cluster\..+\.oidc_issuer_url\}$/);
    const readers = resourcesOf(stack("small-prod"), "azurerm_role_assignment").filter((a) => a.role_definition_name === "Key Vault Secrets User");
    // The data identity and the edge's token check (the origin certificate and its keys): Grafana's
    // login is the chart's own Secret, not the vault's.
    expect(readers.map((r) => String(r.principal_id).replace(/^\$\{azurerm_user_assigned_identity\.([A-Za-z]+)_.*$/, "$1")).sort()).toEqual(["Data", "EdgeIdentity"]);
  });
});

describe("wiring", () => {
  test("a regional stack of a multi-region Cosmos tier needs the global account", () => {
    expect(() => new AksPlatformStack(Testing.app(), "enterprise-eastus", { platformName: "omega", tier: ENTERPRISE_TIER, region: ENTERPRISE_TIER.regions[0] })).toThrow(
      "enterprise-eastus: invalid cosmosAccount undefined: expected the account of the global stack: the tier's Cosmos DB spans 3 regions, so no regional stack owns it",
    );
  });

  test("a tier's autoscale option makes its throughput the autoscale maximum", () => {
    if (SMALL_PROD_TIER.dataLayer.kind !== DataLayerKind.MANAGED) throw new Error("small-prod data layer");
    const data = SMALL_PROD_TIER.dataLayer;
    const tier: TierSpec = { ...SMALL_PROD_TIER, dataLayer: { ...data, cosmos: { ...data.cosmos, autoscale: true, throughputRuPerSecond: 4000 } } };
    const platform = new AksPlatformStack(Testing.app(), "small-prod", { platformName: "omega", tier, region: tier.regions[0] });
    const database = onlyResource(synthJson(platform), "azurerm_cosmosdb_mongo_database");
    expect(database.autoscale_settings).toEqual({ max_throughput: 4000 });
    expect(database.throughput).toBeUndefined();
  });

  test("fails when a tier's autoscale maximum is not a multiple of 1000, naming the tier's field", () => {
    if (SMALL_PROD_TIER.dataLayer.kind !== DataLayerKind.MANAGED) throw new Error("small-prod data layer");
    const data = SMALL_PROD_TIER.dataLayer;
    const tier: TierSpec = { ...SMALL_PROD_TIER, dataLayer: { ...data, cosmos: { ...data.cosmos, autoscale: true, throughputRuPerSecond: 1500 } } };
    expect(() => new AksPlatformStack(Testing.app(), "small-prod", { platformName: "omega", tier, region: tier.regions[0] })).toThrow(
      "small-prod: invalid tier.dataLayer.cosmos.throughputRuPerSecond 1500: expected a multiple of 1000 RU/s with autoscale (the autoscale maximum)",
    );
  });

  test("a region without an endpoint subnet gets the first /24 after its cluster subnet", () => {
    expect(subnetAfter("10.10.0.0/22")).toBe("10.10.4.0/24");
    expect(subnetAfter("10.0.0.0/25")).toBe("10.0.1.0/24");
    const tier: TierSpec = { ...ENTERPRISE_TIER, regions: ENTERPRISE_TIER.regions.map(({ privateEndpointSubnetPrefix: _, ...r }) => r) };
    const app = Testing.app();
    const global = new EnterpriseGlobalStack(app, "enterprise-global", { platformName: "omega", tier });
    const platform = new AksPlatformStack(app, "enterprise-westeurope", { platformName: "omega", tier, region: tier.regions[1], cosmosAccount: global.cosmos, edge: global.edge });
    const subnet = resourcesOf(synthJson(platform), "azurerm_subnet").find((s) => s.name === "private-endpoints");
    expect(subnet?.address_prefixes).toEqual(["10.20.4.0/24"]);
  });
});
