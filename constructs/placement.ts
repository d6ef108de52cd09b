import { NodeSelectorRequirement, PodToleration } from "./spot-autoscale-pool";

/** The AKS label that names the node pool a node belongs to. */
export const AKS_AGENT_POOL_LABEL = "kubernetes.azure.com/agentpool";

/** CPU and memory a RuntimeClass adds to every pod that uses it (`overhead.podFixed`). */
export interface PodOverhead {
  readonly cpuMillis: number;
  readonly memoryMiB: number;
}

/** Where a workload's pods may be scheduled. */
export class Placement {
  /** Any schedulable node (a local cluster, or a cluster with one pool). */
  public static anyNode(): Placement {
    return new Placement("any node", {}, [], [], undefined, undefined);
  }

  /** Only the nodes of a named AKS pool (the always-on pool for the perimeter). */
  public static nodePool(poolName: string): Placement {
    return new Placement(`node pool ${poolName}`, { [AKS_AGENT_POOL_LABEL]: poolName }, [], [], undefined, undefined);
  }

  /**
   * Only spot nodes: tolerates the AKS spot taint and requires the spot label, so the pods
   * neither land on regular nodes nor stay pending for want of a toleration.
   */
  public static spot(pool: { readonly toleration: PodToleration; readonly nodeAffinity: NodeSelectorRequirement }): Placement {
    return new Placement("spot nodes", {}, [pool.toleration], [pool.nodeAffinity], undefined, undefined);
  }

  /**
   * A sandboxed runtime (AKS pod sandboxing: Kata VM isolation) on the pool that offers it
   * (`SandboxNodePool.placement`), with the toleration of the pool's taint.
   */
  public static sandboxed(options: {
    readonly runtimeClassName: string;
    readonly poolName: string;
    /** The tolerations of the pool's taints (`SandboxNodePool.tolerations`). */
    readonly tolerations?: readonly PodToleration[];
    /**
     * What the runtime class adds to each pod's requests (its `overhead.podFixed`), for quotas.
     * @default - none
     */
    readonly podOverhead?: PodOverhead;
  }): Placement {
    return new Placement(
      `sandboxed pool ${options.poolName}`,
      { [AKS_AGENT_POOL_LABEL]: options.poolName },
      [...(options.tolerations ?? [])],
      [],
      options.runtimeClassName,
      options.podOverhead,
    );
  }

  private constructor(
    /** For messages and docs. */
    public readonly description: string,
    public readonly nodeSelector: Readonly<Record<string, string>>,
    public readonly tolerations: readonly PodToleration[],
    /** Required node-affinity terms, all of which must match. */
    public readonly requiredNodeAffinity: readonly NodeSelectorRequirement[],
    public readonly runtimeClassName: string | undefined,
    /** What the runtime class adds to each pod's requests and limits (ResourceQuota counts it). */
    public readonly podOverhead: PodOverhead | undefined,
  ) {}

  /** Whether the placement keeps pods on spot nodes. */
  public get isSpot(): boolean {
    return this.tolerations.some((t) => t.key === "kubernetes.azure.com/scalesetpriority");
  }
}
