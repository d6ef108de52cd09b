import { Construct } from "constructs";
import { Fn } from "cdktf";
import { DataAzurermClientConfig } from "../providers/azurerm/data-azurerm-client-config";
import {
  KubernetesCluster,
  KubernetesClusterDefaultNodePool,
} from "../providers/azurerm/kubernetes-cluster";
import { KubernetesClusterNodePool } from "../providers/azurerm/kubernetes-cluster-node-pool";
import { MonitorDataCollectionRule } from "../providers/azurerm/monitor-data-collection-rule";
import { MonitorDataCollectionRuleAssociation } from "../providers/azurerm/monitor-data-collection-rule-association";
import {
  AksSkuTier,
  DayOfWeek,
  MaintenanceWindow,
  NetworkPolicyEngine,
  NodeOsSku,
  NodeOsUpgradeChannel,
  UpgradeChannel,
} from "./aks-options";
import { isAzureRegion } from "./azure-regions";
import {
  checkInteger,
  checkKubernetesVersion,
  checkNodePoolName,
  checkUuid,
  checkVmSize,
  checkZones,
  cidrContains,
  cidrsOverlap,
  isUnresolved,
  parseCidr,
  parseIpv4,
} from "./checks";
import { KubeloginMode, KubernetesConnection, kubeloginExec } from "./kubernetes-connection";
import { nameFromPath } from "./names";
import { ValidationError } from "./validation-error";

/**
 * The Container Insights streams with ContainerLogV2 (Microsoft's Terraform sample for managed
 * identity authentication): logs, Kubernetes inventory and events, and performance metrics.
 */
export const CONTAINER_INSIGHTS_STREAMS: readonly string[] = [
  "Microsoft-ContainerLogV2",
  "Microsoft-KubeEvents",
  "Microsoft-KubePodInventory",
  "Microsoft-KubeNodeInventory",
  "Microsoft-KubePVInventory",
  "Microsoft-KubeServices",
  "Microsoft-KubeMonAgentEvents",
  "Microsoft-InsightsMetrics",
  "Microsoft-ContainerInventory",
  "Microsoft-ContainerNodeInventory",
  "Microsoft-Perf",
];

/** The Container Insights stream of containers' stdout and stderr. */
export const CONTAINER_LOGS_STREAM = "Microsoft-ContainerLogV2";

/** Namespaces Microsoft's Cost-optimized preset leaves out of inventory and performance data. */
export const CONTAINER_INSIGHTS_SYSTEM_NAMESPACES: readonly string[] = ["kube-system", "gatekeeper-system", "azure-arc"];

/**
 * What Container Insights collects into Log Analytics (its data collection rule). The defaults are
 * Microsoft's Standard preset with container logs; `{ containerLogs: false, intervalMinutes: 5,
 * excludeSystemNamespaces: true }` is its Cost-optimized preset without the container logs that a
 * log store in the cluster (Loki) already keeps.
 */
export interface ContainerInsightsOptions {
  /**
   * Send containers' stdout and stderr to the workspace (the ContainerLogV2 table).
   * @default true
   */
  readonly containerLogs?: boolean;
  /**
   * Minutes between inventory and performance samples (Azure allows 1-30).
   * @default 1
   */
  readonly intervalMinutes?: number;
  /**
   * Leave kube-system, gatekeeper-system and azure-arc out of inventory and performance data.
   * @default false
   */
  readonly excludeSystemNamespaces?: boolean;
}

/** A dedicated system pool for add-ons, when the always-on pool should carry only workloads. */
export interface SystemPoolOptions {
  /**
   * @default "system"
   */
  readonly name?: string;
  /**
   * Azure VM size, `Standard_<family><vCPUs><features>[_<version>]`.
   * @default "Standard_D4s_v5"
   */
  readonly vmSize?: string;
  /**
   * Nodes; at least 2 so add-ons survive a node upgrade.
   * @default 3
   */
  readonly nodeCount?: number;
}

