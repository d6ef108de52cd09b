import { readFileSync } from "fs";
import { join } from "path";
import { Testing } from "cdktf";
import { searchReplicasPerRegion } from "../../stacks/data-layer-from-tier";
import { buildPlatform, PlatformStacks } from "../../stacks/platform-app";
import { DEV_TIER } from "../../tiers/dev";
import { ENTERPRISE_TIER } from "../../tiers/enterprise";
import { SMALL_PROD_TIER } from "../../tiers/small-prod";
import { STAGING_TIER } from "../../tiers/staging";
import {
  ComputeCommitment,
  CosmosZoneRedundancyScope,
  DataLayerKind,
  ManagedDataLayerSpec,
  MonitoringLevel,
  PlatformKind,
  ReservationTerm,
  ScheduleDays,
  SearchPlacement,
  TierSpec,
} from "../../tiers/tier-spec";
import { SynthJson, onlyResource, resourcesOf, synthApp, synthJson } from "../helpers";
import { CosmosConsistency, StorageReplication } from "../../constructs/data-service-options";

// The numbers of DESIGN.md's tier table, asserted on the synthesized stacks and on the tier data.

let stacks!: PlatformStacks;
const json = synthApp((app) => {
  stacks = buildPlatform(app, { platformName: "omega" });
});

function stack(name: string): SynthJson {
  const found = json.get(name);
  if (!found) throw new Error(`no stack ${name}`);
  return found;
}

function managed(tier: TierSpec): ManagedDataLayerSpec {
  if (tier.dataLayer.kind !== DataLayerKind.MANAGED) throw new Error(`${tier.name} has no managed data layer`);
  return tier.dataLayer;
}

const ENTERPRISE_REGIONS = ["eastus", "westeurope", "southeastasia"];

describe("stacks", () => {
  test("all eleven stacks of DESIGN.md, by name", () => {
    expect([...json.keys()]).toEqual([
      "dev",
      "staging",
      "small-prod",
      "small-prod-workloads",
      "enterprise-global",
      "enterprise-eastus",
      "enterprise-eastus-workloads",
      "enterprise-westeurope",
      "enterprise-westeurope-workloads",
      "enterprise-southeastasia",
      "enterprise-southeastasia-workloads",
    ]);
    expect([...stacks.enterpriseRegions.keys()]).toEqual(ENTERPRISE_REGIONS);
  });

  test("Azure stacks use only azurerm; dev only kubernetes and helm; AKS workloads stacks add azurerm for their Front Door origin", () => {
    for (const [name, synthesized] of json) {
      const providers = Object.keys(synthesized.provider ?? {}).sort();
      const kube = name === "dev" || name.endsWith("-workloads");
      // The origin can only be created once Helm has installed Traefik (whose Service makes AKS
      // create the Private Link service it connects to), so it lives in the workloads stack.
      const expected = name === "dev" ? ["helm", "kubernetes"] : kube ? ["azurerm", "helm", "kubernetes"] : ["azurerm"];
      expect([name, providers]).toEqual([name, expected]);
      if (kube && name !== "dev") {
        const azure = Object.keys(synthesized.resource ?? {}).filter((t) => t.startsWith("azurerm_")).sort();
        expect([name, azure]).toEqual([name, name.startsWith("enterprise-eastus") || name === "small-prod-workloads" ? ["azurerm_cdn_frontdoor_origin", "azurerm_cdn_frontdoor_route"] : ["azurerm_cdn_frontdoor_origin"]]);
      }
    }
  });

  test("every taggable Azure resource carries environment, tier, region and cost centre", () => {
    // Taggable means the provider's resource has a `tags` argument, read from the pinned schema.
    const schema = JSON.parse(readFileSync(join(__dirname, "..", "..", "providers", "schema.json"), "utf8"));
    const taggable = (type: string): boolean => {
      const resource = schema.provider_schemas["registry.terraform.io/hashicorp/azurerm"].resource_schemas[type];
      if (!resource) throw new Error(`no schema for ${type}`);
      return "tags" in (resource.block.attributes ?? {});
    };
    let checked = 0;
    for (const [name, synthesized] of json) {
      for (const [type, byName] of Object.entries(synthesized.resource ?? {})) {
        if (!type.startsWith("azurerm_") || !taggable(type)) continue;
        for (const resource of Object.values(byName)) {
          checked++;
          expect([name, type, Object.keys((resource.tags ?? {}) as object).sort()]).toEqual([
            name,
            type,
            ["cost-center", "environment", "region", "tier"],
          ]);
        }
      }
    }
    expect(checked).toBeGreaterThan(40);
    expect(onlyResource(stack("enterprise-westeurope"), "azurerm_kubernetes_cluster").tags).toEqual({
      environment: "enterprise-westeurope",
      tier: "enterprise",
      region: "westeurope",
      "cost-center": "omega-platform",
    });
    expect(onlyResource(stack("enterprise-global"), "azurerm_resource_group").tags.region).toBe("global");
  });
});

