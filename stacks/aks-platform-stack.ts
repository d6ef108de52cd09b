import { Construct } from "constructs";
import { PolicySuppressions } from "../policies/policy-suppressions";
import { RoleAssignment } from "../providers/azurerm/role-assignment";
import { DataWorkloadIdentity } from "../constructs/data-workload-identity";
import { FrontDoorEdge, IFrontDoorEdge } from "../constructs/front-door-edge";
import { AksSkuTier } from "../constructs/aks-options";
import { AlwaysOnCluster } from "../constructs/always-on-cluster";
import { ICosmosMongoAccount } from "../constructs/cosmos-mongo-account";
import { DATA_LAYER_NAMESPACE } from "../constructs/data-layer-contract";
import { ManagedDataLayer } from "../constructs/managed-data-layer";
import { MonitoringWorkspace } from "../constructs/monitoring-workspace";
import { languageServicePorts } from "../constructs/language-service-fleet";
import { PlatformNetwork } from "../constructs/platform-network";
import { SandboxNodePool } from "../constructs/sandbox-node-pool";
import { SandboxSubnet } from "../constructs/sandbox-subnet";
import { SpotAutoscalePool } from "../constructs/spot-autoscale-pool";
import { ValidationError } from "../constructs/validation-error";
import { DataLayerKind, PlatformKind, TierRegion } from "../tiers/tier-spec";
import { cosmosOptions, dataServiceAccounts, regionalDataOptions, subnetAfter } from "./data-layer-from-tier";
import { frontDoorEdgeProps } from "./edge-from-tier";
import { AzureStack, PlatformStackProps } from "./platform-stack";

/** Alloy's HTTP port, where its ServiceMonitor scrapes the log shipper on every node. */
const LOG_SHIPPER_METRICS_PORT = 12345;

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
  /**
   * CIDRs allowed to reach the cluster API server (the deploying runners, the operators).
   * @default - any address, authenticated by Entra ID (the policy finding is suppressed with that reason)
   */
  readonly apiServerAuthorizedIpRanges?: readonly string[];
  /**
   * A Cosmos DB account from another stack (the multi-region account of `enterprise-global`);
   * required when the tier's Cosmos DB spans several regions.
   * @default - the stack creates a single-region account from the tier
   */
  readonly cosmosAccount?: ICosmosMongoAccount;
  /**
   * The Front Door edge of a tier that spans regions (the global stack's); the cluster becomes one
   * of its origins. A single-region tier with `tier.edge` gets its own.
   * @default - the stack creates the edge when the tier has one and spans one region
   */
  readonly edge?: IFrontDoorEdge;
  /**
   * Host names clients use besides the Front Door endpoint's own, when the stack creates the edge.
   * @default - none
   */
  readonly edgeCustomDomains?: readonly string[];
}

/** What the workloads stack needs of the platform stack's edge side. */
export interface PlatformEdgeResources {
  /** The tier's Front Door edge (this stack's own, or the global stack's). */
  readonly frontDoor: IFrontDoorEdge;
  /** Federated with the edge namespace's token check: reads the origin certificate and cookie key. */
  readonly identity: DataWorkloadIdentity;
  /** Vault secret the token check's cookie key is generated into. */
  readonly cookieSecretName: string;
  /** Vault secret generated for the token check's (unused) client secret. */
  readonly clientSecretName: string;
  /** Vault secret the operator puts the origin certificate (PEM) into. */
  readonly certificateSecretName: string;
}

/** Namespace of the edge gateway (Traefik and the token check) in every cluster. */
export const EDGE_NAMESPACE = "edge";

/**
 * The Azure side of one regional AKS platform (`small-prod`, `enterprise-<region>`): resource group,
 * virtual network, Log Analytics, the always-on cluster and the spot pool, sized from the tier.
 */
