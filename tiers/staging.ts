import { PLATFORM_COST_CENTER, TITAN_MODELS } from "./common";
import {
  CosmosBackupMode,
  CosmosConsistency,
  DataLayerKind,
  MonitoringLevel,
  PlatformKind,
  RedisFamily,
  RedisSku,
  RegionRole,
  TierName,
  TierSpec,
} from "./tier-spec";

/**
 * Tier 2 (seed 004): Azure Container Instances in eastus, resource group `omega-staging`,
 * federation-core and context-server at 2 x (2 vCPU, 4 GB), managed data at the low tier, ~$500.
 */
export const STAGING_TIER: TierSpec = {
  name: TierName.STAGING,
  platform: PlatformKind.CONTAINER_INSTANCES,
  regions: [
    {
      name: "eastus",
      role: RegionRole.PRIMARY,
      vnetAddressSpace: "10.2.0.0/16",
      clusterSubnetPrefix: "10.2.0.0/22",
    },
  ],
  services: {
    federationCore: { replicas: 2, limits: { cpuCores: 2, memoryMiB: 4096 } },
    contextServer: { replicas: 2, limits: { cpuCores: 2, memoryMiB: 4096 } },
    // The seed's staging runs only the two services above.
    agentRegistry: { replicas: 0 },
    mcpRegistry: { replicas: 0 },
    orchestrator: { replicas: 0 },
    titans: { models: TITAN_MODELS, replicasEach: 0 },
    praetorianGuard: { replicas: 0 },
    warden: { replicas: 0 },
    capacityManager: { replicas: 0 },
  },
  agentTeams: { teams: [], replicas: { min: 0, max: 0 } },
  dataLayer: {
    kind: DataLayerKind.MANAGED,
    cosmos: {
      throughputRuPerSecond: 400,
      regions: ["eastus"],
      multiRegionWrites: false,
      consistency: CosmosConsistency.SESSION,
      zoneRedundant: false,
      backup: CosmosBackupMode.PERIODIC,
    },
    redis: { sku: RedisSku.BASIC, family: RedisFamily.C, capacity: 1 },
  },
  monitoring: MonitoringLevel.BASIC,
  logRetentionDays: 30,
  budget: { ceilingMonthlyUsd: 500, seedMonthlyUsd: 500 },
  costCenter: PLATFORM_COST_CENTER,
};
