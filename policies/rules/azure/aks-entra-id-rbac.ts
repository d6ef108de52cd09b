import { at, show } from "../../config-values";
import { PolicyRule, STAGING_AND_PRODUCTION_ERROR, compliant, nonCompliant } from "../../policy-rule";

/** Kubernetes RBAC on, with Entra ID identities and Azure RBAC deciding who may do what. */
export const aksEntraIdRbac: PolicyRule = {
  name: "AksEntraIdRbac",
  description: "Cluster access should be granted to Entra ID identities through Azure RBAC, so it is audited and revoked in one place",
  fix: "use AlwaysOnCluster, which always integrates Entra ID with Azure RBAC (grant access with adminGroupObjectIds or Azure role assignments)",
  resourceTypes: ["azurerm_kubernetes_cluster"],
  // CKV_AZURE_5 checks Kubernetes RBAC only; this rule also requires Entra ID with Azure RBAC.
  checkovIds: ["CKV_AZURE_5"],
  levels: STAGING_AND_PRODUCTION_ERROR,
  evaluate: (resource) => {
    const rbac = resource.config.role_based_access_control_enabled;
    // The provider enables Kubernetes RBAC unless told otherwise.
    if (rbac !== undefined && rbac !== true) return nonCompliant(`role_based_access_control_enabled is ${show(rbac)}, expected true`);
    const entra = at(resource.config, "azure_active_directory_role_based_access_control");
    if (!entra) return nonCompliant("azure_active_directory_role_based_access_control is not set: no Entra ID integration");
    if (entra.azure_rbac_enabled !== true) {
      return nonCompliant(`azure_active_directory_role_based_access_control.azure_rbac_enabled is ${show(entra.azure_rbac_enabled)}, expected true`);
    }
    return compliant();
  },
};
