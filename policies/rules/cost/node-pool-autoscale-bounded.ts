import { at, block, booleanOf, numberOf, show } from "../../config-values";
import { PRODUCTION_ERROR_STAGING_WARNING, PolicyRule, compliant, nonCompliant, notApplicable } from "../../policy-rule";

/** Autoscaled node pools stop at the tier's largest pool. */
export const nodePoolAutoscaleBounded: PolicyRule = {
  name: "NodePoolAutoscaleBounded",
  description: "An autoscaler maximum above the tier's cap lets a load spike (or a scheduling bug) buy nodes the budget never planned",
  fix: "set SpotAutoscalePoolProps.maxCount at most the profile's PolicyProfileOptions.maxNodesPerPool",
  resourceTypes: ["azurerm_kubernetes_cluster", "azurerm_kubernetes_cluster_node_pool"],
  checkovIds: [],
  levels: PRODUCTION_ERROR_STAGING_WARNING,
  evaluate: (resource, context) => {
    const pool = resource.type === "azurerm_kubernetes_cluster" ? at(resource.config, "default_node_pool") : block(resource.config);
    if (booleanOf(pool?.auto_scaling_enabled) !== true) return notApplicable();
    const where = resource.type === "azurerm_kubernetes_cluster" ? "default_node_pool.max_count" : "max_count";
    const max = numberOf(pool?.max_count);
    if (max === undefined) return nonCompliant(`${where} is ${show(pool?.max_count)}, expected a literal maximum`);
    const cap = context.maxNodesPerPool;
    return cap === undefined || max <= cap ? compliant() : nonCompliant(`${where} is ${max}, above the tier's cap of ${cap} nodes per pool`);
  },
};
