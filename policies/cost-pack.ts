import { PolicyPack } from "./policy-pack";
import { PolicyProfile } from "./policy-profile";
import { COST_PACK_RULES, PolicyPackName } from "./rule-catalog";

/** Cost guardrails: capped spot prices, bounded autoscalers, a quota per namespace. */
export class CostPack extends PolicyPack {
  constructor(profile: PolicyProfile) {
    super(PolicyPackName.COST_PACK, COST_PACK_RULES, profile);
  }
}
