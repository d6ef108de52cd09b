import { Construct } from "constructs";
import { KubernetesClusterNodePool } from "../providers/azurerm/kubernetes-cluster-node-pool";
import { IKubernetesCluster } from "./always-on-cluster";
import { NodeTaint, SpotEvictionPolicy, TaintEffect, formatTaint } from "./aks-options";
import { checkInteger, checkNodePoolName, checkOrdered, checkSpotMaxPrice, checkVmSize, checkZones, isUnresolved } from "./checks";
import { Placement } from "./placement";
import { KATA_VM_SERIES, POD_SANDBOXING, kataVmSeriesOf } from "./pod-sandboxing";
import { PodToleration, SPOT_NODE_LABEL, SPOT_NODE_TAINT } from "./spot-autoscale-pool";
import { ValidationError } from "./validation-error";

/** Most pods per node of a sandbox pool unless `maxPods` says otherwise. */
export const SANDBOX_POOL_DEFAULT_MAX_PODS = 50;

/** The label on every node of a sandbox pool. */
export const SANDBOX_NODE_LABEL = { key: "sandbox", value: "kata" } as const;

/** Keeps everything but the sandboxed workloads (and DaemonSets that tolerate every taint) off the pool. */
export const SANDBOX_NODE_TAINT: NodeTaint = { key: SANDBOX_NODE_LABEL.key, value: SANDBOX_NODE_LABEL.value, effect: TaintEffect.NO_SCHEDULE };

export interface SandboxNodePoolProps {
  /** The cluster the pool joins. */
  readonly cluster: IKubernetesCluster;
  /**
   * Pool name: 1-12 lowercase alphanumerics starting with a letter.
   * @default "sandbox"
   */
  readonly name?: string;
  /**
   * Subnet of the pool's nodes (`SandboxSubnet.subnetId`); AKS wants every pool of a cluster in the
   * cluster's virtual network.
   * @default - the cluster's subnet
   */
  readonly vnetSubnetId?: string;
  /**
   * A generation 2 size with nested virtualization, of a series in `KATA_VM_SERIES`.
   * @default "Standard_D4s_v5"
   */
  readonly vmSize?: string;
  /**
   * Fewest nodes: enough for the warm pods, so a request never waits for a node to boot.
   * @default 1
   */
  readonly minCount?: number;
  /**
   * Most nodes the autoscaler may add.
   * @default 5
   */
  readonly maxCount?: number;
  /**
   * @default - the cluster's zones
   */
  readonly zones?: readonly string[];
  /**
   * Most pods per node (Azure CNI overlay allows 10-250). Every Kata pod boots a VM with at least
   * 600Mi, so a node holds far fewer than AKS's default 250; the kubelet reserves memory for this
   * many pods (20 MB each), which 250 would waste.
   * @default 50
   */
  readonly maxPods?: number;
  /**
   * OS disk size of each node, GiB.
   * @default 128
   */
  readonly osDiskSizeGiB?: number;
  /**
   * Buy the pool's nodes as spot VMs. An eviction (30 seconds' notice) ends every sandbox on the
   * node mid-run and the warm pods wait for capacity to come back, so take it only where the
   * callers retry and the budget has no room for regular nodes; with a cap of -1 Azure evicts for
   * capacity only, never for price. The pods get the spot toleration beside the pool's own.
   * @default - regular priority
   */
  readonly spot?: SandboxSpotOptions;
}

/** How a sandbox pool buys spot VMs. */
export interface SandboxSpotOptions {
  /**
   * Highest price per node-hour in USD; -1 pays up to the on-demand price and is never evicted for price.
   * @default -1
   */
  readonly maxPricePerHourUsd?: number;
  /**
   * @default SpotEvictionPolicy.DELETE
   */
  readonly evictionPolicy?: SpotEvictionPolicy;
}

/**
 * A node pool with AKS pod sandboxing: pods that ask for the `kata-vm-isolation` RuntimeClass run
 * in their own lightweight VM with its own kernel, so a kernel exploit in code the platform runs
 * for users does not reach the node or the pods beside it. Azure Linux, which Kata requires;
 * tainted and labelled so only the workloads placed here (`placement`) land on it; autoscaled.
 *
 * Regular priority unless `spot` says otherwise: an eviction (30 seconds' notice) kills every
 * sandbox on the node in the middle of a compilation, and the warm pools exist so that a request
 * finds a booted sandbox, which a pool emptied by evictions cannot promise.
 *
 * Microsoft Defender for Containers bills the pool's vCores but does not assess Kata pods, and
 * Kata pods cannot use the host network (Microsoft Learn, "Pod Sandboxing with AKS", limitations).
 */
