import { Construct } from "constructs";
import { AksSkuTier } from "../constructs/aks-options";
import { AlwaysOnCluster } from "../constructs/always-on-cluster";
import { MonitoringWorkspace } from "../constructs/monitoring-workspace";
import { PlatformNetwork } from "../constructs/platform-network";
import { SpotAutoscalePool } from "../constructs/spot-autoscale-pool";
import { ValidationError } from "../constructs/validation-error";
import { PlatformKind, TierRegion } from "../tiers/tier-spec";
import { AzureStack, PlatformStackProps } from "./platform-stack";

/** Pod and service CIDRs of every cluster; regions reuse them since overlay traffic stays in-cluster. */
const POD_CIDR = "192.168.0.0/16";
const SERVICE_CIDR = "172.16.0.0/16";
const DNS_SERVICE_IP = "172.16.0.10";

export interface AksPlatformStackProps extends PlatformStackProps {
  /** The tier region this stack deploys; one of `tier.regions`. */
  readonly region: TierRegion;
  /**
   * @default - ARM_SUBSCRIPTION_ID at plan time
   */
  readonly subscriptionId?: string;
  /**
   * Entra ID groups that administer the cluster.
   * @default - none; grant access with Azure role assignments
   */
  readonly adminGroupObjectIds?: readonly string[];
}

/**
 * The Azure side of one regional AKS platform (`small-prod`, `enterprise-<region>`): resource group,
 * virtual network, Log Analytics, the always-on cluster and the spot pool, sized from the tier.
 */
export class AksPlatformStack extends AzureStack {
  public readonly network: PlatformNetwork;
  public readonly monitoring: MonitoringWorkspace;
  public readonly cluster: AlwaysOnCluster;
  public readonly spotPool: SpotAutoscalePool;
  public readonly region: TierRegion;

  constructor(scope: Construct, id: string, props: AksPlatformStackProps) {
    super(scope, id, { ...props, regionTag: props.region.name, location: props.region.name });
    const { tier, region } = props;
    if (tier.platform !== PlatformKind.AKS || !tier.cluster) {
      throw new ValidationError(this, "tier.platform", tier.platform, 'expected "aks" for an AKS platform stack');
    }
    if (!tier.regions.some((r) => r.name === region.name)) {
      throw new ValidationError(this, "region.name", region.name, `expected one of the tier's regions (${tier.regions.map((r) => r.name).join(", ")})`);
    }
    this.region = region;

    const placement = { resourceGroupName: this.resourceGroup.name, location: region.name };
    this.network = new PlatformNetwork(this, "Network", {
      ...placement,
      name: `omega-vnet-${id}`,
      addressSpace: region.vnetAddressSpace,
      clusterSubnetPrefix: region.clusterSubnetPrefix,
      reservedClusterCidrs: [POD_CIDR, SERVICE_CIDR],
    });
    this.monitoring = new MonitoringWorkspace(this, "Monitoring", {
      ...placement,
      name: `omega-law-${id}`,
      retentionDays: tier.logRetentionDays,
    });

    const pool = tier.cluster.alwaysOnPool;
    this.cluster = new AlwaysOnCluster(this, "Cluster", {
      ...placement,
      clusterName: `omega-aks-${id}`,
      vmSize: pool.vmSize,
      nodeCount: pool.nodeCount,
      zones: pool.zones,
      vnetSubnetId: this.network.clusterSubnetId,
      skuTier: tier.slaPercent !== undefined ? AksSkuTier.STANDARD : AksSkuTier.FREE,
      logAnalyticsWorkspaceId: this.monitoring.workspaceId,
      adminGroupObjectIds: props.adminGroupObjectIds,
      podCidr: POD_CIDR,
      serviceCidr: SERVICE_CIDR,
      dnsServiceIp: DNS_SERVICE_IP,
    });

    const spot = tier.cluster.spotPool;
    this.spotPool = new SpotAutoscalePool(this, "SpotPool", {
      cluster: this.cluster,
      vmSize: spot.vmSize,
      minCount: spot.minCount,
      maxCount: spot.maxCount,
      spotMaxPricePerHourUsd: spot.maxPricePerHourUsd,
      zones: spot.zones,
    });
  }
}
