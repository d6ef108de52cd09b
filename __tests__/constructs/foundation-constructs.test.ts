import { Aspects, Testing } from "cdktf";
import { ResourceGroup } from "../../providers/azurerm/resource-group";
import { Subnet } from "../../providers/azurerm/subnet";
import { AzureTags } from "../../constructs/azure-tags";
import { MonitoringWorkspace } from "../../constructs/monitoring-workspace";
import { PlatformNamespaces, PodSecurityLevel } from "../../constructs/platform-namespaces";
import { PlatformNetwork, PlatformNetworkProps } from "../../constructs/platform-network";
import { PlatformResourceGroup } from "../../constructs/platform-resource-group";
import { onlyResource, resourcesOf, synthJson, testStack } from "../helpers";

describe("PlatformResourceGroup", () => {
  test("minimal config snapshot", () => {
    const { stack } = testStack();
    new PlatformResourceGroup(stack, "Rg", { name: "omega-test", location: "eastus" });
    expect(Testing.synth(stack)).toMatchSnapshot();
  });

  test("fails on a name ending in a period", () => {
    const { stack } = testStack();
    expect(() => new PlatformResourceGroup(stack, "Rg", { name: "omega.", location: "eastus" })).toThrow(
      'test/Rg: invalid name "omega.": expected 1-90 letters, digits, underscores, hyphens, periods or parentheses, not ending in a period',
    );
  });

  test("fails on an unknown region", () => {
    const { stack } = testStack();
    expect(() => new PlatformResourceGroup(stack, "Rg", { name: "omega", location: "mars" })).toThrow(
      'test/Rg: invalid location "mars": expected an Azure region name such as eastus or westeurope',
    );
  });
});

describe("PlatformNetwork", () => {
  const props: PlatformNetworkProps = {
    resourceGroupName: "rg",
    location: "eastus",
    addressSpace: "10.1.0.0/16",
    clusterSubnetPrefix: "10.1.0.0/22",
  };

  test("minimal config snapshot", () => {
    const { stack } = testStack();
    new PlatformNetwork(stack, "Network", props);
    expect(Testing.synth(stack)).toMatchSnapshot();
  });

  test("a virtual network and a cluster subnet without default outbound access", () => {
    const { stack } = testStack();
    new PlatformNetwork(stack, "Network", props);
    const json = synthJson(stack);
    expect(onlyResource(json, "azurerm_virtual_network")).toMatchObject({ name: "test-network", address_space: ["10.1.0.0/16"] });
    expect(onlyResource(json, "azurerm_subnet")).toMatchObject({
      name: "cluster",
      address_prefixes: ["10.1.0.0/22"],
      default_outbound_access_enabled: false,
    });
  });

  test("the name can be set", () => {
    const { stack } = testStack();
    new PlatformNetwork(stack, "Network", { ...props, name: "omega-vnet" });
    expect(onlyResource(synthJson(stack), "azurerm_virtual_network").name).toBe("omega-vnet");
  });

  test("fails on a subnet outside the address space", () => {
    const { stack } = testStack();
    expect(() => new PlatformNetwork(stack, "Network", { ...props, clusterSubnetPrefix: "10.2.0.0/22" })).toThrow(
      'test/Network: invalid clusterSubnetPrefix "10.2.0.0/22": expected a block of /29 or larger inside addressSpace (10.1.0.0/16)',
    );
  });

  test("fails on a subnet larger than the address space", () => {
    const { stack } = testStack();
    expect(() => new PlatformNetwork(stack, "Network", { ...props, clusterSubnetPrefix: "10.0.0.0/8" })).toThrow(
      'test/Network: invalid clusterSubnetPrefix "10.0.0.0/8"',
    );
  });

  test("fails when the address space overlaps a cluster CIDR", () => {
    const { stack } = testStack();
    expect(() => new PlatformNetwork(stack, "Network", { ...props, reservedClusterCidrs: ["10.1.128.0/17"] })).toThrow(
      'test/Network: invalid addressSpace "10.1.0.0/16": expected a block that does not overlap the cluster\'s pod or service CIDR 10.1.128.0/17',
    );
  });
});

