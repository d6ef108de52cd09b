/**
 * The shape of a deployment tier: the single source of every replica count, SKU, region and
 * budget of the platform (README, "Tiers"; the figures the seeds ask for are in
 * docs/platform-requirements.md). Tier files hold data only; stacks read them and
 * pass constructs what they need, and `validateTier` (stacks/tier-validation.ts) rejects impossible
 * values when a stack is built from one.
 *
 * The tier's own enums live here. The Azure data-service and budget choices (Redis SKU, Cosmos
 * consistency, ...) are the constructs' own enums, from files that import nothing, so a tier and a
 * construct's props take the same value and tier files stay free of constructs.
 */
import { BudgetContactRole } from "../constructs/budget-contact-role";
import {
  CosmosBackupPolicy,
  CosmosConsistency,
  RedisFamily,
  RedisSku,
  SearchSku,
  StorageReplication,
} from "../constructs/data-service-options";

/** The four tiers of seed 004. */
export enum TierName {
  DEV = "dev",
  STAGING = "staging",
  SMALL_PROD = "small-prod",
  ENTERPRISE = "enterprise",
}

/** Where a tier's services run. */
export enum PlatformKind {
  /** A local Kubernetes cluster (kind, minikube, Docker Desktop) reached through a kubeconfig. */
  LOCAL_KUBERNETES = "local-kubernetes",
  /** Azure Container Instances container groups. */
  CONTAINER_INSTANCES = "container-instances",
  /** Azure Kubernetes Service, one cluster per region. */
  AKS = "aks",
}

/** How much observability a tier deploys (seed 004's "basic", "standard", "full"). */
export enum MonitoringLevel {
  /** Nothing by default; a developer may opt in. */
  OPTIONAL = "optional",
  /** Log Analytics only. */
  BASIC = "basic",
  /** Log Analytics, Container Insights and a single Prometheus/Grafana. */
  STANDARD = "standard",
  /** Highly available Prometheus, Grafana, Loki, Tempo and Alertmanager. */
  FULL = "full",
}

/** The part a region plays in a multi-region tier. */
export enum RegionRole {
  PRIMARY = "primary",
  SECONDARY = "secondary",
  TERTIARY = "tertiary",
}

/** One Azure region a tier deploys a regional platform to. */
export interface TierRegion {
  /** Azure region name, lowercase without spaces (`eastus`, `westeurope`). */
  readonly name: string;
  readonly role: RegionRole;
  /** Address space of the region's virtual network; regions never overlap so they can be peered. */
  readonly vnetAddressSpace: string;
  /** Prefix of the cluster (node) subnet, inside `vnetAddressSpace`. Pods use the overlay CIDR. */
  readonly clusterSubnetPrefix: string;
  /**
   * Prefix of the subnet that holds the data layer's private endpoints, inside `vnetAddressSpace`.
   * @default - the first /24 after `clusterSubnetPrefix`
   */
  readonly privateEndpointSubnetPrefix?: string;
  /**
   * Prefix of the sandbox pool's subnet (the language services' Kata nodes, behind their own
   * network security group), inside `vnetAddressSpace`; required where
   * `languageServices.sandboxedPool` is set.
   * @default - no sandbox subnet
   */
  readonly sandboxSubnetPrefix?: string;
}

/** An inclusive range of replicas or nodes. */
export interface ReplicaRange {
  readonly min: number;
  readonly max: number;
}

/** CPU and memory of one container or container group. */
export interface ContainerResources {
  /** vCPU cores (0.5 = 500m). */
  readonly cpuCores: number;
  /** Memory in MiB. */
  readonly memoryMiB: number;
}

/** One always-on service of the perimeter. */
export interface ServiceSpec {
  /** Replicas; 0 means the tier does not run the service. */
  readonly replicas: number;
  /** Resource requests where the tier sets them; otherwise the service's own defaults apply. */
  readonly requests?: ContainerResources;
  /** Resource limits where the tier sets them; otherwise the service's own defaults apply. */
  readonly limits?: ContainerResources;
}

/** The Pantheon: one deployment per model, each with the same replica count. */
export interface TitansSpec {
  readonly models: readonly string[];
  readonly replicasEach: number;
}

