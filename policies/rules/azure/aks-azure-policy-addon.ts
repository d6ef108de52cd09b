import { show } from "../../config-values";
import { PRODUCTION_ERROR_STAGING_WARNING, PolicyRule, compliant, nonCompliant } from "../../policy-rule";

/** The Azure Policy add-on (Gatekeeper), so admission-time policy applies to what kubectl sends too. */
export const aksAzurePolicyAddon: PolicyRule = {
  name: "AksAzurePolicyAddon",
  description: "The Azure Policy add-on enforces pod security at admission, also for objects applied outside Terraform",
  fix: "leave AlwaysOnClusterProps.azurePolicyEnabled at its default, true",
  resourceTypes: ["azurerm_kubernetes_cluster"],
  checkovIds: ["CKV_AZURE_116"],
  levels: PRODUCTION_ERROR_STAGING_WARNING,
  evaluate: (resource) => {
    const enabled = resource.config.azure_policy_enabled;
    return enabled === true ? compliant() : nonCompliant(`azure_policy_enabled is ${show(enabled)}, expected true`);
  },
};
