import { CostEstimate, CostLine } from "../../cost/cost-estimate";
import { TerraformJson } from "../../cost/terraform-json";

/** Hand-built Terraform JSON: `{ type: { name: config } }`. */
export function tf(resources: Record<string, Record<string, Record<string, unknown>>>): TerraformJson {
  return { resource: resources };
}

/** The one line whose component starts with `prefix`; fails the test if there is not exactly one. */
export function lineOf(estimate: CostEstimate, prefix: string): CostLine {
  const found = estimate.lines.filter((l) => l.component.startsWith(prefix));
  if (found.length !== 1) {
    throw new Error(`expected one line starting with "${prefix}", found ${found.length}: ${estimate.lines.map((l) => l.component).join(" | ")}`);
  }
  return found[0];
}

/** An AKS cluster in `location` with a default pool of `nodes` x `vmSize`. */
export function cluster(overrides: Record<string, unknown> = {}, pool: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: "aks",
    location: "eastus",
    sku_tier: "Standard",
    default_node_pool: { name: "alwayson", vm_size: "Standard_D4s_v5", node_count: 3, os_disk_size_gb: 128, os_disk_type: "Managed", ...pool },
    network_profile: { network_plugin: "azure", load_balancer_sku: "standard", outbound_type: "loadBalancer" },
    ...overrides,
  };
}

/** A node pool of the cluster `cluster.aks`. */
export function nodePool(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: "spot",
    kubernetes_cluster_id: "${azurerm_kubernetes_cluster.aks.id}",
    vm_size: "Standard_D4s_v5",
    priority: "Spot",
    eviction_policy: "Delete",
    spot_max_price: -1,
    auto_scaling_enabled: true,
    min_count: 0,
    max_count: 5,
    os_disk_size_gb: 128,
    os_disk_type: "Managed",
    ...overrides,
  };
}