/** The always-on perimeter of seed 004 ("never scale to zero"). */
export interface CoreServicesSpec {
  readonly federationCore: ServiceSpec;
  readonly contextServer: ServiceSpec;
  readonly agentRegistry: ServiceSpec;
  readonly mcpRegistry: ServiceSpec;
  readonly orchestrator: ServiceSpec;
  readonly titans: TitansSpec;
  readonly praetorianGuard: ServiceSpec;
  readonly warden: ServiceSpec;
  readonly capacityManager: ServiceSpec;
}

/** The days a scaling window opens on. */
export enum ScheduleDays {
  /** Every day of the week. */
  EVERY_DAY = "every-day",
  /** Monday to Friday; the floor stays at its outside-window value over the weekend. */
  WEEKDAYS = "weekdays",
}

/**
 * A daily window in which agent teams keep a higher floor (seed 004, "Auto-scaling to Zero").
 * Hours are whole hours of the day in `timeZone`, the window is [startHour, endHour).
 */
export interface ScalingScheduleSpec {
  /** IANA time zone name. */
  readonly timeZone: string;
  readonly startHour: number;
  readonly endHour: number;
  /**
   * The days the window opens on.
   * @default ScheduleDays.EVERY_DAY
   */
  readonly days?: ScheduleDays;
  /** Minimum replicas per team inside the window. */
  readonly minReplicasInWindow: number;
  /** Minimum replicas per team outside the window. */
  readonly minReplicasOutsideWindow: number;
}

/** The auto-scaling agent teams; they run on the spot pool where there is one. */
export interface AgentTeamsSpec {
  readonly teams: readonly string[];
  /** Replicas per team. */
  readonly replicas: ReplicaRange;
  /** Business-hours floor; without it the floor is `replicas.min` all day. */
  readonly schedule?: ScalingScheduleSpec;
}

/**
 * How an always-on pool's VMs are bought. Commitments are purchased in Azure (a savings plan on
 * the billing scope, a reservation per VM size and region), not by Terraform; the cost model, the
 * guardrail and the Azure budget's ceiling use the committed price where a tier declares one, and
 * the reports show pay-as-you-go beside it.
 */
export enum ComputeCommitment {
  /** Pay-as-you-go. */
  NONE = "none",
  /** 1-year Azure savings plan for compute: an hourly spend commitment, any size or region. */
  SAVINGS_PLAN_1_YEAR = "savings-plan-1y",
  /** 3-year Azure savings plan for compute. */
  SAVINGS_PLAN_3_YEARS = "savings-plan-3y",
  /** 1-year reserved VM instances of the pool's size in its region. */
  RESERVED_1_YEAR = "reserved-1y",
  /** 3-year reserved VM instances of the pool's size in its region. */
  RESERVED_3_YEARS = "reserved-3y",
}

/** The always-on AKS node pool (the cluster's default pool). */
export interface AlwaysOnPoolSpec {
  readonly vmSize: string;
  readonly nodeCount: number;
  /** Availability zones, as strings ("1", "2", "3"); empty for no zone pinning. */
  readonly zones: readonly string[];
  /**
   * How the pool's VMs are bought. A commitment without a sourced price in cost/price-table.ts
   * is priced at pay-as-you-go, with a warning, rather than at a guessed discount.
   * @default ComputeCommitment.NONE
   */
  readonly commitment?: ComputeCommitment;
}

/** The spot auto-scale AKS node pool. */
export interface SpotPoolSpec {
  readonly vmSize: string;
  readonly minCount: number;
  readonly maxCount: number;
  /** Highest price per node-hour in USD; -1 pays up to the on-demand price. */
  readonly maxPricePerHourUsd: number;
  readonly zones: readonly string[];
}

/** The sandboxed language services of seed 001 (C, Python, Haskell, ...). */
export interface LanguageServicesSpec {
  /** Pre-spawned pods per language, always running (seed 001: "pre-spawn pools"). */
  readonly warmReplicas: number;
  /** Most pods per language the autoscaler may run. */
  readonly maxReplicas: number;
  /**
   * Run the fleet on a node pool of its own with AKS pod sandboxing (Kata VM isolation), a VM
   * boundary around code the platform does not trust, in the region's `sandboxSubnetPrefix`;
   * AKS tiers only. Without it the fleet rides the spot pool.
   * @default - no sandboxed pool
   */
  readonly sandboxedPool?: SandboxedPoolSpec;
  /**
   * Why an AKS tier runs the fleet without `sandboxedPool`, in at least 10 characters: the policy
   * report carries it as the reason KubernetesWorkloads-UntrustedCodeSandboxed is suppressed on the
   * language services. Required on AKS without a sandboxed pool, refused with one.
   * @default - none
   */
  readonly unsandboxedReason?: string;
}

