import { TerraformStack } from "cdktf";
import { CdnFrontdoorCustomDomain } from "../../providers/azurerm/cdn-frontdoor-custom-domain";
import { CdnFrontdoorEndpoint } from "../../providers/azurerm/cdn-frontdoor-endpoint";
import { CdnFrontdoorFirewallPolicy, CdnFrontdoorFirewallPolicyConfig } from "../../providers/azurerm/cdn-frontdoor-firewall-policy";
import { CdnFrontdoorOrigin } from "../../providers/azurerm/cdn-frontdoor-origin";
import { CdnFrontdoorRoute, CdnFrontdoorRouteConfig } from "../../providers/azurerm/cdn-frontdoor-route";
import { CdnFrontdoorSecurityPolicy } from "../../providers/azurerm/cdn-frontdoor-security-policy";
import { PublicIp } from "../../providers/azurerm/public-ip";
import { Release } from "../../providers/helm/release";
import { ServiceV1 } from "../../providers/kubernetes/service-v1";
import { PolicyEnvironment } from "../../policies/policy-profile";
import { frontDoorEndpointWaf } from "../../policies/rules/azure/front-door-endpoint-waf";
import { frontDoorTls } from "../../policies/rules/azure/front-door-tls";
import { frontDoorWafPrevention } from "../../policies/rules/azure/front-door-waf-prevention";
import { noPublicIp } from "../../policies/rules/azure/no-public-ip";
import { gatewayMinimumTls } from "../../policies/rules/kubernetes/gateway-minimum-tls";
import { noPublicLoadBalancer } from "../../policies/rules/kubernetes/no-public-load-balancer";
import { COMPLIANT, NOT_APPLICABLE, evaluate, nonCompliant } from "./rule-harness";

const PROFILE = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Cdn/profiles/fd";

function waf(stack: TerraformStack, overrides: Partial<CdnFrontdoorFirewallPolicyConfig> = {}) {
  return new CdnFrontdoorFirewallPolicy(stack, "Waf", {
    name: "fdwaf",
    resourceGroupName: "rg",
    skuName: "Premium_AzureFrontDoor",
    mode: "Prevention",
    managedRule: [{ type: "Microsoft_DefaultRuleSet", version: "2.1", action: "Block" }],
    ...overrides,
  });
}

function route(stack: TerraformStack, overrides: Partial<CdnFrontdoorRouteConfig> = {}) {
  return new CdnFrontdoorRoute(stack, "Route", {
    name: "r",
    cdnFrontdoorEndpointId: `${PROFILE}/afdEndpoints/e`,
    cdnFrontdoorOriginGroupId: `${PROFILE}/originGroups/g`,
    cdnFrontdoorOriginIds: [`${PROFILE}/originGroups/g/origins/o`],
    patternsToMatch: ["/*"],
    supportedProtocols: ["Http", "Https"],
    forwardingProtocol: "HttpsOnly",
    ...overrides,
  });
}

function traefik(stack: TerraformStack, values: Record<string, unknown>, chart = "traefik") {
  return new Release(stack, "Traefik", { name: "traefik", chart, repository: "https://traefik.github.io/charts", version: "41.3.0", values: [JSON.stringify(values)] });
}

describe("AzureBaseline-FrontDoorWafPrevention", () => {
  test("compliant: Prevention, Default Rule Set 2.1 blocking", () => {
    expect(evaluate(frontDoorWafPrevention, (s) => waf(s))).toEqual(COMPLIANT);
  });
  test("non-compliant: Detection mode", () => {
    expect(evaluate(frontDoorWafPrevention, (s) => waf(s, { mode: "Detection" }))).toEqual(nonCompliant('mode is "Detection", expected "Prevention"'));
  });
  test("non-compliant: disabled", () => {
    expect(evaluate(frontDoorWafPrevention, (s) => waf(s, { enabled: false }))).toEqual(nonCompliant("enabled is false, expected true"));
  });
  test("non-compliant: no managed Default Rule Set (Standard)", () => {
    expect(evaluate(frontDoorWafPrevention, (s) => waf(s, { skuName: "Standard_AzureFrontDoor", managedRule: [] }))).toEqual(
      nonCompliant('no managed_rule of type "Microsoft_DefaultRuleSet" (sku_name "Standard_AzureFrontDoor"; managed rule sets need Premium_AzureFrontDoor)'),
    );
  });
  test("non-compliant: the 1.x rule set", () => {
    expect(evaluate(frontDoorWafPrevention, (s) => waf(s, { managedRule: [{ type: "Microsoft_DefaultRuleSet", version: "1.1", action: "Block" }] }))).toEqual(
      nonCompliant('Microsoft_DefaultRuleSet version is "1.1", expected 2.0 or later (anomaly scoring)'),
    );
  });
  test("non-compliant: the rule set only logs", () => {
    expect(evaluate(frontDoorWafPrevention, (s) => waf(s, { managedRule: [{ type: "Microsoft_DefaultRuleSet", version: "2.1", action: "Log" }] }))).toEqual(
      nonCompliant('Microsoft_DefaultRuleSet action is "Log", expected "Block"'),
    );
  });
});