describe("dev", () => {
  test("a local cluster from a kubeconfig context, no Azure", () => {
    const dev = stack("dev");
    expect(dev.provider?.kubernetes).toEqual([{ config_path: "~/.kube/config", config_context: "kind-omega-dev" }]);
    expect(dev.provider?.helm).toEqual([{ kubernetes: { config_path: "~/.kube/config", config_context: "kind-omega-dev" } }]);
    expect(Object.keys(dev.resource ?? {}).filter((t) => t.startsWith("azurerm_"))).toEqual([]);
    expect(resourcesOf(dev, "kubernetes_namespace_v1")).toHaveLength(4);
  });

  test("kubeconfig path and context can be set", () => {
    const other = Testing.app();
    const built = buildPlatform(other, { platformName: "omega", devKubeconfigPath: "/tmp/kc", devKubeContext: "minikube" });
    expect(synthJson(built.dev).provider?.kubernetes).toEqual([{ config_path: "/tmp/kc", config_context: "minikube" }]);
  });

  test("one replica of every service, teams 0..1, in-cluster MongoDB 7 and Redis 7", () => {
    const { titans, ...single } = DEV_TIER.services;
    for (const service of Object.values(single)) expect(service.replicas).toBe(1);
    expect(titans).toEqual({ models: ["gpt", "claude", "gemini", "grok", "augment"], replicasEach: 1 });
    expect(DEV_TIER.services.federationCore.limits).toEqual({ cpuCores: 1, memoryMiB: 512 });
    expect(DEV_TIER.agentTeams.replicas).toEqual({ min: 0, max: 1 });
    expect(DEV_TIER.dataLayer).toMatchObject({ kind: DataLayerKind.IN_CLUSTER });
    if (DEV_TIER.dataLayer.kind !== DataLayerKind.IN_CLUSTER) throw new Error("dev data layer");
    expect(DEV_TIER.dataLayer.mongoImage).toMatch(/^mongo:7\.\d+\.\d+$/);
    expect(DEV_TIER.dataLayer.redisImage).toMatch(/^redis:7\.\d+\.\d+/);
    expect(DEV_TIER.platform).toBe(PlatformKind.LOCAL_KUBERNETES);
    expect(DEV_TIER.budget).toBeUndefined();
  });
});

