import { CORE_SERVICE_CATALOG } from "../constructs/core-services";
import { ManagedCosmosOptions, ManagedRedisOptions, ManagedSearchOptions, ManagedStorageOptions } from "../constructs/managed-data-layer";
import { IConstruct } from "constructs";
import { RedisSku, StorageReplication } from "../constructs/data-service-options";
import { PlatformNames } from "../constructs/platform-name";
import { CosmosSpec, CosmosZoneRedundancyScope, ManagedDataLayerSpec, SearchPlacement, TierSpec } from "../tiers/tier-spec";

/** The Cosmos DB account of a tier. */
export function cosmosOptions(cosmos: CosmosSpec): ManagedCosmosOptions {
  return {
    regions: cosmos.regions,
    throughputRuPerSecond: cosmos.throughputRuPerSecond,
    autoscale: cosmos.autoscale ?? false,
    consistency: cosmos.consistency,
    multiRegionWrites: cosmos.multiRegionWrites,
    zoneRedundant: cosmos.zoneRedundant,
    zoneRedundantRegions:
      cosmos.zoneRedundant && cosmos.zoneRedundancyScope === CosmosZoneRedundancyScope.WRITE_REGION ? cosmos.regions.slice(0, 1) : undefined,
    backup: cosmos.backup,
    freeTierEnabled: cosmos.freeTier ?? false,
  };
}

/** The regional stores of a tier (Redis, AI Search, blob storage). */
export function regionalDataOptions(
  tier: TierSpec,
  data: ManagedDataLayerSpec,
): { redis: ManagedRedisOptions; search?: ManagedSearchOptions; storage: ManagedStorageOptions; redisPersistenceRedundancy?: StorageReplication } {
  const { redis, search, storage } = data;
  const premium = redis.sku === RedisSku.PREMIUM;
  // Production caches spread primary and replica over two of the region's zones unless the tier
  // pins its own; Azure allows as many zones as nodes.
  const zones = redis.zones ?? (premium && tier.cluster ? tier.cluster.alwaysOnPool.zones.slice(0, 2) : undefined);
  return {
    redis: {
      sku: redis.sku,
      family: redis.family,
      capacity: redis.capacity,
      shardCount: redis.shardCount,
      zones: zones && zones.length > 0 ? zones : undefined,
    },
    search: search ? { sku: search.sku, replicas: searchReplicasPerRegion(tier, data), partitions: search.partitions } : undefined,
    storage: { redundancy: storage.replication },
    redisPersistenceRedundancy: redis.persistenceRedundancy,
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
export function dataServiceAccounts(scope: IConstruct): string[] {
  const own = PlatformNames.of(scope).dataServiceAccount;
  const readers = Object.values(CORE_SERVICE_CATALOG)
    .filter((service) => service.data.length > 0)
    .map((service) => service.name);
  return [own, ...readers.filter((name) => name !== own)];
}

/** The first /24 after a subnet, for the private endpoints when a tier region names none. */
export function subnetAfter(prefix: string): string {
  const [address, bits] = prefix.split("/");
  const octets = address.split(".").map(Number);
  const value = ((octets[0] << 24) >>> 0) + (octets[1] << 16) + (octets[2] << 8) + octets[3];
  const next = Math.ceil((value + 2 ** (32 - Number(bits))) / 256) * 256;
  return `${[24, 16, 8, 0].map((shift) => (next >>> shift) & 255).join(".")}/24`;
}
