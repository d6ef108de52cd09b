import { Construct } from "constructs";
import { ContainerMonitoring } from "../constructs/container-monitoring";
import { ManagedDataLayer } from "../constructs/managed-data-layer";
import { ValidationError } from "../constructs/validation-error";
import { DataLayerKind, PlatformKind } from "../tiers/tier-spec";
import { cosmosOptions, regionalDataOptions } from "./data-layer-from-tier";
import { AzureStack, PlatformStackProps } from "./platform-stack";

export interface StagingStackProps extends PlatformStackProps {
  /**
   * @default - ARM_SUBSCRIPTION_ID at plan time
   */
  readonly subscriptionId?: string;
}

/** Staging on Azure Container Instances in the tier's region, resource group `omega-staging`. */
export class StagingStack extends AzureStack {
  /**
   * Cosmos DB, Redis, storage and the Key Vault with their connection details. Container
   * instances have no virtual network here, so the stores keep public endpoints (keys, Entra ID
   * and TLS still required); the layer's identity (no federation) is for the container groups.
   */
  public readonly dataLayer: ManagedDataLayer;
  /**
   * Staging's "basic monitoring" (seed 004): a Log Analytics workspace that container groups
   * attach to with `monitoring.monitor(id, containerGroup.id)`.
   */
  public readonly monitoring: ContainerMonitoring;

  constructor(scope: Construct, id: string, props: StagingStackProps) {
    const region = props.tier.regions[0]?.name ?? "";
    super(scope, id, { ...props, regionTag: region, location: region });
    if (props.tier.platform !== PlatformKind.CONTAINER_INSTANCES) {
      throw new ValidationError(this, "tier.platform", props.tier.platform, 'expected "container-instances" for the staging stack');
    }
    const data = props.tier.dataLayer;
    if (data.kind !== DataLayerKind.MANAGED) {
      throw new ValidationError(this, "tier.dataLayer.kind", data.kind, 'expected "managed" for the staging stack');
    }
    this.dataLayer = new ManagedDataLayer(this, "Data", {
      resourceGroupName: this.resourceGroup.name,
      location: region,
      ...regionalDataOptions(props.tier, data),
      cosmos: cosmosOptions(data.cosmos),
      publicNetworkAccessEnabled: true,
    });
    this.monitoring = new ContainerMonitoring(this, "Monitoring", {
      resourceGroupName: this.resourceGroup.name,
      location: region,
      workspaceName: `omega-law-${id}`,
      retentionDays: props.tier.logRetentionDays,
    });
  }
}