/** A node pool with AKS pod sandboxing for the language services (`SandboxNodePool`). */
export interface SandboxedPoolSpec {
  /** A generation 2 size with nested virtualization (`KATA_VM_SERIES`: Dsv3, Dsv5, Dasv5). */
  readonly vmSize: string;
  /** Fewest nodes: at least what the warm pods need with the Kata pod overhead. */
  readonly minCount: number;
  readonly maxCount: number;
  readonly zones: readonly string[];
  /**
   * Buy the nodes as spot VMs: a fraction of the price, but an eviction ends the sandboxes on the
   * node mid-run and the warm pods wait for capacity (`SandboxNodePoolProps.spot`).
   * @default - regular priority
   */
  readonly spot?: SandboxedPoolSpotSpec;
}

/** The spot terms of a sandbox pool. */
export interface SandboxedPoolSpotSpec {
  /** Highest price per node-hour in USD; -1 pays up to the on-demand price (evicted for capacity only). */
  readonly maxPricePerHourUsd: number;
}

/**
 * How a tier on Azure Container Instances lays out its virtual network and its language services.
 * Each replica of a service is its own container group; the language services share groups as
 * listed (a group is one VM-isolated host with one IP and at most five ports).
 */
export interface ContainerInstancesSpec {
  /** Subnet of the groups that run untrusted code, inside the primary region's `vnetAddressSpace`. */
  readonly isolatedSubnetPrefix: string;
  /**
   * The language ids of each language-service group; every language of the catalog once. A
   * language on its own keeps its catalog port; in a shared group each gets 8081, 8082, ... in
   * list order (the containers of a group share one network namespace).
   */
  readonly languageGroups: readonly (readonly string[])[];
  /**
   * What each language group is allocated. Each container's request is its share of this, in
   * proportion to its limit, and each keeps the catalog's limit, so a container can use idle
   * capacity of its group (ACI lets a container's limit reach its group's total request).
   * @default - half of each container's limit requested
   */
  readonly languageGroupAllocation?: { readonly cpuCores: number; readonly memoryGb: number };
  /** The API gateway's subnet (API Management, at least /29), inside `vnetAddressSpace`. */
  readonly gatewaySubnetPrefix?: string;
}

/** The AKS part of a tier. */
export interface ClusterSpec {
  readonly alwaysOnPool: AlwaysOnPoolSpec;
  readonly spotPool: SpotPoolSpec;
  /**
   * How often the Key Vault secrets provider re-reads every mounted secret, minutes (1 to 1440).
   * Each poll is one Key Vault operation per pod and secret: the cost model derives the vault's
   * operations from it (cost/key-vault-demand.ts).
   * @default 2 (AlwaysOnCluster's "2m")
   */
  readonly secretRotationMinutes?: number;
}

/**
 * A term for the reservations Azure sells per resource kind (Azure Cache for Redis nodes, Cosmos DB
 * throughput). Bought in Azure, not by Terraform; the cost model prices the term where a discount
 * is cited (cost/price-table.ts) and pay-as-you-go otherwise, with a warning.
 */
export enum ReservationTerm {
  /** Pay-as-you-go. */
  NONE = "none",
  ONE_YEAR = "1y",
  THREE_YEARS = "3y",
}

/** The regions of a zone-redundant Cosmos DB account whose replicas spread over availability zones. */
export enum CosmosZoneRedundancyScope {
  /** Every region of the account. */
  EVERY_REGION = "every-region",
  /**
   * The write region only (the first of `regions`; single-write accounts). With a consistency
   * below Strong, Microsoft's reliability guidance gives zones in read regions minimal value: the
   * SDK already redirects reads when a read region fails.
   */
  WRITE_REGION = "write-region",
}

