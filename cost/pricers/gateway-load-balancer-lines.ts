import { CostLine } from "../cost-estimate";
import { HOURS_PER_MONTH } from "../price-table";
import { PricingContext, fixed, usd } from "../pricing-context";
import { TerraformResourceRef } from "../terraform-json";

const INTERNAL = "service.beta.kubernetes.io/azure-load-balancer-internal";
const PLS_CREATE = "service.beta.kubernetes.io/azure-pls-create";

type Json = Readonly<Record<string, unknown>>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * An internal LoadBalancer Service a chart's values ask for (`service.annotations` with the AKS
 * internal annotation, as Traefik's chart takes them): AKS puts it on a load balancer of its own
 * (`kubernetes-internal`), a Standard load balancer billed by the hour beside the cluster's
 * outbound one; with `azure-pls-create` it also carries a Private Link service.
 */
export function internalLoadBalancerLines(resource: TerraformResourceRef, context: PricingContext, values: unknown): CostLine[] {
  if (!isObject(values) || !isObject(values.service) || !isObject(values.service.annotations)) return [];
  const annotations = values.service.annotations;
  if (String(annotations[INTERNAL]) !== "true" || context.options.localKubernetes) return [];
  const region = context.options.defaultRegion;
  const quote = context.quote("lb/Standard", region);
  if (!quote) return [];
  const pls = String(annotations[PLS_CREATE]) === "true";
  return [
    context.line(resource, {
      component: `internal load balancer (Standard) for the chart's Service${pls ? ", with a Private Link service" : ""}`,
      region,
      quantity: `1 load balancer x ${HOURS_PER_MONTH} h x ${usd(quote.usd)}/h`,
      monthlyUsd: fixed(quote.usd * HOURS_PER_MONTH),
      quotes: [quote],
      notes: [
        `the cluster's region is not in this configuration; ${region} assumed`,
        "created by AKS (kubernetes-internal), not by Terraform; data processed is billed on top and not priced",
        "priced as a load balancer of its own at the first-five-rules rate; should Azure count rules across a subscription's load balancers in a region, this is an upper bound",
        ...(pls
          ? [
              "the Private Link service has no price in the sources; Front Door Premium includes its Private Link origins (articles/frontdoor/billing.md), and the private endpoint is Front Door's own",
            ]
          : []),
      ],
    }),
  ];
}