/** Where a cluster identifies itself to other constructs (spot pools, workloads). */
export interface IKubernetesCluster {
  /** Azure resource id of the managed cluster. */
  readonly clusterId: string;
  /** Subnet the nodes use, when the cluster is on a customer virtual network. */
  readonly vnetSubnetId?: string;
  /** Zones of the always-on pool. */
  readonly zones: readonly string[];
}

export interface AlwaysOnClusterProps {
  readonly resourceGroupName: string;
  /** Azure region name, e.g. `eastus`. */
  readonly location: string;
  /**
   * Cluster name: 1-63 letters, digits, hyphens and underscores, starting and ending alphanumeric.
   * @default - derived from the construct path
   */
  readonly clusterName?: string;
  /**
   * DNS prefix of the API server FQDN.
   * @default - the cluster name, cut to 54 characters
   */
  readonly dnsPrefix?: string;
  /**
   * Kubernetes version, `major.minor` or `major.minor.patch` (not an alias such as "latest"); kept
   * current within its minor by `automaticUpgradeChannel`.
   * @default - the AKS default version at creation
   */
  readonly kubernetesVersion?: string;
  /**
   * Name of the always-on pool (the cluster's default pool unless `systemPool` is set).
   * @default "alwayson"
   */
  readonly alwaysOnPoolName?: string;
  /**
   * VM size of the always-on pool, `Standard_<family><vCPUs><features>[_<version>]`.
   * @default "Standard_D4s_v5"
   */
  readonly vmSize?: string;
  /**
   * Nodes in the always-on pool; fixed, since the perimeter never scales to zero.
   * @default 3
   */
  readonly nodeCount?: number;
  /**
   * Availability zones of the always-on pool; empty to pin none (regions without zones).
   * @default ["1", "2", "3"]
   */
  readonly zones?: readonly string[];
  /**
   * OS disk size of each node, GiB.
   * @default 128
   */
  readonly osDiskSizeGiB?: number;
  /**
   * @default NodeOsSku.AZURE_LINUX
   */
  readonly osSku?: NodeOsSku;
  /**
   * Subnet for the nodes (pods use the overlay CIDR, not the subnet).
   * @default - AKS creates and manages a virtual network
   */
  readonly vnetSubnetId?: string;
  /**
   * Pricing tier. Standard carries the uptime SLA; use Free only where no SLA is promised.
   * @default AksSkuTier.STANDARD
   */
  readonly skuTier?: AksSkuTier;
  /**
   * Entra ID groups given cluster-admin through Azure RBAC.
   * @default - none; grant access with Azure role assignments
   */
  readonly adminGroupObjectIds?: readonly string[];
  /**
   * Entra ID tenant of the cluster's users.
   * @default - the tenant the azurerm provider authenticates to (`azurerm_client_config`)
   */
  readonly tenantId?: string;
  /**
   * Log Analytics workspace for Container Insights and Microsoft Defender.
   * @default - no Container Insights and no Defender
   */
  readonly logAnalyticsWorkspaceId?: string;
  /**
   * What Container Insights collects; needs `logAnalyticsWorkspaceId`.
   * @default - Microsoft's Standard preset: every stream, container logs included, every minute
   */
  readonly containerInsights?: ContainerInsightsOptions;
  /**
   * Microsoft Defender for Containers; needs `logAnalyticsWorkspaceId`.
   * @default - true when `logAnalyticsWorkspaceId` is set
   */
  readonly defenderEnabled?: boolean;
  /**
   * Azure Policy add-on (Gatekeeper) for admission-time compliance.
   * @default true
   */
  readonly azurePolicyEnabled?: boolean;
  /**
   * @default UpgradeChannel.PATCH
   */
  readonly automaticUpgradeChannel?: UpgradeChannel;
  /**
   * @default NodeOsUpgradeChannel.NODE_IMAGE
   */
  readonly nodeOsUpgradeChannel?: NodeOsUpgradeChannel;
  /**
   * When cluster and node-OS upgrades may run.
   * @default MaintenanceWindow.weekly(DayOfWeek.SUNDAY, 2, 4) - Sundays 02:00-06:00 UTC
   */
  readonly maintenanceWindow?: MaintenanceWindow;
  /**
   * Engine that enforces NetworkPolicy objects.
   * @default NetworkPolicyEngine.CILIUM
   */
  readonly networkPolicy?: NetworkPolicyEngine;
  /**
   * Overlay CIDR for pods; must not overlap the virtual network or the service CIDR.
   * @default "192.168.0.0/16"
   */
  readonly podCidr?: string;
  /**
   * CIDR for Kubernetes services.
   * @default "172.16.0.0/16"
   */
  readonly serviceCidr?: string;
  /**
   * Cluster DNS address, inside `serviceCidr`.
   * @default "172.16.0.10"
   */
  readonly dnsServiceIp?: string;
  /**
   * API server reachable only from the virtual network.
   * @default false - public endpoint guarded by Entra ID (and `authorizedIpRanges` if set)
   */
  readonly privateClusterEnabled?: boolean;
  /**
   * CIDRs allowed to reach a public API server.
   * @default - any address (authentication still required)
   */
  readonly authorizedIpRanges?: readonly string[];
  /**
   * KEDA add-on, for the agent teams' schedules.
   * @default true
   */
  readonly kedaEnabled?: boolean;
  /**
   * How often the Key Vault secrets provider polls for rotated secrets.
   * @default "2m"
   */
  readonly secretRotationInterval?: string;
  /**
   * A dedicated system pool; then the always-on pool becomes a user pool beside it.
   * @default - none: the always-on pool is the system pool, as seed 004 runs the perimeter on it
   */
  readonly systemPool?: SystemPoolOptions;
}

