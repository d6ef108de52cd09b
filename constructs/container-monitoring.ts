import { Construct } from "constructs";
import { MonitorDiagnosticSetting } from "../providers/azurerm/monitor-diagnostic-setting";
import { isUnresolved } from "./checks";
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
 * Analytics workspace and, per monitored resource, a diagnostic setting that sends its logs and
 * metrics there. Diagnostic settings authenticate through Azure Monitor, so no workspace key is
 * handed to the container groups (a group's own `diagnostics` block would need the shared key).
 *
 * ```ts
 * const monitoring = new ContainerMonitoring(stack, "Monitoring", { resourceGroupName, location });
 * monitoring.monitor("FederationCore", federationCore.id);
 * ```
 */
export class ContainerMonitoring extends Construct {
  public readonly workspace: MonitoringWorkspace;
  public readonly workspaceId: string;
  public readonly retentionDays: number;
  public readonly destinationType: DiagnosticDestinationType;
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
    });
    this.workspaceId = this.workspace.workspaceId;
    this.retentionDays = this.workspace.retentionDays;
    this.destinationType = destinationType;
    this.settings = new Construct(this, "DiagnosticSettings");
  }

  /** Sends a resource's logs and metrics (a container group's, for one) to the workspace. */
  public monitor(id: string, targetResourceId: string, options: DiagnosticsOptions = {}): MonitorDiagnosticSetting {
    const logGroups = options.logCategoryGroups ?? ["allLogs"];
    const metrics = options.metricCategories ?? ["AllMetrics"];
    if (!isUnresolved(targetResourceId) && !RESOURCE_ID.test(targetResourceId)) {
      throw new ValidationError(this, "targetResourceId", targetResourceId, "expected an Azure resource id (/subscriptions/.../providers/...)");
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
