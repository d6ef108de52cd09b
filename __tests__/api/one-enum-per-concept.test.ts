import * as root from "../../index";
import { CosmosMongoAccountProps } from "../../constructs/cosmos-mongo-account";
import { PlatformBlobStorageProps } from "../../constructs/platform-blob-storage";
import { PlatformBudgetProps } from "../../constructs/platform-budget";
import { PlatformRedisCacheProps } from "../../constructs/platform-redis-cache";
import { PlatformSearchServiceProps } from "../../constructs/platform-search-service";
import { BlobStorageSpec, BudgetContactsSpec, CosmosSpec, RedisSpec, SearchSpec } from "../../tiers/tier-spec";

// Compile-time: a tier's field and the construct prop it feeds have the same type, so a value
// written for one is accepted by the other (`npm test` type-checks this file before jest runs it).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameTypes: true[] = [
  true as Same<CosmosSpec["consistency"], NonNullable<CosmosMongoAccountProps["consistency"]>>,
  true as Same<CosmosSpec["backup"], NonNullable<CosmosMongoAccountProps["backup"]>>,
  true as Same<RedisSpec["sku"], NonNullable<PlatformRedisCacheProps["sku"]>>,
  true as Same<RedisSpec["family"], NonNullable<PlatformRedisCacheProps["family"]>>,
  true as Same<SearchSpec["sku"], NonNullable<PlatformSearchServiceProps["sku"]>>,
  true as Same<BlobStorageSpec["replication"], NonNullable<PlatformBlobStorageProps["redundancy"]>>,
  true as Same<BudgetContactsSpec["roles"][number], NonNullable<PlatformBudgetProps["contactRoles"]>[number]>,
];

describe("one enum per concept", () => {
  test("tier fields and construct props take the same enum (checked by the type-checker)", () => {
    expect(sameTypes).toHaveLength(7);
  });

  test("the package root exports one enum for each of the seven concepts that had two", () => {
    const exported = Object.keys(root);
    for (const kept of ["CosmosConsistency", "CosmosBackupPolicy", "RedisSku", "RedisFamily", "SearchSku", "StorageReplication", "BudgetContactRole"]) {
      expect(exported).toContain(kept);
    }
    for (const removed of ["CosmosConsistencyLevel", "CosmosBackupMode", "RedisSkuName", "RedisSkuFamily", "SearchServiceSku", "StorageRedundancy", "BudgetNotificationRole"]) {
      expect(exported).not.toContain(removed);
    }
    expect(root.RedisSku.PREMIUM).toBe("Premium");
    expect(root.CosmosBackupPolicy.CONTINUOUS_30_DAYS).toBe("Continuous30Days");
  });
});
