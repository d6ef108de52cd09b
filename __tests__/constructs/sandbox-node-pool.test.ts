import { Testing } from "cdktf";
import { IKubernetesCluster } from "../../constructs/always-on-cluster";
import { KATA_VM_SERIES, POD_SANDBOXING, kataVmSeriesOf } from "../../constructs/pod-sandboxing";
import { SpotEvictionPolicy } from "../../constructs/aks-options";
import { SANDBOX_NODE_TAINT, SandboxNodePool, SandboxNodePoolProps } from "../../constructs/sandbox-node-pool";
import { onlyResource, synthJson, testStack } from "../helpers";

const CLUSTER: IKubernetesCluster = {
  clusterId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/c",
  vnetSubnetId: "/subscriptions/s/subnets/cluster",
  zones: ["1", "2", "3"],
};

function synthPool(props: Partial<SandboxNodePoolProps> = {}) {
  const { stack } = testStack();
  const pool = new SandboxNodePool(stack, "Sandbox", { cluster: CLUSTER, ...props });
  return { pool, resource: onlyResource(synthJson(stack), "azurerm_kubernetes_cluster_node_pool") };
}

function build(props: Partial<SandboxNodePoolProps>): () => SandboxNodePool {
  return () => {
    const { stack } = testStack();
    return new SandboxNodePool(stack, "Sandbox", { cluster: CLUSTER, ...props });
  };
}

