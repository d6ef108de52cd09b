import { CostLine, UnpricedKind } from "../cost-estimate";
import { PricerOutcome, ResourcePricer, fixed, usd } from "../pricing-context";

/**
 * `azurerm_private_dns_zone`: a monthly fee per hosted zone, and the DNS queries the configuration
 * is assumed to make, shared evenly by its zones.
 */
export const pricePrivateDnsZone: ResourcePricer = (resource, context): PricerOutcome => {
  const { region, note } = context.regionOf(resource);
  const quote = context.quote("private-dns-zone", region);
  if (!quote) return { lines: [], unpriced: [{ kind: UnpricedKind.NO_PRICE, reason: "no private DNS zone price" }] };
  const queries = context.options.privateDnsQueriesPerMonth;
  const rate = context.quote("private-dns/queries", region);
  const lines: CostLine[] = [
    context.line(resource, {
      component: "private DNS zone",
      region,
      quantity: `1 zone x ${usd(quote.usd)}/month`,
      monthlyUsd: fixed(quote.usd),
      quotes: [quote],
      notes: [...(note ? [note] : []), ...(queries ? [] : ["DNS queries (0.40 per million) not estimated: no privateDnsQueriesPerMonth assumed"])],
    }),
  ];
  if (queries && rate) {
    const n = context.resourcesOfType("azurerm_private_dns_zone").length;
    const share = (q: number) => (q / n / 1e6) * rate.usd;
    lines.push(
      context.line(resource, {
        component: "private DNS queries (assumed)",
        region,
        quantity: `${(queries.expected / 1e6).toLocaleString("en-US")}M queries / ${n} zones x ${usd(rate.usd)}/1M`,
        monthlyUsd: { min: share(queries.min), expected: share(queries.expected), max: share(queries.max) },
        quotes: [rate],
        notes: [...(note ? [note] : []), `${queries.min / 1e6}-${queries.max / 1e6}M queries a month assumed over the configuration's ${n} zones, shared evenly`],
      }),
    );
  }
  return { lines };
};
