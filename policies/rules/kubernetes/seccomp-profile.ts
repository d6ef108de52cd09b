import { show } from "../../config-values";
import { WORKLOAD_RESOURCE_TYPES, podSpecOf } from "../../pod-spec";
import { DEV_WARNING_ELSE_ERROR, PolicyRule, compliant, nonCompliant, notApplicable } from "../../policy-rule";

const CONFINED = ["RuntimeDefault", "Localhost"];

/** A seccomp profile on every container (its own or the pod's). */
export const seccompProfile: PolicyRule = {
  name: "SeccompProfile",
  description: "Unconfined containers can make every system call, including the rarely used ones most kernel exploits go through",
  fix: "use Workload, which sets the RuntimeDefault seccomp profile",
  resourceTypes: WORKLOAD_RESOURCE_TYPES,
  // Checkov has this check for Kubernetes manifests only, not for the Terraform kubernetes provider.
  checkovIds: ["CKV_K8S_31"],
  levels: DEV_WARNING_ELSE_ERROR,
  evaluate: (resource) => {
    const pod = podSpecOf(resource);
    if (!pod) return notApplicable();
    const failing = pod.containers.flatMap((c) => {
      const type = c.seccompProfileType ?? pod.seccompProfileType;
      return typeof type === "string" && CONFINED.includes(type) ? [] : [`${c.name} (${show(type)})`];
    });
    return failing.length === 0
      ? compliant()
      : nonCompliant(`seccomp_profile.type is not RuntimeDefault or Localhost for: ${failing.join(", ")}`);
  },
};
