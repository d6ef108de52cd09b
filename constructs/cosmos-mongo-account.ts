import { Construct } from "constructs";
import { CosmosdbAccount } from "../providers/azurerm/cosmosdb-account";
import { CosmosdbMongoDatabase } from "../providers/azurerm/cosmosdb-mongo-database";
import { isAzureRegion } from "./azure-regions";
import { regionDistanceMiles } from "./azure-region-locations";
import { checkInteger, isUnresolved } from "./checks";
import { CosmosBackupPolicy, CosmosConsistency } from "./data-service-options";
import { uniqueResourceName } from "./unique-resource-name";
import { ValidationError } from "./validation-error";
import { PlatformNames } from "./platform-name";

/** Where periodic backups are kept. */
export enum CosmosBackupRedundancy {
  GEO = "Geo",
  ZONE = "Zone",
  LOCAL = "Local",
}

/** MongoDB wire-protocol versions Cosmos DB (RU) serves. */
export enum MongoServerVersion {
  V4_2 = "4.2",
  V5_0 = "5.0",
  V6_0 = "6.0",
  V7_0 = "7.0",
}

/** What other stacks need of a Cosmos DB for MongoDB account (the global account in enterprise). */
export interface ICosmosMongoAccount {
  readonly accountId: string;
  readonly accountName: string;
  readonly databaseName: string;
  /** The account's MongoDB connection string, a sensitive Terraform reference (never a literal). */
  readonly connectionString: string;
}

/** Azure blocks Strong consistency between regions further apart than this, unless asked to lift it. */
export const STRONG_CONSISTENCY_MAX_MILES = 5000;

export interface CosmosMongoAccountProps {
  readonly resourceGroupName: string;
  /**
   * Regions in failover priority order; the first is the account's home (its hub region with
   * multi-region writes, its write region otherwise).
   */
  readonly regions: readonly string[];
  /**
   * Account name: 3-44 lowercase letters, digits and hyphens, globally unique.
   * @default - `<platform>-<stack>-cosmos-<hash of the construct path>` (`uniqueResourceName`)
   */
  readonly name?: string;
  /**
   * The shared-throughput database the platform's collections live in.
   * @default - the platform's name (`setPlatformName`), else the stack's id
   */
  readonly databaseName?: string;
  /**
   * Provisioned throughput of the database in RU/s (at least 400, multiples of 100), or the
   * autoscale maximum when `autoscale` is set (at least 1000, multiples of 1000).
   * @default 400
   */
  readonly throughputRuPerSecond?: number;
  /**
   * Autoscale between 10% of `throughputRuPerSecond` and it.
   * @default false
   */
  readonly autoscale?: boolean;
  /**
   * Session gives each client read-your-writes and monotonic reads, and is the strongest level
   * that keeps writes local in every region of an active-active account: Azure refuses Strong with
   * multiple write regions (seed 004 asks for exactly that), and Azure's guidance calls Bounded
   * Staleness an anti-pattern there; it also doubles the RU cost of reads, as Strong does.
   * @default CosmosConsistency.SESSION
   */
  readonly consistency?: CosmosConsistency;
  /**
   * Staleness bound in seconds for BoundedStaleness (at least 300 with several regions).
   * @default 300
   */
  readonly maxStalenessIntervalSeconds?: number;
  /**
   * Staleness bound in versions for BoundedStaleness (at least 100000 with several regions).
   * @default 100000
   */
  readonly maxStalenessPrefix?: number;
  /**
   * Strong consistency across regions more than 5,000 miles apart, which Azure blocks unless the
   * subscription has been allowed it (a support request): writes then wait on the farthest region.
   * @default false
   */
  readonly acknowledgeStrongConsistencyOverDistance?: boolean;
  /**
   * Writes accepted in every region (active-active); needs two regions and a level below Strong.
   * @default false
   */
  readonly multiRegionWrites?: boolean;
  /**
   * Fail over to the next region by priority when the write region is lost.
   * @default true
   */
  readonly automaticFailover?: boolean;
  /**
   * Spread each region's replicas over availability zones.
   * @default true
   */
  readonly zoneRedundant?: boolean;
  /**
   * The regions whose replicas spread over availability zones when `zoneRedundant` is set, a subset
   * of `regions` (`[regions[0]]`: the write region only). A single-write account pays 1.25 x the
   * throughput of each zone-redundant region; with a consistency below Strong, zones in read regions
   * add little, as the SDK already redirects reads away from a failed region.
   * @default - every region of `regions`
   */
  readonly zoneRedundantRegions?: readonly string[];
  /**
   * @default CosmosBackupPolicy.CONTINUOUS_30_DAYS
   */
  readonly backup?: CosmosBackupPolicy;
  /**
   * Minutes between periodic backups (60-1440); seed 001 asks for daily snapshots.
   * @default 1440
   */
  readonly periodicBackupIntervalMinutes?: number;
  /**
   * Hours each periodic backup is kept (8-720); seed 001 asks for 30 days.
   * @default 720
   */
  readonly periodicBackupRetentionHours?: number;
  /**
   * @default CosmosBackupRedundancy.GEO
   */
  readonly periodicBackupRedundancy?: CosmosBackupRedundancy;
  /**
   * Reachable from the internet (with keys); off means private endpoints only.
   * @default false
   */
  readonly publicNetworkAccessEnabled?: boolean;
  /**
   * With public access on, the only subnets allowed in, through their `Microsoft.AzureCosmosDB`
   * service endpoint (virtual network filter); every other address is refused. Databases are
   * created through Azure Resource Manager, so the deploying runner needs no rule.
   * @default - any address when public access is on
   */
  readonly allowedSubnetIds?: readonly string[];
  /**
   * @default MongoServerVersion.V7_0 - the major version dev runs in-cluster
   */
  readonly serverVersion?: MongoServerVersion;
  /**
   * Cosmos DB's free tier: the first 1000 RU/s and 25 GB of the account are not billed, for the
   * account's lifetime. Azure allows one free-tier account per subscription (a second one fails
   * to create), and the setting can only be chosen when the account is created: changing it
   * replaces the account, which `preventDestroy` then refuses. For an environment with a
   * subscription of its own, such as staging.
   * @default false
   */
  readonly freeTierEnabled?: boolean;
  /**
   * Keep `terraform destroy` (and any plan that would replace the account) from deleting data.
   * @default true
   */
  readonly preventDestroy?: boolean;
}

