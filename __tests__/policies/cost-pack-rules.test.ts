import { TerraformStack } from "cdktf";
import { HorizontalPodAutoscalerV2 } from "../../providers/kubernetes/horizontal-pod-autoscaler-v2";
import { Manifest } from "../../providers/kubernetes/manifest";
import { ResourceQuotaV1 } from "../../providers/kubernetes/resource-quota-v1";
import { horizontalScalingBounded } from "../../policies/rules/cost/horizontal-scaling-bounded";
import { namespaceResourceQuota } from "../../policies/rules/cost/namespace-resource-quota";
import { nodePoolAutoscaleBounded } from "../../policies/rules/cost/node-pool-autoscale-bounded";
import { spotMaxPrice } from "../../policies/rules/cost/spot-max-price";
import { COMPLIANT, NOT_APPLICABLE, evaluate, namespace, nodePool, nonCompliant, secureCluster } from "./rule-harness";

const SPOT = { priority: "Spot", evictionPolicy: "Delete", autoScalingEnabled: true, minCount: 0, maxCount: 5 };

function hpa(stack: TerraformStack, minReplicas: number, maxReplicas: number) {
  return new HorizontalPodAutoscalerV2(stack, "Hpa", {
    metadata: { name: "lang-c", namespace: "languages" },
    spec: { minReplicas, maxReplicas, scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "lang-c" } },
  });
}

function scaledObject(stack: TerraformStack, bounds: Record<string, number>) {
  return new Manifest(stack, "Scaler", {
    manifest: {
      apiVersion: "keda.sh/v1alpha1",
      kind: "ScaledObject",
      metadata: { name: "team-devops", namespace: "agents" },
      spec: { scaleTargetRef: { name: "team-devops" }, ...bounds, triggers: [{ type: "cpu", metadata: { value: "70" } }] },
    },
  });
}

describe("CostPack rules", () => {
  describe("SpotMaxPrice", () => {
    test("compliant: capped at $0.05/h", () => {
      expect(evaluate(spotMaxPrice, (s) => nodePool(s, { ...SPOT, spotMaxPrice: 0.05 }))).toEqual(COMPLIANT);
    });
    test("non-compliant: -1 pays up to on-demand", () => {
      expect(evaluate(spotMaxPrice, (s) => nodePool(s, { ...SPOT, spotMaxPrice: -1 }))).toEqual(
        nonCompliant("spot_max_price is -1 (-1 or unset pays up to on-demand), expected a price in USD per hour"),
      );
    });
    test("non-compliant: unset", () => {
      expect(evaluate(spotMaxPrice, (s) => nodePool(s, SPOT))).toEqual(
        nonCompliant("spot_max_price is not set (-1 or unset pays up to on-demand), expected a price in USD per hour"),
      );
    });
    test("not applicable: a regular pool", () => {
      expect(evaluate(spotMaxPrice, (s) => nodePool(s, { nodeCount: 3 }))).toEqual(NOT_APPLICABLE);
    });
  });

  describe("NodePoolAutoscaleBounded", () => {
    test("compliant: at the tier's cap", () => {
      expect(evaluate(nodePoolAutoscaleBounded, (s) => nodePool(s, SPOT), { maxNodesPerPool: 5 })).toEqual(COMPLIANT);
    });
    test("compliant: bounded, no cap in the profile", () => {
      expect(evaluate(nodePoolAutoscaleBounded, (s) => nodePool(s, { ...SPOT, maxCount: 500 }))).toEqual(COMPLIANT);
    });
    test("non-compliant: above the tier's cap", () => {
      expect(evaluate(nodePoolAutoscaleBounded, (s) => nodePool(s, { ...SPOT, maxCount: 60 }), { maxNodesPerPool: 50 })).toEqual(
        nonCompliant("max_count is 60, above the tier's cap of 50 nodes per pool"),
      );
    });
    test("non-compliant: an autoscaled default pool without a maximum", () => {
      const result = evaluate(nodePoolAutoscaleBounded, (s) =>
        secureCluster(s, { defaultNodePool: { name: "system", vmSize: "Standard_D4s_v5", autoScalingEnabled: true, minCount: 1 } }),
      );
      expect(result).toEqual(nonCompliant("default_node_pool.max_count is not set, expected a literal maximum"));
    });
    test("not applicable: a fixed pool", () => {
      expect(evaluate(nodePoolAutoscaleBounded, (s) => nodePool(s, { nodeCount: 3 }), { maxNodesPerPool: 5 })).toEqual(NOT_APPLICABLE);
    });
  });

  describe("HorizontalScalingBounded", () => {
    test("compliant: an HPA within the cap", () => {
      expect(evaluate(horizontalScalingBounded, (s) => hpa(s, 2, 10), { maxReplicasPerWorkload: 10 })).toEqual(COMPLIANT);
    });
    test("non-compliant: an HPA above the cap", () => {
      expect(evaluate(horizontalScalingBounded, (s) => hpa(s, 2, 100), { maxReplicasPerWorkload: 50 })).toEqual(
        nonCompliant("the maximum replica count 100 is above the tier's cap of 50 replicas per workload"),
      );
    });
    test("non-compliant: a minimum above the maximum", () => {
      expect(evaluate(horizontalScalingBounded, (s) => hpa(s, 5, 3))).toEqual(nonCompliant("the minimum replica count 5 is above the maximum 3"));
    });
    test("compliant: a ScaledObject within the cap", () => {
      expect(evaluate(horizontalScalingBounded, (s) => scaledObject(s, { minReplicaCount: 0, maxReplicaCount: 50 }), { maxReplicasPerWorkload: 50 })).toEqual(
        COMPLIANT,
      );
    });
    test("non-compliant: a ScaledObject without a maximum", () => {
      expect(evaluate(horizontalScalingBounded, (s) => scaledObject(s, { minReplicaCount: 0 }))).toEqual(
        nonCompliant("spec.maxReplicaCount is not set (KEDA then allows 100 replicas)"),
      );
    });
    test("not applicable: a manifest that scales nothing", () => {
      const result = evaluate(horizontalScalingBounded, (s) =>
        new Manifest(s, "ConfigMap", { manifest: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x", namespace: "platform" } } }),
      );
      expect(result).toEqual(NOT_APPLICABLE);
    });
  });

  describe("NamespaceResourceQuota", () => {
    function quota(s: TerraformStack, ns: string, hard: Record<string, string>) {
      return new ResourceQuotaV1(s, "Quota", { metadata: { name: "quota", namespace: ns }, spec: { hard } });
    }
    test("compliant: a quota with hard limits, namespace by reference", () => {
      const result = evaluate(namespaceResourceQuota, (s) => {
        const ns = namespace(s, "agents");
        quota(s, ns.metadata.name, { "requests.cpu": "10", "limits.memory": "20Gi" });
        return ns;
      });
      expect(result).toEqual(COMPLIANT);
    });
    test("non-compliant: no quota", () => {
      expect(evaluate(namespaceResourceQuota, (s) => namespace(s, "observability"))).toEqual(
        nonCompliant('no ResourceQuota with hard limits in namespace "observability"'),
      );
    });
    test("non-compliant: a quota without hard limits", () => {
      const result = evaluate(namespaceResourceQuota, (s) => {
        quota(s, "agents", {});
        return namespace(s, "agents");
      });
      expect(result).toEqual(nonCompliant('no ResourceQuota with hard limits in namespace "agents"'));
    });
  });
});
