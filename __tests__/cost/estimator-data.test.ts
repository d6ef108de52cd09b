import { UnpricedKind } from "../../cost/cost-estimate";
import { estimateCost } from "../../cost/estimator";
import { lineOf, tf } from "./cost-fixtures";

// Hand-built JSON for the data layer, monitoring and networking types, priced by hand from
// cost/price-table.ts with 730 hours a month.

function cosmosAccount(overrides: Record<string, unknown> = {}, zoneRedundant = false, regions = ["eastus"]): Record<string, unknown> {
  return {
    name: "omega-cosmos",
    location: regions[0],
    kind: "MongoDB",
    offer_type: "Standard",
    geo_location: regions.map((location, i) => ({ location, failover_priority: i, zone_redundant: zoneRedundant })),
    backup: { type: "Periodic" },
    ...overrides,
  };
}

function database(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: "omega", account_name: "${azurerm_cosmosdb_account.account.name}", resource_group_name: "rg", throughput: 1000, ...overrides };
}

describe("Cosmos DB", () => {
  test("1000 RU/s in one region: 10 x 0.008 x 730 = 58.40", () => {
    const e = estimateCost(tf({ azurerm_cosmosdb_account: { account: cosmosAccount() }, azurerm_cosmosdb_mongo_database: { db: database() } }));
    expect(lineOf(e, "Cosmos DB throughput: 1000 RU/s").monthlyUsd).toEqual({ min: 58.4, expected: 58.4, max: 58.4 });
  });

  test("zone redundancy on a single-write account: x 1.25 = 73.00, shown in the quantity", () => {
    const e = estimateCost(tf({ azurerm_cosmosdb_account: { account: cosmosAccount({}, true) }, azurerm_cosmosdb_mongo_database: { db: database() } }));
    const line = lineOf(e, "Cosmos DB throughput: 1000 RU/s");
    expect(line.monthlyUsd.expected).toBeCloseTo(73, 6);
    expect(line.priceIds).toContain("cosmos/availability-zones@all regions");
    expect(line.quantity).toBe("10 x 100 RU/s x 1 region x 1.25 (zone redundant) x 730 h x $0.008");
  });

  test("one write region, reads in three zone-redundant regions: 100 x 0.008 x 3 x 1.25 x 730 = 2190, 1314 below multi-region writes", () => {
    const regions = ["eastus", "westeurope", "southeastasia"];
    const single = estimateCost(tf({ azurerm_cosmosdb_account: { account: cosmosAccount({}, true, regions) }, azurerm_cosmosdb_mongo_database: { db: database({ throughput: 10000 }) } }));
    const multi = estimateCost(
      tf({ azurerm_cosmosdb_account: { account: cosmosAccount({ multiple_write_locations_enabled: true }, true, regions) }, azurerm_cosmosdb_mongo_database: { db: database({ throughput: 10000 }) } }),
    );
    const line = lineOf(single, "Cosmos DB throughput: 10000 RU/s");
    expect(line.monthlyUsd.expected).toBeCloseTo(2190, 6);
    expect(line.quantity).toBe("100 x 100 RU/s x 3 regions x 1.25 (zone redundant) x 730 h x $0.008");
    expect(lineOf(multi, "Cosmos DB throughput: 10000 RU/s, multi-region writes").monthlyUsd.expected - line.monthlyUsd.expected).toBeCloseTo(1314, 6);
  });

  test("10000 RU/s written in three regions: 100 x 0.016 x 3 x 730 = 3504, zone premium waived", () => {
    const account = cosmosAccount({ multiple_write_locations_enabled: true }, true, ["eastus", "westeurope", "southeastasia"]);
    const e = estimateCost(tf({ azurerm_cosmosdb_account: { account }, azurerm_cosmosdb_mongo_database: { db: database({ throughput: 10000 }) } }));
    const line = lineOf(e, "Cosmos DB throughput: 10000 RU/s, multi-region writes");
    expect(line.monthlyUsd.expected).toBeCloseTo(3504, 6);
    expect(line.notes).toContain("zone redundancy in 3 region(s) at no premium (multi-region writes)");
    expect(line.notes).toContain(
      "Cosmos DB provisioned throughput, multi-region writes, per region: no westeurope price in the table, the price of the nearest region with one (US) is used",
    );
  });

  test("autoscale to 4000 RU/s on a single-write account: 40 x 0.012 x 730 = 350.40 at most, 35.04 at the 10% floor", () => {
    const e = estimateCost(
      tf({
        azurerm_cosmosdb_account: { account: cosmosAccount({}, true) },
        azurerm_cosmosdb_mongo_database: { db: database({ throughput: undefined, autoscale_settings: { max_throughput: 4000 } }) },
      }),
    );
    const range = lineOf(e, "Cosmos DB throughput: 4000 RU/s autoscale max").monthlyUsd;
    expect(range.max).toBeCloseTo(350.4, 6);
    expect(range.expected).toBeCloseTo(350.4, 6);
    expect(range.min).toBeCloseTo(35.04, 6);
  });

  test("storage and 30-day continuous backup in every region: 200 GB x 3 x 0.25 = 150, x 0.20 = 120", () => {
    const account = cosmosAccount({ backup: { type: "Continuous", tier: "Continuous30Days" } }, true, ["eastus", "westeurope", "southeastasia"]);
    const e = estimateCost(tf({ azurerm_cosmosdb_account: { account } }), { cosmosStoredGbPerRegion: 200 });
    expect(lineOf(e, "Cosmos DB storage").monthlyUsd.expected).toBeCloseTo(150, 6);
    expect(lineOf(e, "Cosmos DB backup (Continuous30Days)").monthlyUsd.expected).toBeCloseTo(120, 6);
  });

  test("the 7-day continuous tier and periodic backup cost nothing", () => {
    for (const backup of [{ type: "Continuous", tier: "Continuous7Days" }, { type: "Periodic" }]) {
      const e = estimateCost(tf({ azurerm_cosmosdb_account: { account: cosmosAccount({ backup }) } }), { cosmosStoredGbPerRegion: 50 });
      expect(e.lines.find((l) => l.component.startsWith("Cosmos DB backup"))?.monthlyUsd.expected).toBe(0);
    }
  });

  test("a database finds its account by literal name too", () => {
    const e = estimateCost(
      tf({
        azurerm_cosmosdb_account: { account: cosmosAccount({ multiple_write_locations_enabled: true }, false, ["eastus", "westus"]) },
        azurerm_cosmosdb_mongo_database: { db: database({ account_name: "omega-cosmos", throughput: 400 }) },
      }),
    );
    // 4 x 0.016 x 2 x 730 = 93.44.
    expect(lineOf(e, "Cosmos DB throughput: 400 RU/s, multi-region writes").monthlyUsd.expected).toBeCloseTo(93.44, 6);
  });

  test("a database whose account is elsewhere is priced as one single-write region, and says so", () => {
    const line = lineOf(estimateCost(tf({ azurerm_cosmosdb_mongo_database: { db: database({ throughput: 400 }) } })), "Cosmos DB throughput: 400");
    expect(line.monthlyUsd.expected).toBeCloseTo(23.36, 6);
    expect(line.notes).toContain("account not in this configuration: priced as one region (eastus) with single-region writes, a lower bound");
  });

  test("a database without throughput of its own is free; a serverless account is not priced", () => {
    const e = estimateCost(
      tf({
        azurerm_cosmosdb_account: { account: cosmosAccount({ capabilities: [{ name: "EnableServerless" }] }) },
        azurerm_cosmosdb_mongo_database: { db: database({ throughput: undefined }) },
      }),
    );
    expect(e.free.map((f) => f.address)).toEqual(["azurerm_cosmosdb_mongo_database.db"]);
    expect(e.unpriced.map((u) => [u.address, u.kind])).toEqual([["azurerm_cosmosdb_account.account", UnpricedKind.NO_PRICE]]);
  });
});

