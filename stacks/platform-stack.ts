import { Construct } from "constructs";
import { Aspects, DISABLE_STACK_TRACE_IN_METADATA, TerraformStack } from "cdktf";
import { AzurermProvider } from "../providers/azurerm/provider";
import { AzureTags } from "../constructs/azure-tags";
import { PlatformBudget } from "../constructs/platform-budget";
import { PlatformResourceGroup } from "../constructs/platform-resource-group";
import { CostGuardrail } from "../cost/cost-guardrail";
import { checkCostSettings, estimateOptionsForTier, stackCeilingMonthlyUsd } from "../cost/tier-cost-options";
import { TierSpec } from "../tiers/tier-spec";
import { applyPlatformGuardrails } from "../policies/platform-guardrails";
import { PolicyProfile } from "../policies/policy-profile";
import { StateBackend } from "./state-backend";
import { validateTier } from "./tier-validation";
import { PlatformNames, setPlatformName } from "../constructs/platform-name";
import { registerResourceProviders } from "../constructs/resource-provider-registrations";

/** What every stack of the platform takes. */
export interface PlatformStackProps {
  /**
   * The platform's name: the prefix of its resource names and the default of every derived name of
   * the constructs in the stack (`setPlatformName`, `PlatformNames`). The reference app's is "omega".
   */
  readonly platformName: string;
  readonly tier: TierSpec;
  /**
   * @default StateBackend.local()
   */
  readonly stateBackend?: StateBackend;
}

/** A stack built from a tier: the tier is validated and the state backend bound before anything else. */
export class PlatformStack extends TerraformStack {
  public readonly platformName: string;
  public readonly tier: TierSpec;

  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id);
    setPlatformName(this, props.platformName);
    this.platformName = props.platformName;
    // Annotations (policy and cost findings) would otherwise carry stack traces, with this
    // machine's paths, into the manifest: synthesis must not depend on where it runs.
    this.node.setContext(DISABLE_STACK_TRACE_IN_METADATA, true);
    validateTier(this, props.tier);
    this.tier = props.tier;
    (props.stateBackend ?? StateBackend.local()).bind(this);
    // The packs are Aspects: they see every resource the stack gains, whoever adds it. The tier's
    // cost ceiling spans stacks, so AzureStack and the workloads stack add their own CostGuardrail.
    applyPlatformGuardrails(this, { profile: PolicyProfile.forTier(props.tier) });
  }
}

/** The region tag of a stack that spans regions; its budget is the tier's global stack ceiling. */
export const GLOBAL_REGION_TAG = "global";

export interface AzureStackProps extends PlatformStackProps {
  /** Region the stack's resources are tagged with (`global` for cross-region stacks). */
  readonly regionTag: string;
  /** Region of the stack's resource group. */
  readonly location: string;
  /**
   * @default - `<platformName>-<stack name>`
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
 * stack's resources, the platform tags on every resource, and the tier's cost controls: an Azure
 * budget on the resource group and a guardrail that fails synthesis when the stack's or the
 * tier's estimated monthly cost exceeds its ceiling.
 */
export class AzureStack extends PlatformStack {
  public readonly azurerm: AzurermProvider;
  public readonly resourceGroup: PlatformResourceGroup;
  /** The Azure budget of the resource group; absent for a tier without a budget. */
  public readonly budget?: PlatformBudget;
  /** The ceiling check run at synthesis; absent for a tier without a budget. */
  public readonly costGuardrail?: CostGuardrail;

  constructor(scope: Construct, id: string, props: AzureStackProps) {
    super(scope, id, props);
    this.azurerm = new AzurermProvider(this, "azurerm", {
      // azurerm polls each storage account's queue and static-website data plane after create and
      // on every refresh; production accounts deny the internet, so a hosted runner would get 403.
      // The platform sets neither (containers, lifecycle and blob properties go through ARM), so
      // the provider can skip those calls.
      features: [{ storage: [{ dataPlaneAvailable: false }] }],
      subscriptionId: props.subscriptionId,
      // Data-plane calls to storage use Entra ID rather than account keys.
      storageUseAzuread: true,
    });
    registerResourceProviders(this.azurerm);
    this.resourceGroup = new PlatformResourceGroup(this, "ResourceGroup", {
      name: props.resourceGroupName ?? `${this.platformName}-${id}`,
      location: props.location,
    });
    Aspects.of(this).add(
      new AzureTags({
        environment: id,
        tier: props.tier.name,
        region: props.regionTag,
        costCenter: props.tier.costCenter ?? PlatformNames.of(this).partOf,
      }),
    );

    const budget = props.tier.budget;
    if (budget) {
      checkCostSettings(this, props.tier);
      const global = props.regionTag === GLOBAL_REGION_TAG;
      const ceiling = stackCeilingMonthlyUsd(budget, global);
      this.budget = new PlatformBudget(this, "Budget", {
        name: `${this.platformName}-${id}-budget`,
        resourceGroupId: this.resourceGroup.id,
        amountUsd: ceiling,
        startDate: budget.startDate,
        contactEmails: budget.contacts.emails,
        contactRoles: budget.contacts.roles,
      });
      this.costGuardrail = new CostGuardrail({
        tierName: props.tier.name,
        stackCeilingMonthlyUsd: ceiling,
        stackCeilingSource: budget.stackCeilings
          ? `tier.budget.stackCeilings.${global ? "globalMonthlyUsd" : "regionalMonthlyUsd"}`
          : "tier.budget.ceilingMonthlyUsd",
        tierCeilingMonthlyUsd: budget.ceilingMonthlyUsd,
        tierCeilingSource: "tier.budget.ceilingMonthlyUsd",
        estimateOptions: estimateOptionsForTier(props.tier, props.location),
      });
      Aspects.of(this).add(this.costGuardrail);
    }
  }
}
