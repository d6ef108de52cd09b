import { Construct } from "constructs";
import { RoleAssignment } from "../providers/azurerm/role-assignment";
import { isAzureRegion } from "./azure-regions";
import { isUnresolved, parseCidr } from "./checks";
import { CosmosMongoAccount, CosmosMongoAccountProps, ICosmosMongoAccount } from "./cosmos-mongo-account";
import {
  DATA_LAYER_SECRET_KEYS,
  DataLayerSecretKeys,
  KeyVaultSecretObject,
  KeyVaultSecretSource,
} from "./data-layer-contract";
import { DataWorkloadIdentity, WorkloadIdentityFederation } from "./data-workload-identity";
import { PlatformBlobStorage, PlatformBlobStorageProps, StorageNetworkAccess } from "./platform-blob-storage";
import { PlatformKeyVault, PlatformKeyVaultProps, VaultSecretValue } from "./platform-key-vault";
import { PlatformRedisCache, PlatformRedisCacheProps } from "./platform-redis-cache";
import { PlatformSearchService, PlatformSearchServiceProps } from "./platform-search-service";
import { PrivateDnsZones, PrivateLinkService } from "./private-dns-zones";
import { PrivateLinkEndpoint } from "./private-link-endpoint";
import { RedisPersistenceStorage } from "./redis-persistence-storage";
import { ValidationError } from "./validation-error";
import { RedisSku, StorageReplication } from "./data-service-options";
import { PlatformNames } from "./platform-name";

/** The Cosmos DB account the layer creates, when it does not use one from another stack. */
export type ManagedCosmosOptions = Omit<CosmosMongoAccountProps, "resourceGroupName" | "publicNetworkAccessEnabled" | "allowedSubnetIds" | "preventDestroy">;
export type ManagedRedisOptions = Omit<PlatformRedisCacheProps, "resourceGroupName" | "location" | "publicNetworkAccessEnabled" | "persistence" | "preventDestroy">;
export type ManagedSearchOptions = Omit<PlatformSearchServiceProps, "resourceGroupName" | "location" | "publicNetworkAccessEnabled">;
export type ManagedStorageOptions = Omit<PlatformBlobStorageProps, "resourceGroupName" | "location" | "networkAccess" | "allowedSubnetIds" | "preventDestroy">;
export type ManagedKeyVaultOptions = Omit<PlatformKeyVaultProps, "resourceGroupName" | "location" | "publicNetworkAccessEnabled" | "allowedSubnetIds" | "preventDestroy">;

/** The subnet the private endpoints go into, and the network whose DNS resolves them. */
export interface DataPrivateNetwork {
  readonly subnetId: string;
  /** Prefix of that subnet, for the workloads' egress rules. */
  readonly subnetPrefix: string;
  readonly virtualNetworkId: string;
}

/** A private range and the TCP ports workloads open to it (NetworkPolicy egress). */
export interface PrivateEgressRule {
  readonly cidr: string;
  readonly ports: readonly number[];
}

/** Key Vault secret names (also the keys of the Kubernetes Secret they sync to). */
export const MANAGED_DATA_SECRET_OBJECTS = {
  mongodbUri: DATA_LAYER_SECRET_KEYS.mongodbUri,
  redisUrl: DATA_LAYER_SECRET_KEYS.redisUrl,
  searchEndpoint: "search-endpoint",
  searchApiKey: "search-api-key",
  blobEndpoint: "blob-endpoint",
} as const;

/** Ports the stores answer on behind their private endpoints (Redis adds its cluster ports). */
const COSMOS_MONGO_PORT = 10255;
const HTTPS_PORT = 443;

