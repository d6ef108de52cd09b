import { show } from "../../config-values";
import { WORKLOAD_RESOURCE_TYPES, podSpecOf } from "../../pod-spec";
import { DEV_WARNING_ELSE_ERROR, PolicyRule, compliant, nonCompliant, notApplicable } from "../../policy-rule";

/** Containers cannot write to their image's filesystem; writable paths are explicit volumes. */
export const readOnlyRootFilesystem: PolicyRule = {
  name: "ReadOnlyRootFilesystem",
  description: "A writable image filesystem lets an intruder drop and run tools, and hides state that should live in a volume",
  fix: "use Workload, which mounts the root filesystem read-only (WorkloadProps.writablePaths lists the emptyDir paths the app writes to)",
  resourceTypes: WORKLOAD_RESOURCE_TYPES,
  checkovIds: ["CKV_K8S_22"],
  levels: DEV_WARNING_ELSE_ERROR,
  evaluate: (resource) => {
    const pod = podSpecOf(resource);
    if (!pod) return notApplicable();
    const failing = pod.containers
      .filter((c) => c.readOnlyRootFilesystem !== true)
      .map((c) => `${c.name} (${show(c.readOnlyRootFilesystem)})`);
    return failing.length === 0 ? compliant() : nonCompliant(`read_only_root_filesystem is not true for: ${failing.join(", ")}`);
  },
};
