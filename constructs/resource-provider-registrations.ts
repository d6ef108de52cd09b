import { Annotations, Aspects, IAspect, Lazy, TerraformResource, TerraformStack, Token } from "cdktf";
import { IConstruct } from "constructs";
import { AzurermProvider } from "../providers/azurerm/provider";
import { ValidationError } from "./validation-error";

/**
 * The Azure resource provider (the ARM namespace) each azurerm resource type of the library needs
 * registered in the subscription; `null` for the namespaces every subscription has registered
 * (Microsoft.Resources, Microsoft.Authorization). A test fails when a type the library uses is
 * missing here; a consumer's own type gets a warning at synthesis.
 */
export const AZURE_RESOURCE_PROVIDER_OF_TYPE: Readonly<Record<string, string | null>> = {
  azurerm_api_management: "Microsoft.ApiManagement",
  azurerm_api_management_api: "Microsoft.ApiManagement",
  azurerm_api_management_api_operation: "Microsoft.ApiManagement",
  azurerm_api_management_api_policy: "Microsoft.ApiManagement",
  azurerm_api_management_backend: "Microsoft.ApiManagement",
  azurerm_cdn_frontdoor_custom_domain: "Microsoft.Cdn",
  azurerm_cdn_frontdoor_custom_domain_association: "Microsoft.Cdn",
  azurerm_cdn_frontdoor_endpoint: "Microsoft.Cdn",
  azurerm_cdn_frontdoor_firewall_policy: "Microsoft.Network",
  azurerm_cdn_frontdoor_origin: "Microsoft.Cdn",
  azurerm_cdn_frontdoor_origin_group: "Microsoft.Cdn",
  azurerm_cdn_frontdoor_profile: "Microsoft.Cdn",
  azurerm_cdn_frontdoor_route: "Microsoft.Cdn",
  azurerm_cdn_frontdoor_security_policy: "Microsoft.Cdn",
  azurerm_consumption_budget_resource_group: "Microsoft.Consumption",
  azurerm_container_group: "Microsoft.ContainerInstance",
  azurerm_cosmosdb_account: "Microsoft.DocumentDB",
  azurerm_cosmosdb_mongo_database: "Microsoft.DocumentDB",
  azurerm_federated_identity_credential: "Microsoft.ManagedIdentity",
  azurerm_key_vault: "Microsoft.KeyVault",
  azurerm_kubernetes_cluster: "Microsoft.ContainerService",
  azurerm_kubernetes_cluster_extension: "Microsoft.KubernetesConfiguration",
  azurerm_kubernetes_cluster_node_pool: "Microsoft.ContainerService",
  azurerm_kubernetes_flux_configuration: "Microsoft.KubernetesConfiguration",
  azurerm_log_analytics_workspace: "Microsoft.OperationalInsights",
  azurerm_monitor_data_collection_rule: "Microsoft.Insights",
  azurerm_monitor_data_collection_rule_association: "Microsoft.Insights",
  azurerm_monitor_diagnostic_setting: "Microsoft.Insights",
  azurerm_network_security_group: "Microsoft.Network",
  azurerm_postgresql_flexible_server: "Microsoft.DBforPostgreSQL",
  azurerm_postgresql_flexible_server_active_directory_administrator: "Microsoft.DBforPostgreSQL",
  azurerm_postgresql_flexible_server_configuration: "Microsoft.DBforPostgreSQL",
  azurerm_postgresql_flexible_server_database: "Microsoft.DBforPostgreSQL",
  azurerm_private_dns_zone: "Microsoft.Network",
  azurerm_private_dns_zone_virtual_network_link: "Microsoft.Network",
  azurerm_private_endpoint: "Microsoft.Network",
  azurerm_public_ip: "Microsoft.Network",
  azurerm_redis_cache: "Microsoft.Cache",
  azurerm_resource_group: null,
  azurerm_resource_group_template_deployment: null,
  azurerm_role_assignment: null,
  azurerm_search_service: "Microsoft.Search",
  azurerm_storage_account: "Microsoft.Storage",
  azurerm_storage_container: "Microsoft.Storage",
  azurerm_storage_management_policy: "Microsoft.Storage",
  azurerm_subnet: "Microsoft.Network",
  azurerm_subnet_network_security_group_association: "Microsoft.Network",
  azurerm_user_assigned_identity: "Microsoft.ManagedIdentity",
  azurerm_virtual_network: "Microsoft.Network",
};

/**
 * Namespaces a resource provider needs beside its own: an AKS cluster's node resource group holds
 * scale sets, disks, load balancers and public IPs, which AKS creates in the subscription.
 */
const ALSO_NEEDS: Readonly<Record<string, readonly string[]>> = {
  "Microsoft.ContainerService": ["Microsoft.Compute", "Microsoft.Network", "Microsoft.Storage"],
};

/**
 * Collects, as it visits a stack, the resource providers its azurerm resources need. A type the
 * table lacks (a consumer's own resource) gets a warning naming it, and its namespace must be
 * passed in `additional`.
 */
class ResourceProviderCollector implements IAspect {
  public readonly needed = new Set<string>();

  constructor(additional: readonly string[]) {
    additional.forEach((n) => this.needed.add(n));
  }

  public visit(node: IConstruct): void {
    if (!(node instanceof TerraformResource) || !node.terraformResourceType.startsWith("azurerm_")) return;
    const type = node.terraformResourceType;
    if (!(type in AZURE_RESOURCE_PROVIDER_OF_TYPE)) {
      Annotations.of(node).addWarning(
        `the resource provider of ${type} is not known to this library: pass its namespace (e.g. "Microsoft.Example") to ` +
          "registerResourceProviders(provider, { additional: [...] }) or register it in the subscription before the first apply",
      );
      return;
    }
    const namespace = AZURE_RESOURCE_PROVIDER_OF_TYPE[type];
    if (namespace === null) return;
    this.needed.add(namespace);
    (ALSO_NEEDS[namespace] ?? []).forEach((n) => this.needed.add(n));
  }
}

export interface ResourceProviderRegistrationOptions {
  /**
   * Namespaces to register beside the ones the stack's resources need (for resource types this
   * library does not know).
   * @default - none
   */
  readonly additional?: readonly string[];
}

/**
 * Makes an azurerm provider register exactly the resource providers its stack's resources need.
 * azurerm 5 registers none by default (`resource_provider_registrations = "none"`), so on an empty
 * subscription the first apply would fail with `MissingSubscriptionRegistration`; azurerm 4.x's
 * behaviour (`legacy`, ~60 namespaces) asks for more than the platform uses. The list is gathered
 * when the stack is synthesized, from every azurerm resource in it, and sorted.
 */
export function registerResourceProviders(provider: AzurermProvider, options: ResourceProviderRegistrationOptions = {}): void {
  const additional = options.additional ?? [];
  for (const namespace of additional) {
    if (!Token.isUnresolved(namespace) && !/^[A-Z][A-Za-z0-9]*(\.[A-Z][A-Za-z0-9]*)+$/.test(namespace)) {
      throw new ValidationError(provider, "additional", namespace, "expected a resource provider namespace such as Microsoft.ContainerService");
    }
  }
  const collector = new ResourceProviderCollector(additional);
  Aspects.of(TerraformStack.of(provider)).add(collector);
  provider.resourceProviderRegistrations = "none";
  provider.resourceProvidersToRegister = Lazy.listValue({ produce: () => [...collector.needed].sort() });
}
