import { show } from "../../config-values";
import { PRODUCTION_ERROR_STAGING_WARNING, PolicyRule, compliant, nonCompliant } from "../../policy-rule";

/** Purge protection: a deleted vault and its secrets stay recoverable for the retention period. */
export const keyVaultPurgeProtection: PolicyRule = {
  name: "KeyVaultPurgeProtection",
  description: "Without purge protection a deleted vault can be purged at once, and every key it held (and the data they encrypt) with it",
  fix: "use PlatformKeyVault, which always enables purge protection",
  resourceTypes: ["azurerm_key_vault"],
  checkovIds: ["CKV_AZURE_42", "CKV_AZURE_110"],
  levels: PRODUCTION_ERROR_STAGING_WARNING,
  evaluate: (resource) => {
    const enabled = resource.config.purge_protection_enabled;
    return enabled === true ? compliant() : nonCompliant(`purge_protection_enabled is ${show(enabled)}, expected true`);
  },
};
