import { WORKLOAD_RESOURCE_TYPES, WorkloadKind, podSpecOf } from "../../pod-spec";
import { DEV_WARNING_ELSE_ERROR, PolicyRule, compliant, nonCompliant, notApplicable } from "../../policy-rule";

/** Liveness and readiness probes on every long-running container. */
export const containerProbes: PolicyRule = {
  name: "ContainerProbes",
  description: "Without a readiness probe traffic reaches pods that are not ready; without a liveness probe a hung process is never restarted",
  fix: "leave WorkloadProps.livenessProbe and readinessProbe at their defaults (a TCP check of the port) or give HTTP probes",
  resourceTypes: WORKLOAD_RESOURCE_TYPES,
  checkovIds: ["CKV_K8S_8", "CKV_K8S_9"],
  levels: DEV_WARNING_ELSE_ERROR,
  evaluate: (resource) => {
    const pod = podSpecOf(resource);
    // Jobs run to completion: nothing routes traffic to them and nothing should restart them.
    if (!pod || pod.kind === WorkloadKind.JOB || pod.kind === WorkloadKind.CRON_JOB) return notApplicable();
    const missing = pod.containers
      .filter((c) => !c.init)
      .flatMap((c) => [
        ...(c.hasLivenessProbe ? [] : [`${c.name}: liveness_probe`]),
        ...(c.hasReadinessProbe ? [] : [`${c.name}: readiness_probe`]),
      ]);
    return missing.length === 0 ? compliant() : nonCompliant(`containers without probes: ${missing.join(", ")}`);
  },
};
