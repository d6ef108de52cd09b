/**
 * AKS pod sandboxing (Kata VM isolation): what a node pool and a pod need for it.
 *
 * A sandboxed pool is an AKS node pool with `workload_runtime = "KataVmIsolation"` on Azure Linux
 * and a VM size that is a generation 2 VM with nested virtualization (Microsoft Learn, "Pod
 * Sandboxing with AKS", MicrosoftDocs/azure-aks-docs articles/aks/use-pod-sandboxing.md; the
 * azurerm 5.2.0 docs of `azurerm_kubernetes_cluster_node_pool` say the same of `workload_runtime`).
 * hashicorp/azurerm accepts that runtime from 4.78.0; the bindings here are generated from 5.2.0.
 * Pods opt in with the `kata-vm-isolation` RuntimeClass, which AKS installs with the pool.
 */
export const POD_SANDBOXING = {
  /** The RuntimeClass AKS installs on clusters with a Kata pool. */
  runtimeClassName: "kata-vm-isolation",
  /** The node pool's `workload_runtime`. */
  workloadRuntime: "KataVmIsolation",
  /** The node pool's `os_sku`: only Azure Linux supports the Kata runtime. */
  osSku: "AzureLinux",
  /** The first hashicorp/azurerm release that accepts that runtime. */
  minimumAzurermVersion: "4.78.0",
  /**
   * What the `kata-vm-isolation` RuntimeClass adds to every pod's requests (its `overhead.podFixed`):
   * 600Mi of memory, the default pod VM (512Mi) plus about 88Mi for the host components (Kata shim,
   * Cloud Hypervisor, virtiofsd). The scheduler, the kubelet and ResourceQuota count it on top of
   * the containers' requests. Microsoft's page gives no CPU overhead (Microsoft Learn, "Pod
   * Sandboxing considerations", as mirrored at docs.azure.cn/zh-cn/aks/considerations-pod-sandboxing).
   */
  podOverhead: { cpuMillis: 0, memoryMiB: 600 },
} as const;

/**
 * VM series that AKS pod sandboxing runs on: generation 2 VMs with nested virtualization, as
 * Microsoft's size pages list them (MicrosoftDocs/azure-compute-docs
 * articles/virtual-machines/sizes/general-purpose/<series>-series.md, "Feature support"). Dsv3 is
 * the series Microsoft's pod sandboxing page uses in its examples. Other series may qualify too;
 * only these were checked.
 */
export const KATA_VM_SERIES: readonly { readonly series: string; readonly pattern: RegExp; readonly source: string }[] = [
  { series: "Dsv3", pattern: /^Standard_D(2|4|8|16|32|48|64)s_v3$/, source: "dsv3-series.md @1827cf3: generation 1 and 2, nested virtualization supported" },
  { series: "Dsv5", pattern: /^Standard_D(2|4|8|16|32|48|64|96)s_v5$/, source: "dsv5-series.md @005f8f6: generation 2 and nested virtualization supported" },
  { series: "Dasv5", pattern: /^Standard_D(2|4|8|16|32|48|64|96)as_v5$/, source: "dasv5-series.md @2072bfd: generation 2 and nested virtualization supported" },
];

/** The series of a VM size that pod sandboxing runs on, or undefined. */
export function kataVmSeriesOf(vmSize: string): string | undefined {
  return KATA_VM_SERIES.find((s) => s.pattern.test(vmSize))?.series;
}
