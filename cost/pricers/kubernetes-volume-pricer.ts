import { UnpricedKind } from "../cost-estimate";
import { PricerOutcome, PricingContext, ResourcePricer, fixed, usd } from "../pricing-context";
import { TerraformResourceRef, block, blocks, numberAttribute, stringAttribute } from "../terraform-json";

/** Storage classes of AKS that give Premium SSD managed disks. */
const PREMIUM_CLASSES = ["managed-csi-premium", "managed-premium"];

/** `128Gi`, `100G` as GiB. */
function gibibytes(quantity: unknown): number | undefined {
  if (typeof quantity !== "string") return undefined;
  const match = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|K|M|G|T)?$/.exec(quantity);
  if (!match) return undefined;
  const factor: Record<string, number> = { Ki: 2 ** -20, Mi: 2 ** -10, Gi: 1, Ti: 1024, K: 1e3 / 2 ** 30, M: 1e6 / 2 ** 30, G: 1e9 / 2 ** 30, T: 1e12 / 2 ** 30 };
  return Number(match[1]) * (factor[match[2] ?? ""] ?? 2 ** -30);
}

/** What `count` claims of a storage class and size cost as Azure managed disks. */
export function claimsOutcome(
  resource: TerraformResourceRef,
  context: PricingContext,
  claims: { readonly storageClass?: string; readonly size: unknown; readonly count: number }[],
): PricerOutcome {
  if (context.options.localKubernetes) return { lines: [], freeReason: "volumes on a local cluster cost nothing" };
  const lines = [];
  for (const claim of claims) {
    const gib = gibibytes(claim.size);
    const premium = claim.storageClass !== undefined && PREMIUM_CLASSES.includes(claim.storageClass);
    if (gib === undefined || !premium || gib <= 64 || gib > 128) {
      return {
        lines: [],
        unpriced: [{
          kind: UnpricedKind.NO_PRICE,
          reason: `${String(claim.size)} on storage class ${claim.storageClass ?? "(default, managed-csi: Standard SSD)"}: only Premium SSD P10 (65-128 GiB) is in the price table`,
        }],
      };
    }
    const region = context.options.defaultRegion;
    const disk = context.quote("disk/premium-ssd/P10", region);
    if (!disk) continue;
    lines.push(
      context.line(resource, {
        component: `persistent volume${claim.count > 1 ? "s" : ""}: ${claim.count} x Premium SSD P10`,
        region,
        quantity: `${claim.count} disk${claim.count > 1 ? "s" : ""} x ${usd(disk.usd)}/month`,
        monthlyUsd: fixed(claim.count * disk.usd),
        quotes: [disk],
        notes: [`the cluster's region is not in this configuration; ${region} assumed`],
      }),
    );
  }
  return { lines };
}

/** `kubernetes_persistent_volume_claim_v1`: a managed disk on AKS. */
export const pricePersistentVolumeClaim: ResourcePricer = (resource, context) => {
  const spec = block(resource.config.spec);
  const requests = block(block(spec?.resources)?.requests);
  return claimsOutcome(resource, context, [{ storageClass: stringAttribute(spec, "storage_class_name"), size: requests?.storage, count: 1 }]);
};

/** `kubernetes_stateful_set_v1`: one managed disk per replica and volume claim template. */
export const priceStatefulSet: ResourcePricer = (resource, context) => {
  const spec = block(resource.config.spec);
  const replicas = numberAttribute(spec, "replicas") ?? 1;
  const templates = blocks(spec?.volume_claim_template);
  if (templates.length === 0) return { lines: [], freeReason: "no volume claim templates: its pods run on the cluster's nodes" };
  if (replicas === "unresolved") return { lines: [], unpriced: [{ kind: UnpricedKind.UNRESOLVED, reason: "replicas only known at apply time" }] };
  return claimsOutcome(
    resource,
    context,
    templates.map((t) => {
      const claimSpec = block(t.spec);
      return {
        storageClass: stringAttribute(claimSpec, "storage_class_name"),
        size: block(block(claimSpec?.resources)?.requests)?.storage,
        count: replicas,
      };
    }),
  );
};
