import { show } from "../../config-values";
import { STAGING_AND_PRODUCTION_ERROR, PolicyRule, compliant, nonCompliant } from "../../policy-rule";

/** No plain-text port 6379. */
export const redisNonTlsPortDisabled: PolicyRule = {
  name: "RedisNonTlsPortDisabled",
  description: "The non-TLS port sends the access key and every cached value in clear text",
  fix: "use PlatformRedisCache, which always disables the non-TLS port",
  resourceTypes: ["azurerm_redis_cache"],
  checkovIds: ["CKV_AZURE_91"],
  levels: STAGING_AND_PRODUCTION_ERROR,
  evaluate: (resource) => {
    // Disabled unless set: the provider's default is off.
    const enabled = resource.config.non_ssl_port_enabled;
    return enabled === undefined || enabled === false
      ? compliant()
      : nonCompliant(`non_ssl_port_enabled is ${show(enabled)}, expected false`);
  },
};
