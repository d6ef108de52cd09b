import { UnpricedKind } from "../cost-estimate";
import { HOURS_PER_MONTH } from "../price-table";
import { PricerOutcome, ResourcePricer, fixed, usd } from "../pricing-context";
import { stringAttribute } from "../terraform-json";

/** `azurerm_public_ip`: Standard static addresses by the hour. */
export const pricePublicIp: ResourcePricer = (resource, context): PricerOutcome => {
  // azurerm 5.2 (as 4.x) defaults to Standard; Basic public IPs were retired on 2025-09-30.
  const sku = stringAttribute(resource.config, "sku") ?? "Standard";
  const { region, note } = context.regionOf(resource);
  const quote = context.quote(`public-ip/${sku}`, region);
  if (!quote) return { lines: [], unpriced: [{ kind: UnpricedKind.NO_PRICE, reason: `no price for ${sku} public IPs in the price table` }] };
  return {
    lines: [
      context.line(resource, {
        component: `public IP (${sku})`,
        region,
        quantity: `${HOURS_PER_MONTH} h x ${usd(quote.usd)}/h`,
        monthlyUsd: fixed(quote.usd * HOURS_PER_MONTH),
        quotes: [quote],
        notes: note ? [note] : [],
      }),
    ],
  };
};
