import { UnpricedKind } from "../cost-estimate";
import { HOURS_PER_MONTH } from "../price-table";
import { PricerOutcome, ResourcePricer, fixed, usd } from "../pricing-context";

/** `azurerm_private_endpoint`: by the hour; data processed is usage and not estimated. */
export const pricePrivateEndpoint: ResourcePricer = (resource, context): PricerOutcome => {
  const { region, note } = context.regionOf(resource);
  const quote = context.quote("private-endpoint", region);
  if (!quote) return { lines: [], unpriced: [{ kind: UnpricedKind.NO_PRICE, reason: "no private endpoint price" }] };
  return {
    lines: [
      context.line(resource, {
        component: "private endpoint",
        region,
        quantity: `${HOURS_PER_MONTH} h x ${usd(quote.usd)}/h`,
        monthlyUsd: fixed(quote.usd * HOURS_PER_MONTH),
        quotes: [quote],
        notes: [...(note ? [note] : []), "data processed (per GB, each way) is not estimated"],
      }),
    ],
  };
};
