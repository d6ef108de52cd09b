import { ConfigMapV1 } from "../../providers/kubernetes/config-map-v1";
import { HorizontalPodAutoscalerV2 } from "../../providers/kubernetes/horizontal-pod-autoscaler-v2";
import { applyPolicyPacks } from "../../policies/apply-policy-packs";
import { autoscalers, namespaceKey } from "../../policies/kubernetes-objects";
import { PolicyPack } from "../../policies/policy-pack";
import { PolicyEnvironment, PolicyProfile } from "../../policies/policy-profile";
import { resolvePolicyResource } from "../../policies/policy-resource";
import { PolicyLevel, PolicyRule, compliant } from "../../policies/policy-rule";
import { StackPolicyResults } from "../../policies/stack-policy-results";
import { testStack } from "../helpers";
import { namespace } from "./rule-harness";

/** The stack's resources the packs share: walked once, made again when the stack or the packs change. */

function hpa(stack: Parameters<typeof namespace>[0], id: string, target: string): HorizontalPodAutoscalerV2 {
  return new HorizontalPodAutoscalerV2(stack, id, {
    metadata: { name: target, namespace: "platform" },
    spec: { minReplicas: 2, maxReplicas: 4, scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: target } },
  });
}

describe("StackPolicyResults.contextResources", () => {
  test("one frozen list for every visit; resources() walks the tree afresh", () => {
    const { stack } = testStack();
    applyPolicyPacks(stack, PolicyProfile.production());
    namespace(stack, "platform");
    const results = StackPolicyResults.of(stack);
    const list = results.contextResources();
    expect(Object.isFrozen(list)).toBe(true);
    expect(list.map((r) => r.path)).toEqual(["test/Namespace-platform"]);
    expect(results.contextResources()).toBe(list);
    const copy = results.resources();
    expect(copy).toEqual(list);
    expect(copy).not.toBe(list);
    namespace(stack, "agents");
    expect(results.resources().map((r) => r.path)).toEqual(["test/Namespace-platform", "test/Namespace-agents"]);
  });

  test("a resource added after the list was made is in the next list once a pack visits it", () => {
    const { stack } = testStack();
    applyPolicyPacks(stack, PolicyProfile.production());
    const first = namespace(stack, "platform");
    const results = StackPolicyResults.of(stack);
    const before = results.contextResources();
    results.noticeResource(first);
    expect(results.contextResources()).toBe(before);
    const added = namespace(stack, "agents");
    results.noticeResource(added);
    expect(results.contextResources().map((r) => r.path)).toEqual(["test/Namespace-platform", "test/Namespace-agents"]);
  });

  test("a pack registered later widens the list to the types its rules cover", () => {
    const { stack } = testStack();
    applyPolicyPacks(stack, PolicyProfile.production());
    new HorizontalPodAutoscalerV2(stack, "Hpa", {
      metadata: { name: "app", namespace: "platform" },
      spec: { maxReplicas: 2, scaleTargetRef: { kind: "Deployment", name: "app" } },
    });
    const results = StackPolicyResults.of(stack);
    expect(results.contextResources().map((r) => r.type)).toEqual(["kubernetes_horizontal_pod_autoscaler_v2"]);
    const extra: PolicyRule = {
      name: "Anything",
      description: "reads config maps",
      resourceTypes: ["kubernetes_config_map_v1"],
      checkovIds: [],
      levels: { [PolicyEnvironment.PRODUCTION]: PolicyLevel.ERROR },
      evaluate: () => compliant(),
    };
    class ExtraPack extends PolicyPack {
      constructor() {
        super("ExtraPack", [extra], PolicyProfile.production());
      }
    }
    new ConfigMapV1(stack, "Config", { metadata: { name: "c", namespace: "platform" }, data: { a: "b" } });
    results.register(new ExtraPack(), stack);
    expect(results.contextResources().map((r) => r.type)).toEqual(["kubernetes_horizontal_pod_autoscaler_v2", "kubernetes_config_map_v1"]);
  });
});

describe("cross-resource views of a shared list", () => {
  test("are the same as for a list read afresh, and callers get their own copy", () => {
    const { stack } = testStack();
    applyPolicyPacks(stack, PolicyProfile.production());
    hpa(stack, "HpaA", "a");
    hpa(stack, "HpaB", "b");
    const shared = StackPolicyResults.of(stack).contextResources();
    const fresh = [...shared];
    expect(autoscalers(shared)).toEqual(autoscalers(fresh));
    expect(autoscalers(shared).map((a) => a.targetName)).toEqual(["a", "b"]);
    autoscalers(shared).pop();
    expect(autoscalers(shared)).toHaveLength(2);
  });

  test("a reference to a namespace resource of the list is its name", () => {
    const { stack } = testStack();
    applyPolicyPacks(stack, PolicyProfile.production());
    const ns = namespace(stack, "agents");
    const shared = StackPolicyResults.of(stack).contextResources();
    const reference = `\${${shared[0].address}.metadata[0].name}`;
    expect(shared[0].path).toBe(ns.node.path);
    expect(namespaceKey(reference, shared)).toBe("agents");
    expect(namespaceKey(reference, [...shared])).toBe("agents");
    expect(namespaceKey("${kubernetes_namespace_v1.other.metadata[0].name}", shared)).toBe("kubernetes_namespace_v1.other");
  });

  test("a list that is not frozen is read afresh on every call", () => {
    const { stack } = testStack();
    const list = [resolvePolicyResource(hpa(stack, "HpaA", "a"))];
    expect(autoscalers(list)).toHaveLength(1);
    list.push(resolvePolicyResource(hpa(stack, "HpaB", "b")));
    expect(autoscalers(list).map((a) => a.targetName)).toEqual(["a", "b"]);
  });
});
