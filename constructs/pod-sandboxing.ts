/**
 * AKS pod sandboxing (Kata VM isolation) and what it needs from the Terraform provider.
 *
 * A sandboxed pool is an AKS node pool with `workload_runtime = "KataVmIsolation"`. hashicorp/azurerm
 * validates that attribute against a fixed list: 4.55.0, the release this library binds
 * (@cdktf/provider-azurerm 14.23.1), accepts only `OCIContainer` and `WasmWasi`; `KataVmIsolation`
 * arrived in 4.78.0. Until the binding moves, the library creates no sandboxed pool and the tiers
 * reject `languageServices.sandboxedPool`; `Placement.sandboxed` places pods on a pool that offers
 * the runtime class when one exists (created by a newer provider, the AzAPI provider or by hand).
 */
export const POD_SANDBOXING = {
  /** The RuntimeClass AKS installs on clusters with a Kata pool. */
  runtimeClassName: "kata-vm-isolation",
  /** The node pool's `workload_runtime`. */
  workloadRuntime: "KataVmIsolation",
  /** The first hashicorp/azurerm release that accepts that runtime. */
  minimumAzurermVersion: "4.78.0",
  /** The hashicorp/azurerm release this library binds. */
  boundAzurermVersion: "4.55.0",
} as const;
