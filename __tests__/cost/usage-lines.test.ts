import { TerraformStack, Testing } from "cdktf";
import { estimateCost } from "../../cost/estimator";
import { keyVaultDemandForTier } from "../../cost/key-vault-demand";
import { checkCostSettings, estimateOptionsForTier } from "../../cost/tier-cost-options";
import { ENTERPRISE_TIER } from "../../tiers/enterprise";
import { SMALL_PROD_TIER } from "../../tiers/small-prod";
import { ManagedDataLayerSpec, ReservationTerm, TierSpec } from "../../tiers/tier-spec";
import { RedisSku } from "../../constructs/data-service-options";
import { lineOf, tf } from "./cost-fixtures";

// Issue 26: what was free in the model but is billed, what was typed but can be derived, and the
// reservations as typed choices.

const redis = (extra: Record<string, unknown> = {}) => ({
  name: "cache",
  location: "eastus",
  sku_name: "Premium",
  family: "P",
  capacity: 3,
  shard_count: 1,
  redis_configuration: { rdb_backup_enabled: true, rdb_backup_frequency: 60, rdb_storage_connection_string: "BlobEndpoint=${azurerm_storage_account.snapshots.primary_blob_endpoint}" },
  ...extra,
});
const account = (replication: string) => ({ name: "snapshots", location: "eastus", account_tier: "Standard", account_replication_type: replication });

describe("Key Vault operations derived from the secrets provider's rotation interval", () => {
  test("small-prod: (10 pods x 5 data-layer secrets + 2 token-check pods x 3 edge secrets) x 21,900 polls = 1,226,400 a month", () => {
    const demand = keyVaultDemandForTier(SMALL_PROD_TIER)!;
    expect(demand.operationsPerMonth).toBe(56 * 21_900);
    expect(demand.description).toContain("every 2 min");
    expect(estimateOptionsForTier(SMALL_PROD_TIER).keyVaultOperationsPerMonth).toBe(1_226_400);
  });

  test("enterprise, per region: (16 pods x 5 + 3 x 3) x 21,900 = 1,949,100", () => {
    expect(keyVaultDemandForTier(ENTERPRISE_TIER)?.operationsPerMonth).toBe(89 * 21_900);
  });

  test("a longer rotation interval moves the Key Vault line: every 10 minutes is a fifth of the operations", () => {
    const slower: TierSpec = { ...SMALL_PROD_TIER, cluster: { ...SMALL_PROD_TIER.cluster!, secretRotationMinutes: 10 } };
    const json = tf({ azurerm_key_vault: { kv: { name: "kv", location: "eastus", sku_name: "standard" } } });
    const at = (tier: TierSpec) => lineOf(estimateCost(json, estimateOptionsForTier(tier)), "Key Vault operations");
    expect(at(SMALL_PROD_TIER).monthlyUsd.expected).toBeCloseTo((1_226_400 / 10_000) * 0.03, 9);
    expect(at(slower).monthlyUsd.expected).toBeCloseTo((1_226_400 / 5 / 10_000) * 0.03, 9);
    expect(at(slower).notes.join(" ")).toContain("every 10 min");
  });

  test("a tier that types its operations keeps them", () => {
    const typed: TierSpec = { ...SMALL_PROD_TIER, costAssumptions: { ...SMALL_PROD_TIER.costAssumptions, keyVaultOperationsPerMonth: 42 } };
    expect(estimateOptionsForTier(typed)).toMatchObject({ keyVaultOperationsPerMonth: 42 });
    expect(estimateOptionsForTier(typed).keyVaultOperationsDerivation).toBeUndefined();
  });
});

