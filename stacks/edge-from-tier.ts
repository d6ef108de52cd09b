import { FrontDoorEdgeProps, FrontDoorWafMode } from "../constructs/front-door-edge";
import { EdgeSpec, WafMode } from "../tiers/tier-spec";

const WAF_MODES: Readonly<Record<WafMode, FrontDoorWafMode>> = {
  [WafMode.PREVENTION]: FrontDoorWafMode.PREVENTION,
  [WafMode.DETECTION]: FrontDoorWafMode.DETECTION,
};

/** The Front Door edge of a tier: Premium, its WAF limits from the tier. */
export function frontDoorEdgeProps(edge: EdgeSpec, resourceGroupName: string, name: string): FrontDoorEdgeProps {
  return {
    resourceGroupName,
    name,
    waf: { mode: WAF_MODES[edge.wafMode], rateLimitPerMinute: edge.wafRateLimitPerMinute, maxRequestBodyKiB: edge.maxRequestBodyKiB },
  };
}
