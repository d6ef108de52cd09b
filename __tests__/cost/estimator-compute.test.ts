import * as costLibrary from "../../cost";
import { UnpricedKind } from "../../cost/cost-estimate";
import { estimateCost } from "../../cost/estimator";
import { estimateOptionsForTier } from "../../cost/tier-cost-options";
import { ENTERPRISE_TIER } from "../../tiers/enterprise";
import { SMALL_PROD_TIER } from "../../tiers/small-prod";
import { cluster, lineOf, nodePool, tf } from "./cost-fixtures";

// Every figure below is computed by hand from cost/price-table.ts, 730 hours a month:
// Standard_D4s_v5 0.192/h (spot 0.061171, 1-year savings plan 0.13248), Standard_D8s_v5 0.384/h,
// Premium SSD P10 19.71/month, AKS Standard 0.10/h, Load Balancer 0.025/h, public IP 0.005/h.

test("the library entry point (cost/index.ts) exports the estimator, the guardrail and the report", () => {
  expect(costLibrary.estimateCost).toBe(estimateCost);
  expect(typeof costLibrary.CostGuardrail).toBe("function");
  expect(typeof costLibrary.buildCostReport).toBe("function");
});

describe("AKS cluster, 3 x Standard_D4s_v5 for 730 h", () => {
  const estimate = estimateCost(tf({ azurerm_kubernetes_cluster: { aks: cluster() } }));

  test("the always-on pool: 3 x 0.192 x 730 = 420.48, every month the same", () => {
    expect(lineOf(estimate, "node pool alwayson: 3 x Standard_D4s_v5").monthlyUsd).toEqual({ min: 420.48, expected: 420.48, max: 420.48 });
  });

  test("a 1-year savings plan shown beside it: 3 x 0.13248 x 730 = 290.1312", () => {
    const alternative = lineOf(estimate, "node pool alwayson: 3").alternative;
    expect(alternative?.label).toBe("1-year savings plan");
    expect(alternative?.monthlyUsd).toBeCloseTo(290.1312, 6);
    expect(alternative?.priceIds).toEqual(["vm/Standard_D4s_v5/savings-1y@East US 2"]);
  });

  test("OS disks 3 x P10 19.71 = 59.13", () => {
    expect(lineOf(estimate, "node pool alwayson: OS disks").monthlyUsd.expected).toBeCloseTo(59.13, 6);
  });

  test("the Standard tier fee 0.10 x 730 = 73 and the outbound load balancer 18.25 and IP 3.65", () => {
    expect(lineOf(estimate, "AKS Standard tier").monthlyUsd.expected).toBeCloseTo(73, 6);
    expect(lineOf(estimate, "AKS outbound load balancer").monthlyUsd.expected).toBeCloseTo(18.25, 6);
    expect(lineOf(estimate, "AKS outbound public IP").monthlyUsd.expected).toBeCloseTo(3.65, 6);
  });

  test("total 574.51, no unpriced parts", () => {
    expect(estimate.total.expected).toBeCloseTo(574.51, 6);
    expect(estimate.total.min).toBeCloseTo(574.51, 6);
    expect(estimate.unpriced).toEqual([]);
  });

  test("East US 2 prices used for eastus say so, with the price ids", () => {
    const line = lineOf(estimate, "node pool alwayson: 3");
    expect(line.notes).toContain("VM Standard_D4s_v5 pay-as-you-go, Linux: no eastus price in the table, the East US 2 price is used");
    expect(line.priceIds).toEqual(["vm/Standard_D4s_v5/payg@East US 2"]);
    expect(line.region).toBe("eastus");
  });

  test("Standard_D8s_v5 x 5: 5 x 0.384 x 730 = 1401.60", () => {
    const big = estimateCost(tf({ azurerm_kubernetes_cluster: { aks: cluster({}, { vm_size: "Standard_D8s_v5", node_count: 5 }) } }));
    expect(lineOf(big, "node pool alwayson: 5 x Standard_D8s_v5").monthlyUsd.expected).toBeCloseTo(1401.6, 6);
    // Derived 2 x 0.13248 = 0.26496: 5 x 0.26496 x 730 = 967.104.
    expect(lineOf(big, "node pool alwayson: 5").alternative?.monthlyUsd).toBeCloseTo(967.104, 6);
  });
});

