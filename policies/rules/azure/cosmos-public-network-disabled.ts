import { show } from "../../config-values";
import { PRODUCTION_ERROR_STAGING_WARNING, PolicyRule, compliant, nonCompliant } from "../../policy-rule";

/** Cosmos DB reachable only through private endpoints. */
export const cosmosPublicNetworkDisabled: PolicyRule = {
  name: "CosmosPublicNetworkDisabled",
  description: "A database account on the public internet is one leaked key away from exfiltration",
  fix: "set CosmosMongoAccountProps.publicNetworkAccessEnabled: false and reach the account through a PrivateLinkEndpoint",
  resourceTypes: ["azurerm_cosmosdb_account"],
  checkovIds: ["CKV_AZURE_101"],
  levels: PRODUCTION_ERROR_STAGING_WARNING,
  evaluate: (resource) => {
    const enabled = resource.config.public_network_access_enabled;
    return enabled === false
      ? compliant()
      : nonCompliant(`public_network_access_enabled is ${show(enabled)} (the provider defaults to true), expected false`);
  },
};
