import { FrontDoorEdgeProps, FrontDoorWafMode } from "../constructs/front-door-edge";
import { EdgeSpec, WafMode } from "../tiers/tier-spec";

const WAF_MODES: Readonly<Record<WafMode, FrontDoorWafMode>> = {
  [WafMode.PREVENTION]: FrontDoorWafMode.PREVENTION,
  [WafMode.DETECTION]: FrontDoorWafMode.DETECTION,
};

/** A custom domain's resource name from its host name (`api.example.org` → `api-example-org`). */
export function customDomainName(hostName: string): string {
  return hostName.replace(/\./g, "-");
}

/** The Front Door edge of a tier: Premium, its WAF limits from the tier, the app's custom domains. */
export function frontDoorEdgeProps(edge: EdgeSpec, resourceGroupName: string, name: string, customDomainHosts: readonly string[] = []): FrontDoorEdgeProps {
  return {
    resourceGroupName,
    name,
    customDomains: customDomainHosts.map((hostName) => ({ name: customDomainName(hostName), hostName })),
    waf: { mode: WAF_MODES[edge.wafMode], rateLimitPerMinute: edge.wafRateLimitPerMinute, maxRequestBodyKiB: edge.maxRequestBodyKiB },
  };
}
