import { Construct } from "constructs";
import { KubernetesClusterNodePool } from "../providers/azurerm/kubernetes-cluster-node-pool";
import { IKubernetesCluster } from "./always-on-cluster";
import { NodeOsSku, NodePoolMode, NodeTaint, SpotEvictionPolicy, TaintEffect, formatTaint } from "./aks-options";
import { checkInteger, checkNodePoolName, checkOrdered, checkSpotMaxPrice, checkVmSize, checkZones } from "./checks";
import { Placement } from "./placement";
import { ValidationError } from "./validation-error";

/** The label AKS puts on every spot node. */
export const SPOT_NODE_LABEL = { key: "kubernetes.azure.com/scalesetpriority", value: "spot" } as const;

/** The taint AKS puts on every spot node; only pods that tolerate it land there. */
export const SPOT_NODE_TAINT: NodeTaint = {
  key: SPOT_NODE_LABEL.key,
  value: SPOT_NODE_LABEL.value,
  effect: TaintEffect.NO_SCHEDULE,
};

/** A pod toleration, in the shape of the kubernetes provider's `toleration` block. */
export interface PodToleration {
  readonly key: string;
  readonly operator: string;
  readonly value: string;
  readonly effect: string;
}

/** A required node-affinity term, in the shape of the kubernetes provider's `match_expressions`. */
export interface NodeSelectorRequirement {
  readonly key: string;
  readonly operator: string;
  readonly values: string[];
}

export interface SpotAutoscalePoolProps {
  /** The cluster the pool joins. */
  readonly cluster: IKubernetesCluster;
  /**
   * Pool name: 1-12 lowercase alphanumerics starting with a letter.
   * @default "spot"
   */
  readonly name?: string;
  /**
   * Azure VM size, `Standard_<family><vCPUs><features>[_<version>]`.
   * @default "Standard_D4s_v5"
   */
  readonly vmSize?: string;
  /**
   * Fewest nodes; 0 lets the pool empty when no agent team runs.
   * @default 0
   */
  readonly minCount?: number;
  /**
   * Most nodes the autoscaler may add (AKS allows up to 1000).
   * @default 5
   */
  readonly maxCount?: number;
  /**
   * Highest price per node-hour in USD; -1 pays up to the on-demand price and is never evicted for price.
   * @default -1
   */
  readonly spotMaxPricePerHourUsd?: number;
  /**
   * @default SpotEvictionPolicy.DELETE
   */
  readonly evictionPolicy?: SpotEvictionPolicy;
  /**
   * @default - the cluster's zones
   */
  readonly zones?: readonly string[];
  /**
   * Only User is possible: AKS refuses spot system pools, since evictions would take the add-ons.
   * @default NodePoolMode.USER
   */
  readonly mode?: NodePoolMode;
  /**
   * @default NodeOsSku.AZURE_LINUX
   */
  readonly osSku?: NodeOsSku;
  /**
   * OS disk size of each node, GiB.
   * @default 128
   */
  readonly osDiskSizeGiB?: number;
  /**
   * Labels beside the spot label AKS adds.
   * @default - none
   */
  readonly nodeLabels?: Readonly<Record<string, string>>;
  /**
   * Taints beside the spot taint AKS adds.
   * @default - none
   */
  readonly nodeTaints?: readonly NodeTaint[];
}

/**
 * A spot node pool that scales between `minCount` and `maxCount` (seed 004's auto-scale pool).
 * AKS labels and taints spot nodes itself; both are declared here so Terraform sees no drift, and
 * exposed (`placement`, from `toleration` and `nodeAffinity`) so workloads can be placed on the pool deliberately.
 */
