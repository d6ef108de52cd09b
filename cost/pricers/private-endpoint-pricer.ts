import { CostLine, UnpricedKind } from "../cost-estimate";
import { HOURS_PER_MONTH } from "../price-table";
import { PricerOutcome, ResourcePricer, fixed, usd } from "../pricing-context";

/**
 * `azurerm_private_endpoint`: by the hour, and the data it processes (each GB in and each GB out),
 * the configuration's assumed private-endpoint traffic shared evenly by its endpoints.
 */
export const pricePrivateEndpoint: ResourcePricer = (resource, context): PricerOutcome => {
  const { region, note } = context.regionOf(resource);
  const quote = context.quote("private-endpoint", region);
  if (!quote) return { lines: [], unpriced: [{ kind: UnpricedKind.NO_PRICE, reason: "no private endpoint price" }] };
  const traffic = context.options.privateEndpointGbPerMonth;
  const data = context.quote("private-endpoint/data-processed", region);
  const lines: CostLine[] = [
    context.line(resource, {
      component: "private endpoint",
      region,
      quantity: `${HOURS_PER_MONTH} h x ${usd(quote.usd)}/h`,
      monthlyUsd: fixed(quote.usd * HOURS_PER_MONTH),
      quotes: [quote],
      notes: [...(note ? [note] : []), ...(traffic ? [] : ["data processed (0.01 per GB each way) not estimated: no privateEndpointGbPerMonth assumed"])],
    }),
  ];
  if (traffic && data) {
    const n = context.resourcesOfType("azurerm_private_endpoint").length;
    const share = (gb: number) => (gb / n) * data.usd;
    lines.push(
      context.line(resource, {
        component: "private endpoint data processed (assumed traffic)",
        region,
        quantity: `${Number(traffic.expected.toFixed(2))} GB in and out / ${n} endpoints x ${usd(data.usd)}/GB`,
        monthlyUsd: { min: share(traffic.min), expected: share(traffic.expected), max: share(traffic.max) },
        quotes: [data],
        notes: [...(note ? [note] : []), `the ${traffic.min}-${traffic.max} GB a month assumed through the configuration's ${n} private endpoints, shared evenly`],
      }),
    );
  }
  return { lines };
};