describe("Redis", () => {
  const redis = (overrides: Record<string, unknown>) =>
    estimateCost(tf({ azurerm_redis_cache: { cache: { name: "r", location: "eastus", ...overrides } } }));

  test("Basic C1: 0.055 x 730 = 40.15", () => {
    expect(lineOf(redis({ sku_name: "Basic", family: "C", capacity: 1 }), "Redis Basic C1").monthlyUsd.expected).toBeCloseTo(40.15, 6);
  });

  test("Premium P1: 404.42, the meter covering primary and replica", () => {
    expect(lineOf(redis({ sku_name: "Premium", family: "P", capacity: 1 }), "Redis Premium P1").monthlyUsd.expected).toBeCloseTo(404.42, 6);
  });

  test("Premium P3 clustered in 2 shards: 2 x 1619.14 = 3238.28", () => {
    expect(lineOf(redis({ sku_name: "Premium", family: "P", capacity: 3, shard_count: 2 }), "Redis Premium P3 x 2 shards").monthlyUsd.expected).toBeCloseTo(3238.28, 6);
  });

  test("two replicas per primary add half a meter: 404.42 x 1.5 = 606.63", () => {
    expect(lineOf(redis({ sku_name: "Premium", family: "P", capacity: 1, replicas_per_primary: 2 }), "Redis Premium P1").monthlyUsd.expected).toBeCloseTo(606.63, 6);
  });

  test("the derived P4 is 2 x P3 = 3238.28 per shard", () => {
    expect(lineOf(redis({ sku_name: "Premium", family: "P", capacity: 4 }), "Redis Premium P4").monthlyUsd.expected).toBeCloseTo(3238.28, 6);
  });

  test("a size without a price is reported", () => {
    expect(redis({ sku_name: "Premium", family: "P", capacity: 5 }).unpriced.map((u) => u.reason)).toEqual(["no price for Redis Premium P5 in the price table"]);
  });
});

