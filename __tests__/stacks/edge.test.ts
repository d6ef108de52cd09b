// The way in from the internet (issue 14): Front Door Premium and its WAF, one Private Link origin
// per cluster, Traefik with TLS, limits and the token check; asserted on the reference app.
import { Testing } from "cdktf";
import { AksPlatformStack } from "../../stacks/aks-platform-stack";
import { AksWorkloadsStack } from "../../stacks/aks-workloads-stack";
import { EnterpriseGlobalStack } from "../../stacks/enterprise-global-stack";
import { buildPlatform, defaultEdgeOriginDomain, platformOptionsFromEnv } from "../../stacks/platform-app";
import { ENTERPRISE_TIER } from "../../tiers/enterprise";
import { SMALL_PROD_TIER } from "../../tiers/small-prod";
import { SynthJson, resourcesOf as resourcesOfJson, synthApp } from "../helpers";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const resourcesOf = (s: SynthJson, type: string) => resourcesOfJson(s, type) as any[];

const json = synthApp((app) => buildPlatform(app, { platformName: "omega" }));
function stack(name: string): SynthJson {
  const found = json.get(name);
  if (!found) throw new Error(`no stack ${name}`);
  return found;
}
const REGIONS = ["eastus", "westeurope", "southeastasia"];

describe("Front Door and its WAF", () => {
  test("one Premium profile per production tier: small-prod's own, enterprise's in enterprise-global; none anywhere else", () => {
    const profiles = [...json].flatMap(([name, s]) => resourcesOf(s, "azurerm_cdn_frontdoor_profile").map((p) => [name, p.sku_name]));
    expect(profiles).toEqual([
      ["small-prod", "Premium_AzureFrontDoor"],
      ["enterprise-global", "Premium_AzureFrontDoor"],
    ]);
  });

  test.each(["small-prod", "enterprise-global"])("%s: WAF in Prevention with DRS 2.1 and the bot manager, the tier's limits, bound to the endpoint", (name) => {
    const tier = name === "small-prod" ? SMALL_PROD_TIER : ENTERPRISE_TIER;
    const [policy] = resourcesOf(stack(name), "azurerm_cdn_frontdoor_firewall_policy");
    expect(policy.mode).toBe("Prevention");
    expect(policy.managed_rule.map((r: any) => `${r.type} ${r.version} ${r.action}`)).toEqual(["Microsoft_DefaultRuleSet 2.1 Block", "Microsoft_BotManagerRuleSet 1.1 Block"]);
    expect(policy.custom_rule[0].rate_limit_threshold).toBe(tier.edge?.wafRateLimitPerMinute);
    expect(policy.custom_rule[1].match_condition[0].match_values).toEqual([String((tier.edge?.maxRequestBodyKiB ?? 0) * 1024)]);
    const [sp] = resourcesOf(stack(name), "azurerm_cdn_frontdoor_security_policy");
    expect(sp.security_policies.firewall.association.domain).toEqual([{ cdn_frontdoor_domain_id: expect.stringMatching(/^\$\{azurerm_cdn_frontdoor_endpoint\./) }]);
  });
});

describe("Private Link origins", () => {
  test("enterprise: one origin per region, each in its workloads stack, into the global origin group, after its Traefik release", () => {
    for (const region of REGIONS) {
      const [origin] = resourcesOf(stack(`enterprise-${region}-workloads`), "azurerm_cdn_frontdoor_origin");
      expect(origin).toMatchObject({
        name: region,
        host_name: `${region}.${defaultEdgeOriginDomain("omega")}`,
        origin_host_header: `${region}.${defaultEdgeOriginDomain("omega")}`,
        certificate_name_check_enabled: true,
        priority: 1,
        private_link: { location: region },
      });
      expect(origin.cdn_frontdoor_origin_group_id).toContain("cross-stack-reference-input-enterprise-global");
      expect(origin.private_link.private_link_target_id).toMatch(
        new RegExp(`^\\$\\{data\\.terraform_remote_state\\.cross-stack-reference-input-enterprise-${region}\\.outputs\\..*node_resource_group_id\\}/providers/Microsoft\\.Network/privateLinkServices/pls-edge-gateway$`),
      );
      expect(origin.depends_on).toEqual([expect.stringMatching(/^helm_release\.Edge_Traefik_/)]);
    }
  });

  test("the route: in the primary region's workloads stack only, HTTPS to the origins", () => {
    const routes = [...json].flatMap(([name, s]) => resourcesOf(s, "azurerm_cdn_frontdoor_route").map((r) => [name, r.forwarding_protocol]));
    expect(routes).toEqual([
      ["small-prod-workloads", "HttpsOnly"],
      ["enterprise-eastus-workloads", "HttpsOnly"],
    ]);
  });

  test.each(["small-prod", ...REGIONS.map((r) => `enterprise-${r}`)])("%s: the cluster subnet hosts Private Link services, and the cluster may join it", (name) => {
    const subnet = resourcesOf(stack(name), "azurerm_subnet").find((s) => s.name === "cluster");
    expect(subnet.private_link_service_network_policies_enabled).toBe(false);
    const join = resourcesOf(stack(name), "azurerm_role_assignment").filter((a) => a.role_definition_name === "Network Contributor");
    expect(join).toEqual([
      {
        scope: expect.stringMatching(/^\$\{azurerm_subnet\.Network_ClusterSubnet_/),
        role_definition_name: "Network Contributor",
        principal_id: expect.stringMatching(/^\$\{azurerm_kubernetes_cluster\.Cluster_[0-9A-F]+\.identity\[0\]\.principal_id\}$/),
        principal_type: "ServicePrincipal",
      },
    ]);
  });
});

describe("the gateway in each cluster", () => {
  test.each(["small-prod", ...REGIONS.map((r) => `enterprise-${r}`)])("%s-workloads: Traefik internal only, TLS 1.2, the tier's replicas and limits, Front Door's id required", (name) => {
    const tier = name === "small-prod" ? SMALL_PROD_TIER : ENTERPRISE_TIER;
    const traefik = resourcesOf(stack(`${name}-workloads`), "helm_release").find((r) => r.chart === "traefik");
    expect(traefik).toMatchObject({ version: "41.3.0", atomic: true });
    const values = JSON.parse(traefik.values[0]);
    expect(values.service.annotations["service.beta.kubernetes.io/azure-load-balancer-internal"]).toBe("true");
    expect(values.tlsOptions.default.minVersion).toBe("VersionTLS12");
    expect(values.deployment.replicas).toBe(tier.edge?.gatewayReplicas);
    expect(values.nodeSelector).toEqual({ "kubernetes.azure.com/agentpool": "alwayson" });
    const limit = values.extraObjects.find((o: any) => o.metadata.name === "federation-core-rate-limit");
    expect(limit.spec.rateLimit).toMatchObject({ average: tier.edge?.routeRateLimitPerSecond, burst: tier.edge?.routeBurst });
    const route = values.extraObjects.find((o: any) => o.kind === "IngressRoute" && o.metadata.name === "federation-core");
    expect(route.spec.routes[0].match).toMatch(/Header\(`X-Azure-FDID`, `\$\{data\.terraform_remote_state\.[^}]+resource_guid\}`\)$/);
    // No Service of any kind is public.
    for (const svc of resourcesOf(stack(`${name}-workloads`), "kubernetes_service_v1")) expect([svc.metadata.name, svc.spec.type]).not.toEqual([svc.metadata.name, "LoadBalancer"]);
  });

  test("the platform namespace lets the edge reach federation-core's pods on 9405 only", () => {
    const allow = resourcesOf(stack("small-prod-workloads"), "kubernetes_network_policy_v1").find((p) => p.metadata.name === "allow-gateway");
    expect(allow.spec.pod_selector.match_labels).toMatchObject({ "app.kubernetes.io/name": "federation-core" });
    expect(allow.spec.ingress[0].ports).toEqual([{ port: "9405", protocol: "TCP" }]);
  });
});

describe("options", () => {
  test("custom domains reach the profile of both production tiers and the routes", () => {
    const withDomains = synthApp((app) => buildPlatform(app, { platformName: "omega", edgeCustomDomains: ["api.example.org"] }));
    for (const name of ["small-prod", "enterprise-global"]) {
      expect(resourcesOf(withDomains.get(name) as SynthJson, "azurerm_cdn_frontdoor_custom_domain").map((d) => d.host_name)).toEqual(["api.example.org"]);
    }
    for (const name of ["small-prod-workloads", "enterprise-eastus-workloads"]) {
      const [route] = resourcesOf(withDomains.get(name) as SynthJson, "azurerm_cdn_frontdoor_route");
      expect(route.cdn_frontdoor_custom_domain_ids).toHaveLength(1);
      expect(resourcesOf(withDomains.get(name) as SynthJson, "azurerm_cdn_frontdoor_custom_domain_association")).toHaveLength(1);
    }
  });

  test("the origin domain and token audience come from the environment", () => {
    expect(
      platformOptionsFromEnv({ OMEGA_EDGE_ORIGIN_DOMAIN: "origin.example.org", OMEGA_EDGE_TOKEN_AUDIENCE: "api://x", OMEGA_EDGE_CUSTOM_DOMAINS: "api.example.org, www.example.org" }),
    ).toMatchObject({
      edgeOriginDomain: "origin.example.org",
      edgeTokenAudience: "api://x",
      edgeCustomDomains: ["api.example.org", "www.example.org"],
    });
  });

  test("fails: a workloads stack of a tier with an edge, without the origin domain", () => {
    const app = Testing.app();
    const platform = new AksPlatformStack(app, "small-prod", { platformName: "omega", tier: SMALL_PROD_TIER, region: SMALL_PROD_TIER.regions[0] });
    expect(() => new AksWorkloadsStack(app, "small-prod-workloads", { platformName: "omega", tier: SMALL_PROD_TIER, platform, edgeTokenAudience: "api://x" })).toThrow(
      "small-prod-workloads: invalid edgeOriginDomain undefined: expected the domain of the origin host names (<region>.<domain>) when the tier has an edge",
    );
  });

  test("fails: a regional stack of a multi-region tier without the global edge", () => {
    const app = Testing.app();
    const global = new EnterpriseGlobalStack(app, "enterprise-global", { platformName: "omega", tier: ENTERPRISE_TIER });
    expect(() => new AksPlatformStack(app, "enterprise-eastus", { platformName: "omega", tier: ENTERPRISE_TIER, region: ENTERPRISE_TIER.regions[0], cosmosAccount: global.cosmos })).toThrow(
      "enterprise-eastus: invalid edge undefined: expected the global stack's edge: the tier spans 3 regions, which share one Front Door profile",
    );
  });
});
