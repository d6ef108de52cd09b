import { CostLine, CostRange, UnpricedKind } from "../cost-estimate";
import { HOURS_PER_MONTH } from "../price-table";
import { PriceQuote } from "../price-quote";
import { PricerOutcome, ResourcePricer, fixed, usd } from "../pricing-context";
import { PricingContext } from "../pricing-context";
import { TerraformResourceRef, block, numberAttribute, stringAttribute } from "../terraform-json";
import { lifecycleShares, spread } from "./blob-lifecycle";

/** Redundancies without a price of their own, and the one that stands in for them (a lower bound). */
const STAND_INS: Readonly<Record<string, string>> = { RAGRS: "GRS", GZRS: "GRS", RAGZRS: "GRS" };

/** Premium cache memory per shard (GB) by capacity: the most one RDB snapshot of a shard holds. */
const PREMIUM_MEMORY_GB: Readonly<Record<number, number>> = { 1: 6, 2: 13, 3: 26, 4: 53, 5: 120 };

/** Redundancies that copy every write to the paired region (billed as geo-replication transfer). */
const GEO_REPLICATED = new Set(["GRS", "RAGRS", "GZRS", "RAGZRS"]);

interface SnapshotVolume {
  /** GB the account holds: the latest snapshot of each shard, at the assumed fill. */
  readonly stored: CostRange;
  /** GB the snapshots write a month. */
  readonly writtenPerMonth: CostRange;
  readonly note: string;
  readonly writesNote: string;
}

/**
 * The RDB snapshot volume of the Premium caches that persist into this account (their
 * `rdb_storage_connection_string` names its blob endpoint): each shard's data (assumed, at most
 * its memory), each backup overwriting the last; and what the backups write a month (one snapshot
 * per shard every `rdb_backup_frequency` minutes). Undefined when no cache persists here, or a
 * size is not known.
 */
function snapshotVolume(account: TerraformResourceRef, context: PricingContext): SnapshotVolume | undefined {
  const marker = `azurerm_storage_account.${account.name}.`;
  const stored = { min: 0, expected: 0, max: 0 };
  const written = { min: 0, expected: 0, max: 0 };
  const caches: string[] = [];
  const writes: string[] = [];
  const assumed = context.options.redisStoredGbPerShard;
  for (const cache of context.resourcesOfType("azurerm_redis_cache")) {
    // Read raw: the value is an expression (`BlobEndpoint=${...}`), which stringAttribute skips.
    const config = block(cache.config.redis_configuration);
    const connection = config?.rdb_storage_connection_string;
    if (typeof connection !== "string" || !connection.includes(marker)) continue;
    const capacity = numberAttribute(cache.config, "capacity");
    const shardsRaw = numberAttribute(cache.config, "shard_count");
    const frequency = numberAttribute(config ?? {}, "rdb_backup_frequency");
    const memory = typeof capacity === "number" ? PREMIUM_MEMORY_GB[capacity] : undefined;
    if (memory === undefined || shardsRaw === "unresolved" || frequency === "unresolved") return undefined;
    const shards = Math.max(1, shardsRaw ?? 1);
    const fill = assumed
      ? { min: Math.min(assumed.min, memory), expected: Math.min(assumed.expected, memory), max: Math.min(assumed.max, memory) }
      : { min: memory, expected: memory, max: memory };
    // Azure's default backup frequency is 60 minutes.
    const backups = ((HOURS_PER_MONTH * 60) / (frequency ?? 60)) * shards;
    for (const k of ["min", "expected", "max"] as const) {
      stored[k] += fill[k] * shards;
      written[k] += fill[k] * backups;
    }
    caches.push(cache.address);
    writes.push(`${shards} shard${shards > 1 ? "s" : ""} x ${Number((backups / shards).toFixed(1))} snapshots (every ${frequency ?? 60} min) x ${Number(fill.expected.toFixed(2))} GB`);
  }
  if (caches.length === 0) return undefined;
  const how = assumed ? `the cache's data, assumed ${assumed.min}-${assumed.max} GB a shard (${assumed.expected} expected)` : "at most the caches' memory";
  return {
    stored,
    writtenPerMonth: written,
    note: `RDB snapshots of ${caches.join(", ")}: ${how} (${Number(stored.expected.toFixed(2))} GB), each backup overwriting the last; all hot`,
    writesNote: writes.join(" + "),
  };
}

/**
 * `azurerm_storage_account` (Standard): the assumed stored volume per access tier at the account's
 * redundancy; an account Redis persists into holds the caches' snapshots instead. Transactions,
 * retrieval and early deletion are not priced.
 */
