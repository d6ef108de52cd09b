import { at } from "../../config-values";
import { PRODUCTION_ONLY_ERROR, PolicyRule, compliant, nonCompliant } from "../../policy-rule";

/** Microsoft Defender for Containers: runtime threat detection on the nodes. */
export const aksDefenderEnabled: PolicyRule = {
  name: "AksDefenderEnabled",
  description: "Microsoft Defender for Containers detects runtime threats (crypto-miners, reverse shells) that admission policies cannot see",
  fix: "set AlwaysOnClusterProps.logAnalyticsWorkspaceId (Defender is then on unless defenderEnabled is false)",
  resourceTypes: ["azurerm_kubernetes_cluster"],
  // Checkov checks Defender for Kubernetes (CKV_AZURE_85) on the subscription pricing resource, not the cluster.
  checkovIds: [],
  levels: PRODUCTION_ONLY_ERROR,
  evaluate: (resource) => {
    const workspace = at(resource.config, "microsoft_defender")?.log_analytics_workspace_id;
    return typeof workspace === "string" && workspace !== ""
      ? compliant()
      : nonCompliant("microsoft_defender is not set: no Defender for Containers on the cluster");
  },
};