const CLUSTER_NAME = /^[a-zA-Z0-9]([a-zA-Z0-9_-]{0,61}[a-zA-Z0-9])?$/;
const DNS_PREFIX = /^[a-zA-Z0-9]([a-zA-Z0-9-]{0,52}[a-zA-Z0-9])?$/;
const DURATION = /^[1-9][0-9]*[smh]$/;

/**
 * An AKS cluster whose default node pool is the platform's always-on pool, secure by default:
 * Entra ID with Azure RBAC and no local accounts, OIDC issuer and workload identity, Azure Policy,
 * Key Vault secrets provider with rotation, Azure CNI overlay with a network policy engine,
 * automatic Kubernetes and node-OS upgrades inside a maintenance window, KEDA, Standard tier.
 */
export class AlwaysOnCluster extends Construct implements IKubernetesCluster {
  public readonly resource: KubernetesCluster;
  /** The always-on pool when a dedicated system pool is in use; otherwise the default pool is it. */
  public readonly alwaysOnUserPool?: KubernetesClusterNodePool;
  /**
   * What Container Insights collects and where it sends it. With managed-identity auth the
   * monitoring agent collects nothing until a data collection rule is associated with the cluster.
   */
  public readonly containerInsightsRule?: MonitorDataCollectionRule;
  public readonly containerInsightsAssociation?: MonitorDataCollectionRuleAssociation;
  public readonly clusterId: string;
  public readonly clusterName: string;
  public readonly location: string;
  public readonly resourceGroupName: string;
  public readonly vnetSubnetId?: string;
  public readonly zones: readonly string[];
  public readonly alwaysOnPoolName: string;
  public readonly vmSize: string;
  public readonly nodeCount: number;
  /** OIDC issuer URL, for workload-identity federated credentials. */
  public readonly oidcIssuerUrl: string;
  /** Object id of the kubelet identity, for AcrPull and similar role assignments. */
  public readonly kubeletIdentityObjectId: string;
  public readonly kubeletIdentityClientId: string;
  /** Resource group AKS creates for the nodes. */
  public readonly nodeResourceGroup: string;
  /** Resource id of that group (where the cloud provider creates load balancers and Private Link services). */
  public readonly nodeResourceGroupId: string;
  /** Principal id of the cluster's own (control-plane) identity, which manages its load balancers. */
  public readonly identityPrincipalId: string;
  /** API server URL. */
  public readonly host: string;
  /** PEM of the cluster CA. */
  public readonly clusterCaCertificate: string;

