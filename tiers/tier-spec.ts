/**
 * The shape of a deployment tier: the single source of every replica count, SKU, region and
 * budget of the platform (DESIGN.md, "The tiers"). Tier files hold data only; stacks read them and
 * pass constructs what they need, and `validateTier` (stacks/tier-validation.ts) rejects impossible
 * values when a stack is built from one.
 *
 * Enums live here, not in constructs/, so that tier files depend on nothing but this file.
 */

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

/**
 * A daily window in which agent teams keep a higher floor (seed 004, "Auto-scaling to Zero").
 * Hours are whole hours of the day in `timeZone`, the window is [startHour, endHour).
 */
export interface ScalingScheduleSpec {
  /** IANA time zone name. */
  readonly timeZone: string;
  readonly startHour: number;
  readonly endHour: number;
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

/** The always-on AKS node pool (the cluster's default pool). */
export interface AlwaysOnPoolSpec {
  readonly vmSize: string;
  readonly nodeCount: number;
  /** Availability zones, as strings ("1", "2", "3"); empty for no zone pinning. */
  readonly zones: readonly string[];
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
   * Run the fleet on a node pool with AKS pod sandboxing (Kata VM isolation), a VM boundary
   * around code the platform does not trust; AKS tiers only.
   */
  readonly sandboxedPool?: SandboxedPoolSpec;
}

/** A node pool with AKS pod sandboxing for the language services. */
export interface SandboxedPoolSpec {
  /** A size that supports nested virtualization (Dsv5 does). */
  readonly vmSize: string;
  readonly minCount: number;
  readonly maxCount: number;
  readonly zones: readonly string[];
}

/** The AKS part of a tier. */
export interface ClusterSpec {
  readonly alwaysOnPool: AlwaysOnPoolSpec;
  readonly spotPool: SpotPoolSpec;
}

/** Cosmos DB consistency levels, as Azure spells them. */
export enum CosmosConsistency {
  STRONG = "Strong",
  BOUNDED_STALENESS = "BoundedStaleness",
  SESSION = "Session",
  CONSISTENT_PREFIX = "ConsistentPrefix",
  EVENTUAL = "Eventual",
}

/** Cosmos DB backup modes. */
export enum CosmosBackupMode {
  PERIODIC = "Periodic",
  CONTINUOUS = "Continuous",
}

/** Cosmos DB for MongoDB. */
export interface CosmosSpec {
  /** Provisioned throughput of the shared database, RU/s. */
  readonly throughputRuPerSecond: number;
  /** Regions in failover priority order (first is the write region unless multi-region writes). */
  readonly regions: readonly string[];
  readonly multiRegionWrites: boolean;
  readonly consistency: CosmosConsistency;
  readonly zoneRedundant: boolean;
  readonly backup: CosmosBackupMode;
}

/** Azure Cache for Redis SKU names. */
export enum RedisSku {
  BASIC = "Basic",
  STANDARD = "Standard",
  PREMIUM = "Premium",
}

/** Azure Cache for Redis families: C for Basic/Standard, P for Premium. */
export enum RedisFamily {
  C = "C",
  P = "P",
}

export interface RedisSpec {
  readonly sku: RedisSku;
  readonly family: RedisFamily;
  /** Size within the family (C0..C6, P1..P5). */
  readonly capacity: number;
  /** Shards when clustering is enabled (Premium only); absent for no clustering. */
  readonly shardCount?: number;
}

/** Azure AI Search SKUs used by the tiers. */
export enum SearchSku {
  BASIC = "basic",
  STANDARD = "standard",
}

export interface SearchSpec {
  readonly sku: SearchSku;
  readonly replicas: number;
  readonly partitions: number;
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
}

export type DataLayerSpec = InClusterDataLayerSpec | ManagedDataLayerSpec;

/** The monthly cost ceiling of a tier, and the seed's own figure beside it. */
export interface BudgetSpec {
  /** The ceiling an Azure budget alerts on and synthesis is held to, USD per month. */
  readonly ceilingMonthlyUsd: number;
  /** The figure seed 004 quotes for the tier, USD per month, for the report. */
  readonly seedMonthlyUsd: number;
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
  readonly dataLayer: DataLayerSpec;
  readonly monitoring: MonitoringLevel;
  /** Days logs stay queryable in Log Analytics (seed 001: 30 days hot). */
  readonly logRetentionDays: number;
  /** Availability the tier promises, in percent; absent for no SLA. */
  readonly slaPercent?: number;
  /** Monthly budget; required for every tier that runs on Azure, absent for a local tier. */
  readonly budget?: BudgetSpec;
  /** Value of the cost-centre tag on every Azure resource. */
  readonly costCenter: string;
}
