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
  const monthly = (gb: number) => gb * DAYS_PER_MONTH * quote.usd;
  const notes = [
    ...(note ? [note] : []),
    context.options.logAnalyticsDerivation
      ? `${context.options.logAnalyticsDerivation}; ${round(assumed.min)}-${round(assumed.max)} GB a day, ${round(assumed.expected)} expected${cap !== Infinity ? `, capped by daily_quota_gb ${quota}` : ""}`
      : context.options.logAnalyticsAssumed
        ? `assumed ${assumed.min}-${assumed.max} GB a day, ${assumed.expected} expected${cap !== Infinity ? `, capped by daily_quota_gb ${quota}` : ""}`
        : "no ingestion assumed",
    "the first 5 GB a month per billing account are free, shared by every workspace: not subtracted",
  ];
  if (typeof retention === "number" && retention > INCLUDED_RETENTION_DAYS) {
    notes.push(`retention beyond ${INCLUDED_RETENTION_DAYS} days (${retention}) is billed per GB-month and not priced`);
  }
  return {
    lines: [
      context.line(resource, {
        component: "Log Analytics ingestion",
        region,
        quantity: `${round(perDay.expected)} GB/day${context.options.logAnalyticsDerivation ? " (derived per stream)" : ""} x ${Number(DAYS_PER_MONTH.toFixed(4))} days x ${usd(quote.usd)}/GB`,
        monthlyUsd: { min: monthly(perDay.min), expected: monthly(perDay.expected), max: monthly(perDay.max) },
        quotes: [quote],
        notes,
      }),
    ],
  };
};
