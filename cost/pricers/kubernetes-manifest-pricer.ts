import { PricerOutcome, ResourcePricer } from "../pricing-context";
import { block, blocks } from "../terraform-json";
import { serviceOutcome } from "./kubernetes-service-pricer";
import { claimsOutcome } from "./kubernetes-volume-pricer";

/** `kubernetes_manifest`: priced like the typed resource when it is a Service or a PersistentVolumeClaim. */
export const priceKubernetesManifest: ResourcePricer = (resource, context): PricerOutcome => {
  const manifest = block(resource.config.manifest);
  const kind = manifest?.kind;
  const spec = block(manifest?.spec);
  if (kind === "Service") return serviceOutcome(resource, context, spec?.type, block(block(manifest?.metadata)?.annotations));
  if (kind === "PersistentVolumeClaim") {
    const size = block(block(spec?.resources)?.requests)?.storage;
    return claimsOutcome(resource, context, [{ storageClass: spec?.storageClassName as string | undefined, size, count: 1 }]);
  }
  if (kind === "StatefulSet" && blocks(spec?.volumeClaimTemplates).length > 0) {
    const replicas = typeof spec?.replicas === "number" ? spec.replicas : 1;
    return claimsOutcome(
      resource,
      context,
      blocks(spec?.volumeClaimTemplates).map((t) => {
        const claimSpec = block(t.spec);
        return { storageClass: claimSpec?.storageClassName as string | undefined, size: block(block(claimSpec?.resources)?.requests)?.storage, count: replicas };
      }),
    );
  }
  return { lines: [], freeReason: `a ${String(kind ?? "manifest")} object creates no Azure resource of its own` };
};
