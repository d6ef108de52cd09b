import { Construct } from "constructs";
import { Fn } from "cdktf";
import { RedisCache } from "../providers/azurerm/redis-cache";
import { RoleAssignment } from "../providers/azurerm/role-assignment";
import { UserAssignedIdentity } from "../providers/azurerm/user-assigned-identity";
import { DayOfWeek } from "./aks-options";
import { checkInteger, checkOneOf, checkZones, isUnresolved } from "./checks";
import { RedisFamily, RedisSku } from "./data-service-options";
import { uniqueResourceName } from "./unique-resource-name";
import { ValidationError } from "./validation-error";

/** How often RDB snapshots are written (minutes), as Azure allows them. */
export const REDIS_RDB_BACKUP_FREQUENCIES: readonly number[] = [15, 30, 60, 360, 720, 1440];

/**
 * Where a Premium cache writes its RDB snapshots. A user-assigned identity of the cache's own
 * authenticates: it is created and allowed on the account before the cache exists, as Microsoft
 * requires ("the identity must be allowed first or snapshots fail").
 */
export interface RedisPersistenceOptions {
  /** The storage account (its resource id), given "Storage Blob Data Contributor" for the cache's identity. */
  readonly storageAccountId: string;
  /** Its blob endpoint, `https://<account>.blob.core.windows.net/`. */
  readonly blobEndpoint: string;
  /**
   * Minutes between snapshots (15, 30, 60, 360, 720 or 1440).
   * @default 60 - seed 001's database RPO is under an hour
   */
  readonly backupFrequencyMinutes?: number;
}

export interface PlatformRedisCacheProps {
  readonly resourceGroupName: string;
  readonly location: string;
  /**
   * Cache name: 1-63 letters, digits and hyphens, globally unique.
   * @default - `<platform>-<stack>-redis-<hash of the construct path>` (`uniqueResourceName`)
   */
  readonly name?: string;
  /**
   * @default RedisSku.PREMIUM
   */
  readonly sku?: RedisSku;
  /**
   * Must match the SKU: C for Basic and Standard, P for Premium.
   * @default - P for Premium, C otherwise
   */
  readonly family?: RedisFamily;
  /**
   * Size within the family: C0-C6 (250 MB-53 GB) or P1-P5 (6-120 GB).
   * @default 1
   */
  readonly capacity?: number;
  /**
   * Shards of a clustered cache (Premium only), each a primary with its replica.
   * @default - not clustered
   */
  readonly shardCount?: number;
  /**
   * Replicas per primary (Premium only, not with clustering).
   * @default - Azure's default, one
   */
  readonly replicasPerPrimary?: number;
  /**
   * Availability zones (Premium only); at most one more than the replicas per primary.
   * @default - none pinned
   */
  readonly zones?: readonly string[];
  /**
   * RDB snapshots to blob storage (Premium only).
   * @default - no persistence
   */
  readonly persistence?: RedisPersistenceOptions;
  /**
   * Reachable from the internet (keys and TLS still required); off means private endpoints only.
   * @default false
   */
  readonly publicNetworkAccessEnabled?: boolean;
  /**
   * Weekly window in which Azure patches the cache (5 hours from `patchStartHourUtc`).
   * @default DayOfWeek.SUNDAY
   */
  readonly patchDay?: DayOfWeek;
  /**
   * @default 2
   */
  readonly patchStartHourUtc?: number;
  /**
   * Keep `terraform destroy` from deleting the cache.
   * @default - true when persistence is on (the cache then holds data worth keeping)
   */
  readonly preventDestroy?: boolean;
}

const CACHE_NAME = /^[a-zA-Z0-9](?!.*--)[a-zA-Z0-9-]{0,61}[a-zA-Z0-9]$|^[a-zA-Z0-9]$/;

/**
 * Azure Cache for Redis, secure by default: TLS only (non-TLS port off, TLS 1.2 minimum), no
 * public network access, a weekly patch window. Premium caches can cluster, persist RDB
 * snapshots to blob storage with their managed identity (no storage keys) and pin zones.
 * Rejects SKU combinations Azure refuses: C sizes on Premium, P sizes on Basic or Standard,
 * shards, replicas, zones or persistence outside Premium.
 */
export class PlatformRedisCache extends Construct {
  public readonly resource: RedisCache;
  /** The identity the cache writes its snapshots with (persistence only), created before the cache. */
  public readonly persistenceIdentity?: UserAssignedIdentity;
  /** That identity's access to the persistence storage account; the cache depends on it. */
  public readonly persistenceAccess?: RoleAssignment;
  public readonly cacheId: string;
  public readonly cacheName: string;
  public readonly hostname: string;
  public readonly sslPort: number;
  /** `rediss://:<key>@<host>:<port>`, a sensitive Terraform reference. */
  public readonly connectionUrl: string;
  public readonly sku: RedisSku;
  public readonly family: RedisFamily;
  public readonly capacity: number;
  public readonly shardCount?: number;
  /** TLS ports a client connects to: 6380, and per shard its primary's and replica's cluster ports. */
  public readonly clientPorts: readonly number[];

