import { PricerOutcome, ResourcePricer } from "../pricing-context";
import { nodePoolLines, readNodePool } from "./node-pool-lines";

/** `azurerm_kubernetes_cluster_node_pool`: regular or spot VMs and their OS disks. */
export const priceNodePool: ResourcePricer = (resource, context): PricerOutcome => {
  const pool = readNodePool(resource.config);
  if ("kind" in pool) return { lines: [], unpriced: [pool] };
  const { region, note } = context.regionOf(resource);
  return nodePoolLines(resource, pool, region, note, context);
};
