import { TerraformStack, Testing } from "cdktf";
import {
  PlatformBlobStorage,
  PlatformBlobStorageProps,
  StorageNetworkAccess,
} from "../../constructs/platform-blob-storage";
import { uniqueResourceName } from "../../constructs/unique-resource-name";
import { onlyResource, resourcesOf, synthJson, testStack } from "../helpers";
import { StorageReplication } from "../../constructs/data-service-options";

const SUBNET = "/subscriptions/s/virtualNetworks/vnet/subnets/services";
const BASE: PlatformBlobStorageProps = { resourceGroupName: "rg", location: "eastus" };

function synth(props: Partial<PlatformBlobStorageProps> = {}, stackId = "test") {
  const { stack } = testStack(stackId);
  const storage = new PlatformBlobStorage(stack, "Storage", { ...BASE, ...props });
  const json = synthJson(stack);
  return {
    storage,
    json,
    account: onlyResource(json, "azurerm_storage_account"),
    policy: onlyResource(json, "azurerm_storage_management_policy"),
  };
}

function build(props: Partial<PlatformBlobStorageProps>): () => PlatformBlobStorage {
  return () => new PlatformBlobStorage(testStack().stack, "Storage", { ...BASE, ...props });
}

type Rule = { name: string; filters: { prefix_match: string[] }; actions: { base_blob: Record<string, number>; version: Record<string, number>; snapshot: Record<string, number> } };

