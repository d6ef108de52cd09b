import { Testing } from "cdktf";
import { regionDistanceMiles } from "../../constructs/azure-region-locations";
import {
  CosmosBackupRedundancy,
  CosmosMongoAccount,
  CosmosMongoAccountProps,
  MongoServerVersion,
} from "../../constructs/cosmos-mongo-account";
import { onlyResource, synthJson, testStack } from "../helpers";
import { CosmosBackupPolicy, CosmosConsistency } from "../../constructs/data-service-options";

const SUBNET = "/subscriptions/s/virtualNetworks/vnet/subnets/services";
const BASE: CosmosMongoAccountProps = { resourceGroupName: "rg", regions: ["eastus"] };

function synth(props: Partial<CosmosMongoAccountProps> = {}) {
  const { stack } = testStack();
  const account = new CosmosMongoAccount(stack, "Cosmos", { ...BASE, ...props });
  const json = synthJson(stack);
  return {
    account,
    resource: onlyResource(json, "azurerm_cosmosdb_account"),
    database: onlyResource(json, "azurerm_cosmosdb_mongo_database"),
  };
}

function build(props: Partial<CosmosMongoAccountProps>): () => CosmosMongoAccount {
  return () => new CosmosMongoAccount(testStack().stack, "Cosmos", { ...BASE, ...props });
}

