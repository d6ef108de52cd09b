import { UnpricedKind } from "../cost-estimate";
import { HOURS_PER_MONTH } from "../price-table";
import { PricerOutcome, ResourcePricer, fixed, usd } from "../pricing-context";
import { stringAttribute } from "../terraform-json";

const RULE_TYPES = ["azurerm_lb_rule", "azurerm_lb_outbound_rule", "azurerm_lb_nat_rule"];
const INCLUDED_RULES = 5;

/** `azurerm_lb`: the Standard SKU's hourly fee, which covers the first five rules. */
export const priceLoadBalancer: ResourcePricer = (resource, context): PricerOutcome => {
  const sku = stringAttribute(resource.config, "sku") ?? "Standard";
  if (sku === "Basic") return { lines: [], freeReason: "Basic load balancers carry no charge (and are retired)" };
  const { region, note } = context.regionOf(resource);
  const quote = context.quote(`lb/${sku}`, region);
  if (!quote) return { lines: [], unpriced: [{ kind: UnpricedKind.NO_PRICE, reason: `no price for the ${sku} load balancer SKU in the price table` }] };
  const rules = RULE_TYPES.flatMap((type) => context.resourcesOfType(type)).filter((r) => context.referenced(r.config.loadbalancer_id)?.address === resource.address).length;
  const notes = [...(note ? [note] : []), "data processed is billed on top and not priced"];
  if (rules > INCLUDED_RULES) notes.push(`${rules - INCLUDED_RULES} rules beyond the first ${INCLUDED_RULES} are billed on top and not priced`);
  return {
    lines: [
      context.line(resource, {
        component: `load balancer (${sku}, ${rules} rule${rules === 1 ? "" : "s"})`,
        region,
        quantity: `${HOURS_PER_MONTH} h x ${usd(quote.usd)}/h`,
        monthlyUsd: fixed(quote.usd * HOURS_PER_MONTH),
        quotes: [quote],
        notes,
      }),
    ],
  };
};
