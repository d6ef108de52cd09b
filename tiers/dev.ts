import { AGENT_TEAMS, TITAN_MODELS } from "./common";
import { DataLayerKind, LogStoreTopology, MonitoringLevel, PlatformKind, TierName, TierSpec } from "./tier-spec";

/** Tier 1 (seed 004): a local cluster, one replica of everything, in-cluster MongoDB 7 and Redis 7, $0. */
export const DEV_TIER: TierSpec = {
  name: TierName.DEV,
  platform: PlatformKind.LOCAL_KUBERNETES,
  regions: [],
  services: {
    // seed 004's docker-compose limits federation-core to 1 CPU and 512M.
    // Requests shrink with them: the seed's production requests (1000m/2Gi) exceed these limits.
    federationCore: { replicas: 1, requests: { cpuCores: 0.25, memoryMiB: 256 }, limits: { cpuCores: 1, memoryMiB: 512 } },
    contextServer: { replicas: 1 },
    agentRegistry: { replicas: 1 },
    mcpRegistry: { replicas: 1 },
    orchestrator: { replicas: 1 },
    titans: { models: TITAN_MODELS, replicasEach: 1 },
    praetorianGuard: { replicas: 1 },
    warden: { replicas: 1 },
    capacityManager: { replicas: 1 },
  },
  agentTeams: { teams: AGENT_TEAMS, replicas: { min: 0, max: 1 } },
  languageServices: { warmReplicas: 1, maxReplicas: 1 },
  dataLayer: {
    kind: DataLayerKind.IN_CLUSTER,
    // Patch-pinned: the seed's `mongo:7` and `redis:7-alpine` float.
    mongoImage: "mongo:7.0.16",
    redisImage: "redis:7.4.2-alpine",
  },
  monitoring: MonitoringLevel.OPTIONAL,
  // Light: one of each, a few days, nothing persisted, Loki on the pod's own disk (no object storage).
  observability: {
    metrics: { prometheusReplicas: 1, retentionDays: 2, storageGiB: 0, alertmanagerReplicas: 1, alertmanagerStorageGiB: 0 },
    grafana: { storageGiB: 0 },
    logs: { topology: LogStoreTopology.MONOLITHIC, replicas: 1, retentionDays: 3, storageGiB: 0 },
    traces: { retentionDays: 1, storageGiB: 0 },
  },
  logRetentionDays: 30,
};
