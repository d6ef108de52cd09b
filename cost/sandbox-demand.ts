import { DEFAULT_LANGUAGE_CATALOG, languageServiceRequests } from "../constructs/language-service-fleet";
import { POD_SANDBOXING } from "../constructs/pod-sandboxing";
import { SANDBOX_POOL_DEFAULT_MAX_PODS } from "../constructs/sandbox-node-pool";
import { TierSpec } from "../tiers/tier-spec";
import { podCapacityPerNode } from "./spot-demand";

/** What the language services ask of the sandbox pool at some replica count, and the nodes that takes. */
export interface SandboxDemand {
  /** Pods per language. */
  readonly replicasPerLanguage: number;
  readonly pods: number;
  /** Requests with the Kata pod overhead. */
  readonly cpuMillis: number;
  readonly memoryMiB: number;
  readonly nodes: number;
  /** What one node leaves pods, after AKS's reservation and the observability DaemonSets. */
  readonly perNode: { readonly cpuMillis: number; readonly memoryMiB: number };
  readonly description: string;
}

/**
 * The sandbox pool's nodes for the language services at `replicasPerLanguage` (the warm pools by
 * default): each pod's requests plus the `kata-vm-isolation` RuntimeClass's overhead, over what a
 * node of the pool's size leaves pods. A lower bound (it ignores how pods pack onto nodes).
 * Undefined for a tier without a sandboxed pool, or one whose VM size the cost model has no shape of.
 */
export function sandboxDemandForTier(tier: TierSpec, replicasPerLanguage?: number): SandboxDemand | undefined {
  const langs = tier.languageServices;
  const pool = langs?.sandboxedPool;
  if (!langs || !pool) return undefined;
  const perNode = podCapacityPerNode(tier, pool.vmSize, SANDBOX_POOL_DEFAULT_MAX_PODS);
  if (!perNode) return undefined;
  const replicas = replicasPerLanguage ?? langs.warmReplicas;
  const overhead = POD_SANDBOXING.podOverhead;
  const pods = DEFAULT_LANGUAGE_CATALOG.length * replicas;
  const cpuMillis = DEFAULT_LANGUAGE_CATALOG.reduce((n, l) => n + languageServiceRequests(l).cpuMillis + overhead.cpuMillis, 0) * replicas;
  const memoryMiB = DEFAULT_LANGUAGE_CATALOG.reduce((n, l) => n + languageServiceRequests(l).memoryMiB + overhead.memoryMiB, 0) * replicas;
  const nodes = Math.max(1, Math.ceil(cpuMillis / perNode.cpuMillis), Math.ceil(memoryMiB / perNode.memoryMiB));
  return {
    replicasPerLanguage: replicas,
    pods,
    cpuMillis,
    memoryMiB,
    nodes,
    perNode,
    description:
      `${replicas} pod(s) x ${DEFAULT_LANGUAGE_CATALOG.length} languages with the Kata overhead (${overhead.memoryMiB} MiB a pod): ` +
      `${cpuMillis}m / ${memoryMiB} MiB requested, ${nodes} node(s) of ${perNode.cpuMillis}m / ${Math.floor(perNode.memoryMiB)} MiB (${pool.vmSize}, ${SANDBOX_POOL_DEFAULT_MAX_PODS} pods a node)`,
  };
}
