import { CostLine, CostRange, UnpricedKind } from "../cost-estimate";
import { PricerOutcome, PricingContext, ResourcePricer, fixed, usd } from "../pricing-context";
import { TerraformResourceRef, stringAttribute } from "../terraform-json";

function scaled(range: { min: number; expected: number; max: number }, price: number, per = 1): CostRange {
  return { min: (range.min / per) * price, expected: (range.expected / per) * price, max: (range.max / per) * price };
}

/** Requests and transfer through the profile, from the tier's assumed traffic. */
function trafficLines(resource: TerraformResourceRef, context: PricingContext, sku: string): CostLine[] {
  const traffic = context.options.edgeTraffic;
  if (!traffic) return [];
  const lines: CostLine[] = [];
  const requests = context.quote("frontdoor/requests/Standard_AzureFrontDoor", "global");
  const premium = sku === "Premium_AzureFrontDoor";
  const premiumRate = premium ? context.quote("frontdoor/requests/Premium_AzureFrontDoor", "global") : undefined;
  if (requests) {
    const per = (n: number, rate: number) => (n / 10_000) * rate;
    const r = traffic.requestsPerMonth;
    const rate = premiumRate?.usd ?? requests.usd;
    lines.push(
      context.line(resource, {
        component: "Front Door requests, client to edge (assumed traffic)",
        region: "global",
        quantity: `${r.expected.toLocaleString("en-US")} requests x ${usd(rate)}/10,000${premiumRate ? ` (Premium; at least Standard's ${usd(requests.usd)})` : ""}`,
        monthlyUsd: premiumRate
          ? { min: per(r.min, requests.usd), expected: per(r.expected, premiumRate.usd), max: per(r.max, premiumRate.usd) }
          : scaled(r, requests.usd, 10_000),
        quotes: premiumRate ? [requests, premiumRate] : [requests],
        notes: [
          "Europe and North America zone rate; other zones are priced differently",
          ...(premiumRate
            ? [
                "Microsoft publishes no Premium request rate (\"higher unit rate than standard\"): the minimum at Standard's published rate, the expected and maximum at a third-party page's Premium rate (low confidence)",
              ]
            : []),
        ],
        warnings: premium && !premiumRate ? ["Premium's per-request rate is not in the price table: priced at Standard's rate, a lower bound"] : [],
      }),
    );
  }
  const egress = context.quote("frontdoor/egress-to-client", "global");
  if (egress) {
    lines.push(
      context.line(resource, {
        component: "Front Door data transfer, edge to client (assumed traffic)",
        region: "global",
        quantity: `${traffic.egressGbPerMonth.expected} GB x ${usd(egress.usd)}/GB`,
        monthlyUsd: scaled(traffic.egressGbPerMonth, egress.usd),
        quotes: [egress],
        notes: ["first 10 TB rate of the North America zone"],
      }),
    );
  }
  const toOrigin = context.quote("frontdoor/egress-to-origin", "global");
  if (toOrigin) {
    lines.push(
      context.line(resource, {
        component: "Front Door data transfer, edge to origin (assumed traffic)",
        region: "global",
        quantity: `${traffic.originGbPerMonth.expected} GB x ${usd(toOrigin.usd)}/GB`,
        monthlyUsd: scaled(traffic.originGbPerMonth, toOrigin.usd),
        quotes: [toOrigin],
      }),
    );
  }
  return lines;
}

/**
 * `azurerm_cdn_frontdoor_profile`: the tier's monthly base fee (endpoints, routes, origins, WAF
 * custom rules and, on Premium, managed rule sets and Private Link origins included), and requests
 * and transfer where the estimate is given the traffic.
 */
export const priceFrontDoorProfile: ResourcePricer = (resource, context): PricerOutcome => {
  const sku = stringAttribute(resource.config, "sku_name");
  if (!sku) return { lines: [], unpriced: [{ kind: UnpricedKind.UNRESOLVED, reason: "SKU only known at apply time" }] };
  const quote = context.quote(`frontdoor/${sku}`, "global");
  if (!quote) return { lines: [], unpriced: [{ kind: UnpricedKind.NO_PRICE, reason: `no price for Front Door ${sku} in the price table` }] };
  const traffic = trafficLines(resource, context, sku);
  return {
    lines: [
      context.line(resource, {
        component: `Front Door ${sku.replace("_AzureFrontDoor", "")} base fee`,
        region: "global",
        quantity: `1 profile x ${usd(quote.usd)}/month`,
        monthlyUsd: fixed(quote.usd),
        quotes: [quote],
        notes: [
          ...(sku === "Premium_AzureFrontDoor" ? ["managed WAF rule sets and Private Link origins are included in Premium (no charge of their own)"] : []),
          ...(traffic.length === 0 ? ["requests and data transfer are billed on top and not estimated"] : []),
        ],
      }),
      ...traffic,
    ],
  };
};