/** Cosmos DB for MongoDB. */
export interface CosmosSpec {
  /** Provisioned throughput of the shared database, RU/s. */
  readonly throughputRuPerSecond: number;
  /** Regions in failover priority order (first is the write region unless multi-region writes). */
  readonly regions: readonly string[];
  readonly multiRegionWrites: boolean;
  readonly consistency: CosmosConsistency;
  /** Spread replicas over availability zones (where, see `zoneRedundancyScope`). */
  readonly zoneRedundant: boolean;
  /**
   * Which regions are zone redundant when `zoneRedundant` is set. Cosmos DB bills 1.25 x the
   * throughput of a zone-redundant region of a single-write account.
   * @default CosmosZoneRedundancyScope.EVERY_REGION
   */
  readonly zoneRedundancyScope?: CosmosZoneRedundancyScope;
  readonly backup: CosmosBackupPolicy;
  /**
   * Autoscale instead of fixed throughput: `throughputRuPerSecond` is then the autoscale maximum
   * (a multiple of 1000; Cosmos DB scales between 10% of it and it).
   * @default false
   */
  readonly autoscale?: boolean;
  /** Data the tier is expected to store, GB (per region); an assumption for the cost model. */
  readonly storedDataGb?: number;
  /**
   * Cosmos DB's free tier on the account (the first 1000 RU/s and 25 GB not billed). One account
   * per subscription can have it, and only when it is created.
   * @default false
   */
  readonly freeTier?: boolean;
  /**
   * Cosmos DB reserved capacity bought for the account's provisioned throughput (all its regions).
   * @default ReservationTerm.NONE
   */
  readonly reservedCapacity?: ReservationTerm;
}

export interface RedisSpec {
  readonly sku: RedisSku;
  readonly family: RedisFamily;
  /** Size within the family (C0..C6, P1..P5). */
  readonly capacity: number;
  /** Shards when clustering is enabled (Premium only); absent for no clustering. */
  readonly shardCount?: number;
  /**
   * Availability zones of the cache (Premium only); at most one more than the replicas per primary.
   * @default - none pinned
   */
  readonly zones?: readonly string[];
  /**
   * A Redis reservation bought for the cache's nodes (Premium only).
   * @default ReservationTerm.NONE
   */
  readonly reservation?: ReservationTerm;
  /**
   * Data the cache holds, GB (per shard, at most its memory): what each RDB snapshot writes; an
   * assumption for the cost model.
   * @default - the shard's memory (an upper bound)
   */
  readonly storedDataGb?: UsageRangeSpec;
  /**
   * Redundancy of the account the cache's RDB snapshots go to (Premium with persistence).
   * @default - `dataLayer.storage.replication`
   */
  readonly persistenceRedundancy?: StorageReplication;
}

/** Where a multi-region tier runs its AI Search replicas. */
export enum SearchPlacement {
  /** One service of `replicas` in every region of the tier (3 regions x 3 replicas = 9 search units). */
  EVERY_REGION = "every-region",
  /**
   * `replicas` is the tier's total, spread evenly as one service per region (3 replicas over 3
   * regions: a one-replica service in each). Queries stay in their region; Azure's SLA covers no
   * service under 2 replicas, so a region's search is down while its replica restarts.
   */
  SPREAD_ACROSS_REGIONS = "spread-across-regions",
}

export interface SearchSpec {
  readonly sku: SearchSku;
  /** Replicas of each regional service, or of the whole tier with `SearchPlacement.SPREAD_ACROSS_REGIONS`. */
  readonly replicas: number;
  readonly partitions: number;
  /**
   * How `replicas` map onto the tier's regions.
   * @default SearchPlacement.EVERY_REGION
   */
  readonly placement?: SearchPlacement;
}

/** Where the data layer lives. */
export enum DataLayerKind {
  /** MongoDB and Redis in the cluster (dev). */
  IN_CLUSTER = "in-cluster",
  /** Cosmos DB, Azure Cache for Redis and AI Search. */
  MANAGED = "managed",
}

export interface InClusterDataLayerSpec {
  readonly kind: DataLayerKind.IN_CLUSTER;
  /** Pinned MongoDB 7 image. */
  readonly mongoImage: string;
  /** Pinned Redis 7 image. */
  readonly redisImage: string;
}

export interface ManagedDataLayerSpec {
  readonly kind: DataLayerKind.MANAGED;
  readonly cosmos: CosmosSpec;
  readonly redis: RedisSpec;
  /** AI Search; absent where the tier has none. */
  readonly search?: SearchSpec;
  /** Blob storage for backups, artifacts and archived logs. */
  readonly storage: BlobStorageSpec;
}

/** The blob storage account of a regional platform. */
export interface BlobStorageSpec {
  /**
   * Redundancy. The archive tier (seed 004: archive after 90 days) exists only on LRS, GRS and
   * RA-GRS accounts, so production uses GRS: a copy in the paired region, archive available.
   */
  readonly replication: StorageReplication;
  /** Data the tier is expected to store, GB; an assumption for the cost model. */
  readonly storedDataGb?: number;
}

