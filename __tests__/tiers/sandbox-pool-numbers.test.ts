import { CostEstimate, CostLine } from "../../cost/cost-estimate";
import { estimateCost } from "../../cost/estimator";
import { TerraformJson } from "../../cost/terraform-json";
import { estimateOptionsForTier } from "../../cost/tier-cost-options";
import { buildPlatform } from "../../stacks/platform-app";
import { ENTERPRISE_TIER } from "../../tiers/enterprise";
import { SMALL_PROD_TIER } from "../../tiers/small-prod";
import { SynthJson, resourcesOf, synthApp } from "../helpers";

// The language services' Kata pool per tier, read back from the synthesized stacks: small-prod's
// on regular nodes, enterprise's on spot nodes (regular ones do not fit its $15,000 ceiling;
// tiers/enterprise.ts).

const json = synthApp((app) => buildPlatform(app, { platformName: "omega" }));

function stack(name: string): SynthJson {
  const found = json.get(name);
  if (!found) throw new Error(`no stack ${name}`);
  return found;
}

const pools = (s: string) => resourcesOf(stack(s), "azurerm_kubernetes_cluster_node_pool") as any[];
const estimate = (s: string, region: string, tier = SMALL_PROD_TIER): CostEstimate => estimateCost(stack(s) as TerraformJson, estimateOptionsForTier(tier, region));
const line = (e: CostEstimate, component: string): CostLine => {
  const found = e.lines.find((l) => l.component === component);
  if (!found) throw new Error(`no line ${component}: ${e.lines.map((l) => l.component).join("; ")}`);
  return found;
};