describe("staging", () => {
  test("resource group omega-staging in eastus", () => {
    expect(onlyResource(stack("staging"), "azurerm_resource_group")).toMatchObject({ name: "omega-staging", location: "eastus" });
  });

  test("ACI: federation-core and context-server at 2 x (2 vCPU, 4 GB), nothing else", () => {
    expect(STAGING_TIER.platform).toBe(PlatformKind.CONTAINER_INSTANCES);
    for (const service of [STAGING_TIER.services.federationCore, STAGING_TIER.services.contextServer]) {
      expect(service).toEqual({ replicas: 2, limits: { cpuCores: 2, memoryMiB: 4096 } });
    }
    const { federationCore: _f, contextServer: _c, titans, ...rest } = STAGING_TIER.services;
    for (const service of Object.values(rest)) expect(service.replicas).toBe(0);
    expect(titans.replicasEach).toBe(0);
  });

  const groups = () => resourcesOf(stack("staging"), "azurerm_container_group") as Record<string, any>[];
  const byName = (name: string) => groups().find((g) => g.name === name) as Record<string, any>;

  test("container groups: 2 federation-core and 2 context-server of 2 vCPU / 4 GB each, and two language groups", () => {
    expect(groups().map((g) => g.name).sort()).toEqual(["context-server-0", "context-server-1", "federation-core-0", "federation-core-1", "languages-0-0", "languages-1-0"]);
    for (const name of ["federation-core-0", "federation-core-1", "context-server-0", "context-server-1"]) {
      // The service and its secrets-sync sidecar, whose 0.05 vCPU / 0.1 GB come out of the service's
      // request: the group is still allocated 2 vCPU / 4 GB, and the service may use all of it.
      expect(byName(name).container.map((c: any) => c.name)).toEqual([name.replace(/-\d+$/, ""), "secrets-sync"]);
      expect(byName(name).container[0]).toMatchObject({ cpu: 1.95, memory: 3.9, cpu_limit: 2, memory_limit: 4 });
      expect(byName(name).container[1]).toMatchObject({ cpu: 0.05, memory: 0.1 });
      const total = (byName(name).container as any[]).reduce((t, c) => ({ cpu: t.cpu + c.cpu, memory: t.memory + c.memory }), { cpu: 0, memory: 0 });
      expect([Math.round(total.cpu * 100) / 100, Math.round(total.memory * 10) / 10]).toEqual([2, 4]);
    }
    expect(byName("federation-core-0").container[0]).toMatchObject({ image: "omega/federation-core:1.0.0", ports: [{ port: 9405, protocol: "TCP" }] });
  });

  test("the language groups at ACI's 1 vCPU / 1 GB group minimum, split by the containers' limits, each container keeping its limit", () => {
    expect(STAGING_TIER.containerInstances?.languageGroupAllocation).toEqual({ cpuCores: 1, memoryGb: 1 });
    for (const name of ["languages-0-0", "languages-1-0"]) {
      const containers = byName(name).container as any[];
      const sum = (key: string) => Math.round(containers.reduce((n, c) => n + c[key], 0) * 1000) / 1000;
      expect([sum("cpu"), sum("memory")]).toEqual([1, 1]);
      // ACI: a container's limit may exceed its request, up to the group's total request.
      for (const c of containers) {
        expect(c.cpu_limit).toBeGreaterThanOrEqual(c.cpu);
        expect(c.cpu_limit).toBeLessThanOrEqual(1);
        expect(c.memory_limit).toBeLessThanOrEqual(1);
      }
    }
    expect(Object.fromEntries((byName("languages-0-0").container as any[]).map((c) => [c.name, [c.cpu, c.memory]]))).toEqual({
      "lang-c": [0.17, 0.1],
      "lang-python": [0.17, 0.1],
      "lang-haskell": [0.33, 0.4],
      "lang-idris2": [0.33, 0.4],
    });
  });

  test("every language of seed 001 once, at the catalog's limits", () => {
    const langs = [...byName("languages-0-0").container, ...byName("languages-1-0").container];
    expect(langs.map((c: any) => c.name)).toEqual(["lang-c", "lang-python", "lang-haskell", "lang-idris2", "lang-lisp", "lang-assembly", "lang-java", "lang-system-f"]);
    const limits = Object.fromEntries(langs.map((c: any) => [c.name, [c.cpu_limit, c.memory_limit]]));
    expect(limits).toEqual({
      "lang-c": [0.5, 0.3],
      "lang-python": [0.5, 0.3],
      "lang-haskell": [1, 0.5],
      "lang-idris2": [1, 0.5],
      "lang-lisp": [0.5, 0.5],
      "lang-assembly": [0.25, 0.2],
      "lang-java": [1, 0.8],
      "lang-system-f": [0.5, 0.3],
    });
    for (const c of langs) expect(c.liveness_probe.http_get[0].path).toBe("/capabilities");
  });

  test("private networking: every group has a private IP in a delegated subnet, the language groups in the isolated one", () => {
    const subnets = Object.fromEntries(resourcesOf(stack("staging"), "azurerm_subnet").map((s: any) => [s.name, s]));
    for (const name of ["services", "isolated"]) {
      expect(subnets[name].delegation[0].service_delegation.name).toBe("Microsoft.ContainerInstance/containerGroups");
      expect(subnets[name].default_outbound_access_enabled).toBe(false);
    }
    for (const g of groups()) {
      expect(g.ip_address_type).toBe("Private");
      expect(g.dns_name_label).toBeUndefined();
      expect(g.subnet_ids[0]).toMatch(g.name.startsWith("languages") ? /Network_IsolatedSubnet_/ : /Network_ServicesSubnet_/);
    }
  });

  test("the language services' subnet opens no outbound connection and answers only the services subnet", () => {
    const nsg = resourcesOf(stack("staging"), "azurerm_network_security_group").find((n: any) => n.name.endsWith("-isolated")) as any;
    const rules = Object.fromEntries(nsg.security_rule.map((r: any) => [r.name, r]));
    expect(rules["deny-all-outbound"]).toMatchObject({ direction: "Outbound", access: "Deny", destination_address_prefix: "*", destination_port_range: "*" });
    expect(rules["allow-services"]).toMatchObject({ direction: "Inbound", access: "Allow", source_address_prefix: "10.2.0.0/22", destination_address_prefix: "10.2.5.0/24" });
    expect(nsg.security_rule.filter((r: any) => r.direction === "Outbound" && r.access === "Allow")).toEqual([]);
  });

  test("identity: the service groups carry the data identity and read Key Vault; the language groups carry none", () => {
    for (const name of ["federation-core-0", "context-server-0"]) {
      expect(byName(name).identity).toEqual({ type: "UserAssigned", identity_ids: [expect.stringMatching(/^\$\{azurerm_user_assigned_identity\.Data_Identity_/)] });
    }
    expect(byName("federation-core-0").container[0].environment_variables).toEqual({ MONGODB_URI_FILE: "/mnt/secrets-store/mongodb-uri" });
    expect(byName("context-server-0").container[0].environment_variables).toEqual({ REDIS_URL_FILE: "/mnt/secrets-store/redis-url" });
    expect(byName("languages-0-0").identity).toBeUndefined();
    expect(byName("languages-0-0").init_container).toBeUndefined();
  });

  test("no secret value in the container groups", () => {
    const text = JSON.stringify(groups());
    expect(text).not.toMatch(/secure_environment_variables|primary_mongodb_connection_string|primary_access_key|"secret"/);
  });

  test("each group's logs go to the staging workspace (the groups' diagnostics block, not diagnostic settings)", () => {
    expect(resourcesOf(stack("staging"), "azurerm_monitor_diagnostic_setting")).toEqual([]);
    expect(groups()).toHaveLength(6);
    for (const g of groups()) expect([g.name, g.diagnostics.log_analytics.workspace_id]).toEqual([g.name, expect.stringMatching(/^\$\{azurerm_log_analytics_workspace\.[^.]+\.workspace_id\}$/)]);
  });

  test("basic monitoring: a Log Analytics workspace (30 days) for the container groups to attach to", () => {
    expect(onlyResource(stack("staging"), "azurerm_log_analytics_workspace")).toMatchObject({
      name: "omega-law-staging",
      location: "eastus",
      retention_in_days: 30,
    });
  });

  describe("the way in: API Management Developer in the network, External mode", () => {
    const apim = () => onlyResource(stack("staging"), "azurerm_api_management");
    const nsgs = () => Object.fromEntries((resourcesOf(stack("staging"), "azurerm_network_security_group") as any[]).map((n) => [n.name.split("-").pop(), n]));

    test("one Developer unit injected into the staging network's api-gateway subnet, with a Standard public IP and DNS label", () => {
      expect(apim()).toMatchObject({ sku_name: "Developer_1", virtual_network_type: "External", location: "eastus" });
      const subnet = (resourcesOf(stack("staging"), "azurerm_subnet") as any[]).find((s) => s.name === "api-gateway");
      expect(subnet).toMatchObject({ address_prefixes: ["10.2.6.0/27"] });
      expect(subnet.delegation).toBeUndefined();
      expect(apim().virtual_network_configuration).toEqual({ subnet_id: expect.stringMatching(/^\$\{azurerm_subnet\.Gateway_Subnet_.*\.id\}$/) });
      const ip = onlyResource(stack("staging"), "azurerm_public_ip");
      expect(ip).toMatchObject({ sku: "Standard", allocation_method: "Static", domain_name_label: apim().name });
      expect(apim().public_ip_address_id).toMatch(/^\$\{azurerm_public_ip\.Gateway_PublicIp_.*\.id\}$/);
    });

    test("no public IP on any container group; the gateway's is the only one", () => {
      for (const g of groups()) {
        expect(g.ip_address_type).toBe("Private");
        expect(g.dns_name_label).toBeUndefined();
      }
      expect(resourcesOf(stack("staging"), "azurerm_public_ip")).toHaveLength(1);
    });

    test("the gateway subnet's security rules are API Management's required ones, and nothing else inbound", () => {
      const rules = (nsgs().nsg.security_rule as any[]).map((r) => [r.direction, r.access, r.source_address_prefix, r.destination_address_prefix, r.destination_port_ranges ?? r.destination_port_range]);
      expect(rules).toEqual([
        ["Inbound", "Allow", "Internet", "VirtualNetwork", ["443"]],
        ["Inbound", "Allow", "ApiManagement", "VirtualNetwork", ["3443"]],
        ["Inbound", "Allow", "AzureLoadBalancer", "VirtualNetwork", ["6390"]],
        ["Inbound", "Deny", "*", "*", "*"],
        ["Outbound", "Allow", "VirtualNetwork", "Storage", ["443"]],
        ["Outbound", "Allow", "VirtualNetwork", "Sql", ["1433"]],
        ["Outbound", "Allow", "VirtualNetwork", "AzureKeyVault", ["443"]],
        ["Outbound", "Allow", "VirtualNetwork", "AzureMonitor", ["1886", "443"]],
        ["Outbound", "Allow", "VirtualNetwork", "AzureActiveDirectory", ["443"]],
        ["Outbound", "Allow", "VirtualNetwork", "Internet", ["80"]],
      ]);
      expect(resourcesOf(stack("staging"), "azurerm_subnet_network_security_group_association")).toHaveLength(3);
    });

    test("only the gateway subnet reaches federation-core, only on 9405, only its groups' IPs", () => {
      const inbound = (nsgs().services.security_rule as any[]).filter((r) => r.direction === "Inbound");
      expect(inbound.map((r) => r.name)).toEqual(["allow-services-peers", "deny-other-network-inbound", "allow-gateway-federation-core"]);
      const gateway = inbound.find((r) => r.name === "allow-gateway-federation-core");
      expect(gateway).toMatchObject({
        access: "Allow",
        priority: 150,
        source_address_prefixes: ["10.2.6.0/27"],
        destination_port_ranges: ["9405"],
        destination_address_prefixes: [
          expect.stringMatching(/^\$\{azurerm_container_group\.Services_federation-core-0_.*\.ip_address\}$/),
          expect.stringMatching(/^\$\{azurerm_container_group\.Services_federation-core-1_.*\.ip_address\}$/),
        ],
      });
    });

    test("one backend per federation-core group, at its private IP and port, and one API with wildcard operations and no subscription key", () => {
      const backends = resourcesOf(stack("staging"), "azurerm_api_management_backend") as any[];
      expect(backends.map((b) => [b.name, b.protocol, b.url.replace(/azurerm_container_group\.Services_(federation-core-\d)_\w+\.ip_address/, "$1")])).toEqual([
        ["federation-core-0", "http", "http://${federation-core-0}:9405"],
        ["federation-core-1", "http", "http://${federation-core-1}:9405"],
      ]);
      expect(onlyResource(stack("staging"), "azurerm_api_management_api")).toMatchObject({ path: "federation", protocols: ["https"], subscription_required: false });
      const ops = (resourcesOf(stack("staging"), "azurerm_api_management_api_operation") as any[]).map((o) => `${o.method} ${o.url_template}`);
      expect(ops.sort()).toEqual(["DELETE /*", "GET /*", "PATCH /*", "POST /*", "PUT /*"]);
    });

    test("the policy: Entra ID token from the variables (401 otherwise), 100 calls a minute per caller, 100 KB bodies, both backends", () => {
      const xml = onlyResource(stack("staging"), "azurerm_api_management_api_policy").xml_content as string;
      expect(xml).toContain('<validate-azure-ad-token tenant-id="${var.staging_api_tenant_id}" header-name="Authorization" failed-validation-httpcode="401"');
      expect(xml).toContain("<audience>${var.staging_api_audience}</audience>");
      expect(xml).toContain("<application-id>${var.staging_api_client_application_id}</application-id>");
      expect(xml).toContain('<rate-limit-by-key calls="100" renewal-period="60" counter-key="@(context.Request.IpAddress)" />');
      expect(xml).toContain('max-size="102400" size-exceeded-action="prevent"');
      expect(xml).toContain("&quot;federation-core-0&quot;, &quot;federation-core-1&quot;");
      expect(Object.keys(stack("staging").variable ?? {}).sort()).toEqual([
        "staging_api_audience",
        "staging_api_client_application_id",
        "staging_api_publisher_email",
        "staging_api_tenant_id",
      ]);
      expect((stack("staging").output as any).federation_core_url.value).toMatch(/gateway_url\}\/federation$/);
    });
  });

  test("Cosmos DB on the free tier in staging only", () => {
    expect(onlyResource(stack("staging"), "azurerm_cosmosdb_account").free_tier_enabled).toBe(true);
    expect(onlyResource(stack("small-prod"), "azurerm_cosmosdb_account").free_tier_enabled).toBe(false);
    expect(onlyResource(stack("enterprise-global"), "azurerm_cosmosdb_account").free_tier_enabled).toBe(false);
  });

  test("Cosmos DB 400 RU/s, Redis Basic C1, basic monitoring, ~$500", () => {
    const data = managed(STAGING_TIER);
    expect(data.cosmos.throughputRuPerSecond).toBe(400);
    expect(data.redis).toEqual({ sku: "Basic", family: "C", capacity: 1 });
    expect(data.search).toBeUndefined();
    expect(STAGING_TIER.monitoring).toBe(MonitoringLevel.BASIC);
    expect(STAGING_TIER.budget?.seedMonthlyUsd).toBe(500);
  });
});

