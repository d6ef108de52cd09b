import { TITAN_MODELS } from "./common";
import {
  DataLayerKind,
  MonitoringLevel,
  PlatformKind,
  RegionRole,
  TierName,
  TierSpec,
} from "./tier-spec";
import { CosmosBackupPolicy, CosmosConsistency, RedisFamily, RedisSku, StorageReplication } from "../constructs/data-service-options";
import { BudgetContactRole } from "../constructs/budget-contact-role";

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
      // The platform's container groups (federation-core, context-server).
      clusterSubnetPrefix: "10.2.0.0/22",
      privateEndpointSubnetPrefix: "10.2.4.0/24",
    },
  ],
  // Seed 001's language services, one of each at the catalog's limits, in two groups of four
  // (ACI allows five ports per group IP). One group per language would cost 8 x ACI's 1 vCPU /
  // 1 GB minimum (~$263 a month) and put staging over its ceiling; see the README.
  languageServices: { warmReplicas: 1, maxReplicas: 1 },
  containerInstances: {
    isolatedSubnetPrefix: "10.2.5.0/24",
    languageGroups: [
      ["c", "python", "haskell", "idris2"],
      ["lisp", "assembly", "java", "system-f"],
    ],
    // ACI's group minimum: the four containers of a group share 1 vCPU / 1 GB, each still limited
    // to the catalog's size (staging runs test traffic, not four compilations at their peaks).
    languageGroupAllocation: { cpuCores: 1, memoryGb: 1 },
    // API Management (Developer, External) in front of federation-core.
    gatewaySubnetPrefix: "10.2.6.0/27",
  },
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
      backup: CosmosBackupPolicy.PERIODIC,
      // Assumption for the cost model (the seeds give no data volumes).
      storedDataGb: 10,
      // Staging has a subscription of its own, whose one free-tier account this is: 400 RU/s and
      // 10 GB fall inside the 1000 RU/s and 25 GB that are not billed.
      freeTier: true,
    },
    redis: { sku: RedisSku.BASIC, family: RedisFamily.C, capacity: 1 },
    // Staging keeps no data it cannot recreate: one local copy is enough.
    storage: { replication: StorageReplication.LRS, storedDataGb: 100 },
  },
  monitoring: MonitoringLevel.BASIC,
  logRetentionDays: 30,
  budget: {
    ceilingMonthlyUsd: 500,
    seedMonthlyUsd: 500,
    // The resource group's owners; add a FinOps mailbox to `emails`.
    contacts: { emails: [], roles: [BudgetContactRole.OWNER] },
  },
  costAssumptions: {
    // Six container groups' console and system logs through diagnostic settings (test traffic).
    logAnalyticsGbPerDay: { min: 0.2, expected: 0.5, max: 2 },
    keyVaultOperationsPerMonth: 10_000,
  },
};