export type DataLayerSpec = InClusterDataLayerSpec | ManagedDataLayerSpec;

/** The monthly cost ceiling of a tier, and the seed's own figure beside it. */
export interface BudgetSpec {
  /**
   * The ceiling of the whole tier (all its stacks), USD per month: synthesis fails when the
   * estimate exceeds it, and a single-stack tier's Azure budget alerts on it.
   */
  readonly ceilingMonthlyUsd: number;
  /** The figure seed 004 quotes for the tier, USD per month, for the report. */
  readonly seedMonthlyUsd: number;
  /**
   * Ceilings of the single stacks of a multi-stack tier (each stack's Azure budget and its own
   * synthesis check).
   * @default - every stack is held to `ceilingMonthlyUsd`
   */
  readonly stackCeilings?: StackCeilingsSpec;
  /** Who the Azure budgets notify (80% of the ceiling spent, 100% forecast). */
  readonly contacts: BudgetContactsSpec;
  /**
   * First day of the budgets' first month, `YYYY-MM-01`. Azure accepts a past date only within the
   * current month (existing budgets ignore a change).
   * @default - the first day of the month in which each budget is first applied
   */
  readonly startDate?: string;
}

/** Ceilings per stack of a tier that spans regions. */
export interface StackCeilingsSpec {
  /** Each regional platform stack (`enterprise-<region>`), USD per month. */
  readonly regionalMonthlyUsd: number;
  /** The cross-region stack (`enterprise-global`), USD per month. */
  readonly globalMonthlyUsd: number;
}

/** Who a budget notifies; at least one email or role. */
export interface BudgetContactsSpec {
  readonly emails: readonly string[];
  readonly roles: readonly BudgetContactRole[];
}

/** Average nodes an autoscaled pool runs, for the cost model. */
export interface NodeUsageSpec {
  /** Average nodes outside the agent teams' business-hours window, or all day without a schedule. */
  readonly averageNodes: number;
  /**
   * Average nodes inside the window of `agentTeams.schedule`.
   * @default - `averageNodes`
   */
  readonly averageNodesInWindow?: number;
}

/** Low, expected and high values of a usage the configuration does not fix. */
export interface UsageRangeSpec {
  readonly min: number;
  readonly expected: number;
  readonly max: number;
}

/** Shares of stored blob data in each access tier; they add up to 1. */
export interface BlobTierSharesSpec {
  readonly hot: number;
  readonly cool: number;
  readonly archive: number;
}

/** Agent-team replicas above the schedule's floor that demand keeps busy, per team, on average. */
export interface AgentTeamDemandSpec {
  /** Inside the schedule's window (all day without a schedule). */
  readonly replicasAboveFloorInWindow: number;
  /** Outside the schedule's window. */
  readonly replicasAboveFloorOutsideWindow: number;
}

/**
 * What the cost model (cost/) assumes about usage that Terraform does not fix. Stored data volumes
 * live beside the stores they describe (`dataLayer.cosmos.storedDataGb`, `dataLayer.storage`).
 * The spot pool's nodes are derived (cost/spot-demand.ts): the requests of the pods placed there
 * (agent teams at the schedule's floor plus `agentTeamDemand`, and the language services' warm
 * pools where the tier has no sandboxed pool) over a node's allocatable, in and outside the
 * schedule's window.
 */
