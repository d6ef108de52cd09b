import { CONTAINER_INSIGHTS_SAMPLE, clusterObjects, logAnalyticsDemandForTier, streamVolumes } from "../../cost/log-analytics-demand";
import { estimateOptionsForTier } from "../../cost/tier-cost-options";
import { ENTERPRISE_TIER } from "../../tiers/enterprise";
import { SMALL_PROD_TIER } from "../../tiers/small-prod";
import { TierSpec } from "../../tiers/tier-spec";

const gb = (tier: TierSpec) => logAnalyticsDemandForTier(tier)?.gbPerDay.expected as number;
const withInsights = (containerLogs: boolean, intervalMinutes: number): TierSpec => ({
  ...ENTERPRISE_TIER,
  containerInsights: { containerLogs, intervalMinutes, excludeSystemNamespaces: true },
});

describe("Log Analytics ingestion derived per Container Insights stream", () => {
  test("Microsoft's sample cluster gives back its own table: 31 MB an hour less KubeHealth (no longer a stream)", () => {
    const volumes = streamVolumes({ nodes: 3, containers: 20, services: 5 }, 1).filter((v) => v.boundedBy === undefined);
    const mbPerHour = (volumes.reduce((n, v) => n + v.gbPerDay, 0) * 1000) / 24;
    const m = CONTAINER_INSIGHTS_SAMPLE.mbPerHour;
    expect(mbPerHour).toBeCloseTo(m.perf + m.insightsMetrics + m.kubePodInventory + m.kubeNodeInventory + m.kubeServices + m.containerInventory + m.kubeMonAgentEvents, 9);
    expect(mbPerHour).toBeCloseTo(30.185, 9);
  });

  test("the tables the sample gives no figure for are bounded by their nearest table's rate per object: the sample cluster's 0.25 + 0.13 + 1.5 MB an hour", () => {
    const bounded = streamVolumes({ nodes: 3, containers: 20, services: 5 }, 1).filter((v) => v.boundedBy !== undefined);
    expect(bounded.map((v) => v.stream)).toEqual(["ContainerNodeInventory", "KubePVInventory", "KubeEvents"]);
    const mb = bounded.map((v) => (v.gbPerDay * 1000) / 24);
    const m = CONTAINER_INSIGHTS_SAMPLE.mbPerHour;
    expect(mb[0]).toBeCloseTo(m.kubeNodeInventory, 9);
    expect(mb[1]).toBeCloseTo(m.kubeServices, 9);
    expect(mb[2]).toBeCloseTo(m.kubePodInventory, 9);
  });

  test("the bounded tables count in the expected and the maximum, not in the minimum; the description names them", () => {
    const demand = logAnalyticsDemandForTier(ENTERPRISE_TIER)!;
    const boundedGb = demand.streams.filter((v) => v.boundedBy !== undefined).reduce((n, v) => n + v.gbPerDay, 0);
    const sourcedGb = demand.streams.filter((v) => v.boundedBy === undefined).reduce((n, v) => n + v.gbPerDay, 0);
    expect(boundedGb).toBeGreaterThan(0);
    expect(demand.gbPerDay.expected).toBeCloseTo(sourcedGb + boundedGb, 9);
    expect(Number(sourcedGb.toFixed(3))).toBe(1.412);
    expect(Number(boundedGb.toFixed(3))).toBe(0.065);
    expect(demand.description).toContain("no figure there for ContainerNodeInventory");
    expect(demand.description).toContain("0 in the minimum");
  });

  test("the enterprise workspace: 1.477 GB a day at 5-minute samples (1.412 sourced, 0.065 bounded; the sandbox pool's nodes and the weekend floor included), without container logs", () => {
    const demand = logAnalyticsDemandForTier(ENTERPRISE_TIER);
    expect(Number(demand?.gbPerDay.expected.toFixed(3))).toBe(1.477);
    expect(demand?.streams.map((s) => s.stream)).not.toContain("ContainerLogV2");
    expect(estimateOptionsForTier(ENTERPRISE_TIER, "eastus").logAnalyticsGbPerDay).toEqual(demand?.gbPerDay);
    expect(estimateOptionsForTier(ENTERPRISE_TIER, "eastus").logAnalyticsDerivation).toBe(demand?.description);
  });

  test("sampling every minute instead of every 5 raises every sampled table 5 x, InsightsMetrics' node metrics not at all", () => {
    const five = logAnalyticsDemandForTier(withInsights(false, 5))!;
    const one = logAnalyticsDemandForTier(withInsights(false, 1))!;
    for (const stream of ["Perf", "KubePodInventory", "ContainerInventory", "KubeNodeInventory", "KubeServices"]) {
      const at = (d: typeof one) => d.streams.find((s) => s.stream === stream)!.gbPerDay;
      expect([stream, at(one) / at(five)]).toEqual([stream, expect.closeTo(5, 9)]);
    }
    const insights = (d: typeof one) => d.streams.find((s) => s.stream === "InsightsMetrics")!.gbPerDay;
    expect(insights(one)).toBeCloseTo(insights(five), 12);
  });

  test("container logs add the tier's assumed volume, and without one nothing is derived", () => {
    expect(logAnalyticsDemandForTier(withInsights(true, 5))).toBeUndefined();
    const tier: TierSpec = {
      ...withInsights(true, 5),
      costAssumptions: { ...ENTERPRISE_TIER.costAssumptions!, containerLogGbPerDay: { min: 1, expected: 3, max: 10 } },
    };
    const demand = logAnalyticsDemandForTier(tier)!;
    expect(demand.gbPerDay.expected - gb(withInsights(false, 5))).toBeCloseTo(3, 12);
    expect(demand.gbPerDay.max - logAnalyticsDemandForTier(withInsights(false, 5))!.gbPerDay.max).toBeCloseTo(10, 12);
  });

  test("raising the agent teams' daytime floor raises the ingestion (more containers, more spot nodes)", () => {
    const floor = (n: number): TierSpec => ({ ...ENTERPRISE_TIER, agentTeams: { ...ENTERPRISE_TIER.agentTeams, schedule: { ...ENTERPRISE_TIER.agentTeams.schedule!, minReplicasInWindow: n } } });
    expect(gb(floor(10))).toBeGreaterThan(gb(floor(5)));
    // 3 teams x 5 more pods in the window: 15 more containers there.
    expect(clusterObjects(ENTERPRISE_TIER, 8, 13).containers - clusterObjects(ENTERPRISE_TIER, 8, 8).containers).toBe(15);
  });

  test("more always-on nodes raise the node tables", () => {
    const bigger: TierSpec = { ...ENTERPRISE_TIER, cluster: { ...ENTERPRISE_TIER.cluster!, alwaysOnPool: { ...ENTERPRISE_TIER.cluster!.alwaysOnPool, nodeCount: 10 } } };
    const at = (t: TierSpec, stream: string) => logAnalyticsDemandForTier(t)!.streams.find((s) => s.stream === stream)!.gbPerDay;
    // 11.3 MB an hour per 3 nodes, every minute: 5 more nodes add 5 x 11.3 / 3 x 24 / 1000 GB a day.
    expect(at(bigger, "InsightsMetrics") - at(ENTERPRISE_TIER, "InsightsMetrics")).toBeCloseTo((5 * 11.3 * 24) / 3 / 1000, 9);
  });

  test("small-prod derives its ingestion too: 1.925 GB a day of Container Insights tables plus its assumed 1.2 GB of container logs", () => {
    const demand = logAnalyticsDemandForTier(SMALL_PROD_TIER)!;
    const tables = demand.streams.reduce((n, v) => n + v.gbPerDay, 0);
    expect(Number(tables.toFixed(3))).toBe(1.925);
    expect(demand.gbPerDay.expected).toBeCloseTo(tables + 1.2, 9);
    expect(estimateOptionsForTier(SMALL_PROD_TIER).logAnalyticsGbPerDay).toEqual(demand.gbPerDay);
    expect(estimateOptionsForTier(SMALL_PROD_TIER).logAnalyticsDerivation).toBe(demand.description);
  });

  test("a tier that types its ingestion keeps it", () => {
    const typed: TierSpec = { ...SMALL_PROD_TIER, costAssumptions: { ...SMALL_PROD_TIER.costAssumptions, logAnalyticsGbPerDay: { min: 1, expected: 2, max: 6 } } };
    expect(estimateOptionsForTier(typed).logAnalyticsGbPerDay).toEqual({ min: 1, expected: 2, max: 6 });
    expect(estimateOptionsForTier(typed).logAnalyticsDerivation).toBeUndefined();
  });
});
