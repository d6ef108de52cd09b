import { Testing } from "cdktf";
import { NodeOsSku, NodePoolMode, SpotEvictionPolicy, TaintEffect } from "../../constructs/aks-options";
import { IKubernetesCluster } from "../../constructs/always-on-cluster";
import { SPOT_NODE_TAINT, SpotAutoscalePool, SpotAutoscalePoolProps } from "../../constructs/spot-autoscale-pool";
import { onlyResource, synthJson, testStack } from "../helpers";

const CLUSTER: IKubernetesCluster = {
  clusterId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/c",
  vnetSubnetId: "/subscriptions/s/subnets/cluster",
  zones: ["1", "2", "3"],
};

function synthPool(props: Partial<SpotAutoscalePoolProps> = {}) {
  const { stack } = testStack();
  const pool = new SpotAutoscalePool(stack, "Spot", { cluster: CLUSTER, ...props });
  return { pool, resource: onlyResource(synthJson(stack), "azurerm_kubernetes_cluster_node_pool") };
}

function build(props: Partial<SpotAutoscalePoolProps>): () => SpotAutoscalePool {
  return () => {
    const { stack } = testStack();
    return new SpotAutoscalePool(stack, "Spot", { cluster: CLUSTER, ...props });
  };
}

describe("SpotAutoscalePool", () => {
  test("minimal config snapshot", () => {
    const { stack } = testStack();
    new SpotAutoscalePool(stack, "Spot", { cluster: CLUSTER });
    expect(Testing.synth(stack)).toMatchSnapshot();
  });

  describe("defaults", () => {
    const { resource, pool } = synthPool();

    test("a spot user pool that deletes evicted nodes and pays up to on-demand", () => {
      expect(resource).toMatchObject({
        name: "spot",
        mode: "User",
        priority: "Spot",
        eviction_policy: "Delete",
        spot_max_price: -1,
        vm_size: "Standard_D4s_v5",
        os_sku: "AzureLinux",
        os_disk_size_gb: 128,
      });
    });

    test("autoscales from 0 to 5 nodes", () => {
      expect(resource).toMatchObject({ auto_scaling_enabled: true, min_count: 0, max_count: 5 });
      expect(resource.node_count).toBeUndefined();
    });

    test("joins the cluster on its subnet and zones", () => {
      expect(resource.kubernetes_cluster_id).toBe(CLUSTER.clusterId);
      expect(resource.vnet_subnet_id).toBe(CLUSTER.vnetSubnetId);
      expect(resource.zones).toEqual(["1", "2", "3"]);
    });

    test("declares the label and taint AKS puts on spot nodes", () => {
      expect(resource.node_labels).toEqual({ "kubernetes.azure.com/scalesetpriority": "spot" });
      expect(resource.node_taints).toEqual(["kubernetes.azure.com/scalesetpriority=spot:NoSchedule"]);
    });

    test("exposes the toleration and node affinity workloads need", () => {
      expect(pool.toleration).toEqual({
        key: "kubernetes.azure.com/scalesetpriority",
        operator: "Equal",
        value: "spot",
        effect: "NoSchedule",
      });
      expect(pool.nodeAffinity).toEqual({ key: "kubernetes.azure.com/scalesetpriority", operator: "In", values: ["spot"] });
      expect(pool.minCount).toBe(0);
      expect(pool.maxCount).toBe(5);
      expect(pool.spotMaxPricePerHourUsd).toBe(-1);
    });

    test("exposes the placement a workload on the pool takes: the toleration and the required affinity", () => {
      expect(pool.placement.isSpot).toBe(true);
      expect(pool.placement.tolerations).toEqual([pool.toleration]);
      expect(pool.placement.requiredNodeAffinity).toEqual([pool.nodeAffinity]);
      expect(pool.placement.nodeSelector).toEqual({});
      expect(pool.placement.description).toBe("spot nodes");
    });
  });

  describe("overrides", () => {
    test("seed 004's enterprise pool: 0..50 at most $0.05/h", () => {
      const { resource } = synthPool({ minCount: 0, maxCount: 50, spotMaxPricePerHourUsd: 0.05 });
      expect(resource).toMatchObject({ min_count: 0, max_count: 50, spot_max_price: 0.05 });
    });

    test("name, size, eviction, zones, OS and disk", () => {
      const { resource } = synthPool({
        name: "agents",
        vmSize: "Standard_D8s_v5",
        evictionPolicy: SpotEvictionPolicy.DEALLOCATE,
        zones: ["2"],
        osSku: NodeOsSku.UBUNTU,
        osDiskSizeGiB: 64,
        minCount: 1,
        maxCount: 1,
      });
      expect(resource).toMatchObject({
        name: "agents",
        vm_size: "Standard_D8s_v5",
        eviction_policy: "Deallocate",
        zones: ["2"],
        os_sku: "Ubuntu",
        os_disk_size_gb: 64,
        min_count: 1,
        max_count: 1,
      });
    });

    test("extra labels and taints sit beside the spot ones", () => {
      const { resource } = synthPool({
        nodeLabels: { workload: "agents" },
        nodeTaints: [{ key: "workload", value: "agents", effect: TaintEffect.NO_SCHEDULE }],
      });
      expect(resource.node_labels).toEqual({ workload: "agents", "kubernetes.azure.com/scalesetpriority": "spot" });
      expect(resource.node_taints).toEqual(["kubernetes.azure.com/scalesetpriority=spot:NoSchedule", "workload=agents:NoSchedule"]);
    });

    test("zones default to the cluster's", () => {
      const { resource } = synthPool({ cluster: { ...CLUSTER, zones: [] } });
      expect(resource.zones).toEqual([]);
    });
  });

  describe("validation", () => {
    test("fails on an empty VM size", () => {
      expect(build({ vmSize: "" })).toThrow(
        'test/Spot: invalid vmSize "": expected an Azure VM size such as Standard_D4s_v5 (Standard_<family><vCPUs><features>[_<version>])',
      );
    });

    test("fails on a name longer than 12 characters", () => {
      expect(build({ name: "spotinstances" })).toThrow(
        'test/Spot: invalid name "spotinstances": expected 1-12 lowercase letters and digits starting with a letter (AKS Linux node pool name)',
      );
    });

    test("fails on a name starting with a digit", () => {
      expect(build({ name: "1spot" })).toThrow('test/Spot: invalid name "1spot"');
    });

    test("fails on a name with a hyphen", () => {
      expect(build({ name: "spot-pool" })).toThrow('test/Spot: invalid name "spot-pool"');
    });

    test("fails on an empty name", () => {
      expect(build({ name: "" })).toThrow('test/Spot: invalid name ""');
    });

    test("fails when min is above max", () => {
      expect(build({ minCount: 6, maxCount: 5 })).toThrow("test/Spot: invalid minCount 6: expected at most maxCount (5)");
    });

    test("fails on a max above 1000", () => {
      expect(build({ maxCount: 1001 })).toThrow("test/Spot: invalid maxCount 1001: expected an integer from 1 to 1000");
    });

    test("fails on a negative min", () => {
      expect(build({ minCount: -1 })).toThrow("test/Spot: invalid minCount -1: expected an integer from 0 to 1000");
    });

    test("fails on a zero max price", () => {
      expect(build({ spotMaxPricePerHourUsd: 0 })).toThrow(
        "test/Spot: invalid spotMaxPricePerHourUsd 0: expected a positive price in USD per hour, or -1 to pay up to the on-demand price",
      );
    });

    test("fails on a negative max price other than -1", () => {
      expect(build({ spotMaxPricePerHourUsd: -0.5 })).toThrow("test/Spot: invalid spotMaxPricePerHourUsd -0.5");
    });

    test("fails when asked to be the system pool", () => {
      expect(build({ mode: NodePoolMode.SYSTEM })).toThrow(
        'test/Spot: invalid mode "System": expected "User": a spot pool cannot be the system pool, evictions would take the system add-ons with them',
      );
    });

    test("fails on an unknown zone", () => {
      expect(build({ zones: ["0"] })).toThrow('test/Spot: invalid zones ["0"]: expected distinct availability zones from "1", "2", "3"');
    });

    test("fails when a label would override the spot label", () => {
      expect(build({ nodeLabels: { [SPOT_NODE_TAINT.key]: "regular" } })).toThrow(
        'test/Spot: invalid nodeLabels "kubernetes.azure.com/scalesetpriority": expected labels other than the spot label AKS sets itself',
      );
    });

    test("fails when a taint would repeat the spot taint", () => {
      expect(build({ nodeTaints: [SPOT_NODE_TAINT] })).toThrow(
        'test/Spot: invalid nodeTaints "kubernetes.azure.com/scalesetpriority=spot:NoSchedule": expected taints other than the spot taint AKS sets itself',
      );
    });
  });
});
