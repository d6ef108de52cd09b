/** What the estimator assumes about usage that a Terraform configuration does not fix. */
import { ComputeCommitment, ReservationTerm } from "../tiers/tier-spec";

/** A recurring window in which a pool runs more nodes (the agent teams' business hours). */
export interface BusyWindowUsage {
  /** Share of the month inside the window (10 h a day on weekdays: 50 / 168). */
  readonly shareOfTime: number;
  /** Average nodes inside the window. */
  readonly averageNodes: number;
  /** How the window is described in the cost line, e.g. `08:00-18:00 America/New_York`. */
  readonly description: string;
  /**
   * How the node count was derived, where it was.
   * @default - assumed
   */
  readonly derivation?: string;
}

/** Average nodes of an autoscaled node pool. */
export interface NodePoolUsage {
  /** Average nodes outside the busy window, or all day without one. */
  readonly averageNodes: number;
  /**
   * How the node count was derived, where it was.
   * @default - assumed
   */
  readonly derivation?: string;
  /**
   * A daily window with a different average.
   * @default - none
   */
  readonly busyWindow?: BusyWindowUsage;
}

/** Low, expected and high values of a usage. */
export interface UsageRange {
  readonly min: number;
  readonly expected: number;
  readonly max: number;
}

/** Stored blob data by access tier, GB. */
export interface BlobVolume {
  readonly hotGb: number;
  readonly coolGb: number;
  readonly archiveGb: number;
}

/** Requests and transfer through each Front Door profile a month. */
export interface EdgeTrafficUsage {
  readonly requestsPerMonth: UsageRange;
  /** GB from the edge to clients. */
  readonly egressGbPerMonth: UsageRange;
  /** GB from the edge to the origins. */
  readonly originGbPerMonth: UsageRange;
}

/** Reservations bought per resource kind (purchased in Azure, not in Terraform). */
export interface ReservationChoices {
  /**
   * Azure Cache for Redis (Premium) nodes.
   * @default ReservationTerm.NONE
   */
  readonly redis?: ReservationTerm;
  /**
   * Cosmos DB provisioned throughput.
   * @default ReservationTerm.NONE
   */
  readonly cosmosThroughput?: ReservationTerm;
}

export interface EstimateOptions {
  /**
   * Region of resources whose location the configuration does not give (Kubernetes objects).
   * @default "eastus"
   */
  readonly defaultRegion?: string;
  /**
   * Usage of every spot node pool.
   * @default - `min_count` nodes all month
   */
  readonly spotPoolUsage?: NodePoolUsage;
  /**
   * Usage of other autoscaled node pools, by pool name.
   * @default - `min_count` nodes all month
   */
  readonly nodePoolUsage?: Readonly<Record<string, NodePoolUsage>>;
  /**
   * How fixed (not autoscaled) regular node pools are bought, by pool name (commitments are
   * purchased in Azure, not in Terraform).
   * @default - pay-as-you-go
   */
  readonly commitments?: Readonly<Record<string, ComputeCommitment>>;
  /**
   * Ingestion of each Log Analytics workspace, GB a day.
   * @default - none
   */
  readonly logAnalyticsGbPerDay?: UsageRange;
  /**
   * How `logAnalyticsGbPerDay` was derived, where it was (shown on the cost line).
   * @default - assumed
   */
  readonly logAnalyticsDerivation?: string;
  /**
   * Data each Cosmos DB account stores, GB per region.
   * @default 0
   */
  readonly cosmosStoredGbPerRegion?: number;
  /**
   * Data each storage account stores, by access tier.
   * @default - `blobStoredGb` spread by the account's lifecycle policy
   */
  readonly blobVolumeGb?: BlobVolume;
  /**
   * Data each storage account stores in all, GB; the account's lifecycle policy in the
   * configuration decides how much sits in each access tier. Ignored where `blobVolumeGb` is set.
   * @default - none
   */
  readonly blobStoredGb?: number;
  /**
   * Operations each Key Vault serves a month.
   * @default 0
   */
  readonly keyVaultOperationsPerMonth?: number;
  /**
   * How `keyVaultOperationsPerMonth` was derived, where it was (shown on the cost line).
   * @default - assumed
   */
  readonly keyVaultOperationsDerivation?: string;
  /**
   * Of the Log Analytics allowance of 5 free GB a month per billing account, what this
   * configuration's workspaces may count on (it is shared by every workspace of the account).
   * @default 0
   */
  readonly logAnalyticsFreeGbPerMonth?: number;
  /**
   * Data through the configuration's private endpoints a month, GB, in and out together; split
   * evenly over the endpoints.
   * @default - not estimated (the line says so)
   */
  readonly privateEndpointGbPerMonth?: UsageRange;
  /**
   * DNS queries to the configuration's private DNS zones a month; split evenly over the zones.
   * @default - not estimated (the line says so)
   */
  readonly privateDnsQueriesPerMonth?: UsageRange;
  /**
   * Data each Cosmos DB account's write region replicates to each other region a month, GB.
   * @default - not estimated (the line says so)
   */
  readonly cosmosReplicatedGbPerMonth?: UsageRange;
  /**
   * Data through each internal load balancer a month, GB (Front Door's traffic to the origin).
   * @default - not estimated (the line says so)
   */
  readonly loadBalancerGbPerMonth?: UsageRange;
  /**
   * How `loadBalancerGbPerMonth` was derived, where it was.
   * @default - assumed
   */
  readonly loadBalancerDerivation?: string;
  /**
   * Data each Redis shard holds, GB: what each RDB snapshot writes.
   * @default - the shard's memory
   */
  readonly redisStoredGbPerShard?: UsageRange;
  /**
   * Reservations bought per resource kind.
   * @default - none: pay-as-you-go
   */
  readonly reservations?: ReservationChoices;
  /**
   * Hours a month container groups run.
   * @default 730
   */
  readonly containerGroupHoursPerMonth?: number;
  /**
   * The Kubernetes resources target a local cluster (kind, minikube), whose Services and volumes
   * cost nothing.
   * @default false
   */
  readonly localKubernetes?: boolean;
  /**
   * Requests and transfer through each Front Door profile.
   * @default - not estimated (the base fee only; the line says so)
   */
  readonly edgeTraffic?: EdgeTrafficUsage;
}

