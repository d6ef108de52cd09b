import { CostLine } from "../cost-estimate";
import { HOURS_PER_MONTH } from "../price-table";
import { PricingContext, fixed, usd } from "../pricing-context";
import { TerraformResourceRef } from "../terraform-json";

const INTERNAL = "service.beta.kubernetes.io/azure-load-balancer-internal";
const PLS_CREATE = "service.beta.kubernetes.io/azure-pls-create";

type Json = Readonly<Record<string, unknown>>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** What an internal LoadBalancer Service costs: the load balancer's line, or whose line it shares. */
export interface InternalLoadBalancer {
  readonly lines: CostLine[];
  /** Address of the resource whose line prices the load balancer this one shares. */
  readonly sharedWith?: string;
}

/** The annotations of the Service a chart's values ask for (`service.annotations`, as Traefik's chart takes them). */
export function chartServiceAnnotations(values: unknown): Json | undefined {
  return isObject(values) && isObject(values.service) && isObject(values.service.annotations) ? values.service.annotations : undefined;
}

/**
 * An internal LoadBalancer Service (the AKS internal annotation), from a `kubernetes_service` or a
 * chart's values: AKS puts every internal Service of a cluster on one load balancer of its own
 * (`kubernetes-internal`), a Standard load balancer billed by the hour beside the cluster's
 * outbound one, so the first internal Service of the configuration carries its line and the others
 * share it; with `azure-pls-create` it also carries a Private Link service.
 */
export function internalLoadBalancer(resource: TerraformResourceRef, context: PricingContext, annotations: Json | undefined, what: string): InternalLoadBalancer {
  if (!annotations || String(annotations[INTERNAL]) !== "true" || context.options.localKubernetes) return { lines: [] };
  const sharedWith = context.claimedBy("aks/kubernetes-internal", resource);
  if (sharedWith !== undefined) return { lines: [], sharedWith };
  const region = context.options.defaultRegion;
  const quote = context.quote("lb/Standard", region);
  if (!quote) return { lines: [] };
  const pls = String(annotations[PLS_CREATE]) === "true";
  const traffic = context.options.loadBalancerGbPerMonth;
  const data = context.quote("lb/data-processed", region);
  const dataLines: CostLine[] =
    traffic && data
      ? [
          context.line(resource, {
            component: `internal load balancer data processed for ${what}`,
            region,
            quantity: `${Number(traffic.expected.toFixed(2))} GB x ${usd(data.usd)}/GB`,
            monthlyUsd: { min: traffic.min * data.usd, expected: traffic.expected * data.usd, max: traffic.max * data.usd },
            quotes: [data],
            notes: [context.options.loadBalancerDerivation ?? `assumed ${traffic.min}-${traffic.max} GB a month`],
          }),
        ]
      : [];
  return {
    lines: [
      context.line(resource, {
        component: `internal load balancer (Standard) for ${what}${pls ? ", with a Private Link service" : ""}`,
        region,
        quantity: `1 load balancer x ${HOURS_PER_MONTH} h x ${usd(quote.usd)}/h`,
        monthlyUsd: fixed(quote.usd * HOURS_PER_MONTH),
        quotes: [quote],
        notes: [
          `the cluster's region is not in this configuration; ${region} assumed`,
          `created by AKS (kubernetes-internal, one per cluster, shared by its internal Services), not by Terraform${dataLines.length > 0 ? "; data processed on its own line" : "; data processed (0.005 per GB) not estimated: no traffic given"}`,
          "priced as a load balancer of its own at the first-five-rules rate; should Azure count rules across a subscription's load balancers in a region, this is an upper bound",
          ...(pls
            ? [
                "the Private Link service has no price in the sources; Front Door Premium includes its Private Link origins (articles/frontdoor/billing.md), and the private endpoint is Front Door's own",
              ]
            : []),
        ],
      }),
      ...dataLines,
    ],
  };
}
