import { IConstruct } from "constructs";
import { checkInteger, checkOrdered, checkPositive } from "../constructs/checks";
import { ValidationError } from "../constructs/validation-error";
import { BudgetSpec, ComputeCommitment, DataLayerKind, MonitoringLevel, NodeUsageSpec, PlatformKind, ReservationTerm, TierSpec, UsageRangeSpec } from "../tiers/tier-spec";
import { EstimateOptions, NodePoolUsage, UsageRange } from "./estimate-options";
import { keyVaultDemandForTier } from "./key-vault-demand";
import { containerInsightsOf, logAnalyticsDemandForTier } from "./log-analytics-demand";
import { sandboxDemandForTier } from "./sandbox-demand";
import { spotDemandForTier, spotPoolUsage } from "./spot-demand";

/** Premium cache memory per shard (GB) by capacity (P1-P5). */
export const REDIS_PREMIUM_MEMORY_GB: Readonly<Record<number, number>> = { 1: 6, 2: 13, 3: 26, 4: 53, 5: 120 };

/** Name of the sandbox node pool (SandboxNodePool's default), whose usage `sandboxPool` describes. */
export const SANDBOX_POOL_NAME = "sandbox";

/** Name of the always-on pool (AlwaysOnCluster's default), whose commitment the tier declares. */
export const ALWAYS_ON_POOL_NAME = "alwayson";

function poolUsage(usage: NodeUsageSpec): NodePoolUsage {
  return { averageNodes: usage.averageNodes };
}

/** Log Analytics' free ingestion a month per billing account (pricing-sources.md). */
export const LOG_ANALYTICS_FREE_GB_PER_MONTH = 5;

function scaledRange(range: UsageRangeSpec, factor: number): UsageRange {
  return { min: range.min * factor, expected: range.expected * factor, max: range.max * factor };
}

/**
 * The estimator's options for a stack of a tier: the tier's usage assumptions and commitments, the
 * spot pool's nodes derived from the pods placed there (with the agent-team schedule as its busy
 * window), the Key Vault operations derived from the secrets provider's polls, the internal load
 * balancer's data from the edge traffic, and the stored volumes the data layer declares. The
 * Log Analytics free allowance (5 GB a month per billing account) goes to the primary region's
 * workspace: at most once per tier.
 */
export function estimateOptionsForTier(tier: TierSpec, region?: string): EstimateOptions {
  const assumptions = tier.costAssumptions;
  const data = tier.dataLayer.kind === DataLayerKind.MANAGED ? tier.dataLayer : undefined;
  const storedGb = data?.storage?.storedDataGb;
  const shares = assumptions?.blobTierShares;
  const alwaysOn = tier.cluster?.alwaysOnPool;
  return {
    defaultRegion: region ?? tier.regions[0]?.name,
    spotPoolUsage: tier.platform === PlatformKind.AKS ? spotUsage(tier) : undefined,
    nodePoolUsage: assumptions?.sandboxPool ? { [SANDBOX_POOL_NAME]: poolUsage(assumptions.sandboxPool) } : undefined,
    commitments: alwaysOn?.commitment && alwaysOn.commitment !== ComputeCommitment.NONE ? { [ALWAYS_ON_POOL_NAME]: alwaysOn.commitment } : undefined,
    ...logAnalyticsUsage(tier),
    cosmosStoredGbPerRegion: data?.cosmos.storedDataGb,
    blobVolumeGb:
      storedGb !== undefined && shares
        ? { hotGb: storedGb * shares.hot, coolGb: storedGb * shares.cool, archiveGb: storedGb * shares.archive }
        : undefined,
    blobStoredGb: storedGb,
    ...keyVaultUsage(tier),
    logAnalyticsFreeGbPerMonth: (region ?? tier.regions[0]?.name) === tier.regions[0]?.name ? LOG_ANALYTICS_FREE_GB_PER_MONTH : 0,
    privateEndpointGbPerMonth: assumptions?.privateEndpointGbPerMonth,
    privateDnsQueriesPerMonth: assumptions?.privateDnsQueriesPerMonth,
    cosmosReplicatedGbPerMonth: assumptions?.cosmosReplicatedGbPerMonth,
    ...loadBalancerUsage(tier),
    redisStoredGbPerShard: data?.redis.storedDataGb,
    reservations: data
      ? { redis: data.redis.reservation ?? ReservationTerm.NONE, cosmosThroughput: data.cosmos.reservedCapacity ?? ReservationTerm.NONE }
      : undefined,
    localKubernetes: tier.platform === PlatformKind.LOCAL_KUBERNETES,
    edgeTraffic: assumptions?.edgeTraffic,
  };
}

