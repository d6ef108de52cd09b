import { UnpricedKind } from "../cost-estimate";
import { PricerOutcome, ResourcePricer, fixed, usd } from "../pricing-context";
import { stringAttribute } from "../terraform-json";

/**
 * `azurerm_api_management`: classic tiers (Developer, Basic, Standard, Premium) per unit-month
 * from `sku_name` (`<tier>_<units>`); Consumption per call, with no call volume assumed. The v2
 * tiers have no citable price in the table and are reported unpriced.
 */
export const priceApiManagement: ResourcePricer = (resource, context): PricerOutcome => {
  const skuName = stringAttribute(resource.config, "sku_name");
  if (skuName === undefined) return { lines: [], unpriced: [{ kind: UnpricedKind.UNRESOLVED, reason: "sku_name only known at apply time" }] };
  const m = /^([A-Za-z0-9]+)_(\d+)$/.exec(skuName);
  if (!m) return { lines: [], unpriced: [{ kind: UnpricedKind.NO_PRICE, reason: `sku_name ${skuName} is not <tier>_<units>` }] };
  const [, tier, unitsText] = m;
  const units = Number(unitsText);
  const { region, note } = context.regionOf(resource);
  const quote = context.quote(`apim/${tier}`, region);
  if (!quote) return { lines: [], unpriced: [{ kind: UnpricedKind.NO_PRICE, reason: `no price for API Management ${tier} in the price table` }] };
  const notes = note ? [note] : [];
  if (tier === "Consumption") {
    return {
      lines: [
        context.line(resource, {
          component: "API Management Consumption",
          region,
          quantity: `0 calls assumed x ${usd(quote.usd)} per 1M calls`,
          monthlyUsd: fixed(0),
          quotes: [quote],
          notes: [...notes, "billed per call; no call volume is assumed, so this line is a lower bound"],
        }),
      ],
    };
  }
  return {
    lines: [
      context.line(resource, {
        component: `API Management ${tier}: ${units} unit${units === 1 ? "" : "s"}`,
        region,
        quantity: `${units} unit${units === 1 ? "" : "s"} x ${usd(quote.usd)}/month`,
        monthlyUsd: fixed(units * quote.usd),
        quotes: [quote],
        notes,
      }),
    ],
  };
};
