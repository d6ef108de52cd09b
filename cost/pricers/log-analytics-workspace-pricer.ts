import { UnpricedKind } from "../cost-estimate";
import { HOURS_PER_MONTH } from "../price-table";
import { PricerOutcome, ResourcePricer, usd } from "../pricing-context";
import { numberAttribute, stringAttribute } from "../terraform-json";

const DAYS_PER_MONTH = HOURS_PER_MONTH / 24;

function round(gb: number): number {
  return Number(gb.toFixed(3));
}
/** Days of retention included in the ingestion price of analytics logs. */
const INCLUDED_RETENTION_DAYS = 31;

/** `azurerm_log_analytics_workspace` (PerGB2018): assumed GB a day, capped by the daily quota. */
export const priceLogAnalyticsWorkspace: ResourcePricer = (resource, context): PricerOutcome => {
  const sku = stringAttribute(resource.config, "sku") ?? "PerGB2018";
  if (sku !== "PerGB2018") {
    return { lines: [], unpriced: [{ kind: UnpricedKind.NO_PRICE, reason: `no price for the ${sku} Log Analytics SKU in the price table` }] };
  }
  const quota = numberAttribute(resource.config, "daily_quota_gb");
  const retention = numberAttribute(resource.config, "retention_in_days");
  const { region, note } = context.regionOf(resource);
  const quote = context.quote("log-analytics/ingestion", region);
  if (!quote) return { lines: [], unpriced: [{ kind: UnpricedKind.NO_PRICE, reason: "no Log Analytics price" }] };
  const assumed = context.options.logAnalyticsGbPerDay;
  const cap = typeof quota === "number" && quota > 0 ? quota : Infinity;
  const perDay = { min: Math.min(assumed.min, cap), expected: Math.min(assumed.expected, cap), max: Math.min(assumed.max, cap) };
  const free = context.options.logAnalyticsFreeGbPerMonth;
  // The free GB are the billing account's, shared by all its workspaces: the maximum does not count on them.
  const monthly = (gb: number, allowance = free) => Math.max(0, gb * DAYS_PER_MONTH - allowance) * quote.usd;
  const notes = [
    ...(note ? [note] : []),
    context.options.logAnalyticsDerivation
      ? `${context.options.logAnalyticsDerivation}; ${round(assumed.min)}-${round(assumed.max)} GB a day, ${round(assumed.expected)} expected${cap !== Infinity ? `, capped by daily_quota_gb ${quota}` : ""}`
      : context.options.logAnalyticsAssumed
        ? `assumed ${assumed.min}-${assumed.max} GB a day, ${assumed.expected} expected${cap !== Infinity ? `, capped by daily_quota_gb ${quota}` : ""}`
        : "no ingestion assumed",
    free > 0
      ? `the billing account's ${free} free GB a month subtracted from the minimum and expected (this tier's primary workspace takes them); not from the maximum, for another workspace of the account may use them first`
      : "the billing account's 5 free GB a month are counted once per tier, on the primary region's workspace: not subtracted here",
  ];
  if (typeof retention === "number" && retention > INCLUDED_RETENTION_DAYS) {
    notes.push(`retention beyond ${INCLUDED_RETENTION_DAYS} days (${retention}) is billed per GB-month and not priced`);
  }
  return {
    lines: [
      context.line(resource, {
        component: "Log Analytics ingestion",
        region,
        quantity: `(${round(perDay.expected)} GB/day${context.options.logAnalyticsDerivation ? " (derived per stream)" : ""} x ${Number(DAYS_PER_MONTH.toFixed(4))} days${free > 0 ? ` - ${free} GB free` : ""}) x ${usd(quote.usd)}/GB`,
        monthlyUsd: { min: monthly(perDay.min), expected: monthly(perDay.expected), max: monthly(perDay.max, 0) },
        quotes: [quote],
        notes,
      }),
    ],
  };
};
