import { CostLine, UnpricedKind } from "../cost-estimate";
import { COSMOS_FREE_TIER_STORAGE_GB } from "../price-table";
import { PriceQuote } from "../price-quote";
import { PricerOutcome, ResourcePricer, fixed, usd } from "../pricing-context";
import { readCosmosAccount } from "./cosmos-account-shape";

/**
 * `azurerm_cosmosdb_account`: stored data and continuous backup, both billed in every region.
 * Throughput is priced on the databases and containers that provision it.
 */
export const priceCosmosAccount: ResourcePricer = (resource, context): PricerOutcome => {
  const account = readCosmosAccount(resource, context);
  if (account.serverless) {
    return {
      lines: [],
      unpriced: [{ kind: UnpricedKind.NO_PRICE, reason: "serverless account: billed per request unit consumed, for which there is no usage assumption or price" }],
    };
  }
  const gb = context.options.cosmosStoredGbPerRegion;
  const regionNames = account.regions.map((r) => r.region);
  const primary = regionNames[0];
  const notes = [
    ...(gb === 0 ? ["no stored data assumed"] : [`assumed ${gb} GB stored in each region`]),
  ];
  const lines: CostLine[] = [];

  const storage = regionNames.map((r) => context.quote("cosmos/storage", r)).filter((q): q is PriceQuote => q !== undefined);
  const storedGb = gb * regionNames.length;
  const freeGb = account.freeTier ? Math.min(storedGb, COSMOS_FREE_TIER_STORAGE_GB) : 0;
  const storageUsd = storage.reduce((sum, q) => sum + gb * q.usd, 0) * (storedGb > 0 ? 1 - freeGb / storedGb : 1);
  const freeQuote = account.freeTier ? context.quote("cosmos/free-tier/storage", primary) : undefined;
  if (account.freeTier) {
    notes.push(`free tier (free_tier_enabled): the account's first ${COSMOS_FREE_TIER_STORAGE_GB} GB billed at $0 (${freeGb} GB of ${storedGb} GB here)`);
  }
  const stored = `${gb} GB x ${regionNames.length} region${regionNames.length > 1 ? "s" : ""}`;
  lines.push(
    context.line(resource, {
      component: "Cosmos DB storage",
      region: primary,
      quantity: `${freeGb > 0 ? `(${stored} - ${freeGb} GB free tier)` : stored} x ${usd(storage[0]?.usd ?? 0)}/GB-month`,
      monthlyUsd: fixed(storageUsd),
      quotes: freeQuote ? [...storage, freeQuote] : storage,
      notes,
    }),
  );

  const backup = regionNames.map((r) => context.quote(`cosmos/backup/${account.backup}`, r)).filter((q): q is PriceQuote => q !== undefined);
  if (backup.length === 0) {
    return { lines, unpriced: [{ kind: UnpricedKind.NO_PRICE, reason: `no price for the ${account.backup} backup tier` }] };
  }
  lines.push(
    context.line(resource, {
      component: `Cosmos DB backup (${account.backup})`,
      region: primary,
      quantity: `${gb} GB x ${regionNames.length} region${regionNames.length > 1 ? "s" : ""} x ${usd(backup[0].usd)}/GB-month`,
      monthlyUsd: fixed(backup.reduce((sum, q) => sum + gb * q.usd, 0)),
      quotes: backup,
      notes: account.backup === "Periodic" ? ["two periodic backup copies are free; extra copies are not priced"] : [],
    }),
  );
  const replication = replicationLine(resource, context, regionNames);
  if (replication) lines.push(replication);
  return { lines };
};

/**
 * What the write region sends to the other regions. No source prices Cosmos DB's replication
 * traffic: the line bounds it between free (the throughput meters cover it) and the global VNet
 * peering rates (out of Zone 1, into the destination's zone), the highest per-GB cross-region
 * rates in the sources.
 */
function replicationLine(resource: Parameters<ResourcePricer>[0], context: Parameters<ResourcePricer>[1], regions: readonly string[]): CostLine | undefined {
  if (regions.length < 2) return undefined;
  const gb = context.options.cosmosReplicatedGbPerMonth;
  const out = context.quote("vnet-peering/global/zone1", "global");
  const asia = context.quote("vnet-peering/global/zone2", "global");
  if (!out || !asia) return undefined;
  if (!gb) {
    return context.line(resource, {
      component: "Cosmos DB replication to the other regions (not estimated)",
      region: regions[0],
      quantity: `${regions.length - 1} read regions, no replicated volume assumed`,
      monthlyUsd: fixed(0),
      quotes: [out, asia],
      notes: ["no cosmosReplicatedGbPerMonth assumed: the replication traffic is not estimated (0 to the global VNet peering rates per GB)"],
    });
  }
  const inbound = regions.slice(1).map((r) => (ASIA_REGIONS.has(r) ? asia.usd : out.usd));
  const perGb = inbound.reduce((sum, rate) => sum + out.usd + rate, 0);
  const cost = (n: number) => n * perGb;
  return context.line(resource, {
    component: `Cosmos DB replication to ${regions.length - 1} read regions (bounded: no published rate)`,
    region: regions[0],
    quantity: `${gb.expected} GB to each of ${regions.slice(1).join(", ")} x (out ${usd(out.usd)} + in ${inbound.map((r) => usd(r)).join(" / ")})/GB`,
    monthlyUsd: { min: 0, expected: cost(gb.expected), max: cost(gb.max) },
    quotes: [out, asia],
    notes: [
      "no source says whether or at what rate Azure bills Cosmos DB's replication between regions: 0 at the minimum; the expected and maximum at the global VNet peering rates, the highest cross-region per-GB rates in the sources",
      `assumed ${gb.min}-${gb.max} GB replicated to each read region a month`,
    ],
  });
}

/** Regions in global VNet peering's Zone 2 (Asia, Australia). */
const ASIA_REGIONS = new Set(["southeastasia", "eastasia", "japaneast", "japanwest", "australiaeast", "australiasoutheast", "koreacentral", "centralindia"]);