describe("AI Search", () => {
  const search = (overrides: Record<string, unknown>) =>
    estimateCost(tf({ azurerm_search_service: { s: { name: "s", location: "eastus", ...overrides } } }));

  test("Basic, 1 x 1: 73.73", () => {
    expect(lineOf(search({ sku: "basic" }), "AI Search basic").monthlyUsd.expected).toBeCloseTo(73.73, 6);
  });

  test("Standard, 3 replicas x 1 partition: 3 x 245.28 = 735.84", () => {
    expect(lineOf(search({ sku: "standard", replica_count: 3 }), "AI Search standard: 3 replicas").monthlyUsd.expected).toBeCloseTo(735.84, 6);
  });

  test("Standard, 3 replicas x 2 partitions: 6 units = 1471.68", () => {
    expect(lineOf(search({ sku: "standard", replica_count: 3, partition_count: 2 }), "AI Search standard").monthlyUsd.expected).toBeCloseTo(1471.68, 6);
  });

  test("standard3 has no price in the table", () => {
    expect(search({ sku: "standard3" }).unpriced.map((u) => u.kind)).toEqual([UnpricedKind.NO_PRICE]);
  });
});

describe("blob storage shares from the lifecycle policy", () => {
  const policy = (base: Record<string, number>) => ({
    storage_account_id: "${azurerm_storage_account.sa.id}",
    rule: [{ name: "tier", enabled: true, filters: { blob_types: ["blockBlob"] }, actions: { base_blob: base } }],
  });
  const estimate = (base: Record<string, number>) =>
    estimateCost(
      tf({
        azurerm_storage_account: { sa: { name: "sa", location: "eastus", account_tier: "Standard", account_replication_type: "LRS" } },
        azurerm_storage_management_policy: { p: policy(base) },
      }),
      { blobStoredGb: 365 },
    );

  test("cool after 7 days, archive after 90, deleted after 365: 7 / 83 / 275 of 365 GB", () => {
    const line = lineOf(estimate({ tier_to_cool_after_days_since_modification_greater_than: 7, tier_to_archive_after_days_since_modification_greater_than: 90, delete_after_days_since_modification_greater_than: 365 }), "Blob storage (LRS)");
    expect(line.monthlyUsd.expected).toBeCloseTo(7 * 0.0184 + 83 * 0.01 + 275 * 0.002, 6);
    expect(line.quantity).toBe("7 GB hot x $0.0184 + 83 GB cool x $0.01 + 275 GB archive x $0.002 per GB-month");
  });

  test("the shares move with the policy: cool after 30 days instead of 7", () => {
    const line = lineOf(estimate({ tier_to_cool_after_days_since_modification_greater_than: 30, tier_to_archive_after_days_since_modification_greater_than: 90, delete_after_days_since_modification_greater_than: 365 }), "Blob storage (LRS)");
    expect(line.quantity).toBe("30 GB hot x $0.0184 + 60 GB cool x $0.01 + 275 GB archive x $0.002 per GB-month");
  });

  test("without a delete rule a blob is assumed kept a year; without a policy all of it is hot", () => {
    const kept = lineOf(estimate({ tier_to_cool_after_days_since_modification_greater_than: 7 }), "Blob storage (LRS)");
    expect(kept.quantity).toBe("7 GB hot x $0.0184 + 358 GB cool x $0.01 + 0 GB archive x $0.002 per GB-month");
    const bare = estimateCost(
      tf({ azurerm_storage_account: { sa: { name: "sa", location: "eastus", account_tier: "Standard", account_replication_type: "LRS" } } }),
      { blobStoredGb: 100 },
    );
    expect(lineOf(bare, "Blob storage (LRS)").notes).toContain("100 GB stored, no lifecycle policy in the configuration: all of it priced as hot");
  });
});

