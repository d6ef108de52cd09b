import { Construct } from "constructs";
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
  constructor(scope: Construct, id: string, props: EnterpriseGlobalStackProps) {
    // The tier validation (in the base constructor) rejects a tier without a primary region.
    const primary = props.tier.regions.find((r) => r.role === RegionRole.PRIMARY);
    super(scope, id, { ...props, regionTag: "global", location: primary?.name ?? "" });
  }
}