describe("MonitoringWorkspace", () => {
  test("minimal config snapshot", () => {
    const { stack } = testStack();
    new MonitoringWorkspace(stack, "Logs", { resourceGroupName: "rg", location: "eastus" });
    expect(Testing.synth(stack)).toMatchSnapshot();
  });

  test("defaults: PerGB2018, 30 days (seed 001), Entra ID only, no cap", () => {
    const { stack } = testStack();
    new MonitoringWorkspace(stack, "Logs", { resourceGroupName: "rg", location: "eastus" });
    const law = onlyResource(synthJson(stack), "azurerm_log_analytics_workspace");
    expect(law).toMatchObject({ sku: "PerGB2018", retention_in_days: 30, local_authentication_enabled: false });
    expect(law.daily_quota_gb).toBeUndefined();
  });

  test("overrides: retention, cap, local auth", () => {
    const { stack } = testStack();
    new MonitoringWorkspace(stack, "Logs", {
      resourceGroupName: "rg",
      location: "eastus",
      name: "law",
      retentionDays: 90,
      dailyQuotaGb: 5,
      localAuthenticationEnabled: true,
    });
    expect(onlyResource(synthJson(stack), "azurerm_log_analytics_workspace")).toMatchObject({
      name: "law",
      retention_in_days: 90,
      daily_quota_gb: 5,
      local_authentication_enabled: true,
    });
  });

  test("fails on retention below Azure's 30 days", () => {
    const { stack } = testStack();
    expect(() => new MonitoringWorkspace(stack, "Logs", { resourceGroupName: "rg", location: "eastus", retentionDays: 7 })).toThrow(
      "test/Logs: invalid retentionDays 7: expected an integer from 30 to 730",
    );
  });
});

describe("PlatformNamespaces", () => {
  test("minimal config snapshot", () => {
    const { stack } = testStack();
    new PlatformNamespaces(stack, "Namespaces");
    expect(Testing.synth(stack)).toMatchSnapshot();
  });

  test("platform, agents and languages enforce restricted; observability is privileged", () => {
    const { stack } = testStack();
    const ns = new PlatformNamespaces(stack, "Namespaces");
    const levels = Object.fromEntries(
      resourcesOf(synthJson(stack), "kubernetes_namespace_v1").map((r: any) => [
        r.metadata.name,
        r.metadata.labels["pod-security.kubernetes.io/enforce"],
      ]),
    );
    expect(levels).toEqual({ platform: "restricted", agents: "restricted", languages: "restricted", observability: "privileged" });
    expect(ns.names).toEqual(["platform", "agents", "languages", "observability"]);
  });

  test("custom namespaces and part-of label", () => {
    const { stack } = testStack();
    new PlatformNamespaces(stack, "Namespaces", {
      namespaces: [{ name: "apps", podSecurity: PodSecurityLevel.BASELINE }],
      partOf: "acme",
    });
    const ns = onlyResource(synthJson(stack), "kubernetes_namespace_v1");
    expect(ns.metadata.labels).toEqual({
      "app.kubernetes.io/part-of": "acme",
      "pod-security.kubernetes.io/enforce": "baseline",
      "pod-security.kubernetes.io/audit": "baseline",
      "pod-security.kubernetes.io/warn": "baseline",
    });
  });

  test("nameOf returns a reference to the namespace", () => {
    const { stack } = testStack();
    const ns = new PlatformNamespaces(stack, "Namespaces");
    expect(ns.nameOf("agents")).toMatch(/TfToken/);
  });

  test("fails on nameOf an unknown namespace", () => {
    const { stack } = testStack();
    const ns = new PlatformNamespaces(stack, "Namespaces");
    expect(() => ns.nameOf("default")).toThrow(
      'test/Namespaces: invalid namespace "default": expected one of "platform", "agents", "languages", "observability"',
    );
  });

  test("fails on a name that is not a DNS label", () => {
    const { stack } = testStack();
    expect(() => new PlatformNamespaces(stack, "Namespaces", { namespaces: [{ name: "Agents" }] })).toThrow(
      'test/Namespaces: invalid namespaces[].name "Agents": expected a DNS-1123 label: 1-63 lowercase letters, digits or hyphens, alphanumeric at both ends',
    );
  });

  test("fails on a repeated namespace", () => {
    const { stack } = testStack();
    expect(() => new PlatformNamespaces(stack, "Namespaces", { namespaces: [{ name: "a" }, { name: "a" }] })).toThrow(
      'test/Namespaces: invalid namespaces[].name "a": expected each namespace once',
    );
  });
});

describe("AzureTags", () => {
  const tags = { environment: "small-prod", tier: "small-prod", region: "eastus", costCenter: "omega-platform" };

  test("tags every taggable azurerm resource and keeps existing tags", () => {
    const { stack } = testStack();
    new ResourceGroup(stack, "Rg", { name: "rg", location: "eastus", tags: { owner: "team-a", environment: "wrong" } });
    Aspects.of(stack).add(new AzureTags(tags));
    expect(onlyResource(synthJson(stack), "azurerm_resource_group").tags).toEqual({
      owner: "team-a",
      environment: "small-prod",
      tier: "small-prod",
      region: "eastus",
      "cost-center": "omega-platform",
    });
  });

  test("leaves resources without tags (subnets) untouched", () => {
    const { stack } = testStack();
    new Subnet(stack, "Subnet", { name: "s", resourceGroupName: "rg", virtualNetworkName: "v", addressPrefixes: ["10.0.0.0/24"] });
    Aspects.of(stack).add(new AzureTags(tags));
    expect(onlyResource(synthJson(stack), "azurerm_subnet").tags).toBeUndefined();
  });
});
