import { AGENT_TEAMS, ALL_ZONES, PLATFORM_COST_CENTER, TITAN_MODELS } from "./common";
import {
  CosmosBackupMode,
  CosmosConsistency,
  DataLayerKind,
  MonitoringLevel,
  PlatformKind,
  RedisFamily,
  RedisSku,
  RegionRole,
  SearchSku,
  TierName,
  TierSpec,
} from "./tier-spec";

/**
 * Tier 3 (seed 004): one AKS cluster in eastus, always-on pool 3 x Standard_D4s_v5, spot
 * Standard_D4s_v5 0..5 for agent teams, Cosmos DB 1000 RU/s in one region, Redis Premium P1,
 * AI Search Basic, 99.9% SLA, ~$2,100 a month.
 */
export const SMALL_PROD_TIER: TierSpec = {
  name: TierName.SMALL_PROD,
  platform: PlatformKind.AKS,
  regions: [
    {
      name: "eastus",
      role: RegionRole.PRIMARY,
      vnetAddressSpace: "10.1.0.0/16",
      clusterSubnetPrefix: "10.1.0.0/22",
    },
  ],
  cluster: {
    alwaysOnPool: { vmSize: "Standard_D4s_v5", nodeCount: 3, zones: ALL_ZONES },
    spotPool: {
      vmSize: "Standard_D4s_v5",
      minCount: 0,
      maxCount: 5,
      // The seed sets no spot price for this tier: pay up to on-demand, never evicted for price.
      maxPricePerHourUsd: -1,
      zones: ALL_ZONES,
    },
  },
  services: {
    federationCore: { replicas: 3 },
    contextServer: { replicas: 3 },
    agentRegistry: { replicas: 2 },
    mcpRegistry: { replicas: 2 },
    orchestrator: { replicas: 2 },
    titans: { models: TITAN_MODELS, replicasEach: 1 },
    praetorianGuard: { replicas: 1 },
    warden: { replicas: 1 },
    capacityManager: { replicas: 1 },
  },
  agentTeams: { teams: AGENT_TEAMS, replicas: { min: 0, max: 5 } },
  // Sandboxing is available (LanguageServicesSpec.sandboxedPool) but off: it adds a pool of
  // its own to a tier sized at ~$2,100 a month; the fleet's pods are still locked down.
  languageServices: { warmReplicas: 1, maxReplicas: 3 },
  dataLayer: {
    kind: DataLayerKind.MANAGED,
    cosmos: {
      throughputRuPerSecond: 1000,
      regions: ["eastus"],
      multiRegionWrites: false,
      consistency: CosmosConsistency.SESSION,
      zoneRedundant: true,
      backup: CosmosBackupMode.CONTINUOUS,
    },
    redis: { sku: RedisSku.PREMIUM, family: RedisFamily.P, capacity: 1 },
    search: { sku: SearchSku.BASIC, replicas: 1, partitions: 1 },
  },
  monitoring: MonitoringLevel.STANDARD,
  logRetentionDays: 30,
  slaPercent: 99.9,
  budget: { ceilingMonthlyUsd: 2100, seedMonthlyUsd: 2100 },
  costCenter: PLATFORM_COST_CENTER,
};