  constructor(scope: Construct, id: string, props: AlwaysOnClusterProps) {
    super(scope, id);

    const clusterName = props.clusterName ?? nameFromPath(this, 63);
    const dnsPrefix =
      props.dnsPrefix ??
      (isUnresolved(clusterName) ? clusterName : clusterName.slice(0, 54).replace(/[^a-zA-Z0-9]+$/, ""));
    const poolName = props.alwaysOnPoolName ?? "alwayson";
    const vmSize = props.vmSize ?? "Standard_D4s_v5";
    const nodeCount = props.nodeCount ?? 3;
    const zones = props.zones ?? ["1", "2", "3"];
    const osDiskSizeGiB = props.osDiskSizeGiB ?? 128;
    const osSku = props.osSku ?? NodeOsSku.AZURE_LINUX;
    const skuTier = props.skuTier ?? AksSkuTier.STANDARD;
    const defenderEnabled = props.defenderEnabled ?? props.logAnalyticsWorkspaceId !== undefined;
    const containerLogs = props.containerInsights?.containerLogs ?? true;
    const insightsIntervalMinutes = props.containerInsights?.intervalMinutes ?? 1;
    const excludeSystemNamespaces = props.containerInsights?.excludeSystemNamespaces ?? false;
    const azurePolicyEnabled = props.azurePolicyEnabled ?? true;
    const upgradeChannel = props.automaticUpgradeChannel ?? UpgradeChannel.PATCH;
    const nodeOsChannel = props.nodeOsUpgradeChannel ?? NodeOsUpgradeChannel.NODE_IMAGE;
    const window = props.maintenanceWindow ?? MaintenanceWindow.weekly(DayOfWeek.SUNDAY, 2, 4);
    const networkPolicy = props.networkPolicy ?? NetworkPolicyEngine.CILIUM;
    const podCidr = props.podCidr ?? "192.168.0.0/16";
    const serviceCidr = props.serviceCidr ?? "172.16.0.0/16";
    const dnsServiceIp = props.dnsServiceIp ?? "172.16.0.10";
    const privateClusterEnabled = props.privateClusterEnabled ?? false;
    const kedaEnabled = props.kedaEnabled ?? true;
    const rotationInterval = props.secretRotationInterval ?? "2m";

    this.validate(props, {
      clusterName,
      dnsPrefix,
      poolName,
      vmSize,
      nodeCount,
      zones,
      osDiskSizeGiB,
      defenderEnabled,
      window,
      podCidr,
      serviceCidr,
      dnsServiceIp,
      rotationInterval,
    });

    // azurerm's schema (5.2 as 4.55) puts AtLeastOneOf on tenant_id and admin_group_object_ids
    // (its docs call both optional), so the block always names a tenant: the given one or the provider's.
    const tenantId = props.tenantId ?? new DataAzurermClientConfig(this, "Client", {}).tenantId;

    const system = props.systemPool;
    const systemPoolName = system?.name ?? "system";
    const systemPoolVmSize = system?.vmSize ?? "Standard_D4s_v5";
    const systemPoolNodeCount = system?.nodeCount ?? 3;
    if (system) {
      checkNodePoolName(this, "systemPool.name", systemPoolName);
      checkVmSize(this, "systemPool.vmSize", systemPoolVmSize);
      checkInteger(this, "systemPool.nodeCount", systemPoolNodeCount, 2, 1000);
      if (systemPoolName === poolName) {
        throw new ValidationError(this, "systemPool.name", systemPoolName, `expected a name other than alwaysOnPoolName ("${poolName}")`);
      }
    }

    const defaultNodePool: KubernetesClusterDefaultNodePool = {
      name: system ? systemPoolName : poolName,
      vmSize: system ? systemPoolVmSize : vmSize,
      nodeCount: system ? systemPoolNodeCount : nodeCount,
      zones: [...zones],
      vnetSubnetId: props.vnetSubnetId,
      osDiskSizeGb: osDiskSizeGiB,
      osDiskType: "Managed",
      osSku,
      type: "VirtualMachineScaleSets",
      onlyCriticalAddonsEnabled: system ? true : undefined,
      // Changing the VM size or zones rotates the pool through a temporary one instead of failing.
      temporaryNameForRotation: "tmprotation",
      upgradeSettings: { maxSurge: "10%" },
    };

    const weekly = {
      frequency: "Weekly",
      interval: 1,
      dayOfWeek: window.dayOfWeek,
      startTime: window.startTime,
      duration: window.durationHours,
      utcOffset: "+00:00",
    };

    this.resource = new KubernetesCluster(this, "Resource", {
      name: clusterName,
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      dnsPrefix,
      kubernetesVersion: props.kubernetesVersion,
      skuTier,
      defaultNodePool,
      identity: { type: "SystemAssigned" },
      localAccountDisabled: true,
      roleBasedAccessControlEnabled: true,
      azureActiveDirectoryRoleBasedAccessControl: {
        azureRbacEnabled: true,
        adminGroupObjectIds: props.adminGroupObjectIds ? [...props.adminGroupObjectIds] : undefined,
        tenantId,
      },
      // azurerm 5 requires the block. Manual: the node pools are the ones this library declares
      // (node auto-provisioning, Karpenter on AKS, would add pools Terraform and the cost model do not see).
      nodeProvisioningProfile: { mode: "Manual" },
      // azurerm 5's default too; said here because workload identity needs it.
      oidcIssuerEnabled: true,
      workloadIdentityEnabled: true,
      azurePolicyEnabled,
      runCommandEnabled: false,
      imageCleanerEnabled: true,
      imageCleanerIntervalHours: 48,
      keyVaultSecretsProvider: {
        secretRotationEnabled: true,
        secretRotationInterval: rotationInterval,
      },
      networkProfile: {
        networkPlugin: "azure",
        networkPluginMode: "overlay",
        networkPolicy,
        networkDataPlane: networkPolicy === NetworkPolicyEngine.CILIUM ? "cilium" : "azure",
        podCidr,
        serviceCidr,
        dnsServiceIp,
        loadBalancerSku: "standard",
        outboundType: "loadBalancer",
      },
      privateClusterEnabled,
      apiServerAccessProfile: props.authorizedIpRanges
        ? { authorizedIpRanges: [...props.authorizedIpRanges] }
        : undefined,
      automaticUpgradeChannel: upgradeChannel,
      nodeOsUpgradeChannel: nodeOsChannel,
      maintenanceWindowAutoUpgrade: weekly,
      maintenanceWindowNodeOs: weekly,
      workloadAutoscalerProfile: kedaEnabled ? { kedaEnabled: true } : undefined,
      omsAgent: props.logAnalyticsWorkspaceId
        ? { logAnalyticsWorkspaceId: props.logAnalyticsWorkspaceId, msiAuthForMonitoringEnabled: true }
        : undefined,
      microsoftDefender:
        defenderEnabled && props.logAnalyticsWorkspaceId
          ? { logAnalyticsWorkspaceId: props.logAnalyticsWorkspaceId }
          : undefined,
    });

    if (props.containerInsights && !props.logAnalyticsWorkspaceId) {
      throw new ValidationError(this, "containerInsights", props.containerInsights, "expected logAnalyticsWorkspaceId to be set: Container Insights needs a workspace");
    }
    checkInteger(this, "containerInsights.intervalMinutes", insightsIntervalMinutes, 1, 30);
    if (props.logAnalyticsWorkspaceId) {
      const streams = CONTAINER_INSIGHTS_STREAMS.filter((stream) => containerLogs || stream !== CONTAINER_LOGS_STREAM);
      this.containerInsightsRule = new MonitorDataCollectionRule(this, "ContainerInsights", {
        // DCR names allow 64 characters; Microsoft's sample prefixes "MSCI-<region>-".
        name: isUnresolved(clusterName) ? clusterName : `MSCI-${props.location}-${clusterName}`.slice(0, 64).replace(/[^a-zA-Z0-9]+$/, ""),
        resourceGroupName: props.resourceGroupName,
        location: props.location,
        description: "Container Insights (managed identity) for the cluster",
        destinations: { logAnalytics: [{ name: "ciworkspace", workspaceResourceId: props.logAnalyticsWorkspaceId }] },
        dataFlow: [{ streams, destinations: ["ciworkspace"] }],
        dataSources: {
          extension: [
            {
              name: "ContainerInsightsExtension",
              extensionName: "ContainerInsights",
              streams,
              extensionJson: JSON.stringify({
                dataCollectionSettings: {
                  interval: `${insightsIntervalMinutes}m`,
                  namespaceFilteringMode: excludeSystemNamespaces ? "Exclude" : "Off",
                  ...(excludeSystemNamespaces ? { namespaces: [...CONTAINER_INSIGHTS_SYSTEM_NAMESPACES] } : {}),
                  enableContainerLogV2: true,
                },
              }),
            },
          ],
        },
      });
      this.containerInsightsAssociation = new MonitorDataCollectionRuleAssociation(this, "ContainerInsightsAssociation", {
        name: "ContainerInsightsExtension",
        targetResourceId: this.resource.id,
        dataCollectionRuleId: this.containerInsightsRule.id,
        description: "Association of the Container Insights data collection rule; deleting it stops collection for this cluster",
      });
    }

    if (system) {
      this.alwaysOnUserPool = new KubernetesClusterNodePool(this, "AlwaysOnPool", {
        name: poolName,
        kubernetesClusterId: this.resource.id,
        mode: "User",
        vmSize,
        nodeCount,
        zones: [...zones],
        vnetSubnetId: props.vnetSubnetId,
        osDiskSizeGb: osDiskSizeGiB,
        osDiskType: "Managed",
        osSku,
        temporaryNameForRotation: "tmprotation",
        upgradeSettings: { maxSurge: "10%" },
      });
    }

    this.clusterId = this.resource.id;
    this.clusterName = clusterName;
    this.location = props.location;
    this.resourceGroupName = props.resourceGroupName;
    this.vnetSubnetId = props.vnetSubnetId;
    this.zones = zones;
    this.alwaysOnPoolName = poolName;
    this.vmSize = vmSize;
    this.nodeCount = nodeCount;
    this.oidcIssuerUrl = this.resource.oidcIssuerUrl;
    this.kubeletIdentityObjectId = this.resource.kubeletIdentity.objectId;
    this.kubeletIdentityClientId = this.resource.kubeletIdentity.clientId;
    this.nodeResourceGroup = this.resource.nodeResourceGroup;
    this.nodeResourceGroupId = this.resource.nodeResourceGroupId;
    this.identityPrincipalId = this.resource.identity.principalId;
    // With local accounts disabled, kube_config holds the user endpoint and CA, no credentials.
    this.host = this.resource.kubeConfig.get(0).host;
    this.clusterCaCertificate = Fn.base64decode(this.resource.kubeConfig.get(0).clusterCaCertificate);
  }

