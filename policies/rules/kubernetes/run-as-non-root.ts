import { numberOf, show } from "../../config-values";
import { WORKLOAD_RESOURCE_TYPES, podSpecOf } from "../../pod-spec";
import { DEV_WARNING_ELSE_ERROR, PolicyRule, compliant, nonCompliant, notApplicable } from "../../policy-rule";

/** Every container runs as a non-zero user, enforced by the kubelet (runAsNonRoot). */
export const runAsNonRoot: PolicyRule = {
  name: "RunAsNonRoot",
  description: "A process with uid 0 inside the container is uid 0 on the node after any container escape",
  fix: "use Workload, which runs as WorkloadProps.runAsUser (default 10001), never uid 0",
  resourceTypes: WORKLOAD_RESOURCE_TYPES,
  // Checkov has this check for Kubernetes manifests only, not for the Terraform kubernetes provider.
  checkovIds: ["CKV_K8S_23"],
  levels: DEV_WARNING_ELSE_ERROR,
  evaluate: (resource) => {
    const pod = podSpecOf(resource);
    if (!pod) return notApplicable();
    const failing = pod.containers.flatMap((c) => {
      // A container's security context overrides the pod's.
      const nonRoot = c.runAsNonRoot ?? pod.runAsNonRoot;
      const user = c.runAsUser ?? pod.runAsUser;
      if (numberOf(user) === 0) return [`${c.name}: run_as_user is 0`];
      if (nonRoot === true) return [];
      return [`${c.name}: run_as_non_root is ${show(nonRoot)}`];
    });
    return failing.length === 0 ? compliant() : nonCompliant(`containers that may run as uid 0: ${failing.join(", ")}; expected run_as_non_root true`);
  },
};
