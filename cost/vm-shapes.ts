/** vCPUs and memory of the VM sizes the price table prices, for allocatable capacity and per-vCore meters. */
export interface VmShape {
  readonly vCpus: number;
  readonly memoryGiB: number;
}

/** Dsv5: 4 GiB per vCPU (Azure docs, Dsv5 series). */
export const VM_SHAPES: Readonly<Record<string, VmShape>> = {
  Standard_D2s_v5: { vCpus: 2, memoryGiB: 8 },
  Standard_D4s_v5: { vCpus: 4, memoryGiB: 16 },
  Standard_D8s_v5: { vCpus: 8, memoryGiB: 32 },
  Standard_D16s_v5: { vCpus: 16, memoryGiB: 64 },
  Standard_D32s_v5: { vCpus: 32, memoryGiB: 128 },
};

/** AKS's default pod limit per node with Azure CNI Overlay. */
const DEFAULT_MAX_PODS = 250;

/**
 * What AKS leaves pods on a node (AKS docs, "resource reservations", Kubernetes 1.29+): CPU
 * kube-reserved of 60m for the first core, 10m for the second, 5m each for the third and fourth,
 * 2.5m each up to the eighth and 1.25m beyond; memory kube-reserved of min(20 MB x max pods + 50 MB,
 * 25% of the node) and a 100 MiB eviction threshold.
 */
export function allocatable(shape: VmShape, maxPods = DEFAULT_MAX_PODS): { cpuMillis: number; memoryMiB: number } {
  let reservedCpu = 0;
  for (let core = 1; core <= shape.vCpus; core++) reservedCpu += core === 1 ? 60 : core === 2 ? 10 : core <= 4 ? 5 : core <= 8 ? 2.5 : 1.25;
  const memoryMiB = shape.memoryGiB * 1024;
  const reservedMemory = Math.min(((20 * maxPods + 50) * 1e6) / 2 ** 20, memoryMiB * 0.25) + 100;
  return { cpuMillis: shape.vCpus * 1000 - reservedCpu, memoryMiB: memoryMiB - reservedMemory };
}