describe("cluster options", () => {
  test("the Free tier costs nothing", () => {
    const free = estimateCost(tf({ azurerm_kubernetes_cluster: { aks: cluster({ sku_tier: "Free" }) } }));
    expect(lineOf(free, "AKS Free tier").monthlyUsd).toEqual({ min: 0, expected: 0, max: 0 });
  });

  test("the Premium tier: 0.60 x 730 = 438 expected, 511 if it comes on top of Standard", () => {
    const line = lineOf(estimateCost(tf({ azurerm_kubernetes_cluster: { aks: cluster({ sku_tier: "Premium" }) } })), "AKS Premium tier");
    expect(line.monthlyUsd.expected).toBeCloseTo(438, 6);
    expect(line.monthlyUsd.max).toBeCloseTo(511, 6);
  });

  test("outbound through user-defined routing has no load balancer line", () => {
    const udr = estimateCost(tf({ azurerm_kubernetes_cluster: { aks: cluster({ network_profile: { outbound_type: "userDefinedRouting" } }) } }));
    expect(udr.lines.some((l) => l.component.startsWith("AKS outbound"))).toBe(false);
  });

  test("an AKS-managed NAT gateway is reported as not priced", () => {
    const nat = estimateCost(tf({ azurerm_kubernetes_cluster: { aks: cluster({ network_profile: { outbound_type: "managedNATGateway" } }) } }));
    expect(nat.unpriced).toEqual([
      {
        address: "azurerm_kubernetes_cluster.aks",
        resourceType: "azurerm_kubernetes_cluster",
        kind: UnpricedKind.NO_PRICE,
        reason: "the AKS-managed NAT gateway: no NAT gateway price in the table",
      },
    ]);
  });

  test("ephemeral OS disks cost nothing; a disk size without a price is reported", () => {
    const ephemeral = estimateCost(tf({ azurerm_kubernetes_cluster: { aks: cluster({}, { os_disk_type: "Ephemeral" }) } }));
    expect(ephemeral.lines.some((l) => l.component.includes("OS disks"))).toBe(false);
    const big = estimateCost(tf({ azurerm_kubernetes_cluster: { aks: cluster({}, { os_disk_size_gb: 256 }) } }));
    expect(big.unpriced.map((u) => u.reason)).toEqual([
      "256 GiB managed OS disks of node pool alwayson: only Premium SSD P10 (65-128 GiB) is in the price table",
    ]);
  });

  test("a VM size without a price is reported, not guessed", () => {
    const odd = estimateCost(tf({ azurerm_kubernetes_cluster: { aks: cluster({}, { vm_size: "Standard_E4s_v5" }) } }));
    expect(odd.unpriced.map((u) => [u.kind, u.reason])).toEqual([
      [UnpricedKind.NO_PRICE, "no on-demand price for Standard_E4s_v5 in the price table (node pool alwayson)"],
    ]);
  });

  test("West Europe uses its own (low-confidence) price: 3 x 0.213 x 730 = 466.47", () => {
    const line = lineOf(estimateCost(tf({ azurerm_kubernetes_cluster: { aks: cluster({ location: "westeurope" }) } })), "node pool alwayson: 3");
    expect(line.monthlyUsd.expected).toBeCloseTo(466.47, 6);
    expect(line.priceIds).toEqual(["vm/Standard_D4s_v5/payg@West Europe"]);
    expect(line.notes).toEqual([]);
  });

  test("a region without a price falls back to East US 2 and says so", () => {
    const line = lineOf(estimateCost(tf({ azurerm_kubernetes_cluster: { aks: cluster({ location: "southeastasia" }) } })), "node pool alwayson: 3");
    expect(line.monthlyUsd.expected).toBeCloseTo(420.48, 6);
    expect(line.notes).toEqual(["VM Standard_D4s_v5 pay-as-you-go, Linux: no southeastasia price in the table, the East US 2 price is used"]);
  });
});

