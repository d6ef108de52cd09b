import { at, numberOf, show } from "../../config-values";
import { PRODUCTION_ERROR_STAGING_WARNING, PolicyRule, compliant, nonCompliant, notApplicable } from "../../policy-rule";

/** Deleted blobs and containers stay recoverable for a while. */
export const storageBlobSoftDelete: PolicyRule = {
  name: "StorageBlobSoftDelete",
  description: "Without soft delete, a deleted or overwritten blob (a mistake, a compromised key) is gone at once",
  fix: "use PlatformBlobStorage, which always keeps deleted blobs (softDeleteRetentionDays sets how long)",
  resourceTypes: ["azurerm_storage_account"],
  checkovIds: ["CKV2_AZURE_38"],
  levels: PRODUCTION_ERROR_STAGING_WARNING,
  evaluate: (resource) => {
    // File-only accounts have no blob service to protect.
    if (resource.config.account_kind === "FileStorage") return notApplicable();
    const blob = at(resource.config, "blob_properties");
    const policy = at(blob, "delete_retention_policy");
    if (!policy) return nonCompliant("blob_properties.delete_retention_policy is not set: deleted blobs are not kept");
    const days = policy.days;
    // The policy block without days keeps deleted blobs 7 days.
    if (days !== undefined && !((numberOf(days) ?? 0) >= 1)) {
      return nonCompliant(`blob_properties.delete_retention_policy.days is ${show(days)}, expected at least 1`);
    }
    return compliant();
  },
};
