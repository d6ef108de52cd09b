import { at, show } from "../../config-values";
import { PRODUCTION_ERROR_STAGING_WARNING, PolicyRule, compliant, nonCompliant } from "../../policy-rule";

/** The Key Vault secrets provider with rotation, so a rotated secret reaches the pods. */
export const aksSecretRotation: PolicyRule = {
  name: "AksSecretRotation",
  description: "Without rotation, pods keep a secret that was rotated in Key Vault until they restart, so a leaked secret stays valid",
  fix: "use AlwaysOnCluster, which always enables rotation (secretRotationInterval sets how often, default \"2m\")",
  resourceTypes: ["azurerm_kubernetes_cluster"],
  checkovIds: ["CKV_AZURE_172"],
  levels: PRODUCTION_ERROR_STAGING_WARNING,
  evaluate: (resource) => {
    const provider = at(resource.config, "key_vault_secrets_provider");
    if (!provider) return nonCompliant("key_vault_secrets_provider is not set: no Secrets Store CSI driver");
    return provider.secret_rotation_enabled === true
      ? compliant()
      : nonCompliant(`key_vault_secrets_provider.secret_rotation_enabled is ${show(provider.secret_rotation_enabled)}, expected true`);
  },
};
