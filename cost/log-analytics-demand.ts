import { DEFAULT_LANGUAGE_CATALOG } from "../constructs/language-service-fleet";
import { LogStoreTopology, MonitoringLevel, TierSpec } from "../tiers/tier-spec";
import { UsageRange } from "./estimate-options";
import { sandboxDemandForTier } from "./sandbox-demand";
import { spotDemandForTier } from "./spot-demand";

/**
 * Container Insights' ingestion per table for Microsoft's sample cluster (3 nodes, 20 containers,
 * 5 services, samples every minute), MB an hour: MicrosoftDocs/azure-docs
 * articles/azure-monitor/containers/container-insights-cost.md (ms.date 2020-05-29), "Estimating
 * costs to monitor your AKS cluster". The same article lists 8 Perf metrics per node (CPU, memory,
 * restarts) and 8 per container, and 16 more per node (disk, disk I/O, network, kubelet) that land
 * in InsightsMetrics.
 */
export const CONTAINER_INSIGHTS_SAMPLE = {
  nodes: 3,
  containers: 20,
  services: 5,
  mbPerHour: {
    perf: 12.9,
    insightsMetrics: 11.3,
    kubePodInventory: 1.5,
    kubeNodeInventory: 0.75,
    kubeServices: 0.13,
    containerInventory: 3.6,
    kubeMonAgentEvents: 0.005,
  },
  perfMetricsPerNode: 8,
  perfMetricsPerContainer: 8,
} as const;

const S = CONTAINER_INSIGHTS_SAMPLE;
/** Perf, MB an hour per metric series sampled every minute. */
const PERF_PER_SERIES = S.mbPerHour.perf / (S.perfMetricsPerNode * S.nodes + S.perfMetricsPerContainer * S.containers);

/** What one cluster runs in the namespaces Container Insights collects, at one moment. */
export interface ClusterObjects {
  readonly nodes: number;
  readonly containers: number;
  readonly services: number;
}

/** One Log Analytics table's share of the derived ingestion. */
export interface StreamVolume {
  readonly stream: string;
  /** GB a day at the expected cluster. */
  readonly gbPerDay: number;
  /**
   * Set for the tables Microsoft's sample gives no figure for: the volume is an upper bound by
   * analogy (named here), and the range's minimum counts them as 0.
   */
  readonly boundedBy?: string;
}

/**
 * Tables the cluster sends that container-insights-cost.md gives no figure for, each bounded by
 * the per-object rate of the most similar table it does give: ContainerNodeInventory (one record
 * per node, like KubeNodeInventory), KubePVInventory (one per volume, taken as many as Services,
 * at KubeServices' rate), KubeEvents (Kubernetes events about pods, at KubePodInventory's rate per
 * container).
 */
export const UNSOURCED_TABLES = ["ContainerNodeInventory", "KubePVInventory", "KubeEvents"] as const;

/** A cluster workspace's ingestion, derived per Container Insights stream. */
export interface LogAnalyticsDemand {
  readonly gbPerDay: UsageRange;
  /** Expected GB a day per table. */
  readonly streams: readonly StreamVolume[];
  /** How the figure was derived, for the cost line. */
  readonly description: string;
}

/** What the tier's clusters send, with Microsoft's Standard preset as the default. */
export function containerInsightsOf(tier: TierSpec): { containerLogs: boolean; intervalMinutes: number; excludeSystemNamespaces: boolean } {
  return tier.containerInsights ?? { containerLogs: true, intervalMinutes: 1, excludeSystemNamespaces: false };
}

