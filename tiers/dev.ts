import { AGENT_TEAMS, PLATFORM_COST_CENTER, TITAN_MODELS } from "./common";
import { DataLayerKind, MonitoringLevel, PlatformKind, TierName, TierSpec } from "./tier-spec";

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
  logRetentionDays: 30,
  costCenter: PLATFORM_COST_CENTER,
};