describe("AzureBaseline-FrontDoorEndpointWaf", () => {
  const endpoint = (s: TerraformStack) => new CdnFrontdoorEndpoint(s, "Endpoint", { name: "e", cdnFrontdoorProfileId: PROFILE });
  test("compliant: a security policy binds the WAF to the endpoint", () => {
    expect(
      evaluate(frontDoorEndpointWaf, (s) => {
        const e = endpoint(s);
        const policy = waf(s);
        new CdnFrontdoorSecurityPolicy(s, "Sp", {
          name: "waf",
          cdnFrontdoorProfileId: PROFILE,
          securityPolicies: { firewall: { cdnFrontdoorFirewallPolicyId: policy.id, association: { patternsToMatch: ["/*"], domain: [{ cdnFrontdoorDomainId: e.id }] } } },
        });
        return e;
      }),
    ).toEqual(COMPLIANT);
  });
  test("non-compliant: an endpoint without a security policy", () => {
    expect(evaluate(frontDoorEndpointWaf, endpoint)).toEqual(
      nonCompliant("no azurerm_cdn_frontdoor_security_policy in the stack binds a firewall policy to ${azurerm_cdn_frontdoor_endpoint.Endpoint.id}"),
    );
  });
  test("non-compliant: a custom domain the policy does not name", () => {
    expect(
      evaluate(frontDoorEndpointWaf, (s) => new CdnFrontdoorCustomDomain(s, "Domain", { name: "d", cdnFrontdoorProfileId: PROFILE, hostName: "api.example.org", tls: {} })),
    ).toEqual(nonCompliant("no azurerm_cdn_frontdoor_security_policy in the stack binds a firewall policy to ${azurerm_cdn_frontdoor_custom_domain.Domain.id}"));
  });
});

describe("AzureBaseline-FrontDoorTls", () => {
  test("compliant: HTTPS to the origins, HTTP redirected", () => {
    expect(evaluate(frontDoorTls, (s) => route(s))).toEqual(COMPLIANT);
  });
  test("non-compliant: the provider's MatchRequest default", () => {
    expect(evaluate(frontDoorTls, (s) => route(s, { forwardingProtocol: undefined }))).toEqual(
      nonCompliant('forwarding_protocol is not set (the provider defaults to "MatchRequest"), expected "HttpsOnly"'),
    );
  });
  test("non-compliant: HTTP served without a redirect", () => {
    expect(evaluate(frontDoorTls, (s) => route(s, { httpsRedirectEnabled: false }))).toEqual(
      nonCompliant('supported_protocols includes "Http" and https_redirect_enabled is false, expected HTTP redirected to HTTPS'),
    );
  });
  test("custom domains: TLS 1.2 (the default) complies, 1.0 does not", () => {
    const domain = (s: TerraformStack, version?: string) =>
      new CdnFrontdoorCustomDomain(s, "Domain", { name: "d", cdnFrontdoorProfileId: PROFILE, hostName: "api.example.org", tls: { minimumVersion: version } });
    expect(evaluate(frontDoorTls, (s) => domain(s))).toEqual(COMPLIANT);
    expect(evaluate(frontDoorTls, (s) => domain(s, "TLS10"))).toEqual(nonCompliant('tls.minimum_version is "TLS10", expected "TLS12" or later'));
  });
  test("origins: the certificate name is checked", () => {
    const origin = (s: TerraformStack, check: boolean) =>
      new CdnFrontdoorOrigin(s, "Origin", { name: "o", cdnFrontdoorOriginGroupId: `${PROFILE}/originGroups/g`, hostName: "o.example.org", certificateNameCheckEnabled: check });
    expect(evaluate(frontDoorTls, (s) => origin(s, true))).toEqual(COMPLIANT);
    expect(evaluate(frontDoorTls, (s) => origin(s, false))).toEqual(nonCompliant("certificate_name_check_enabled is false, expected true"));
  });
});