describe("the storage account a Premium cache persists into", () => {
  const estimate = (shards?: number) =>
    estimateCost(
      tf({
        azurerm_storage_account: {
          data: { name: "data", location: "eastus", account_tier: "Standard", account_replication_type: "LRS" },
          rdb: { name: "rdb", location: "eastus", account_tier: "Standard", account_replication_type: "LRS" },
        },
        azurerm_redis_cache: {
          cache: {
            name: "cache",
            location: "eastus",
            sku_name: "Premium",
            family: "P",
            capacity: 3,
            ...(shards === undefined ? {} : { shard_count: shards }),
            redis_configuration: { rdb_backup_enabled: true, rdb_storage_connection_string: "BlobEndpoint=${azurerm_storage_account.rdb.primary_blob_endpoint}" },
          },
        },
      }),
      { blobStoredGb: 500 },
    );
  const line = (e: ReturnType<typeof estimate>, address: string) => e.lines.find((l) => l.address === address)!;

  test("holds the cache's snapshot, at most its memory (P3: 26 GB a shard), all hot; the tier's stored volume stays on the other account", () => {
    const e = estimate();
    expect(line(e, "azurerm_storage_account.rdb").monthlyUsd.expected).toBeCloseTo(26 * 0.0184, 6);
    expect(line(e, "azurerm_storage_account.rdb").notes).toContain(
      "RDB snapshots of azurerm_redis_cache.cache: at most the caches' memory (26 GB), each backup overwriting the last; all hot",
    );
    expect(line(e, "azurerm_storage_account.data").monthlyUsd.expected).toBeCloseTo(500 * 0.0184, 6);
  });

  test("two shards, two snapshots: 52 GB", () => {
    expect(line(estimate(2), "azurerm_storage_account.rdb").monthlyUsd.expected).toBeCloseTo(52 * 0.0184, 6);
  });
});

describe("blob storage", () => {
  const volume = { hotGb: 20, coolGb: 230, archiveGb: 750 };
  const storage = (replication: string, extra: Record<string, unknown> = {}) =>
    estimateCost(
      tf({ azurerm_storage_account: { sa: { name: "sa", location: "eastus", account_tier: "Standard", account_replication_type: replication, ...extra } } }),
      { blobVolumeGb: volume },
    );

  test("LRS: 20 x 0.0184 + 230 x 0.01 + 750 x 0.002 = 4.168", () => {
    expect(lineOf(storage("LRS"), "Blob storage (LRS)").monthlyUsd.expected).toBeCloseTo(4.168, 6);
  });

  test("GRS: 20 x 0.0458 + 230 x 0.022019 + 750 x 0.004404 (derived) = 9.28337", () => {
    expect(lineOf(storage("GRS"), "Blob storage (GRS)").monthlyUsd.expected).toBeCloseTo(9.28337, 6);
  });

  test("RA-GZRS has no price of its own: GRS as a lower bound, said so", () => {
    const line = lineOf(storage("RAGZRS"), "Blob storage (RAGZRS)");
    expect(line.monthlyUsd.expected).toBeCloseTo(9.28337, 6);
    expect(line.notes).toContain("no RAGZRS price in the table: priced at GRS, a lower bound");
  });

  test("ZRS has no archive tier: the archived share is priced as cool, 20 x 0.026 + 980 x 0.0125 = 12.77", () => {
    const line = lineOf(storage("ZRS"), "Blob storage (ZRS)");
    expect(line.monthlyUsd.expected).toBeCloseTo(12.77, 6);
    expect(line.notes).toContain("ZRS has no archive tier: the archived share is priced as cool");
  });

  test("premium accounts are not priced", () => {
    expect(storage("LRS", { account_tier: "Premium", account_kind: "BlockBlobStorage" }).unpriced.map((u) => u.reason)).toEqual([
      "no price for Premium BlockBlobStorage storage in the price table",
    ]);
  });
});

