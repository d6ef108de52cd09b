import { TerraformOutput, Testing } from "cdktf";
import { ContainerMonitoring, ContainerMonitoringProps, DiagnosticDestinationType } from "../../constructs/container-monitoring";
import { onlyResource, resourcesOf, synthJson, testStack } from "../helpers";

const PROPS: ContainerMonitoringProps = { resourceGroupName: "omega-staging", location: "eastus" };
// Diagnostic settings serve resources other than container groups (those use their diagnostics block).
const GROUP_ID = "/subscriptions/s/resourceGroups/omega-staging/providers/Microsoft.ApiManagement/service/federation-core";
const CONTAINER_GROUP_ID = "/subscriptions/s/resourceGroups/omega-staging/providers/Microsoft.ContainerInstance/containerGroups/federation-core";

describe("ContainerMonitoring", () => {
  test("minimal config snapshot", () => {
    const { stack } = testStack();
    const monitoring = new ContainerMonitoring(stack, "Monitoring", PROPS);
    monitoring.monitor("FederationCore", GROUP_ID);
    expect(Testing.synth(stack)).toMatchSnapshot();
  });

  describe("defaults", () => {
    const { stack } = testStack();
    const monitoring = new ContainerMonitoring(stack, "Monitoring", PROPS);
    const returned = monitoring.monitor("FederationCore", GROUP_ID);
    const json = synthJson(stack);
    const workspace = onlyResource(json, "azurerm_log_analytics_workspace");
    const setting = onlyResource(json, "azurerm_monitor_diagnostic_setting");

    test("a Log Analytics workspace keeping 30 days (seed 001) that takes the shared key container groups send logs with", () => {
      expect(workspace).toMatchObject({
        name: "test-monitoring-workspace",
        resource_group_name: "omega-staging",
        location: "eastus",
        sku: "PerGB2018",
        retention_in_days: 30,
        local_authentication_enabled: true,
      });
      expect(monitoring.retentionDays).toBe(30);
    });

    test("container groups get the workspace's customer id and primary key for their diagnostics block", () => {
      const { stack: other } = testStack();
      const logs = new ContainerMonitoring(other, "Monitoring", PROPS).containerGroupLogs;
      new TerraformOutput(other, "logs", { value: logs, sensitive: true });
      expect((synthJson(other).output as Record<string, { value: unknown }>).logs.value).toEqual({
        workspaceId: expect.stringMatching(/^\$\{azurerm_log_analytics_workspace\.Monitoring_Workspace_[0-9A-F]{8}\.workspace_id\}$/),
        workspaceKey: expect.stringMatching(/^\$\{azurerm_log_analytics_workspace\.Monitoring_Workspace_[0-9A-F]{8}\.primary_shared_key\}$/),
      });
    });

    test("a resource's logs and metrics go to the workspace's resource-specific tables", () => {
      expect(setting).toEqual({
        name: "omega-log-analytics",
        target_resource_id: GROUP_ID,
        log_analytics_workspace_id: expect.stringMatching(/^\$\{azurerm_log_analytics_workspace\.Monitoring_Workspace_[0-9A-F]{8}\.id\}$/),
        log_analytics_destination_type: "Dedicated",
        enabled_log: [{ category_group: "allLogs" }],
        enabled_metric: [{ category: "AllMetrics" }],
      });
    });

    test("no workspace key is handed to a diagnostic setting", () => {
      expect(JSON.stringify(json)).not.toMatch(/primary_shared_key|workspace_key/);
    });

    test("the settings are exposed by id", () => {
      expect([...monitoring.diagnosticSettings.keys()]).toEqual(["FederationCore"]);
      expect(monitoring.diagnosticSettings.get("FederationCore")).toBe(returned);
      expect(monitoring.workspaceId).toBe(monitoring.workspace.workspaceId);
    });
  });

  describe("overrides", () => {
    test("name, retention, daily cap, destination and categories", () => {
      const { stack } = testStack();
      const monitoring = new ContainerMonitoring(stack, "Monitoring", {
        ...PROPS,
        workspaceName: "omega-law-staging",
        retentionDays: 90,
        dailyQuotaGb: 5,
        destinationType: DiagnosticDestinationType.AZURE_DIAGNOSTICS,
      });
      monitoring.monitor("ContextServer", GROUP_ID.replace("federation-core", "context-server"), {
        logCategoryGroups: ["audit"],
        metricCategories: [],
      });
      const json = synthJson(stack);
      expect(onlyResource(json, "azurerm_log_analytics_workspace")).toMatchObject({
        name: "omega-law-staging",
        retention_in_days: 90,
        daily_quota_gb: 5,
      });
      expect(onlyResource(json, "azurerm_monitor_diagnostic_setting")).toMatchObject({
        log_analytics_destination_type: "AzureDiagnostics",
        enabled_log: [{ category_group: "audit" }],
        enabled_metric: [],
      });
    });

    test("one setting per monitored resource, grouped under one scope", () => {
      const { stack } = testStack();
      const monitoring = new ContainerMonitoring(stack, "Monitoring", PROPS);
      monitoring.monitor("FederationCore", GROUP_ID);
      monitoring.monitor("ContextServer", GROUP_ID.replace("federation-core", "context-server"));
      const settings = resourcesOf(synthJson(stack), "azurerm_monitor_diagnostic_setting");
      expect(settings.map((s) => s.target_resource_id).sort()).toEqual([GROUP_ID.replace("federation-core", "context-server"), GROUP_ID]);
      expect(monitoring.diagnosticSettings.get("ContextServer")?.node.path).toBe("test/Monitoring/DiagnosticSettings/ContextServer");
    });
  });

  describe("validation", () => {
    test("fails on a retention below Azure's 30 days", () => {
      const { stack } = testStack();
      expect(() => new ContainerMonitoring(stack, "Monitoring", { ...PROPS, retentionDays: 7 })).toThrow(
        "test/Monitoring/Workspace: invalid retentionDays 7: expected an integer from 30 to 730",
      );
    });

    test("fails on a target that is not an Azure resource id", () => {
      const { stack } = testStack();
      const monitoring = new ContainerMonitoring(stack, "Monitoring", PROPS);
      expect(() => monitoring.monitor("Group", "federation-core")).toThrow(
        'test/Monitoring: invalid targetResourceId "federation-core": expected an Azure resource id (/subscriptions/.../providers/...)',
      );
    });

    test("fails on a container group: their diagnostic settings are a preview that restarts the groups", () => {
      const { stack } = testStack();
      const monitoring = new ContainerMonitoring(stack, "Monitoring", PROPS);
      expect(() => monitoring.monitor("Group", CONTAINER_GROUP_ID)).toThrow(
        `test/Monitoring: invalid targetResourceId "${CONTAINER_GROUP_ID}": expected a resource other than a container group: their diagnostic settings are a preview that needs a per-subscription registration and restarts every group; pass containerGroupLogs to the fleet's logAnalytics instead`,
      );
    });

    test("fails on a setting that would send nothing", () => {
      const { stack } = testStack();
      const monitoring = new ContainerMonitoring(stack, "Monitoring", PROPS);
      expect(() => monitoring.monitor("Group", GROUP_ID, { logCategoryGroups: [], metricCategories: [] })).toThrow(
        'test/Monitoring: invalid options {"logCategoryGroups":[],"metricCategories":[]}: expected at least one log category group or metric category',
      );
    });

    test("fails on an unknown destination type", () => {
      const { stack } = testStack();
      expect(() => new ContainerMonitoring(stack, "Monitoring", { ...PROPS, destinationType: "Tables" as DiagnosticDestinationType })).toThrow(
        'test/Monitoring: invalid destinationType "Tables": expected one of "Dedicated", "AzureDiagnostics"',
      );
    });
  });
});
