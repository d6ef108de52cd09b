import { CORE_SERVICE_CATALOG } from "../constructs/core-services";
import { CosmosBackupPolicy, CosmosConsistencyLevel } from "../constructs/cosmos-mongo-account";
import { DATA_LAYER_SERVICE_ACCOUNT } from "../constructs/data-layer-contract";
import { ManagedCosmosOptions, ManagedRedisOptions, ManagedSearchOptions, ManagedStorageOptions } from "../constructs/managed-data-layer";
import { StorageRedundancy } from "../constructs/platform-blob-storage";
import { RedisSkuFamily, RedisSkuName } from "../constructs/platform-redis-cache";
import { SearchServiceSku } from "../constructs/platform-search-service";
import {
  CosmosBackupMode,
  CosmosConsistency,
  CosmosSpec,
  CosmosZoneRedundancyScope,
  ManagedDataLayerSpec,
  RedisFamily,
  RedisSku,
  SearchPlacement,
  SearchSku,
  StorageReplication,
  TierSpec,
} from "../tiers/tier-spec";

// Tier enums and construct enums spell the same Azure values; these maps keep the two decoupled
// (tier files import nothing from constructs/) and make a missing case a compile error.
const CONSISTENCY: Record<CosmosConsistency, CosmosConsistencyLevel> = {
  [CosmosConsistency.STRONG]: CosmosConsistencyLevel.STRONG,
  [CosmosConsistency.BOUNDED_STALENESS]: CosmosConsistencyLevel.BOUNDED_STALENESS,
  [CosmosConsistency.SESSION]: CosmosConsistencyLevel.SESSION,
  [CosmosConsistency.CONSISTENT_PREFIX]: CosmosConsistencyLevel.CONSISTENT_PREFIX,
  [CosmosConsistency.EVENTUAL]: CosmosConsistencyLevel.EVENTUAL,
};

// Continuous backups keep 30 days, seed 001's database retention.
const BACKUP: Record<CosmosBackupMode, CosmosBackupPolicy> = {
  [CosmosBackupMode.CONTINUOUS]: CosmosBackupPolicy.CONTINUOUS_30_DAYS,
  [CosmosBackupMode.PERIODIC]: CosmosBackupPolicy.PERIODIC,
};

const REDIS_SKU: Record<RedisSku, RedisSkuName> = {
  [RedisSku.BASIC]: RedisSkuName.BASIC,
  [RedisSku.STANDARD]: RedisSkuName.STANDARD,
  [RedisSku.PREMIUM]: RedisSkuName.PREMIUM,
};

const REDIS_FAMILY: Record<RedisFamily, RedisSkuFamily> = {
  [RedisFamily.C]: RedisSkuFamily.C,
  [RedisFamily.P]: RedisSkuFamily.P,
};

const SEARCH_SKU: Record<SearchSku, SearchServiceSku> = {
  [SearchSku.BASIC]: SearchServiceSku.BASIC,
  [SearchSku.STANDARD]: SearchServiceSku.STANDARD,
};

const REDUNDANCY: Record<StorageReplication, StorageRedundancy> = {
  [StorageReplication.LRS]: StorageRedundancy.LRS,
  [StorageReplication.ZRS]: StorageRedundancy.ZRS,
  [StorageReplication.GRS]: StorageRedundancy.GRS,
  [StorageReplication.RAGRS]: StorageRedundancy.RAGRS,
  [StorageReplication.GZRS]: StorageRedundancy.GZRS,
  [StorageReplication.RAGZRS]: StorageRedundancy.RAGZRS,
};

/** The Cosmos DB account of a tier. */
export function cosmosOptions(cosmos: CosmosSpec): ManagedCosmosOptions {
  return {
    regions: cosmos.regions,
    throughputRuPerSecond: cosmos.throughputRuPerSecond,
    autoscale: cosmos.autoscale ?? false,
    consistency: CONSISTENCY[cosmos.consistency],
    multiRegionWrites: cosmos.multiRegionWrites,
    zoneRedundant: cosmos.zoneRedundant,
    zoneRedundantRegions:
      cosmos.zoneRedundant && cosmos.zoneRedundancyScope === CosmosZoneRedundancyScope.WRITE_REGION ? cosmos.regions.slice(0, 1) : undefined,
    backup: BACKUP[cosmos.backup],
    freeTierEnabled: cosmos.freeTier ?? false,
  };
}

/** The regional stores of a tier (Redis, AI Search, blob storage). */
export function regionalDataOptions(
  tier: TierSpec,
  data: ManagedDataLayerSpec,
): { redis: ManagedRedisOptions; search?: ManagedSearchOptions; storage: ManagedStorageOptions } {
  const { redis, search, storage } = data;
  const premium = redis.sku === RedisSku.PREMIUM;
  // Production caches spread primary and replica over two of the region's zones unless the tier
  // pins its own; Azure allows as many zones as nodes.
  const zones = redis.zones ?? (premium && tier.cluster ? tier.cluster.alwaysOnPool.zones.slice(0, 2) : undefined);
  return {
    redis: {
      sku: REDIS_SKU[redis.sku],
      family: REDIS_FAMILY[redis.family],
      capacity: redis.capacity,
      shardCount: redis.shardCount,
      zones: zones && zones.length > 0 ? zones : undefined,
    },
    search: search ? { sku: SEARCH_SKU[search.sku], replicas: searchReplicasPerRegion(tier, data), partitions: search.partitions } : undefined,
    storage: { redundancy: REDUNDANCY[storage.replication] },
  };
}

/** Replicas of each regional AI Search service: the tier's total spread evenly, or the same in every region. */
export function searchReplicasPerRegion(tier: TierSpec, data: ManagedDataLayerSpec): number {
  const search = data.search;
  if (!search) return 0;
  const regions = Math.max(1, tier.regions.length);
  return search.placement === SearchPlacement.SPREAD_ACROSS_REGIONS ? search.replicas / regions : search.replicas;
}

/**
 * The service accounts federated with the data layer's identity: the contract's own, and every
 * perimeter service that reads the data layer's Secret (each runs as a service account of its name
 * and mounts the secrets volume itself).
 */
export function dataServiceAccounts(): string[] {
  const readers = Object.values(CORE_SERVICE_CATALOG)
    .filter((service) => service.data.length > 0)
    .map((service) => service.name);
  return [DATA_LAYER_SERVICE_ACCOUNT, ...readers.filter((name) => name !== DATA_LAYER_SERVICE_ACCOUNT)];
}

/** The first /24 after a subnet, for the private endpoints when a tier region names none. */
export function subnetAfter(prefix: string): string {
  const [address, bits] = prefix.split("/");
  const octets = address.split(".").map(Number);
  const value = ((octets[0] << 24) >>> 0) + (octets[1] << 16) + (octets[2] << 8) + octets[3];
  const next = Math.ceil((value + 2 ** (32 - Number(bits))) / 256) * 256;
  return `${[24, 16, 8, 0].map((shift) => (next >>> shift) & 255).join(".")}/24`;
}
