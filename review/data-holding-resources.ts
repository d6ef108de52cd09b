/**
 * Resource types whose delete or replace loses data: the plan review blocks on them unless the
 * change is acknowledged. A type is listed with what it holds; `when` narrows it to configurations
 * that hold data (a Redis cache holds data only with persistence).
 */

type Values = Readonly<Record<string, unknown>> | undefined;

export interface DataHoldingResource {
  /** Terraform resource type. */
  readonly resourceType: string;
  /** What is lost, for the report: `documents and collections of every database in the account`. */
  readonly holds: string;
  /**
   * Whether this configuration (the resource's values before the change, or its configuration)
   * holds data.
   * @default - always
   */
  readonly when?: (values: Readonly<Record<string, unknown>> | undefined) => boolean;
}

function block(value: unknown): Readonly<Record<string, unknown>> | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === "object" && first !== null ? (first as Record<string, unknown>) : undefined;
}

function truthy(value: unknown): boolean {
  return value === true || value === "true";
}

/** Redis keeps data across restarts only with RDB or AOF persistence (Premium); otherwise it is a cache. */
function redisPersists(values: Values): boolean {
  const config = block(values?.redis_configuration);
  return truthy(config?.rdb_backup_enabled) || truthy(config?.aof_backup_enabled);
}

/** A volume the cluster deletes with its claim (reclaim policy Delete, the dynamic default). */
function persistentVolumeDeletes(values: Values): boolean {
  const spec = block(values?.spec);
  return spec?.persistent_volume_reclaim_policy !== "Retain";
}

export const DATA_HOLDING_RESOURCES: readonly DataHoldingResource[] = [
  { resourceType: "azurerm_cosmosdb_account", holds: "every database of the Cosmos DB account, with its continuous or periodic backups" },
  { resourceType: "azurerm_cosmosdb_mongo_database", holds: "the collections and documents of the Cosmos DB for MongoDB database" },
  { resourceType: "azurerm_cosmosdb_mongo_collection", holds: "the documents of the collection" },
  { resourceType: "azurerm_cosmosdb_sql_database", holds: "the containers and items of the Cosmos DB database" },
  { resourceType: "azurerm_cosmosdb_sql_container", holds: "the items of the container" },
  { resourceType: "azurerm_cosmosdb_postgresql_cluster", holds: "the databases of the cluster" },
  { resourceType: "azurerm_storage_account", holds: "every blob, file share, queue and table of the storage account" },
  { resourceType: "azurerm_storage_container", holds: "the blobs of the container" },
  { resourceType: "azurerm_storage_share", holds: "the files of the share" },
  { resourceType: "azurerm_storage_data_lake_gen2_filesystem", holds: "the files of the Data Lake filesystem" },
  { resourceType: "azurerm_storage_table", holds: "the entities of the table" },
  { resourceType: "azurerm_storage_queue", holds: "the messages waiting in the queue" },
  { resourceType: "azurerm_redis_cache", holds: "the keys Redis persists (RDB/AOF persistence is on)", when: redisPersists },
  { resourceType: "azurerm_redis_enterprise_database", holds: "the keys of the Redis Enterprise database" },
  { resourceType: "azurerm_key_vault", holds: "every secret, key and certificate of the vault (soft delete keeps them for the retention period only)" },
  { resourceType: "azurerm_key_vault_key", holds: "the key, and so everything encrypted with it" },
  { resourceType: "azurerm_key_vault_certificate", holds: "the certificate and its private key" },
  { resourceType: "azurerm_key_vault_managed_hardware_security_module", holds: "every key of the managed HSM" },
  { resourceType: "azurerm_kubernetes_cluster", holds: "the cluster's state (etcd) and every persistent volume it provisioned" },
  { resourceType: "azurerm_postgresql_flexible_server", holds: "every database of the PostgreSQL server and its backups" },
  { resourceType: "azurerm_postgresql_flexible_server_database", holds: "the PostgreSQL database" },
  { resourceType: "azurerm_postgresql_server", holds: "every database of the PostgreSQL server and its backups" },
  { resourceType: "azurerm_postgresql_database", holds: "the PostgreSQL database" },
  { resourceType: "azurerm_mysql_flexible_server", holds: "every database of the MySQL server and its backups" },
  { resourceType: "azurerm_mysql_flexible_database", holds: "the MySQL database" },
  { resourceType: "azurerm_mssql_server", holds: "every database of the SQL server" },
  { resourceType: "azurerm_mssql_database", holds: "the SQL database" },
  { resourceType: "azurerm_mssql_managed_instance", holds: "every database of the managed instance" },
  { resourceType: "azurerm_managed_disk", holds: "the contents of the managed disk" },
  { resourceType: "azurerm_snapshot", holds: "the disk snapshot" },
  { resourceType: "azurerm_search_service", holds: "the search indexes (rebuilt only by re-indexing every source)" },
  { resourceType: "azurerm_log_analytics_workspace", holds: "the collected logs and metrics within their retention" },
  { resourceType: "azurerm_container_registry", holds: "the images and artifacts of the registry" },
  { resourceType: "azurerm_recovery_services_vault", holds: "the backups in the vault" },
  { resourceType: "azurerm_data_protection_backup_vault", holds: "the backups in the vault" },
  { resourceType: "azurerm_servicebus_namespace", holds: "the messages waiting in its queues and topics" },
  { resourceType: "azurerm_eventhub_namespace", holds: "the events retained in its hubs" },
  { resourceType: "kubernetes_persistent_volume_claim", holds: "the volume bound to the claim (dynamic volumes are deleted with it)" },
  { resourceType: "kubernetes_persistent_volume_claim_v1", holds: "the volume bound to the claim (dynamic volumes are deleted with it)" },
  { resourceType: "kubernetes_persistent_volume", holds: "the volume's data (reclaim policy Delete)", when: persistentVolumeDeletes },
  { resourceType: "kubernetes_persistent_volume_v1", holds: "the volume's data (reclaim policy Delete)", when: persistentVolumeDeletes },
  { resourceType: "kubernetes_namespace", holds: "everything in the namespace, persistent volume claims included" },
  { resourceType: "kubernetes_namespace_v1", holds: "everything in the namespace, persistent volume claims included" },
];

/**
 * What a resource of this type and configuration holds, or undefined when deleting it loses no data.
 * `extra` entries (a consumer's own types) are checked before the built-in list.
 */
export function dataHeldBy(
  resourceType: string,
  values: Values,
  extra: readonly DataHoldingResource[] = [],
): string | undefined {
  const entry = [...extra, ...DATA_HOLDING_RESOURCES].find((e) => e.resourceType === resourceType);
  if (!entry) return undefined;
  return entry.when === undefined || entry.when(values) ? entry.holds : undefined;
}
