import { blocks, show, strings } from "../../config-values";
import { PRODUCTION_ERROR_STAGING_WARNING, PolicyRule, compliant, nonCompliant } from "../../policy-rule";

/**
 * Cosmos DB reachable only through private endpoints, or, with its public endpoint on, only from
 * the subnets of its virtual network filter (service endpoints; no IP range admitted).
 */
export const cosmosPublicNetworkDisabled: PolicyRule = {
  name: "CosmosPublicNetworkDisabled",
  description: "A database account open to the public internet is one leaked key away from exfiltration",
  fix:
    "leave CosmosMongoAccountProps.publicNetworkAccessEnabled at its default false and reach the account through private endpoints (ManagedDataLayerProps.privateNetwork), or admit only your subnets (ManagedDataLayerProps.serviceEndpointSubnetIds, CosmosMongoAccountProps.allowedSubnetIds)",
  resourceTypes: ["azurerm_cosmosdb_account"],
  checkovIds: ["CKV_AZURE_101"],
  levels: PRODUCTION_ERROR_STAGING_WARNING,
  evaluate: (resource) => {
    const config = resource.config;
    const enabled = config.public_network_access_enabled;
    if (enabled === false) return compliant();
    const filtered = config.is_virtual_network_filter_enabled === true;
    const subnets = blocks(config.virtual_network_rule).length;
    const ipRanges = strings(config.ip_range_filter);
    if (filtered && subnets > 0 && ipRanges.length === 0) return compliant();
    const publicAccess = `public_network_access_enabled is ${show(enabled)} (the provider defaults to true)`;
    if (!filtered || subnets === 0) {
      return nonCompliant(`${publicAccess} without a virtual network filter (is_virtual_network_filter_enabled with a virtual_network_rule): every address may connect`);
    }
    return nonCompliant(`${publicAccess} and ip_range_filter admits ${ipRanges.join(", ")} besides the virtual network filter`);
  },
};