export interface CostAssumptionsSpec {
  /**
   * Agent-team demand above the floor.
   * @default - none: the teams run at their floor
   */
  readonly agentTeamDemand?: AgentTeamDemandSpec;
  /**
   * The sandbox pool's average nodes; required where `languageServices.sandboxedPool` is set, and
   * at least what the warm pods need (their requests plus the Kata pod overhead, cost/sandbox-demand.ts).
   * @default - none: the tier has no sandboxed pool
   */
  readonly sandboxPool?: NodeUsageSpec;
  /**
   * Log Analytics ingestion per workspace, GB a day.
   * @default - on AKS, derived from the Container Insights streams (cost/log-analytics-demand.ts), with
   * `containerLogGbPerDay` where container logs are collected; elsewhere none
   */
  readonly logAnalyticsGbPerDay?: UsageRangeSpec;
  /**
   * Containers' stdout and stderr that Container Insights sends per cluster, GB a day (it depends on
   * what the applications log): needed to derive the ingestion where `containerInsights.containerLogs`
   * is on and `logAnalyticsGbPerDay` is not given.
   * @default - none
   */
  readonly containerLogGbPerDay?: UsageRangeSpec;
  /**
   * How stored blob data spreads over the access tiers, for a configuration whose lifecycle policy
   * the cost model cannot see.
   * @default - derived from the storage account's lifecycle policy (cost/pricers/blob-lifecycle.ts)
   */
  readonly blobTierShares?: BlobTierSharesSpec;
  /**
   * Key Vault operations a month per vault.
   * @default - on AKS, derived from the secrets provider's polls (cluster.secretRotationMinutes) of
   * every pod that mounts Key Vault secrets (cost/key-vault-demand.ts); elsewhere none
   */
  readonly keyVaultOperationsPerMonth?: number;
  /**
   * Data through each region's private endpoints a month, GB, both directions together (Azure
   * bills each GB in and each GB out): the cluster's traffic to Cosmos DB, Redis, AI Search, Blob
   * storage and Key Vault.
   * @default - none: the line says the data is not estimated
   */
  readonly privateEndpointGbPerMonth?: UsageRangeSpec;
  /**
   * DNS queries to each region's private DNS zones a month (CoreDNS forwards what it has not
   * cached to Azure DNS).
   * @default - none: the line says queries are not estimated
   */
  readonly privateDnsQueriesPerMonth?: UsageRangeSpec;
  /**
   * Data the Cosmos DB write region sends to each other region a month, GB (the writes it
   * replicates).
   * @default - none: the line says replication traffic is not estimated
   */
  readonly cosmosReplicatedGbPerMonth?: UsageRangeSpec;
  /**
   * Requests and transfer through the tier's Front Door profile.
   * @default - none: the base fee only, and the line says requests and transfer are not estimated
   */
  readonly edgeTraffic?: EdgeTrafficSpec;
}

/**
 * Traffic the edge (Front Door) serves a month, for the cost model: Front Door bills requests and
 * data transfer on top of its base fee.
 */
export interface EdgeTrafficSpec {
  /** Requests from clients to the Front Door edge a month. */
  readonly requestsPerMonth: UsageRangeSpec;
  /** Data from the edge to clients a month, GB. */
  readonly egressGbPerMonth: UsageRangeSpec;
  /** Data from the edge to the origins a month (request bodies and uncached traffic), GB. */
  readonly originGbPerMonth: UsageRangeSpec;
}

/** Front Door's web application firewall. */
export enum WafMode {
  /** Matching requests are blocked. */
  PREVENTION = "Prevention",
  /** Matching requests are only logged. */
  DETECTION = "Detection",
}

/**
 * The way in from the internet (seed 004: CDN, WAF, load balancer, API gateway): Azure Front Door
 * Premium with a WAF policy, Private Link to an internal load balancer in each cluster, Traefik
 * there (TLS, rate limits, Entra ID token check) in front of federation-core.
 */
export interface EdgeSpec {
  readonly wafMode: WafMode;
  /** Requests one client address may make a minute at the edge before the WAF blocks it. */
  readonly wafRateLimitPerMinute: number;
  /** Largest request body the edge (Content-Length) and Traefik (buffered) accept, KiB. */
  readonly maxRequestBodyKiB: number;
  /** Traefik's per-client limit on the federation-core route: sustained requests a second. */
  readonly routeRateLimitPerSecond: number;
  /** Traefik's burst above the sustained rate. */
  readonly routeBurst: number;
  /** Traefik replicas per cluster. */
  readonly gatewayReplicas: number;
}

/** How the log store (Loki) is deployed. SimpleScalable is deprecated upstream, so it is not offered. */
export enum LogStoreTopology {
  /** One binary with every component: few pods, tens of GB a day. */
  MONOLITHIC = "monolithic",
  /** Each component scaled on its own; needs object storage. */
  DISTRIBUTED = "distributed",
}

/** Prometheus and Alertmanager. */
export interface MetricsSpec {
  readonly prometheusReplicas: number;
  /** Days of metrics Prometheus keeps. */
  readonly retentionDays: number;
  /** Persistent volume per Prometheus replica, GiB; 0 keeps data in an emptyDir, lost with the pod. */
  readonly storageGiB: number;
  readonly alertmanagerReplicas: number;
  /** Persistent volume per Alertmanager replica (silences, notification log), GiB; 0 for none. */
  readonly alertmanagerStorageGiB: number;
}