describe("small-prod", () => {
  const sp = () => stack("small-prod");

  test("resource group, network, workspace, cluster and spot pool in eastus", () => {
    expect(onlyResource(sp(), "azurerm_resource_group")).toMatchObject({ name: "omega-small-prod", location: "eastus" });
    expect(onlyResource(sp(), "azurerm_virtual_network")).toMatchObject({ address_space: ["10.1.0.0/16"], location: "eastus" });
    expect((resourcesOf(sp(), "azurerm_subnet") as any[]).find((s) => s.name === "cluster").address_prefixes).toEqual(["10.1.0.0/22"]);
    expect(onlyResource(sp(), "azurerm_log_analytics_workspace").retention_in_days).toBe(30);
  });

  test("always-on pool 3 x Standard_D4s_v5 across zones 1-3, Standard tier for the 99.9% SLA", () => {
    const aks = onlyResource(sp(), "azurerm_kubernetes_cluster");
    expect(aks.default_node_pool).toMatchObject({ name: "alwayson", vm_size: "Standard_D4s_v5", node_count: 3, zones: ["1", "2", "3"] });
    expect(aks.sku_tier).toBe("Standard");
    expect(aks.location).toBe("eastus");
    expect(aks.oms_agent).toBeDefined();
    expect(aks.microsoft_defender).toBeDefined();
    expect(SMALL_PROD_TIER.slaPercent).toBe(99.9);
  });

  test("spot pool Standard_D4s_v5 0..5, eviction Delete", () => {
    const pools = resourcesOf(sp(), "azurerm_kubernetes_cluster_node_pool") as any[];
    expect(pools.map((p) => p.name).sort()).toEqual(["sandbox", "spot"]);
    expect(pools.find((p) => p.priority === "Spot")).toMatchObject({
      priority: "Spot",
      eviction_policy: "Delete",
      vm_size: "Standard_D4s_v5",
      min_count: 0,
      max_count: 5,
      auto_scaling_enabled: true,
      spot_max_price: -1,
      zones: ["1", "2", "3"],
    });
  });

  test("services 3/3/2/2/2, titans 1 each, guard, warden and capacity manager 1, teams 0..5", () => {
    const s = SMALL_PROD_TIER.services;
    expect([s.federationCore, s.contextServer, s.agentRegistry, s.mcpRegistry, s.orchestrator].map((x) => x.replicas)).toEqual([3, 3, 2, 2, 2]);
    expect(s.titans.replicasEach * s.titans.models.length).toBe(5);
    expect([s.praetorianGuard, s.warden, s.capacityManager].map((x) => x.replicas)).toEqual([1, 1, 1]);
    expect(SMALL_PROD_TIER.agentTeams.replicas).toEqual({ min: 0, max: 5 });
  });

  test("Cosmos DB 1000 RU/s in one region, Redis Premium P1, AI Search Basic, ~$2,100", () => {
    const data = managed(SMALL_PROD_TIER);
    expect(data.cosmos).toMatchObject({ throughputRuPerSecond: 1000, regions: ["eastus"], multiRegionWrites: false });
    expect(data.redis).toEqual({ sku: "Premium", family: "P", capacity: 1, storedDataGb: { min: 1, expected: 3, max: 6 } });
    expect(data.cosmos.reservedCapacity).toBe(ReservationTerm.ONE_YEAR);
    expect(SMALL_PROD_TIER.cluster?.alwaysOnPool.commitment).toBe(ComputeCommitment.SAVINGS_PLAN_1_YEAR);
    expect(data.search).toEqual({ sku: "basic", replicas: 1, partitions: 1 });
    expect(SMALL_PROD_TIER.monitoring).toBe(MonitoringLevel.STANDARD);
    expect(SMALL_PROD_TIER.budget?.seedMonthlyUsd).toBe(2100);
  });

  test("the workloads stack reaches the cluster through kubelogin and creates the namespaces", () => {
    const w = stack("small-prod-workloads");
    const kube = w.provider?.kubernetes?.[0] as Record<string, any>;
    expect(kube.exec).toEqual([
      {
        api_version: "client.authentication.k8s.io/v1beta1",
        command: "kubelogin",
        args: ["get-token", "--login", "azurecli", "--server-id", "6dae42f8-4368-4678-94ff-3960e28e3630"],
      },
    ]);
    expect(kube.host).toMatch(/^\$\{data\.terraform_remote_state\.cross-stack-reference-input-small-prod\.outputs\./);
    expect(kube.client_certificate).toBeUndefined();
    expect(kube.cluster_ca_certificate).toMatch(/^\$\{base64decode\(/);
    const helm = w.provider?.helm?.[0] as Record<string, any>;
    expect(helm.kubernetes.host).toBe(kube.host);
    expect(helm.kubernetes.exec.command).toBe("kubelogin");
    expect(resourcesOf(w, "kubernetes_namespace_v1").map((n: any) => n.metadata.name).sort()).toEqual([
      "agents",
      "edge",
      "languages",
      "observability",
      "platform",
    ]);
    expect(stacks.smallProd.workloads.dependencies).toContain(stacks.smallProd.platform);
  });
});

describe("enterprise", () => {
  test.each(ENTERPRISE_REGIONS)("%s: always-on pool 5 x Standard_D8s_v5 across zones 1-3", (region) => {
    const s = stack(`enterprise-${region}`);
    const aks = onlyResource(s, "azurerm_kubernetes_cluster");
    expect(aks).toMatchObject({ location: region, name: `omega-aks-enterprise-${region}`, sku_tier: "Standard" });
    expect(aks.default_node_pool).toMatchObject({ vm_size: "Standard_D8s_v5", node_count: 5, zones: ["1", "2", "3"] });
    expect(onlyResource(s, "azurerm_resource_group")).toMatchObject({ name: `omega-enterprise-${region}`, location: region });
  });

  // Seed 004's $0.05/h cap is below the published D4s_v5 spot price, so Azure would allocate no
  // node at it: the tier pays the spot price up to on-demand (-1) instead (issue 15).
  test.each(ENTERPRISE_REGIONS)("%s: spot Standard_D4s_v5 0..50 at the spot price up to on-demand, eviction Delete", (region) => {
    // The sandbox pool is spot too (sandbox-pool-numbers.test.ts); this is the pool of everything else.
    const pools = resourcesOf(stack(`enterprise-${region}`), "azurerm_kubernetes_cluster_node_pool") as any[];
    expect(pools.map((p) => [p.name, p.priority]).sort()).toEqual([["sandbox", "Spot"], ["spot", "Spot"]]);
    expect(pools.find((p) => p.name === "spot")).toMatchObject({
      priority: "Spot",
      eviction_policy: "Delete",
      spot_max_price: -1,
      vm_size: "Standard_D4s_v5",
      min_count: 0,
      max_count: 50,
      zones: ["1", "2", "3"],
    });
  });

  test.each(ENTERPRISE_REGIONS)("%s-workloads: namespaces on that region's cluster", (region) => {
    const w = stack(`enterprise-${region}-workloads`);
    expect((w.provider?.kubernetes?.[0] as any).host).toContain(`cross-stack-reference-input-enterprise-${region}.`);
    // platform, agents, languages, observability and the edge gateway's.
    expect(resourcesOf(w, "kubernetes_namespace_v1")).toHaveLength(5);
  });

  test("regions eastus (primary), westeurope (secondary), southeastasia (tertiary) with distinct address spaces", () => {
    expect(ENTERPRISE_TIER.regions.map((r) => [r.name, r.role])).toEqual([
      ["eastus", "primary"],
      ["westeurope", "secondary"],
      ["southeastasia", "tertiary"],
    ]);
    const spaces = ENTERPRISE_REGIONS.map((r) => onlyResource(stack(`enterprise-${r}`), "azurerm_virtual_network").address_space[0]);
    expect(new Set(spaces).size).toBe(3);
  });

  test("enterprise-global holds its resource group in the primary region", () => {
    expect(onlyResource(stack("enterprise-global"), "azurerm_resource_group")).toMatchObject({
      name: "omega-enterprise-global",
      location: "eastus",
    });
  });

  test("services 5/5/3/3/3, titans 3 each (15), guard, warden, capacity manager 2", () => {
    const s = ENTERPRISE_TIER.services;
    expect([s.federationCore, s.contextServer, s.agentRegistry, s.mcpRegistry, s.orchestrator].map((x) => x.replicas)).toEqual([5, 5, 3, 3, 3]);
    expect(s.titans.replicasEach).toBe(3);
    expect(s.titans.replicasEach * s.titans.models.length).toBe(15);
    expect([s.praetorianGuard, s.warden, s.capacityManager].map((x) => x.replicas)).toEqual([2, 2, 2]);
  });

  test("agent teams 5..50 from 08:00 to 18:00 America/New_York every day (seed 004's floor, weekends included), 0 otherwise", () => {
    expect(ENTERPRISE_TIER.agentTeams.replicas.max).toBe(50);
    expect(ENTERPRISE_TIER.agentTeams.schedule).toEqual({
      timeZone: "America/New_York",
      startHour: 8,
      endHour: 18,
      days: ScheduleDays.EVERY_DAY,
      minReplicasInWindow: 5,
      minReplicasOutsideWindow: 0,
    });
  });

  test("the always-on pools on a 1-year savings plan", () => {
    expect(ENTERPRISE_TIER.cluster?.alwaysOnPool.commitment).toBe(ComputeCommitment.SAVINGS_PLAN_1_YEAR);
  });

  // Issue 15's levers: one write region (reads in all three) zone redundant, one 26 GB shard with
  // clustering, the tier's three search replicas one per region, container logs in Loki only.
  test("Cosmos DB 10000 RU/s across 3 regions, written in eastus, Session; Redis Premium P3 (26 GB) clustered; AI Search Standard x3", () => {
    const data = managed(ENTERPRISE_TIER);
    expect(data.cosmos).toMatchObject({ throughputRuPerSecond: 10000, regions: ENTERPRISE_REGIONS, multiRegionWrites: false, zoneRedundant: true });
    expect(data.cosmos.zoneRedundancyScope).toBe(CosmosZoneRedundancyScope.WRITE_REGION);
    expect(data.cosmos.consistency).toBe(CosmosConsistency.SESSION);
    expect(data.redis).toMatchObject({ sku: "Premium", family: "P", capacity: 3, shardCount: 1 });
    expect(data.search).toEqual({ sku: "standard", replicas: 3, partitions: 1, placement: SearchPlacement.SPREAD_ACROSS_REGIONS });
    expect(searchReplicasPerRegion(ENTERPRISE_TIER, data) * ENTERPRISE_TIER.regions.length).toBe(3);
    expect(ENTERPRISE_TIER.containerInsights).toEqual({ containerLogs: false, intervalMinutes: 5, excludeSystemNamespaces: true });
    expect(ENTERPRISE_TIER.monitoring).toBe(MonitoringLevel.FULL);
    expect(ENTERPRISE_TIER.slaPercent).toBe(99.99);
    expect(ENTERPRISE_TIER.budget?.seedMonthlyUsd).toBe(15000);
    expect(ENTERPRISE_TIER.budget?.ceilingMonthlyUsd).toBe(15000);
    expect(ENTERPRISE_TIER.budget?.stackCeilings).toEqual({ regionalMonthlyUsd: 4200, globalMonthlyUsd: 3000 });
  });

  // Issue 26: the commitments and where the Redis snapshots go.
  test("Cosmos DB on 1-year reserved capacity; the Redis snapshots on a zone-redundant account of their own", () => {
    const data = managed(ENTERPRISE_TIER);
    expect(data.cosmos.reservedCapacity).toBe(ReservationTerm.ONE_YEAR);
    expect(data.redis.persistenceRedundancy).toBe(StorageReplication.ZRS);
    expect(data.redis.reservation).toBeUndefined();
    expect(data.storage.replication).toBe(StorageReplication.GRS);
  });

  test("the synthesized snapshot account is ZRS, the data account stays GRS", () => {
    for (const region of ENTERPRISE_REGIONS) {
      const accounts = Object.entries(stack(`enterprise-${region}`).resource?.azurerm_storage_account ?? {}) as [string, { account_replication_type: string }][];
      const snapshot = accounts.find(([name]) => name.includes("RedisPersistence"));
      const data = accounts.find(([name]) => name.includes("Data_Storage"));
      expect(snapshot?.[1].account_replication_type).toBe("ZRS");
      expect(data?.[1].account_replication_type).toBe("GRS");
    }
  });
});
