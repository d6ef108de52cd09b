import { Construct } from "constructs";
import { PlatformResourceGroup } from "../constructs/platform-resource-group";
import { ValidationError } from "../constructs/validation-error";
import { RegionRole } from "../tiers/tier-spec";
import { AzureStack, PlatformStackProps } from "./platform-stack";

export interface EnterpriseGlobalStackProps extends PlatformStackProps {
  /**
   * @default - ARM_SUBSCRIPTION_ID at plan time
   */
  readonly subscriptionId?: string;
}

/**
 * What spans the enterprise regions (the multi-region Cosmos DB account, global routing, the
 * budget). Its resource group lives in the primary region.
 */
export class EnterpriseGlobalStack extends AzureStack {
  public readonly resourceGroup: PlatformResourceGroup;

  constructor(scope: Construct, id: string, props: EnterpriseGlobalStackProps) {
    super(scope, id, { ...props, regionTag: "global" });
    const primary = props.tier.regions.find((r) => r.role === RegionRole.PRIMARY);
    if (!primary) {
      throw new ValidationError(this, "tier.regions", props.tier.regions.map((r) => r.name), "expected a region with the primary role");
    }
    this.resourceGroup = new PlatformResourceGroup(this, "ResourceGroup", { name: `omega-${id}`, location: primary.name });
  }
}