describe("spot vs regular", () => {
  const usage = { averageNodes: 2 };
  const spot = estimateCost(tf({ azurerm_kubernetes_cluster: { aks: cluster() }, azurerm_kubernetes_cluster_node_pool: { spot: nodePool() } }), {
    spotPoolUsage: usage,
  });
  const regular = estimateCost(
    tf({ azurerm_kubernetes_cluster: { aks: cluster() }, azurerm_kubernetes_cluster_node_pool: { burst: nodePool({ name: "burst", priority: "Regular" }) } }),
    { nodePoolUsage: { burst: usage } },
  );

  test("spot at the spot price: 2 nodes x 0.061171 x 730 = 89.30966; 0 at min_count 0", () => {
    const line = lineOf(spot, "node pool spot: 0-5 x Standard_D4s_v5 (Spot)");
    expect(line.monthlyUsd.expected).toBeCloseTo(89.30966, 6);
    expect(line.monthlyUsd.min).toBe(0);
  });

  test("spot bounded by the on-demand price: 5 x 0.192 x 730 = 700.80", () => {
    expect(lineOf(spot, "node pool spot: 0-5").monthlyUsd.max).toBeCloseTo(700.8, 6);
  });

  test("the same pool at regular priority: 2 x 0.192 x 730 = 280.32, and no savings plan for an autoscaled pool", () => {
    const line = lineOf(regular, "node pool burst: 0-5 x Standard_D4s_v5");
    expect(line.monthlyUsd).toEqual({ min: 0, expected: 280.32, max: 700.8 });
    expect(line.alternative).toBeUndefined();
  });

  test("the spot pool's disks follow its nodes: 2 x 19.71 expected, 5 x 19.71 at most", () => {
    const disks = lineOf(spot, "node pool spot: OS disks").monthlyUsd;
    expect(disks.expected).toBeCloseTo(39.42, 6);
    expect(disks.max).toBeCloseTo(98.55, 6);
  });

  test("without a usage assumption an autoscaled pool runs min_count nodes, and says so", () => {
    const bare = estimateCost(tf({ azurerm_kubernetes_cluster: { aks: cluster() }, azurerm_kubernetes_cluster_node_pool: { spot: nodePool({ min_count: 1 }) } }));
    const line = lineOf(bare, "node pool spot: 1-5");
    expect(line.monthlyUsd.expected).toBeCloseTo(44.65483, 6);
    expect(line.notes).toContain("no usage assumption for autoscaled pool spot: 1 nodes (min_count) all month");
  });

  test("a spot cap below the market price caps the price and warns that nodes will not be allocated", () => {
    const capped = estimateCost(
      tf({ azurerm_kubernetes_cluster: { aks: cluster() }, azurerm_kubernetes_cluster_node_pool: { spot: nodePool({ spot_max_price: 0.05 }) } }),
      { spotPoolUsage: usage },
    );
    const line = lineOf(capped, "node pool spot: 0-5");
    // 2 x 0.05 x 730 = 73; at most 5 x 0.05 x 730 = 182.5.
    expect(line.monthlyUsd.expected).toBeCloseTo(73, 6);
    expect(line.monthlyUsd.max).toBeCloseTo(182.5, 6);
    expect(line.warnings).toEqual([
      "spot_max_price $0.05/h is below the published Standard_D4s_v5 spot price $0.061171/h (East US 2): at that price Azure allocates no spot nodes and evicts running ones, so the pool may not scale when needed",
    ]);
  });

  test("a spot cap above the market price changes nothing but the bound", () => {
    const capped = estimateCost(
      tf({ azurerm_kubernetes_cluster: { aks: cluster() }, azurerm_kubernetes_cluster_node_pool: { spot: nodePool({ spot_max_price: 0.1 }) } }),
      { spotPoolUsage: usage },
    );
    const line = lineOf(capped, "node pool spot: 0-5");
    expect(line.monthlyUsd.expected).toBeCloseTo(89.30966, 6);
    expect(line.monthlyUsd.max).toBeCloseTo(365, 6);
    expect(line.warnings).toEqual([]);
  });
});