describe("SandboxNodePool", () => {
  test("minimal config snapshot", () => {
    const { stack } = testStack();
    new SandboxNodePool(stack, "Sandbox", { cluster: CLUSTER });
    expect(Testing.synth(stack)).toMatchSnapshot();
  });

  describe("defaults", () => {
    const { resource, pool } = synthPool();

    test("a regular-priority Azure Linux user pool with the Kata runtime", () => {
      expect(pool.isSpot).toBe(false);
      expect(resource).toMatchObject({
        name: "sandbox",
        mode: "User",
        priority: "Regular",
        workload_runtime: "KataVmIsolation",
        os_sku: "AzureLinux",
        vm_size: "Standard_D4s_v5",
        os_disk_type: "Managed",
        os_disk_size_gb: 128,
      });
      expect(resource.eviction_policy).toBeUndefined();
      expect(resource.spot_max_price).toBeUndefined();
    });

    test("autoscales from 1 to 5 nodes of at most 50 pods", () => {
      expect(resource).toMatchObject({ auto_scaling_enabled: true, min_count: 1, max_count: 5, max_pods: 50 });
      expect(resource.node_count).toBeUndefined();
      expect(resource.temporary_name_for_rotation).toBe("sandboxtmp");
    });

    test("joins the cluster on its subnet and zones", () => {
      expect(resource.kubernetes_cluster_id).toBe(CLUSTER.clusterId);
      expect(resource.vnet_subnet_id).toBe(CLUSTER.vnetSubnetId);
      expect(resource.zones).toEqual(["1", "2", "3"]);
    });

    test("labels and taints its nodes so only sandboxed workloads land there", () => {
      expect(resource.node_labels).toEqual({ sandbox: "kata" });
      expect(resource.node_taints).toEqual(["sandbox=kata:NoSchedule"]);
      expect(SANDBOX_NODE_TAINT).toEqual({ key: "sandbox", value: "kata", effect: "NoSchedule" });
    });

    test("its placement: the kata-vm-isolation runtime class, this pool, the taint's toleration and Kata's pod overhead", () => {
      expect(pool.toleration).toEqual({ key: "sandbox", operator: "Equal", value: "kata", effect: "NoSchedule" });
      expect(pool.placement.runtimeClassName).toBe("kata-vm-isolation");
      expect(pool.placement.nodeSelector).toEqual({ "kubernetes.azure.com/agentpool": "sandbox" });
      expect(pool.placement.tolerations).toEqual([pool.toleration]);
      expect(pool.placement.requiredNodeAffinity).toEqual([]);
      expect(pool.placement.isSpot).toBe(false);
      expect(pool.placement.podOverhead).toEqual({ cpuMillis: 0, memoryMiB: 600 });
      expect([pool.minCount, pool.maxCount, pool.maxPods, pool.vmSize, pool.poolName]).toEqual([1, 5, 50, "Standard_D4s_v5", "sandbox"]);
    });
  });

  describe("overrides", () => {
    test("small-prod's pool: 1..3 in its own subnet", () => {
      const { resource } = synthPool({ minCount: 1, maxCount: 3, vnetSubnetId: "/subscriptions/s/subnets/sandbox" });
      expect(resource).toMatchObject({ min_count: 1, max_count: 3, vnet_subnet_id: "/subscriptions/s/subnets/sandbox" });
    });

    test("name, size, zones, pods and disk", () => {
      const { resource, pool } = synthPool({ name: "kata", vmSize: "Standard_D8s_v5", zones: ["2"], maxPods: 30, osDiskSizeGiB: 64 });
      expect(resource).toMatchObject({ name: "kata", vm_size: "Standard_D8s_v5", zones: ["2"], max_pods: 30, os_disk_size_gb: 64 });
      expect(pool.placement.nodeSelector).toEqual({ "kubernetes.azure.com/agentpool": "kata" });
    });

    test("spot: priority Spot at up to on-demand, eviction Delete, AKS's spot label and taint declared, both tolerations on the placement", () => {
      const { resource, pool } = synthPool({ spot: {} });
      expect(resource).toMatchObject({
        priority: "Spot",
        eviction_policy: "Delete",
        spot_max_price: -1,
        workload_runtime: "KataVmIsolation",
        node_labels: { sandbox: "kata", "kubernetes.azure.com/scalesetpriority": "spot" },
        node_taints: ["sandbox=kata:NoSchedule", "kubernetes.azure.com/scalesetpriority=spot:NoSchedule"],
      });
      expect(pool.isSpot).toBe(true);
      expect(pool.tolerations).toEqual([
        { key: "sandbox", operator: "Equal", value: "kata", effect: "NoSchedule" },
        { key: "kubernetes.azure.com/scalesetpriority", operator: "Equal", value: "spot", effect: "NoSchedule" },
      ]);
      expect(pool.placement.tolerations).toEqual(pool.tolerations);
      expect(pool.placement.isSpot).toBe(true);
      expect(pool.placement.runtimeClassName).toBe("kata-vm-isolation");
    });

    test("spot with a cap and Deallocate", () => {
      const { resource } = synthPool({ spot: { maxPricePerHourUsd: 0.08, evictionPolicy: SpotEvictionPolicy.DEALLOCATE } });
      expect(resource).toMatchObject({ priority: "Spot", eviction_policy: "Deallocate", spot_max_price: 0.08 });
    });

    test("Dsv3 and Dasv5 sizes, which have nested virtualization too", () => {
      expect(synthPool({ vmSize: "Standard_D4s_v3" }).resource.vm_size).toBe("Standard_D4s_v3");
      expect(synthPool({ vmSize: "Standard_D4as_v5" }).resource.vm_size).toBe("Standard_D4as_v5");
    });
  });

  describe("validation", () => {
    test("fails on a size without nested virtualization", () => {
      expect(build({ vmSize: "Standard_B4ms" })).toThrow(
        'test/Sandbox: invalid vmSize "Standard_B4ms": expected a size of a series pod sandboxing runs on (generation 2 with nested virtualization): Dsv3, Dsv5, Dasv5',
      );
    });

    test("fails on a malformed size", () => {
      expect(build({ vmSize: "D4s_v5" })).toThrow(
        'test/Sandbox: invalid vmSize "D4s_v5": expected an Azure VM size such as Standard_D4s_v5 (Standard_<family><vCPUs><features>[_<version>])',
      );
    });

    test("fails on a name AKS refuses", () => {
      expect(build({ name: "Sandbox-Pool" })).toThrow(
        'test/Sandbox: invalid name "Sandbox-Pool": expected 1-12 lowercase letters and digits starting with a letter (AKS Linux node pool name)',
      );
    });

    test("fails on a minimum above the maximum", () => {
      expect(build({ minCount: 6, maxCount: 5 })).toThrow("test/Sandbox: invalid minCount 6: expected at most maxCount (5)");
    });

    test("fails on a maximum of 0", () => {
      expect(build({ maxCount: 0 })).toThrow("test/Sandbox: invalid maxCount 0: expected an integer from 1 to 1000");
    });

    test("fails on max pods outside Azure CNI overlay's 10-250", () => {
      expect(build({ maxPods: 5 })).toThrow("test/Sandbox: invalid maxPods 5: expected an integer from 10 to 250");
    });

    test("fails on an unknown zone", () => {
      expect(build({ zones: ["4"] })).toThrow('test/Sandbox: invalid zones ["4"]: expected distinct availability zones from "1", "2", "3"');
    });

    test("fails on a spot cap that is neither positive nor -1", () => {
      expect(build({ spot: { maxPricePerHourUsd: 0 } })).toThrow(
        "test/Sandbox: invalid spot.maxPricePerHourUsd 0: expected a positive price in USD per hour, or -1 to pay up to the on-demand price",
      );
    });

    test("fails on an unknown eviction policy", () => {
      expect(build({ spot: { evictionPolicy: "Stop" as SpotEvictionPolicy } })).toThrow('test/Sandbox: invalid spot.evictionPolicy "Stop": expected one of "Delete", "Deallocate"');
    });

    test("fails on a tiny OS disk", () => {
      expect(build({ osDiskSizeGiB: 10 })).toThrow("test/Sandbox: invalid osDiskSizeGiB 10: expected an integer from 30 to 2048");
    });
  });
});

describe("POD_SANDBOXING", () => {
  test("what AKS pod sandboxing needs: the runtime, Azure Linux, the runtime class and its 600Mi overhead", () => {
    expect(POD_SANDBOXING).toEqual({
      runtimeClassName: "kata-vm-isolation",
      workloadRuntime: "KataVmIsolation",
      osSku: "AzureLinux",
      minimumAzurermVersion: "4.78.0",
      podOverhead: { cpuMillis: 0, memoryMiB: 600 },
    });
  });

  test("the Kata-capable series, each with its source", () => {
    expect(KATA_VM_SERIES.map((s) => s.series)).toEqual(["Dsv3", "Dsv5", "Dasv5"]);
    for (const s of KATA_VM_SERIES) expect(s.source).toMatch(/nested virtualization supported/);
    expect(["Standard_D4s_v5", "Standard_D8s_v5", "Standard_D4s_v3", "Standard_D2as_v5"].map(kataVmSeriesOf)).toEqual(["Dsv5", "Dsv5", "Dsv3", "Dasv5"]);
    expect(["Standard_B2s", "Standard_D4ds_v5", "Standard_D4s_v4", "Standard_D3s_v5"].map(kataVmSeriesOf)).toEqual([undefined, undefined, undefined, undefined]);
  });
});
