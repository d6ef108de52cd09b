import { Testing } from "cdktf";
import {
  FRONT_DOOR_BOT_MANAGER_RULE_SET,
  FRONT_DOOR_DEFAULT_RULE_SET,
  FrontDoorEdge,
  FrontDoorSku,
  FrontDoorWafMode,
} from "../../constructs/front-door-edge";
import { FrontDoorPrivateLinkOrigin } from "../../constructs/front-door-private-link-origin";
import { FrontDoorRoute } from "../../constructs/front-door-route";
import { onlyResource, synthJson, testStack } from "../helpers";

const PLS = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/MC_rg_aks_eastus/providers/Microsoft.Network/privateLinkServices/pls-edge-gateway";
const GROUP = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Cdn/profiles/fd/originGroups/platform";

function edge(props: Partial<ConstructorParameters<typeof FrontDoorEdge>[2]> = {}) {
  const { stack } = testStack();
  const construct = new FrontDoorEdge(stack, "Edge", { resourceGroupName: "rg", name: "omega-edge", ...props });
  return { stack, construct, json: synthJson(stack) };
}

describe("FrontDoorEdge", () => {
  test("minimal configuration (snapshot)", () => {
    const { stack } = testStack();
    new FrontDoorEdge(stack, "Edge", { resourceGroupName: "rg", name: "omega-edge" });
    expect(Testing.synth(stack)).toMatchSnapshot();
  });

  test("defaults: Premium, Prevention, DRS 2.1 and bot manager blocking, 1000 requests a minute per client, 1 MiB bodies", () => {
    const { json, construct } = edge();
    expect(onlyResource(json, "azurerm_cdn_frontdoor_profile")).toMatchObject({ sku_name: "Premium_AzureFrontDoor", response_timeout_seconds: 60 });
    const policy = onlyResource(json, "azurerm_cdn_frontdoor_firewall_policy");
    expect(policy).toMatchObject({ name: "omegaedgewaf", mode: "Prevention", enabled: true, request_body_check_enabled: true, sku_name: "Premium_AzureFrontDoor" });
    expect(policy.managed_rule).toEqual([
      { type: FRONT_DOOR_DEFAULT_RULE_SET.type, version: "2.1", action: "Block" },
      { type: FRONT_DOOR_BOT_MANAGER_RULE_SET.type, version: "1.1", action: "Block" },
    ]);
    expect(policy.custom_rule).toEqual([
      {
        name: "RateLimitPerClient",
        type: "RateLimitRule",
        action: "Block",
        priority: 100,
        rate_limit_duration_in_minutes: 1,
        rate_limit_threshold: 1000,
        match_condition: [{ match_variable: "SocketAddr", operator: "IPMatch", match_values: ["0.0.0.0/0", "::/0"] }],
      },
      {
        name: "MaxRequestBody",
        type: "MatchRule",
        action: "Block",
        priority: 200,
        match_condition: [{ match_variable: "RequestHeader", selector: "Content-Length", operator: "GreaterThan", match_values: ["1048576"] }],
      },
    ]);
    expect(onlyResource(json, "azurerm_cdn_frontdoor_origin_group")).toMatchObject({
      session_affinity_enabled: false,
      health_probe: { protocol: "Https", path: "/health/ready", request_type: "GET", interval_in_seconds: 30 },
      load_balancing: { sample_size: 4, successful_samples_required: 3, additional_latency_in_milliseconds: 50 },
    });
    const sp = onlyResource(json, "azurerm_cdn_frontdoor_security_policy");
    expect(sp.security_policies.firewall.association).toEqual({
      patterns_to_match: ["/*"],
      domain: [{ cdn_frontdoor_domain_id: expect.stringMatching(/^\$\{azurerm_cdn_frontdoor_endpoint\.Edge_Endpoint_[0-9A-F]{8}\.id\}$/) }],
    });
    expect(onlyResource(json, "azurerm_cdn_frontdoor_endpoint")).toMatchObject({ name: "omega-edge", enabled: true });
    expect([construct.wafMode, construct.rateLimitPerMinute, construct.maxRequestBodyKiB]).toEqual([FrontDoorWafMode.PREVENTION, 1000, 1024]);
  });

  test("overrides: Detection, limits, probe, no bot manager", () => {
    const { json } = edge({
      waf: { mode: FrontDoorWafMode.DETECTION, rateLimitPerMinute: 300, maxRequestBodyKiB: 64, botProtection: false },
      healthProbe: { path: "/healthz", intervalSeconds: 10, additionalLatencyMs: 100 },
      endpointName: "api",
    });
    const policy = onlyResource(json, "azurerm_cdn_frontdoor_firewall_policy");
    expect(policy.mode).toBe("Detection");
    expect(policy.managed_rule).toHaveLength(1);
    expect(policy.custom_rule[0].rate_limit_threshold).toBe(300);
    expect(policy.custom_rule[1].match_condition[0].match_values).toEqual(["65536"]);
    expect(onlyResource(json, "azurerm_cdn_frontdoor_origin_group").health_probe).toMatchObject({ path: "/healthz", interval_in_seconds: 10 });
    expect(onlyResource(json, "azurerm_cdn_frontdoor_endpoint").name).toBe("api");
  });

  test("custom domains: managed TLS 1.2 certificates, bound to the WAF beside the endpoint, associated with the route", () => {
    const { stack } = testStack();
    const e = new FrontDoorEdge(stack, "Edge", { resourceGroupName: "rg", name: "omega-edge", customDomains: [{ name: "api-example-org", hostName: "api.example.org" }] });
    new FrontDoorRoute(stack, "Route", { endpointId: e.endpointId, originGroupId: e.originGroupId, originIds: ["x"], customDomainIds: e.customDomainIds });
    const json = synthJson(stack);
    expect(onlyResource(json, "azurerm_cdn_frontdoor_custom_domain")).toMatchObject({
      name: "api-example-org",
      host_name: "api.example.org",
      tls: { certificate_type: "ManagedCertificate", minimum_version: "TLS12" },
    });
    const domains = onlyResource(json, "azurerm_cdn_frontdoor_security_policy").security_policies.firewall.association.domain.map((d: any) => d.cdn_frontdoor_domain_id);
    expect(domains).toEqual([expect.stringMatching(/^\$\{azurerm_cdn_frontdoor_endpoint\./), expect.stringMatching(/^\$\{azurerm_cdn_frontdoor_custom_domain\./)]);
    expect(onlyResource(json, "azurerm_cdn_frontdoor_route").cdn_frontdoor_custom_domain_ids).toEqual([domains[1]]);
    expect(onlyResource(json, "azurerm_cdn_frontdoor_custom_domain_association")).toEqual({
      cdn_frontdoor_custom_domain_id: domains[1],
      cdn_frontdoor_route_ids: [expect.stringMatching(/^\$\{azurerm_cdn_frontdoor_route\./)],
    });
  });

  test("fails: a custom domain twice, or a host name that is not one", () => {
    expect(() => edge({ customDomains: [{ name: "api", hostName: "api.example.org" }, { name: "api", hostName: "www.example.org" }] })).toThrow(
      'test/Edge: invalid customDomains[1].name "api": expected each custom domain name once',
    );
    expect(() => edge({ customDomains: [{ name: "api", hostName: "API.example.org" }] })).toThrow(
      'test/Edge: invalid customDomains[0].hostName "API.example.org": expected a lowercase fully qualified host name',
    );
  });

  test("fails: the managed rule sets on Standard", () => {
    expect(() => edge({ sku: FrontDoorSku.STANDARD })).toThrow(
      'test/Edge: invalid sku "Standard_AzureFrontDoor": expected Premium_AzureFrontDoor: the managed Default Rule Set and bot manager run only on Premium',
    );
  });

  test("fails: names Front Door refuses", () => {
    expect(() => edge({ name: "-bad" })).toThrow('test/Edge: invalid name "-bad": expected 1-90 letters, digits or hyphens, alphanumeric at both ends');
    expect(() => edge({ endpointName: "x".repeat(47) })).toThrow(/test\/Edge: invalid endpointName "x{47}": expected 1-46 letters, digits or hyphens/);
  });

  test("fails: limits out of range", () => {
    expect(() => edge({ waf: { rateLimitPerMinute: 5 } })).toThrow("test/Edge: invalid waf.rateLimitPerMinute 5: expected an integer from 10 to 5000000");
    expect(() => edge({ healthProbe: { path: "health" } })).toThrow('test/Edge: invalid healthProbe.path "health": expected a path starting with "/"');
    expect(() => edge({ responseTimeoutSeconds: 10 })).toThrow("test/Edge: invalid responseTimeoutSeconds 10: expected an integer from 16 to 240");
  });
});

describe("FrontDoorPrivateLinkOrigin and FrontDoorRoute", () => {
  test("an origin over Private Link: HTTPS, name checked, after what it depends on", () => {
    const { stack } = testStack();
    const origin = new FrontDoorPrivateLinkOrigin(stack, "Origin", { originGroupId: GROUP, name: "eastus", hostName: "eastus.origin.example.org", privateLinkServiceId: PLS, location: "eastus" });
    new FrontDoorRoute(stack, "Route", { endpointId: `${GROUP}/../afdEndpoints/e`, originGroupId: GROUP, originIds: [origin.originId] });
    const json = synthJson(stack);
    expect(onlyResource(json, "azurerm_cdn_frontdoor_origin")).toEqual({
      name: "eastus",
      cdn_frontdoor_origin_group_id: GROUP,
      enabled: true,
      host_name: "eastus.origin.example.org",
      origin_host_header: "eastus.origin.example.org",
      https_port: 443,
      certificate_name_check_enabled: true,
      priority: 1,
      weight: 500,
      private_link: { private_link_target_id: PLS, location: "eastus", request_message: "Front Door eastus: approve for the platform edge" },
    });
    expect(onlyResource(json, "azurerm_cdn_frontdoor_route")).toMatchObject({
      forwarding_protocol: "HttpsOnly",
      https_redirect_enabled: true,
      supported_protocols: ["Http", "Https"],
      patterns_to_match: ["/*"],
      link_to_default_domain: true,
      cdn_frontdoor_origin_ids: [expect.stringMatching(/^\$\{azurerm_cdn_frontdoor_origin\.Origin_[0-9A-F]{8}\.id\}$/)],
    });
  });

  test("fails: a target that is not a Private Link service, a bad host, a long message", () => {
    const { stack } = testStack();
    const base = { originGroupId: GROUP, name: "eastus", hostName: "eastus.origin.example.org", privateLinkServiceId: PLS, location: "eastus" };
    expect(() => new FrontDoorPrivateLinkOrigin(stack, "A", { ...base, privateLinkServiceId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/loadBalancers/lb" })).toThrow(
      'test/A: invalid privateLinkServiceId "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/loadBalancers/lb": expected a Private Link service resource id (/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Network/privateLinkServices/<name>)',
    );
    expect(() => new FrontDoorPrivateLinkOrigin(stack, "B", { ...base, hostName: "Origin" })).toThrow(
      'test/B: invalid hostName "Origin": expected a lowercase fully qualified host name (the origin certificate\'s subject)',
    );
    expect(() => new FrontDoorPrivateLinkOrigin(stack, "C", { ...base, requestMessage: "x".repeat(141) })).toThrow(/test\/C: invalid requestMessage "x{141}": expected 1-140 characters/);
    expect(() => new FrontDoorPrivateLinkOrigin(stack, "D", { ...base, priority: 6 })).toThrow("test/D: invalid priority 6: expected an integer from 1 to 5");
  });

  test("fails: a route without an origin (Azure refuses a route to an empty group)", () => {
    const { stack } = testStack();
    expect(() => new FrontDoorRoute(stack, "Route", { endpointId: "e", originGroupId: GROUP, originIds: [] })).toThrow(
      "test/Route: invalid originIds []: expected at least one origin: Azure refuses a route to an empty origin group",
    );
  });
});
