import { UnpricedKind } from "../cost-estimate";
import { PriceQuote } from "../price-quote";
import { PricerOutcome, ResourcePricer, fixed, usd } from "../pricing-context";
import { PricingContext } from "../pricing-context";
import { TerraformResourceRef, block, numberAttribute, stringAttribute } from "../terraform-json";
import { lifecycleShares, spread } from "./blob-lifecycle";

/** Redundancies without a price of their own, and the one that stands in for them (a lower bound). */
const STAND_INS: Readonly<Record<string, string>> = { RAGRS: "GRS", GZRS: "GRS", RAGZRS: "GRS" };

/** Premium cache memory per shard (GB) by capacity: the most one RDB snapshot of a shard holds. */
const PREMIUM_MEMORY_GB: Readonly<Record<number, number>> = { 1: 6, 2: 13, 3: 26, 4: 53, 5: 120 };

/**
 * The RDB snapshot volume of the Premium caches that persist into this account (their
 * `rdb_storage_connection_string` names its blob endpoint), at most their memory: each backup
 * overwrites the last. Undefined when no cache persists here, or a size is not known.
 */
function snapshotVolume(account: TerraformResourceRef, context: PricingContext): { gb: number; note: string } | undefined {
  const marker = `azurerm_storage_account.${account.name}.`;
  let gb = 0;
  const caches: string[] = [];
  for (const cache of context.resourcesOfType("azurerm_redis_cache")) {
    // Read raw: the value is an expression (`BlobEndpoint=${...}`), which stringAttribute skips.
    const connection = block(cache.config.redis_configuration)?.rdb_storage_connection_string;
    if (typeof connection !== "string" || !connection.includes(marker)) continue;
    const capacity = numberAttribute(cache.config, "capacity");
    const shards = numberAttribute(cache.config, "shard_count");
    const memory = typeof capacity === "number" ? PREMIUM_MEMORY_GB[capacity] : undefined;
    if (memory === undefined || shards === "unresolved") return undefined;
    gb += memory * Math.max(1, shards ?? 1);
    caches.push(cache.address);
  }
  return caches.length === 0 ? undefined : { gb, note: `RDB snapshots of ${caches.join(", ")}: at most the caches' memory (${gb} GB), each backup overwriting the last; all hot` };
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
    ? { hotGb: snapshots.gb, coolGb: 0, archiveGb: 0 }
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
  return {
    lines: [
      context.line(resource, {
        component: `Blob storage (${replication})`,
        region,
        quantity: `${quantities.join(" + ")} per GB-month`,
        monthlyUsd: fixed(monthly),
        quotes,
        notes,
      }),
    ],
  };
};
