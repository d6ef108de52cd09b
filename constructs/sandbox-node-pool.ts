import { Construct } from "constructs";
import { KubernetesClusterNodePool } from "@cdktf/provider-azurerm/lib/kubernetes-cluster-node-pool";
import { IKubernetesCluster } from "./always-on-cluster";
import { NodeTaint, TaintEffect, formatTaint } from "./aks-options";
import { checkInteger, checkNodePoolName, checkOrdered, checkZones } from "./checks";
import { Placement } from "./placement";
import { PodToleration } from "./spot-autoscale-pool";

/** The RuntimeClass AKS pod sandboxing installs on clusters with a Kata pool. */
export const KATA_RUNTIME_CLASS = "kata-vm-isolation";

/** Keeps everything but sandboxed workloads off the pool. */
export const SANDBOX_NODE_TAINT: NodeTaint = { key: "omega.ai/sandbox", value: "kata", effect: TaintEffect.NO_SCHEDULE };

export interface SandboxNodePoolProps {
  readonly cluster: IKubernetesCluster;
  /**
   * @default "sandbox"
   */
  readonly name?: string;
  /**
   * A size with nested virtualization (Dsv5 has it).
   * @default "Standard_D4s_v5"
   */
  readonly vmSize?: string;
  /**
   * @default 1
   */
  readonly minCount?: number;
  /**
   * @default 5
   */
  readonly maxCount?: number;
  /**
   * @default - the cluster's zones
   */
  readonly zones?: readonly string[];
}

/**
 * A node pool with AKS pod sandboxing: pods that ask for the `kata-vm-isolation` RuntimeClass run
 * in their own lightweight VM with a separate kernel, so a kernel exploit in code the platform runs
 * for users does not reach the node. Regular priority (a spot eviction would kill sandboxes
 * mid-run); Azure Linux, which Kata requires; tainted so only sandboxed workloads land there.
 */
export class SandboxNodePool extends Construct {
  public readonly resource: KubernetesClusterNodePool;
  public readonly poolName: string;
  public readonly toleration: PodToleration;
  /** Where sandboxed workloads go: the runtime class, this pool and its taint. */
  public readonly placement: Placement;

  constructor(scope: Construct, id: string, props: SandboxNodePoolProps) {
    super(scope, id);
    const name = props.name ?? "sandbox";
    const vmSize = props.vmSize ?? "Standard_D4s_v5";
    const minCount = props.minCount ?? 1;
    const maxCount = props.maxCount ?? 5;
    const zones = props.zones ?? props.cluster.zones;

    checkNodePoolName(this, "name", name);
    checkInteger(this, "minCount", minCount, 0, 1000);
    checkInteger(this, "maxCount", maxCount, 1, 1000);
    checkOrdered(this, "minCount", minCount, "maxCount", maxCount);
    checkZones(this, "zones", zones);

    this.resource = new KubernetesClusterNodePool(this, "Resource", {
      name,
      kubernetesClusterId: props.cluster.clusterId,
      mode: "User",
      vmSize,
      workloadRuntime: "KataVmIsolation",
      osSku: "AzureLinux",
      autoScalingEnabled: true,
      minCount,
      maxCount,
      zones: [...zones],
      vnetSubnetId: props.cluster.vnetSubnetId,
      osDiskType: "Managed",
      nodeLabels: { [SANDBOX_NODE_TAINT.key]: SANDBOX_NODE_TAINT.value },
      nodeTaints: [formatTaint(SANDBOX_NODE_TAINT)],
      upgradeSettings: { maxSurge: "10%" },
    });
    this.poolName = name;
    this.toleration = { key: SANDBOX_NODE_TAINT.key, operator: "Equal", value: SANDBOX_NODE_TAINT.value, effect: SANDBOX_NODE_TAINT.effect };
    this.placement = Placement.sandboxed({ runtimeClassName: KATA_RUNTIME_CLASS, poolName: name, toleration: this.toleration });
  }
}
