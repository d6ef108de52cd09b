import { at, show } from "../../config-values";
import { PRODUCTION_ERROR_STAGING_WARNING, PolicyRule, compliant, nonCompliant, notApplicable } from "../../policy-rule";

/** Blob versioning, so an overwrite keeps the previous version. */
export const storageBlobVersioning: PolicyRule = {
  name: "StorageBlobVersioning",
  description: "Soft delete does not cover overwrites; versioning keeps every previous version of a blob",
  fix: "use PlatformBlobStorage, which always enables versioning",
  resourceTypes: ["azurerm_storage_account"],
  checkovIds: [],
  levels: PRODUCTION_ERROR_STAGING_WARNING,
  evaluate: (resource) => {
    if (resource.config.account_kind === "FileStorage") return notApplicable();
    const enabled = at(resource.config, "blob_properties")?.versioning_enabled;
    return enabled === true ? compliant() : nonCompliant(`blob_properties.versioning_enabled is ${show(enabled)}, expected true`);
  },
};
