import { show } from "../../config-values";
import { WORKLOAD_RESOURCE_TYPES, podSpecOf } from "../../pod-spec";
import { ALWAYS_ERROR, PolicyRule, compliant, nonCompliant, notApplicable } from "../../policy-rule";

/** No privileged containers and no setuid escalation. */
export const noPrivilegeEscalation: PolicyRule = {
  name: "NoPrivilegeEscalation",
  description: "Privileged containers and setuid binaries turn any code execution into control of the node",
  fix: "use Workload, which forbids privilege escalation; in your own pod spec set allow_privilege_escalation = false and privileged = false",
  resourceTypes: WORKLOAD_RESOURCE_TYPES,
  checkovIds: ["CKV_K8S_20", "CKV_K8S_16"],
  levels: ALWAYS_ERROR,
  evaluate: (resource) => {
    const pod = podSpecOf(resource);
    if (!pod) return notApplicable();
    const failing = pod.containers.flatMap((c) => [
      // Kubernetes allows escalation unless it is explicitly turned off.
      ...(c.allowPrivilegeEscalation === false ? [] : [`${c.name}: allow_privilege_escalation is ${show(c.allowPrivilegeEscalation)}`]),
      ...(c.privileged === true ? [`${c.name}: privileged is true`] : []),
    ]);
    return failing.length === 0 ? compliant() : nonCompliant(`${failing.join(", ")}; expected allow_privilege_escalation false and no privileged containers`);
  },
};
