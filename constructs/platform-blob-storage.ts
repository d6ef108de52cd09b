import { Construct } from "constructs";
import { StorageAccount } from "../providers/azurerm/storage-account";
import { StorageContainer } from "../providers/azurerm/storage-container";
import { StorageManagementPolicy, StorageManagementPolicyRule } from "../providers/azurerm/storage-management-policy";
import { checkDnsLabel, checkInteger, checkOneOf, isUnresolved } from "./checks";
import { StorageReplication } from "./data-service-options";
import { uniqueResourceName } from "./unique-resource-name";
import { ValidationError } from "./validation-error";

/** Redundancies whose accounts offer the archive tier (zone-redundant accounts do not). */
export const ARCHIVE_CAPABLE_REDUNDANCIES: readonly StorageReplication[] = [StorageReplication.LRS, StorageReplication.GRS, StorageReplication.RAGRS];

/** Who may reach the account's endpoints over the internet. */
export enum StorageNetworkAccess {
  /** Any address (Entra ID still required). */
  ENABLED = "enabled",
  /** Private endpoints and trusted Azure services (a Redis cache persisting with its identity) only. */
  TRUSTED_SERVICES_ONLY = "trusted-services-only",
  /**
   * The subnets of `allowedSubnetIds` (through their `Microsoft.Storage` service endpoint), private
   * endpoints and trusted Azure services; every other address is denied.
   */
  SELECTED_SUBNETS = "selected-subnets",
  /** Private endpoints only. */
  DISABLED = "disabled",
}

/** The containers seed 004 and 001 ask for. */
export enum PlatformContainer {
  BACKUPS = "backups",
  ARTIFACTS = "artifacts",
  LOGS = "logs",
}

export interface PlatformBlobStorageProps {
  readonly resourceGroupName: string;
  readonly location: string;
  /**
   * Account name: 3-24 lowercase letters and digits, globally unique.
   * @default - `<platform><stack>st<hash of the construct path>`, cut to 24 characters (`uniqueResourceName`)
   */
  readonly name?: string;
  /**
   * @default StorageReplication.GRS - geo-redundant, and the archive tier stays available
   */
  readonly redundancy?: StorageReplication;
  /**
   * Containers to create; every one is tiered hot -> cool -> archive.
   * @default ["backups", "artifacts", "logs"]
   */
  readonly containers?: readonly string[];
  /**
   * The container whose blobs are deleted after `logRetentionDays`; must be one of `containers`.
   * @default "logs"
   */
  readonly logsContainer?: string;
  /**
   * Days after the last change a blob moves from hot to cool (seed 004: hot for under 7 days).
   * @default 7
   */
  readonly coolAfterDays?: number;
  /**
   * Days after the last change a blob moves to archive (seed 004: archive after 90 days).
   * @default 90
   */
  readonly archiveAfterDays?: number;
  /**
   * Days archived logs are kept (seed 001: logs archived for a year).
   * @default 365
   */
  readonly logRetentionDays?: number;
  /**
   * Days deleted blobs and containers, and superseded versions, can be recovered (seed 001:
   * assets versioned with 90-day retention).
   * @default 90
   */
  readonly softDeleteRetentionDays?: number;
  /**
   * @default StorageNetworkAccess.DISABLED
   */
  readonly networkAccess?: StorageNetworkAccess;
  /**
   * With `StorageNetworkAccess.SELECTED_SUBNETS`, the subnets allowed in (virtual network rules;
   * each subnet needs the `Microsoft.Storage` service endpoint).
   * @default - none
   */
  readonly allowedSubnetIds?: readonly string[];
  /**
   * Keep `terraform destroy` from deleting the account and its data.
   * @default true
   */
  readonly preventDestroy?: boolean;
}

const ACCOUNT_NAME = /^[a-z0-9]{3,24}$/;

/**
 * What every storage account of the platform has: StorageV2, HTTPS and TLS 1.2 only, no anonymous
 * blob access, no shared keys (Entra ID only), no cross-tenant replication, infrastructure encryption.
 */
export const STORAGE_ACCOUNT_BASELINE = {
  accountKind: "StorageV2",
  accountTier: "Standard",
  accessTier: "Hot",
  httpsTrafficOnlyEnabled: true,
  minTlsVersion: "TLS1_2",
  allowNestedItemsToBePublic: false,
  sharedAccessKeyEnabled: false,
  defaultToOauthAuthentication: true,
  crossTenantReplicationEnabled: false,
  infrastructureEncryptionEnabled: true,
} as const;

/**
 * A StorageV2 account for backups, artifacts and archived logs, secure by default: HTTPS and TLS
 * 1.2 only, no anonymous blob access, no shared keys (Entra ID only), infrastructure encryption,
 * blob versioning and soft delete, lifecycle tiering hot -> cool -> archive and log expiry, no
 * public network access, protected from destroy.
 */
export class PlatformBlobStorage extends Construct {
  public readonly resource: StorageAccount;
  public readonly lifecycle: StorageManagementPolicy;
  public readonly containers: ReadonlyMap<string, StorageContainer>;
  public readonly accountId: string;
  public readonly accountName: string;
  /** `https://<account>.blob.core.windows.net/`. */
  public readonly blobEndpoint: string;
  public readonly redundancy: StorageReplication;