/** The tier's typed Key Vault operations, or those derived from the secrets provider's polls. */
function keyVaultUsage(tier: TierSpec): Pick<EstimateOptions, "keyVaultOperationsPerMonth" | "keyVaultOperationsDerivation"> {
  const typed = tier.costAssumptions?.keyVaultOperationsPerMonth;
  if (typed !== undefined) return { keyVaultOperationsPerMonth: typed };
  const demand = keyVaultDemandForTier(tier);
  return demand ? { keyVaultOperationsPerMonth: demand.operationsPerMonth, keyVaultOperationsDerivation: demand.description } : {};
}

/**
 * Each region's internal load balancer carries Front Door's traffic to that region's origin: the
 * requests (edge to origin) and the answers (all of the edge's egress at most, none served from
 * cache; the expected figure too, for an API whose answers are not cached), shared evenly by the
 * regions.
 */
function loadBalancerUsage(tier: TierSpec): Pick<EstimateOptions, "loadBalancerGbPerMonth" | "loadBalancerDerivation"> {
  const traffic = tier.costAssumptions?.edgeTraffic;
  if (!traffic || tier.platform !== PlatformKind.AKS) return {};
  const n = tier.regions.length;
  const o = traffic.originGbPerMonth;
  const e = traffic.egressGbPerMonth;
  return {
    loadBalancerGbPerMonth: scaledRange({ min: o.min, expected: o.expected + e.expected, max: o.max + e.max }, 1 / n),
    loadBalancerDerivation:
      `derived from the edge traffic: (${o.expected} GB edge to origin + ${e.expected} GB of answers, none assumed cached)` + (n > 1 ? ` / ${n} regions` : "") +
      `; at least the ${o.min} GB of requests${n > 1 ? ` / ${n}` : ""}`,
  };
}

/** The tier's typed Log Analytics ingestion, or the one derived from its Container Insights streams. */
function logAnalyticsUsage(tier: TierSpec): Pick<EstimateOptions, "logAnalyticsGbPerDay" | "logAnalyticsDerivation"> {
  const typed = tier.costAssumptions?.logAnalyticsGbPerDay;
  if (typed || tier.platform !== PlatformKind.AKS) return { logAnalyticsGbPerDay: typed };
  const demand = logAnalyticsDemandForTier(tier);
  return demand ? { logAnalyticsGbPerDay: demand.gbPerDay, logAnalyticsDerivation: demand.description } : {};
}

function spotUsage(tier: TierSpec): NodePoolUsage | undefined {
  const demand = spotDemandForTier(tier);
  return demand ? spotPoolUsage(demand) : undefined;
}

function checkNonNegative(scope: IConstruct, property: string, value: number): void {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new ValidationError(scope, property, value, "expected a number of at least 0");
  }
}

/**
 * The sandbox pool's usage: required with a sandboxed pool and only then, within the pool's
 * counts, and no lower than what the warm pods need with the Kata overhead.
 */
function checkSandboxUsage(scope: IConstruct, tier: TierSpec): void {
  const property = "tier.costAssumptions.sandboxPool";
  const usage = tier.costAssumptions?.sandboxPool;
  const pool = tier.languageServices?.sandboxedPool;
  if (!pool) {
    if (usage) throw new ValidationError(scope, property, usage, "expected none: the tier has no languageServices.sandboxedPool");
    return;
  }
  if (!usage) {
    throw new ValidationError(scope, property, undefined, "expected the sandbox pool's average nodes: the tier has a languageServices.sandboxedPool, which autoscales");
  }
  checkNonNegative(scope, `${property}.averageNodes`, usage.averageNodes);
  if (usage.averageNodesInWindow !== undefined) {
    throw new ValidationError(scope, `${property}.averageNodesInWindow`, usage.averageNodesInWindow, "expected none: the sandbox pool has no schedule");
  }
  const warm = sandboxDemandForTier(tier);
  const floor = Math.max(pool.minCount, warm?.nodes ?? 0);
  if (usage.averageNodes < floor || usage.averageNodes > pool.maxCount) {
    throw new ValidationError(
      scope,
      `${property}.averageNodes`,
      usage.averageNodes,
      `expected ${floor} to ${pool.maxCount} (minCount ${pool.minCount}${warm ? `; the warm pods need ${warm.nodes}: ${warm.description}` : ""}; maxCount ${pool.maxCount})`,
    );
  }
}

function checkRange(scope: IConstruct, property: string, range: UsageRangeSpec | undefined): void {
  if (!range) return;
  checkNonNegative(scope, `${property}.min`, range.min);
  checkOrdered(scope, `${property}.min`, range.min, `${property}.expected`, range.expected);
  checkOrdered(scope, `${property}.expected`, range.expected, `${property}.max`, range.max);
}

