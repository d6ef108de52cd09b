import { show } from "../../config-values";
import { STAGING_AND_PRODUCTION_ERROR, PolicyRule, compliant, nonCompliant } from "../../policy-rule";

/** No container may opt into anonymous public read; azurerm 4.x allows it unless told otherwise. */
export const storageNoPublicBlobAccess: PolicyRule = {
  name: "StorageNoPublicBlobAccess",
  description: "An account that allows public containers is one container setting away from serving its blobs to anyone",
  fix: "use PlatformBlobStorage, which never allows public containers",
  resourceTypes: ["azurerm_storage_account"],
  checkovIds: ["CKV_AZURE_190"],
  levels: STAGING_AND_PRODUCTION_ERROR,
  evaluate: (resource) => {
    const allowed = resource.config.allow_nested_items_to_be_public;
    return allowed === false
      ? compliant()
      : nonCompliant(`allow_nested_items_to_be_public is ${show(allowed)} (azurerm 4.x defaults to true), expected false`);
  },
};