  constructor(scope: Construct, id: string, props: PlatformBlobStorageProps) {
    super(scope, id);
    const name = props.name ?? uniqueResourceName(this, "st", { maxLength: 24, alphanumericOnly: true });
    const redundancy = props.redundancy ?? StorageReplication.GRS;
    const containers = props.containers ?? Object.values(PlatformContainer);
    const logsContainer = props.logsContainer ?? PlatformContainer.LOGS;
    const coolAfterDays = props.coolAfterDays ?? 7;
    const archiveAfterDays = props.archiveAfterDays ?? 90;
    const logRetentionDays = props.logRetentionDays ?? 365;
    const softDeleteDays = props.softDeleteRetentionDays ?? 90;
    const networkAccess = props.networkAccess ?? StorageNetworkAccess.DISABLED;
    const preventDestroy = props.preventDestroy ?? true;

    if (!isUnresolved(name) && !ACCOUNT_NAME.test(name)) {
      throw new ValidationError(this, "name", name, "expected 3-24 lowercase letters and digits (storage account names are global DNS labels)");
    }
    checkOneOf(this, "redundancy", redundancy, Object.values(StorageReplication));
    if (!ARCHIVE_CAPABLE_REDUNDANCIES.includes(redundancy)) {
      throw new ValidationError(
        this,
        "redundancy",
        redundancy,
        `expected one of ${ARCHIVE_CAPABLE_REDUNDANCIES.join(", ")}: the lifecycle rules move blobs to the archive tier, which zone-redundant accounts do not offer`,
      );
    }
    containers.forEach((container, i) => {
      checkDnsLabel(this, "containers", container);
      if (container.length < 3 || containers.indexOf(container) !== i) {
        throw new ValidationError(this, "containers", container, "expected distinct container names of 3-63 lowercase letters, digits or hyphens");
      }
    });
    if (!containers.includes(logsContainer)) {
      throw new ValidationError(this, "logsContainer", logsContainer, `expected one of the containers (${containers.join(", ")})`);
    }
    checkInteger(this, "coolAfterDays", coolAfterDays, 0, 99999);
    checkInteger(this, "archiveAfterDays", archiveAfterDays, 0, 99999);
    checkInteger(this, "logRetentionDays", logRetentionDays, 1, 99999);
    if (archiveAfterDays <= coolAfterDays) {
      throw new ValidationError(this, "archiveAfterDays", archiveAfterDays, `expected more than coolAfterDays (${coolAfterDays}): blobs go hot -> cool -> archive`);
    }
    if (logRetentionDays <= archiveAfterDays) {
      throw new ValidationError(this, "logRetentionDays", logRetentionDays, `expected more than archiveAfterDays (${archiveAfterDays}): logs are archived before they expire`);
    }
    checkInteger(this, "softDeleteRetentionDays", softDeleteDays, 1, 365);
    checkOneOf(this, "networkAccess", networkAccess, Object.values(StorageNetworkAccess));
    const subnets = props.allowedSubnetIds;
    if (networkAccess === StorageNetworkAccess.SELECTED_SUBNETS && (!subnets || subnets.length === 0)) {
      throw new ValidationError(this, "allowedSubnetIds", subnets, `expected at least one subnet id with networkAccess "${StorageNetworkAccess.SELECTED_SUBNETS}"`);
    }
    if (networkAccess !== StorageNetworkAccess.SELECTED_SUBNETS && subnets !== undefined) {
      throw new ValidationError(this, "allowedSubnetIds", subnets, `expected none unless networkAccess is "${StorageNetworkAccess.SELECTED_SUBNETS}" (it is "${networkAccess}")`);
    }

    this.resource = new StorageAccount(this, "Resource", {
      name,
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      ...STORAGE_ACCOUNT_BASELINE,
      accountReplicationType: redundancy,
      publicNetworkAccessEnabled: networkAccess !== StorageNetworkAccess.DISABLED,
      networkRules:
        networkAccess === StorageNetworkAccess.TRUSTED_SERVICES_ONLY
          ? { defaultAction: "Deny", bypass: ["AzureServices"] }
          : networkAccess === StorageNetworkAccess.SELECTED_SUBNETS
            ? { defaultAction: "Deny", bypass: ["AzureServices"], virtualNetworkSubnetIds: [...(subnets ?? [])] }
            : undefined,
      blobProperties: {
        versioningEnabled: true,
        deleteRetentionPolicy: { days: softDeleteDays },
        containerDeleteRetentionPolicy: { days: softDeleteDays },
      },
    });
    if (preventDestroy) this.resource.addOverride("lifecycle.prevent_destroy", true);

    const byName = new Map<string, StorageContainer>();
    const containerScope = new Construct(this, "Containers");
    for (const container of containers) {
      byName.set(
        container,
        // By account id, the container is created through Azure Resource Manager, not the data
        // plane, so Terraform needs no network path to a private account.
        new StorageContainer(containerScope, container, {
          name: container,
          storageAccountId: this.resource.id,
          containerAccessType: "private",
        }),
      );
    }

    const rule = (container: string, deleteAfterDays?: number): StorageManagementPolicyRule => ({
      name: `tier${container.replace(/-/g, "")}`,
      enabled: true,
      filters: { blobTypes: ["blockBlob"], prefixMatch: [`${container}/`] },
      actions: {
        baseBlob: {
          tierToCoolAfterDaysSinceModificationGreaterThan: coolAfterDays,
          tierToArchiveAfterDaysSinceModificationGreaterThan: archiveAfterDays,
          deleteAfterDaysSinceModificationGreaterThan: deleteAfterDays,
        },
        version: { deleteAfterDaysSinceCreation: softDeleteDays },
        snapshot: { deleteAfterDaysSinceCreationGreaterThan: softDeleteDays },
      },
    });
    this.lifecycle = new StorageManagementPolicy(this, "Lifecycle", {
      storageAccountId: this.resource.id,
      rule: containers.map((c) => rule(c, c === logsContainer ? logRetentionDays : undefined)),
    });

    this.containers = byName;
    this.accountId = this.resource.id;
    this.accountName = this.resource.name;
    this.blobEndpoint = this.resource.primaryBlobEndpoint;
    this.redundancy = redundancy;
  }
}
