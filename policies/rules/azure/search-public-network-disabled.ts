import { show } from "../../config-values";
import { PRODUCTION_ERROR_STAGING_WARNING, PolicyRule, compliant, nonCompliant } from "../../policy-rule";

/** AI Search reachable only through private endpoints. */
export const searchPublicNetworkDisabled: PolicyRule = {
  name: "SearchPublicNetworkDisabled",
  description: "A search service on the public internet serves its indexes to anyone holding a query key",
  fix: "set PlatformSearchServiceProps.publicNetworkAccessEnabled: false and reach the service through a PrivateLinkEndpoint",
  resourceTypes: ["azurerm_search_service"],
  checkovIds: ["CKV_AZURE_124"],
  levels: PRODUCTION_ERROR_STAGING_WARNING,
  evaluate: (resource) => {
    const enabled = resource.config.public_network_access_enabled;
    return enabled === false
      ? compliant()
      : nonCompliant(`public_network_access_enabled is ${show(enabled)} (the provider defaults to true), expected false`);
  },
};
