import { Construct } from "constructs";
import { LogAnalyticsWorkspace } from "../providers/azurerm/log-analytics-workspace";
import { checkInteger } from "./checks";
import { nameFromPath } from "./names";

export interface MonitoringWorkspaceProps {
  readonly resourceGroupName: string;
  readonly location: string;
  /**
   * @default - derived from the construct path
   */
  readonly name?: string;
  /**
   * Days logs stay queryable (seed 001: 30 days hot); Azure allows 30-730.
   * @default 30
   */
  readonly retentionDays?: number;
  /**
   * Daily ingestion cap in GB, a guard against a runaway log source.
   * @default - no cap
   */
  readonly dailyQuotaGb?: number;
  /**
   * Accept shared workspace keys. Container Insights here authenticates with its managed identity.
   * @default false - Entra ID only
   */
  readonly localAuthenticationEnabled?: boolean;
}

/** A Log Analytics workspace for Container Insights, Defender and diagnostic settings. */
export class MonitoringWorkspace extends Construct {
  public readonly resource: LogAnalyticsWorkspace;
  public readonly workspaceId: string;
  public readonly retentionDays: number;

  constructor(scope: Construct, id: string, props: MonitoringWorkspaceProps) {
    super(scope, id);
    const name = props.name ?? nameFromPath(this, 63);
    const retentionDays = props.retentionDays ?? 30;
    const localAuthenticationEnabled = props.localAuthenticationEnabled ?? false;
    checkInteger(this, "retentionDays", retentionDays, 30, 730);
    if (props.dailyQuotaGb !== undefined) checkInteger(this, "dailyQuotaGb", props.dailyQuotaGb, 1, 100000);

    this.resource = new LogAnalyticsWorkspace(this, "Resource", {
      name,
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      sku: "PerGB2018",
      retentionInDays: retentionDays,
      dailyQuotaGb: props.dailyQuotaGb,
      localAuthenticationEnabled,
    });
    this.workspaceId = this.resource.id;
    this.retentionDays = retentionDays;
  }
}
