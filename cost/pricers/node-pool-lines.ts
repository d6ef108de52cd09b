import { ComputeCommitment } from "../../tiers/tier-spec";
import { CostLine, CostRange, UnpricedKind } from "../cost-estimate";
import { NodePoolUsage } from "../estimate-options";
import { PriceQuote } from "../price-quote";
import { HOURS_PER_MONTH } from "../price-table";
import { PricerOutcome, PricingContext, UnpricedPart, fixed, usd } from "../pricing-context";
import { TerraformResourceRef, booleanAttribute, numberAttribute, stringAttribute } from "../terraform-json";

/** What decides the cost of an AKS node pool (the cluster's default pool or a separate one). */
export interface NodePoolShape {
  readonly name: string;
  readonly vmSize: string;
  readonly spot: boolean;
  /** The spot cap in USD per hour; undefined pays up to on-demand (-1). */
  readonly spotMaxPriceUsd?: number;
  readonly autoscale: boolean;
  readonly minCount: number;
  readonly maxCount: number;
  readonly ephemeralOsDisk: boolean;
  readonly osDiskSizeGb: number;
  readonly evictionPolicy?: string;
}

/** AKS gives Dsv5 nodes a 128 GiB managed OS disk unless told otherwise. */
const DEFAULT_OS_DISK_GB = 128;

