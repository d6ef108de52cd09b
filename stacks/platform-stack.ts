import { Construct } from "constructs";
import { Aspects, TerraformStack } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { AzureTags } from "../constructs/azure-tags";
import { PlatformResourceGroup } from "../constructs/platform-resource-group";
import { TierSpec } from "../tiers/tier-spec";
import { StateBackend } from "./state-backend";
import { validateTier } from "./tier-validation";

/** What every stack of the platform takes. */
export interface PlatformStackProps {
  readonly tier: TierSpec;
  /**
   * @default StateBackend.local()
   */
  readonly stateBackend?: StateBackend;
}

/** A stack built from a tier: the tier is validated and the state backend bound before anything else. */
export class PlatformStack extends TerraformStack {
  public readonly tier: TierSpec;

  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id);
    validateTier(this, props.tier);
    this.tier = props.tier;
    (props.stateBackend ?? StateBackend.local()).bind(this);
  }
}

export interface AzureStackProps extends PlatformStackProps {
  /** Region the stack's resources are tagged with (`global` for cross-region stacks). */
  readonly regionTag: string;
  /** Region of the stack's resource group. */
  readonly location: string;
  /**
   * @default - `omega-<stack name>`
   */
  readonly resourceGroupName?: string;
  /**
   * Azure subscription to deploy to.
   * @default - ARM_SUBSCRIPTION_ID from the environment at plan time
   */
  readonly subscriptionId?: string;
}

/**
 * A stack of Azure resources: the azurerm provider, the one resource group that holds the
 * stack's resources, and the platform tags on every resource.
 */
export class AzureStack extends PlatformStack {
  public readonly azurerm: AzurermProvider;
  public readonly resourceGroup: PlatformResourceGroup;

  constructor(scope: Construct, id: string, props: AzureStackProps) {
    super(scope, id, props);
    this.azurerm = new AzurermProvider(this, "azurerm", {
      features: [{}],
      subscriptionId: props.subscriptionId,
      // Data-plane calls to storage use Entra ID rather than account keys.
      storageUseAzuread: true,
    });
    this.resourceGroup = new PlatformResourceGroup(this, "ResourceGroup", {
      name: props.resourceGroupName ?? `omega-${id}`,
      location: props.location,
    });
    Aspects.of(this).add(
      new AzureTags({
        environment: id,
        tier: props.tier.name,
        region: props.regionTag,
        costCenter: props.tier.costCenter,
      }),
    );
  }
}
