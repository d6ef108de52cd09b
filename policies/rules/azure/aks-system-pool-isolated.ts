import { at, show } from "../../config-values";
import { PRODUCTION_ONLY_ERROR, PolicyRule, compliant, nonCompliant } from "../../policy-rule";

/** The system pool runs only critical add-ons, so application load cannot starve CoreDNS and friends. */
export const aksSystemPoolIsolated: PolicyRule = {
  name: "AksSystemPoolIsolated",
  description: "Application pods on the system pool compete with CoreDNS, konnectivity and metrics-server, and a noisy workload can starve the cluster's own add-ons",
  fix: "set AlwaysOnClusterProps.systemPool (e.g. {}: three Standard_D4s_v5 nodes for add-ons only; the always-on pool becomes a user pool)",
  resourceTypes: ["azurerm_kubernetes_cluster"],
  checkovIds: ["CKV_AZURE_232"],
  levels: PRODUCTION_ONLY_ERROR,
  evaluate: (resource) => {
    const only = at(resource.config, "default_node_pool")?.only_critical_addons_enabled;
    return only === true
      ? compliant()
      : nonCompliant(`default_node_pool.only_critical_addons_enabled is ${show(only)}: application pods may run on the system pool`);
  },
};