export interface ManagedDataLayerProps {
  readonly resourceGroupName: string;
  /** Region of the regional stores (Redis, Search, storage, Key Vault, identity). */
  readonly location: string;
  /**
   * Cosmos DB for MongoDB account to create; exactly one of `cosmos` and `cosmosAccount`.
   * @default - none; `cosmosAccount` must be given
   */
  readonly cosmos?: ManagedCosmosOptions;
  /**
   * A Cosmos DB account created elsewhere (the multi-region account of `enterprise-global`); the
   * layer connects to it (private endpoint, connection string in its Key Vault).
   * @default - none; `cosmos` must be given
   */
  readonly cosmosAccount?: ICosmosMongoAccount;
  /**
   * @default {} - Premium P1 with persistence to the layer's storage account
   */
  readonly redis?: ManagedRedisOptions;
  /**
   * Azure AI Search.
   * @default - none
   */
  readonly search?: ManagedSearchOptions;
  /**
   * @default {}
   */
  readonly storage?: ManagedStorageOptions;
  /**
   * @default {}
   */
  readonly keyVault?: ManagedKeyVaultOptions;
  /**
   * Private endpoints for every store, in this subnet, with privatelink DNS zones on this network.
   * @default - none: then `serviceEndpointSubnetIds` or `publicNetworkAccessEnabled` must be set,
   * or nothing could reach the stores
   */
  readonly privateNetwork?: DataPrivateNetwork;
  /**
   * Subnets that alone reach the stores, without private endpoints: Cosmos DB, Key Vault and
   * storage accept them through their service endpoints (`Microsoft.AzureCosmosDB`,
   * `Microsoft.KeyVault`, `Microsoft.Storage` on each subnet) and deny every other address
   * (trusted Azure services excepted on Key Vault and storage); Redis has no public network access
   * (it has no service endpoint: give it a private endpoint, `PrivateLinkEndpoint`). Terraform
   * writes only through Azure Resource Manager (secrets, databases, containers, lifecycle rules),
   * so a runner outside the network still deploys. For environments whose workloads sit in a
   * virtual network without the private-endpoint bill, such as staging on container instances.
   * Not with `privateNetwork`, `publicNetworkAccessEnabled` or `search` (AI Search takes no
   * virtual network rules).
   * @default - none
   */
  readonly serviceEndpointSubnetIds?: readonly string[];
  /**
   * Public endpoints on the stores, open to every address (keys, Entra ID and TLS still
   * required): for environments without a virtual network. With one, prefer
   * `serviceEndpointSubnetIds` or `privateNetwork`.
   * @default false
   */
  readonly publicNetworkAccessEnabled?: boolean;
  /**
   * Redis RDB snapshots into a storage account of their own (`RedisPersistenceStorage`: no soft
   * delete or versioning, which would keep every superseded snapshot), Premium caches only.
   * @default - true for a Premium cache
   */
  readonly redisPersistence?: boolean;
  /**
   * Redundancy of the account the Redis snapshots go to. A geo-redundant account copies every
   * snapshot to the paired region, billed per GB (geo-replication data transfer); a multi-region
   * platform whose other regions run caches of their own may keep them zone-redundant instead.
   * @default - the redundancy of `storage`
   */
  readonly redisPersistenceRedundancy?: StorageReplication;
  /**
   * Federation of the layer's identity with a cluster's service accounts (workload identity).
   * @default - none (an identity Azure compute attaches directly)
   */
  readonly workloadIdentity?: WorkloadIdentityFederation;
  /**
   * The Kubernetes Secret the workloads read.
   * @default - `<platform>-secrets` (`PlatformNames.dataSecretName`)
   */
  readonly secretName?: string;
  /**
   * `prevent_destroy` on every stateful resource (Cosmos DB, storage, Key Vault, persisted Redis).
   * @default true
   */
  readonly preventDestroy?: boolean;
}

/**
 * Seed 004's managed data layer for one environment: Cosmos DB for MongoDB (or a connection to a
 * multi-region account elsewhere), Azure Cache for Redis, Azure AI Search, blob storage and a Key
 * Vault that holds each store's connection details (referenced from the stores' attributes, never
 * written in the configuration). Workloads read them through the Key Vault secrets provider with
 * a workload identity that has "Key Vault Secrets User" on the vault: no secret in any manifest.
 */
export class ManagedDataLayer extends Construct {
  public readonly cosmos: ICosmosMongoAccount;
  /** The account, when this layer created it. */
  public readonly cosmosAccount?: CosmosMongoAccount;
  public readonly redis: PlatformRedisCache;
  public readonly search?: PlatformSearchService;
  public readonly storage: PlatformBlobStorage;
  /** Where the cache writes its RDB snapshots, when persistence is on. */
  public readonly redisPersistenceStorage?: RedisPersistenceStorage;
  public readonly keyVault: PlatformKeyVault;
  public readonly identity: DataWorkloadIdentity;
  /** The identity's "Key Vault Secrets User" on the vault: what a reader of the secrets waits for. */
  public readonly keyVaultSecretsUserAccess: RoleAssignment;
  public readonly dnsZones?: PrivateDnsZones;
  public readonly privateEndpoints: ReadonlyMap<PrivateLinkService, PrivateLinkEndpoint>;
  /** What a workloads stack needs to sync the connection Secret from Key Vault. */
  public readonly secretSource: KeyVaultSecretSource;
  /** Egress the workloads need to reach the private endpoints; empty without a private network. */
  public readonly privateEgress: readonly PrivateEgressRule[];
  /** Whether every address may reach the stores' public endpoints (`publicNetworkAccessEnabled`). */
  public readonly publicNetworkAccessEnabled: boolean;
  /** The subnets the stores admit through service endpoints (`serviceEndpointSubnetIds`); empty without. */
  public readonly serviceEndpointSubnetIds: readonly string[];

