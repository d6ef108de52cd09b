import { readFileSync } from "fs";
import { join } from "path";
import { TerraformResource } from "cdktf";
import { AzurermProvider } from "../../providers/azurerm/provider";
import { ResourceGroup } from "../../providers/azurerm/resource-group";
import { RedisCache } from "../../providers/azurerm/redis-cache";
import { KubernetesCluster } from "../../providers/azurerm/kubernetes-cluster";
import { AZURE_RESOURCE_PROVIDER_OF_TYPE, registerResourceProviders } from "../../constructs/resource-provider-registrations";
import { readUsedTypes } from "../../scripts/terraform/provider-bindings";
import { buildPlatform } from "../../stacks/platform-app";
import { SynthJson, synthApp, synthJson, testStack } from "../helpers";

function providerBlock(json: ReturnType<typeof synthJson>): Record<string, unknown> {
  return (json.provider?.azurerm ?? [])[0] as Record<string, unknown>;
}

describe("registerResourceProviders", () => {
  test("every azurerm resource type the library uses has its resource provider in the table, and nothing else is there", () => {
    expect(Object.keys(AZURE_RESOURCE_PROVIDER_OF_TYPE).sort()).toEqual([...readUsedTypes().azurerm.resources].sort());
  });

  test("registers exactly the namespaces of the stack's resources (an AKS cluster also brings Compute, Network and Storage), none of azurerm 5's sets", () => {
    const { stack } = testStack();
    const provider = new AzurermProvider(stack, "azurerm", { features: [{}] });
    registerResourceProviders(provider);
    new ResourceGroup(stack, "Rg", { name: "rg", location: "eastus" });
    new RedisCache(stack, "Redis", { name: "r", location: "eastus", resourceGroupName: "rg", capacity: 1, family: "C", skuName: "Basic" });
    new KubernetesCluster(stack, "Aks", {
      name: "aks",
      location: "eastus",
      resourceGroupName: "rg",
      dnsPrefix: "aks",
      defaultNodePool: { name: "system", vmSize: "Standard_D4s_v5", nodeCount: 1 },
      identity: { type: "SystemAssigned" },
      nodeProvisioningProfile: { mode: "Manual" },
    });
    expect(providerBlock(synthJson(stack))).toMatchObject({
      resource_provider_registrations: "none",
      resource_providers_to_register: ["Microsoft.Cache", "Microsoft.Compute", "Microsoft.ContainerService", "Microsoft.Network", "Microsoft.Storage"],
    });
  });

  test("a stack with only always-registered namespaces registers none", () => {
    const { stack } = testStack();
    registerResourceProviders(new AzurermProvider(stack, "azurerm", { features: [{}] }));
    new ResourceGroup(stack, "Rg", { name: "rg", location: "eastus" });
    expect(providerBlock(synthJson(stack)).resource_providers_to_register).toEqual([]);
  });

  test("a type the library does not know: a warning naming it, and its namespace through additional", () => {
    const { stack } = testStack();
    registerResourceProviders(new AzurermProvider(stack, "azurerm", { features: [{}] }), { additional: ["Microsoft.Cache"] });
    const mystery = new TerraformResource(stack, "Mystery", { terraformResourceType: "azurerm_managed_redis" });
    const json = synthJson(stack);
    expect(providerBlock(json).resource_providers_to_register).toEqual(["Microsoft.Cache"]);
    const warnings = mystery.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => m.data);
    expect(warnings).toEqual([
      'the resource provider of azurerm_managed_redis is not known to this library: pass its namespace (e.g. "Microsoft.Example") to registerResourceProviders(provider, { additional: [...] }) or register it in the subscription before the first apply',
    ]);
  });

  test("fails on an additional namespace that is not one", () => {
    const { stack } = testStack();
    const provider = new AzurermProvider(stack, "azurerm", { features: [{}] });
    expect(() => registerResourceProviders(provider, { additional: ["containerservice"] })).toThrow(
      'test/azurerm: invalid additional "containerservice": expected a resource provider namespace such as Microsoft.ContainerService',
    );
  });

  test("the reference app: each Azure stack registers what its resources need", () => {
    const json = synthApp((app) => buildPlatform(app, { platformName: "omega" }));
    const registered = (name: string) => providerBlock(json.get(name) as SynthJson);
    expect(registered("staging").resource_providers_to_register).toEqual([
      "Microsoft.ApiManagement",
      "Microsoft.Cache",
      "Microsoft.Consumption",
      "Microsoft.ContainerInstance",
      "Microsoft.DocumentDB",
      // No Microsoft.Insights: the container groups ship logs through their diagnostics block, not diagnostic settings.
      "Microsoft.KeyVault",
      "Microsoft.ManagedIdentity",
      "Microsoft.Network",
      "Microsoft.OperationalInsights",
      "Microsoft.Storage",
    ]);
    expect(registered("small-prod-workloads").resource_providers_to_register).toEqual(["Microsoft.Cdn"]);
    expect(registered("enterprise-global").resource_provider_registrations).toBe("none");
    // The README's one-time registration loop names exactly what the stacks register.
    const all = new Set([...json.values()].flatMap((j) => ((j.provider?.azurerm ?? [])[0]?.resource_providers_to_register as string[] | undefined) ?? []));
    const readme = readFileSync(join(__dirname, "..", "..", "README.md"), "utf8");
    const loop = /for ns in ([\s\S]*?); do az provider register/.exec(readme);
    expect(loop).not.toBeNull();
    expect((loop as RegExpExecArray)[1].split(/[\s\\]+/).filter((w) => w !== "").sort()).toEqual([...all].sort());
  });
});
