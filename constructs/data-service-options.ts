/**
 * Choices of the Azure data services (Cosmos DB, Azure Cache for Redis, AI Search, storage), as
 * Azure spells them. One enum per concept: a tier's data layer (`TierSpec`) and the constructs'
 * props take the same enum. No imports, so tier files can use it and stay free of constructs.
 */

/** Cosmos DB consistency levels, strongest first, as Azure spells them. */
export enum CosmosConsistency {
  STRONG = "Strong",
  BOUNDED_STALENESS = "BoundedStaleness",
  SESSION = "Session",
  CONSISTENT_PREFIX = "ConsistentPrefix",
  EVENTUAL = "Eventual",
}

/** How Cosmos DB backs an account up. */
export enum CosmosBackupPolicy {
  /** Point-in-time restore to any second of the last 30 days (seed 001: 30-day retention, RPO < 1 h). */
  CONTINUOUS_30_DAYS = "Continuous30Days",
  /** Point-in-time restore within 7 days, at no extra cost. */
  CONTINUOUS_7_DAYS = "Continuous7Days",
  /** Full snapshots at an interval, restored by Azure support; see the `periodicBackup*` props. */
  PERIODIC = "Periodic",
}

/** Azure Cache for Redis tiers. */
export enum RedisSku {
  /** One node, no SLA, no replication. */
  BASIC = "Basic",
  /** Primary and replica. */
  STANDARD = "Standard",
  /** Primary and replica(s) on faster hardware, with clustering, persistence and zones. */
  PREMIUM = "Premium",
}

/** Size families: C for Basic and Standard, P for Premium. */
export enum RedisFamily {
  C = "C",
  P = "P",
}

/** Azure AI Search tiers that support private endpoints (Free does not), as Azure spells them. */
export enum SearchSku {
  BASIC = "basic",
  STANDARD = "standard",
  STANDARD2 = "standard2",
  STANDARD3 = "standard3",
  STORAGE_OPTIMIZED_L1 = "storage_optimized_l1",
  STORAGE_OPTIMIZED_L2 = "storage_optimized_l2",
}

/** Redundancy of a storage account, as Azure spells it. */
export enum StorageReplication {
  LRS = "LRS",
  ZRS = "ZRS",
  GRS = "GRS",
  RAGRS = "RAGRS",
  GZRS = "GZRS",
  RAGZRS = "RAGZRS",
}
