import { show } from "../../config-values";
import { STAGING_AND_PRODUCTION_ERROR, PolicyRule, compliant, nonCompliant } from "../../policy-rule";

/** Azure RBAC for the data plane instead of vault access policies. */
export const keyVaultRbacAuthorization: PolicyRule = {
  name: "KeyVaultRbacAuthorization",
  description: "Access policies grant vault-wide rights outside Azure RBAC, invisible to access reviews and Privileged Identity Management",
  fix: "use PlatformKeyVault, which always authorizes through Azure RBAC (grant with role assignments, e.g. secretsOfficerPrincipalId)",
  resourceTypes: ["azurerm_key_vault"],
  checkovIds: [],
  levels: STAGING_AND_PRODUCTION_ERROR,
  evaluate: (resource) => {
    // azurerm 5 requires the attribute (4.x's enable_rbac_authorization is gone).
    const current = resource.config.rbac_authorization_enabled;
    return current === true
      ? compliant()
      : nonCompliant(`rbac_authorization_enabled is ${show(current)}, expected true`);
  },
};
