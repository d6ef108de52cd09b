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

describe("staging's container groups on a first apply (issue 23)", () => {
  const s = () => stack("staging");
  const groups = () => resourcesOf(s(), "azurerm_container_group");
  const withSecrets = () => groups().filter((g) => g.container.some((c: any) => c.name === "secrets-sync"));

  test("secrets come from a sidecar with the group's identity, never an init container (ACI gives those no managed identity)", () => {
    expect(groups().length).toBeGreaterThan(0);
    for (const g of groups()) expect([g.name, g.init_container]).toEqual([g.name, undefined]);
    // federation-core and context-server, two replicas each, read MONGODB_URI / REDIS_URL.
    expect(withSecrets().map((g) => g.name).sort()).toEqual(["context-server-0", "context-server-1", "federation-core-0", "federation-core-1"]);
    for (const g of withSecrets()) expect([g.name, g.identity.type]).toEqual([g.name, "UserAssigned"]);
  });

  test("each group with secrets waits for every secret's deployment and for its identity's Key Vault Secrets User", () => {
    const deployments = Object.keys((s().resource as Record<string, Record<string, unknown>>).azurerm_resource_group_template_deployment).map((k) => `azurerm_resource_group_template_deployment.${k}`);
    const assignments = (s().resource as Record<string, Record<string, any>>).azurerm_role_assignment;
    const secretsUser = Object.entries(assignments).filter(([, a]) => a.role_definition_name === "Key Vault Secrets User").map(([k]) => `azurerm_role_assignment.${k}`);
    expect(secretsUser).toHaveLength(1);
    expect(deployments).toHaveLength(3);
    for (const g of withSecrets()) expect([g.name, [...g.depends_on].sort()]).toEqual([g.name, [...deployments, ...secretsUser].sort()]);
  });

  test("logs go through the groups' diagnostics block (GA), not diagnostic settings (a preview that restarts every group)", () => {
    expect(resourcesOf(s(), "azurerm_monitor_diagnostic_setting")).toEqual([]);
    const workspace = resourcesOf(s(), "azurerm_log_analytics_workspace")[0];
    expect(workspace.local_authentication_enabled).toBe(true);
    for (const g of groups()) {
      expect([g.name, g.diagnostics.log_analytics]).toEqual([
        g.name,
        {
          workspace_id: expect.stringMatching(/^\$\{azurerm_log_analytics_workspace\.[^.]+\.workspace_id\}$/),
          workspace_key: expect.stringMatching(/^\$\{azurerm_log_analytics_workspace\.[^.]+\.primary_shared_key\}$/),
          log_type: "ContainerInstanceLogs",
        },
      ]);
    }
  });

  test("context-server resolves Redis's private endpoint: the groups use Azure-provided DNS, which answers from the private zone linked to their network", () => {
    // ACI does not inherit a virtual network's custom DNS servers; staging's network sets none, so
    // both the network and the groups use Azure's resolver (168.63.129.16), which serves the
    // private DNS zones linked to that network.
    const [vnet] = resourcesOf(s(), "azurerm_virtual_network");
    expect(vnet.dns_servers).toBeUndefined();
    for (const g of groups()) expect([g.name, g.dns_config]).toEqual([g.name, undefined]);
    const res = s().resource as Record<string, Record<string, any>>;
    const zoneKey = Object.entries(res.azurerm_private_dns_zone).find(([, z]) => z.name === "privatelink.redis.cache.windows.net")?.[0];
    expect(zoneKey).toBeDefined();
    const vnetKey = Object.keys(res.azurerm_virtual_network)[0];
    const links = Object.values(res.azurerm_private_dns_zone_virtual_network_link).filter((l) => l.private_dns_zone_id === `\${azurerm_private_dns_zone.${zoneKey}.id}`);
    expect(links.map((l) => l.virtual_network_id)).toEqual([`\${azurerm_virtual_network.${vnetKey}.id}`]);
    // The endpoint registers its A record in that zone.
    const endpoints = Object.values(res.azurerm_private_endpoint).filter((e) => JSON.stringify(e.private_dns_zone_group ?? {}).includes(`azurerm_private_dns_zone.${zoneKey}.id`));
    expect(endpoints).toHaveLength(1);
  });
});
