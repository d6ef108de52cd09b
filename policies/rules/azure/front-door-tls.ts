import { at, booleanOf, show, strings } from "../../config-values";
import { STAGING_AND_PRODUCTION_ERROR, PolicyRule, compliant, nonCompliant, notApplicable } from "../../policy-rule";

/**
 * TLS 1.2 or later on both legs of Front Door: custom domains accept TLS 1.2 at least (the
 * endpoint's own domain allows nothing older), routes forward to origins over HTTPS only and
 * redirect clients' HTTP, and origins have their certificate's name checked.
 */
export const frontDoorTls: PolicyRule = {
  name: "FrontDoorTls",
  description: "Plain HTTP or TLS before 1.2 between clients, Front Door and the origins exposes tokens and data on the wire",
  fix: "use FrontDoorRoute, which forwards HTTPS only and redirects HTTP (and FrontDoorPrivateLinkOrigin, which checks certificate names)",
  resourceTypes: ["azurerm_cdn_frontdoor_route", "azurerm_cdn_frontdoor_custom_domain", "azurerm_cdn_frontdoor_origin"],
  checkovIds: [],
  levels: STAGING_AND_PRODUCTION_ERROR,
  evaluate: (resource) => {
    const c = resource.config;
    if (resource.type === "azurerm_cdn_frontdoor_route") {
      if (c.forwarding_protocol !== "HttpsOnly") return nonCompliant(`forwarding_protocol is ${show(c.forwarding_protocol)} (the provider defaults to "MatchRequest"), expected "HttpsOnly"`);
      if (strings(c.supported_protocols).includes("Http") && booleanOf(c.https_redirect_enabled) === false) {
        return nonCompliant('supported_protocols includes "Http" and https_redirect_enabled is false, expected HTTP redirected to HTTPS');
      }
      return compliant();
    }
    if (resource.type === "azurerm_cdn_frontdoor_custom_domain") {
      const version = at(c, "tls")?.minimum_version;
      // azurerm 5 defaults the custom domain's minimum to TLS12 (4.x's minimum_tls_version is gone).
      return version === undefined || version === "TLS12" || version === "TLS13"
        ? compliant()
        : nonCompliant(`tls.minimum_version is ${show(version)}, expected "TLS12" or later`);
    }
    if (resource.type === "azurerm_cdn_frontdoor_origin") {
      return booleanOf(c.certificate_name_check_enabled) === true
        ? compliant()
        : nonCompliant(`certificate_name_check_enabled is ${show(c.certificate_name_check_enabled)}, expected true`);
    }
    return notApplicable();
  },
};