describe("the agent-team schedule", () => {
  const json = tf({
    azurerm_kubernetes_cluster: { aks: cluster() },
    azurerm_kubernetes_cluster_node_pool: { spot: nodePool({ max_count: 50, spot_max_price: 0.05 }) },
  });

  test("enterprise's schedule becomes a 10-hour window of the spot pool's usage", () => {
    expect(estimateOptionsForTier(ENTERPRISE_TIER).spotPoolUsage).toEqual({
      averageNodes: 3,
      busyWindow: { hoursPerDay: 10, averageNodes: 7, description: "agent-team schedule 08:00-18:00 America/New_York" },
    });
    expect(estimateOptionsForTier(SMALL_PROD_TIER).spotPoolUsage).toEqual({ averageNodes: 2 });
  });

  test("7 nodes 10 h a day and 3 otherwise: (7 x 10 + 3 x 14) / 24 nodes x 0.05 x 730 = 170.33", () => {
    const line = lineOf(estimateCost(json, estimateOptionsForTier(ENTERPRISE_TIER)), "node pool spot: 0-50");
    expect(line.monthlyUsd.expected).toBeCloseTo((112 / 24) * 0.05 * 730, 6);
    expect(line.monthlyUsd.expected).toBeCloseTo(170.333333, 5);
    expect(line.notes).toContain(
      "assumed 7 nodes 10 h a day (agent-team schedule 08:00-18:00 America/New_York) and 3 nodes otherwise: 4.667 on average (range 0-50)",
    );
  });

  test("the window costs 60.83 a month over the off-hours floor alone (109.50)", () => {
    const offHoursOnly = lineOf(estimateCost(json, { spotPoolUsage: { averageNodes: 3 } }), "node pool spot: 0-50");
    const scheduled = lineOf(estimateCost(json, estimateOptionsForTier(ENTERPRISE_TIER)), "node pool spot: 0-50");
    expect(offHoursOnly.monthlyUsd.expected).toBeCloseTo(109.5, 6);
    expect(scheduled.monthlyUsd.expected - offHoursOnly.monthlyUsd.expected).toBeCloseTo(60.833333, 5);
  });

  test("averages are held to the pool's range", () => {
    const line = lineOf(estimateCost(json, { spotPoolUsage: { averageNodes: 80 } }), "node pool spot: 0-50");
    expect(line.monthlyUsd.expected).toBeCloseTo(50 * 0.05 * 730, 6);
  });
});

describe("meta-arguments", () => {
  test("count multiplies a resource's lines", () => {
    const two = estimateCost(
      tf({ azurerm_kubernetes_cluster: { aks: cluster() }, azurerm_kubernetes_cluster_node_pool: { spot: nodePool({ count: 2 }) } }),
      { spotPoolUsage: { averageNodes: 2 } },
    );
    expect(lineOf(two, "node pool spot: 0-5 x Standard_D4s_v5 (Spot) (x 2 instances)").monthlyUsd.expected).toBeCloseTo(2 * 89.30966, 6);
  });

  test("a count only known at apply time is reported as unresolved", () => {
    const unknown = estimateCost(tf({ azurerm_kubernetes_cluster_node_pool: { spot: nodePool({ count: "${var.pools}" }) } }));
    expect(unknown.unpriced).toEqual([
      {
        address: "azurerm_kubernetes_cluster_node_pool.spot",
        resourceType: "azurerm_kubernetes_cluster_node_pool",
        kind: UnpricedKind.UNRESOLVED,
        reason: "count or for_each only known at apply time",
      },
    ]);
  });
});
