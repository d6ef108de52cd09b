// What a first apply from a CI runner outside the virtual network needs (issue 11), asserted on the
// synthesized stacks of the reference app.
import { buildPlatform } from "../../stacks/platform-app";
import { CONTAINER_INSIGHTS_STREAMS, CONTAINER_LOGS_STREAM } from "../../constructs/always-on-cluster";
import { SynthJson, resourcesOf as resourcesOfJson, synthApp } from "../helpers";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const resourcesOf = (s: SynthJson, type: string) => resourcesOfJson(s, type) as any[];

const json = synthApp((app) => buildPlatform(app, { platformName: "omega" }));
const AZURE = ["staging", "small-prod", "enterprise-global", "enterprise-eastus", "enterprise-westeurope", "enterprise-southeastasia"];
const CLUSTERS = ["small-prod", "enterprise-eastus", "enterprise-westeurope", "enterprise-southeastasia"];

function stack(name: string): SynthJson {
  const found = json.get(name);
  if (!found) throw new Error(`no stack ${name}`);
  return found;
}

describe("no data-plane call from Terraform", () => {
  test.each(AZURE)("%s: azurerm skips the storage data plane (no queue or static website is configured)", (name) => {
    const provider = (stack(name).provider as Record<string, any[]>).azurerm[0];
    expect(provider.features).toEqual([{ storage: [{ data_plane_available: false }] }]);
    for (const account of resourcesOf(stack(name), "azurerm_storage_account")) {
      expect([name, account.queue_properties, account.static_website]).toEqual([name, undefined, undefined]);
    }
  });

  test.each(CLUSTERS)("%s: the vault stays private and Terraform writes no secret through its data plane", (name) => {
    const vault = resourcesOf(stack(name), "azurerm_key_vault")[0];
    expect(vault.public_network_access_enabled).toBe(false);
    expect(vault.network_acls).toEqual({ bypass: "AzureServices", default_action: "Deny" });
    expect(resourcesOf(stack(name), "azurerm_key_vault_secret")).toEqual([]);
    expect(resourcesOf(stack(name), "azurerm_resource_group_template_deployment").length).toBeGreaterThanOrEqual(4);
  });
});

describe("Container Insights", () => {
  test.each(CLUSTERS)("%s: a data collection rule for the cluster's workspace, associated with the cluster", (name) => {
    const s = stack(name);
    const cluster = resourcesOf(s, "azurerm_kubernetes_cluster")[0];
    expect(cluster.oms_agent).toMatchObject({ msi_auth_for_monitoring_enabled: true });
    const [rule] = resourcesOf(s, "azurerm_monitor_data_collection_rule");
    expect(rule.destinations.log_analytics).toEqual([{ name: "ciworkspace", workspace_resource_id: cluster.oms_agent.log_analytics_workspace_id }]);
    // small-prod keeps Microsoft's Standard preset; enterprise its Cost-optimized preset without
    // container logs (Loki keeps them).
    const enterprise = name.startsWith("enterprise");
    const streams = enterprise ? CONTAINER_INSIGHTS_STREAMS.filter((st) => st !== CONTAINER_LOGS_STREAM) : CONTAINER_INSIGHTS_STREAMS;
    expect(streams).toHaveLength(enterprise ? CONTAINER_INSIGHTS_STREAMS.length - 1 : CONTAINER_INSIGHTS_STREAMS.length);
    expect(rule.data_flow).toEqual([{ streams, destinations: ["ciworkspace"] }]);
    expect(rule.data_sources.extension[0]).toMatchObject({ name: "ContainerInsightsExtension", extension_name: "ContainerInsights", streams });
    expect(JSON.parse(rule.data_sources.extension[0].extension_json)).toEqual({
      dataCollectionSettings: enterprise
        ? { interval: "5m", namespaceFilteringMode: "Exclude", namespaces: ["kube-system", "gatekeeper-system", "azure-arc"], enableContainerLogV2: true }
        : { interval: "1m", namespaceFilteringMode: "Off", enableContainerLogV2: true },
    });
    const [association] = resourcesOf(s, "azurerm_monitor_data_collection_rule_association");
    expect(association).toMatchObject({
      name: "ContainerInsightsExtension",
      target_resource_id: expect.stringMatching(/^\$\{azurerm_kubernetes_cluster\.[^.]+\.id\}$/),
      data_collection_rule_id: expect.stringMatching(/^\$\{azurerm_monitor_data_collection_rule\.[^.]+\.id\}$/),
    });
  });
});

describe("the Prometheus operator's admission webhook", () => {
  test.each(["dev", ...CLUSTERS.map((c) => `${c}-workloads`)])("%s: kube-system (konnectivity-agent) reaches the operator on 10250, nothing else", (name) => {
    const policies = resourcesOf(stack(name), "kubernetes_network_policy_v1").filter((p) => p.metadata.name === "allow-operator-webhook");
    expect(policies).toHaveLength(1);
    expect(policies[0].metadata.namespace).toMatch(/observability/);
    expect(policies[0].spec).toEqual({
      pod_selector: { match_labels: { app: "kube-prometheus-stack-operator" } },
      policy_types: ["Ingress"],
      ingress: [
        {
          from: [{ namespace_selector: { match_labels: { "kubernetes.io/metadata.name": "kube-system" } } }],
          ports: [{ port: "10250", protocol: "TCP" }],
        },
      ],
    });
  });
});

describe("the data SecretProviderClass", () => {
  test.each(CLUSTERS.map((c) => `${c}-workloads`))("%s: in the namespace resource, so it is created after it", (name) => {
    const spc = resourcesOf(stack(name), "kubernetes_manifest").find((m) => m.manifest.kind === "SecretProviderClass");
    expect(spc?.manifest.metadata.namespace).toMatch(/^\$\{kubernetes_namespace_v1\.[^.]+\.metadata\[0\]\.name\}$/);
  });
});
