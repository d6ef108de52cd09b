import { at, block, isObject, show } from "../../config-values";
import { PRODUCTION_ONLY_ERROR, PolicyRule, compliant, nonCompliant, notApplicable } from "../../policy-rule";

/** The annotation that makes AKS give a LoadBalancer Service a private address. */
export const AZURE_INTERNAL_LB_ANNOTATION = "service.beta.kubernetes.io/azure-load-balancer-internal";

function isInternal(annotations: unknown): boolean {
  return String(block(annotations)?.[AZURE_INTERNAL_LB_ANNOTATION]) === "true";
}

/** Service blocks of a chart's values that ask for a public load balancer, as paths. */
function publicServicesInValues(values: unknown, chart: unknown): string[] {
  const found: string[] = [];
  const walk = (node: unknown, path: string): void => {
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${path}[${i}]`));
    if (!isObject(node)) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === "service" && isObject(value)) {
        // Charts put the type at `service.type` or (Traefik's) `service.spec.type`; Traefik's chart
        // makes its Service a LoadBalancer unless told otherwise.
        const spec = isObject(value.spec) ? value.spec : undefined;
        const type = spec?.type ?? value.type ?? (chart === "traefik" && path === "" ? "LoadBalancer" : undefined);
        if (type === "LoadBalancer" && value.enabled !== false && !isInternal(value.annotations)) found.push(`${path}${path ? "." : ""}service`);
      }
      walk(value, `${path}${path ? "." : ""}${key}`);
    }
  };
  walk(values, "");
  return found;
}

/**
 * No LoadBalancer Service with a public address on a production cluster: AKS gives one a public
 * IP unless it is annotated internal. Covers Services Terraform writes and those a Helm chart's
 * values ask for (values written as JSON).
 */
export const noPublicLoadBalancer: PolicyRule = {
  name: "NoPublicLoadBalancer",
  description: "A public load balancer on a production cluster is a way in that skips the edge's WAF and token check",
  fix: "set TraefikGatewayProps.internalLoadBalancer (PlatformEdgeGateway always does)",
  resourceTypes: ["kubernetes_service_v1", "kubernetes_service", "helm_release"],
  checkovIds: [],
  levels: PRODUCTION_ONLY_ERROR,
  evaluate: (resource) => {
    const c = resource.config;
    if (resource.type === "helm_release") {
      const documents = Array.isArray(c.values) ? c.values : [];
      const found: string[] = [];
      let serviceSet = false;
      for (const doc of documents) {
        if (typeof doc !== "string") continue;
        let parsed: unknown;
        try {
          parsed = JSON.parse(doc);
        } catch {
          return nonCompliant("values are not JSON, so their Services cannot be checked; write them as JSON");
        }
        found.push(...publicServicesInValues(parsed, c.chart));
        serviceSet ||= isObject(parsed) && parsed.service !== undefined;
      }
      // Values that never mention Traefik's Service leave it at the chart's public LoadBalancer.
      if (c.chart === "traefik" && !serviceSet) found.push("service (the chart's default)");
      return found.length === 0 ? compliant() : nonCompliant(`values ask for a public LoadBalancer at ${found.join(", ")} (no "${AZURE_INTERNAL_LB_ANNOTATION}": "true")`);
    }
    const spec = at(c, "spec");
    if (spec?.type !== "LoadBalancer") return notApplicable();
    return isInternal(at(c, "metadata")?.annotations)
      ? compliant()
      : nonCompliant(`spec.type is "LoadBalancer" without the annotation "${AZURE_INTERNAL_LB_ANNOTATION}": "true" (metadata.annotations ${show(at(c, "metadata")?.annotations)})`);
  },
};