/** Grafana. */
export interface GrafanaSpec {
  /** Persistent volume for users, preferences and annotations, GiB; 0 for none. */
  readonly storageGiB: number;
}

/** Loki. */
export interface LogsSpec {
  readonly topology: LogStoreTopology;
  /** Replicas of the single binary (monolithic) or of each component but the compactor (distributed). */
  readonly replicas: number;
  /** Days logs stay queryable (seed 001: "30 days hot"). */
  readonly retentionDays: number;
  /**
   * Days logs are kept in all, archived in Blob storage after `retentionDays` (seed 001: "1 year
   * archived"); needs object storage. Absent: logs are deleted after `retentionDays`.
   */
  readonly archiveDays?: number;
  /** Persistent volume per Loki pod that keeps data on disk (single binary, ingesters), GiB; 0 for an emptyDir. */
  readonly storageGiB: number;
}

/** Tempo. */
export interface TracesSpec {
  readonly retentionDays: number;
  /** Persistent volume for trace blocks and the write-ahead log, GiB; 0 for an emptyDir. */
  readonly storageGiB: number;
}

/**
 * What Container Insights sends from each AKS cluster to the tier's Log Analytics workspace (its
 * data collection rule). The cost model derives the workspace's ingestion from it
 * (cost/log-analytics-demand.ts).
 */
export interface ContainerInsightsSpec {
  /** Send containers' stdout and stderr (the ContainerLogV2 table); off where Loki keeps them. */
  readonly containerLogs: boolean;
  /** Minutes between inventory and performance samples, 1-30 (Microsoft's Standard preset 1, Cost-optimized 5). */
  readonly intervalMinutes: number;
  /** Leave kube-system, gatekeeper-system and azure-arc out of inventory and performance data (the Cost-optimized preset). */
  readonly excludeSystemNamespaces: boolean;
}

/** The numbers of a tier's observability stack. */
export interface ObservabilitySpec {
  readonly metrics: MetricsSpec;
  readonly grafana: GrafanaSpec;
  readonly logs: LogsSpec;
  readonly traces: TracesSpec;
}

/** A deployment tier. */
export interface TierSpec {
  readonly name: TierName;
  readonly platform: PlatformKind;
  /** Regions of the tier in role order; empty for a local tier. */
  readonly regions: readonly TierRegion[];
  /** The AKS clusters of the tier (one per region); absent where there is no AKS. */
  readonly cluster?: ClusterSpec;
  readonly services: CoreServicesSpec;
  readonly agentTeams: AgentTeamsSpec;
  /** The language services; absent where the tier runs none. */
  readonly languageServices?: LanguageServicesSpec;
  /** The container-instance layout; required where `platform` is container instances. */
  readonly containerInstances?: ContainerInstancesSpec;
  readonly dataLayer: DataLayerSpec;
  readonly monitoring: MonitoringLevel;
  /**
   * The in-cluster observability stack (Prometheus, Alertmanager, Grafana, Loki, Tempo); absent
   * where the tier runs no Kubernetes (staging's basic monitoring is Log Analytics only).
   */
  readonly observability?: ObservabilitySpec;
  /**
   * What Container Insights collects on the tier's AKS clusters.
   * @default - Microsoft's Standard preset: container logs included, samples every minute, every namespace
   */
  readonly containerInsights?: ContainerInsightsSpec;
  /** Days logs stay queryable in Log Analytics (seed 001: 30 days hot). */
  readonly logRetentionDays: number;
  /**
   * The public way in (Front Door, WAF, Private Link, Traefik); AKS tiers only.
   * @default - no way in from the internet
   */
  readonly edge?: EdgeSpec;
  /** Availability the tier promises, in percent; absent for no SLA. */
  readonly slaPercent?: number;
  /** Monthly budget; required for every tier that runs on Azure, absent for a local tier. */
  readonly budget?: BudgetSpec;
  /**
   * Usage assumptions of the cost model.
   * @default - none: autoscaled pools at their minimum, no log ingestion, no Key Vault operations
   */
  readonly costAssumptions?: CostAssumptionsSpec;
  /**
   * Value of the cost-centre tag on every Azure resource.
   * @default - `<platformName>-platform` (`PlatformNames.partOf`)
   */
  readonly costCenter?: string;
}