const ACCOUNT_NAME = /^[a-z0-9]([a-z0-9-]{1,42}[a-z0-9])$/;
const DATABASE_NAME = /^[A-Za-z0-9_-]{1,63}$/;

/**
 * A Cosmos DB for MongoDB (RU) account and its shared-throughput database, secure by default:
 * no public network access, TLS 1.2, continuous backup (30 days), zone redundancy, automatic
 * failover, protected from destroy. Rejects at construction what Azure would refuse at apply:
 * Strong consistency with multiple write regions, Strong across regions more than 5,000 miles
 * apart (unless acknowledged), throughput below 400 or not a multiple of 100, autoscale maxima
 * that are not multiples of 1000.
 */
export class CosmosMongoAccount extends Construct implements ICosmosMongoAccount {
  public readonly resource: CosmosdbAccount;
  public readonly database: CosmosdbMongoDatabase;
  public readonly accountId: string;
  public readonly accountName: string;
  public readonly databaseName: string;
  public readonly connectionString: string;
  public readonly regions: readonly string[];
  public readonly consistency: CosmosConsistency;
  public readonly throughputRuPerSecond: number;
  public readonly autoscale: boolean;
  public readonly multiRegionWrites: boolean;
  public readonly backup: CosmosBackupPolicy;
  public readonly freeTierEnabled: boolean;

