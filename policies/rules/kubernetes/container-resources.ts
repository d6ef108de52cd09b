import { isExpression } from "../../config-values";
import { podSpecOf, WORKLOAD_RESOURCE_TYPES } from "../../pod-spec";
import { DEV_WARNING_ELSE_ERROR, PolicyRule, compliant, nonCompliant, notApplicable } from "../../policy-rule";

function set(value: unknown): boolean {
  return (typeof value === "string" && value !== "" && !isExpression(value)) || typeof value === "number";
}

/** CPU and memory requests and limits on every container. */
export const containerResources: PolicyRule = {
  name: "ContainerResources",
  description: "Without requests the scheduler packs pods blindly; without limits one pod can take a node's memory and get its neighbours evicted",
  fix: "set WorkloadProps.requests and limits (Workload defaults to 100m/128Mi requests and 4x CPU, 2x memory limits)",
  resourceTypes: WORKLOAD_RESOURCE_TYPES,
  // Checkov's Terraform numbering; its manifest checks swap 12 and 13 (memory requests/limits).
  checkovIds: ["CKV_K8S_10", "CKV_K8S_11", "CKV_K8S_12", "CKV_K8S_13"],
  levels: DEV_WARNING_ELSE_ERROR,
  evaluate: (resource) => {
    const pod = podSpecOf(resource);
    if (!pod) return notApplicable();
    const missing = pod.containers.flatMap((c) =>
      (
        [
          ["requests.cpu", c.requests.cpu],
          ["requests.memory", c.requests.memory],
          ["limits.cpu", c.limits.cpu],
          ["limits.memory", c.limits.memory],
        ] as const
      )
        .filter(([, value]) => !set(value))
        .map(([what]) => `${c.name}: ${what}`),
    );
    return missing.length === 0 ? compliant() : nonCompliant(`containers without literal resources: ${missing.join(", ")}`);
  },
};