  /** What the kubernetes and helm providers need, authenticating through kubelogin. */
  public connection(mode: KubeloginMode = KubeloginMode.AZURE_CLI): KubernetesConnection {
    return { host: this.host, clusterCaCertificate: this.clusterCaCertificate, exec: kubeloginExec(mode) };
  }

  private validate(
    props: AlwaysOnClusterProps,
    resolved: {
      clusterName: string;
      dnsPrefix: string;
      poolName: string;
      vmSize: string;
      nodeCount: number;
      zones: readonly string[];
      osDiskSizeGiB: number;
      defenderEnabled: boolean;
      window: MaintenanceWindow;
      podCidr: string;
      serviceCidr: string;
      dnsServiceIp: string;
      rotationInterval: string;
    },
  ): void {
    if (!isUnresolved(props.location) && !isAzureRegion(props.location)) {
      throw new ValidationError(this, "location", props.location, "expected an Azure region name such as eastus or westeurope");
    }
    if (!isUnresolved(resolved.clusterName) && !CLUSTER_NAME.test(resolved.clusterName)) {
      throw new ValidationError(
        this,
        "clusterName",
        resolved.clusterName,
        "expected 1-63 letters, digits, hyphens or underscores, starting and ending with a letter or digit",
      );
    }
    if (!isUnresolved(resolved.dnsPrefix) && !DNS_PREFIX.test(resolved.dnsPrefix)) {
      throw new ValidationError(
        this,
        "dnsPrefix",
        resolved.dnsPrefix,
        "expected 1-54 letters, digits or hyphens, starting and ending with a letter or digit",
      );
    }
    if (props.tenantId !== undefined) checkUuid(this, "tenantId", props.tenantId);
    (props.adminGroupObjectIds ?? []).forEach((group, i) => checkUuid(this, `adminGroupObjectIds[${i}]`, group));
    checkNodePoolName(this, "alwaysOnPoolName", resolved.poolName);
    checkVmSize(this, "vmSize", resolved.vmSize);
    if (props.kubernetesVersion !== undefined) checkKubernetesVersion(this, "kubernetesVersion", props.kubernetesVersion);
    checkInteger(this, "nodeCount", resolved.nodeCount, 1, 1000);
    checkZones(this, "zones", resolved.zones);
    checkInteger(this, "osDiskSizeGiB", resolved.osDiskSizeGiB, 30, 2048);
    if (resolved.defenderEnabled && props.logAnalyticsWorkspaceId === undefined) {
      throw new ValidationError(this, "defenderEnabled", true, "expected logAnalyticsWorkspaceId to be set when Defender is enabled");
    }
    const window = resolved.window;
    checkInteger(this, "maintenanceWindow.startHourUtc", window.startHourUtc, 0, 23);
    checkInteger(this, "maintenanceWindow.durationHours", window.durationHours, 4, 24);
    if (!DURATION.test(resolved.rotationInterval)) {
      throw new ValidationError(this, "secretRotationInterval", resolved.rotationInterval, 'expected a duration such as "2m", "30s" or "1h"');
    }
    if (props.privateClusterEnabled && props.authorizedIpRanges) {
      throw new ValidationError(
        this,
        "authorizedIpRanges",
        props.authorizedIpRanges,
        "expected none with privateClusterEnabled: a private API server has no public endpoint to restrict",
      );
    }
    for (const range of props.authorizedIpRanges ?? []) {
      if (!isUnresolved(range)) parseCidr(this, "authorizedIpRanges", range.includes("/") ? range : `${range}/32`);
    }
    if (isUnresolved(resolved.podCidr) || isUnresolved(resolved.serviceCidr) || isUnresolved(resolved.dnsServiceIp)) return;
    const pods = parseCidr(this, "podCidr", resolved.podCidr);
    const services = parseCidr(this, "serviceCidr", resolved.serviceCidr);
    if (cidrsOverlap(pods, services)) {
      throw new ValidationError(this, "serviceCidr", resolved.serviceCidr, `expected a block that does not overlap podCidr (${resolved.podCidr})`);
    }
    const dns = parseIpv4(resolved.dnsServiceIp);
    if (dns === undefined || !cidrContains(services, dns)) {
      throw new ValidationError(this, "dnsServiceIp", resolved.dnsServiceIp, `expected an IPv4 address inside serviceCidr (${resolved.serviceCidr})`);
    }
  }
}
