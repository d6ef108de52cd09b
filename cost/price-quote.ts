import { regionDistanceMiles } from "../constructs/azure-region-locations";
import { PRICE_TABLE, PriceEntry } from "./price-table";

/** A price chosen for one region, with a note when it was read for another region. */
export interface PriceQuote {
  readonly entry: PriceEntry;
  readonly usd: number;
  /** Set when the table has no price of this item for the region asked. */
  readonly note?: string;
}

const BY_KEY = new Map<string, PriceEntry[]>();
for (const price of PRICE_TABLE) {
  const list = BY_KEY.get(price.key) ?? [];
  list.push(price);
  BY_KEY.set(price.key, list);
}

/** Miles from `region` to the nearest region an entry was read for; unknown regions are furthest. */
function distance(entry: PriceEntry, region: string): number {
  const miles = entry.regions.map((r) => regionDistanceMiles(region, r)).filter((m): m is number => m !== undefined);
  return miles.length > 0 ? Math.min(...miles) : Infinity;
}

/**
 * The price of `key` in `region`: the entry read for that region, else the one that does not vary
 * by region, else (the table's one fallback rule) the price read for the nearest region, by the
 * distance between the regions' published locations, the higher price on a tie, with a note
 * naming both regions. Undefined when the table does not price the item at all.
 */
export function quotePrice(key: string, region: string): PriceQuote | undefined {
  const entries = BY_KEY.get(key);
  if (!entries) return undefined;
  const exact = entries.find((e) => e.regions.includes(region)) ?? entries.find((e) => e.regions.length === 0);
  if (exact) return { entry: exact, usd: exact.usd };
  const nearest = entries.reduce((best, e) => {
    const d = distance(e, region);
    const b = distance(best, region);
    return d < b || (d === b && e.usd > best.usd) ? e : best;
  });
  return {
    entry: nearest,
    usd: nearest.usd,
    note: `${nearest.item}: no ${region} price in the table, the price of the nearest region with one (${nearest.regionLabel}) is used`,
  };
}
