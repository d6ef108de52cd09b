import { CostLine, CostRange, UnpricedKind } from "../cost-estimate";
import { NodePoolUsage } from "../estimate-options";
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
  const base = clamp(usage.averageNodes, pool.minCount, pool.maxCount);
  const window = usage.busyWindow;
  if (!window) return { nodes: base, note: `assumed ${base} nodes on average (range ${pool.minCount}-${pool.maxCount})` };
  const busy = clamp(window.averageNodes, pool.minCount, pool.maxCount);
  const nodes = (busy * window.hoursPerDay + base * (24 - window.hoursPerDay)) / 24;
  return {
    nodes,
    note: `assumed ${busy} nodes ${window.hoursPerDay} h a day (${window.description}) and ${base} nodes otherwise: ${nodes.toFixed(3)} on average (range ${pool.minCount}-${pool.maxCount})`,
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
 * The VM and OS-disk lines of a node pool. Spot pools are priced at the spot price, never above
 * their cap, with the on-demand price (or the cap) as the bound; fixed regular pools also show
 * what a 1-year savings plan would cost.
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
  const usage = pool.spot ? context.options.spotPoolUsage : context.options.nodePoolUsage[pool.name];
  const average = averageNodes(pool, usage);
  const notes = [...(regionNote ? [regionNote] : []), ...(average.note ? [average.note] : [])];
  const warnings: string[] = [];
  const lines: CostLine[] = [];

  let perHour: { min: number; expected: number; max: number };
  let rate: string;
  if (spotPrice) {
    const cap = pool.spotMaxPriceUsd;
    const running = cap !== undefined ? Math.min(spotPrice.usd, cap) : spotPrice.usd;
    const bound = cap !== undefined ? Math.min(payg.usd, cap) : payg.usd;
    perHour = { min: running, expected: running, max: bound };
    rate = `${usd(running)}/h spot, at most ${usd(bound)}/h`;
    notes.push(
      cap !== undefined
        ? `spot nodes at the published spot price (it varies with demand), never above spot_max_price ${usd(cap)}/h`
        : `spot nodes at the published spot price (it varies with demand), bounded by the on-demand price ${usd(payg.usd)}/h`,
    );
    if (cap !== undefined && spotPrice.usd > cap) {
      warnings.push(
        `spot_max_price ${usd(cap)}/h is below the published ${pool.vmSize} spot price ${usd(spotPrice.usd)}/h (${spotPrice.entry.regionLabel}): at that price Azure allocates no spot nodes and evicts running ones, so the pool may not scale when needed`,
      );
    }
  } else {
    perHour = { min: payg.usd, expected: payg.usd, max: payg.usd };
    rate = `${usd(payg.usd)}/h`;
  }
  const hourly = { min: perHour.min * HOURS_PER_MONTH, expected: perHour.expected * HOURS_PER_MONTH, max: perHour.max * HOURS_PER_MONTH };

  const savings = !pool.spot && !pool.autoscale ? context.quote(`vm/${pool.vmSize}/savings-1y`, region) : undefined;
  lines.push(
    context.line(resource, {
      component: `node pool ${pool.name}: ${pool.autoscale ? `${pool.minCount}-${pool.maxCount}` : pool.minCount} x ${pool.vmSize}${pool.spot ? " (Spot)" : ""}`,
      region,
      quantity: `${counts(pool, average.nodes)} x ${HOURS_PER_MONTH} h x ${rate}`,
      monthlyUsd: scaled(pool, average.nodes, hourly),
      quotes: spotPrice ? [spotPrice, payg] : [payg],
      notes,
      warnings,
      alternative: savings
        ? {
            label: "1-year savings plan",
            monthlyUsd: pool.minCount * savings.usd * HOURS_PER_MONTH,
            priceIds: [savings.entry.id],
          }
        : undefined,
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
