import { show } from "../../config-values";
import { STAGING_AND_PRODUCTION_ERROR, PolicyRule, compliant, nonCompliant } from "../../policy-rule";

/** Storage accepts HTTPS only. */
export const storageHttpsOnly: PolicyRule = {
  name: "StorageHttpsOnly",
  description: "Plain HTTP to a storage account exposes shared-access signatures and data in transit",
  fix: "use PlatformBlobStorage, which always refuses plain HTTP",
  resourceTypes: ["azurerm_storage_account"],
  checkovIds: ["CKV_AZURE_3"],
  levels: STAGING_AND_PRODUCTION_ERROR,
  evaluate: (resource) => {
    // The provider forces HTTPS unless told otherwise.
    const https = resource.config.https_traffic_only_enabled;
    return https === undefined || https === true ? compliant() : nonCompliant(`https_traffic_only_enabled is ${show(https)}, expected true`);
  },
};