describe("compute, monitoring, networking and secrets", () => {
  test("a container group of 2 vCPU and 4 GiB: (2 x 0.0405 + 4 x 0.00445) x 730 = 72.124", () => {
    const e = estimateCost(
      tf({ azurerm_container_group: { cg: { name: "cg", location: "eastus", os_type: "Linux", container: [{ name: "app", cpu: 2, memory: 4 }] } } }),
    );
    expect(lineOf(e, "container group: 2 vCPU, 4 GiB").monthlyUsd.expected).toBeCloseTo(72.124, 6);
  });

  test("Log Analytics at 2 GB a day in eastus: 2 x 730/24 x 2.30 = 139.92; the daily quota caps it", () => {
    const workspace = (extra: Record<string, unknown>) =>
      estimateCost(tf({ azurerm_log_analytics_workspace: { law: { name: "law", location: "eastus", sku: "PerGB2018", ...extra } } }), {
        logAnalyticsGbPerDay: { min: 1, expected: 2, max: 6 },
      });
    const line = lineOf(workspace({}), "Log Analytics ingestion");
    expect(line.monthlyUsd.expected).toBeCloseTo(139.916667, 5);
    expect(line.monthlyUsd.max).toBeCloseTo(419.75, 6);
    const capped = lineOf(workspace({ daily_quota_gb: 1, retention_in_days: 90 }), "Log Analytics ingestion");
    expect(capped.monthlyUsd.max).toBeCloseTo(69.958333, 5);
    expect(capped.notes).toContain("retention beyond 31 days (90) is billed per GB-month and not priced");
  });

  test("Log Analytics in West Europe at 2.99/GB; in a region without a price, the nearest region's", () => {
    const at = (location: string) =>
      lineOf(estimateCost(tf({ azurerm_log_analytics_workspace: { law: { name: "law", location } } }), { logAnalyticsGbPerDay: { min: 5, expected: 5, max: 5 } }), "Log Analytics");
    expect(at("westeurope").monthlyUsd.expected).toBeCloseTo(5 * (730 / 24) * 2.99, 6);
    expect(at("southeastasia").notes).toContain(
      "Log Analytics ingestion (analytics logs): no southeastasia price in the table, the price of the nearest region with one (West Europe) is used",
    );
  });

  test("a Standard load balancer 0.025 x 730 = 18.25, a Standard public IP 0.005 x 730 = 3.65", () => {
    const e = estimateCost(
      tf({
        azurerm_lb: { lb: { name: "lb", location: "eastus", sku: "Standard" } },
        azurerm_public_ip: { ip: { name: "ip", location: "eastus", sku: "Standard", allocation_method: "Static" } },
      }),
    );
    expect(lineOf(e, "load balancer (Standard, 0 rules)").monthlyUsd.expected).toBeCloseTo(18.25, 6);
    expect(lineOf(e, "public IP (Standard)").monthlyUsd.expected).toBeCloseTo(3.65, 6);
  });

  test("load balancer rules beyond five are noted as not priced", () => {
    const rules = Object.fromEntries(
      Array.from({ length: 6 }, (_, i) => [`r${i}`, { name: `r${i}`, loadbalancer_id: "${azurerm_lb.lb.id}" }]),
    );
    const line = lineOf(estimateCost(tf({ azurerm_lb: { lb: { name: "lb", location: "eastus" } }, azurerm_lb_rule: rules })), "load balancer (Standard, 6 rules)");
    expect(line.notes).toContain("1 rules beyond the first 5 are billed on top and not priced");
  });

  test("Front Door Standard 35 and Premium 330 a month", () => {
    const e = estimateCost(
      tf({
        azurerm_cdn_frontdoor_profile: {
          standard: { name: "a", sku_name: "Standard_AzureFrontDoor", resource_group_name: "rg" },
          premium: { name: "b", sku_name: "Premium_AzureFrontDoor", resource_group_name: "rg" },
        },
      }),
    );
    expect(lineOf(e, "Front Door Standard base fee").monthlyUsd.expected).toBe(35);
    expect(lineOf(e, "Front Door Premium base fee").monthlyUsd.expected).toBe(330);
  });

  test("a private endpoint 0.01 x 730 = 7.30, a private DNS zone 0.50", () => {
    const e = estimateCost(
      tf({
        azurerm_private_endpoint: { pe: { name: "pe", location: "eastus", subnet_id: "x" } },
        azurerm_private_dns_zone: { zone: { name: "privatelink.mongo.cosmos.azure.com", resource_group_name: "rg" } },
      }),
    );
    expect(lineOf(e, "private endpoint").monthlyUsd.expected).toBeCloseTo(7.3, 6);
    expect(lineOf(e, "private DNS zone").monthlyUsd.expected).toBeCloseTo(0.5, 6);
  });

  test("Key Vault: 500,000 operations / 10,000 x 0.03 = 1.50; software keys free, HSM keys not priced", () => {
    const e = estimateCost(
      tf({
        azurerm_key_vault: { kv: { name: "kv", location: "eastus", sku_name: "standard" } },
        azurerm_key_vault_key: { soft: { name: "a", key_type: "RSA" }, hsm: { name: "b", key_type: "RSA-HSM" } },
      }),
      { keyVaultOperationsPerMonth: 500_000 },
    );
    expect(lineOf(e, "Key Vault operations").monthlyUsd.expected).toBeCloseTo(1.5, 6);
    expect(e.free.map((f) => f.address)).toEqual(["azurerm_key_vault_key.soft"]);
    expect(e.unpriced.map((u) => u.address)).toEqual(["azurerm_key_vault_key.hsm"]);
  });
});

