import { ResourcePricer } from "./pricing-context";
import { priceApiManagement } from "./pricers/api-management-pricer";
import { priceContainerGroup } from "./pricers/container-group-pricer";
import { priceCosmosAccount } from "./pricers/cosmos-account-pricer";
import { priceCosmosThroughput } from "./pricers/cosmos-throughput-pricer";
import { priceFrontDoorProfile } from "./pricers/frontdoor-profile-pricer";
import { priceHelmRelease } from "./pricers/helm-release-pricer";
import { priceKeyVaultKey } from "./pricers/key-vault-key-pricer";
import { priceKeyVault } from "./pricers/key-vault-pricer";
import { priceKubernetesCluster } from "./pricers/kubernetes-cluster-pricer";
import { priceKubernetesManifest } from "./pricers/kubernetes-manifest-pricer";
import { priceKubernetesService } from "./pricers/kubernetes-service-pricer";
import { pricePersistentVolumeClaim, priceStatefulSet } from "./pricers/kubernetes-volume-pricer";
import { priceLoadBalancer } from "./pricers/load-balancer-pricer";
import { priceLogAnalyticsWorkspace } from "./pricers/log-analytics-workspace-pricer";
import { priceNodePool } from "./pricers/node-pool-pricer";
import { pricePrivateDnsZone } from "./pricers/private-dns-zone-pricer";
import { pricePrivateEndpoint } from "./pricers/private-endpoint-pricer";
import { pricePostgresFlexibleServer } from "./pricers/postgres-flexible-server-pricer";
import { pricePublicIp } from "./pricers/public-ip-pricer";
import { priceRedisCache } from "./pricers/redis-cache-pricer";
import { priceSearchService } from "./pricers/search-service-pricer";
import { priceStorageAccount } from "./pricers/storage-account-pricer";

/** The resource types the estimator prices, and how. */
export const PRICERS: ReadonlyMap<string, ResourcePricer> = new Map([
  ["azurerm_kubernetes_cluster", priceKubernetesCluster],
  ["azurerm_kubernetes_cluster_node_pool", priceNodePool],
  ["azurerm_cosmosdb_account", priceCosmosAccount],
  ["azurerm_cosmosdb_mongo_database", priceCosmosThroughput],
  ["azurerm_cosmosdb_mongo_collection", priceCosmosThroughput],
  ["azurerm_cosmosdb_sql_database", priceCosmosThroughput],
  ["azurerm_cosmosdb_sql_container", priceCosmosThroughput],
  ["azurerm_redis_cache", priceRedisCache],
  ["azurerm_search_service", priceSearchService],
  ["azurerm_postgresql_flexible_server", pricePostgresFlexibleServer],
  ["azurerm_storage_account", priceStorageAccount],
  ["azurerm_container_group", priceContainerGroup],
  ["azurerm_log_analytics_workspace", priceLogAnalyticsWorkspace],
  ["azurerm_lb", priceLoadBalancer],
  ["azurerm_public_ip", pricePublicIp],
  ["azurerm_api_management", priceApiManagement],
  ["azurerm_cdn_frontdoor_profile", priceFrontDoorProfile],
  ["azurerm_private_endpoint", pricePrivateEndpoint],
  ["azurerm_private_dns_zone", pricePrivateDnsZone],
  ["azurerm_key_vault", priceKeyVault],
  ["azurerm_key_vault_key", priceKeyVaultKey],
  ["kubernetes_service_v1", priceKubernetesService],
  ["kubernetes_service", priceKubernetesService],
  ["kubernetes_persistent_volume_claim_v1", pricePersistentVolumeClaim],
  ["kubernetes_persistent_volume_claim", pricePersistentVolumeClaim],
  ["kubernetes_stateful_set_v1", priceStatefulSet],
  ["kubernetes_stateful_set", priceStatefulSet],
  ["kubernetes_manifest", priceKubernetesManifest],
  ["helm_release", priceHelmRelease],
]);