  constructor(scope: Construct, id: string, props: ManagedDataLayerProps) {
    super(scope, id);
    const publicAccess = props.publicNetworkAccessEnabled ?? false;
    const preventDestroy = props.preventDestroy ?? true;
    const secretName = props.secretName ?? PlatformNames.of(this).dataSecretName;
    const redisOptions = props.redis ?? {};
    const premiumRedis = (redisOptions.sku ?? RedisSku.PREMIUM) === RedisSku.PREMIUM;
    const redisPersistence = props.redisPersistence ?? premiumRedis;
    const network = props.privateNetwork;
    const subnetIds = props.serviceEndpointSubnetIds;

    if (!isUnresolved(props.location) && !isAzureRegion(props.location)) {
      throw new ValidationError(this, "location", props.location, "expected an Azure region name such as eastus or westeurope");
    }
    if ((props.cosmos === undefined) === (props.cosmosAccount === undefined)) {
      throw new ValidationError(this, "cosmos", props.cosmos === undefined ? undefined : "set", "expected exactly one of cosmos (an account to create) and cosmosAccount (an account from another stack)");
    }
    if (subnetIds !== undefined) {
      if (subnetIds.length === 0) {
        throw new ValidationError(this, "serviceEndpointSubnetIds", [], "expected at least one subnet id, or leave it unset");
      }
      if (publicAccess) {
        throw new ValidationError(this, "serviceEndpointSubnetIds", subnetIds, "expected none with publicNetworkAccessEnabled: the subnets restrict the public endpoints, which publicNetworkAccessEnabled opens to every address");
      }
      if (network) {
        throw new ValidationError(this, "serviceEndpointSubnetIds", subnetIds, "expected none with privateNetwork: the stores are reached through their private endpoints and keep no public endpoint");
      }
      if (props.search) {
        throw new ValidationError(this, "serviceEndpointSubnetIds", subnetIds, "expected none with search: AI Search takes no virtual network rules, so it would be unreachable; use privateNetwork");
      }
    }
    if (!publicAccess && !network && !subnetIds) {
      throw new ValidationError(this, "privateNetwork", undefined, "expected a private network (or serviceEndpointSubnetIds) while publicNetworkAccessEnabled is false: nothing could reach the stores");
    }
    if (redisPersistence && !premiumRedis) {
      throw new ValidationError(this, "redisPersistence", true, "expected false for a non-Premium cache: RDB persistence needs the Premium SKU");
    }
    if (network && !isUnresolved(network.subnetPrefix)) parseCidr(this, "privateNetwork.subnetPrefix", network.subnetPrefix);
    const placement = { resourceGroupName: props.resourceGroupName, location: props.location };

    if (props.cosmos) {
      this.cosmosAccount = new CosmosMongoAccount(this, "Cosmos", {
        ...props.cosmos,
        resourceGroupName: props.resourceGroupName,
        // Virtual network rules filter the public endpoint, which must stay on for them.
        publicNetworkAccessEnabled: publicAccess || subnetIds !== undefined,
        allowedSubnetIds: subnetIds,
        preventDestroy,
      });
    }
    this.cosmos = this.cosmosAccount ?? (props.cosmosAccount as ICosmosMongoAccount);

    this.storage = new PlatformBlobStorage(this, "Storage", {
      ...props.storage,
      ...placement,
      networkAccess: publicAccess ? StorageNetworkAccess.ENABLED : subnetIds ? StorageNetworkAccess.SELECTED_SUBNETS : StorageNetworkAccess.DISABLED,
      allowedSubnetIds: subnetIds,
      preventDestroy,
    });

    if (redisPersistence) {
      this.redisPersistenceStorage = new RedisPersistenceStorage(this, "RedisPersistence", {
        ...placement,
        redundancy: props.redisPersistenceRedundancy ?? props.storage?.redundancy,
        preventDestroy,
      });
    }
    const rdb = this.redisPersistenceStorage;
    this.redis = new PlatformRedisCache(this, "Redis", {
      ...redisOptions,
      ...placement,
      publicNetworkAccessEnabled: publicAccess,
      persistence: rdb ? { storageAccountId: rdb.accountId, blobEndpoint: rdb.blobEndpoint } : undefined,
      preventDestroy: redisPersistence && preventDestroy,
    });

    if (props.search) {
      this.search = new PlatformSearchService(this, "Search", { ...props.search, ...placement, publicNetworkAccessEnabled: publicAccess });
    }

    this.keyVault = new PlatformKeyVault(this, "KeyVault", {
      ...props.keyVault,
      ...placement,
      publicNetworkAccessEnabled: publicAccess || subnetIds !== undefined,
      allowedSubnetIds: subnetIds,
      preventDestroy,
    });

    const objects: KeyVaultSecretObject[] = [];
    const store = (name: string, value: VaultSecretValue, contentType: string) => {
      this.keyVault.addSecret({ name, value, contentType });
      objects.push({ objectName: name, secretKey: name });
    };
    // Keys and connection strings are computed by Azure Resource Manager from the resource ids,
    // so Terraform never reaches the vault's data plane (private in production).
    store(MANAGED_DATA_SECRET_OBJECTS.mongodbUri, VaultSecretValue.cosmosMongoConnectionString(this.cosmos.accountId), "mongodb-connection-string");
    store(MANAGED_DATA_SECRET_OBJECTS.redisUrl, VaultSecretValue.redisUrl(this.redis.cacheId), "redis-url");
    if (this.search) {
      store(MANAGED_DATA_SECRET_OBJECTS.searchEndpoint, VaultSecretValue.reference(this.search.endpoint), "url");
      store(MANAGED_DATA_SECRET_OBJECTS.searchApiKey, VaultSecretValue.searchAdminKey(this.search.serviceId), "api-key");
    }
    store(MANAGED_DATA_SECRET_OBJECTS.blobEndpoint, VaultSecretValue.reference(this.storage.blobEndpoint), "url");

    this.identity = new DataWorkloadIdentity(this, "Identity", { ...placement, federation: props.workloadIdentity });
    this.keyVaultSecretsUserAccess = this.identity.grant("KeyVaultSecretsUser", this.keyVault.vaultId, "Key Vault Secrets User");
    // Workloads write backups and artifacts with their identity; the account takes no keys.
    this.identity.grant("StorageBlobDataContributor", this.storage.accountId, "Storage Blob Data Contributor");

    const endpoints = new Map<PrivateLinkService, PrivateLinkEndpoint>();
    if (network) {
      this.dnsZones = new PrivateDnsZones(this, "DnsZones", {
        resourceGroupName: props.resourceGroupName,
        virtualNetworkId: network.virtualNetworkId,
      });
      const targets: [PrivateLinkService, string, string][] = [
        [PrivateLinkService.COSMOS_MONGO, "CosmosEndpoint", this.cosmos.accountId],
        [PrivateLinkService.REDIS, "RedisEndpoint", this.redis.cacheId],
        ...(this.search ? [[PrivateLinkService.SEARCH, "SearchEndpoint", this.search.serviceId] as [PrivateLinkService, string, string]] : []),
        [PrivateLinkService.BLOB, "BlobEndpoint", this.storage.accountId],
        [PrivateLinkService.KEY_VAULT, "KeyVaultEndpoint", this.keyVault.vaultId],
      ];
      for (const [service, endpointId, resourceId] of targets) {
        endpoints.set(
          service,
          new PrivateLinkEndpoint(this, endpointId, {
            ...placement,
            subnetId: network.subnetId,
            resourceId,
            service,
            dnsZones: this.dnsZones,
          }),
        );
      }
    }
    this.privateEndpoints = endpoints;
    this.privateEgress = network
      ? [{ cidr: network.subnetPrefix, ports: [...new Set([COSMOS_MONGO_PORT, ...this.redis.clientPorts, HTTPS_PORT])].sort((a, b) => a - b) }]
      : [];

    const keys: DataLayerSecretKeys = DATA_LAYER_SECRET_KEYS;
    this.secretSource = {
      keyVaultName: this.keyVault.vaultName,
      tenantId: this.keyVault.tenantId,
      clientId: this.identity.clientId,
      secretName,
      keys,
      objects,
      namespace: this.identity.namespace,
      serviceAccountNames: this.identity.serviceAccountNames,
    };
    this.publicNetworkAccessEnabled = publicAccess;
    this.serviceEndpointSubnetIds = subnetIds ? [...subnetIds] : [];
  }
}
