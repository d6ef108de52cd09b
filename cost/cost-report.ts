import { TierSpec } from "../tiers/tier-spec";
import { ceilingBreach } from "./ceiling-breach";
import { CostEstimate, CostLine, CostRange, UnpricedResource, biggestLines, payAsYouGoExpected, sumRanges } from "./cost-estimate";
import { estimateCost } from "./estimator";
import { formatUsd } from "./format-usd";
import { HOURS_PER_MONTH, PRICE_TABLE, PriceEntry } from "./price-table";
import { TerraformJson } from "./terraform-json";
import { estimateOptionsForTier } from "./tier-cost-options";

/** One synthesized stack to report on. */
export interface StackCostInput {
  readonly stack: string;
  readonly tier: TierSpec;
  readonly json: TerraformJson;
  /** The region the stack deploys to, for resources whose location the JSON does not give. */
  readonly region?: string;
  /** The stack's own ceiling; absent for stacks without an Azure budget. */
  readonly ceilingMonthlyUsd?: number;
}

export interface StackCostReport {
  readonly stack: string;
  readonly tier: string;
  /** Expected, min and max at the tier's commitments (what the guardrail and the budget hold to the ceiling). */
  readonly total: CostRange;
  /** Expected with every committed line at pay-as-you-go. */
  readonly expectedPayAsYouGoUsd: number;
  readonly ceilingMonthlyUsd?: number;
  /** The guardrail's message when the expected cost exceeds the ceiling. */
  readonly breach?: string;
  readonly lines: readonly CostLine[];
  readonly unpriced: readonly UnpricedResource[];
  readonly freeResources: number;
  readonly warnings: readonly string[];
}

export interface TierCostReport {
  readonly tier: string;
  readonly stacks: readonly string[];
  readonly total: CostRange;
  readonly expectedPayAsYouGoUsd: number;
  readonly ceilingMonthlyUsd?: number;
  readonly seedMonthlyUsd?: number;
  readonly breach?: string;
}

/** The report `npm run cost` prints and writes as JSON for the plan-review tool. */
export interface CostReport {
  readonly currency: "USD";
  readonly hoursPerMonth: number;
  readonly stacks: readonly StackCostReport[];
  readonly tiers: readonly TierCostReport[];
  /** The price table entries the lines use, with their sources, dates and caveats. */
  readonly prices: readonly PriceEntry[];
}

function stackReport(input: StackCostInput, estimate: CostEstimate): StackCostReport {
  return {
    stack: input.stack,
    tier: input.tier.name,
    total: estimate.total,
    expectedPayAsYouGoUsd: payAsYouGoExpected(estimate.lines),
    ceilingMonthlyUsd: input.ceilingMonthlyUsd,
    breach:
      input.ceilingMonthlyUsd === undefined
        ? undefined
        : ceilingBreach({
            label: `stack ${input.stack}`,
            total: estimate.total,
            lines: estimate.lines,
            ceilingMonthlyUsd: input.ceilingMonthlyUsd,
            ceilingSource: "its budget",
          }),
    lines: estimate.lines,
    unpriced: estimate.unpriced,
    freeResources: estimate.free.length,
    warnings: [...new Set(estimate.lines.flatMap((l) => l.warnings))],
  };
}

