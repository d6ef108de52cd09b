import { Testing } from "cdktf";
import {
  AksSkuTier,
  DayOfWeek,
  MaintenanceWindow,
  NetworkPolicyEngine,
  NodeOsSku,
  NodeOsUpgradeChannel,
  UpgradeChannel,
} from "../../constructs/aks-options";
import { AlwaysOnCluster, AlwaysOnClusterProps, CONTAINER_INSIGHTS_STREAMS } from "../../constructs/always-on-cluster";
import { AKS_ENTRA_SERVER_ID, KubeloginMode } from "../../constructs/kubernetes-connection";
import { onlyResource, resourcesOf, synthJson, testStack } from "../helpers";

const MINIMAL: AlwaysOnClusterProps = { resourceGroupName: "rg", location: "eastus" };
const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const GROUP_1 = "0b4d9c1e-6f3a-4a52-9d1b-2e7f3c8a9d10";
const GROUP_2 = "5e8a7c2d-1b9f-4e63-8a4c-7d2e9f1b3c20";

function synthCluster(props: Partial<AlwaysOnClusterProps> = {}) {
  const { stack } = testStack();
  const cluster = new AlwaysOnCluster(stack, "Cluster", { ...MINIMAL, ...props });
  const json = synthJson(stack);
  return { cluster, json, aks: onlyResource(json, "azurerm_kubernetes_cluster") };
}

function build(props: Partial<AlwaysOnClusterProps>): () => AlwaysOnCluster {
  return () => {
    const { stack } = testStack();
    return new AlwaysOnCluster(stack, "Cluster", { ...MINIMAL, ...props });
  };
}

