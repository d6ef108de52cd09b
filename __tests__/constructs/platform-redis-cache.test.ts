import { Testing } from "cdktf";
import { DayOfWeek } from "../../constructs/aks-options";
import { PlatformRedisCache, PlatformRedisCacheProps } from "../../constructs/platform-redis-cache";
import { onlyResource, resourcesOf, synthJson, testStack } from "../helpers";
import { RedisFamily, RedisSku } from "../../constructs/data-service-options";

const BASE: PlatformRedisCacheProps = { resourceGroupName: "rg", location: "eastus" };
const PERSISTENCE = {
  storageAccountId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st",
  blobEndpoint: "https://st.blob.core.windows.net/",
};

function synth(props: Partial<PlatformRedisCacheProps> = {}) {
  const { stack } = testStack();
  const cache = new PlatformRedisCache(stack, "Redis", { ...BASE, ...props });
  const json = synthJson(stack);
  return { cache, json, resource: onlyResource(json, "azurerm_redis_cache") };
}

function build(props: Partial<PlatformRedisCacheProps>): () => PlatformRedisCache {
  return () => new PlatformRedisCache(testStack().stack, "Redis", { ...BASE, ...props });
}

describe("PlatformRedisCache", () => {
  test("minimal config snapshot", () => {
    const { stack } = testStack();
    new PlatformRedisCache(stack, "Redis", BASE);
    expect(Testing.synth(stack)).toMatchSnapshot();
  });

  describe("defaults", () => {
    const { resource, cache, json } = synth();

    test("Premium P1", () => {
      expect(resource).toMatchObject({ sku_name: "Premium", family: "P", capacity: 1 });
      expect([cache.sku, cache.family, cache.capacity]).toEqual([RedisSku.PREMIUM, RedisFamily.P, 1]);
    });

    test("TLS only: non-TLS port off, TLS 1.2 minimum; no public network access", () => {
      expect(resource.non_ssl_port_enabled).toBe(false);
      expect(resource.minimum_tls_version).toBe("1.2");
      expect(resource.public_network_access_enabled).toBe(false);
    });

    test("patched Sundays from 02:00 UTC", () => {
      expect(resource.patch_schedule).toEqual([{ day_of_week: "Sunday", start_hour_utc: 2 }]);
    });

    test("no clustering, zones, persistence or destroy protection unless asked", () => {
      expect(resource.shard_count).toBeUndefined();
      expect(resource.zones).toBeUndefined();
      expect(resource.identity).toBeUndefined();
      expect(resource.redis_configuration).toEqual({});
      expect(resource.lifecycle).toBeUndefined();
      expect(resourcesOf(json, "azurerm_role_assignment")).toEqual([]);
    });

    test("a rediss:// URL built from the key reference, and the TLS port for clients", () => {
      expect(cache.connectionUrl).toMatch(/^\$\{TfToken\[/);
      expect(cache.clientPorts).toEqual([6380]);
      expect(resource.name).toMatch(/^omega-test-redis-[0-9a-f]{6}$/);
    });
  });

  describe("overrides", () => {
    test("staging's Basic C1", () => {
      const { resource } = synth({ sku: RedisSku.BASIC, capacity: 1 });
      expect(resource).toMatchObject({ sku_name: "Basic", family: "C", capacity: 1 });
    });

    test("enterprise's Premium P3 with 2 shards over two zones", () => {
      const { resource, cache } = synth({ capacity: 3, shardCount: 2, zones: ["1", "2"] });
      expect(resource).toMatchObject({ sku_name: "Premium", family: "P", capacity: 3, shard_count: 2, zones: ["1", "2"] });
      expect(cache.clientPorts).toEqual([6380, 15000, 15001, 15002, 15003]);
    });

    test("persistence: hourly RDB snapshots with the cache's identity, no storage key", () => {
      const { resource, json } = synth({ persistence: PERSISTENCE });
      const identity = onlyResource(json, "azurerm_user_assigned_identity");
      expect(identity).toMatchObject({ location: "eastus", resource_group_name: "rg" });
      expect(resource.identity).toEqual({ type: "UserAssigned", identity_ids: [expect.stringMatching(/^\$\{azurerm_user_assigned_identity\.[^.]+\.id\}$/)] });
      expect(resource.redis_configuration).toEqual({
        rdb_backup_enabled: true,
        rdb_backup_frequency: 60,
        rdb_backup_max_snapshot_count: 1,
        data_persistence_authentication_method: "ManagedIdentity",
        rdb_storage_connection_string: "BlobEndpoint=https://st.blob.core.windows.net/",
      });
      expect(resource.lifecycle).toEqual({
        ignore_changes: ["redis_configuration[0].rdb_storage_connection_string"],
        prevent_destroy: true,
      });
      expect(onlyResource(json, "azurerm_role_assignment")).toMatchObject({
        scope: PERSISTENCE.storageAccountId,
        role_definition_name: "Storage Blob Data Contributor",
        principal_id: expect.stringMatching(/^\$\{azurerm_user_assigned_identity\.[^.]+\.principal_id\}$/),
        principal_type: "ServicePrincipal",
      });
    });

    test("persistence: the identity may write to the account before the cache exists (Microsoft: allow it first or snapshots fail)", () => {
      const { resource, json } = synth({ persistence: PERSISTENCE });
      const assignment = Object.keys((json.resource as Record<string, Record<string, unknown>>).azurerm_role_assignment)[0];
      expect(resource.depends_on).toEqual([`azurerm_role_assignment.${assignment}`]);
      // The assignment reads nothing of the cache: no cycle, and it is created first.
      expect(JSON.stringify(onlyResource(json, "azurerm_role_assignment"))).not.toContain("azurerm_redis_cache");
    });

    test("no identity and no dependency without persistence", () => {
      const { resource, json } = synth({});
      expect(resource.identity).toBeUndefined();
      expect(resource.depends_on).toBeUndefined();
      expect(resourcesOf(json, "azurerm_user_assigned_identity")).toEqual([]);
    });

    test("persistence frequency, replicas, patch window, public access, destroy protection off", () => {
      const { resource } = synth({
        persistence: { ...PERSISTENCE, backupFrequencyMinutes: 15 },
        replicasPerPrimary: 2,
        zones: ["1", "2", "3"],
        patchDay: DayOfWeek.SATURDAY,
        patchStartHourUtc: 23,
        publicNetworkAccessEnabled: true,
        preventDestroy: false,
      });
      expect(resource.redis_configuration.rdb_backup_frequency).toBe(15);
      expect(resource).toMatchObject({ replicas_per_primary: 2, zones: ["1", "2", "3"], public_network_access_enabled: true });
      expect(resource.patch_schedule).toEqual([{ day_of_week: "Saturday", start_hour_utc: 23 }]);
      expect(resource.lifecycle).toEqual({ ignore_changes: ["redis_configuration[0].rdb_storage_connection_string"] });
    });
  });

  describe("validation", () => {
    test("fails on a C size with the Premium SKU", () => {
      expect(build({ sku: RedisSku.PREMIUM, family: RedisFamily.C })).toThrow(
        'test/Redis: invalid family "C": expected "P" for the Premium SKU: C sizes are Basic and Standard only',
      );
    });

    test("fails on a P size with the Basic SKU", () => {
      expect(build({ sku: RedisSku.BASIC, family: RedisFamily.P })).toThrow(
        'test/Redis: invalid family "P": expected "C" for the Basic SKU: P sizes are Premium only',
      );
    });

    test("fails on a P size with the Standard SKU", () => {
      expect(build({ sku: RedisSku.STANDARD, family: RedisFamily.P })).toThrow(
        'test/Redis: invalid family "P": expected "C" for the Standard SKU: P sizes are Premium only',
      );
    });

    test("fails on shards outside Premium", () => {
      expect(build({ sku: RedisSku.STANDARD, shardCount: 2 })).toThrow("test/Redis: invalid shardCount 2: expected none: clustering needs the Premium SKU");
    });

    test("fails on zones outside Premium", () => {
      expect(build({ sku: RedisSku.STANDARD, zones: ["1"] })).toThrow('test/Redis: invalid zones ["1"]: expected none: zone placement needs the Premium SKU');
    });

    test("fails on persistence outside Premium", () => {
      expect(build({ sku: RedisSku.BASIC, persistence: PERSISTENCE })).toThrow('test/Redis: invalid persistence "set": expected none: RDB persistence needs the Premium SKU');
    });

    test("fails on replicas outside Premium", () => {
      expect(build({ sku: RedisSku.STANDARD, replicasPerPrimary: 2 })).toThrow(
        "test/Redis: invalid replicasPerPrimary 2: expected none: choosing the replica count needs the Premium SKU",
      );
    });

    test("fails on extra replicas with clustering", () => {
      expect(build({ shardCount: 2, replicasPerPrimary: 2 })).toThrow(
        "test/Redis: invalid replicasPerPrimary 2: expected none with shardCount: Azure does not combine extra replicas with clustering",
      );
    });

    test("fails on more zones than nodes", () => {
      expect(build({ zones: ["1", "2", "3"] })).toThrow('test/Redis: invalid zones ["1","2","3"]: expected at most 2 zones: one per node of a primary with 1 replica(s)');
    });

    test("fails on a Premium size out of range (P1-P5)", () => {
      expect(build({ capacity: 6 })).toThrow("test/Redis: invalid capacity 6: expected an integer from 1 to 5");
    });

    test("fails on a C size out of range (C0-C6)", () => {
      expect(build({ sku: RedisSku.BASIC, capacity: 7 })).toThrow("test/Redis: invalid capacity 7: expected an integer from 0 to 6");
    });

    test("fails on a snapshot frequency Azure does not offer", () => {
      expect(build({ persistence: { ...PERSISTENCE, backupFrequencyMinutes: 45 } })).toThrow(
        "test/Redis: invalid persistence.backupFrequencyMinutes 45: expected one of 15, 30, 60, 360, 720, 1440",
      );
    });

    test("fails on a cache name Azure refuses", () => {
      expect(build({ name: "my--cache" })).toThrow(
        'test/Redis: invalid name "my--cache": expected 1-63 letters, digits or hyphens, starting and ending with a letter or digit, without consecutive hyphens',
      );
    });

    test("fails on a patch hour out of range", () => {
      expect(build({ patchStartHourUtc: 24 })).toThrow("test/Redis: invalid patchStartHourUtc 24: expected an integer from 0 to 23");
    });
  });
});