/** Estimates every stack with its tier's assumptions and sums the tiers. */
export function buildCostReport(inputs: readonly StackCostInput[]): CostReport {
  const stacks = inputs.map((input) => stackReport(input, estimateCost(input.json, estimateOptionsForTier(input.tier, input.region))));
  const tierNames = [...new Set(inputs.map((i) => i.tier.name))];
  const tiers = tierNames.map((name): TierCostReport => {
    const members = stacks.filter((s) => s.tier === name);
    const spec = inputs.find((i) => i.tier.name === name)?.tier;
    const total = sumRanges(members.map((s) => s.total));
    const ceiling = spec?.budget?.ceilingMonthlyUsd;
    return {
      tier: name,
      stacks: members.map((s) => s.stack),
      total,
      expectedPayAsYouGoUsd: members.reduce((sum, s) => sum + s.expectedPayAsYouGoUsd, 0),
      ceilingMonthlyUsd: ceiling,
      seedMonthlyUsd: spec?.budget?.seedMonthlyUsd,
      breach:
        ceiling === undefined
          ? undefined
          : ceilingBreach({
              label: `tier ${name}`,
              total,
              lines: members.flatMap((s) => s.lines.map((l) => ({ ...l, address: `${s.stack}: ${l.address}` }))),
              ceilingMonthlyUsd: ceiling,
              ceilingSource: "tier.budget.ceilingMonthlyUsd",
            }),
    };
  });
  const used = new Set(stacks.flatMap((s) => s.lines.flatMap((l) => l.priceIds)));
  return {
    currency: "USD",
    hoursPerMonth: HOURS_PER_MONTH,
    stacks,
    tiers,
    prices: PRICE_TABLE.filter((p) => used.has(p.id)),
  };
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const render = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ").trimEnd();
  return [render(header), ...rows.map(render)].join("\n");
}

const money = (amount: number | undefined) => (amount === undefined ? "-" : formatUsd(amount));

/**
 * The per-tier table `npm run synth` prints: expected (at the tier's commitments), min, max, the
 * expected at pay-as-you-go, the ceiling and the seed's figure.
 */
export function formatTierTable(report: CostReport): string {
  return table(
    ["tier", "expected/month", "min", "max", "pay-as-you-go", "ceiling", "seed figure"],
    report.tiers.map((t) => [
      t.tier,
      money(t.total.expected),
      money(t.total.min),
      money(t.total.max),
      money(t.expectedPayAsYouGoUsd),
      money(t.ceilingMonthlyUsd),
      t.seedMonthlyUsd === undefined ? "-" : `~${money(t.seedMonthlyUsd)}`,
    ]),
  );
}

/** The full report as text: stacks, tiers, the biggest lines, breaches, warnings and what is not priced. */
export function formatCostReport(report: CostReport): string {
  const out: string[] = [];
  out.push(
    table(
      ["stack", "tier", "expected/month", "min", "max", "pay-as-you-go", "ceiling"],
      report.stacks.map((s) => [
        s.stack,
        s.tier,
        money(s.total.expected),
        money(s.total.min),
        money(s.total.max),
        money(s.expectedPayAsYouGoUsd),
        money(s.ceilingMonthlyUsd),
      ]),
    ),
  );
  out.push("", formatTierTable(report));
  for (const s of report.stacks.filter((x) => x.lines.length > 0)) {
    out.push("", `${s.stack}: biggest lines`);
    for (const l of biggestLines(s.lines, 5)) out.push(`  ${money(l.monthlyUsd.expected).padStart(11)}  ${l.component}  [${l.quantity}]`);
  }
  const breaches = [...report.stacks.flatMap((s) => (s.breach ? [s.breach] : [])), ...report.tiers.flatMap((t) => (t.breach ? [t.breach] : []))];
  if (breaches.length > 0) out.push("", "OVER CEILING:", ...breaches.map((b) => `  ${b}`));
  const warnings = report.stacks.flatMap((s) => s.warnings.map((w) => `  ${s.stack}: ${w}`));
  if (warnings.length > 0) out.push("", "warnings:", ...warnings);
  const unpriced = report.stacks.flatMap((s) => s.unpriced.map((u) => `  ${s.stack}: ${u.address} (${u.kind}): ${u.reason}`));
  if (unpriced.length > 0) out.push("", "not priced (estimates are lower bounds):", ...unpriced);
  out.push(
    "",
    `Amounts in USD for a ${report.hoursPerMonth}-hour month at list prices: always-on pools at the commitment their tier declares (pay-as-you-go beside it), spot pools at the published spot price, bounded by their cap or the on-demand price.`,
    "Prices, regions, dates and sources: cost/price-table.ts (and the report JSON). Usage assumptions: tiers/*.ts, costAssumptions.",
  );
  return out.join("\n");
}
