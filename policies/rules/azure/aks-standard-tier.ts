import { show } from "../../config-values";
import { PRODUCTION_ONLY_ERROR, PolicyRule, compliant, nonCompliant } from "../../policy-rule";

const PAID = ["Standard", "Premium"];

/** A paid control-plane tier, the only one with a financially backed uptime SLA. */
export const aksStandardTier: PolicyRule = {
  name: "AksStandardTier",
  description: "The Free tier has no uptime SLA for the API server, which a production SLA cannot rest on",
  fix: "leave AlwaysOnClusterProps.skuTier at its default, AksSkuTier.STANDARD",
  resourceTypes: ["azurerm_kubernetes_cluster"],
  checkovIds: ["CKV_AZURE_170"],
  levels: PRODUCTION_ONLY_ERROR,
  evaluate: (resource) => {
    const tier = resource.config.sku_tier;
    return typeof tier === "string" && PAID.includes(tier)
      ? compliant()
      : nonCompliant(`sku_tier is ${show(tier)} (the provider defaults to Free), expected Standard or Premium`);
  },
};
