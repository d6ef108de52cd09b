/** The shapes the estimator returns. Amounts are USD per month of 730 hours. */

/** A monthly amount at the low end, as expected, and at the high end of its usage range. */
export interface CostRange {
  readonly min: number;
  readonly expected: number;
  readonly max: number;
}

/** One priced component of one resource. */
export interface CostLine {
  /** Terraform address, `<type>.<name>`. */
  readonly address: string;
  readonly resourceType: string;
  /** The cdktf construct path, where the JSON records it. */
  readonly constructPath?: string;
  /** What is priced, e.g. `node pool alwayson: 3 x Standard_D4s_v5`. */
  readonly component: string;
  readonly region: string;
  /** The quantities behind the amounts, e.g. `3 nodes x 730 h x 0.192/h`. */
  readonly quantity: string;
  readonly monthlyUsd: CostRange;
  /** Ids of the price table entries used (`cost/price-table.ts`). */
  readonly priceIds: readonly string[];
  /** Assumptions and caveats: regional fallbacks, usage assumptions, what is left out. */
  readonly notes: readonly string[];
  /** Conditions the configuration should not be in (a spot cap below the market price). */
  readonly warnings: readonly string[];
  /** What the line would cost at pay-as-you-go, where `monthlyUsd` is a committed price. */
  readonly payAsYouGoUsd?: CostRange;
}

/** Why a resource, or part of one, has no price. */
export enum UnpricedKind {
  /** Neither a price rule nor a known free type: the estimator does not know it. */
  UNKNOWN_TYPE = "unknown-type",
  /** A known type in a SKU or configuration the price table does not cover. */
  NO_PRICE = "no-price",
  /** A value that decides the price is only known at apply time. */
  UNRESOLVED = "unresolved",
}

export interface UnpricedResource {
  readonly address: string;
  readonly resourceType: string;
  readonly kind: UnpricedKind;
  readonly reason: string;
}

/** A resource that costs nothing by itself (its cost, if any, is counted on another line). */
export interface FreeResource {
  readonly address: string;
  readonly resourceType: string;
  readonly reason: string;
}

/** The estimate of one synthesized Terraform configuration. */
export interface CostEstimate {
  readonly lines: readonly CostLine[];
  readonly unpriced: readonly UnpricedResource[];
  readonly free: readonly FreeResource[];
  readonly total: CostRange;
}

/** The lines' expected total at pay-as-you-go (committed lines at their pay-as-you-go price). */
export function payAsYouGoExpected(lines: readonly CostLine[]): number {
  return lines.reduce((sum, l) => sum + (l.payAsYouGoUsd ?? l.monthlyUsd).expected, 0);
}

/** Adds ranges. */
export function sumRanges(ranges: readonly CostRange[]): CostRange {
  return ranges.reduce(
    (sum, r) => ({ min: sum.min + r.min, expected: sum.expected + r.expected, max: sum.max + r.max }),
    { min: 0, expected: 0, max: 0 },
  );
}

/** The lines with the highest expected amounts, highest first (ties by address, for determinism). */
export function biggestLines(lines: readonly CostLine[], count: number): CostLine[] {
  return [...lines]
    .sort((a, b) => b.monthlyUsd.expected - a.monthlyUsd.expected || a.address.localeCompare(b.address) || a.component.localeCompare(b.component))
    .slice(0, count);
}