describe("Redis snapshots copied to the paired region", () => {
  test("a GRS account: every hourly snapshot of the shard's data is geo-replicated at $0.02/GB", () => {
    const json = tf({ azurerm_redis_cache: { cache: redis() }, azurerm_storage_account: { snapshots: account("GRS") } });
    const line = lineOf(estimateCost(json, { redisStoredGbPerShard: { min: 4, expected: 13, max: 26 } }), "geo-replication of the Redis snapshots");
    expect(line.monthlyUsd.expected).toBeCloseTo(13 * 730 * 0.02, 9);
    expect(line.monthlyUsd.min).toBeCloseTo(4 * 730 * 0.02, 9);
    expect(line.monthlyUsd.max).toBeCloseTo(26 * 730 * 0.02, 9);
    expect(line.priceIds).toEqual(["storage/geo-replication-transfer@West US"]);
  });

  test("without an assumed fill, the shard's memory: P3's 26 GB x 730 snapshots", () => {
    const json = tf({ azurerm_redis_cache: { cache: redis() }, azurerm_storage_account: { snapshots: account("GRS") } });
    expect(lineOf(estimateCost(json), "geo-replication of the Redis snapshots").monthlyUsd.expected).toBeCloseTo(26 * 730 * 0.02, 9);
  });

  test("a snapshot every 6 hours writes a sixth", () => {
    const sixHourly = redis({ redis_configuration: { ...redis().redis_configuration, rdb_backup_frequency: 360 } });
    const json = tf({ azurerm_redis_cache: { cache: sixHourly }, azurerm_storage_account: { snapshots: account("GRS") } });
    expect(lineOf(estimateCost(json), "geo-replication of the Redis snapshots").monthlyUsd.expected).toBeCloseTo((26 * 730 * 0.02) / 6, 9);
  });

  test("removing the persistence account removes its copy traffic", () => {
    const noPersistence = redis({ redis_configuration: { rdb_backup_enabled: false } });
    const json = tf({ azurerm_redis_cache: { cache: noPersistence }, azurerm_storage_account: { snapshots: account("GRS") } });
    const lines = estimateCost(json).lines.filter((l) => l.component.startsWith("geo-replication"));
    // The account is left with its own (assumed) data: no snapshot traffic.
    expect(lines.map((l) => l.component)).toEqual(["geo-replication of written data to the paired region"]);
    expect(lines[0].monthlyUsd.expected).toBe(0);
  });

  test("a zone-redundant snapshot account copies nothing to another region", () => {
    const json = tf({ azurerm_redis_cache: { cache: redis() }, azurerm_storage_account: { snapshots: account("ZRS") } });
    expect(estimateCost(json).lines.filter((l) => l.component.startsWith("geo-replication"))).toEqual([]);
  });

  test("enterprise keeps its snapshots zone redundant; small-prod's GRS account copies 3 GB x 730 snapshots", () => {
    const optsSmall = estimateOptionsForTier(SMALL_PROD_TIER);
    expect(optsSmall.redisStoredGbPerShard).toEqual({ min: 1, expected: 3, max: 6 });
    const json = tf({ azurerm_redis_cache: { cache: redis({ capacity: 1, shard_count: undefined }) }, azurerm_storage_account: { snapshots: account("GRS") } });
    expect(lineOf(estimateCost(json, optsSmall), "geo-replication of the Redis snapshots").monthlyUsd.expected).toBeCloseTo(3 * 730 * 0.02, 9);
  });
});