/** Reads a node pool block or resource; an unpriced part when a count is only known at apply time. */
export function readNodePool(config: Readonly<Record<string, unknown>>): NodePoolShape | UnpricedPart {
  const vmSize = stringAttribute(config, "vm_size");
  const autoscale = booleanAttribute(config, "auto_scaling_enabled") ?? booleanAttribute(config, "enable_auto_scaling") ?? false;
  const counts = autoscale
    ? [numberAttribute(config, "min_count"), numberAttribute(config, "max_count")]
    : [numberAttribute(config, "node_count") ?? 1, numberAttribute(config, "node_count") ?? 1];
  const disk = numberAttribute(config, "os_disk_size_gb");
  const cap = numberAttribute(config, "spot_max_price");
  if (!vmSize || counts.some((c) => c === undefined || c === "unresolved") || disk === "unresolved" || cap === "unresolved") {
    return { kind: UnpricedKind.UNRESOLVED, reason: "vm_size, node counts, OS disk size or spot price only known at apply time" };
  }
  const [minCount, maxCount] = counts as number[];
  return {
    name: stringAttribute(config, "name") ?? "(unnamed)",
    vmSize,
    spot: stringAttribute(config, "priority") === "Spot",
    spotMaxPriceUsd: typeof cap === "number" && cap > 0 ? cap : undefined,
    autoscale,
    minCount,
    maxCount,
    ephemeralOsDisk: stringAttribute(config, "os_disk_type") === "Ephemeral",
    osDiskSizeGb: disk ?? DEFAULT_OS_DISK_GB,
    evictionPolicy: stringAttribute(config, "eviction_policy"),
  };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** Average nodes over a month, and how the average came about. */
function averageNodes(pool: NodePoolShape, usage: NodePoolUsage | undefined): { nodes: number; note?: string } {
  if (!pool.autoscale) return { nodes: pool.minCount };
  if (!usage) {
    return { nodes: pool.minCount, note: `no usage assumption for autoscaled pool ${pool.name}: ${pool.minCount} nodes (min_count) all month` };
  }
  const how = (derivation: string | undefined) => (derivation ? `derived from ${derivation}` : "assumed");
  const base = clamp(usage.averageNodes, pool.minCount, pool.maxCount);
  const window = usage.busyWindow;
  if (!window) return { nodes: base, note: `${base} nodes on average, ${how(usage.derivation)} (range ${pool.minCount}-${pool.maxCount})` };
  const busy = clamp(window.averageNodes, pool.minCount, pool.maxCount);
  const share = window.shareOfTime;
  const nodes = busy * share + base * (1 - share);
  return {
    nodes,
    note:
      `${busy} nodes in ${window.description} (${Number((share * 100).toFixed(2))}% of the month), ${how(window.derivation)}; ` +
      `${base} nodes otherwise, ${how(usage.derivation)}: ${nodes.toFixed(3)} on average (range ${pool.minCount}-${pool.maxCount})`,
  };
}

/** A pool with usage of its own (the sandbox pool, spot or not) keeps it; other spot pools share the spot pool's. */
function usageOf(pool: NodePoolShape, context: PricingContext): NodePoolUsage | undefined {
  return context.options.nodePoolUsage[pool.name] ?? (pool.spot ? context.options.spotPoolUsage : undefined);
}

/** The expected average node count of a pool under the estimate's options (Defender bills per vCore of it). */
export function expectedNodes(pool: NodePoolShape, context: PricingContext): number {
  const usage = usageOf(pool, context);
  return averageNodes(pool, usage).nodes;
}

const COMMITMENT_LABELS: Readonly<Record<ComputeCommitment, string>> = {
  [ComputeCommitment.NONE]: "pay-as-you-go",
  [ComputeCommitment.SAVINGS_PLAN_1_YEAR]: "1-year savings plan",
  [ComputeCommitment.SAVINGS_PLAN_3_YEARS]: "3-year savings plan",
  [ComputeCommitment.RESERVED_1_YEAR]: "1-year reservation",
  [ComputeCommitment.RESERVED_3_YEARS]: "3-year reservation",
};

/**
 * The committed hourly rate in `region`, or a warning when the table has none. A commitment's
 * discount is the one of the region its price was read for: when that is not the region of the
 * pay-as-you-go price, the same ratio is applied to the pay-as-you-go price, never one region's
 * committed rate beside another region's on-demand one.
 */
function committedRate(
  vmSize: string,
  commitment: ComputeCommitment,
  payg: PriceQuote,
  region: string,
  context: PricingContext,
): { usd: number; quotes: PriceQuote[]; note: string } | { warning: string } {
  const label = COMMITMENT_LABELS[commitment];
  const quote = context.quote(`vm/${vmSize}/${commitment}`, region);
  if (!quote) {
    return { warning: `${vmSize}: no sourced ${label} price in the price table, so the pool is priced at pay-as-you-go (an upper bound of what the commitment costs)` };
  }
  const sameRegion = quote.entry.regions.length === payg.entry.regions.length && quote.entry.regions.every((r) => payg.entry.regions.includes(r));
  if (sameRegion) return { usd: quote.usd, quotes: [quote], note: `${label} at ${usd(quote.usd)}/h (${quote.entry.regionLabel}), pay-as-you-go ${usd(payg.usd)}/h` };
  const base = context.quote(`vm/${vmSize}/payg`, quote.entry.regions[0] ?? region);
  if (!base) return { warning: `${vmSize}: no pay-as-you-go price where the ${label} price was read, so the pool is priced at pay-as-you-go` };
  const ratio = quote.usd / base.usd;
  const rate = payg.usd * ratio;
  return {
    usd: rate,
    quotes: [quote, base],
    note: `${label}: the ${quote.entry.regionLabel} discount (${usd(quote.usd)} / ${usd(base.usd)} = ${Number(ratio.toFixed(4))}) applied to the ${payg.entry.regionLabel} pay-as-you-go ${usd(payg.usd)}/h = ${usd(rate)}/h`,
  };
}

function counts(pool: NodePoolShape, expected: number): string {
  if (!pool.autoscale) return `${pool.minCount} nodes`;
  return `${pool.minCount}-${pool.maxCount} nodes, ${Number(expected.toFixed(3))} expected`;
}

function scaled(pool: NodePoolShape, expectedNodes: number, perNode: { min: number; expected: number; max: number }): CostRange {
  return { min: pool.minCount * perNode.min, expected: expectedNodes * perNode.expected, max: pool.maxCount * perNode.max };
}

/**
 * The VM and OS-disk lines of a node pool. Spot pools are priced at the spot price with their cap
 * (or the on-demand price) as the bound; fixed regular pools at the commitment the options name
 * for them, with pay-as-you-go beside it.
 */
export function nodePoolLines(
  resource: TerraformResourceRef,
  pool: NodePoolShape,
  region: string,
  regionNote: string | undefined,
  context: PricingContext,
): PricerOutcome {
  const payg = context.quote(`vm/${pool.vmSize}/payg`, region);
  const spotPrice = pool.spot ? context.quote(`vm/${pool.vmSize}/spot`, region) : undefined;
  if (!payg || (pool.spot && !spotPrice)) {
    return { lines: [], unpriced: [{ kind: UnpricedKind.NO_PRICE, reason: `no ${pool.spot ? "spot and on-demand" : "on-demand"} price for ${pool.vmSize} in the price table (node pool ${pool.name})` }] };
  }
  const usage = usageOf(pool, context);
  const average = averageNodes(pool, usage);
  const notes = [...(regionNote ? [regionNote] : []), ...(average.note ? [average.note] : [])];
  const warnings: string[] = [];
  const lines: CostLine[] = [];

  let perHour: { min: number; expected: number; max: number };
  let rate: string;
  let payAsYouGo: CostRange | undefined;
  const quotes: PriceQuote[] = spotPrice ? [spotPrice, payg] : [payg];
  if (spotPrice) {
    const cap = pool.spotMaxPriceUsd;
    const bound = cap !== undefined ? Math.min(payg.usd, Math.max(cap, spotPrice.usd)) : payg.usd;
    // Azure never charges above the market price, and never allocates below it: a cap under the
    // published spot price leaves the pool without nodes rather than cheaper ones, so the line
    // prices the nodes the workloads need at the market price and warns.
    perHour = { min: spotPrice.usd, expected: spotPrice.usd, max: bound };
    rate = `${usd(spotPrice.usd)}/h spot, at most ${usd(bound)}/h`;
    notes.push(
      cap !== undefined
        ? `spot nodes at the published spot price (it varies with demand); spot_max_price ${usd(cap)}/h bounds what a node may cost`
        : `spot nodes at the published spot price (it varies with demand), bounded by the on-demand price ${usd(payg.usd)}/h`,
    );
    if (cap !== undefined && spotPrice.usd > cap) {
      warnings.push(
        `spot_max_price ${usd(cap)}/h is below the published ${pool.vmSize} spot price ${usd(spotPrice.usd)}/h (${spotPrice.entry.regionLabel}): at that price Azure allocates no spot nodes and evicts running ones, so the pool may not scale when needed`,
      );
    }
  } else {
    const commitment = !pool.autoscale ? context.options.commitments[pool.name] : undefined;
    const committed = commitment && commitment !== ComputeCommitment.NONE ? committedRate(pool.vmSize, commitment, payg, region, context) : undefined;
    if (committed && "usd" in committed) {
      perHour = { min: committed.usd, expected: committed.usd, max: committed.usd };
      rate = `${usd(Number(committed.usd.toFixed(6)))}/h (${COMMITMENT_LABELS[commitment as ComputeCommitment]})`;
      payAsYouGo = fixed(pool.minCount * payg.usd * HOURS_PER_MONTH);
      quotes.push(...committed.quotes);
      notes.push(committed.note, "a commitment is bought in Azure, not by Terraform: the price holds only while it covers these VMs");
    } else {
      if (committed && "warning" in committed) warnings.push(committed.warning);
      perHour = { min: payg.usd, expected: payg.usd, max: payg.usd };
      rate = `${usd(payg.usd)}/h`;
    }
  }
  const hourly = { min: perHour.min * HOURS_PER_MONTH, expected: perHour.expected * HOURS_PER_MONTH, max: perHour.max * HOURS_PER_MONTH };

  lines.push(
    context.line(resource, {
      component: `node pool ${pool.name}: ${pool.autoscale ? `${pool.minCount}-${pool.maxCount}` : pool.minCount} x ${pool.vmSize}${pool.spot ? " (Spot)" : ""}`,
      region,
      quantity: `${counts(pool, average.nodes)} x ${HOURS_PER_MONTH} h x ${rate}`,
      monthlyUsd: scaled(pool, average.nodes, hourly),
      quotes,
      notes,
      warnings,
      payAsYouGoUsd: payAsYouGo,
    }),
  );

  if (pool.ephemeralOsDisk) return { lines };
  if (pool.osDiskSizeGb <= 64 || pool.osDiskSizeGb > 128) {
    return {
      lines,
      unpriced: [{ kind: UnpricedKind.NO_PRICE, reason: `${pool.osDiskSizeGb} GiB managed OS disks of node pool ${pool.name}: only Premium SSD P10 (65-128 GiB) is in the price table` }],
    };
  }
  const disk = context.quote("disk/premium-ssd/P10", region);
  if (!disk) return { lines };
  lines.push(
    context.line(resource, {
      component: `node pool ${pool.name}: OS disks (Premium SSD P10, ${pool.osDiskSizeGb} GiB)`,
      region,
      quantity: `${counts(pool, average.nodes)} x ${usd(disk.usd)}/month`,
      monthlyUsd: pool.autoscale ? scaled(pool, average.nodes, fixed(disk.usd)) : fixed(pool.minCount * disk.usd),
      quotes: [disk],
      notes: [
        ...(regionNote ? [regionNote] : []),
        ...(pool.autoscale ? ["a node's disk is billed while the node exists"] : []),
        ...(pool.evictionPolicy === "Deallocate" ? ["evicted spot nodes keep their disks (eviction Deallocate): disks may cost more than the node count suggests"] : []),
      ],
    }),
  );
  return { lines };
}
