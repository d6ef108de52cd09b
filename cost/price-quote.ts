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

/**
 * The price of `key` in `region`: the entry read for that region, else the one that does not vary
 * by region, else the item's fallback entry with a note naming both regions. Undefined when the
 * table does not price the item at all.
 */
export function quotePrice(key: string, region: string): PriceQuote | undefined {
  const entries = BY_KEY.get(key);
  if (!entries) return undefined;
  const exact = entries.find((e) => e.regions.includes(region)) ?? entries.find((e) => e.regions.length === 0);
  if (exact) return { entry: exact, usd: exact.usd };
  const fallback = entries.find((e) => e.fallback) ?? entries[0];
  return {
    entry: fallback,
    usd: fallback.usd,
    note: `${fallback.item}: no ${region} price in the table, the ${fallback.regionLabel} price is used`,
  };
}
