import { show } from "../../config-values";
import { STAGING_AND_PRODUCTION_ERROR, PolicyRule, compliant, nonCompliant } from "../../policy-rule";

/** No container may opt into anonymous public read; azurerm 5 forbids it unless told otherwise (4.x allowed it). */
export const storageNoPublicBlobAccess: PolicyRule = {
  name: "StorageNoPublicBlobAccess",
  description: "An account that allows public containers is one container setting away from serving its blobs to anyone",
  fix: "use PlatformBlobStorage, which never allows public containers",
  resourceTypes: ["azurerm_storage_account"],
  checkovIds: ["CKV_AZURE_190"],
  levels: STAGING_AND_PRODUCTION_ERROR,
  evaluate: (resource) => {
    const allowed = resource.config.allow_nested_items_to_be_public;
    // Left out is false in azurerm 5 (its upgrade guide: the default moved from true).
    return allowed === false || allowed === undefined
      ? compliant()
      : nonCompliant(`allow_nested_items_to_be_public is ${show(allowed)}, expected false (azurerm 5's default when it is left out)`);
  },
};
