import { at, show } from "../../config-values";
import { PRODUCTION_ERROR_STAGING_WARNING, PolicyRule, compliant, nonCompliant } from "../../policy-rule";

/** The vault firewall denies by default; allowed networks are listed. */
export const keyVaultNetworkDefaultDeny: PolicyRule = {
  name: "KeyVaultNetworkDefaultDeny",
  description: "A vault that accepts any network leaves stolen credentials as the only barrier to its secrets",
  fix: "set PlatformKeyVaultProps.publicNetworkAccessEnabled: false, or allowedIpRanges to the addresses that need the vault",
  resourceTypes: ["azurerm_key_vault"],
  checkovIds: ["CKV_AZURE_109"],
  levels: PRODUCTION_ERROR_STAGING_WARNING,
  evaluate: (resource) => {
    const action = at(resource.config, "network_acls")?.default_action;
    return action === "Deny" ? compliant() : nonCompliant(`network_acls.default_action is ${show(action)}, expected "Deny"`);
  },
};
