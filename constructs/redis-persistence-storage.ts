import { Construct } from "constructs";
import { StorageAccount } from "../providers/azurerm/storage-account";
import { PolicySuppressions } from "../policies/policy-suppressions";
import { isAzureRegion } from "./azure-regions";
import { checkOneOf, isUnresolved } from "./checks";
import { STORAGE_ACCOUNT_BASELINE } from "./platform-blob-storage";
import { uniqueResourceName } from "./unique-resource-name";
import { ValidationError } from "./validation-error";
import { StorageReplication } from "./data-service-options";

export interface RedisPersistenceStorageProps {
  readonly resourceGroupName: string;
  /** Azure region name; the cache's own, which Azure requires for persistence. */
  readonly location: string;
  /**
   * 3-24 lowercase letters and digits, unique across Azure.
   * @default - derived from the construct path
   */
  readonly name?: string;
  /**
   * @default StorageReplication.GRS - the snapshots survive a region's loss with the rest of the data
   */
  readonly redundancy?: StorageReplication;
  /**
   * Keep `terraform destroy` from deleting the account and the snapshots in it.
   * @default true
   */
  readonly preventDestroy?: boolean;
}

const ACCOUNT_NAME = /^[a-z0-9]{3,24}$/;

/**
 * The storage account an Azure Cache for Redis (Premium) writes its RDB snapshots to, on its own:
 * the cache rewrites the snapshot at every backup interval (hourly by default), so blob soft delete
 * or versioning on the account would keep every superseded snapshot for the retention period,
 * which Microsoft advises against for persistence accounts. Versioning and soft delete are off
 * here (the two policy findings are suppressed with that reason); everything else is the
 * platform's storage baseline: HTTPS and TLS 1.2 only, no anonymous access, no shared keys (the
 * cache writes with its managed identity), infrastructure encryption, and a network that denies
 * everything but trusted Azure services, the path a cache with a managed identity takes.
 */
export class RedisPersistenceStorage extends Construct {
  public readonly resource: StorageAccount;
  public readonly accountId: string;
  public readonly accountName: string;
  /** `https://<account>.blob.core.windows.net/`, for the cache's `rdb_storage_connection_string`. */
  public readonly blobEndpoint: string;

  constructor(scope: Construct, id: string, props: RedisPersistenceStorageProps) {
    super(scope, id);
    const name = props.name ?? uniqueResourceName(this, "rdb", { maxLength: 24, alphanumericOnly: true });
    const redundancy = props.redundancy ?? StorageReplication.GRS;
    const preventDestroy = props.preventDestroy ?? true;

    if (!isUnresolved(props.location) && !isAzureRegion(props.location)) {
      throw new ValidationError(this, "location", props.location, "expected an Azure region name such as eastus or westeurope");
    }
    if (!isUnresolved(name) && !ACCOUNT_NAME.test(name)) {
      throw new ValidationError(this, "name", name, "expected 3-24 lowercase letters and digits (storage account names are global DNS labels)");
    }
    checkOneOf(this, "redundancy", redundancy, Object.values(StorageReplication));

    this.resource = new StorageAccount(this, "Resource", {
      name,
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      ...STORAGE_ACCOUNT_BASELINE,
      accountReplicationType: redundancy,
      // Azure honours the trusted-services exception only while public access is "enabled from
      // selected networks"; with no network rule, nothing else gets in.
      publicNetworkAccessEnabled: true,
      networkRules: { defaultAction: "Deny", bypass: ["AzureServices"] },
      blobProperties: { versioningEnabled: false },
    });
    if (preventDestroy) this.resource.addOverride("lifecycle.prevent_destroy", true);

    const reason =
      "RDB snapshots are rewritten at every backup interval: soft delete or versioning would keep each superseded snapshot for the retention period, which Microsoft advises against for a Redis persistence account";
    PolicySuppressions.addToConstruct(this, [
      { id: "AzureBaseline-StorageBlobSoftDelete", reason },
      { id: "AzureBaseline-StorageBlobVersioning", reason },
    ]);

    this.accountId = this.resource.id;
    this.accountName = name;
    this.blobEndpoint = this.resource.primaryBlobEndpoint;
  }
}
