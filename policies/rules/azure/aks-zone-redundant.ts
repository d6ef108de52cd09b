import { at, block, strings } from "../../config-values";
import { PRODUCTION_ONLY_ERROR, PolicyRule, compliant, nonCompliant } from "../../policy-rule";

/** Node pools spread over at least two availability zones. */
export const aksZoneRedundant: PolicyRule = {
  name: "AksZoneRedundant",
  description: "A pool pinned to one zone (or none) goes down with that zone, taking the SLA with it",
  fix: "list at least two zones in AlwaysOnClusterProps.zones and SpotAutoscalePoolProps.zones (both default to [\"1\", \"2\", \"3\"])",
  resourceTypes: ["azurerm_kubernetes_cluster", "azurerm_kubernetes_cluster_node_pool"],
  checkovIds: [],
  levels: PRODUCTION_ONLY_ERROR,
  evaluate: (resource) => {
    const pool = resource.type === "azurerm_kubernetes_cluster" ? at(resource.config, "default_node_pool") : block(resource.config);
    const zones = strings(pool?.zones);
    const where = resource.type === "azurerm_kubernetes_cluster" ? "default_node_pool.zones" : "zones";
    if (zones.length >= 2) return compliant();
    return nonCompliant(`${where} is ${JSON.stringify(zones)}, expected at least two availability zones`);
  },
};
