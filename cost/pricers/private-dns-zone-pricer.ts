import { UnpricedKind } from "../cost-estimate";
import { PricerOutcome, ResourcePricer, fixed, usd } from "../pricing-context";

/** `azurerm_private_dns_zone`: a monthly fee per hosted zone; queries are usage and not estimated. */
export const pricePrivateDnsZone: ResourcePricer = (resource, context): PricerOutcome => {
  const { region, note } = context.regionOf(resource);
  const quote = context.quote("private-dns-zone", region);
  if (!quote) return { lines: [], unpriced: [{ kind: UnpricedKind.NO_PRICE, reason: "no private DNS zone price" }] };
  return {
    lines: [
      context.line(resource, {
        component: "private DNS zone",
        region,
        quantity: `1 zone x ${usd(quote.usd)}/month`,
        monthlyUsd: fixed(quote.usd),
        quotes: [quote],
        notes: [...(note ? [note] : []), "DNS queries are not estimated"],
      }),
    ],
  };
};