  constructor(scope: Construct, id: string, props: PlatformRedisCacheProps) {
    super(scope, id);
    const name = props.name ?? uniqueResourceName(this, "redis", { maxLength: 63 });
    const sku = props.sku ?? RedisSku.PREMIUM;
    const premium = sku === RedisSku.PREMIUM;
    const family = props.family ?? (premium ? RedisFamily.P : RedisFamily.C);
    const capacity = props.capacity ?? 1;
    const zones = props.zones ?? [];
    const publicNetworkAccessEnabled = props.publicNetworkAccessEnabled ?? false;
    const patchDay = props.patchDay ?? DayOfWeek.SUNDAY;
    const patchHour = props.patchStartHourUtc ?? 2;
    const persistence = props.persistence;
    const frequency = persistence?.backupFrequencyMinutes ?? 60;
    const preventDestroy = props.preventDestroy ?? persistence !== undefined;

    if (!isUnresolved(name) && !CACHE_NAME.test(name)) {
      throw new ValidationError(this, "name", name, "expected 1-63 letters, digits or hyphens, starting and ending with a letter or digit, without consecutive hyphens");
    }
    checkOneOf(this, "sku", sku, Object.values(RedisSku));
    const expectedFamily = premium ? RedisFamily.P : RedisFamily.C;
    if (family !== expectedFamily) {
      throw new ValidationError(
        this,
        "family",
        family,
        premium ? 'expected "P" for the Premium SKU: C sizes are Basic and Standard only' : `expected "C" for the ${sku} SKU: P sizes are Premium only`,
      );
    }
    if (premium) checkInteger(this, "capacity", capacity, 1, 5);
    else checkInteger(this, "capacity", capacity, 0, 6);
    const premiumOnly = (property: string, value: unknown, what: string) => {
      if (!premium) throw new ValidationError(this, property, value, `expected none: ${what} needs the Premium SKU`);
    };
    if (props.shardCount !== undefined) {
      premiumOnly("shardCount", props.shardCount, "clustering");
      checkInteger(this, "shardCount", props.shardCount, 1, 10);
    }
    if (props.replicasPerPrimary !== undefined) {
      premiumOnly("replicasPerPrimary", props.replicasPerPrimary, "choosing the replica count");
      checkInteger(this, "replicasPerPrimary", props.replicasPerPrimary, 1, 3);
      if (props.shardCount !== undefined) {
        throw new ValidationError(this, "replicasPerPrimary", props.replicasPerPrimary, "expected none with shardCount: Azure does not combine extra replicas with clustering");
      }
    }
    if (zones.length > 0) {
      premiumOnly("zones", zones, "zone placement");
      checkZones(this, "zones", zones);
      const nodes = (props.replicasPerPrimary ?? 1) + 1;
      if (zones.length > nodes) {
        throw new ValidationError(this, "zones", zones, `expected at most ${nodes} zones: one per node of a primary with ${nodes - 1} replica(s)`);
      }
    }
    if (persistence) {
      premiumOnly("persistence", "set", "RDB persistence");
      checkOneOf(this, "persistence.backupFrequencyMinutes", frequency, REDIS_RDB_BACKUP_FREQUENCIES);
    }
    checkInteger(this, "patchStartHourUtc", patchHour, 0, 23);

    // A system-assigned identity exists only once the cache does, so persistence would be switched
    // on before anything may write the snapshots: the cache's own user-assigned identity is created
    // and allowed on the account first, and the cache waits for that role assignment.
    const persistenceIdentity = persistence
      ? new UserAssignedIdentity(this, "PersistenceIdentity", { name: `${name}-rdb`, location: props.location, resourceGroupName: props.resourceGroupName })
      : undefined;
    const persistenceAccess =
      persistence && persistenceIdentity
        ? new RoleAssignment(this, "PersistenceAccess", {
            scope: persistence.storageAccountId,
            roleDefinitionName: "Storage Blob Data Contributor",
            principalId: persistenceIdentity.principalId,
            principalType: "ServicePrincipal",
          })
        : undefined;
    this.resource = new RedisCache(this, "Resource", {
      name,
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      skuName: sku,
      family,
      capacity,
      shardCount: props.shardCount,
      replicasPerPrimary: props.replicasPerPrimary,
      zones: zones.length > 0 ? [...zones] : undefined,
      nonSslPortEnabled: false,
      minimumTlsVersion: "1.2",
      publicNetworkAccessEnabled,
      redisVersion: "6",
      identity: persistenceIdentity ? { type: "UserAssigned", identityIds: [persistenceIdentity.id] } : undefined,
      patchSchedule: [{ dayOfWeek: patchDay, startHourUtc: patchHour }],
      redisConfiguration: persistence
        ? {
            rdbBackupEnabled: true,
            rdbBackupFrequency: frequency,
            // Azure keeps only the latest RDB snapshot.
            rdbBackupMaxSnapshotCount: 1,
            dataPersistenceAuthenticationMethod: "ManagedIdentity",
            // With a managed identity the connection string names the endpoint only: no key.
            rdbStorageConnectionString: `BlobEndpoint=${persistence.blobEndpoint}`,
          }
        : {},
      dependsOn: persistenceAccess ? [persistenceAccess] : undefined,
    });
    if (persistence) {
      // Azure does not return the storage connection string, so every plan would show a change.
      this.resource.addOverride("lifecycle.ignore_changes", ["redis_configuration[0].rdb_storage_connection_string"]);
    }
    this.persistenceIdentity = persistenceIdentity;
    this.persistenceAccess = persistenceAccess;
    if (preventDestroy) this.resource.addOverride("lifecycle.prevent_destroy", true);

    this.cacheId = this.resource.id;
    this.cacheName = this.resource.name;
    this.hostname = this.resource.hostname;
    this.sslPort = this.resource.sslPort;
    this.connectionUrl = Fn.format("rediss://:%s@%s:%d", [Fn.urlencode(this.resource.primaryAccessKey), this.resource.hostname, this.resource.sslPort]);
    this.sku = sku;
    this.family = family;
    this.capacity = capacity;
    this.shardCount = props.shardCount;
    const shards = props.shardCount ?? 0;
    // Clustered caches answer on 15000 + 2 x shard (primary) and + 1 (replica) behind a private endpoint.
    this.clientPorts = [6380, ...Array.from({ length: shards * 2 }, (_, i) => 15000 + i)];
  }
}
