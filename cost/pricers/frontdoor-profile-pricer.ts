import { UnpricedKind } from "../cost-estimate";
import { PricerOutcome, ResourcePricer, fixed, usd } from "../pricing-context";
import { stringAttribute } from "../terraform-json";

/** `azurerm_cdn_frontdoor_profile`: the tier's monthly base fee (endpoints, routes and origins included). */
export const priceFrontDoorProfile: ResourcePricer = (resource, context): PricerOutcome => {
  const sku = stringAttribute(resource.config, "sku_name");
  if (!sku) return { lines: [], unpriced: [{ kind: UnpricedKind.UNRESOLVED, reason: "SKU only known at apply time" }] };
  const quote = context.quote(`frontdoor/${sku}`, "global");
  if (!quote) return { lines: [], unpriced: [{ kind: UnpricedKind.NO_PRICE, reason: `no price for Front Door ${sku} in the price table` }] };
  return {
    lines: [
      context.line(resource, {
        component: `Front Door ${sku.replace("_AzureFrontDoor", "")} base fee`,
        region: "global",
        quantity: `1 profile x ${usd(quote.usd)}/month`,
        monthlyUsd: fixed(quote.usd),
        quotes: [quote],
        notes: ["requests and data transfer are billed on top and not estimated"],
      }),
    ],
  };
};
