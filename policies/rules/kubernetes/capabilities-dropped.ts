import { WORKLOAD_RESOURCE_TYPES, podSpecOf } from "../../pod-spec";
import { DEV_WARNING_ELSE_ERROR, PolicyRule, compliant, nonCompliant, notApplicable } from "../../policy-rule";

/** The one capability Pod Security "restricted" lets a container add back. */
const ALLOWED_ADD = ["NET_BIND_SERVICE"];

/** Every container drops all Linux capabilities and adds none back but NET_BIND_SERVICE. */
export const capabilitiesDropped: PolicyRule = {
  name: "CapabilitiesDropped",
  description: "The default capability set includes NET_RAW and others an application never needs and an intruder can use",
  fix: "use Workload, which drops every capability; in your own pod spec set security_context.capabilities.drop = [\"ALL\"]",
  resourceTypes: WORKLOAD_RESOURCE_TYPES,
  checkovIds: ["CKV_K8S_37", "CKV_K8S_28"],
  levels: DEV_WARNING_ELSE_ERROR,
  evaluate: (resource) => {
    const pod = podSpecOf(resource);
    if (!pod) return notApplicable();
    const failing = pod.containers.flatMap((c) => {
      const added = c.capabilitiesAdd.filter((cap) => !ALLOWED_ADD.includes(cap));
      return [
        ...(c.capabilitiesDrop.some((cap) => cap.toUpperCase() === "ALL") ? [] : [`${c.name}: capabilities.drop lacks "ALL"`]),
        ...(added.length > 0 ? [`${c.name}: capabilities.add ${JSON.stringify(added)}`] : []),
      ];
    });
    return failing.length === 0 ? compliant() : nonCompliant(failing.join(", "));
  },
};
