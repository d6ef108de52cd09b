/**
 * Top-level attributes whose change makes Terraform replace the resource (`ForceNew` in the
 * provider schema), for predicting replaces when only synthesized configurations are compared.
 * Deliberately short: every azurerm resource's name, location and resource group, every
 * Kubernetes object's name and namespace, and the few documented ones of the data-holding types.
 * A plan is authoritative; a prediction is labelled as one.
 */

const AZURERM_IDENTITY = ["name", "location", "resource_group_name"];

const BY_TYPE: Readonly<Record<string, readonly string[]>> = {
  azurerm_storage_account: ["account_tier", "is_hns_enabled"],
  azurerm_cosmosdb_account: ["kind", "analytical_storage_enabled"],
  azurerm_cosmosdb_mongo_database: ["account_name"],
  azurerm_cosmosdb_mongo_collection: ["account_name", "database_name"],
  azurerm_search_service: ["sku"],
  azurerm_kubernetes_cluster: ["dns_prefix", "private_cluster_enabled"],
  azurerm_kubernetes_cluster_node_pool: ["kubernetes_cluster_id", "priority", "eviction_policy", "os_type"],
  azurerm_redis_cache: ["subnet_id"],
  azurerm_key_vault: [],
  azurerm_storage_container: ["storage_account_id"],
};

/** Steps of the changed attribute paths that force a replace of this type, in the order given. */
export function forceNewAttributes(resourceType: string, changedTopLevel: readonly string[]): string[] {
  const own = BY_TYPE[resourceType] ?? [];
  const identity = resourceType.startsWith("azurerm_") ? AZURERM_IDENTITY : [];
  return changedTopLevel.filter((a) => identity.includes(a) || own.includes(a));
}

/** Kubernetes objects are replaced when their name or namespace changes. */
export function kubernetesIdentityChanged(resourceType: string, before: unknown, after: unknown): boolean {
  if (!resourceType.startsWith("kubernetes_") || resourceType === "kubernetes_manifest") return false;
  const meta = (v: unknown) => {
    const m = (v as { metadata?: unknown } | undefined)?.metadata;
    const first = Array.isArray(m) ? m[0] : m;
    return (first ?? {}) as { name?: unknown; namespace?: unknown };
  };
  const a = meta(before);
  const b = meta(after);
  return a.name !== b.name || a.namespace !== b.namespace;
}