/** Rejects cost assumptions and budget settings that cannot be right, naming the tier property. */
export function checkCostSettings(scope: IConstruct, tier: TierSpec): void {
  const a = tier.costAssumptions;
  const insights = tier.containerInsights;
  if (insights) {
    checkInteger(scope, "tier.containerInsights.intervalMinutes", insights.intervalMinutes, 1, 30);
    if (tier.platform !== PlatformKind.AKS) {
      throw new ValidationError(scope, "tier.containerInsights", insights, "expected none: Container Insights runs on AKS tiers only");
    }
  }
  if (
    tier.platform === PlatformKind.AKS &&
    tier.monitoring !== MonitoringLevel.OPTIONAL &&
    containerInsightsOf(tier).containerLogs &&
    a?.logAnalyticsGbPerDay === undefined &&
    a?.containerLogGbPerDay === undefined
  ) {
    throw new ValidationError(
      scope,
      "tier.costAssumptions.containerLogGbPerDay",
      undefined,
      "expected GB a day of container logs (or logAnalyticsGbPerDay): the tier's clusters send container logs to Log Analytics and their volume cannot be derived",
    );
  }
  if (a) {
    if (a.agentTeamDemand) {
      checkNonNegative(scope, "tier.costAssumptions.agentTeamDemand.replicasAboveFloorInWindow", a.agentTeamDemand.replicasAboveFloorInWindow);
      checkNonNegative(scope, "tier.costAssumptions.agentTeamDemand.replicasAboveFloorOutsideWindow", a.agentTeamDemand.replicasAboveFloorOutsideWindow);
    }
    checkRange(scope, "tier.costAssumptions.logAnalyticsGbPerDay", a.logAnalyticsGbPerDay);
    checkRange(scope, "tier.costAssumptions.containerLogGbPerDay", a.containerLogGbPerDay);
    const shares = a.blobTierShares ?? { hot: 1, cool: 0, archive: 0 };
    for (const key of ["hot", "cool", "archive"] as const) checkNonNegative(scope, `tier.costAssumptions.blobTierShares.${key}`, shares[key]);
    const sum = shares.hot + shares.cool + shares.archive;
    if (Math.abs(sum - 1) > 1e-9) {
      throw new ValidationError(scope, "tier.costAssumptions.blobTierShares", shares, `expected shares that add up to 1 (they add up to ${Number(sum.toFixed(6))})`);
    }
    if (a.keyVaultOperationsPerMonth !== undefined) checkNonNegative(scope, "tier.costAssumptions.keyVaultOperationsPerMonth", a.keyVaultOperationsPerMonth);
    checkRange(scope, "tier.costAssumptions.privateEndpointGbPerMonth", a.privateEndpointGbPerMonth);
    checkRange(scope, "tier.costAssumptions.privateDnsQueriesPerMonth", a.privateDnsQueriesPerMonth);
    checkRange(scope, "tier.costAssumptions.cosmosReplicatedGbPerMonth", a.cosmosReplicatedGbPerMonth);
    if (a.edgeTraffic) {
      for (const key of ["requestsPerMonth", "egressGbPerMonth", "originGbPerMonth"] as const) {
        const range = a.edgeTraffic[key];
        const at = `tier.costAssumptions.edgeTraffic.${key}`;
        checkNonNegative(scope, `${at}.min`, range.min);
        checkOrdered(scope, `${at}.min`, range.min, `${at}.expected`, range.expected);
        checkOrdered(scope, `${at}.expected`, range.expected, `${at}.max`, range.max);
      }
    }
  }
  checkSandboxUsage(scope, tier);
  const rotation = tier.cluster?.secretRotationMinutes;
  if (rotation !== undefined) checkInteger(scope, "tier.cluster.secretRotationMinutes", rotation, 1, 1440);
  if (tier.dataLayer.kind === DataLayerKind.MANAGED) {
    const redis = tier.dataLayer.redis;
    checkRange(scope, "tier.dataLayer.redis.storedDataGb", redis.storedDataGb);
    const memory = redis.family === "P" ? REDIS_PREMIUM_MEMORY_GB[redis.capacity] : undefined;
    if (redis.storedDataGb && memory !== undefined && redis.storedDataGb.max > memory) {
      throw new ValidationError(scope, "tier.dataLayer.redis.storedDataGb.max", redis.storedDataGb.max, `expected at most the P${redis.capacity} shard's ${memory} GB`);
    }
    if (redis.reservation && redis.reservation !== ReservationTerm.NONE && redis.sku !== "Premium") {
      throw new ValidationError(scope, "tier.dataLayer.redis.reservation", redis.reservation, "expected none: Azure sells Redis reservations for Premium caches only");
    }
  }
  const ceilings = tier.budget?.stackCeilings;
  if (ceilings) {
    checkPositive(scope, "tier.budget.stackCeilings.regionalMonthlyUsd", ceilings.regionalMonthlyUsd);
    checkPositive(scope, "tier.budget.stackCeilings.globalMonthlyUsd", ceilings.globalMonthlyUsd);
  }
}

/** The ceiling of one stack of a tier: its own from `stackCeilings`, else the tier's. */
export function stackCeilingMonthlyUsd(budget: BudgetSpec, globalStack: boolean): number {
  const own = budget.stackCeilings;
  if (!own) return budget.ceilingMonthlyUsd;
  return globalStack ? own.globalMonthlyUsd : own.regionalMonthlyUsd;
}