describe("CosmosMongoAccount", () => {
  test("minimal config snapshot", () => {
    const { stack } = testStack();
    new CosmosMongoAccount(stack, "Cosmos", BASE);
    expect(Testing.synth(stack)).toMatchSnapshot();
  });

  describe("defaults", () => {
    const { resource, database, account } = synth();

    test("a MongoDB 7.0 account of the Standard offer", () => {
      expect(resource).toMatchObject({
        kind: "MongoDB",
        offer_type: "Standard",
        mongo_server_version: "7.0",
        capabilities: [{ name: "EnableMongo" }],
        location: "eastus",
        resource_group_name: "rg",
      });
    });

    test("Session consistency, one zone-redundant region, automatic failover, single write region", () => {
      expect(resource.consistency_policy).toEqual({ consistency_level: "Session" });
      expect(resource.geo_location).toEqual([{ location: "eastus", failover_priority: 0, zone_redundant: true }]);
      expect(resource.automatic_failover_enabled).toBe(true);
      expect(resource.multiple_write_locations_enabled).toBe(false);
    });

    test("continuous backup with 30-day point-in-time restore", () => {
      expect(resource.backup).toEqual({ type: "Continuous", tier: "Continuous30Days" });
      expect(account.backup).toBe(CosmosBackupPolicy.CONTINUOUS_30_DAYS);
    });

    test("no public network access, TLS 1.2, no free tier", () => {
      expect(resource.public_network_access_enabled).toBe(false);
      expect(resource.minimal_tls_version).toBe("Tls12");
      expect(resource.free_tier_enabled).toBe(false);
    });

    test("account and database are protected from destroy", () => {
      expect(resource.lifecycle).toEqual({ prevent_destroy: true });
      expect(database.lifecycle).toEqual({ prevent_destroy: true });
    });

    test("database omega with 400 RU/s of shared throughput", () => {
      expect(database).toMatchObject({ name: "omega", throughput: 400 });
      expect(database.autoscale_settings).toBeUndefined();
      expect(database.account_name).toMatch(/^\$\{azurerm_cosmosdb_account\..+\.name\}$/);
    });

    test("a deterministic, globally unique-enough name: omega-<stack>-cosmos-<hash>", () => {
      expect(resource.name).toMatch(/^omega-test-cosmos-[0-9a-f]{6}$/);
      expect(synth().resource.name).toBe(resource.name);
    });

    test("exposes the connection string as a reference, never a value", () => {
      expect(account.connectionString).toMatch(/^\$\{TfToken\[/);
      expect(account.databaseName).toBe("omega");
      expect(account.throughputRuPerSecond).toBe(400);
    });
  });

  describe("overrides", () => {
    test("seed 004's enterprise account: three zone-redundant write regions, 10000 RU/s, Session", () => {
      const { resource, database } = synth({
        regions: ["eastus", "westeurope", "southeastasia"],
        multiRegionWrites: true,
        throughputRuPerSecond: 10000,
      });
      expect(resource.geo_location).toEqual([
        { location: "eastus", failover_priority: 0, zone_redundant: true },
        { location: "westeurope", failover_priority: 1, zone_redundant: true },
        { location: "southeastasia", failover_priority: 2, zone_redundant: true },
      ]);
      expect(resource.multiple_write_locations_enabled).toBe(true);
      expect(resource.consistency_policy).toEqual({ consistency_level: "Session" });
      expect(database.throughput).toBe(10000);
    });

    test("zone redundancy in the write region only", () => {
      const { resource } = synth({ regions: ["eastus", "westeurope", "southeastasia"], zoneRedundantRegions: ["eastus"] });
      expect(resource.geo_location.map((g: { zone_redundant: boolean }) => g.zone_redundant)).toEqual([true, false, false]);
    });

    test("free tier: set on the account when asked (one per subscription, only at creation)", () => {
      const { resource, account } = synth({ freeTierEnabled: true });
      expect(resource.free_tier_enabled).toBe(true);
      expect(account.freeTierEnabled).toBe(true);
    });

    test("autoscale: the throughput is the autoscale maximum", () => {
      const { database, account } = synth({ autoscale: true, throughputRuPerSecond: 4000 });
      expect(database.autoscale_settings).toEqual({ max_throughput: 4000 });
      expect(database.throughput).toBeUndefined();
      expect(account.autoscale).toBe(true);
    });

    test("periodic backup: daily, kept 30 days, geo-redundant by default", () => {
      const { resource } = synth({ backup: CosmosBackupPolicy.PERIODIC });
      expect(resource.backup).toEqual({ type: "Periodic", interval_in_minutes: 1440, retention_in_hours: 720, storage_redundancy: "Geo" });
    });

    test("periodic backup settings", () => {
      const { resource } = synth({
        backup: CosmosBackupPolicy.PERIODIC,
        periodicBackupIntervalMinutes: 240,
        periodicBackupRetentionHours: 48,
        periodicBackupRedundancy: CosmosBackupRedundancy.LOCAL,
      });
      expect(resource.backup).toEqual({ type: "Periodic", interval_in_minutes: 240, retention_in_hours: 48, storage_redundancy: "Local" });
    });

    test("bounded staleness carries its bounds", () => {
      const { resource } = synth({ consistency: CosmosConsistency.BOUNDED_STALENESS, maxStalenessIntervalSeconds: 600 });
      expect(resource.consistency_policy).toEqual({ consistency_level: "BoundedStaleness", max_interval_in_seconds: 600, max_staleness_prefix: 100000 });
    });

    test("Strong in one region, and across regions under 5,000 miles", () => {
      expect(synth({ consistency: CosmosConsistency.STRONG }).resource.consistency_policy).toEqual({ consistency_level: "Strong" });
      expect(synth({ consistency: CosmosConsistency.STRONG, regions: ["eastus", "westeurope"] }).resource.consistency_policy).toEqual({
        consistency_level: "Strong",
      });
    });

    test("Strong across far regions when acknowledged", () => {
      const { resource } = synth({
        consistency: CosmosConsistency.STRONG,
        regions: ["eastus", "southeastasia"],
        acknowledgeStrongConsistencyOverDistance: true,
      });
      expect(resource.consistency_policy).toEqual({ consistency_level: "Strong" });
    });

    test("name, database, version, zones, failover, public access, destroy protection", () => {
      const { resource, database } = synth({
        name: "my-cosmos",
        databaseName: "platform",
        serverVersion: MongoServerVersion.V6_0,
        zoneRedundant: false,
        automaticFailover: false,
        publicNetworkAccessEnabled: true,
        preventDestroy: false,
      });
      expect(resource).toMatchObject({ name: "my-cosmos", mongo_server_version: "6.0", automatic_failover_enabled: false, public_network_access_enabled: true });
      expect(resource.geo_location[0].zone_redundant).toBe(false);
      expect(resource.lifecycle).toBeUndefined();
      expect(database.lifecycle).toBeUndefined();
      expect(database.name).toBe("platform");
    });
  });

  test("virtual network filter: public endpoint on for the allowed subnets only", () => {
    const { resource } = synth({ publicNetworkAccessEnabled: true, allowedSubnetIds: [SUBNET] });
    expect(resource).toMatchObject({ public_network_access_enabled: true, is_virtual_network_filter_enabled: true, virtual_network_rule: [{ id: SUBNET }] });
    expect(resource.ip_range_filter).toBeUndefined();
    expect(synth().resource.is_virtual_network_filter_enabled).toBeUndefined();
  });

  describe("region distances", () => {
    test("eastus-southeastasia is beyond 5,000 miles; eastus-westeurope is not", () => {
      expect(regionDistanceMiles("eastus", "southeastasia")).toBeGreaterThan(9000);
      expect(regionDistanceMiles("eastus", "westeurope")).toBeLessThan(4500);
      expect(regionDistanceMiles("westeurope", "southeastasia")).toBeGreaterThan(5000);
      expect(regionDistanceMiles("eastus", "nowhere")).toBeUndefined();
    });
  });

  describe("validation", () => {
    test("fails on allowed subnets without public access", () => {
      expect(build({ allowedSubnetIds: [SUBNET] })).toThrow(
        `test/Cosmos: invalid allowedSubnetIds ["${SUBNET}"]: expected none without publicNetworkAccessEnabled: an account without public access ignores virtual network rules (private endpoints only)`,
      );
      expect(build({ publicNetworkAccessEnabled: true, allowedSubnetIds: [] })).toThrow("test/Cosmos: invalid allowedSubnetIds []: expected at least one subnet id, or leave it unset");
    });

    test("fails on Strong consistency with multiple write regions", () => {
      expect(build({ regions: ["eastus", "westeurope"], multiRegionWrites: true, consistency: CosmosConsistency.STRONG })).toThrow(
        'test/Cosmos: invalid consistency "Strong": expected a level other than Strong with multiRegionWrites: Azure does not allow Strong consistency with multiple write regions',
      );
    });

    test("fails on Strong consistency across regions more than 5,000 miles apart", () => {
      expect(build({ regions: ["eastus", "westeurope", "southeastasia"], consistency: CosmosConsistency.STRONG })).toThrow(
        'test/Cosmos: invalid consistency "Strong": expected a level other than Strong across eastus and southeastasia (about 9800 miles apart): Azure blocks Strong consistency between regions more than 5,000 miles apart unless the subscription is allowed it (set acknowledgeStrongConsistencyOverDistance)',
      );
    });

    test("fails on a zone-redundant region the account does not have", () => {
      expect(build({ regions: ["eastus", "westeurope"], zoneRedundantRegions: ["northeurope"] })).toThrow(
        'test/Cosmos: invalid zoneRedundantRegions[0] "northeurope": expected distinct regions of the account (eastus, westeurope)',
      );
    });

    test("fails on zone-redundant regions with zone redundancy off", () => {
      expect(build({ regions: ["eastus", "westeurope"], zoneRedundant: false, zoneRedundantRegions: ["eastus"] })).toThrow(
        'test/Cosmos: invalid zoneRedundantRegions ["eastus"]: expected none when zoneRedundant is false',
      );
    });

    test("fails on throughput below 400 RU/s", () => {
      expect(build({ throughputRuPerSecond: 300 })).toThrow("test/Cosmos: invalid throughputRuPerSecond 300: expected an integer from 400 to 1000000");
    });

    test("fails on throughput that is not a multiple of 100", () => {
      expect(build({ throughputRuPerSecond: 1050 })).toThrow("test/Cosmos: invalid throughputRuPerSecond 1050: expected a multiple of 100 RU/s");
    });

    test("fails on an autoscale maximum that is not a multiple of 1000", () => {
      expect(build({ autoscale: true, throughputRuPerSecond: 1500 })).toThrow(
        "test/Cosmos: invalid throughputRuPerSecond 1500: expected an autoscale maximum in multiples of 1000 RU/s",
      );
    });

    test("fails on an autoscale maximum below 1000", () => {
      expect(build({ autoscale: true, throughputRuPerSecond: 400 })).toThrow(
        "test/Cosmos: invalid throughputRuPerSecond 400: expected an integer from 1000 to 1000000",
      );
    });

    test("fails on multi-region writes with one region", () => {
      expect(build({ multiRegionWrites: true })).toThrow("test/Cosmos: invalid multiRegionWrites true: expected at least two regions for multi-region writes");
    });

    test("fails without regions", () => {
      expect(build({ regions: [] })).toThrow("test/Cosmos: invalid regions []: expected at least one Azure region");
    });

    test("fails on an unknown or repeated region", () => {
      expect(build({ regions: ["east-us"] })).toThrow(
        'test/Cosmos: invalid regions[0] "east-us": expected distinct Azure region names such as eastus or westeurope',
      );
      expect(build({ regions: ["eastus", "eastus"] })).toThrow('test/Cosmos: invalid regions[1] "eastus"');
    });

    test("fails on an account name Azure refuses", () => {
      expect(build({ name: "My_Cosmos" })).toThrow(
        'test/Cosmos: invalid name "My_Cosmos": expected 3-44 lowercase letters, digits or hyphens, starting and ending with a letter or digit',
      );
    });

    test("fails on a database name Azure refuses", () => {
      expect(build({ databaseName: "a b" })).toThrow('test/Cosmos: invalid databaseName "a b": expected 1-63 letters, digits, hyphens or underscores');
    });

    test("fails on a periodic interval out of range", () => {
      expect(build({ backup: CosmosBackupPolicy.PERIODIC, periodicBackupIntervalMinutes: 30 })).toThrow(
        "test/Cosmos: invalid periodicBackupIntervalMinutes 30: expected an integer from 60 to 1440",
      );
    });

    test("fails on a periodic retention shorter than two intervals", () => {
      expect(build({ backup: CosmosBackupPolicy.PERIODIC, periodicBackupIntervalMinutes: 1440, periodicBackupRetentionHours: 24 })).toThrow(
        "test/Cosmos: invalid periodicBackupRetentionHours 24: expected at least two backup intervals (48 hours)",
      );
    });

    test("fails on a multi-region staleness bound below Azure's minimum", () => {
      expect(build({ regions: ["eastus", "westeurope"], consistency: CosmosConsistency.BOUNDED_STALENESS, maxStalenessIntervalSeconds: 60 })).toThrow(
        "test/Cosmos: invalid maxStalenessIntervalSeconds 60: expected an integer from 300 to 86400",
      );
    });
  });
});