describe("Kubernetes objects", () => {
  const service = (type: string, annotations: Record<string, string> = {}) => ({
    metadata: { name: "s", annotations },
    spec: { type, port: [{ port: 80 }] },
  });

  test("a public LoadBalancer Service costs a public IP on AKS: 3.65; the first internal one AKS's kubernetes-internal load balancer: 18.25; ClusterIP nothing", () => {
    const e = estimateCost(
      tf({
        kubernetes_service_v1: {
          public: service("LoadBalancer"),
          internal: service("LoadBalancer", { "service.beta.kubernetes.io/azure-load-balancer-internal": "true" }),
          cluster: service("ClusterIP"),
        },
      }),
    );
    expect(lineOf(e, "LoadBalancer Service: public IP").monthlyUsd.expected).toBeCloseTo(3.65, 6);
    expect(lineOf(e, "internal load balancer (Standard) for the Service").monthlyUsd.expected).toBeCloseTo(18.25, 6);
    expect(e.free.map((f) => f.address).sort()).toEqual(["kubernetes_service_v1.cluster"]);
  });

  test("a cluster's internal LoadBalancer Services share one kubernetes-internal load balancer, whether a Service or a chart's values ask for it", () => {
    const internal = { "service.beta.kubernetes.io/azure-load-balancer-internal": "true" };
    const e = estimateCost(
      tf({
        kubernetes_service_v1: { a: service("LoadBalancer", internal), b: service("LoadBalancer", internal) },
        helm_release: { gateway: { name: "gateway", chart: "traefik", values: [JSON.stringify({ service: { annotations: internal } })] } },
      }),
    );
    const balancers = e.lines.filter((l) => l.component.startsWith("internal load balancer"));
    expect(balancers.map((l) => [l.address, l.monthlyUsd.expected])).toEqual([["kubernetes_service_v1.a", 18.25]]);
    expect(e.free.filter((f) => f.reason.includes("kubernetes-internal")).map((f) => f.address).sort()).toEqual(["helm_release.gateway", "kubernetes_service_v1.b"]);
    expect(e.free.find((f) => f.address === "kubernetes_service_v1.b")?.reason).toContain("priced on kubernetes_service_v1.a");
  });

  test("a Premium SSD claim of 100Gi is a P10 disk: 19.71; on a local cluster nothing", () => {
    const claim = { metadata: { name: "data" }, spec: { storage_class_name: "managed-csi-premium", resources: { requests: { storage: "100Gi" } } } };
    expect(lineOf(estimateCost(tf({ kubernetes_persistent_volume_claim_v1: { data: claim } })), "persistent volume").monthlyUsd.expected).toBeCloseTo(19.71, 6);
    expect(estimateCost(tf({ kubernetes_persistent_volume_claim_v1: { data: claim } }), { localKubernetes: true }).lines).toEqual([]);
  });

  test("a stateful set's claim templates on the default class (managed-csi, Standard SSD) at their E tier: 3 x 10Gi = 3 x E3 (16 GiB x 0.075) = 3.60", () => {
    const set = { metadata: { name: "mongo" }, spec: { replicas: 3, volume_claim_template: [{ metadata: { name: "data" }, spec: { resources: { requests: { storage: "10Gi" } } } }] } };
    const e = estimateCost(tf({ kubernetes_stateful_set_v1: { mongo: set } }));
    expect(e.unpriced).toEqual([]);
    expect(lineOf(e, "persistent volumes: 3 x 10Gi Standard SSD (E3)").monthlyUsd.expected).toBeCloseTo(3.6, 6);
  });

  test("volumes on a Premium class at a tier the table lacks (P15 here) are reported as not priced, naming the tier", () => {
    const claim = { metadata: { name: "data" }, spec: { storage_class_name: "managed-csi-premium", resources: { requests: { storage: "200Gi" } } } };
    expect(estimateCost(tf({ kubernetes_persistent_volume_claim_v1: { data: claim } })).unpriced.map((u) => u.reason)).toEqual([
      "200Gi on storage class managed-csi-premium (billed as Premium SSD P15): only Premium SSD P4 (17-32 GiB) and P10 (65-128 GiB) and Standard SSD are in the price table",
    ]);
  });

  test("Helm releases: the persistent volumes their values ask for, times the component's replicas", () => {
    const values = {
      prometheus: { prometheusSpec: { replicas: 2, storageSpec: { volumeClaimTemplate: { spec: { resources: { requests: { storage: "200Gi" } } } } } } },
      alertmanager: { alertmanagerSpec: { replicas: 3, storage: { volumeClaimTemplate: { spec: { resources: { requests: { storage: "2Gi" } } } } } } },
      grafana: { persistence: { enabled: true, size: "10Gi" } },
      ingester: { replicas: 3, persistence: { enabled: true, claims: [{ name: "data", size: "50Gi" }] } },
      querier: { replicas: 3, persistence: { enabled: false, size: "50Gi" } },
    };
    const e = estimateCost(tf({ helm_release: { obs: { name: "obs", chart: "kube-prometheus-stack", values: [JSON.stringify(values)] } } }), { defaultRegion: "westeurope" });
    // 2 x E15 (256 GiB) + 3 x E1 (4) + 1 x E3 (16) + 3 x E6 (64) = 512 + 12 + 16 + 192 = 732 GiB x 0.075 = 54.90
    expect(e.total.expected).toBeCloseTo(54.9, 6);
    expect(e.lines.map((l) => l.component).sort()).toEqual(
      [
        "persistent volume: 1 x 10Gi Standard SSD (E3)",
        "persistent volumes: 3 x 50Gi Standard SSD (E6)",
        "persistent volumes: 2 x 200Gi Standard SSD (E15)",
        "persistent volumes: 3 x 2Gi Standard SSD (E1)",
      ].sort(),
    );
    expect(e.lines.every((l) => l.priceIds[0] === "disk/standard-ssd@West Europe (derived)")).toBe(true);
  });

  test("Deployments, namespaces, manifests and Helm releases without volumes run on the nodes: free", () => {
    const e = estimateCost(
      tf({
        kubernetes_deployment_v1: { d: { metadata: { name: "d" } } },
        kubernetes_namespace_v1: { n: { metadata: { name: "n" } } },
        kubernetes_manifest: { so: { manifest: { apiVersion: "keda.sh/v1alpha1", kind: "ScaledObject" } } },
        helm_release: { prom: { name: "prom", chart: "kube-prometheus-stack" } },
      }),
    );
    expect(e.lines).toEqual([]);
    expect(e.unpriced).toEqual([]);
    expect(e.free).toHaveLength(4);
  });
});

describe("types the estimator does not know", () => {
  test("are reported as unknown, never silently free", () => {
    const e = estimateCost(tf({ azurerm_managed_redis: { r: { name: "r", sku_name: "Balanced_B5" } }, azurerm_resource_group: { rg: { name: "rg" } } }));
    expect(e.unpriced).toEqual([
      {
        address: "azurerm_managed_redis.r",
        resourceType: "azurerm_managed_redis",
        kind: UnpricedKind.UNKNOWN_TYPE,
        reason: "neither priced nor known to be free: add a pricer (cost/pricer-registry.ts) or a free entry (cost/free-resource-types.ts)",
      },
    ]);
    expect(e.free).toEqual([{ address: "azurerm_resource_group.rg", resourceType: "azurerm_resource_group", reason: "a container for resources" }]);
  });
});