describe("small-prod: a Kata pool of its own for the language services", () => {
  test("Standard_D4s_v5 1..3 over zones 1-3, KataVmIsolation on Azure Linux, regular priority, tainted, 50 pods a node", () => {
    expect(pools("small-prod").find((p) => p.name === "sandbox")).toMatchObject({
      vm_size: "Standard_D4s_v5",
      workload_runtime: "KataVmIsolation",
      os_sku: "AzureLinux",
      priority: "Regular",
      mode: "User",
      auto_scaling_enabled: true,
      min_count: 1,
      max_count: 3,
      max_pods: 50,
      zones: ["1", "2", "3"],
      node_labels: { sandbox: "kata" },
      node_taints: ["sandbox=kata:NoSchedule"],
    });
  });

  test("the pool joins its own subnet 10.1.5.0/24 through the security group's association", () => {
    const sandbox = pools("small-prod").find((p) => p.name === "sandbox");
    expect(sandbox.vnet_subnet_id).toMatch(/^\$\{azurerm_subnet_network_security_group_association\.SandboxSubnet_SecurityGroupAssociation_[0-9A-F]+\.subnet_id\}$/);
    const subnet = (resourcesOf(stack("small-prod"), "azurerm_subnet") as any[]).find((s) => s.name === "sandbox");
    expect(subnet).toMatchObject({ address_prefixes: ["10.1.5.0/24"], default_outbound_access_enabled: false });
    expect(subnet.virtual_network_name).toMatch(/^\$\{azurerm_virtual_network\.Network_[0-9A-F]+\.name\}$/);
  });

  test("the security group: the cluster subnet and pods on the services' ports in, probes in, the rest denied; the data stores' endpoints denied out", () => {
    const nsg = (resourcesOf(stack("small-prod"), "azurerm_network_security_group") as any[]).find((g) => g.name === "omega-nsg-sandbox-small-prod");
    const rules = (nsg.security_rule as any[]).map((r) => [
      r.name,
      r.direction,
      r.priority,
      r.access,
      r.protocol,
      r.source_address_prefixes ?? r.source_address_prefix,
      r.destination_address_prefix,
      r.destination_port_ranges ?? r.destination_port_range,
    ]);
    expect(rules).toEqual([
      ["allow-node-subnets", "Inbound", 100, "Allow", "*", ["10.1.0.0/22", "10.1.5.0/24"], "10.1.5.0/24", "*"],
      ["allow-nodes-to-pods", "Inbound", 110, "Allow", "*", ["10.1.0.0/22", "10.1.5.0/24"], "192.168.0.0/16", "*"],
      // The language services (8080) and Alloy's metrics (12345), from pods anywhere in the cluster.
      ["allow-pod-ports", "Inbound", 200, "Allow", "Tcp", "192.168.0.0/16", "192.168.0.0/16", ["8080", "12345"]],
      ["allow-node-ports", "Inbound", 210, "Allow", "Tcp", "192.168.0.0/16", "10.1.5.0/24", ["9100", "10250"]],
      ["allow-azure-load-balancer", "Inbound", 300, "Allow", "*", "AzureLoadBalancer", "*", "*"],
      ["deny-other-inbound", "Inbound", 4000, "Deny", "*", "*", "*", "*"],
      ["deny-outbound-0", "Outbound", 100, "Deny", "*", "*", "10.1.4.0/24", "*"],
    ]);
  });

  test("the 8 language services get the Kata runtime class, the pool and its toleration, and keep their hardening and their no-egress policy", () => {
    const langs = (resourcesOf(stack("small-prod-workloads"), "kubernetes_deployment_v1") as any[]).filter((d) => d.metadata.name.startsWith("lang-"));
    expect(langs).toHaveLength(8);
    for (const d of langs) {
      const pod = d.spec.template.spec;
      expect([pod.runtime_class_name, pod.node_selector, pod.toleration]).toEqual([
        "kata-vm-isolation",
        { "kubernetes.azure.com/agentpool": "sandbox" },
        [{ key: "sandbox", operator: "Equal", value: "kata", effect: "NoSchedule" }],
      ]);
      // The hardening stays: no token, non-root, read-only root, no capabilities, seccomp.
      expect(pod.automount_service_account_token).toBe(false);
      const security = pod.container[0].security_context;
      expect(security).toMatchObject({ run_as_non_root: true, read_only_root_filesystem: true, allow_privilege_escalation: false, capabilities: { drop: ["ALL"] } });
    }
    const policies = (resourcesOf(stack("small-prod-workloads"), "kubernetes_network_policy_v1") as any[]).filter((p) => p.metadata.name.endsWith("-isolation"));
    expect(policies).toHaveLength(8);
    for (const p of policies) expect([p.spec.policy_types, p.spec.egress]).toEqual([["Ingress", "Egress"], []]);
  });

  test("cost: the sandbox node at $140.16, its disk $19.71, the spot pool down to one node ($44.65 and $19.71), Defender over 20 vCores", () => {
    const e = estimate("small-prod", "eastus");
    expect(line(e, "node pool sandbox: 1-3 x Standard_D4s_v5").monthlyUsd.expected).toBeCloseTo(0.192 * 730, 6);
    expect(line(e, "node pool sandbox: 1-3 x Standard_D4s_v5").quantity).toBe("1-3 nodes, 1 expected x 730 h x $0.192/h");
    expect(line(e, "node pool sandbox: OS disks (Premium SSD P10, 128 GiB)").monthlyUsd.expected).toBeCloseTo(19.71, 6);
    expect(line(e, "node pool spot: 0-5 x Standard_D4s_v5 (Spot)").monthlyUsd.expected).toBeCloseTo(0.061171 * 730, 6);
    expect(line(e, "node pool spot: OS disks (Premium SSD P10, 128 GiB)").monthlyUsd.expected).toBeCloseTo(19.71, 6);
    expect(line(e, "Microsoft Defender for Containers").quantity).toBe("20 vCores (alwayson 3 x 4 + sandbox 1 x 4 + spot 1 x 4) x $6.87/vCore-month");
  });

  test("the tier stays within its $2,100 ceiling: $2,024.71 for the cluster stack, $2,052.86 with its workloads", () => {
    const platform = estimate("small-prod", "eastus").total.expected;
    const workloads = estimate("small-prod-workloads", "eastus").total.expected;
    expect(platform).toBeCloseTo(2024.71, 2);
    expect(platform + workloads).toBeCloseTo(2052.86, 2);
    expect(platform + workloads).toBeLessThanOrEqual(SMALL_PROD_TIER.budget!.ceilingMonthlyUsd);
  });
});

