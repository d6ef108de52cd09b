import { at } from "../../config-values";
import { PRODUCTION_ONLY_ERROR, PolicyRule, compliant, nonCompliant } from "../../policy-rule";

/** Container Insights into Log Analytics: without logs an incident has no record. */
export const aksMonitoringEnabled: PolicyRule = {
  name: "AksMonitoringEnabled",
  description: "Container Insights sends node and container logs to Log Analytics, the record an incident review starts from",
  fix: "set AlwaysOnClusterProps.logAnalyticsWorkspaceId, e.g. a MonitoringWorkspace's workspaceId",
  resourceTypes: ["azurerm_kubernetes_cluster"],
  checkovIds: ["CKV_AZURE_4"],
  levels: PRODUCTION_ONLY_ERROR,
  evaluate: (resource) => {
    const workspace = at(resource.config, "oms_agent")?.log_analytics_workspace_id;
    return typeof workspace === "string" && workspace !== ""
      ? compliant()
      : nonCompliant("oms_agent.log_analytics_workspace_id is not set: no Container Insights");
  },
};