  constructor(scope: Construct, id: string, props: CosmosMongoAccountProps) {
    super(scope, id);
    const name = props.name ?? uniqueResourceName(this, "cosmos", { maxLength: 44 });
    const databaseName = props.databaseName ?? PlatformNames.of(this).databaseName;
    const throughput = props.throughputRuPerSecond ?? 400;
    const autoscale = props.autoscale ?? false;
    const consistency = props.consistency ?? CosmosConsistency.SESSION;
    const maxInterval = props.maxStalenessIntervalSeconds ?? 300;
    const maxPrefix = props.maxStalenessPrefix ?? 100000;
    const acknowledgeDistance = props.acknowledgeStrongConsistencyOverDistance ?? false;
    const multiRegionWrites = props.multiRegionWrites ?? false;
    const automaticFailover = props.automaticFailover ?? true;
    const zoneRedundant = props.zoneRedundant ?? true;
    const zoneRedundantRegions = props.zoneRedundantRegions ?? (zoneRedundant ? props.regions : []);
    const backup = props.backup ?? CosmosBackupPolicy.CONTINUOUS_30_DAYS;
    const intervalMinutes = props.periodicBackupIntervalMinutes ?? 1440;
    const retentionHours = props.periodicBackupRetentionHours ?? 720;
    const redundancy = props.periodicBackupRedundancy ?? CosmosBackupRedundancy.GEO;
    const publicNetworkAccessEnabled = props.publicNetworkAccessEnabled ?? false;
    const serverVersion = props.serverVersion ?? MongoServerVersion.V7_0;
    const preventDestroy = props.preventDestroy ?? true;
    const freeTierEnabled = props.freeTierEnabled ?? false;

    if (!isUnresolved(name) && !ACCOUNT_NAME.test(name)) {
      throw new ValidationError(this, "name", name, "expected 3-44 lowercase letters, digits or hyphens, starting and ending with a letter or digit");
    }
    if (!isUnresolved(databaseName) && !DATABASE_NAME.test(databaseName)) {
      throw new ValidationError(this, "databaseName", databaseName, "expected 1-63 letters, digits, hyphens or underscores");
    }
    this.checkRegions(props.regions);
    if (props.allowedSubnetIds && !publicNetworkAccessEnabled) {
      throw new ValidationError(this, "allowedSubnetIds", props.allowedSubnetIds, "expected none without publicNetworkAccessEnabled: an account without public access ignores virtual network rules (private endpoints only)");
    }
    if (props.allowedSubnetIds && props.allowedSubnetIds.length === 0) {
      throw new ValidationError(this, "allowedSubnetIds", [], "expected at least one subnet id, or leave it unset");
    }
    this.checkZoneRedundantRegions(props.regions, props.zoneRedundantRegions, zoneRedundant);
    this.checkThroughput(throughput, autoscale);
    this.checkConsistency(props.regions, consistency, multiRegionWrites, acknowledgeDistance, maxInterval, maxPrefix);
    if (backup === CosmosBackupPolicy.PERIODIC) {
      checkInteger(this, "periodicBackupIntervalMinutes", intervalMinutes, 60, 1440);
      checkInteger(this, "periodicBackupRetentionHours", retentionHours, 8, 720);
      if (retentionHours * 60 < 2 * intervalMinutes) {
        throw new ValidationError(this, "periodicBackupRetentionHours", retentionHours, `expected at least two backup intervals (${(2 * intervalMinutes) / 60} hours)`);
      }
    }

    this.resource = new CosmosdbAccount(this, "Resource", {
      name,
      location: props.regions[0],
      resourceGroupName: props.resourceGroupName,
      offerType: "Standard",
      kind: "MongoDB",
      mongoServerVersion: serverVersion,
      capabilities: [{ name: "EnableMongo" }],
      consistencyPolicy:
        consistency === CosmosConsistency.BOUNDED_STALENESS
          ? { consistencyLevel: consistency, maxIntervalInSeconds: maxInterval, maxStalenessPrefix: maxPrefix }
          : { consistencyLevel: consistency },
      geoLocation: props.regions.map((location, i) => ({ location, failoverPriority: i, zoneRedundant: zoneRedundantRegions.includes(location) })),
      automaticFailoverEnabled: automaticFailover,
      multipleWriteLocationsEnabled: multiRegionWrites,
      backup:
        backup === CosmosBackupPolicy.PERIODIC
          ? { type: "Periodic", intervalInMinutes: intervalMinutes, retentionInHours: retentionHours, storageRedundancy: redundancy }
          : { type: "Continuous", tier: backup },
      publicNetworkAccessEnabled,
      ...(props.allowedSubnetIds
        ? { isVirtualNetworkFilterEnabled: true, virtualNetworkRule: props.allowedSubnetIds.map((id) => ({ id })) }
        : {}),
      minimalTlsVersion: "Tls12",
      // The Mongo API authenticates with account keys; Entra-only local auth is a NoSQL API feature.
      localAuthenticationEnabled: true,
      freeTierEnabled,
    });
    if (preventDestroy) this.resource.addOverride("lifecycle.prevent_destroy", true);

    this.database = new CosmosdbMongoDatabase(this, "Database", {
      name: databaseName,
      accountName: this.resource.name,
      resourceGroupName: props.resourceGroupName,
      throughput: autoscale ? undefined : throughput,
      autoscaleSettings: autoscale ? { maxThroughput: throughput } : undefined,
    });
    if (preventDestroy) this.database.addOverride("lifecycle.prevent_destroy", true);

    this.accountId = this.resource.id;
    this.accountName = this.resource.name;
    this.databaseName = databaseName;
    this.connectionString = this.resource.primaryMongodbConnectionString;
    this.regions = props.regions;
    this.freeTierEnabled = freeTierEnabled;
    this.consistency = consistency;
    this.throughputRuPerSecond = throughput;
    this.autoscale = autoscale;
    this.multiRegionWrites = multiRegionWrites;
    this.backup = backup;
  }

