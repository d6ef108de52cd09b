/**
 * AKS pod sandboxing (Kata VM isolation) and what it needs from the Terraform provider.
 *
 * A sandboxed pool is an AKS node pool with `workload_runtime = "KataVmIsolation"`, which
 * hashicorp/azurerm accepts from 4.78.0 (5.2.0, the release this library binds, does). The library
 * does not create that pool yet (its own subnet, NSG and price are still to come), so the tiers
 * reject `languageServices.sandboxedPool`; `Placement.sandboxed` places pods on a pool that offers
 * the runtime class when one exists (created by other means).
 */
export const POD_SANDBOXING = {
  /** The RuntimeClass AKS installs on clusters with a Kata pool. */
  runtimeClassName: "kata-vm-isolation",
  /** The node pool's `workload_runtime`. */
  workloadRuntime: "KataVmIsolation",
  /** The first hashicorp/azurerm release that accepts that runtime. */
  minimumAzurermVersion: "4.78.0",
  /** The hashicorp/azurerm release this library binds. */
  boundAzurermVersion: "5.2.0",
} as const;
