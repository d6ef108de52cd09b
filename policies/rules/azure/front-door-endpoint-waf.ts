import { at, blocks } from "../../config-values";
import { PRODUCTION_ERROR_STAGING_WARNING, PolicyResource, PolicyRule, compliant, nonCompliant } from "../../policy-rule";

const SECURITY_POLICY = "azurerm_cdn_frontdoor_security_policy";

/** The domain ids a stack's security policies bind a firewall policy to. */
function protectedDomains(resources: readonly PolicyResource[]): Set<string> {
  const domains = new Set<string>();
  for (const policy of resources.filter((r) => r.type === SECURITY_POLICY)) {
    const firewall = at(policy.config, "security_policies", "firewall");
    if (!firewall || typeof firewall.cdn_frontdoor_firewall_policy_id !== "string") continue;
    for (const domain of blocks(at(firewall, "association")?.domain)) {
      if (typeof domain.cdn_frontdoor_domain_id === "string") domains.add(domain.cdn_frontdoor_domain_id);
    }
  }
  return domains;
}

/** Every Front Door endpoint and custom domain is bound to a WAF policy by a security policy of its stack. */
export const frontDoorEndpointWaf: PolicyRule = {
  name: "FrontDoorEndpointWaf",
  description: "A Front Door domain without a security policy passes every request to the origins with no WAF in front",
  fix: "use FrontDoorEdge, which binds its WAF policy to its endpoint and every custom domain",
  resourceTypes: ["azurerm_cdn_frontdoor_endpoint", "azurerm_cdn_frontdoor_custom_domain", SECURITY_POLICY],
  checkovIds: [],
  levels: PRODUCTION_ERROR_STAGING_WARNING,
  evaluate: (resource, context) => {
    // Security policies are read as the other resources' context.
    if (resource.type === SECURITY_POLICY) return compliant();
    const ref = `\${${resource.address}.id}`;
    return protectedDomains(context.resources).has(ref)
      ? compliant()
      : nonCompliant(`no ${SECURITY_POLICY} in the stack binds a firewall policy to ${ref}`);
  },
};
