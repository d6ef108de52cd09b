import { PricerOutcome, ResourcePricer } from "../pricing-context";
import { CostLine } from "../cost-estimate";
import { chartServiceAnnotations, internalLoadBalancer } from "./gateway-load-balancer-lines";
import { claimsOutcome, VolumeClaim } from "./kubernetes-volume-pricer";

type Json = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function replicasOf(owner: Json): number {
  return typeof owner.replicas === "number" ? owner.replicas : 1;
}

/**
 * The persistent volumes a chart's values ask for, in the shapes the common charts use:
 * `<component>.persistence` (`enabled`, `size` or `claims[].size`, `storageClass[Name]`) and the
 * Prometheus operator's `storageSpec` / `storage` volume claim templates, each times the
 * component's `replicas` (1 where the values do not say).
 */
export function volumeClaimsInValues(values: unknown): VolumeClaim[] {
  const claims: VolumeClaim[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!isObject(node)) return;
    const persistence = node.persistence;
    if (isObject(persistence) && persistence.enabled === true) {
      const cls = (persistence.storageClassName ?? persistence.storageClass) as string | undefined;
      if (Array.isArray(persistence.claims)) {
        for (const claim of persistence.claims.filter(isObject)) {
          claims.push({ storageClass: (claim.storageClass ?? claim.storageClassName ?? cls) as string | undefined, size: claim.size, count: replicasOf(node) });
        }
      } else if (persistence.size !== undefined) {
        claims.push({ storageClass: cls, size: persistence.size, count: replicasOf(node) });
      }
    }
    for (const key of ["storageSpec", "storage"]) {
      const template = isObject(node[key]) ? (node[key] as Json).volumeClaimTemplate : undefined;
      const spec = isObject(template) && isObject(template.spec) ? template.spec : undefined;
      const requests = spec && isObject(spec.resources) && isObject(spec.resources.requests) ? spec.resources.requests : undefined;
      if (spec && requests?.storage !== undefined) {
        claims.push({ storageClass: spec.storageClassName as string | undefined, size: requests.storage, count: replicasOf(node) });
      }
    }
    Object.values(node).forEach(walk);
  };
  walk(values);
  return claims;
}

/**
 * `helm_release`: the persistent volumes its values ask for, as Azure managed disks. Values that
 * are not JSON (YAML beyond JSON) are not read, and the line says so.
 */
export const priceHelmRelease: ResourcePricer = (resource, context): PricerOutcome => {
  const raw = resource.config.values;
  const documents = Array.isArray(raw) ? raw : [];
  const claims: VolumeClaim[] = [];
  const balancers: CostLine[] = [];
  let sharedBalancer: string | undefined;
  for (const doc of documents) {
    if (typeof doc !== "string") continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(doc);
    } catch {
      return { lines: [], freeReason: "values are YAML beyond JSON: persistent volumes the chart creates are not read" };
    }
    claims.push(...volumeClaimsInValues(parsed));
    const balancer = internalLoadBalancer(resource, context, chartServiceAnnotations(parsed), "the chart's Service");
    balancers.push(...balancer.lines);
    sharedBalancer ??= balancer.sharedWith;
  }
  if (claims.length === 0 && balancers.length === 0) {
    const onNodes = "a Helm release runs on the cluster's nodes; its values ask for no persistent volume";
    return {
      lines: [],
      freeReason: sharedBalancer ? `${onNodes}; its internal Service shares AKS's kubernetes-internal load balancer, priced on ${sharedBalancer}` : onNodes,
    };
  }
  if (claims.length === 0) return { lines: balancers };
  const volumes = claimsOutcome(resource, context, claims);
  return { ...volumes, lines: [...volumes.lines, ...balancers] };
};