/** GB a day per table for a cluster of these objects, sampled every `intervalMinutes`. */
export function streamVolumes(objects: ClusterObjects, intervalMinutes: number): StreamVolume[] {
  const { nodes, containers, services } = objects;
  const sampled = (mbPerHour: number) => mbPerHour / intervalMinutes;
  const mbPerHour: [string, number][] = [
    ["Perf", sampled(PERF_PER_SERIES * (S.perfMetricsPerNode * nodes + S.perfMetricsPerContainer * containers))],
    // Azure applies the interval to InsightsMetrics' kube-state, PV and GPU metrics only, not to
    // the node metrics that make up most of it: counted per node, every minute.
    ["InsightsMetrics", (S.mbPerHour.insightsMetrics / S.nodes) * nodes],
    ["KubePodInventory", sampled((S.mbPerHour.kubePodInventory / S.containers) * containers)],
    ["ContainerInventory", sampled((S.mbPerHour.containerInventory / S.containers) * containers)],
    ["KubeNodeInventory", sampled((S.mbPerHour.kubeNodeInventory / S.nodes) * nodes)],
    ["KubeServices", sampled((S.mbPerHour.kubeServices / S.services) * services)],
    ["KubeMonAgentEvents", S.mbPerHour.kubeMonAgentEvents],
  ];
  const bounded: [string, number, string][] = [
    ["ContainerNodeInventory", sampled((S.mbPerHour.kubeNodeInventory / S.nodes) * nodes), "KubeNodeInventory's rate per node"],
    ["KubePVInventory", sampled((S.mbPerHour.kubeServices / S.services) * services), "KubeServices' rate per object, as many volumes as Services"],
    ["KubeEvents", sampled((S.mbPerHour.kubePodInventory / S.containers) * containers), "KubePodInventory's rate per container"],
  ];
  return [
    ...mbPerHour.map(([stream, mb]) => ({ stream, gbPerDay: (mb * 24) / 1000 })),
    ...bounded.map(([stream, mb, boundedBy]) => ({ stream, gbPerDay: (mb * 24) / 1000, boundedBy })),
  ];
}

function total(volumes: readonly StreamVolume[]): number {
  return volumes.reduce((n, v) => n + v.gbPerDay, 0);
}

/** The tables with a sourced rate only. */
function sourced(volumes: readonly StreamVolume[]): StreamVolume[] {
  return volumes.filter((v) => v.boundedBy === undefined);
}

/**
 * Containers and Services the tier's workloads stack runs in the namespaces it owns (platform,
 * agents, languages, observability) with `teamReplicas` agent-team pods per team on `nodes` nodes.
 * AKS's own pods (kube-system) are not counted: the stacks do not say how many there are.
 */
export function clusterObjects(tier: TierSpec, nodes: number, teamReplicas: number): ClusterObjects {
  const s = tier.services;
  const single = [s.federationCore, s.contextServer, s.agentRegistry, s.mcpRegistry, s.orchestrator, s.praetorianGuard, s.warden, s.capacityManager].filter(
    (service) => service.replicas > 0,
  );
  const platform = single.reduce((n, service) => n + service.replicas, 0) + s.titans.models.length * s.titans.replicasEach;
  const platformServices = single.length + (s.titans.replicasEach > 0 ? s.titans.models.length : 0);
  const teams = tier.agentTeams.teams.length;
  const langs = tier.languageServices ? DEFAULT_LANGUAGE_CATALOG.length : 0;
  const languages = langs * (tier.languageServices?.warmReplicas ?? 0);

  let observability = 0;
  let observabilityServices = 0;
  const o = tier.observability;
  if (o) {
    const ha = tier.monitoring === MonitoringLevel.FULL;
    const loki =
      o.logs.topology === LogStoreTopology.DISTRIBUTED
        ? // ingester, distributor, querier, query frontend, query scheduler, index gateway; one
          // compactor; two memcached caches with their exporters
          6 * o.logs.replicas + 1 + 2 * 2
        : o.logs.replicas;
    observability =
      2 * o.metrics.prometheusReplicas + // Prometheus and its config reloader
      2 * o.metrics.alertmanagerReplicas + // Alertmanager and its config reloader
      1 + // Prometheus operator
      1 + // kube-state-metrics
      3 + // Grafana with its dashboards and datasources sidecars
      loki +
      (ha ? 2 : 1) + // Loki gateway
      1 + // Tempo
      3 * nodes; // per node: node exporter, Alloy and its config reloader
    observabilityServices = 8 + (o.logs.topology === LogStoreTopology.DISTRIBUTED ? 9 : 1);
  }
  return {
    nodes,
    containers: platform + teams * teamReplicas + languages + observability,
    services: platformServices + teams + langs + observabilityServices,
  };
}

/**
 * The Log Analytics ingestion of one regional workspace of an AKS tier, derived per Container
 * Insights stream from what the cluster runs: nodes (the always-on pool, the spot nodes derived
 * in cost/spot-demand.ts and the sandbox pool's assumed nodes), the containers and Services of the workloads stack, and the data
 * collection rule's interval, plus the tier's assumed container logs where they are collected.
 * Undefined where the tier has no cluster, or collects container logs without saying how many.
 */
