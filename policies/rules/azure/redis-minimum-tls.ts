import { show } from "../../config-values";
import { STAGING_AND_PRODUCTION_ERROR, PolicyRule, compliant, nonCompliant } from "../../policy-rule";

/** TLS 1.2 at least; azurerm 4.x defaults Redis to 1.0 when the attribute is left out. */
export const redisMinimumTls: PolicyRule = {
  name: "RedisMinimumTls",
  description: "TLS 1.0 and 1.1 have known weaknesses and are deprecated; azurerm 4.x accepts them on Redis unless minimum_tls_version says otherwise",
  fix: "use PlatformRedisCache, which always requires TLS 1.2",
  resourceTypes: ["azurerm_redis_cache"],
  checkovIds: ["CKV_AZURE_148"],
  levels: STAGING_AND_PRODUCTION_ERROR,
  evaluate: (resource) => {
    const version = resource.config.minimum_tls_version;
    return version === "1.2"
      ? compliant()
      : nonCompliant(`minimum_tls_version is ${show(version)} (azurerm 4.x defaults to "1.0"), expected "1.2"`);
  },
};