/** The options with every default resolved. */
export interface ResolvedEstimateOptions {
  readonly defaultRegion: string;
  readonly spotPoolUsage?: NodePoolUsage;
  readonly nodePoolUsage: Readonly<Record<string, NodePoolUsage>>;
  readonly commitments: Readonly<Record<string, ComputeCommitment>>;
  readonly logAnalyticsGbPerDay: UsageRange;
  readonly logAnalyticsAssumed: boolean;
  readonly logAnalyticsDerivation?: string;
  readonly cosmosStoredGbPerRegion: number;
  readonly blobVolumeGb?: BlobVolume;
  readonly blobStoredGb?: number;
  readonly keyVaultOperationsPerMonth: number;
  readonly keyVaultOperationsDerivation?: string;
  readonly keyVaultOperationsAssumed: boolean;
  readonly logAnalyticsFreeGbPerMonth: number;
  readonly privateEndpointGbPerMonth?: UsageRange;
  readonly privateDnsQueriesPerMonth?: UsageRange;
  readonly cosmosReplicatedGbPerMonth?: UsageRange;
  readonly loadBalancerGbPerMonth?: UsageRange;
  readonly loadBalancerDerivation?: string;
  readonly redisStoredGbPerShard?: UsageRange;
  readonly reservations: Required<ReservationChoices>;
  readonly containerGroupHoursPerMonth: number;
  readonly localKubernetes: boolean;
  readonly edgeTraffic?: EdgeTrafficUsage;
}

export function resolveEstimateOptions(options: EstimateOptions): ResolvedEstimateOptions {
  // An unknown commitment would find no price and read as "no sourced undefined price".
  const known = Object.values(ComputeCommitment) as string[];
  for (const [pool, commitment] of Object.entries(options.commitments ?? {})) {
    if (!known.includes(commitment)) {
      throw new Error(`estimateOptions.commitments.${pool}: invalid commitment ${JSON.stringify(commitment)}: expected one of ${known.map((c) => JSON.stringify(c)).join(", ")} (ComputeCommitment)`);
    }
  }
  return {
    defaultRegion: options.defaultRegion ?? "eastus",
    spotPoolUsage: options.spotPoolUsage,
    nodePoolUsage: options.nodePoolUsage ?? {},
    commitments: options.commitments ?? {},
    logAnalyticsGbPerDay: options.logAnalyticsGbPerDay ?? { min: 0, expected: 0, max: 0 },
    logAnalyticsAssumed: options.logAnalyticsGbPerDay !== undefined,
    logAnalyticsDerivation: options.logAnalyticsDerivation,
    cosmosStoredGbPerRegion: options.cosmosStoredGbPerRegion ?? 0,
    blobVolumeGb: options.blobVolumeGb,
    blobStoredGb: options.blobStoredGb,
    keyVaultOperationsPerMonth: options.keyVaultOperationsPerMonth ?? 0,
    keyVaultOperationsDerivation: options.keyVaultOperationsDerivation,
    keyVaultOperationsAssumed: options.keyVaultOperationsPerMonth !== undefined,
    logAnalyticsFreeGbPerMonth: options.logAnalyticsFreeGbPerMonth ?? 0,
    privateEndpointGbPerMonth: options.privateEndpointGbPerMonth,
    privateDnsQueriesPerMonth: options.privateDnsQueriesPerMonth,
    cosmosReplicatedGbPerMonth: options.cosmosReplicatedGbPerMonth,
    loadBalancerGbPerMonth: options.loadBalancerGbPerMonth,
    loadBalancerDerivation: options.loadBalancerDerivation,
    redisStoredGbPerShard: options.redisStoredGbPerShard,
    reservations: {
      redis: options.reservations?.redis ?? ReservationTerm.NONE,
      cosmosThroughput: options.reservations?.cosmosThroughput ?? ReservationTerm.NONE,
    },
    containerGroupHoursPerMonth: options.containerGroupHoursPerMonth ?? 730,
    localKubernetes: options.localKubernetes ?? false,
    edgeTraffic: options.edgeTraffic,
  };
}
