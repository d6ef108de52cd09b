import { UnpricedKind } from "../cost-estimate";
import { PricerOutcome, ResourcePricer, fixed, usd } from "../pricing-context";
import { numberAttribute, stringAttribute } from "../terraform-json";

/** `azurerm_search_service`: the SKU's search-unit price x replicas x partitions. */
export const priceSearchService: ResourcePricer = (resource, context): PricerOutcome => {
  const sku = stringAttribute(resource.config, "sku");
  const replicas = numberAttribute(resource.config, "replica_count") ?? 1;
  const partitions = numberAttribute(resource.config, "partition_count") ?? 1;
  if (!sku || replicas === "unresolved" || partitions === "unresolved") {
    return { lines: [], unpriced: [{ kind: UnpricedKind.UNRESOLVED, reason: "SKU, replicas or partitions only known at apply time" }] };
  }
  const { region, note } = context.regionOf(resource);
  const quote = context.quote(`search/${sku}`, region);
  if (!quote) return { lines: [], unpriced: [{ kind: UnpricedKind.NO_PRICE, reason: `no price for the AI Search ${sku} SKU in the price table` }] };
  const units = replicas * partitions;
  return {
    lines: [
      context.line(resource, {
        component: `AI Search ${sku}: ${replicas} replica${replicas > 1 ? "s" : ""} x ${partitions} partition${partitions > 1 ? "s" : ""}`,
        region,
        quantity: `${units} search unit${units > 1 ? "s" : ""} x ${usd(quote.usd)}/month`,
        monthlyUsd: fixed(units * quote.usd),
        quotes: [quote],
        notes: note ? [note] : [],
      }),
    ],
  };
};
