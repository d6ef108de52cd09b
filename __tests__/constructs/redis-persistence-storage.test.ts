import { Testing } from "cdktf";
import { RedisPersistenceStorage, RedisPersistenceStorageProps } from "../../constructs/redis-persistence-storage";
import { onlyResource, synthJson, testStack } from "../helpers";
import { StorageReplication } from "../../constructs/data-service-options";

const MINIMAL: RedisPersistenceStorageProps = { resourceGroupName: "rg", location: "eastus" };

function synth(props: Partial<RedisPersistenceStorageProps> = {}) {
  const { stack } = testStack();
  const storage = new RedisPersistenceStorage(stack, "Rdb", { ...MINIMAL, ...props });
  return { storage, account: onlyResource(synthJson(stack), "azurerm_storage_account") };
}

function build(props: Partial<RedisPersistenceStorageProps>): () => RedisPersistenceStorage {
  return () => new RedisPersistenceStorage(testStack().stack, "Rdb", { ...MINIMAL, ...props });
}

describe("RedisPersistenceStorage", () => {
  test("minimal config snapshot", () => {
    const { stack } = testStack();
    new RedisPersistenceStorage(stack, "Rdb", MINIMAL);
    expect(Testing.synth(stack)).toMatchSnapshot();
  });

  describe("defaults", () => {
    const { account, storage } = synth();

    test("no soft delete and no versioning: each backup overwrites the last snapshot and nothing keeps the old ones", () => {
      expect(account.blob_properties).toEqual({ versioning_enabled: false });
    });

    test("the storage baseline: HTTPS and TLS 1.2, no anonymous access, no shared keys, double encryption, GRS", () => {
      expect(account).toMatchObject({
        account_kind: "StorageV2",
        account_tier: "Standard",
        account_replication_type: "GRS",
        https_traffic_only_enabled: true,
        min_tls_version: "TLS1_2",
        allow_nested_items_to_be_public: false,
        shared_access_key_enabled: false,
        default_to_oauth_authentication: true,
        infrastructure_encryption_enabled: true,
      });
    });

    test("only trusted Azure services get in (the cache's managed identity takes that path)", () => {
      expect(account).toMatchObject({ public_network_access_enabled: true, network_rules: { default_action: "Deny", bypass: ["AzureServices"] } });
    });

    test("protected from destroy; a name derived from the path; the blob endpoint for the cache", () => {
      expect(account.lifecycle).toEqual({ prevent_destroy: true });
      expect(account.name).toMatch(/^[a-z0-9]{3,24}$/);
      expect(storage.blobEndpoint).toMatch(/^\$\{TfToken\[/);
    });
  });

  describe("overrides", () => {
    test("name, redundancy and destroy protection", () => {
      const { account } = synth({ name: "omegardb01", redundancy: StorageReplication.LRS, preventDestroy: false });
      expect(account).toMatchObject({ name: "omegardb01", account_replication_type: "LRS" });
      expect(account.lifecycle).toBeUndefined();
    });
  });

  describe("validation", () => {
    test("fails on a name with uppercase letters", () => {
      expect(build({ name: "OmegaRdb" })).toThrow(
        'test/Rdb: invalid name "OmegaRdb": expected 3-24 lowercase letters and digits (storage account names are global DNS labels)',
      );
    });

    test("fails on a location that is not an Azure region", () => {
      expect(build({ location: "East US" })).toThrow('test/Rdb: invalid location "East US": expected an Azure region name such as eastus or westeurope');
    });
  });
});
