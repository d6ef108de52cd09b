import { AGENT_TEAMS, ALL_ZONES, TITAN_MODELS } from "./common";
import {
  ComputeCommitment,
  DataLayerKind,
  LogStoreTopology,
  MonitoringLevel,
  PlatformKind,
  RegionRole,
  ReservationTerm,
  TierName,
  TierSpec,
  WafMode,
} from "./tier-spec";
import { CosmosBackupPolicy, CosmosConsistency, RedisFamily, RedisSku, SearchSku, StorageReplication } from "../constructs/data-service-options";
import { BudgetContactRole } from "../constructs/budget-contact-role";

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
      privateEndpointSubnetPrefix: "10.1.4.0/24",
      sandboxSubnetPrefix: "10.1.5.0/24",
    },
  ],
  cluster: {
    // The always-on nodes run all month: a 1-year compute savings plan covers them (the only VM
    // commitment with a sourced price), as in enterprise.
    alwaysOnPool: { vmSize: "Standard_D4s_v5", nodeCount: 3, zones: ALL_ZONES, commitment: ComputeCommitment.SAVINGS_PLAN_1_YEAR },
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
  // The language services run code nobody vetted: in Kata VMs on a pool of their own (Azure Linux,
  // regular priority, tainted, in its own subnet). One warm pod per language asks 2,625m and
  // 1,600 MiB plus Kata's 600 MiB a pod: one Standard_D4s_v5; three per language need three.
  languageServices: {
    warmReplicas: 1,
    maxReplicas: 3,
    sandboxedPool: { vmSize: "Standard_D4s_v5", minCount: 1, maxCount: 3, zones: ALL_ZONES },
  },
  dataLayer: {
    kind: DataLayerKind.MANAGED,
    cosmos: {
      throughputRuPerSecond: 1000,
      regions: ["eastus"],
      multiRegionWrites: false,
      consistency: CosmosConsistency.SESSION,
      zoneRedundant: true,
      backup: CosmosBackupPolicy.CONTINUOUS_30_DAYS,
      // Assumption for the cost model (the seeds give no data volumes).
      storedDataGb: 50,
      // 1-year reserved capacity, 20% off the throughput (reserved-capacity.md), bought in Azure.
      reservedCapacity: ReservationTerm.ONE_YEAR,
    },
    // Hourly RDB snapshots (seed 001: database RPO under an hour) to the GRS account: each is copied
    // to the paired region. The cache's data is ours to assume: half its 6 GB, up to all of it.
    redis: { sku: RedisSku.PREMIUM, family: RedisFamily.P, capacity: 1, storedDataGb: { min: 1, expected: 3, max: 6 } },
    search: { sku: SearchSku.BASIC, replicas: 1, partitions: 1 },
    // GRS, not ZRS or GZRS: the archive tier (seed 004) exists only on LRS, GRS and RA-GRS accounts,
    // and a single-region tier's backups should outlive its region.
    storage: { replication: StorageReplication.GRS, storedDataGb: 500 },
  },
  monitoring: MonitoringLevel.STANDARD,
  // One Prometheus on a persistent disk; Loki's chunks in Blob storage, 30 days queryable and a
  // year archived (seed 001).
  observability: {
    metrics: { prometheusReplicas: 1, retentionDays: 15, storageGiB: 50, alertmanagerReplicas: 1, alertmanagerStorageGiB: 1 },
    grafana: { storageGiB: 5 },
    logs: { topology: LogStoreTopology.MONOLITHIC, replicas: 1, retentionDays: 30, archiveDays: 365, storageGiB: 10 },
    traces: { retentionDays: 7, storageGiB: 20 },
  },
  // The way in (seed 004's CDN, WAF, load balancer and API gateway; seed 002's Traefik with TLS and
  // rate limits). The limits are ours: the seeds give no numbers.
  edge: {
    wafMode: WafMode.PREVENTION,
    wafRateLimitPerMinute: 1000,
    maxRequestBodyKiB: 1024,
    routeRateLimitPerSecond: 50,
    routeBurst: 100,
    gatewayReplicas: 2,
  },
  logRetentionDays: 30,
  slaPercent: 99.9,
  budget: {
    ceilingMonthlyUsd: 2100,
    seedMonthlyUsd: 2100,
    // The resource group's owners; add a FinOps mailbox to `emails`.
    contacts: { emails: [], roles: [BudgetContactRole.OWNER] },
  },
  costAssumptions: {
    // The spot nodes are derived from the pods placed there: the agent teams, assumed 2 replicas
    // per team busy on average (0..5 per team, 500m each; no schedule in this tier). The language
    // services' warm pool (2.6 vCPU of requests), which kept a second spot node busy, is on the
    // sandbox pool now.
    agentTeamDemand: { replicasAboveFloorInWindow: 2, replicasAboveFloorOutsideWindow: 2 },
    // The warm pool on its one node; the HPA's extra pods (up to 3 per language) are rare.
    sandboxPool: { averageNodes: 1 },
    // Log Analytics ingestion is derived per Container Insights stream (cost/log-analytics-demand.ts);
    // the containers' own stdout and stderr are ours to assume (the seeds give no log volume): about
    // 1.2 GB a day from 30-odd containers at INFO, ten times that when debugging.
    containerLogGbPerDay: { min: 0.3, expected: 1.2, max: 12 },
    // Key Vault operations are derived from the secrets provider's polls (cost/key-vault-demand.ts).
    // Through the private endpoints (Cosmos DB, Redis, AI Search, Blob, Key Vault), in and out:
    // ours to assume (the seeds give no volumes), about 10 GB a day.
    privateEndpointGbPerMonth: { min: 50, expected: 300, max: 1500 },
    // CoreDNS caches answers for 30 s: about 4 queries a second that reach the private zones.
    privateDnsQueriesPerMonth: { min: 2_000_000, expected: 10_000_000, max: 50_000_000 },
    // Front Door traffic (ours; the seeds give none): about 4 requests a second on average and
    // 100 GB a month to clients, a fifth of it (request bodies, uncached answers) to the origin.
    edgeTraffic: {
      requestsPerMonth: { min: 1_000_000, expected: 10_000_000, max: 50_000_000 },
      egressGbPerMonth: { min: 10, expected: 100, max: 500 },
      originGbPerMonth: { min: 2, expected: 20, max: 100 },
    },
  },
};
