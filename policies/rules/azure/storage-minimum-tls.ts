import { show } from "../../config-values";
import { STAGING_AND_PRODUCTION_ERROR, PolicyRule, compliant, nonCompliant } from "../../policy-rule";

const ACCEPTED = ["TLS1_2", "TLS1_3"];

/** TLS 1.2 at least. */
export const storageMinimumTls: PolicyRule = {
  name: "StorageMinimumTls",
  description: "TLS 1.0 and 1.1 have known weaknesses and are deprecated",
  fix: "use PlatformBlobStorage, which always requires TLS 1.2",
  resourceTypes: ["azurerm_storage_account"],
  checkovIds: ["CKV_AZURE_44"],
  levels: STAGING_AND_PRODUCTION_ERROR,
  evaluate: (resource) => {
    // The provider creates accounts with TLS1_2 unless told otherwise.
    const version = resource.config.min_tls_version;
    return version === undefined || (typeof version === "string" && ACCEPTED.includes(version))
      ? compliant()
      : nonCompliant(`min_tls_version is ${show(version)}, expected "TLS1_2" or "TLS1_3"`);
  },
};