describe("AzureBaseline-NoPublicIp", () => {
  test("non-compliant: any public IP in production", () => {
    expect(evaluate(noPublicIp, (s) => new PublicIp(s, "Ip", { name: "ip", location: "eastus", resourceGroupName: "rg", allocationMethod: "Static" }))).toEqual(
      nonCompliant('public IP "ip": production takes traffic only through Front Door and Private Link'),
    );
  });
  test("only production runs it", () => {
    expect(noPublicIp.levels).toEqual({ [PolicyEnvironment.PRODUCTION]: "error" });
  });
});

describe("KubernetesWorkloads-NoPublicLoadBalancer", () => {
  const service = (s: TerraformStack, type: string, annotations?: Record<string, string>) =>
    new ServiceV1(s, "Svc", { metadata: { name: "svc", namespace: "ns", annotations }, spec: { type, selector: { app: "x" }, port: [{ port: 80 }] } });
  test("compliant: an internal LoadBalancer Service", () => {
    expect(evaluate(noPublicLoadBalancer, (s) => service(s, "LoadBalancer", { "service.beta.kubernetes.io/azure-load-balancer-internal": "true" }))).toEqual(COMPLIANT);
  });
  test("non-compliant: a public LoadBalancer Service", () => {
    expect(evaluate(noPublicLoadBalancer, (s) => service(s, "LoadBalancer"))).toEqual(
      nonCompliant('spec.type is "LoadBalancer" without the annotation "service.beta.kubernetes.io/azure-load-balancer-internal": "true" (metadata.annotations not set)'),
    );
  });
  test("not applicable: a ClusterIP Service", () => {
    expect(evaluate(noPublicLoadBalancer, (s) => service(s, "ClusterIP"))).toEqual(NOT_APPLICABLE);
  });
  test("Traefik's chart: its Service is a public LoadBalancer unless annotated internal", () => {
    expect(evaluate(noPublicLoadBalancer, (s) => traefik(s, { service: {} }))).toEqual(
      nonCompliant('values ask for a public LoadBalancer at service (no "service.beta.kubernetes.io/azure-load-balancer-internal": "true")'),
    );
    expect(evaluate(noPublicLoadBalancer, (s) => traefik(s, {}))).toEqual(
      nonCompliant('values ask for a public LoadBalancer at service (the chart\'s default) (no "service.beta.kubernetes.io/azure-load-balancer-internal": "true")'),
    );
    // Traefik's chart takes the Service type at service.spec.type.
    expect(evaluate(noPublicLoadBalancer, (s) => traefik(s, { service: { spec: { type: "ClusterIP" } } }))).toEqual(COMPLIANT);
    expect(evaluate(noPublicLoadBalancer, (s) => traefik(s, { service: { enabled: false } }))).toEqual(COMPLIANT);
    expect(
      evaluate(noPublicLoadBalancer, (s) => traefik(s, { service: { annotations: { "service.beta.kubernetes.io/azure-load-balancer-internal": "true" } } })),
    ).toEqual(COMPLIANT);
  });
  test("any chart: a nested service block of type LoadBalancer", () => {
    expect(evaluate(noPublicLoadBalancer, (s) => traefik(s, { gateway: { service: { type: "LoadBalancer" } } }, "other"))).toEqual(
      nonCompliant('values ask for a public LoadBalancer at gateway.service (no "service.beta.kubernetes.io/azure-load-balancer-internal": "true")'),
    );
  });
});

describe("KubernetesWorkloads-GatewayMinimumTls", () => {
  test("compliant: TLS 1.2 at least", () => {
    expect(evaluate(gatewayMinimumTls, (s) => traefik(s, { tlsOptions: { default: { minVersion: "VersionTLS12" } } }))).toEqual(COMPLIANT);
  });
  test("non-compliant: no TLS options, or TLS 1.0", () => {
    expect(evaluate(gatewayMinimumTls, (s) => traefik(s, {}))).toEqual(nonCompliant('tlsOptions.default.minVersion is not set, expected "VersionTLS12" or "VersionTLS13"'));
    expect(evaluate(gatewayMinimumTls, (s) => traefik(s, { tlsOptions: { default: { minVersion: "VersionTLS10" } } }))).toEqual(
      nonCompliant('tlsOptions.default.minVersion is "VersionTLS10", expected "VersionTLS12" or "VersionTLS13"'),
    );
  });
  test("not applicable: another chart", () => {
    expect(evaluate(gatewayMinimumTls, (s) => traefik(s, {}, "loki"))).toEqual(NOT_APPLICABLE);
  });
});