describe("private endpoints, private DNS and Cosmos DB replication", () => {
  test("private endpoint data: the assumed GB shared by the endpoints, $0.01 per GB in or out", () => {
    const pe = { name: "pe", location: "eastus" };
    const json = tf({ azurerm_private_endpoint: { a: pe, b: pe } });
    const lines = estimateCost(json, { privateEndpointGbPerMonth: { min: 50, expected: 300, max: 1500 } }).lines.filter((l) => l.component.startsWith("private endpoint data"));
    expect(lines.map((l) => l.monthlyUsd.expected)).toEqual([1.5, 1.5]);
    expect(lines[0].monthlyUsd.max).toBeCloseTo(7.5, 9);
  });

  test("without assumed traffic the endpoint says its data is not estimated", () => {
    const json = tf({ azurerm_private_endpoint: { a: { name: "pe", location: "eastus" } } });
    const estimate = estimateCost(json);
    expect(estimate.lines.map((l) => l.component)).toEqual(["private endpoint"]);
    expect(estimate.lines[0].notes.join(" ")).toContain("data processed (0.01 per GB each way) not estimated");
  });

  test("DNS queries: $0.40 per million, shared by the zones", () => {
    const zone = { name: "privatelink.redis.cache.windows.net" };
    const json = tf({ azurerm_private_dns_zone: { a: zone, b: zone } });
    const lines = estimateCost(json, { privateDnsQueriesPerMonth: { min: 2e6, expected: 10e6, max: 50e6 } }).lines.filter((l) => l.component.startsWith("private DNS queries"));
    expect(lines.map((l) => l.monthlyUsd.expected)).toEqual([2, 2]);
  });

  test("Cosmos DB replication is bounded: 0 at least, the global peering rates out of Zone 1 and into each read region's zone at most", () => {
    const json = tf({
      azurerm_cosmosdb_account: {
        db: {
          name: "db",
          location: "eastus",
          offer_type: "Standard",
          geo_location: [
            { location: "eastus", failover_priority: 0 },
            { location: "westeurope", failover_priority: 1 },
            { location: "southeastasia", failover_priority: 2 },
          ],
        },
      },
    });
    const line = lineOf(estimateCost(json, { cosmosReplicatedGbPerMonth: { min: 20, expected: 100, max: 400 } }), "Cosmos DB replication");
    // westeurope: 0.035 out + 0.035 in; southeastasia: 0.035 out + 0.09 in.
    expect(line.monthlyUsd.min).toBe(0);
    expect(line.monthlyUsd.expected).toBeCloseTo(100 * (0.07 + 0.125), 9);
    expect(line.monthlyUsd.max).toBeCloseTo(400 * (0.07 + 0.125), 9);
    expect(line.notes.join(" ")).toContain("no source says whether or at what rate");
  });
});

describe("the Log Analytics free allowance", () => {
  const json = tf({ azurerm_log_analytics_workspace: { la: { name: "la", location: "eastus", sku: "PerGB2018" } } });
  test("the tier's primary workspace takes the billing account's 5 free GB in the minimum and expected, not the maximum", () => {
    const line = lineOf(estimateCost(json, { logAnalyticsGbPerDay: { min: 1, expected: 2, max: 3 }, logAnalyticsFreeGbPerMonth: 5 }), "Log Analytics ingestion");
    expect(line.monthlyUsd.expected).toBeCloseTo((2 * (730 / 24) - 5) * 2.3, 9);
    expect(line.monthlyUsd.max).toBeCloseTo(3 * (730 / 24) * 2.3, 9);
  });

  test("only the primary region's stack counts them", () => {
    expect(estimateOptionsForTier(ENTERPRISE_TIER, "eastus").logAnalyticsFreeGbPerMonth).toBe(5);
    expect(estimateOptionsForTier(ENTERPRISE_TIER, "westeurope").logAnalyticsFreeGbPerMonth).toBe(0);
    expect(estimateOptionsForTier(ENTERPRISE_TIER, "southeastasia").logAnalyticsFreeGbPerMonth).toBe(0);
  });
});

