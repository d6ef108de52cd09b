/** Choices shared by the AKS constructs, as enums and small value classes (STYLE.md rule 5). */

/** AKS pricing tier; Standard carries the uptime SLA (99.9%, 99.95% with zones). */
export enum AksSkuTier {
  FREE = "Free",
  STANDARD = "Standard",
  PREMIUM = "Premium",
}

/** Kubernetes version auto-upgrade channel (`automatic_upgrade_channel`). */
export enum UpgradeChannel {
  /** Latest patch of the current minor version. */
  PATCH = "patch",
  /** Latest patch of minor N-1. */
  STABLE = "stable",
  RAPID = "rapid",
  NODE_IMAGE = "node-image",
}

/** Node OS security-update channel (`node_os_upgrade_channel`). */
export enum NodeOsUpgradeChannel {
  /** Weekly node image with OS and runtime patches, applied in the maintenance window. */
  NODE_IMAGE = "NodeImage",
  SECURITY_PATCH = "SecurityPatch",
  UNMANAGED = "Unmanaged",
  NONE = "None",
}

/** Network policy engine that enforces Kubernetes NetworkPolicy objects. */
export enum NetworkPolicyEngine {
  /** Cilium (eBPF data plane); requires Azure CNI overlay, which these constructs use. */
  CILIUM = "cilium",
  AZURE = "azure",
  CALICO = "calico",
}

/** Node operating system. */
export enum NodeOsSku {
  /** Azure Linux: smaller image, and required for pod sandboxing (Kata). */
  AZURE_LINUX = "AzureLinux",
  UBUNTU = "Ubuntu",
}

/** Whether a node pool hosts system add-ons. */
export enum NodePoolMode {
  SYSTEM = "System",
  USER = "User",
}

/** What happens to an evicted spot node. */
export enum SpotEvictionPolicy {
  /** The VM and its disk go; nothing is billed while evicted. */
  DELETE = "Delete",
  /** The VM is deallocated and its disk kept (and billed); counts against quota. */
  DEALLOCATE = "Deallocate",
}

export enum DayOfWeek {
  MONDAY = "Monday",
  TUESDAY = "Tuesday",
  WEDNESDAY = "Wednesday",
  THURSDAY = "Thursday",
  FRIDAY = "Friday",
  SATURDAY = "Saturday",
  SUNDAY = "Sunday",
}

/** A planned-maintenance window for cluster and node-OS upgrades. */
export class MaintenanceWindow {
  /** Every week on `dayOfWeek`, from `startHourUtc` for `durationHours` (AKS allows 4-24). */
  public static weekly(dayOfWeek: DayOfWeek, startHourUtc: number, durationHours: number): MaintenanceWindow {
    return new MaintenanceWindow(dayOfWeek, startHourUtc, durationHours);
  }

  private constructor(
    public readonly dayOfWeek: DayOfWeek,
    public readonly startHourUtc: number,
    public readonly durationHours: number,
  ) {}

  /** `HH:00`, the form AKS expects for `start_time`. */
  public get startTime(): string {
    return `${String(this.startHourUtc).padStart(2, "0")}:00`;
  }
}

export enum TaintEffect {
  NO_SCHEDULE = "NoSchedule",
  PREFER_NO_SCHEDULE = "PreferNoSchedule",
  NO_EXECUTE = "NoExecute",
}

/** A node taint; AKS writes it as `key=value:Effect`. */
export interface NodeTaint {
  readonly key: string;
  readonly value: string;
  readonly effect: TaintEffect;
}

export function formatTaint(taint: NodeTaint): string {
  return `${taint.key}=${taint.value}:${taint.effect}`;
}