describe("AlwaysOnCluster", () => {
  test("minimal config snapshot", () => {
    const { stack } = testStack();
    new AlwaysOnCluster(stack, "Cluster", MINIMAL);
    expect(Testing.synth(stack)).toMatchSnapshot();
  });

  describe("defaults", () => {
    const { aks, json, cluster } = synthCluster();

    test("the default pool is the always-on pool: 3 x Standard_D4s_v5 across zones 1-3", () => {
      expect(aks.default_node_pool).toMatchObject({
        name: "alwayson",
        vm_size: "Standard_D4s_v5",
        node_count: 3,
        zones: ["1", "2", "3"],
        os_sku: "AzureLinux",
        os_disk_size_gb: 128,
        temporary_name_for_rotation: "tmprotation",
        upgrade_settings: { max_surge: "10%" },
      });
      expect(aks.default_node_pool.only_critical_addons_enabled).toBeUndefined();
      expect(aks.default_node_pool.auto_scaling_enabled).toBeUndefined();
      expect(resourcesOf(json, "azurerm_kubernetes_cluster_node_pool")).toHaveLength(0);
    });

    test("Entra ID with Azure RBAC in the provider's tenant, no local accounts", () => {
      expect(aks.local_account_disabled).toBe(true);
      expect(aks.role_based_access_control_enabled).toBe(true);
      // azurerm 4.55 requires tenant_id or admin_group_object_ids (AtLeastOneOf in its schema).
      expect(aks.azure_active_directory_role_based_access_control).toEqual({
        azure_rbac_enabled: true,
        tenant_id: expect.stringMatching(/^\$\{data\.azurerm_client_config\.Cluster_Client_[0-9A-F]{8}\.tenant_id\}$/),
      });
    });

    test("OIDC issuer, workload identity, Azure Policy, no run command", () => {
      expect(aks.oidc_issuer_enabled).toBe(true);
      expect(aks.workload_identity_enabled).toBe(true);
      expect(aks.azure_policy_enabled).toBe(true);
      expect(aks.run_command_enabled).toBe(false);
    });

    test("Key Vault secrets provider rotates every 2 minutes", () => {
      expect(aks.key_vault_secrets_provider).toEqual({ secret_rotation_enabled: true, secret_rotation_interval: "2m" });
    });

    test("Azure CNI overlay with Cilium policy and data plane", () => {
      expect(aks.network_profile).toEqual({
        network_plugin: "azure",
        network_plugin_mode: "overlay",
        network_policy: "cilium",
        network_data_plane: "cilium",
        pod_cidr: "192.168.0.0/16",
        service_cidr: "172.16.0.0/16",
        dns_service_ip: "172.16.0.10",
        load_balancer_sku: "standard",
        outbound_type: "loadBalancer",
      });
    });

    test("patch and node-image upgrades inside a Sunday 02:00-06:00 UTC window", () => {
      expect(aks.automatic_upgrade_channel).toBe("patch");
      expect(aks.node_os_upgrade_channel).toBe("NodeImage");
      const window = { frequency: "Weekly", interval: 1, day_of_week: "Sunday", start_time: "02:00", duration: 4, utc_offset: "+00:00" };
      expect(aks.maintenance_window_auto_upgrade).toEqual(window);
      expect(aks.maintenance_window_node_os).toEqual(window);
    });

    test("Standard tier, KEDA, system-assigned identity, public API server", () => {
      expect(aks.sku_tier).toBe("Standard");
      expect(aks.workload_autoscaler_profile).toEqual({ keda_enabled: true });
      expect(aks.identity).toEqual({ type: "SystemAssigned" });
      expect(aks.private_cluster_enabled).toBe(false);
      expect(aks.api_server_access_profile).toBeUndefined();
    });

    test("no Container Insights or Defender without a workspace", () => {
      expect(aks.oms_agent).toBeUndefined();
      expect(aks.microsoft_defender).toBeUndefined();
    });

    test("name and DNS prefix derive from the construct path", () => {
      expect(aks.name).toBe("test-cluster");
      expect(aks.dns_prefix).toBe("test-cluster");
      expect(cluster.clusterName).toBe("test-cluster");
    });

    test("exposes the members later constructs need", () => {
      expect(cluster.clusterId).toMatch(/\$\{TfToken\[TOKEN\.\d+\]\}/);
      expect(cluster.oidcIssuerUrl).toMatch(/TfToken/);
      expect(cluster.kubeletIdentityObjectId).toMatch(/TfToken/);
      expect(cluster.zones).toEqual(["1", "2", "3"]);
      expect(cluster.nodeCount).toBe(3);
      expect(cluster.vmSize).toBe("Standard_D4s_v5");
    });
  });

  describe("overrides", () => {
    test("pool size, count, zones, disk and OS", () => {
      const { aks } = synthCluster({
        alwaysOnPoolName: "perimeter",
        vmSize: "Standard_D8s_v5",
        nodeCount: 5,
        zones: ["1", "2"],
        osDiskSizeGiB: 256,
        osSku: NodeOsSku.UBUNTU,
        vnetSubnetId: "/subscriptions/x/subnets/cluster",
      });
      expect(aks.default_node_pool).toMatchObject({
        name: "perimeter",
        vm_size: "Standard_D8s_v5",
        node_count: 5,
        zones: ["1", "2"],
        os_disk_size_gb: 256,
        os_sku: "Ubuntu",
        vnet_subnet_id: "/subscriptions/x/subnets/cluster",
      });
    });

    test("an empty zone list pins no zones", () => {
      const { aks } = synthCluster({ zones: [] });
      expect(aks.default_node_pool.zones).toEqual([]);
    });

    test("names, version and tier", () => {
      const { aks } = synthCluster({ clusterName: "omega", dnsPrefix: "omega-api", kubernetesVersion: "1.33", skuTier: AksSkuTier.FREE });
      expect(aks).toMatchObject({ name: "omega", dns_prefix: "omega-api", kubernetes_version: "1.33", sku_tier: "Free" });
    });

    test("a workspace turns on Container Insights (MSI auth) and Defender", () => {
      const { aks } = synthCluster({ logAnalyticsWorkspaceId: "law-id" });
      expect(aks.oms_agent).toEqual({ log_analytics_workspace_id: "law-id", msi_auth_for_monitoring_enabled: true });
      expect(aks.microsoft_defender).toEqual({ log_analytics_workspace_id: "law-id" });
    });

    test("Container Insights defaults to Microsoft's Standard preset: every stream, every minute", () => {
      const { json } = synthCluster({ logAnalyticsWorkspaceId: "law-id" });
      const rule = onlyResource(json, "azurerm_monitor_data_collection_rule");
      expect(rule.data_flow[0].streams).toEqual(CONTAINER_INSIGHTS_STREAMS);
      expect(JSON.parse(rule.data_sources.extension[0].extension_json)).toEqual({
        dataCollectionSettings: { interval: "1m", namespaceFilteringMode: "Off", enableContainerLogV2: true },
      });
    });

    test("Container Insights without container logs, every 5 minutes, AKS's own namespaces left out", () => {
      const { json } = synthCluster({ logAnalyticsWorkspaceId: "law-id", containerInsights: { containerLogs: false, intervalMinutes: 5, excludeSystemNamespaces: true } });
      const rule = onlyResource(json, "azurerm_monitor_data_collection_rule");
      expect(rule.data_flow[0].streams).toEqual(CONTAINER_INSIGHTS_STREAMS.filter((s) => s !== "Microsoft-ContainerLogV2"));
      expect(rule.data_sources.extension[0].streams).toEqual(rule.data_flow[0].streams);
      expect(JSON.parse(rule.data_sources.extension[0].extension_json)).toEqual({
        dataCollectionSettings: { interval: "5m", namespaceFilteringMode: "Exclude", namespaces: ["kube-system", "gatekeeper-system", "azure-arc"], enableContainerLogV2: true },
      });
    });

    test("Defender can be turned off while Container Insights stays", () => {
      const { aks } = synthCluster({ logAnalyticsWorkspaceId: "law-id", defenderEnabled: false });
      expect(aks.oms_agent).toBeDefined();
      expect(aks.microsoft_defender).toBeUndefined();
    });

    test("Entra admin groups and tenant", () => {
      const { aks } = synthCluster({ adminGroupObjectIds: [GROUP_1, GROUP_2], tenantId: TENANT });
      expect(aks.azure_active_directory_role_based_access_control).toEqual({
        azure_rbac_enabled: true,
        admin_group_object_ids: [GROUP_1, GROUP_2],
        tenant_id: TENANT,
      });
    });

    test("upgrade channels and maintenance window", () => {
      const { aks } = synthCluster({
        automaticUpgradeChannel: UpgradeChannel.STABLE,
        nodeOsUpgradeChannel: NodeOsUpgradeChannel.SECURITY_PATCH,
        maintenanceWindow: MaintenanceWindow.weekly(DayOfWeek.SATURDAY, 22, 6),
      });
      expect(aks.automatic_upgrade_channel).toBe("stable");
      expect(aks.node_os_upgrade_channel).toBe("SecurityPatch");
      expect(aks.maintenance_window_auto_upgrade).toMatchObject({ day_of_week: "Saturday", start_time: "22:00", duration: 6 });
      expect(aks.maintenance_window_node_os).toMatchObject({ day_of_week: "Saturday", start_time: "22:00", duration: 6 });
    });

    test("Azure network policy uses the Azure data plane", () => {
      const { aks } = synthCluster({ networkPolicy: NetworkPolicyEngine.AZURE });
      expect(aks.network_profile).toMatchObject({ network_policy: "azure", network_data_plane: "azure" });
    });

    test("CIDRs", () => {
      const { aks } = synthCluster({ podCidr: "10.244.0.0/16", serviceCidr: "10.96.0.0/12", dnsServiceIp: "10.96.0.10" });
      expect(aks.network_profile).toMatchObject({ pod_cidr: "10.244.0.0/16", service_cidr: "10.96.0.0/12", dns_service_ip: "10.96.0.10" });
    });

    test("private cluster", () => {
      const { aks } = synthCluster({ privateClusterEnabled: true });
      expect(aks.private_cluster_enabled).toBe(true);
    });

    test("authorized IP ranges", () => {
      const { aks } = synthCluster({ authorizedIpRanges: ["203.0.113.0/24"] });
      expect(aks.api_server_access_profile).toEqual({ authorized_ip_ranges: ["203.0.113.0/24"] });
    });

    test("KEDA off, Azure Policy off, slower rotation", () => {
      const { aks } = synthCluster({ kedaEnabled: false, azurePolicyEnabled: false, secretRotationInterval: "1h" });
      expect(aks.workload_autoscaler_profile).toBeUndefined();
      expect(aks.azure_policy_enabled).toBe(false);
      expect(aks.key_vault_secrets_provider.secret_rotation_interval).toBe("1h");
    });

    test("a dedicated system pool moves the always-on pool to a user pool", () => {
      const { aks, json, cluster } = synthCluster({ systemPool: {}, vmSize: "Standard_D8s_v5", nodeCount: 5 });
      expect(aks.default_node_pool).toMatchObject({
        name: "system",
        vm_size: "Standard_D4s_v5",
        node_count: 3,
        only_critical_addons_enabled: true,
      });
      const pool = onlyResource(json, "azurerm_kubernetes_cluster_node_pool");
      expect(pool).toMatchObject({ name: "alwayson", mode: "User", vm_size: "Standard_D8s_v5", node_count: 5, zones: ["1", "2", "3"] });
      expect(pool.priority).toBeUndefined();
      expect(cluster.alwaysOnUserPool).toBeDefined();
    });

    test("system pool options", () => {
      const { aks } = synthCluster({ systemPool: { name: "sys", vmSize: "Standard_D2s_v5", nodeCount: 2 } });
      expect(aks.default_node_pool).toMatchObject({ name: "sys", vm_size: "Standard_D2s_v5", node_count: 2 });
    });
  });

  describe("connection", () => {
    test("kubelogin exec credential with the AKS server id", () => {
      const { cluster } = synthCluster();
      const connection = cluster.connection();
      expect(connection.exec).toEqual({
        apiVersion: "client.authentication.k8s.io/v1beta1",
        command: "kubelogin",
        args: ["get-token", "--login", "azurecli", "--server-id", AKS_ENTRA_SERVER_ID],
      });
      expect(AKS_ENTRA_SERVER_ID).toBe("6dae42f8-4368-4678-94ff-3960e28e3630");
      expect(cluster.connection(KubeloginMode.WORKLOAD_IDENTITY).exec.args).toContain("workloadidentity");
    });
  });

  describe("validation", () => {
    test("fails on an empty VM size", () => {
      expect(build({ vmSize: "" })).toThrow(
        'test/Cluster: invalid vmSize "": expected an Azure VM size such as Standard_D4s_v5 (Standard_<family><vCPUs><features>[_<version>])',
      );
    });

    test("fails on a VM size not of the Azure shape", () => {
      expect(build({ vmSize: "D4s_v5" })).toThrow('test/Cluster: invalid vmSize "D4s_v5": expected an Azure VM size such as Standard_D4s_v5');
      expect(build({ vmSize: "standard_d4s_v5" })).toThrow('test/Cluster: invalid vmSize "standard_d4s_v5"');
      expect(build({ systemPool: { vmSize: "Standard D4s v5" } })).toThrow('test/Cluster: invalid systemPool.vmSize "Standard D4s v5"');
    });

    test("accepts the VM sizes of the Azure shape", () => {
      for (const vmSize of ["Standard_D4s_v5", "Standard_NC24ads_A100_v4", "Standard_M64-16ms", "Standard_B2s", "Standard_D2_v5", "Basic_A1"]) {
        expect(build({ vmSize })).not.toThrow();
      }
    });

    test("fails on a Kubernetes version alias", () => {
      expect(build({ kubernetesVersion: "latest" })).toThrow(
        'test/Cluster: invalid kubernetesVersion "latest": expected a Kubernetes version such as "1.33" or "1.33.2", not an alias such as "latest"',
      );
      expect(build({ kubernetesVersion: "v1.33" })).toThrow('test/Cluster: invalid kubernetesVersion "v1.33"');
      expect(build({ kubernetesVersion: "1" })).toThrow('test/Cluster: invalid kubernetesVersion "1"');
    });

    test("accepts major.minor and major.minor.patch", () => {
      expect(build({ kubernetesVersion: "1.33" })).not.toThrow();
      expect(build({ kubernetesVersion: "1.33.2" })).not.toThrow();
    });

    test("fails on a location that is not an Azure region", () => {
      expect(build({ location: "east-us" })).toThrow(
        'test/Cluster: invalid location "east-us": expected an Azure region name such as eastus or westeurope',
      );
    });

    test("fails on a tenant that is not a UUID", () => {
      expect(build({ tenantId: "contoso.onmicrosoft.com" })).toThrow(
        'test/Cluster: invalid tenantId "contoso.onmicrosoft.com": expected a UUID such as 00000000-0000-0000-0000-000000000000',
      );
    });

    test("fails on an admin group that is not an object id", () => {
      expect(build({ adminGroupObjectIds: [GROUP_1, "platform-admins"] })).toThrow(
        'test/Cluster: invalid adminGroupObjectIds[1] "platform-admins": expected a UUID such as 00000000-0000-0000-0000-000000000000',
      );
    });

    test("fails on a cluster name with invalid characters", () => {
      expect(build({ clusterName: "omega aks" })).toThrow(
        'test/Cluster: invalid clusterName "omega aks": expected 1-63 letters, digits, hyphens or underscores, starting and ending with a letter or digit',
      );
    });

    test("fails on a DNS prefix longer than 54 characters", () => {
      const prefix = "a".repeat(55);
      expect(build({ dnsPrefix: prefix })).toThrow(
        `test/Cluster: invalid dnsPrefix "${prefix}": expected 1-54 letters, digits or hyphens, starting and ending with a letter or digit`,
      );
    });

    test("fails on a pool name over 12 characters", () => {
      expect(build({ alwaysOnPoolName: "alwaysonpool1" })).toThrow(
        'test/Cluster: invalid alwaysOnPoolName "alwaysonpool1": expected 1-12 lowercase letters and digits starting with a letter (AKS Linux node pool name)',
      );
    });

    test("fails on an uppercase pool name", () => {
      expect(build({ alwaysOnPoolName: "AlwaysOn" })).toThrow('invalid alwaysOnPoolName "AlwaysOn"');
    });

    test("fails on zero nodes", () => {
      expect(build({ nodeCount: 0 })).toThrow("test/Cluster: invalid nodeCount 0: expected an integer from 1 to 1000");
    });

    test("fails on a fractional node count", () => {
      expect(build({ nodeCount: 2.5 })).toThrow("test/Cluster: invalid nodeCount 2.5: expected an integer from 1 to 1000");
    });

    test("fails on an unknown zone", () => {
      expect(build({ zones: ["1", "4"] })).toThrow(
        'test/Cluster: invalid zones ["1","4"]: expected distinct availability zones from "1", "2", "3"',
      );
    });

    test("fails on a repeated zone", () => {
      expect(build({ zones: ["1", "1"] })).toThrow('invalid zones ["1","1"]');
    });

    test("fails on an OS disk below 30 GiB", () => {
      expect(build({ osDiskSizeGiB: 20 })).toThrow("test/Cluster: invalid osDiskSizeGiB 20: expected an integer from 30 to 2048");
    });

    test("fails on Container Insights options without a workspace", () => {
      expect(build({ containerInsights: { containerLogs: false } })).toThrow(
        'test/Cluster: invalid containerInsights {"containerLogs":false}: expected logAnalyticsWorkspaceId to be set: Container Insights needs a workspace',
      );
    });

    test("fails on a Container Insights interval over 30 minutes", () => {
      expect(build({ logAnalyticsWorkspaceId: "law-id", containerInsights: { intervalMinutes: 45 } })).toThrow(
        "test/Cluster: invalid containerInsights.intervalMinutes 45: expected an integer from 1 to 30",
      );
    });

    test("fails on Defender without a workspace", () => {
      expect(build({ defenderEnabled: true })).toThrow(
        "test/Cluster: invalid defenderEnabled true: expected logAnalyticsWorkspaceId to be set when Defender is enabled",
      );
    });

    test("fails on a maintenance window shorter than 4 hours", () => {
      expect(build({ maintenanceWindow: MaintenanceWindow.weekly(DayOfWeek.MONDAY, 1, 3) })).toThrow(
        "test/Cluster: invalid maintenanceWindow.durationHours 3: expected an integer from 4 to 24",
      );
    });

    test("fails on a maintenance window starting at hour 24", () => {
      expect(build({ maintenanceWindow: MaintenanceWindow.weekly(DayOfWeek.MONDAY, 24, 4) })).toThrow(
        "test/Cluster: invalid maintenanceWindow.startHourUtc 24: expected an integer from 0 to 23",
      );
    });

    test("fails on a rotation interval without a unit", () => {
      expect(build({ secretRotationInterval: "120" })).toThrow(
        'test/Cluster: invalid secretRotationInterval "120": expected a duration such as "2m", "30s" or "1h"',
      );
    });

    test("fails on authorized ranges for a private cluster", () => {
      expect(build({ privateClusterEnabled: true, authorizedIpRanges: ["203.0.113.0/24"] })).toThrow(
        'test/Cluster: invalid authorizedIpRanges ["203.0.113.0/24"]: expected none with privateClusterEnabled: a private API server has no public endpoint to restrict',
      );
    });

    test("fails on an authorized range that is not a CIDR", () => {
      expect(build({ authorizedIpRanges: ["office"] })).toThrow(
        'test/Cluster: invalid authorizedIpRanges "office/32": expected an IPv4 CIDR block such as 10.0.0.0/16',
      );
    });

    test("fails on a pod CIDR with host bits", () => {
      expect(build({ podCidr: "10.244.1.0/16" })).toThrow(
        'test/Cluster: invalid podCidr "10.244.1.0/16": expected the network address of the block (host bits zero)',
      );
    });

    test("fails on a service CIDR overlapping the pod CIDR", () => {
      expect(build({ serviceCidr: "192.168.128.0/20", dnsServiceIp: "192.168.128.10" })).toThrow(
        'test/Cluster: invalid serviceCidr "192.168.128.0/20": expected a block that does not overlap podCidr (192.168.0.0/16)',
      );
    });

    test("fails on a DNS service address outside the service CIDR", () => {
      expect(build({ dnsServiceIp: "10.0.0.10" })).toThrow(
        'test/Cluster: invalid dnsServiceIp "10.0.0.10": expected an IPv4 address inside serviceCidr (172.16.0.0/16)',
      );
    });

    test("fails on a system pool named like the always-on pool", () => {
      expect(build({ systemPool: { name: "alwayson" } })).toThrow(
        'test/Cluster: invalid systemPool.name "alwayson": expected a name other than alwaysOnPoolName ("alwayson")',
      );
    });

    test("fails on a single-node system pool", () => {
      expect(build({ systemPool: { nodeCount: 1 } })).toThrow(
        "test/Cluster: invalid systemPool.nodeCount 1: expected an integer from 2 to 1000",
      );
    });

    test("accepts unresolved tokens and leaves them to apply time", () => {
      const { stack } = testStack();
      const first = new AlwaysOnCluster(stack, "First", MINIMAL);
      expect(() => new AlwaysOnCluster(stack, "Second", { ...MINIMAL, clusterName: first.resource.name })).not.toThrow();
    });
  });
});
