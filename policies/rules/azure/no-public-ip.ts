import { show } from "../../config-values";
import { PRODUCTION_ONLY_ERROR, PolicyRule, nonCompliant } from "../../policy-rule";

/**
 * No public IP address in production: the way in is Front Door (WAF) over Private Link to internal
 * load balancers. (The outbound address AKS gives its own load balancer is not a Terraform resource.)
 */
export const noPublicIp: PolicyRule = {
  name: "NoPublicIp",
  description: "A public address in production is a way in that does not pass the edge's WAF",
  fix: "use FrontDoorEdge, which reaches each cluster through Private Link with no public IP",
  resourceTypes: ["azurerm_public_ip"],
  checkovIds: [],
  levels: PRODUCTION_ONLY_ERROR,
  evaluate: (resource) => nonCompliant(`public IP ${show(resource.config.name)}: production takes traffic only through Front Door and Private Link`),
};
