import { AGENT_TEAMS, ALL_ZONES, PLATFORM_COST_CENTER, TITAN_MODELS } from "./common";
import {
  BudgetContactRole,
  CosmosBackupMode,
  CosmosConsistency,
  DataLayerKind,
  LogStoreTopology,
  MonitoringLevel,
  PlatformKind,
  RedisFamily,
  RedisSku,
  RegionRole,
  SearchSku,
  StorageReplication,
  TierName,
  TierSpec,
} from "./tier-spec";

/**
 * Tier 4 (seed 004): active-active in eastus, westeurope and southeastasia. Per region: always-on
 * pool 5 x Standard_D8s_v5, spot Standard_D4s_v5 0..50 at most $0.05/h with eviction Delete.
 * Agent teams keep 5 replicas 08:00-18:00 America/New_York and may reach 0 off-hours.
 */
export const ENTERPRISE_TIER: TierSpec = {
  name: TierName.ENTERPRISE,
  platform: PlatformKind.AKS,
  regions: [
    {
      name: "eastus",
      role: RegionRole.PRIMARY,
      vnetAddressSpace: "10.10.0.0/16",
      clusterSubnetPrefix: "10.10.0.0/22",
      privateEndpointSubnetPrefix: "10.10.4.0/24",
    },
    {
      name: "westeurope",
      role: RegionRole.SECONDARY,
      vnetAddressSpace: "10.20.0.0/16",
      clusterSubnetPrefix: "10.20.0.0/22",
      privateEndpointSubnetPrefix: "10.20.4.0/24",
    },
    {
      name: "southeastasia",
      role: RegionRole.TERTIARY,
      vnetAddressSpace: "10.30.0.0/16",
      clusterSubnetPrefix: "10.30.0.0/22",
      privateEndpointSubnetPrefix: "10.30.4.0/24",
    },
  ],
  cluster: {
    alwaysOnPool: { vmSize: "Standard_D8s_v5", nodeCount: 5, zones: ALL_ZONES },
    spotPool: {
      vmSize: "Standard_D4s_v5",
      minCount: 0,
      maxCount: 50,
      maxPricePerHourUsd: 0.05,
      zones: ALL_ZONES,
    },
  },
  services: {
    federationCore: { replicas: 5 },
    contextServer: { replicas: 5 },
    agentRegistry: { replicas: 3 },
    mcpRegistry: { replicas: 3 },
    orchestrator: { replicas: 3 },
    titans: { models: TITAN_MODELS, replicasEach: 3 },
    praetorianGuard: { replicas: 2 },
    warden: { replicas: 2 },
    capacityManager: { replicas: 2 },
  },
  agentTeams: {
    teams: AGENT_TEAMS,
    replicas: { min: 0, max: 50 },
    schedule: {
      timeZone: "America/New_York",
      startHour: 8,
      endHour: 18,
      minReplicasInWindow: 5,
      minReplicasOutsideWindow: 0,
    },
  },
  languageServices: {
    warmReplicas: 2,
    maxReplicas: 10,
  },
  dataLayer: {
    kind: DataLayerKind.MANAGED,
    cosmos: {
      throughputRuPerSecond: 10000,
      regions: ["eastus", "westeurope", "southeastasia"],
      multiRegionWrites: true,
      // Seed 004 asks for Strong, which Azure refuses with multiple write regions (and blocks by
      // default across regions more than 5,000 miles apart, as eastus-southeastasia are). Session
      // gives each client read-your-writes and monotonic reads, the strongest level that keeps
      // writes local in every region, which is what active-active is for.
      consistency: CosmosConsistency.SESSION,
      zoneRedundant: true,
      backup: CosmosBackupMode.CONTINUOUS,
      // Assumption for the cost model, per region (the seeds give no data volumes).
      storedDataGb: 200,
    },
    // Seed 004 says "P4 (26GB)", but Azure's P4 is 53 GB and P3 is 26 GB. We keep the seed's
    // memory per shard (P3, 26 GB) and cluster two shards: 52 GB in all, the same as one P4,
    // at the same price, with the load spread over two primaries.
    redis: { sku: RedisSku.PREMIUM, family: RedisFamily.P, capacity: 3, shardCount: 2 },
    search: { sku: SearchSku.STANDARD, replicas: 3, partitions: 1 },
    // Per region. GRS keeps the archive tier available (ZRS/GZRS accounts have none).
    storage: { replication: StorageReplication.GRS, storedDataGb: 1000 },
  },
  monitoring: MonitoringLevel.FULL,
  // Highly available per region: two Prometheus replicas scraping the same targets, a three-member
  // Alertmanager cluster, Loki distributed over Blob storage (30 days queryable, a year archived).
  observability: {
    metrics: { prometheusReplicas: 2, retentionDays: 30, storageGiB: 200, alertmanagerReplicas: 3, alertmanagerStorageGiB: 2 },
    grafana: { storageGiB: 10 },
    logs: { topology: LogStoreTopology.DISTRIBUTED, replicas: 3, retentionDays: 30, archiveDays: 365, storageGiB: 50 },
    traces: { retentionDays: 14, storageGiB: 50 },
  },
  logRetentionDays: 30,
  slaPercent: 99.99,
  budget: {
    // Seed 004's ~$15,000 does not cover the tier it specifies: priced as specified (cost/,
    // `npm run cost`) it comes to about $23,500 a month, two thirds of it in three regions of
    // Premium Redis (P3 x 2 shards, $3,238 each), 5 x Standard_D8s_v5 ($1,402-1,555 each) and
    // 10,000 RU/s written in three regions ($3,504). The ceiling is that estimate plus ~6%.
    ceilingMonthlyUsd: 25000,
    seedMonthlyUsd: 15000,
    // A region is about $6,100-6,400; the global stack (Cosmos DB)
    // about $3,800, plus a Front Door profile if one is added.
    stackCeilings: { regionalMonthlyUsd: 7000, globalMonthlyUsd: 4500 },
    // The resource group's owners; add a FinOps mailbox to `emails`.
    contacts: { emails: [], roles: [BudgetContactRole.OWNER] },
  },
  costAssumptions: {
    // Inside 08:00-18:00 the teams' floor alone (3 teams x 5 replicas x 500m = 7.5 vCPU) needs
    // 3 Standard_D4s_v5 nodes after system daemons; demand above the floor adds about 2. Off-hours
    // the floor is 0 and demand keeps about 1 node busy. The language services (8 languages x 2
    // warm pods, 5.25 vCPU requested) keep 2 more spot nodes busy at all hours.
    spotPool: { averageNodes: 3, averageNodesInWindow: 7 },
    // Container Insights and Defender on 6-65 nodes per region; application logs go to Loki.
    logAnalyticsGbPerDay: { min: 2, expected: 5, max: 15 },
    // Constant ingest under seed 004's lifecycle (cool after 7 days, archive after 90) and seed
    // 001's one-year log retention: 7/365 hot, 83/365 cool, 275/365 archive.
    blobTierShares: { hot: 0.02, cool: 0.23, archive: 0.75 },
    // The CSI driver polls every 2 minutes (21,900 times a month) per pod and secret: 16 pods
    // with about 2 secrets each, per region.
    keyVaultOperationsPerMonth: 750_000,
  },
  costCenter: PLATFORM_COST_CENTER,
};
