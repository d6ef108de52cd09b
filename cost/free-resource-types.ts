/**
 * Resource types that cost nothing by themselves, each with the reason. A type that is neither
 * here nor in the pricer registry is reported as unknown, so a new priced resource cannot slip
 * into a stack unnoticed.
 */

const NETWORK = "no charge of its own";
const IDENTITY = "identity and access control carry no charge";
const ON_WORKSPACE = "data collection is free; what it ingests is priced on the Log Analytics workspace's line";
const ON_STORAGE = "what it stores is priced on the storage account's line";
const ON_VAULT = "its operations are priced on the Key Vault's line";
const ON_POSTGRES = "part of the server, priced on its lines";
const ON_LB = "priced on the load balancer's line (the first five rules are included)";
const ON_APIM = "included in the API Management instance's unit price";
const ON_FRONT_DOOR = "included in the Front Door profile's base fee; requests and transfer are usage, not estimated";

/** Free azurerm types, by exact name. */
export const FREE_RESOURCE_TYPES: ReadonlyMap<string, string> = new Map([
  ["azurerm_resource_group", "a container for resources"],
  ["azurerm_management_lock", NETWORK],
  ["azurerm_virtual_network", NETWORK],
  ["azurerm_subnet", NETWORK],
  ["azurerm_network_security_group", NETWORK],
  ["azurerm_network_security_rule", NETWORK],
  ["azurerm_subnet_network_security_group_association", NETWORK],
  ["azurerm_route_table", NETWORK],
  ["azurerm_route", NETWORK],
  ["azurerm_subnet_route_table_association", NETWORK],
  ["azurerm_network_interface", NETWORK],
  ["azurerm_virtual_network_peering", "no fixed fee; data crossing the peering is usage, not estimated"],
  ["azurerm_private_dns_zone_virtual_network_link", "no charge of its own; DNS queries are usage, not estimated"],
  ["azurerm_private_dns_a_record", "records are included in the zone's fee"],
  ["azurerm_private_dns_cname_record", "records are included in the zone's fee"],
  ["azurerm_lb_backend_address_pool", ON_LB],
  ["azurerm_lb_probe", ON_LB],
  ["azurerm_lb_rule", ON_LB],
  ["azurerm_lb_outbound_rule", ON_LB],
  ["azurerm_lb_nat_rule", ON_LB],
  ["azurerm_postgresql_flexible_server_database", ON_POSTGRES],
  ["azurerm_postgresql_flexible_server_configuration", ON_POSTGRES],
  ["azurerm_postgresql_flexible_server_active_directory_administrator", IDENTITY],
  ["azurerm_api_management_api", ON_APIM],
  ["azurerm_api_management_api_operation", ON_APIM],
  ["azurerm_api_management_api_policy", ON_APIM],
  ["azurerm_api_management_backend", ON_APIM],
  ["azurerm_cdn_frontdoor_endpoint", ON_FRONT_DOOR],
  ["azurerm_cdn_frontdoor_origin_group", ON_FRONT_DOOR],
  ["azurerm_cdn_frontdoor_origin", ON_FRONT_DOOR],
  ["azurerm_cdn_frontdoor_route", ON_FRONT_DOOR],
  ["azurerm_cdn_frontdoor_rule_set", ON_FRONT_DOOR],
  ["azurerm_cdn_frontdoor_rule", ON_FRONT_DOOR],
  ["azurerm_cdn_frontdoor_custom_domain", ON_FRONT_DOOR],
  ["azurerm_cdn_frontdoor_custom_domain_association", ON_FRONT_DOOR],
  ["azurerm_cdn_frontdoor_security_policy", ON_FRONT_DOOR],
  [
    "azurerm_cdn_frontdoor_firewall_policy",
    "WAF custom rules (Standard and Premium) and managed rule sets (Premium) carry no charge of their own: Front Door's billing includes them",
  ],
  ["azurerm_role_assignment", IDENTITY],
  ["azurerm_role_definition", IDENTITY],
  ["azurerm_user_assigned_identity", IDENTITY],
  ["azurerm_federated_identity_credential", IDENTITY],
  ["azurerm_cosmosdb_sql_role_definition", IDENTITY],
  ["azurerm_cosmosdb_sql_role_assignment", IDENTITY],
  ["azurerm_key_vault_secret", ON_VAULT],
  ["azurerm_resource_group_template_deployment", "an ARM deployment carries no charge; the Key Vault secret it writes is priced on the vault's line"],
  ["azurerm_key_vault_access_policy", ON_VAULT],
  ["azurerm_storage_container", ON_STORAGE],
  ["azurerm_storage_blob", ON_STORAGE],
  ["azurerm_storage_management_policy", ON_STORAGE],
  ["azurerm_storage_account_network_rules", ON_STORAGE],
  ["azurerm_redis_firewall_rule", "access rules carry no charge"],
  ["azurerm_search_shared_private_link_service", "no charge of its own"],
  ["azurerm_consumption_budget_resource_group", "budgets are free"],
  ["azurerm_consumption_budget_subscription", "budgets are free"],
  ["azurerm_monitor_diagnostic_setting", ON_WORKSPACE],
  ["azurerm_monitor_data_collection_rule", ON_WORKSPACE],
  ["azurerm_monitor_data_collection_rule_association", ON_WORKSPACE],
  ["azurerm_monitor_data_collection_endpoint", ON_WORKSPACE],
  ["azurerm_log_analytics_solution", ON_WORKSPACE],
  ["azurerm_monitor_action_group", "free up to 1,000 emails a month; SMS, voice and webhooks beyond the free grants are not estimated"],
]);

/** Free types by provider prefix, checked after the registry (which prices the exceptions). */
export const FREE_RESOURCE_PREFIXES: readonly (readonly [string, string])[] = [
  ["kubernetes_", "a Kubernetes object runs on the cluster's nodes, which are priced on the node pools"],
  ["helm_", "a Helm release runs on the cluster's nodes; LoadBalancer Services or persistent volumes its chart creates are not visible in the configuration"],
  ["azuread_", IDENTITY],
  ["random_", "generated locally"],
  ["null_", "no infrastructure"],
  ["time_", "no infrastructure"],
  ["tls_", "generated locally"],
  ["local_", "a local file"],
  ["terraform_data", "no infrastructure"],
];

/** Why a type is free, or undefined when it is not known to be. */
export function freeReason(type: string): string | undefined {
  return FREE_RESOURCE_TYPES.get(type) ?? FREE_RESOURCE_PREFIXES.find(([prefix]) => type.startsWith(prefix))?.[1];
}
