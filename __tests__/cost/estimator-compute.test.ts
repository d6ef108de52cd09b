import * as costLibrary from "../../cost";
import { UnpricedKind } from "../../cost/cost-estimate";
import { estimateCost } from "../../cost/estimator";
import { estimateOptionsForTier } from "../../cost/tier-cost-options";
import { sandboxDemandForTier } from "../../cost/sandbox-demand";
import { spotDemandForTier } from "../../cost/spot-demand";
import { ENTERPRISE_TIER } from "../../tiers/enterprise";
import { SMALL_PROD_TIER } from "../../tiers/small-prod";
import { ComputeCommitment, ScheduleDays, TierSpec } from "../../tiers/tier-spec";
import { cluster, lineOf, nodePool, tf } from "./cost-fixtures";

// Every figure below is computed by hand from cost/price-table.ts, 730 hours a month:
// Standard_D4s_v5 0.192/h (spot 0.061171, 1-year savings plan 0.13248), Standard_D8s_v5 0.384/h,
// Premium SSD P10 19.71/month, AKS Standard 0.10/h, Load Balancer 0.025/h, public IP 0.005/h
// (East US 2 and East US); West Europe D4s_v5 0.23/h (spot 0.042504, savings plan 0.1748),
// D8s_v5 0.46/h (savings plan 0.3496).

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

  test("pay-as-you-go without a commitment, and no pay-as-you-go figure beside it", () => {
    expect(lineOf(estimate, "node pool alwayson: 3").payAsYouGoUsd).toBeUndefined();
  });

  test("with a 1-year savings plan: 3 x 0.13248 x 730 = 290.1312, pay-as-you-go 420.48 beside it", () => {
    const committed = estimateCost(tf({ azurerm_kubernetes_cluster: { aks: cluster() } }), { commitments: { alwayson: ComputeCommitment.SAVINGS_PLAN_1_YEAR } });
    const line = lineOf(committed, "node pool alwayson: 3");
    expect(line.monthlyUsd.expected).toBeCloseTo(290.1312, 6);
    expect(line.payAsYouGoUsd?.expected).toBeCloseTo(420.48, 6);
    expect(line.priceIds).toEqual(["vm/Standard_D4s_v5/payg@East US 2", "vm/Standard_D4s_v5/savings-plan-1y@East US 2"]);
    // The lever: 420.48 - 290.1312 = 130.3488 a month for this pool.
    expect(estimate.total.expected - committed.total.expected).toBeCloseTo(130.3488, 6);
  });

  test("fails on an unknown commitment instead of warning of 'no sourced undefined price'", () => {
    expect(() => estimateCost(tf({ azurerm_kubernetes_cluster: { aks: cluster() } }), { commitments: { alwayson: "reserved-5y" as ComputeCommitment } })).toThrow(
      'estimateOptions.commitments.alwayson: invalid commitment "reserved-5y": expected one of "none", "savings-plan-1y", "savings-plan-3y", "reserved-1y", "reserved-3y" (ComputeCommitment)',
    );
  });

  test("a commitment without a sourced price stays at pay-as-you-go and warns", () => {
    for (const commitment of [ComputeCommitment.RESERVED_1_YEAR, ComputeCommitment.RESERVED_3_YEARS, ComputeCommitment.SAVINGS_PLAN_3_YEARS]) {
      const line = lineOf(estimateCost(tf({ azurerm_kubernetes_cluster: { aks: cluster() } }), { commitments: { alwayson: commitment } }), "node pool alwayson: 3");
      expect(line.monthlyUsd.expected).toBeCloseTo(420.48, 6);
      expect(line.warnings.length).toBe(1);
      expect(line.warnings[0]).toMatch(/^Standard_D4s_v5: no sourced .* price in the price table, so the pool is priced at pay-as-you-go/);
    }
  });

  test("a commitment's rate and the on-demand price come from the same region: West Europe 5 x 0.3496 x 730 = 1276.04", () => {
    const we = estimateCost(tf({ azurerm_kubernetes_cluster: { aks: cluster({ location: "westeurope" }, { vm_size: "Standard_D8s_v5", node_count: 5 }) } }), {
      commitments: { alwayson: ComputeCommitment.SAVINGS_PLAN_1_YEAR },
    });
    const line = lineOf(we, "node pool alwayson: 5");
    expect(line.monthlyUsd.expected).toBeCloseTo(1276.04, 6);
    expect(line.payAsYouGoUsd?.expected).toBeCloseTo(1679, 6);
    // The saving is 1679 - 1276.04 = 402.96, not East US 2's rate beside West Europe's on-demand
    // price (5 x (0.46 - 0.26496) x 730 = 711.898).
    expect((line.payAsYouGoUsd?.expected ?? 0) - line.monthlyUsd.expected).toBeCloseTo(402.96, 6);
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
    expect(line.notes).toContain(
      "VM Standard_D4s_v5 pay-as-you-go, Linux: no eastus price in the table, the price of the nearest region with one (East US 2) is used",
    );
    expect(line.priceIds).toEqual(["vm/Standard_D4s_v5/payg@East US 2"]);
    expect(line.region).toBe("eastus");
  });

  test("Standard_D8s_v5 x 5: 5 x 0.384 x 730 = 1401.60", () => {
    const big = estimateCost(tf({ azurerm_kubernetes_cluster: { aks: cluster({}, { vm_size: "Standard_D8s_v5", node_count: 5 }) } }));
    expect(lineOf(big, "node pool alwayson: 5 x Standard_D8s_v5").monthlyUsd.expected).toBeCloseTo(1401.6, 6);
    // Derived 2 x 0.13248 = 0.26496: 5 x 0.26496 x 730 = 967.104.
    const committed = estimateCost(tf({ azurerm_kubernetes_cluster: { aks: cluster({}, { vm_size: "Standard_D8s_v5", node_count: 5 }) } }), {
      commitments: { alwayson: ComputeCommitment.SAVINGS_PLAN_1_YEAR },
    });
    expect(lineOf(committed, "node pool alwayson: 5").monthlyUsd.expected).toBeCloseTo(967.104, 6);
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

  test("West Europe uses its own price: 3 x 0.23 x 730 = 503.70", () => {
    const line = lineOf(estimateCost(tf({ azurerm_kubernetes_cluster: { aks: cluster({ location: "westeurope" }) } })), "node pool alwayson: 3");
    expect(line.monthlyUsd.expected).toBeCloseTo(503.7, 6);
    expect(line.priceIds).toEqual(["vm/Standard_D4s_v5/payg@West Europe"]);
    expect(line.notes).toEqual([]);
  });

  test("a region without a price takes the nearest region's (southeastasia: West Europe) and says so", () => {
    const line = lineOf(estimateCost(tf({ azurerm_kubernetes_cluster: { aks: cluster({ location: "southeastasia" }) } })), "node pool alwayson: 3");
    expect(line.monthlyUsd.expected).toBeCloseTo(503.7, 6);
    expect(line.notes).toEqual([
      "VM Standard_D4s_v5 pay-as-you-go, Linux: no southeastasia price in the table, the price of the nearest region with one (West Europe) is used",
    ]);
  });

  test("Defender for Containers: 6.87 per vCore of the cluster's nodes, spot nodes at their expected count", () => {
    const json = tf({
      azurerm_kubernetes_cluster: { aks: cluster({ microsoft_defender: { log_analytics_workspace_id: "/subscriptions/x/workspaces/w" } }) },
      azurerm_kubernetes_cluster_node_pool: { spot: nodePool() },
    });
    const line = lineOf(estimateCost(json, { spotPoolUsage: { averageNodes: 2 } }), "Microsoft Defender for Containers");
    // (3 + 2) nodes x 4 vCores x 6.87 = 137.40
    expect(line.monthlyUsd.expected).toBeCloseTo(137.4, 6);
    expect(line.quantity).toBe("20 vCores (alwayson 3 x 4 + spot 2 x 4) x $6.87/vCore-month");
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

  test("the same pool at regular priority: 2 x 0.192 x 730 = 280.32, and no commitment for an autoscaled pool", () => {
    const line = lineOf(regular, "node pool burst: 0-5 x Standard_D4s_v5");
    expect(line.monthlyUsd).toEqual({ min: 0, expected: 280.32, max: 700.8 });
    const committed = estimateCost(
      tf({ azurerm_kubernetes_cluster: { aks: cluster() }, azurerm_kubernetes_cluster_node_pool: { burst: nodePool({ name: "burst", priority: "Regular" }) } }),
      { nodePoolUsage: { burst: usage }, commitments: { burst: ComputeCommitment.SAVINGS_PLAN_1_YEAR } },
    );
    expect(lineOf(committed, "node pool burst: 0-5").monthlyUsd.expected).toBeCloseTo(280.32, 6);
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

  test("a spot cap below the market price is priced at what Azure charges (the market price) and warns that nodes will not be allocated", () => {
    const capped = estimateCost(
      tf({ azurerm_kubernetes_cluster: { aks: cluster() }, azurerm_kubernetes_cluster_node_pool: { spot: nodePool({ spot_max_price: 0.05 }) } }),
      { spotPoolUsage: usage },
    );
    const line = lineOf(capped, "node pool spot: 0-5");
    // Azure never charges a cap below the market: 2 x 0.061171 x 730 = 89.30966, at most 5 x 0.061171 x 730.
    expect(line.monthlyUsd.expected).toBeCloseTo(89.30966, 6);
    expect(line.monthlyUsd.max).toBeCloseTo(5 * 0.061171 * 730, 6);
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
    azurerm_kubernetes_cluster_node_pool: { spot: nodePool({ max_count: 50, spot_max_price: -1 }) },
  });

  const WEEKDAYS: TierSpec = {
    ...ENTERPRISE_TIER,
    agentTeams: { ...ENTERPRISE_TIER.agentTeams, schedule: { ...ENTERPRISE_TIER.agentTeams.schedule!, days: ScheduleDays.WEEKDAYS } },
  };

  test("a window is a share of the week: 10 h on weekdays = 50 / 168", () => {
    const usage = estimateOptionsForTier(WEEKDAYS).spotPoolUsage;
    expect(usage?.busyWindow?.shareOfTime).toBeCloseTo(50 / 168, 12);
    expect(usage?.busyWindow?.description).toBe("agent-team schedule 08:00-18:00 America/New_York, Monday to Friday");
  });

  test("enterprise keeps seed 004's floor every day: 10 h a day = 70 / 168", () => {
    expect(estimateOptionsForTier(ENTERPRISE_TIER).spotPoolUsage?.busyWindow?.shareOfTime).toBeCloseTo(70 / 168, 12);
  });

  test("7 nodes in the window and 3 otherwise: (7 x 50 + 3 x 118) / 168 nodes x 0.061171 x 730", () => {
    const line = lineOf(
      estimateCost(json, { spotPoolUsage: { averageNodes: 3, busyWindow: { shareOfTime: 50 / 168, averageNodes: 7, description: "w" } } }),
      "node pool spot: 0-50",
    );
    expect(line.monthlyUsd.expected).toBeCloseTo(((7 * 50 + 3 * 118) / 168) * 0.061171 * 730, 6);
  });

  test("averages are held to the pool's range", () => {
    const line = lineOf(estimateCost(json, { spotPoolUsage: { averageNodes: 80 } }), "node pool spot: 0-50");
    expect(line.monthlyUsd.expected).toBeCloseTo(50 * 0.061171 * 730, 6);
  });
});

describe("spot nodes derived from the pods placed there", () => {
  // A Standard_D4s_v5 leaves 3920m and 12188 MiB after AKS's reservation (80m; 25% of 16 GiB
  // + 100 MiB); the highly available observability profile's daemon sets (node exporter 20m /
  // 64 MiB, log shipper 100m / 256 MiB, its reloader 10m / 32 MiB) leave 3790m / 11836 MiB.
  test("enterprise: the floor and the assumed demand, in and outside the window (the language services are on their sandbox pool)", () => {
    const demand = spotDemandForTier(ENTERPRISE_TIER);
    expect(demand?.perNode).toEqual({ cpuMillis: 3790, memoryMiB: 11836 });
    // Outside: 3 teams x 1 replica x 500m = 1500m: 1 node.
    expect(demand?.outside).toMatchObject({ cpuMillis: 1500, nodes: 1 });
    // Inside: 3 teams x (5 + 3) x 500m = 12000m: 4 nodes.
    expect(demand?.inWindow).toMatchObject({ cpuMillis: 12000, nodes: 4 });
  });

  test("raising the teams' daytime floor moves the spot line", () => {
    const raised: TierSpec = {
      ...ENTERPRISE_TIER,
      agentTeams: { ...ENTERPRISE_TIER.agentTeams, schedule: { ...ENTERPRISE_TIER.agentTeams.schedule!, minReplicasInWindow: 10 } },
    };
    // 3 x (10 + 3) x 500m = 19500m: 6 nodes in the window.
    expect(spotDemandForTier(raised)?.inWindow?.nodes).toBe(6);
    const json = tf({ azurerm_kubernetes_cluster: { aks: cluster() }, azurerm_kubernetes_cluster_node_pool: { spot: nodePool({ max_count: 50, spot_max_price: -1 }) } });
    const base = lineOf(estimateCost(json, estimateOptionsForTier(ENTERPRISE_TIER)), "node pool spot: 0-50").monthlyUsd.expected;
    const more = lineOf(estimateCost(json, estimateOptionsForTier(raised)), "node pool spot: 0-50").monthlyUsd.expected;
    // Two more nodes for 70 of 168 hours (the window every day): 2 x 70 / 168 x 0.061171 x 730.
    expect(more - base).toBeCloseTo(((2 * 70) / 168) * 0.061171 * 730, 6);
  });

  test("a schedule on weekdays only instead of every day leaves the weekend's window out", () => {
    const weekdays: TierSpec = {
      ...ENTERPRISE_TIER,
      agentTeams: { ...ENTERPRISE_TIER.agentTeams, schedule: { ...ENTERPRISE_TIER.agentTeams.schedule!, days: ScheduleDays.WEEKDAYS } },
    };
    expect(estimateOptionsForTier(weekdays).spotPoolUsage?.busyWindow?.shareOfTime).toBeCloseTo(50 / 168, 12);
  });

  test("small-prod, without a schedule: 2 replicas per team all day, the language services on their sandbox pool", () => {
    // 3 x 2 x 500m = 3000m: 1 node of 3790m (the standard profile's daemon sets take 130m).
    expect(estimateOptionsForTier(SMALL_PROD_TIER).spotPoolUsage).toMatchObject({ averageNodes: 1 });
    expect(estimateOptionsForTier(SMALL_PROD_TIER).spotPoolUsage?.busyWindow).toBeUndefined();
  });

  test("small-prod's spot pool drops by the node the language services' warm pool kept busy there", () => {
    const { sandboxedPool: _pool, ...unsandboxed } = SMALL_PROD_TIER.languageServices!;
    const onSpot: TierSpec = { ...SMALL_PROD_TIER, languageServices: unsandboxed };
    // 3 x 2 x 500m + 2625m = 5625m: 2 nodes.
    expect(spotDemandForTier(onSpot)?.outside).toMatchObject({ cpuMillis: 5625, nodes: 2 });
    expect(spotDemandForTier(SMALL_PROD_TIER)?.outside).toMatchObject({ cpuMillis: 3000, nodes: 1 });
  });
});

describe("the sandbox pool's nodes", () => {
  // A Standard_D4s_v5 with 50 pods reserves 20 MB x 50 + 50 MB (1001 MiB) and 100 MiB: 3920m /
  // 15282 MiB; the standard profile's daemon sets (130m / 320 MiB) leave 3790m / 14962 MiB.
  test("small-prod's warm pool: 8 pods of 2625m and 1600 MiB in all plus Kata's 600 MiB each, one node", () => {
    expect(sandboxDemandForTier(SMALL_PROD_TIER)).toMatchObject({
      pods: 8,
      cpuMillis: 2625,
      memoryMiB: 1600 + 8 * 600,
      nodes: 1,
      perNode: { cpuMillis: 3790, memoryMiB: expect.closeTo(14962.6, 0) },
    });
  });

  test("small-prod at maxReplicas (3 per language): 7875m, three nodes", () => {
    expect(sandboxDemandForTier(SMALL_PROD_TIER, 3)).toMatchObject({ pods: 24, cpuMillis: 7875, memoryMiB: 19200, nodes: 3 });
  });

  test("enterprise's warm pools: 16 pods of 5250m and 3200 MiB in all plus Kata's 600 MiB each, two nodes", () => {
    expect(sandboxDemandForTier(ENTERPRISE_TIER)).toMatchObject({ pods: 16, cpuMillis: 5250, memoryMiB: 3200 + 16 * 600, nodes: 2 });
  });

  test("no demand without a sandboxed pool", () => {
    const { sandboxedPool: _pool, ...unsandboxed } = SMALL_PROD_TIER.languageServices!;
    expect(sandboxDemandForTier({ ...SMALL_PROD_TIER, languageServices: { ...unsandboxed, unsandboxedReason: "for this test" } })).toBeUndefined();
  });

  test("the tier's assumption prices the pool by its name", () => {
    expect(estimateOptionsForTier(SMALL_PROD_TIER).nodePoolUsage).toEqual({ sandbox: { averageNodes: 1 } });
    expect(estimateOptionsForTier(ENTERPRISE_TIER).nodePoolUsage).toEqual({ sandbox: { averageNodes: 2 } });
  });

  test("a spot sandbox pool is priced with its own usage, not the spot pool's", () => {
    const json = tf({
      azurerm_kubernetes_cluster: { aks: cluster() },
      azurerm_kubernetes_cluster_node_pool: { sandbox: nodePool({ name: "sandbox", min_count: 2, max_count: 10, spot_max_price: -1 }) },
    });
    const pool = lineOf(estimateCost(json, estimateOptionsForTier(ENTERPRISE_TIER)), "node pool sandbox: 2-10").monthlyUsd.expected;
    expect(pool).toBeCloseTo(2 * 0.061171 * 730, 6);
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