describe("PlatformBlobStorage", () => {
  test("minimal config snapshot", () => {
    const { stack } = testStack();
    new PlatformBlobStorage(stack, "Storage", BASE);
    expect(Testing.synth(stack)).toMatchSnapshot();
  });

  describe("defaults", () => {
    const { account, policy, json, storage } = synth();
    const rules = policy.rule as Rule[];

    test("StorageV2, Standard, hot, geo-redundant (GRS keeps the archive tier)", () => {
      expect(account).toMatchObject({
        account_kind: "StorageV2",
        account_tier: "Standard",
        access_tier: "Hot",
        account_replication_type: "GRS",
      });
      expect(storage.redundancy).toBe(StorageReplication.GRS);
    });

    test("HTTPS and TLS 1.2 only, no anonymous blobs, no shared keys, encrypted twice", () => {
      expect(account).toMatchObject({
        https_traffic_only_enabled: true,
        min_tls_version: "TLS1_2",
        allow_nested_items_to_be_public: false,
        shared_access_key_enabled: false,
        default_to_oauth_authentication: true,
        cross_tenant_replication_enabled: false,
        infrastructure_encryption_enabled: true,
      });
    });

    test("no public network access", () => {
      expect(account.public_network_access_enabled).toBe(false);
      expect(account.network_rules).toBeUndefined();
    });

    test("versioning, and 90 days to recover deleted blobs and containers (seed 001's assets)", () => {
      expect(account.blob_properties).toEqual({
        versioning_enabled: true,
        delete_retention_policy: { days: 90 },
        container_delete_retention_policy: { days: 90 },
      });
    });

    test("protected from destroy", () => {
      expect(account.lifecycle).toEqual({ prevent_destroy: true });
    });

    test("private containers for backups, artifacts and logs, created through the management plane", () => {
      const containers = resourcesOf(json, "azurerm_storage_container");
      expect(containers.map((c) => c.name).sort()).toEqual(["artifacts", "backups", "logs"]);
      for (const c of containers) {
        expect(c.container_access_type).toBe("private");
        expect(c.storage_account_id).toMatch(/^\$\{azurerm_storage_account\..+\.id\}$/);
      }
    });

    test("every container: hot -> cool after 7 days -> archive after 90 (seed 004)", () => {
      expect(rules.map((r) => r.filters.prefix_match)).toEqual([["backups/"], ["artifacts/"], ["logs/"]]);
      for (const rule of rules) {
        expect(rule.actions.base_blob).toMatchObject({
          tier_to_cool_after_days_since_modification_greater_than: 7,
          tier_to_archive_after_days_since_modification_greater_than: 90,
        });
        expect(rule.actions.version).toEqual({ delete_after_days_since_creation: 90 });
        expect(rule.actions.snapshot).toEqual({ delete_after_days_since_creation_greater_than: 90 });
      }
    });

    test("logs are kept a year (seed 001), backups and artifacts until deleted", () => {
      const byPrefix = Object.fromEntries(rules.map((r) => [r.filters.prefix_match[0], r.actions.base_blob]));
      expect(byPrefix["logs/"].delete_after_days_since_modification_greater_than).toBe(365);
      expect(byPrefix["backups/"].delete_after_days_since_modification_greater_than).toBeUndefined();
      expect(byPrefix["artifacts/"].delete_after_days_since_modification_greater_than).toBeUndefined();
    });
  });

  describe("names", () => {
    test("omega<stack>st<hash>: lowercase alphanumerics, at most 24, deterministic", () => {
      const name = synth().account.name as string;
      expect(name).toMatch(/^omegatestst[0-9a-f]{6}$/);
      expect(synth().account.name).toBe(name);
    });

    test("long stack names are cut so the kind and hash survive", () => {
      const name = synth({}, "enterprise-southeastasia").account.name as string;
      expect(name).toHaveLength(24);
      expect(name).toMatch(/^omegaenterprisesst[0-9a-f]{6}$/);
    });

    test("different paths give different names", () => {
      const app = Testing.app();
      const a = new TerraformStack(app, "enterprise-eastus");
      const b = new TerraformStack(app, "enterprise-westeurope");
      expect(uniqueResourceName(a, "st", { maxLength: 24, alphanumericOnly: true })).not.toBe(
        uniqueResourceName(b, "st", { maxLength: 24, alphanumericOnly: true }),
      );
    });
  });

  describe("overrides", () => {
    test("staging's LRS with public access", () => {
      const { account } = synth({ redundancy: StorageReplication.LRS, networkAccess: StorageNetworkAccess.ENABLED });
      expect(account).toMatchObject({ account_replication_type: "LRS", public_network_access_enabled: true });
      expect(account.network_rules).toBeUndefined();
    });

    test("trusted Azure services only: public endpoint on, every address denied", () => {
      const { account } = synth({ networkAccess: StorageNetworkAccess.TRUSTED_SERVICES_ONLY });
      expect(account.public_network_access_enabled).toBe(true);
      expect(account.network_rules).toEqual({ default_action: "Deny", bypass: ["AzureServices"] });
    });

    test("selected subnets: public endpoint on, only the subnets and trusted Azure services admitted", () => {
      const { account } = synth({ networkAccess: StorageNetworkAccess.SELECTED_SUBNETS, allowedSubnetIds: [SUBNET] });
      expect(account.public_network_access_enabled).toBe(true);
      expect(account.network_rules).toEqual({ default_action: "Deny", bypass: ["AzureServices"], virtual_network_subnet_ids: [SUBNET] });
    });

    test("containers, days and destroy protection", () => {
      const { policy, account, json } = synth({
        name: "omegabackups01",
        containers: ["dumps", "traces"],
        logsContainer: "traces",
        coolAfterDays: 14,
        archiveAfterDays: 180,
        logRetentionDays: 730,
        softDeleteRetentionDays: 30,
        preventDestroy: false,
      });
      const rules = policy.rule as Rule[];
      expect(account.name).toBe("omegabackups01");
      expect(resourcesOf(json, "azurerm_storage_container").map((c) => c.name)).toEqual(["dumps", "traces"]);
      expect(rules[1].actions.base_blob).toEqual({
        tier_to_cool_after_days_since_modification_greater_than: 14,
        tier_to_archive_after_days_since_modification_greater_than: 180,
        delete_after_days_since_modification_greater_than: 730,
      });
      expect(account.blob_properties.delete_retention_policy).toEqual({ days: 30 });
      expect(account.lifecycle).toBeUndefined();
    });
  });

  describe("validation", () => {
    test("fails on selected subnets without any subnet", () => {
      expect(build({ networkAccess: StorageNetworkAccess.SELECTED_SUBNETS })).toThrow(
        'test/Storage: invalid allowedSubnetIds undefined: expected at least one subnet id with networkAccess "selected-subnets"',
      );
      expect(build({ networkAccess: StorageNetworkAccess.SELECTED_SUBNETS, allowedSubnetIds: [] })).toThrow("test/Storage: invalid allowedSubnetIds []");
    });

    test("fails on subnets with another network access", () => {
      expect(build({ allowedSubnetIds: [SUBNET] })).toThrow(
        `test/Storage: invalid allowedSubnetIds ["${SUBNET}"]: expected none unless networkAccess is "selected-subnets" (it is "disabled")`,
      );
    });

    test("fails on a name with capitals or hyphens", () => {
      expect(build({ name: "Omega-Storage" })).toThrow(
        'test/Storage: invalid name "Omega-Storage": expected 3-24 lowercase letters and digits (storage account names are global DNS labels)',
      );
    });

    test("fails on a name longer than 24 characters", () => {
      expect(build({ name: "omegaplatformstorage12345" })).toThrow('test/Storage: invalid name "omegaplatformstorage12345"');
    });

    test("fails on a zone-redundant account, which has no archive tier", () => {
      expect(build({ redundancy: StorageReplication.GZRS })).toThrow(
        'test/Storage: invalid redundancy "GZRS": expected one of LRS, GRS, RAGRS: the lifecycle rules move blobs to the archive tier, which zone-redundant accounts do not offer',
      );
    });

    test("fails when archive does not come after cool", () => {
      expect(build({ coolAfterDays: 30, archiveAfterDays: 30 })).toThrow(
        "test/Storage: invalid archiveAfterDays 30: expected more than coolAfterDays (30): blobs go hot -> cool -> archive",
      );
    });

    test("fails when logs expire before they are archived", () => {
      expect(build({ logRetentionDays: 60 })).toThrow(
        "test/Storage: invalid logRetentionDays 60: expected more than archiveAfterDays (90): logs are archived before they expire",
      );
    });

    test("fails on a logs container that is not created", () => {
      expect(build({ containers: ["backups"] })).toThrow('test/Storage: invalid logsContainer "logs": expected one of the containers (backups)');
    });

    test("fails on a repeated container", () => {
      expect(build({ containers: ["logs", "logs"] })).toThrow(
        'test/Storage: invalid containers "logs": expected distinct container names of 3-63 lowercase letters, digits or hyphens',
      );
    });

    test("fails on a soft-delete period beyond 365 days", () => {
      expect(build({ softDeleteRetentionDays: 400 })).toThrow("test/Storage: invalid softDeleteRetentionDays 400: expected an integer from 1 to 365");
    });
  });
});