export function logAnalyticsDemandForTier(tier: TierSpec): LogAnalyticsDemand | undefined {
  const cluster = tier.cluster;
  if (!cluster) return undefined;
  const insights = containerInsightsOf(tier);
  const logs = tier.costAssumptions?.containerLogGbPerDay;
  if (insights.containerLogs && !logs) return undefined;

  const alwaysOn = cluster.alwaysOnPool.nodeCount;
  const spot = spotDemandForTier(tier);
  const teams = tier.agentTeams;
  const schedule = teams.schedule;
  const demand = tier.costAssumptions?.agentTeamDemand;
  const outsideTeams = schedule
    ? schedule.minReplicasOutsideWindow + (demand?.replicasAboveFloorOutsideWindow ?? 0)
    : teams.replicas.min + (demand?.replicasAboveFloorInWindow ?? 0);
  const inWindowTeams = schedule ? schedule.minReplicasInWindow + (demand?.replicasAboveFloorInWindow ?? 0) : outsideTeams;
  const share = spot?.windowShare ?? 0;
  // The sandbox pool's nodes, as the tier assumes them (at least what its warm pods need).
  const sandboxPool = tier.languageServices?.sandboxedPool;
  const sandbox = sandboxPool ? tier.costAssumptions?.sandboxPool?.averageNodes ?? sandboxDemandForTier(tier)?.nodes ?? sandboxPool.minCount : 0;
  const outsideNodes = alwaysOn + sandbox + (spot?.outside.nodes ?? cluster.spotPool.minCount);
  const inWindowNodes = alwaysOn + sandbox + (spot?.inWindow?.nodes ?? spot?.outside.nodes ?? cluster.spotPool.minCount);

  const at = (nodes: number, teamReplicas: number) =>
    streamVolumes(clusterObjects(tier, nodes, Math.min(teams.replicas.max, teamReplicas)), insights.intervalMinutes);
  const outside = at(outsideNodes, outsideTeams);
  const inWindow = at(inWindowNodes, inWindowTeams);
  const busiest = at(alwaysOn + cluster.spotPool.maxCount + (sandboxPool?.maxCount ?? 0), teams.replicas.max);
  const streams = outside.map((v, i) => ({ ...v, gbPerDay: (1 - share) * v.gbPerDay + share * inWindow[i].gbPerDay }));
  const withLogs = (gb: number, logGb: number) => gb + (insights.containerLogs ? logGb : 0);
  const gbPerDay = {
    min: withLogs(total(sourced(outside)), logs?.min ?? 0),
    expected: withLogs(total(streams), logs?.expected ?? 0),
    max: withLogs(total(busiest), logs?.max ?? 0),
  };
  const objects = clusterObjects(tier, outsideNodes, outsideTeams);
  const busy = clusterObjects(tier, inWindowNodes, inWindowTeams);
  const round = (n: number) => Number(n.toFixed(3));
  const parts = [...sourced(streams)]
    .sort((a, b) => b.gbPerDay - a.gbPerDay)
    .map((v) => `${v.stream} ${round(v.gbPerDay)}`)
    .join(", ");
  const boundedParts = streams
    .filter((v) => v.boundedBy !== undefined)
    .map((v) => `${v.stream} ${round(v.gbPerDay)} (${v.boundedBy})`)
    .join(", ");
  const description =
    `derived per Container Insights stream, GB a day: ${parts}` +
    `${insights.containerLogs ? `; container logs ${logs?.expected} (assumed)` : "; container logs not collected (Loki keeps them)"}` +
    ` - ${objects.nodes}-${busy.nodes} nodes, ${objects.containers}-${busy.containers} containers, ${objects.services} services` +
    `${insights.excludeSystemNamespaces ? " (kube-system, gatekeeper-system and azure-arc excluded)" : " (AKS's own kube-system containers not counted)"}` +
    `, sampled every ${insights.intervalMinutes} min; rates per table from Microsoft's sample cluster (container-insights-cost.md);` +
    ` no figure there for ${boundedParts}: bounded by analogy, counted in the expected and maximum, 0 in the minimum`;
  return { gbPerDay, streams, description };
}
