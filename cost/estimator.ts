import { CostEstimate, CostLine, FreeResource, UnpricedKind, UnpricedResource, sumRanges } from "./cost-estimate";
import { EstimateOptions, resolveEstimateOptions } from "./estimate-options";
import { freeReason } from "./free-resource-types";
import { PRICERS } from "./pricer-registry";
import { PricingContext } from "./pricing-context";
import { TerraformJson, TerraformResourceRef, listResources, numberAttribute } from "./terraform-json";

/** How many instances `count` or `for_each` make; `"unresolved"` when only known at apply time. */
function instances(resource: TerraformResourceRef): number | "unresolved" {
  const count = numberAttribute(resource.config, "count");
  if (count !== undefined) return count;
  const forEach = resource.config.for_each;
  if (forEach === undefined) return 1;
  if (Array.isArray(forEach)) return forEach.length;
  if (typeof forEach === "object" && forEach !== null) return Object.keys(forEach).length;
  return "unresolved";
}

function times(line: CostLine, n: number): CostLine {
  const m = line.monthlyUsd;
  return {
    ...line,
    component: `${line.component} (x ${n} instances)`,
    quantity: `${n} x (${line.quantity})`,
    monthlyUsd: { min: m.min * n, expected: m.expected * n, max: m.max * n },
    payAsYouGoUsd: line.payAsYouGoUsd ? { min: line.payAsYouGoUsd.min * n, expected: line.payAsYouGoUsd.expected * n, max: line.payAsYouGoUsd.max * n } : undefined,
  };
}

/**
 * Estimates the monthly cost of a synthesized Terraform configuration (any cdktf app's
 * `cdk.tf.json`): a line per priced component of each resource with its minimum, expected and
 * maximum over a 730-hour month; the resources that cost nothing by themselves; and those it
 * cannot price (unknown types, SKUs without a price, values only known at apply time).
 */
export function estimateCost(json: TerraformJson, options: EstimateOptions = {}): CostEstimate {
  const context = new PricingContext(json, resolveEstimateOptions(options));
  const lines: CostLine[] = [];
  const unpriced: UnpricedResource[] = [];
  const free: FreeResource[] = [];
  for (const resource of listResources(json)) {
    const { address, type: resourceType } = resource;
    const n = instances(resource);
    if (n === "unresolved") {
      unpriced.push({ address, resourceType, kind: UnpricedKind.UNRESOLVED, reason: "count or for_each only known at apply time" });
      continue;
    }
    if (n === 0) {
      free.push({ address, resourceType, reason: "count is 0" });
      continue;
    }
    const pricer = PRICERS.get(resourceType);
    if (pricer) {
      const outcome = pricer(resource, context);
      lines.push(...outcome.lines.map((line) => (n === 1 ? line : times(line, n))));
      unpriced.push(...(outcome.unpriced ?? []).map((part) => ({ address, resourceType, ...part })));
      if (outcome.lines.length === 0 && (outcome.unpriced ?? []).length === 0) {
        free.push({ address, resourceType, reason: outcome.freeReason ?? "no cost in this configuration" });
      }
      continue;
    }
    const reason = freeReason(resourceType);
    if (reason !== undefined) free.push({ address, resourceType, reason });
    else {
      unpriced.push({
        address,
        resourceType,
        kind: UnpricedKind.UNKNOWN_TYPE,
        reason: "neither priced nor known to be free: add a pricer (cost/pricer-registry.ts) or a free entry (cost/free-resource-types.ts)",
      });
    }
  }
  return { lines, unpriced, free, total: sumRanges(lines.map((l) => l.monthlyUsd)) };
}
