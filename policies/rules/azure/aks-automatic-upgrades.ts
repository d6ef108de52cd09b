import { show } from "../../config-values";
import { PRODUCTION_ERROR_STAGING_WARNING, PolicyRule, compliant, nonCompliant } from "../../policy-rule";

const CHANNELS = ["patch", "stable", "rapid", "node-image"];

/** An automatic upgrade channel, so security patches land without a ticket. */
export const aksAutomaticUpgrades: PolicyRule = {
  name: "AksAutomaticUpgrades",
  description: "Clusters left on the version they were created with fall out of support and miss Kubernetes security patches",
  fix: "set AlwaysOnClusterProps.automaticUpgradeChannel to UpgradeChannel.PATCH (the default) or STABLE",
  resourceTypes: ["azurerm_kubernetes_cluster"],
  checkovIds: ["CKV_AZURE_171"],
  levels: PRODUCTION_ERROR_STAGING_WARNING,
  evaluate: (resource) => {
    const channel = resource.config.automatic_upgrade_channel;
    return typeof channel === "string" && CHANNELS.includes(channel)
      ? compliant()
      : nonCompliant(`automatic_upgrade_channel is ${show(channel)}, expected one of ${CHANNELS.join(", ")}`);
  },
};