export class AksPlatformStack extends AzureStack {
  public readonly network: PlatformNetwork;
  public readonly monitoring: MonitoringWorkspace;
  public readonly cluster: AlwaysOnCluster;
  public readonly spotPool: SpotAutoscalePool;
  /** The language services' Kata pool, where the tier has a sandboxed pool. */
  public readonly sandboxPool?: SandboxNodePool;
  /** The sandbox pool's subnet and its network security group. */
  public readonly sandboxSubnet?: SandboxSubnet;
  /**
   * Cosmos DB (or its private endpoint), Redis, AI Search, storage and the Key Vault with their
   * connection details; `dataLayer.secretSource` is what the workloads stack syncs from.
   */
  public readonly dataLayer: ManagedDataLayer;
  /**
   * The observability namespace's identity (workload identity): Loki writes log chunks to the
   * storage account with it.
   */
  public readonly observabilityIdentity: DataWorkloadIdentity;
  public readonly region: TierRegion;
  /** The Front Door edge this stack created (single-region tiers). */
  public readonly frontDoor?: FrontDoorEdge;
  /** What the workloads stack wires the cluster's edge gateway from; absent without `tier.edge`. */
  public readonly edge?: PlatformEdgeResources;

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
      name: `${this.platformName}-vnet-${id}`,
      addressSpace: region.vnetAddressSpace,
      clusterSubnetPrefix: region.clusterSubnetPrefix,
      privateEndpointSubnetPrefix: region.privateEndpointSubnetPrefix ?? subnetAfter(region.clusterSubnetPrefix),
      reservedClusterCidrs: [POD_CIDR, SERVICE_CIDR],
      clusterSubnetHostsPrivateLinkService: tier.edge !== undefined,
    });
    this.monitoring = new MonitoringWorkspace(this, "Monitoring", {
      ...placement,
      name: `${this.platformName}-law-${id}`,
      retentionDays: tier.logRetentionDays,
    });

    const pool = tier.cluster.alwaysOnPool;
    this.cluster = new AlwaysOnCluster(this, "Cluster", {
      ...placement,
      clusterName: `${this.platformName}-aks-${id}`,
      vmSize: pool.vmSize,
      nodeCount: pool.nodeCount,
      zones: pool.zones,
      vnetSubnetId: this.network.clusterSubnetId,
      skuTier: tier.slaPercent !== undefined ? AksSkuTier.STANDARD : AksSkuTier.FREE,
      logAnalyticsWorkspaceId: this.monitoring.workspaceId,
      containerInsights: tier.containerInsights,
      adminGroupObjectIds: props.adminGroupObjectIds,
      authorizedIpRanges: props.apiServerAuthorizedIpRanges,
      podCidr: POD_CIDR,
      serviceCidr: SERVICE_CIDR,
      dnsServiceIp: DNS_SERVICE_IP,
      secretRotationInterval: tier.cluster?.secretRotationMinutes !== undefined ? `${tier.cluster.secretRotationMinutes}m` : undefined,
    });

    PolicySuppressions.addToConstruct(this.cluster, [
      {
        id: "AzureBaseline-AksSystemPoolIsolated",
        reason: "seed 004 runs the always-on perimeter on the cluster's default pool; AlwaysOnClusterProps.systemPool separates them where wanted",
      },
    ]);
    if (!props.apiServerAuthorizedIpRanges) {
      PolicySuppressions.addToConstruct(this.cluster, [
        {
          id: "AzureBaseline-AksApiServerAccessRestricted",
          reason:
            "CI deploys from hosted runners whose addresses change; the API server accepts only Entra ID tokens (local accounts disabled). Set apiServerAuthorizedIpRanges (buildPlatform; the reference app reads it from the environment) to restrict it",
        },
      ]);
    }

    const spot = tier.cluster.spotPool;
    this.spotPool = new SpotAutoscalePool(this, "SpotPool", {
      cluster: this.cluster,
      vmSize: spot.vmSize,
      minCount: spot.minCount,
      maxCount: spot.maxCount,
      spotMaxPricePerHourUsd: spot.maxPricePerHourUsd,
      zones: spot.zones,
    });
    if (spot.maxPricePerHourUsd === -1) {
      PolicySuppressions.addToConstruct(this.spotPool, [
        {
          id: "CostPack-SpotMaxPrice",
          reason:
            "the tier pays up to on-demand so nodes are never evicted for price (seed 004 gives small-prod no cap, and enterprise's $0.05/h is below the published spot price, where Azure allocates nothing); the cost model bounds it at the on-demand price",
        },
      ]);
    }

    const sandbox = tier.languageServices?.sandboxedPool;
    if (sandbox) {
      if (!region.sandboxSubnetPrefix) {
        throw new ValidationError(this, "region.sandboxSubnetPrefix", undefined, "expected the sandbox pool's subnet where the tier has a languageServices.sandboxedPool");
      }
      const privateEndpoints = this.network.privateEndpointSubnetPrefix;
      this.sandboxSubnet = new SandboxSubnet(this, "SandboxSubnet", {
        ...placement,
        securityGroupName: `${this.platformName}-nsg-sandbox-${id}`,
        virtualNetworkName: this.network.virtualNetwork.name,
        addressSpace: region.vnetAddressSpace,
        subnetPrefix: region.sandboxSubnetPrefix,
        nodeSubnetPrefixes: [region.clusterSubnetPrefix],
        podCidr: POD_CIDR,
        // The language services (the default catalog, which the workloads stack deploys) and the
        // log shipper on every node.
        podPorts: [...languageServicePorts(), LOG_SHIPPER_METRICS_PORT],
        // Code that escapes its Kata VM still finds no way to the data stores.
        deniedOutboundPrefixes: privateEndpoints ? [privateEndpoints] : [],
      });
      this.sandboxPool = new SandboxNodePool(this, "SandboxPool", {
        cluster: this.cluster,
        vnetSubnetId: this.sandboxSubnet.subnetId,
        vmSize: sandbox.vmSize,
        minCount: sandbox.minCount,
        maxCount: sandbox.maxCount,
        zones: sandbox.zones,
        spot: sandbox.spot ? { maxPricePerHourUsd: sandbox.spot.maxPricePerHourUsd } : undefined,
      });
      if (sandbox.spot?.maxPricePerHourUsd === -1) {
        PolicySuppressions.addToConstruct(this.sandboxPool, [
          {
            id: "CostPack-SpotMaxPrice",
            reason:
              "the sandbox pool pays up to on-demand so its warm pods are evicted for capacity only, never for price; the cost model bounds it at the on-demand price",
          },
        ]);
      }
    }

    const data = tier.dataLayer;
    if (data.kind !== DataLayerKind.MANAGED) {
      throw new ValidationError(this, "tier.dataLayer.kind", data.kind, 'expected "managed" for an AKS platform stack');
    }
    if (data.cosmos.regions.length > 1 && !props.cosmosAccount) {
      throw new ValidationError(
        this,
        "cosmosAccount",
        undefined,
        `expected the account of the global stack: the tier's Cosmos DB spans ${data.cosmos.regions.length} regions, so no regional stack owns it`,
      );
    }
    this.dataLayer = new ManagedDataLayer(this, "Data", {
      ...placement,
      ...regionalDataOptions(tier, data),
      cosmos: props.cosmosAccount ? undefined : cosmosOptions(data.cosmos),
      cosmosAccount: props.cosmosAccount,
      privateNetwork: this.network.dataPrivateNetwork(),
      workloadIdentity: {
        oidcIssuerUrl: this.cluster.oidcIssuerUrl,
        namespace: DATA_LAYER_NAMESPACE,
        serviceAccountNames: dataServiceAccounts(this),
      },
    });

    this.observabilityIdentity = new DataWorkloadIdentity(this, "ObservabilityIdentity", {
      ...placement,
      name: `${this.platformName}-observability-${id}`,
      federation: { oidcIssuerUrl: this.cluster.oidcIssuerUrl, namespace: "observability", serviceAccountNames: ["loki"] },
    });
    this.observabilityIdentity.grant("LogsWriter", this.dataLayer.storage.accountId, "Storage Blob Data Contributor");

    if (tier.edge) {
      if (!props.edge && tier.regions.length > 1) {
        throw new ValidationError(this, "edge", undefined, `expected the global stack's edge: the tier spans ${tier.regions.length} regions, which share one Front Door profile`);
      }
      // The cloud provider creates the edge gateway's internal load balancer and its Private Link
      // service in the cluster subnet, as the cluster's identity: it needs to join that subnet.
      new RoleAssignment(this, "ClusterSubnetJoin", {
        scope: this.network.clusterSubnetId,
        roleDefinitionName: "Network Contributor",
        principalId: this.cluster.identityPrincipalId,
        principalType: "ServicePrincipal",
      });
      if (!props.edge) {
        this.frontDoor = new FrontDoorEdge(this, "Edge", frontDoorEdgeProps(tier.edge, this.resourceGroup.name, `${this.platformName}-${id}`, props.edgeCustomDomains));
      }
      const identity = new DataWorkloadIdentity(this, "EdgeIdentity", {
        ...placement,
        name: `${this.platformName}-edge-${id}`,
        federation: { oidcIssuerUrl: this.cluster.oidcIssuerUrl, namespace: EDGE_NAMESPACE, serviceAccountNames: ["oauth2-proxy"] },
      });
      identity.grant("CertificateReader", this.dataLayer.keyVault.vaultId, "Key Vault Secrets User");
      const cookieSecretName = "edge-token-check-cookie";
      const clientSecretName = "edge-token-check-client";
      this.dataLayer.keyVault.addGeneratedSecret(cookieSecretName);
      this.dataLayer.keyVault.addGeneratedSecret(clientSecretName);
      this.edge = {
        frontDoor: props.edge ?? (this.frontDoor as FrontDoorEdge),
        identity,
        cookieSecretName,
        clientSecretName,
        certificateSecretName: "edge-origin-tls",
      };
    }
  }
}
