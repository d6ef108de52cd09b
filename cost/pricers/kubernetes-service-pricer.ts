import { HOURS_PER_MONTH } from "../price-table";
import { PricerOutcome, PricingContext, ResourcePricer, fixed, usd } from "../pricing-context";
import { TerraformResourceRef, block } from "../terraform-json";
import { internalLoadBalancer } from "./gateway-load-balancer-lines";

const INTERNAL_ANNOTATION = "service.beta.kubernetes.io/azure-load-balancer-internal";

/** What a Service of `serviceType` with `annotations` costs on AKS: a public IP for a public LoadBalancer. */
export function serviceOutcome(
  resource: TerraformResourceRef,
  context: PricingContext,
  serviceType: unknown,
  annotations: Readonly<Record<string, unknown>> | undefined,
): PricerOutcome {
  if (serviceType !== "LoadBalancer") return { lines: [], freeReason: "a Service without a cloud load balancer creates no Azure resource" };
  if (context.options.localKubernetes) return { lines: [], freeReason: "a LoadBalancer Service on a local cluster costs nothing" };
  if (String(annotations?.[INTERNAL_ANNOTATION]) === "true") {
    const balancer = internalLoadBalancer(resource, context, annotations, "the Service");
    if (balancer.sharedWith !== undefined) {
      return { lines: [], freeReason: `an internal LoadBalancer Service shares AKS's kubernetes-internal load balancer, priced on ${balancer.sharedWith}; no public IP` };
    }
    return { lines: balancer.lines };
  }
  const region = context.options.defaultRegion;
  const quote = context.quote("public-ip/Standard", region);
  if (!quote) return { lines: [], freeReason: "no public IP price" };
  return {
    lines: [
      context.line(resource, {
        component: "LoadBalancer Service: public IP (Standard)",
        region,
        quantity: `${HOURS_PER_MONTH} h x ${usd(quote.usd)}/h`,
        monthlyUsd: fixed(quote.usd * HOURS_PER_MONTH),
        quotes: [quote],
        notes: [
          `the cluster's region is not in this configuration; ${region} assumed`,
          "its rules go to the cluster's load balancer, whose first five rules are included in its fee",
        ],
      }),
    ],
  };
}

/** `kubernetes_service_v1`: a public LoadBalancer Service gets a public IP from AKS. */
export const priceKubernetesService: ResourcePricer = (resource, context) => {
  const spec = block(resource.config.spec);
  const metadata = block(resource.config.metadata);
  return serviceOutcome(resource, context, spec?.type, block(metadata?.annotations));
};