describe("enterprise: a Kata pool of its own in every region, on spot nodes", () => {
  const regions = ["eastus", "westeurope", "southeastasia"];

  test.each(regions)("%s: Standard_D4s_v5 2..10 at the spot price up to on-demand, both taints, its own subnet and security group", (region) => {
    expect(pools(`enterprise-${region}`).map((p) => p.name).sort()).toEqual(["sandbox", "spot"]);
    expect(pools(`enterprise-${region}`).find((p) => p.name === "sandbox")).toMatchObject({
      vm_size: "Standard_D4s_v5",
      workload_runtime: "KataVmIsolation",
      os_sku: "AzureLinux",
      priority: "Spot",
      eviction_policy: "Delete",
      spot_max_price: -1,
      min_count: 2,
      max_count: 10,
      max_pods: 50,
      zones: ["1", "2", "3"],
      node_labels: { sandbox: "kata", "kubernetes.azure.com/scalesetpriority": "spot" },
      node_taints: ["sandbox=kata:NoSchedule", "kubernetes.azure.com/scalesetpriority=spot:NoSchedule"],
    });
    const prefix = ENTERPRISE_TIER.regions.find((r) => r.name === region)!.sandboxSubnetPrefix;
    const subnet = (resourcesOf(stack(`enterprise-${region}`), "azurerm_subnet") as any[]).find((s) => s.name === "sandbox");
    expect(subnet).toMatchObject({ address_prefixes: [prefix], default_outbound_access_enabled: false });
    const nsgs = (resourcesOf(stack(`enterprise-${region}`), "azurerm_network_security_group") as any[]).map((g) => g.name);
    expect(nsgs).toEqual([`omega-nsg-sandbox-enterprise-${region}`]);
  });

  test("the language services tolerate both taints and run in Kata VMs on the pool", () => {
    const langs = (resourcesOf(stack("enterprise-westeurope-workloads"), "kubernetes_deployment_v1") as any[]).filter((d) => d.metadata.name.startsWith("lang-"));
    expect(langs).toHaveLength(8);
    for (const d of langs) {
      const pod = d.spec.template.spec;
      expect([pod.runtime_class_name, pod.node_selector, pod.toleration]).toEqual([
        "kata-vm-isolation",
        { "kubernetes.azure.com/agentpool": "sandbox" },
        [
          { key: "sandbox", operator: "Equal", value: "kata", effect: "NoSchedule" },
          { key: "kubernetes.azure.com/scalesetpriority", operator: "Equal", value: "spot", effect: "NoSchedule" },
        ],
      ]);
    }
  });

  test("the pool's usage is its own (2 nodes, the warm pods); the spot pool's no longer carries the warm pools (1 node off-hours, 4 in the window)", () => {
    expect(estimateOptionsForTier(ENTERPRISE_TIER).nodePoolUsage).toMatchObject({ sandbox: { averageNodes: 2 } });
    expect(estimateOptionsForTier(ENTERPRISE_TIER).spotPoolUsage).toMatchObject({ averageNodes: 1, busyWindow: { averageNodes: 4 } });
  });

  test("cost in West Europe: two sandbox nodes at the published spot price ($62.05) and their disks ($43.36), bounded by on-demand", () => {
    const e = estimate("enterprise-westeurope", "westeurope", ENTERPRISE_TIER);
    const pool = line(e, "node pool sandbox: 2-10 x Standard_D4s_v5 (Spot)");
    expect(pool.monthlyUsd.expected).toBeCloseTo(2 * 0.042504 * 730, 6);
    expect(pool.monthlyUsd.max).toBeGreaterThan(pool.monthlyUsd.expected);
    expect(line(e, "node pool sandbox: OS disks (Premium SSD P10, 128 GiB)").monthlyUsd.expected).toBeCloseTo(2 * 21.68, 6);
  });

  test("the pool's spot cap of -1 is a reasoned exception to CostPack-SpotMaxPrice", () => {
    expect(ENTERPRISE_TIER.languageServices?.sandboxedPool?.spot).toEqual({ maxPricePerHourUsd: -1 });
    expect(ENTERPRISE_TIER.languageServices?.unsandboxedReason).toBeUndefined();
  });
});