export const priceStorageAccount: ResourcePricer = (resource, context): PricerOutcome => {
  const tier = stringAttribute(resource.config, "account_tier") ?? "Standard";
  const kind = stringAttribute(resource.config, "account_kind") ?? "StorageV2";
  const replication = stringAttribute(resource.config, "account_replication_type");
  if (!replication) return { lines: [], unpriced: [{ kind: UnpricedKind.UNRESOLVED, reason: "replication only known at apply time" }] };
  if (tier !== "Standard" || kind === "FileStorage" || kind === "BlockBlobStorage") {
    return { lines: [], unpriced: [{ kind: UnpricedKind.NO_PRICE, reason: `no price for ${tier} ${kind} storage in the price table` }] };
  }
  const { region, note } = context.regionOf(resource);
  const priced = STAND_INS[replication] ?? replication;
  const notes = [
    ...(note ? [note] : []),
    ...(priced !== replication ? [`no ${replication} price in the table: priced at ${priced}, a lower bound`] : []),
    "transactions, data retrieval and early deletion are not priced",
  ];
  const snapshots = snapshotVolume(resource, context);
  const stored = context.options.blobStoredGb;
  const shares = snapshots || context.options.blobVolumeGb || stored === undefined ? undefined : lifecycleShares(resource, context);
  const volume = snapshots
    ? { hotGb: snapshots.stored.expected, coolGb: 0, archiveGb: 0 }
    : (context.options.blobVolumeGb ?? (stored !== undefined && shares ? spread(stored, shares) : undefined));
  if (snapshots) notes.push(snapshots.note);
  else if (shares) notes.push(`${stored} GB stored: ${shares.description}`);
  else if (!volume && stored !== undefined) notes.push(`${stored} GB stored, no lifecycle policy in the configuration: all of it priced as hot`);
  else if (!volume) notes.push("no stored volume assumed");
  const gb = volume ?? { hotGb: stored ?? 0, coolGb: 0, archiveGb: 0 };
  // Azure offers no archive tier on zone-redundant accounts; the lifecycle rule then stops at cool.
  const archiveTier = priced === "ZRS" ? "cool" : "archive";
  if (archiveTier === "cool" && gb.archiveGb > 0) notes.push(`${replication} has no archive tier: the archived share is priced as cool`);
  const parts: [string, number, string][] = [
    ["hot", gb.hotGb, "hot"],
    ["cool", gb.coolGb, "cool"],
    ["archive", gb.archiveGb, archiveTier],
  ];
  const quotes: PriceQuote[] = [];
  let monthly = 0;
  const quantities: string[] = [];
  for (const [label, size, priceTier] of parts) {
    const quote = context.quote(`blob/${priced}/${priceTier}`, region);
    if (!quote) return { lines: [], unpriced: [{ kind: UnpricedKind.NO_PRICE, reason: `no price for ${priced} ${priceTier} blob storage` }] };
    quotes.push(quote);
    monthly += size * quote.usd;
    quantities.push(`${Number(size.toFixed(2))} GB ${label} x ${usd(quote.usd)}`);
  }
  const lines: CostLine[] = [
    context.line(resource, {
      component: `Blob storage (${replication})`,
      region,
      quantity: `${quantities.join(" + ")} per GB-month`,
      monthlyUsd: fixed(monthly),
      quotes,
      notes,
    }),
  ];
  const geo = GEO_REPLICATED.has(replication) ? geoReplicationLine(resource, context, region, snapshots, gb) : undefined;
  if (geo) lines.push(geo);
  return { lines };
};

/**
 * The copy of every written GB to the paired region: what the Redis snapshots write, or for an
 * account of other data its stored volume turned over once a year (the tiers keep logs and backups
 * a year), between nothing rewritten and all of it rewritten each month.
 */
function geoReplicationLine(
  resource: TerraformResourceRef,
  context: PricingContext,
  region: string,
  snapshots: SnapshotVolume | undefined,
  gb: { hotGb: number; coolGb: number; archiveGb: number },
): CostLine | undefined {
  const quote = context.quote("storage/geo-replication-transfer", region);
  if (!quote) return undefined;
  const stored = gb.hotGb + gb.coolGb + gb.archiveGb;
  const written: CostRange = snapshots ? snapshots.writtenPerMonth : { min: 0, expected: stored / 12, max: stored };
  const cost = (n: number) => n * quote.usd;
  return context.line(resource, {
    component: snapshots ? "geo-replication of the Redis snapshots to the paired region" : "geo-replication of written data to the paired region",
    region,
    quantity: snapshots
      ? `(${snapshots.writesNote}) = ${Number(written.expected.toFixed(1))} GB x ${usd(quote.usd)}/GB`
      : `${Number(written.expected.toFixed(1))} GB written x ${usd(quote.usd)}/GB`,
    monthlyUsd: { min: cost(written.min), expected: cost(written.expected), max: cost(written.max) },
    quotes: [quote],
    notes: snapshots
      ? ["every snapshot is a new blob of the shard's data: the account copies all of it to the paired region"]
      : [`no write volume assumed: ${Number(stored.toFixed(1))} GB stored turned over once a year (the tiers keep data a year); 0 to all of it rewritten monthly`],
  });
}
