import { show } from "../../config-values";
import { PRODUCTION_ERROR_STAGING_WARNING, PolicyRule, compliant, nonCompliant } from "../../policy-rule";

/** Redis reachable only through private endpoints or its virtual network. */
export const redisPublicNetworkDisabled: PolicyRule = {
  name: "RedisPublicNetworkDisabled",
  description: "A cache on the public internet is open to anyone holding its access key",
  fix: "set PlatformRedisCacheProps.publicNetworkAccessEnabled: false and reach the cache through a PrivateLinkEndpoint",
  resourceTypes: ["azurerm_redis_cache"],
  checkovIds: ["CKV_AZURE_89"],
  levels: PRODUCTION_ERROR_STAGING_WARNING,
  evaluate: (resource) => {
    const enabled = resource.config.public_network_access_enabled;
    return enabled === false
      ? compliant()
      : nonCompliant(`public_network_access_enabled is ${show(enabled)} (the provider defaults to true), expected false`);
  },
};
