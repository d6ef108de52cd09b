import { blocks, booleanOf, show } from "../../config-values";
import { PRODUCTION_ERROR_STAGING_WARNING, PolicyRule, compliant, nonCompliant } from "../../policy-rule";

/** The managed rule set a Front Door WAF must run, at this version or later. */
export const REQUIRED_DEFAULT_RULE_SET = { type: "Microsoft_DefaultRuleSet", minimumVersion: 2.0 };

/**
 * A Front Door WAF policy that blocks: enabled, in Prevention mode, with Microsoft's Default Rule
 * Set 2.x (anomaly scoring) set to Block. Detection mode only logs what it would have stopped.
 */
export const frontDoorWafPrevention: PolicyRule = {
  name: "FrontDoorWafPrevention",
  description: "A WAF in Detection mode, disabled, or without the managed Default Rule Set lets every attack it recognizes through to the origins",
  fix: "use FrontDoorEdge, which runs its WAF in Prevention with Default Rule Set 2.1 blocking unless FrontDoorEdgeProps.waf.mode says otherwise",
  resourceTypes: ["azurerm_cdn_frontdoor_firewall_policy"],
  // Checkov's Front Door WAF checks (CKV_AZURE_123, _133) cover only the classic azurerm_frontdoor_firewall_policy.
  checkovIds: [],
  levels: PRODUCTION_ERROR_STAGING_WARNING,
  evaluate: (resource) => {
    const c = resource.config;
    if (booleanOf(c.enabled) === false) return nonCompliant("enabled is false, expected true");
    if (c.mode !== "Prevention") return nonCompliant(`mode is ${show(c.mode)}, expected "Prevention"`);
    const drs = blocks(c.managed_rule).find((r) => r.type === REQUIRED_DEFAULT_RULE_SET.type);
    if (!drs) {
      return nonCompliant(`no managed_rule of type "${REQUIRED_DEFAULT_RULE_SET.type}" (sku_name ${show(c.sku_name)}; managed rule sets need Premium_AzureFrontDoor)`);
    }
    const version = Number(drs.version);
    if (!(version >= REQUIRED_DEFAULT_RULE_SET.minimumVersion)) {
      return nonCompliant(`${REQUIRED_DEFAULT_RULE_SET.type} version is ${show(drs.version)}, expected 2.0 or later (anomaly scoring)`);
    }
    if (drs.action !== "Block") return nonCompliant(`${REQUIRED_DEFAULT_RULE_SET.type} action is ${show(drs.action)}, expected "Block"`);
    return compliant();
  },
};
