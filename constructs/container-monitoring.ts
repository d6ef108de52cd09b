import { Construct } from "constructs";
import { MonitorDiagnosticSetting } from "../providers/azurerm/monitor-diagnostic-setting";
import { isUnresolved } from "./checks";
import { ContainerGroupLogAnalytics } from "./container-instance-fleet";
import { MonitoringWorkspace } from "./monitoring-workspace";
import { ValidationError } from "./validation-error";
import { PlatformNames } from "./platform-name";

/** Which Log Analytics tables diagnostic settings write to. */
export enum DiagnosticDestinationType {
  /** Resource-specific tables (`ContainerInstanceLog`, `ContainerEvent`): typed columns, cheaper queries. */
  DEDICATED = "Dedicated",
  /** The legacy shared `AzureDiagnostics` table. */
  AZURE_DIAGNOSTICS = "AzureDiagnostics",
}

/** What one resource sends to the workspace. */
export interface DiagnosticsOptions {
  /**
   * Log category groups (`allLogs`, `audit`).
   * @default ["allLogs"] - for a container group: stdout/stderr (ContainerInstanceLog) and ContainerEvent
   */
  readonly logCategoryGroups?: readonly string[];
  /**
   * Metric categories.
   * @default ["AllMetrics"]
   */
  readonly metricCategories?: readonly string[];
}

export interface ContainerMonitoringProps {
  readonly resourceGroupName: string;
  readonly location: string;
  /**
   * @default - derived from the construct path
   */
  readonly workspaceName?: string;
  /**
   * Days logs stay queryable (seed 001: 30 days hot); Azure allows 30-730.
   * @default 30
   */
  readonly retentionDays?: number;
  /**
   * Daily ingestion cap in GB, a guard against a runaway container.
   * @default - no cap
   */
  readonly dailyQuotaGb?: number;
  /**
   * @default DiagnosticDestinationType.DEDICATED
   */
  readonly destinationType?: DiagnosticDestinationType;
}

const RESOURCE_ID = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/[^/]+\/.+$/i;

/**
 * Basic monitoring for workloads outside Kubernetes (staging's Azure Container Instances): a Log
 * Analytics workspace; container groups ship their logs and events to it through their own
 * `diagnostics` block (`ContainerInstanceFleetProps.logAnalytics = monitoring.containerGroupLogs`),
 * the generally available path. Azure Monitor diagnostic settings on container groups are a preview
 * that must be registered per subscription and restart every group when applied, so `monitor`
 * refuses container groups and serves other resources (a gateway, a vault).
 *
 * ```ts
 * const monitoring = new ContainerMonitoring(stack, "Monitoring", { resourceGroupName, location });
 * new ContainerInstanceFleet(stack, "Services", { ..., logAnalytics: monitoring.containerGroupLogs });
 * ```
 */
export class ContainerMonitoring extends Construct {
  public readonly workspace: MonitoringWorkspace;
  public readonly workspaceId: string;
  public readonly retentionDays: number;
  public readonly destinationType: DiagnosticDestinationType;
  /**
   * The workspace for container groups' `diagnostics` block: its workspace (customer) id and
   * primary shared key (a sensitive reference; Terraform's state already holds it with the workspace).
   */
  public readonly containerGroupLogs: ContainerGroupLogAnalytics;
  private readonly settings: Construct;
  private readonly byId = new Map<string, MonitorDiagnosticSetting>();

  constructor(scope: Construct, id: string, props: ContainerMonitoringProps) {
    super(scope, id);
    const destinationType = props.destinationType ?? DiagnosticDestinationType.DEDICATED;
    if (!Object.values(DiagnosticDestinationType).includes(destinationType)) {
      throw new ValidationError(
        this,
        "destinationType",
        destinationType,
        `expected one of ${Object.values(DiagnosticDestinationType).map((d) => JSON.stringify(d)).join(", ")}`,
      );
    }
    this.workspace = new MonitoringWorkspace(this, "Workspace", {
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      name: props.workspaceName,
      retentionDays: props.retentionDays,
      dailyQuotaGb: props.dailyQuotaGb,
      // A container group's diagnostics block sends with the workspace's shared key (the HTTP Data
      // Collector API), which a workspace without local authentication refuses. The key writes
      // logs only; reading them still takes Entra ID.
      localAuthenticationEnabled: true,
    });
    this.workspaceId = this.workspace.workspaceId;
    this.retentionDays = this.workspace.retentionDays;
    this.destinationType = destinationType;
    this.containerGroupLogs = { workspaceId: this.workspace.resource.workspaceId, workspaceKey: this.workspace.resource.primarySharedKey };
    this.settings = new Construct(this, "DiagnosticSettings");
  }

  /** Sends a resource's logs and metrics to the workspace; not for container groups (see the class). */
  public monitor(id: string, targetResourceId: string, options: DiagnosticsOptions = {}): MonitorDiagnosticSetting {
    const logGroups = options.logCategoryGroups ?? ["allLogs"];
    const metrics = options.metricCategories ?? ["AllMetrics"];
    if (!isUnresolved(targetResourceId) && !RESOURCE_ID.test(targetResourceId)) {
      throw new ValidationError(this, "targetResourceId", targetResourceId, "expected an Azure resource id (/subscriptions/.../providers/...)");
    }
    if (!isUnresolved(targetResourceId) && /\/providers\/Microsoft\.ContainerInstance\/containerGroups\//i.test(targetResourceId)) {
      throw new ValidationError(
        this,
        "targetResourceId",
        targetResourceId,
        "expected a resource other than a container group: their diagnostic settings are a preview that needs a per-subscription registration and restarts every group; pass containerGroupLogs to the fleet's logAnalytics instead",
      );
    }
    if (logGroups.length === 0 && metrics.length === 0) {
      throw new ValidationError(this, "options", options, "expected at least one log category group or metric category");
    }
    const setting = new MonitorDiagnosticSetting(this.settings, id, {
      // One name for every setting this construct creates; unique per target resource.
      name: `${PlatformNames.of(this).name}-log-analytics`,
      targetResourceId,
      logAnalyticsWorkspaceId: this.workspaceId,
      logAnalyticsDestinationType: this.destinationType,
      enabledLog: logGroups.map((categoryGroup) => ({ categoryGroup })),
      enabledMetric: metrics.map((category) => ({ category })),
    });
    this.byId.set(id, setting);
    return setting;
  }

  /** The diagnostic settings created so far, by the id given to `monitor`. */
  public get diagnosticSettings(): ReadonlyMap<string, MonitorDiagnosticSetting> {
    return this.byId;
  }
}
