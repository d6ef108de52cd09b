import { WORKLOAD_RESOURCE_TYPES, podSpecOf } from "../../pod-spec";
import { ALWAYS_ERROR, PolicyRule, compliant, nonCompliant, notApplicable } from "../../policy-rule";

/** No host network, PID or IPC namespace, and no hostPath volumes. */
export const noHostNamespaces: PolicyRule = {
  name: "NoHostNamespaces",
  description: "Host namespaces and hostPath mounts give a pod the node's network, processes and files, past every NetworkPolicy",
  fix: "use Workload, which never shares the host's network, PID or IPC namespace; remove host_network, host_pid and host_ipc from your own pod spec",
  resourceTypes: WORKLOAD_RESOURCE_TYPES,
  checkovIds: ["CKV_K8S_19", "CKV_K8S_17", "CKV_K8S_18"],
  levels: ALWAYS_ERROR,
  evaluate: (resource) => {
    const pod = podSpecOf(resource);
    if (!pod) return notApplicable();
    const failing = [
      ...(pod.hostNetwork === true ? ["host_network is true"] : []),
      ...(pod.hostPid === true ? ["host_pid is true"] : []),
      ...(pod.hostIpc === true ? ["host_ipc is true"] : []),
      ...pod.hostPathVolumes.map((name) => `volume ${JSON.stringify(name)} is a host_path`),
    ];
    return failing.length === 0 ? compliant() : nonCompliant(failing.join(", "));
  },
};
