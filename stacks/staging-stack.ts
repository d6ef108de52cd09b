import { Construct } from "constructs";
import { ValidationError } from "../constructs/validation-error";
import { PlatformKind } from "../tiers/tier-spec";
import { AzureStack, PlatformStackProps } from "./platform-stack";

export interface StagingStackProps extends PlatformStackProps {
  /**
   * @default - ARM_SUBSCRIPTION_ID at plan time
   */
  readonly subscriptionId?: string;
}

/** Staging on Azure Container Instances in the tier's region, resource group `omega-staging`. */
export class StagingStack extends AzureStack {
  constructor(scope: Construct, id: string, props: StagingStackProps) {
    const region = props.tier.regions[0]?.name ?? "";
    super(scope, id, { ...props, regionTag: region, location: region });
    if (props.tier.platform !== PlatformKind.CONTAINER_INSTANCES) {
      throw new ValidationError(this, "tier.platform", props.tier.platform, 'expected "container-instances" for the staging stack');
    }
  }
}
