import { Construct } from "constructs";
import { Aspects, DISABLE_STACK_TRACE_IN_METADATA, TerraformStack } from "cdktf";
import { AzurermProvider } from "../providers/azurerm/provider";
import { AksSkuTier } from "../constructs/aks-options";
import { AlwaysOnCluster } from "../constructs/always-on-cluster";
import { AzureTags } from "../constructs/azure-tags";
import { MonitoringWorkspace } from "../constructs/monitoring-workspace";
import { PlatformNetwork } from "../constructs/platform-network";
import { PlatformResourceGroup } from "../constructs/platform-resource-group";
import { applyPlatformGuardrails } from "../policies/platform-guardrails";
import { PolicyProfile } from "../policies/policy-profile";
import { PolicySuppressions } from "../policies/policy-suppressions";
import { StateBackend } from "../stacks/state-backend";
import { registerResourceProviders } from "../constructs/resource-provider-registrations";

/**
 * What every example stack shares with the reference app's stacks: deterministic metadata, a local
 * state file beside the example (`examples/<name>/terraform.<stack>.tfstate`), and the three
 * policy packs at the production profile, with the policy report written on synthesis.
 */
export class ExampleStack extends TerraformStack {
  constructor(scope: Construct, id: string, profile: PolicyProfile = PolicyProfile.production()) {
    super(scope, id);
    this.node.setContext(DISABLE_STACK_TRACE_IN_METADATA, true);
    StateBackend.local().bind(this);
    applyPlatformGuardrails(this, { profile });
  }
}

export interface ExampleClusterStackProps {
  readonly location: string;
  /** The example's name: resource group `<name>-<stack>`, tags. */
  readonly project: string;
  readonly vnetAddressSpace: string;
  readonly clusterSubnetPrefix: string;
  /** @default - no private-endpoint subnet */
  readonly privateEndpointSubnetPrefix?: string;
  readonly vmSize: string;
  readonly nodeCount: number;
  readonly profile?: PolicyProfile;
}

/** An Azure stack with one AKS cluster, its network and Log Analytics, tagged like the platform's. */
export class ExampleClusterStack extends ExampleStack {
  public readonly azurerm: AzurermProvider;
  public readonly resourceGroup: PlatformResourceGroup;
  public readonly network: PlatformNetwork;
  public readonly cluster: AlwaysOnCluster;

  constructor(scope: Construct, id: string, props: ExampleClusterStackProps) {
    super(scope, id, props.profile);
    this.azurerm = new AzurermProvider(this, "azurerm", { features: [{}], storageUseAzuread: true });
    registerResourceProviders(this.azurerm);
    this.resourceGroup = new PlatformResourceGroup(this, "ResourceGroup", { name: id, location: props.location });
    Aspects.of(this).add(new AzureTags({ environment: id, tier: props.project, region: props.location, costCenter: props.project }));
    const placement = { resourceGroupName: this.resourceGroup.name, location: props.location };
    this.network = new PlatformNetwork(this, "Network", {
      ...placement,
      name: `${id}-vnet`,
      addressSpace: props.vnetAddressSpace,
      clusterSubnetPrefix: props.clusterSubnetPrefix,
      privateEndpointSubnetPrefix: props.privateEndpointSubnetPrefix,
      reservedClusterCidrs: ["192.168.0.0/16", "172.16.0.0/16"],
    });
    const monitoring = new MonitoringWorkspace(this, "Monitoring", { ...placement, name: `${id}-law` });
    this.cluster = new AlwaysOnCluster(this, "Cluster", {
      ...placement,
      clusterName: `${id}-aks`,
      vmSize: props.vmSize,
      nodeCount: props.nodeCount,
      vnetSubnetId: this.network.clusterSubnetId,
      skuTier: AksSkuTier.STANDARD,
      logAnalyticsWorkspaceId: monitoring.workspaceId,
      podCidr: "192.168.0.0/16",
      serviceCidr: "172.16.0.0/16",
      dnsServiceIp: "172.16.0.10",
    });
    PolicySuppressions.addToConstruct(this.cluster, [
      { id: "AzureBaseline-AksSystemPoolIsolated", reason: "an example cluster runs its few services on the default pool; AlwaysOnClusterProps.systemPool separates them where wanted" },
      { id: "AzureBaseline-AksApiServerAccessRestricted", reason: "the example deploys from hosted runners whose addresses change; the API server accepts only Entra ID tokens (local accounts disabled)" },
    ]);
  }
}