describe("reservations as typed choices, pay-as-you-go beside them", () => {
  const cosmos = tf({
    azurerm_cosmosdb_account: { db: { name: "db", location: "eastus", offer_type: "Standard", geo_location: [{ location: "eastus", failover_priority: 0 }] } },
    azurerm_cosmosdb_mongo_database: { m: { name: "m", account_name: "${azurerm_cosmosdb_account.db.name}", throughput: 1000 } },
  });

  test("Cosmos DB reserved capacity: 20% off for 1 year, 30% for 3 (reserved-capacity.md), pay-as-you-go beside", () => {
    const payg = 10 * 0.008 * 730;
    for (const [term, factor] of [
      [ReservationTerm.ONE_YEAR, 0.8],
      [ReservationTerm.THREE_YEARS, 0.7],
    ] as const) {
      const line = lineOf(estimateCost(cosmos, { reservations: { cosmosThroughput: term } }), "Cosmos DB throughput");
      expect(line.monthlyUsd.expected).toBeCloseTo(payg * factor, 9);
      expect(line.payAsYouGoUsd?.expected).toBeCloseTo(payg, 9);
      expect(line.priceIds).toContain(`cosmos/reserved-capacity/${term}@all regions`);
    }
    expect(lineOf(estimateCost(cosmos), "Cosmos DB throughput").payAsYouGoUsd).toBeUndefined();
  });

  test("a Redis reservation has no sourced price: pay-as-you-go, an upper bound, with a warning", () => {
    const json = tf({ azurerm_redis_cache: { cache: redis({ redis_configuration: {} }) } });
    const line = lineOf(estimateCost(json, { reservations: { redis: ReservationTerm.ONE_YEAR } }), "Redis Premium P3");
    expect(line.monthlyUsd.expected).toBeCloseTo(1619.14, 9);
    expect(line.payAsYouGoUsd?.expected).toBeCloseTo(1619.14, 9);
    expect(line.warnings).toEqual([expect.stringContaining("no sourced 1-year Azure Cache for Redis reservation price")]);
  });

  test("the tiers' reservations reach the estimate", () => {
    expect(estimateOptionsForTier(ENTERPRISE_TIER).reservations).toEqual({ redis: ReservationTerm.NONE, cosmosThroughput: ReservationTerm.ONE_YEAR });
    expect(estimateOptionsForTier(SMALL_PROD_TIER).reservations).toEqual({ redis: ReservationTerm.NONE, cosmosThroughput: ReservationTerm.ONE_YEAR });
  });
});

describe("checks of the new settings", () => {
  const check = (tier: TierSpec) => () => checkCostSettings(new TerraformStack(Testing.app(), "test"), tier);
  const data = SMALL_PROD_TIER.dataLayer as ManagedDataLayerSpec;

  test("fails on a rotation interval outside 1 to 1440 minutes", () => {
    const tier: TierSpec = { ...SMALL_PROD_TIER, cluster: { ...SMALL_PROD_TIER.cluster!, secretRotationMinutes: 0 } };
    expect(check(tier)).toThrow("invalid tier.cluster.secretRotationMinutes 0");
  });

  test("fails on more cached data than the shard holds", () => {
    const tier: TierSpec = { ...SMALL_PROD_TIER, dataLayer: { ...data, redis: { ...data.redis, storedDataGb: { min: 1, expected: 3, max: 7 } } } };
    expect(check(tier)).toThrow("invalid tier.dataLayer.redis.storedDataGb.max 7: expected at most the P1 shard's 6 GB");
  });

  test("fails on a Redis reservation for a cache that is not Premium", () => {
    const tier: TierSpec = { ...SMALL_PROD_TIER, dataLayer: { ...data, redis: { ...data.redis, sku: RedisSku.STANDARD, family: "C" as never, reservation: ReservationTerm.ONE_YEAR } } };
    expect(check(tier)).toThrow("invalid tier.dataLayer.redis.reservation \"1y\": expected none: Azure sells Redis reservations for Premium caches only");
  });

  test("fails on a private-endpoint range out of order", () => {
    const tier: TierSpec = { ...SMALL_PROD_TIER, costAssumptions: { ...SMALL_PROD_TIER.costAssumptions, privateEndpointGbPerMonth: { min: 10, expected: 5, max: 20 } } };
    expect(check(tier)).toThrow("tier.costAssumptions.privateEndpointGbPerMonth.min");
  });
});
