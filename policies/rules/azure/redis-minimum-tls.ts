import { show } from "../../config-values";
import { STAGING_AND_PRODUCTION_ERROR, PolicyRule, compliant, nonCompliant } from "../../policy-rule";

/** TLS 1.2 at least: azurerm 5 defaults Redis to "1.2" and accepts nothing else (4.x defaulted to "1.0"). */
export const redisMinimumTls: PolicyRule = {
  name: "RedisMinimumTls",
  description: "TLS 1.0 and 1.1 have known weaknesses and are deprecated; a cache must not accept them",
  fix: "use PlatformRedisCache, which always requires TLS 1.2",
  resourceTypes: ["azurerm_redis_cache"],
  checkovIds: ["CKV_AZURE_148"],
  levels: STAGING_AND_PRODUCTION_ERROR,
  evaluate: (resource) => {
    const version = resource.config.minimum_tls_version;
    return version === undefined || version === "1.2"
      ? compliant()
      : nonCompliant(`minimum_tls_version is ${show(version)}, expected "1.2" (azurerm 5's default when it is left out)`);
  },
};