  private checkRegions(regions: readonly string[]): void {
    if (isUnresolved(regions)) return;
    if (regions.length === 0) {
      throw new ValidationError(this, "regions", [], "expected at least one Azure region");
    }
    regions.forEach((region, i) => {
      if (isUnresolved(region)) return;
      if (!isAzureRegion(region) || regions.indexOf(region) !== i) {
        throw new ValidationError(this, `regions[${i}]`, region, "expected distinct Azure region names such as eastus or westeurope");
      }
    });
  }

  private checkZoneRedundantRegions(regions: readonly string[], zoned: readonly string[] | undefined, zoneRedundant: boolean): void {
    if (zoned === undefined || isUnresolved(regions) || isUnresolved(zoned)) return;
    if (!zoneRedundant && zoned.length > 0) {
      throw new ValidationError(this, "zoneRedundantRegions", zoned, "expected none when zoneRedundant is false");
    }
    zoned.forEach((region, i) => {
      if (!regions.includes(region) || zoned.indexOf(region) !== i) {
        throw new ValidationError(this, `zoneRedundantRegions[${i}]`, region, `expected distinct regions of the account (${regions.join(", ")})`);
      }
    });
  }

  private checkThroughput(throughput: number, autoscale: boolean): void {
    if (isUnresolved(throughput)) return;
    if (autoscale) {
      checkInteger(this, "throughputRuPerSecond", throughput, 1000, 1_000_000);
      if (throughput % 1000 !== 0) {
        throw new ValidationError(this, "throughputRuPerSecond", throughput, "expected an autoscale maximum in multiples of 1000 RU/s");
      }
      return;
    }
    checkInteger(this, "throughputRuPerSecond", throughput, 400, 1_000_000);
    if (throughput % 100 !== 0) {
      throw new ValidationError(this, "throughputRuPerSecond", throughput, "expected a multiple of 100 RU/s");
    }
  }

  private checkConsistency(
    regions: readonly string[],
    consistency: CosmosConsistency,
    multiRegionWrites: boolean,
    acknowledgeDistance: boolean,
    maxInterval: number,
    maxPrefix: number,
  ): void {
    if (multiRegionWrites && regions.length < 2) {
      throw new ValidationError(this, "multiRegionWrites", true, "expected at least two regions for multi-region writes");
    }
    if (consistency === CosmosConsistency.STRONG && multiRegionWrites) {
      throw new ValidationError(
        this,
        "consistency",
        consistency,
        "expected a level other than Strong with multiRegionWrites: Azure does not allow Strong consistency with multiple write regions",
      );
    }
    if (consistency === CosmosConsistency.STRONG && !acknowledgeDistance) {
      for (let i = 0; i < regions.length; i++) {
        for (let j = i + 1; j < regions.length; j++) {
          const miles = regionDistanceMiles(regions[i], regions[j]);
          if (miles !== undefined && miles > STRONG_CONSISTENCY_MAX_MILES) {
            throw new ValidationError(
              this,
              "consistency",
              consistency,
              `expected a level other than Strong across ${regions[i]} and ${regions[j]} (about ${Math.round(miles / 100) * 100} miles apart): Azure blocks Strong consistency between regions more than 5,000 miles apart unless the subscription is allowed it (set acknowledgeStrongConsistencyOverDistance)`,
            );
          }
        }
      }
    }
    if (consistency === CosmosConsistency.BOUNDED_STALENESS) {
      const multi = regions.length > 1;
      checkInteger(this, "maxStalenessIntervalSeconds", maxInterval, multi ? 300 : 5, 86400);
      checkInteger(this, "maxStalenessPrefix", maxPrefix, multi ? 100000 : 10, 2147483647);
    }
  }
}
