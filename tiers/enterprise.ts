import { AGENT_TEAMS, ALL_ZONES, TITAN_MODELS } from "./common";
import {
  ComputeCommitment,
  CosmosZoneRedundancyScope,
  DataLayerKind,
  LogStoreTopology,
  MonitoringLevel,
  PlatformKind,
  RegionRole,
  ReservationTerm,
  SearchPlacement,
  ScheduleDays,
  TierName,
  TierSpec,
  WafMode,
} from "./tier-spec";
import { CosmosBackupPolicy, CosmosConsistency, RedisFamily, RedisSku, SearchSku, StorageReplication } from "../constructs/data-service-options";
import { BudgetContactRole } from "../constructs/budget-contact-role";

/**
 * Tier 4 (seed 004): active-active in eastus, westeurope and southeastasia. Per region: always-on
 * pool 5 x Standard_D8s_v5 on a 1-year savings plan, spot Standard_D4s_v5 0..50 at the spot price
 * (up to on-demand) with eviction Delete, the language services in Kata VMs on a spot pool of their
 * own (Standard_D4s_v5 2..10), one of the tier's three AI Search replicas. Agent teams
 * keep 5 replicas 08:00-18:00 America/New_York every day and may reach 0 off-hours. Cosmos DB on
 * 1-year reserved capacity; Redis snapshots on a zone-redundant account.
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
      // The sandbox pool's nodes (see languageServices).
      sandboxSubnetPrefix: "10.10.5.0/24",
    },
    {
      name: "westeurope",
      role: RegionRole.SECONDARY,
      vnetAddressSpace: "10.20.0.0/16",
      clusterSubnetPrefix: "10.20.0.0/22",
      privateEndpointSubnetPrefix: "10.20.4.0/24",
      // The sandbox pool's nodes (see languageServices).
      sandboxSubnetPrefix: "10.20.5.0/24",
    },
    {
      name: "southeastasia",
      role: RegionRole.TERTIARY,
      vnetAddressSpace: "10.30.0.0/16",
      clusterSubnetPrefix: "10.30.0.0/22",
      privateEndpointSubnetPrefix: "10.30.4.0/24",
      // The sandbox pool's nodes (see languageServices).
      sandboxSubnetPrefix: "10.30.5.0/24",
    },
  ],
  cluster: {
    // The always-on nodes run all month for years: a 1-year compute savings plan covers them (the
    // only commitment with a sourced price; see the README's levers).
    alwaysOnPool: { vmSize: "Standard_D8s_v5", nodeCount: 5, zones: ALL_ZONES, commitment: ComputeCommitment.SAVINGS_PLAN_1_YEAR },
    spotPool: {
      vmSize: "Standard_D4s_v5",
      minCount: 0,
      maxCount: 50,
      // Seed 004's $0.05/h is below the published D4s_v5 spot price in East US 2 ($0.061): Azure
      // would allocate no node at that cap. -1 pays the spot price, up to on-demand, and evicts
      // only for capacity: the seed's cheap nodes, not no nodes.
      maxPricePerHourUsd: -1,
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
      // Seed 004's floor of 5 from 08:00 to 18:00 holds every day, weekends included (+$102.51 a
      // month against weekdays only; the 20% Cosmos DB reservation pays for it).
      days: ScheduleDays.EVERY_DAY,
      minReplicasInWindow: 5,
      minReplicasOutsideWindow: 0,
    },
  },
  // The language services run code nobody vetted: in Kata VMs on a pool of their own (Azure Linux,
  // tainted, in its own subnet), as in small-prod. Two warm pods per language ask 5,250m and
  // 3,200 MiB plus Kata's 600 MiB a pod: two Standard_D4s_v5 a region. Bought as spot VMs, as the
  // fleet's nodes were before it had a pool of its own (paying up to on-demand: evicted for
  // capacity only), because regular ones do not fit the ceiling: two regular D4s_v5 a region take
  // the tier to $15,664.64 and West Europe's and Southeast Asia's stacks to $4,380.19 against their
  // $4,200 (npm run cost), and a 1-year savings plan on them (24% off) would save about $228 across
  // the regions, not enough. An eviction ends the sandboxes on that node; the caller retries
  // (README, LanguageServiceFleet; "Enterprise levers").
  languageServices: {
    warmReplicas: 2,
    maxReplicas: 10,
    sandboxedPool: { vmSize: "Standard_D4s_v5", minCount: 2, maxCount: 10, zones: ALL_ZONES, spot: { maxPricePerHourUsd: -1 } },
  },
  dataLayer: {
    kind: DataLayerKind.MANAGED,
    cosmos: {
      throughputRuPerSecond: 10000,
      regions: ["eastus", "westeurope", "southeastasia"],
      // One write region (eastus), reads served in all three: Cosmos DB bills single-write
      // throughput at half the multi-write rate. Seed 004's Strong needs a single write region
      // anyway, but Azure still blocks Strong by default across regions more than 5,000 miles
      // apart (eastus-southeastasia). Session gives each client read-your-writes and monotonic
      // reads in every region; Bounded Staleness would bill reads at twice the RUs.
      multiRegionWrites: false,
      consistency: CosmosConsistency.SESSION,
      // Zones in the write region keep writes up through a zone outage; in the read regions they add
      // little with Session (the SDK already sends reads elsewhere when a read region fails) and
      // would cost 1.25 x their throughput.
      zoneRedundant: true,
      zoneRedundancyScope: CosmosZoneRedundancyScope.WRITE_REGION,
      backup: CosmosBackupPolicy.CONTINUOUS_30_DAYS,
      // Assumption for the cost model, per region (the seeds give no data volumes).
      storedDataGb: 200,
      // 1-year reserved capacity (20% off the throughput, reserved-capacity.md): 32,500 RU/s-regions
      // (10,000 x 3 regions, the write region's zone premium included), bought in Azure.
      reservedCapacity: ReservationTerm.ONE_YEAR,
    },
    // Seed 004 says "P4 (26GB)" with clustering, but Azure's P4 is 53 GB and P3 is 26 GB. We keep
    // the seed's 26 GB: one P3 shard with clustering enabled, so a second shard is a change of
    // `shardCount`, not a new cache.
    // The hourly RDB snapshots (seed 001: database RPO under an hour) go to a zone-redundant account:
    // a geo-redundant one copies every snapshot to the paired region at $0.02/GB ($379.60 a region
    // a month at the shard's 26 GB), while the other two regions run caches of their own.
    // The cache's data is ours to assume (the seeds give none): half its memory, up to all of it.
    redis: {
      sku: RedisSku.PREMIUM,
      family: RedisFamily.P,
      capacity: 3,
      shardCount: 1,
      persistenceRedundancy: StorageReplication.ZRS,
      storedDataGb: { min: 4, expected: 13, max: 26 },
    },
    // Seed 004 lists AI Search "Standard, replicas: 3" beside the one Cosmos DB account, at tier
    // level: three replicas for the tier, one service of one replica in each region, so queries stay
    // local. No Azure SLA covers a one-replica service (2 replicas for queries, 3 for indexing too);
    // SearchPlacement.EVERY_REGION gives each region three (+$1,471.68 a month).
    search: { sku: SearchSku.STANDARD, replicas: 3, partitions: 1, placement: SearchPlacement.SPREAD_ACROSS_REGIONS },
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
  // Microsoft's Cost-optimized preset (samples every 5 minutes, AKS's own namespaces left out)
  // without container logs: Loki keeps them (30 days queryable, a year archived) and Prometheus
  // scrapes every 30 s, so Log Analytics holds the inventory, performance and Defender views only.
  containerInsights: { containerLogs: false, intervalMinutes: 5, excludeSystemNamespaces: true },
  // The way in (seed 004's CDN, WAF, load balancer and API gateway; seed 002's Traefik with TLS and
  // rate limits). The limits are ours: the seeds give no numbers.
  edge: {
    wafMode: WafMode.PREVENTION,
    wafRateLimitPerMinute: 2000,
    maxRequestBodyKiB: 1024,
    routeRateLimitPerSecond: 50,
    routeBurst: 100,
    gatewayReplicas: 3,
  },
  logRetentionDays: 30,
  slaPercent: 99.99,
  budget: {
    // Seed 004's ~$15,000 with every seed feature kept, the edge included (`npm run cost`, levers
    // in the README's "Enterprise levers"; the edge: Front Door Premium's $330 base fee, requests
    // and transfer, an internal load balancer per region).
    ceilingMonthlyUsd: 15000,
    seedMonthlyUsd: 15000,
    // A region is about $3,720-4,035 (its workloads stack ~$60 more); the global stack $2,675
    // (Cosmos DB $2,168 and the edge's Front Door $507).
    stackCeilings: { regionalMonthlyUsd: 4200, globalMonthlyUsd: 3000 },
    // The resource group's owners; add a FinOps mailbox to `emails`.
    contacts: { emails: [], roles: [BudgetContactRole.OWNER] },
  },
  costAssumptions: {
    // The spot nodes are derived from the pods placed there (cost/spot-demand.ts): the teams'
    // floor (5 per team in the window) and this demand above the floor, per team on average. The
    // language services' warm pools are on the sandbox pool.
    agentTeamDemand: { replicasAboveFloorInWindow: 3, replicasAboveFloorOutsideWindow: 1 },
    // The warm pools on their two nodes; the HPA's extra pods (up to 10 per language) are rare.
    sandboxPool: { averageNodes: 2 },
    // Log Analytics ingestion is derived per Container Insights stream from the nodes, containers
    // and the collection interval (cost/log-analytics-demand.ts); container logs go to Loki.
    // Key Vault operations are derived from the secrets provider's polls (cost/key-vault-demand.ts).
    // Through each region's private endpoints, in and out (ours; the seeds give no volumes).
    privateEndpointGbPerMonth: { min: 200, expected: 1000, max: 5000 },
    // Queries to each region's private zones that CoreDNS has not cached.
    privateDnsQueriesPerMonth: { min: 5_000_000, expected: 30_000_000, max: 150_000_000 },
    // Writes the eastus write region replicates to each read region: the 200 GB per region
    // renewed about once every two months.
    cosmosReplicatedGbPerMonth: { min: 20, expected: 100, max: 400 },
    // Front Door traffic (ours; the seeds give none): about 40 requests a second on average across
    // the three regions and 1 TB a month to clients, a fifth of it to the origins.
    edgeTraffic: {
      requestsPerMonth: { min: 20_000_000, expected: 100_000_000, max: 500_000_000 },
      egressGbPerMonth: { min: 200, expected: 1000, max: 5000 },
      originGbPerMonth: { min: 40, expected: 200, max: 1000 },
    },
  },
};
