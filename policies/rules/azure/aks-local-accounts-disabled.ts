import { show } from "../../config-values";
import { PolicyRule, STAGING_AND_PRODUCTION_ERROR, compliant, nonCompliant } from "../../policy-rule";

/** No local accounts: their static admin credentials bypass Entra ID. */
export const aksLocalAccountsDisabled: PolicyRule = {
  name: "AksLocalAccountsDisabled",
  description: "Local accounts hand out static cluster-admin credentials that bypass Entra ID and cannot be traced to a person",
  fix: "use AlwaysOnCluster, which always disables local accounts",
  resourceTypes: ["azurerm_kubernetes_cluster"],
  checkovIds: ["CKV_AZURE_141"],
  levels: STAGING_AND_PRODUCTION_ERROR,
  evaluate: (resource) => {
    const disabled = resource.config.local_account_disabled;
    return disabled === true ? compliant() : nonCompliant(`local_account_disabled is ${show(disabled)}, expected true`);
  },
};