export class SpotAutoscalePool extends Construct {
  public readonly resource: KubernetesClusterNodePool;
  public readonly poolName: string;
  public readonly vmSize: string;
  public readonly minCount: number;
  public readonly maxCount: number;
  public readonly spotMaxPricePerHourUsd: number;
  public readonly zones: readonly string[];
  /** The toleration a pod needs to run on spot nodes. */
  public readonly toleration: PodToleration;
  /** The required node-affinity term that keeps a pod on spot nodes. */
  public readonly nodeAffinity: NodeSelectorRequirement;
  /**
   * Where a workload runs on this pool's spot nodes, with the toleration and the node affinity
   * (`Placement.spot(pool)`): give it as `WorkloadProps.placement`.
   */
  public readonly placement: Placement;

  constructor(scope: Construct, id: string, props: SpotAutoscalePoolProps) {
    super(scope, id);

    const name = props.name ?? "spot";
    const vmSize = props.vmSize ?? "Standard_D4s_v5";
    const minCount = props.minCount ?? 0;
    const maxCount = props.maxCount ?? 5;
    const maxPrice = props.spotMaxPricePerHourUsd ?? -1;
    const evictionPolicy = props.evictionPolicy ?? SpotEvictionPolicy.DELETE;
    const zones = props.zones ?? props.cluster.zones;
    const mode = props.mode ?? NodePoolMode.USER;
    const osSku = props.osSku ?? NodeOsSku.AZURE_LINUX;
    const osDiskSizeGiB = props.osDiskSizeGiB ?? 128;
    const extraTaints = props.nodeTaints ?? [];

    checkNodePoolName(this, "name", name);
    checkVmSize(this, "vmSize", vmSize);
    checkInteger(this, "minCount", minCount, 0, 1000);
    checkInteger(this, "maxCount", maxCount, 1, 1000);
    checkOrdered(this, "minCount", minCount, "maxCount", maxCount);
    checkSpotMaxPrice(this, "spotMaxPricePerHourUsd", maxPrice);
    if (mode === NodePoolMode.SYSTEM) {
      throw new ValidationError(this, "mode", mode, 'expected "User": a spot pool cannot be the system pool, evictions would take the system add-ons with them');
    }
    checkZones(this, "zones", zones);
    checkInteger(this, "osDiskSizeGiB", osDiskSizeGiB, 30, 2048);
    for (const key of Object.keys(props.nodeLabels ?? {})) {
      if (key === SPOT_NODE_LABEL.key) {
        throw new ValidationError(this, "nodeLabels", key, "expected labels other than the spot label AKS sets itself");
      }
    }
    for (const taint of extraTaints) {
      if (taint.key === SPOT_NODE_TAINT.key) {
        throw new ValidationError(this, "nodeTaints", formatTaint(taint), "expected taints other than the spot taint AKS sets itself");
      }
    }

    this.resource = new KubernetesClusterNodePool(this, "Resource", {
      name,
      kubernetesClusterId: props.cluster.clusterId,
      mode,
      vmSize,
      priority: "Spot",
      evictionPolicy,
      spotMaxPrice: maxPrice,
      autoScalingEnabled: true,
      minCount,
      maxCount,
      zones: [...zones],
      vnetSubnetId: props.cluster.vnetSubnetId,
      osSku,
      osDiskSizeGb: osDiskSizeGiB,
      osDiskType: "Managed",
      nodeLabels: { ...(props.nodeLabels ?? {}), [SPOT_NODE_LABEL.key]: SPOT_NODE_LABEL.value },
      nodeTaints: [formatTaint(SPOT_NODE_TAINT), ...extraTaints.map(formatTaint)],
    });

    this.poolName = name;
    this.vmSize = vmSize;
    this.minCount = minCount;
    this.maxCount = maxCount;
    this.spotMaxPricePerHourUsd = maxPrice;
    this.zones = zones;
    this.toleration = {
      key: SPOT_NODE_TAINT.key,
      operator: "Equal",
      value: SPOT_NODE_TAINT.value,
      effect: SPOT_NODE_TAINT.effect,
    };
    this.nodeAffinity = { key: SPOT_NODE_LABEL.key, operator: "In", values: [SPOT_NODE_LABEL.value] };
    this.placement = Placement.spot(this);
  }
}
