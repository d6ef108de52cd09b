import { Construct } from "constructs";
import { CosmosMongoAccount } from "../constructs/cosmos-mongo-account";
import { FrontDoorEdge } from "../constructs/front-door-edge";
import { ValidationError } from "../constructs/validation-error";
import { DataLayerKind, RegionRole } from "../tiers/tier-spec";
import { cosmosOptions } from "./data-layer-from-tier";
import { frontDoorEdgeProps } from "./edge-from-tier";
import { AzureStack, PlatformStackProps } from "./platform-stack";

export interface EnterpriseGlobalStackProps extends PlatformStackProps {
  /**
   * @default - ARM_SUBSCRIPTION_ID at plan time
   */
  readonly subscriptionId?: string;
  /**
   * Host names clients use besides the Front Door endpoint's own.
   * @default - none
   */
  readonly edgeCustomDomains?: readonly string[];
}

/**
 * What spans the enterprise regions (the multi-region Cosmos DB account, global routing, the
 * budget). Its resource group lives in the primary region.
 */
export class EnterpriseGlobalStack extends AzureStack {
  /**
   * The multi-region Cosmos DB for MongoDB account; each regional stack reaches it through its
   * own private endpoint and keeps its connection string in its own Key Vault. No public access.
   */
  public readonly cosmos: CosmosMongoAccount;
  /**
   * The tier's one Front Door profile, WAF and origin group; each region's workloads stack adds
   * its cluster as an origin once its Private Link service exists. Absent without `tier.edge`.
   */
  public readonly edge?: FrontDoorEdge;

  constructor(scope: Construct, id: string, props: EnterpriseGlobalStackProps) {
    // The tier validation (in the base constructor) rejects a tier without a primary region.
    const primary = props.tier.regions.find((r) => r.role === RegionRole.PRIMARY);
    super(scope, id, { ...props, regionTag: "global", location: primary?.name ?? "" });
    const data = props.tier.dataLayer;
    if (data.kind !== DataLayerKind.MANAGED) {
      throw new ValidationError(this, "tier.dataLayer.kind", data.kind, 'expected "managed" for the enterprise global stack');
    }
    // The tier asks for Session, not seed 004's Strong: Azure refuses Strong with multiple write
    // regions, and blocks it by default between eastus and southeastasia (over 5,000 miles apart).
    this.cosmos = new CosmosMongoAccount(this, "Cosmos", {
      ...cosmosOptions(data.cosmos),
      resourceGroupName: this.resourceGroup.name,
      publicNetworkAccessEnabled: false,
    });
    if (props.tier.edge) this.edge = new FrontDoorEdge(this, "Edge", frontDoorEdgeProps(props.tier.edge, this.resourceGroup.name, `${this.platformName}-${id}`, props.edgeCustomDomains));
  }
}