export class SandboxNodePool extends Construct {
  public readonly resource: KubernetesClusterNodePool;
  public readonly poolName: string;
  public readonly vmSize: string;
  public readonly minCount: number;
  public readonly maxCount: number;
  public readonly maxPods: number;
  public readonly zones: readonly string[];
  /** Whether the nodes are spot VMs (`spot`). */
  public readonly isSpot: boolean;
  /** The toleration of the pool's own taint. */
  public readonly toleration: PodToleration;
  /** Every toleration a pod needs to run on the pool: the pool's taint's, and the spot taint's on a spot pool. */
  public readonly tolerations: readonly PodToleration[];
  /** Where sandboxed workloads go: the Kata runtime class, this pool and its taint. */
  public readonly placement: Placement;

  constructor(scope: Construct, id: string, props: SandboxNodePoolProps) {
    super(scope, id);
    const name = props.name ?? "sandbox";
    const vmSize = props.vmSize ?? "Standard_D4s_v5";
    const minCount = props.minCount ?? 1;
    const maxCount = props.maxCount ?? 5;
    const zones = props.zones ?? props.cluster.zones;
    const maxPods = props.maxPods ?? SANDBOX_POOL_DEFAULT_MAX_PODS;
    const osDiskSizeGiB = props.osDiskSizeGiB ?? 128;
    const vnetSubnetId = props.vnetSubnetId ?? props.cluster.vnetSubnetId;

    checkNodePoolName(this, "name", name);
    checkVmSize(this, "vmSize", vmSize);
    if (!isUnresolved(vmSize) && kataVmSeriesOf(vmSize) === undefined) {
      throw new ValidationError(
        this,
        "vmSize",
        vmSize,
        `expected a size of a series pod sandboxing runs on (generation 2 with nested virtualization): ${KATA_VM_SERIES.map((s) => s.series).join(", ")}`,
      );
    }
    checkInteger(this, "minCount", minCount, 0, 1000);
    checkInteger(this, "maxCount", maxCount, 1, 1000);
    checkOrdered(this, "minCount", minCount, "maxCount", maxCount);
    checkZones(this, "zones", zones);
    checkInteger(this, "maxPods", maxPods, 10, 250);
    checkInteger(this, "osDiskSizeGiB", osDiskSizeGiB, 30, 2048);
    const spot = props.spot;
    const spotMaxPrice = spot?.maxPricePerHourUsd ?? -1;
    if (spot) checkSpotMaxPrice(this, "spot.maxPricePerHourUsd", spotMaxPrice);
    const evictionPolicy = spot?.evictionPolicy ?? SpotEvictionPolicy.DELETE;
    if (spot && !isUnresolved(evictionPolicy) && !Object.values(SpotEvictionPolicy).includes(evictionPolicy)) {
      throw new ValidationError(this, "spot.evictionPolicy", evictionPolicy, `expected one of ${Object.values(SpotEvictionPolicy).map((v) => `"${v}"`).join(", ")}`);
    }

    this.resource = new KubernetesClusterNodePool(this, "Resource", {
      name,
      kubernetesClusterId: props.cluster.clusterId,
      mode: "User",
      vmSize,
      ...(spot ? { priority: "Spot", evictionPolicy, spotMaxPrice } : { priority: "Regular" }),
      workloadRuntime: POD_SANDBOXING.workloadRuntime,
      osSku: POD_SANDBOXING.osSku,
      autoScalingEnabled: true,
      minCount,
      maxCount,
      zones: [...zones],
      vnetSubnetId,
      maxPods,
      osDiskSizeGb: osDiskSizeGiB,
      // Dsv5 sizes have no local disk for an ephemeral OS disk.
      osDiskType: "Managed",
      // AKS labels and taints spot nodes itself; declaring both keeps plans from showing them removed.
      nodeLabels: { [SANDBOX_NODE_LABEL.key]: SANDBOX_NODE_LABEL.value, ...(spot ? { [SPOT_NODE_LABEL.key]: SPOT_NODE_LABEL.value } : {}) },
      nodeTaints: [formatTaint(SANDBOX_NODE_TAINT), ...(spot ? [formatTaint(SPOT_NODE_TAINT)] : [])],
      // A change of size, subnet or max pods rotates the pool through a temporary one instead of failing.
      temporaryNameForRotation: "sandboxtmp",
      upgradeSettings: { maxSurge: "10%" },
    });

    this.poolName = name;
    this.vmSize = vmSize;
    this.minCount = minCount;
    this.maxCount = maxCount;
    this.maxPods = maxPods;
    this.zones = zones;
    this.isSpot = spot !== undefined;
    this.toleration = { key: SANDBOX_NODE_TAINT.key, operator: "Equal", value: SANDBOX_NODE_TAINT.value, effect: SANDBOX_NODE_TAINT.effect };
    this.tolerations = spot
      ? [this.toleration, { key: SPOT_NODE_TAINT.key, operator: "Equal", value: SPOT_NODE_TAINT.value, effect: SPOT_NODE_TAINT.effect }]
      : [this.toleration];
    this.placement = Placement.sandboxed({
      runtimeClassName: POD_SANDBOXING.runtimeClassName,
      poolName: name,
      tolerations: this.tolerations,
      podOverhead: POD_SANDBOXING.podOverhead,
    });
  }
}
