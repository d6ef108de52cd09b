import { UnpricedKind } from "../cost-estimate";
import { PricerOutcome, PricingContext, ResourcePricer, UnpricedPart, fixed, usd } from "../pricing-context";
import { TerraformResourceRef, block, blocks, numberAttribute, stringAttribute } from "../terraform-json";

/** Storage classes of AKS that give Premium SSD managed disks. */
const PREMIUM_CLASSES = ["managed-csi-premium", "managed-premium"];
/** Storage classes of AKS that give Standard SSD managed disks (`managed-csi` is the default class). */
const STANDARD_CLASSES = ["managed-csi", "default"];

/** `128Gi`, `100G` as GiB. */
function gibibytes(quantity: unknown): number | undefined {
  if (typeof quantity !== "string") return undefined;
  const match = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|K|M|G|T)?$/.exec(quantity);
  if (!match) return undefined;
  const factor: Record<string, number> = { Ki: 2 ** -20, Mi: 2 ** -10, Gi: 1, Ti: 1024, K: 1e3 / 2 ** 30, M: 1e6 / 2 ** 30, G: 1e9 / 2 ** 30, T: 1e12 / 2 ** 30 };
  return Number(match[1]) * (factor[match[2] ?? ""] ?? 2 ** -30);
}

/** `count` claims of one storage class and size. */
export interface VolumeClaim {
  readonly storageClass?: string;
  readonly size: unknown;
  readonly count: number;
}

/** Standard SSD (E) size tiers, GiB: a disk is billed at the smallest tier that holds it. */
const STANDARD_SSD_TIERS: readonly [string, number][] = [
  ["E1", 4], ["E2", 8], ["E3", 16], ["E4", 32], ["E6", 64], ["E10", 128], ["E15", 256], ["E20", 512],
  ["E30", 1024], ["E40", 2048], ["E50", 4096], ["E60", 8192], ["E70", 16384], ["E80", 32767],
];

/** Premium SSD (P) size tiers, GiB: a disk is billed at the smallest tier that holds it. */
const PREMIUM_SSD_TIERS: readonly [string, number][] = [
  ["P1", 4], ["P2", 8], ["P3", 16], ["P4", 32], ["P6", 64], ["P10", 128], ["P15", 256], ["P20", 512],
  ["P30", 1024], ["P40", 2048], ["P50", 4096], ["P60", 8192], ["P70", 16384], ["P80", 32767],
];
/** The Premium tiers the price table has, for the message of a claim it cannot price. */
const PRICED_PREMIUM_TIERS = "P4 (17-32 GiB) and P10 (65-128 GiB)";

/**
 * What claims cost as Azure managed disks in the cluster's region: Premium SSD classes at the P
 * tier that holds each claim (P4 and P10 are priced), AKS's default class `managed-csi` (and
 * `managed-csi`-like Standard SSD classes) at the E tier that holds each claim.
 */
export function claimsOutcome(resource: TerraformResourceRef, context: PricingContext, claims: readonly VolumeClaim[]): PricerOutcome {
  if (context.options.localKubernetes) return { lines: [], freeReason: "volumes on a local cluster cost nothing" };
  const region = context.options.defaultRegion;
  const lines = [];
  const unpriced: UnpricedPart[] = [];
  for (const claim of claims) {
    const gib = gibibytes(claim.size);
    const premium = claim.storageClass !== undefined && PREMIUM_CLASSES.includes(claim.storageClass);
    const standard = claim.storageClass === undefined || STANDARD_CLASSES.includes(claim.storageClass);
    if (gib !== undefined && standard) {
      const tier = STANDARD_SSD_TIERS.find(([, size]) => gib <= size);
      const quote = context.quote("disk/standard-ssd", region);
      if (!tier || !quote) continue;
      const perDisk = tier[1] * quote.usd;
      lines.push(
        context.line(resource, {
          component: `persistent volume${claim.count > 1 ? "s" : ""}: ${claim.count} x ${String(claim.size)} Standard SSD (${tier[0]})`,
          region,
          quantity: `${claim.count} disk${claim.count > 1 ? "s" : ""} x ${tier[1]} GiB (${tier[0]}) x ${usd(quote.usd)}/GiB-month`,
          monthlyUsd: fixed(claim.count * perDisk),
          quotes: [quote],
          notes: [
            `storage class ${claim.storageClass ?? "(default: managed-csi, Standard SSD LRS)"}`,
            `the cluster's region is not in this configuration: ${region}, the estimate's default region (the cluster's, for a workloads stack of this library)`,
          ],
        }),
      );
      continue;
    }
    const premiumTier = gib !== undefined && premium ? PREMIUM_SSD_TIERS.find(([, size]) => gib <= size) : undefined;
    const disk = premiumTier ? context.quote(`disk/premium-ssd/${premiumTier[0]}`, region) : undefined;
    if (!premiumTier || !disk) {
      // The claims it can price keep their lines; the one it cannot is reported, never counted as free.
      unpriced.push({
        kind: UnpricedKind.NO_PRICE,
        reason: `${String(claim.size)} on storage class ${claim.storageClass ?? "(default)"}${premiumTier ? ` (billed as Premium SSD ${premiumTier[0]})` : ""}: only Premium SSD ${PRICED_PREMIUM_TIERS} and Standard SSD are in the price table`,
      });
      continue;
    }
    lines.push(
      context.line(resource, {
        component: `persistent volume${claim.count > 1 ? "s" : ""}: ${claim.count} x ${String(claim.size)} Premium SSD (${premiumTier[0]})`,
        region,
        quantity: `${claim.count} disk${claim.count > 1 ? "s" : ""} x ${premiumTier[1]} GiB (${premiumTier[0]}) x ${usd(disk.usd)}/month`,
        monthlyUsd: fixed(claim.count * disk.usd),
        quotes: [disk],
        notes: [`the cluster's region is not in this configuration: ${region}, the estimate's default region (the cluster's, for a workloads stack of this library)`],
      }),
    );
  }
  return unpriced.length > 0 ? { lines, unpriced } : { lines };
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
