import { Acknowledgement } from "./acknowledgements";
import { AttributeChange } from "./attribute-diff";
import { NoiseMatch } from "./noisy-diffs";
import { ConstructSource } from "./source-locator";

/** The shapes `reviewPlans` returns and `--format json` prints. */

/** Bumped when a field of the JSON report changes meaning or disappears. */
export const PLAN_REVIEW_FORMAT_VERSION = 2;

/** What happens to a resource. */
export enum ChangeAction {
  CREATE = "create",
  UPDATE = "update",
  /** Deleted and created again (in either order). */
  REPLACE = "replace",
  DELETE = "delete",
  /** Removed from the state, left running. */
  FORGET = "forget",
}

/** What `lifecycle.prevent_destroy` does for a delete or replace: exactly when it stops Terraform. */
export enum PreventDestroy {
  /** Set in neither base's nor head's configuration. */
  NONE = "none",
  /** Set on the resource in head's configuration: Terraform refuses to plan its destroy until it is removed. */
  STOPS = "stops",
  /** Base set it, and the resource block is gone from head: the setting went with it and the destroy proceeds. */
  REMOVED_WITH_RESOURCE = "removed-with-resource",
  /** The resource stays in head, but this change removes its prevent_destroy: the destroy proceeds. */
  ATTRIBUTE_REMOVED = "attribute-removed",
}

/** A changed attribute whose rule may make the update a replacement, which the review cannot rule out. */
export interface PossibleReplacement {
  /** Attribute path, nested blocks joined with `.`. */
  readonly attribute: string;
  /** The provider's rule: `ForceNewIfChange`, `ResourceDiff.ForceNew`, `RequiresReplaceIf`, `ForceNew`, ... */
  readonly rule: string;
  /** The condition as the provider's source writes it, or why the value cannot be compared. */
  readonly condition: string;
}

/** Something wrong or missing in what the review was given; each is a line at the top of the report. */
export enum InputWarningKind {
  /** No `--base`: nothing is compared with the target branch. */
  NO_BASE = "no-base",
  /** The synthesized output is older than head's sources, or from other sources. */
  STALE_SYNTH = "stale-synth",
  /** A plan holds addresses that are neither in the synthesized stack nor deletes of base's resources. */
  PLAN_MISMATCH = "plan-mismatch",
  /** No app entry to find head's sources from: constructs are not located. */
  NO_SOURCES = "no-sources",
  /** No `--base-source`: changed tier lines are not located. */
  NO_BASE_SOURCE = "no-base-source",
}

export interface InputWarning {
  readonly kind: InputWarningKind;
  readonly stack?: string;
  readonly message: string;
}

/** A line of head's sources that changed against base's. */
export interface ChangedSourceLine {
  /** Relative to the source root, `/` separators. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  readonly text: string;
}

/** Where a change is known from. */
export enum ChangeOrigin {
  /** `terraform show -json` of a saved plan of the stack: what apply will do. */
  PLAN = "plan",
  /** Head's synthesized configuration against base's: what would change; replaces are predicted. */
  CONFIGURATION = "configuration",
}

/** Why the review blocks. */
export enum BlockerKind {
  /** A delete or replace of a resource that holds data, not acknowledged. */
  DATA_LOSS = "data-loss",
  /** A policy error finding that is new against base and not suppressed. */
  POLICY_ERROR = "policy-error",
  /** A stack's or a tier's expected monthly cost over its ceiling. */
  OVER_CEILING = "over-ceiling",
}

/** Expected monthly cost (USD) before and after; undefined where it cannot be known. */
export interface MonthlyCost {
  readonly before?: number;
  readonly after?: number;
  readonly delta?: number;
}

/** One resource that changes. */
export interface ReviewedChange {
  readonly stack: string;
  /** Terraform address. */
  readonly address: string;
  readonly resourceType: string;
  /** The cdktf construct path that made the resource. */
  readonly constructPath?: string;
  /** The TypeScript that created the construct, where it can be found. */
  readonly source?: ConstructSource;
  readonly action: ChangeAction;
  readonly origin: ChangeOrigin;
  /** Why Terraform chose the action (its action_reason), or why the review predicts it. */
  readonly reasons: readonly string[];
  /** The attributes that force a replace (`replace_paths`, or predicted from the configuration). */
  readonly replacePaths: readonly string[];
  /**
   * For an update predicted from the configuration: changed attributes whose provider rule may
   * still make it a replacement ("update, replacement not ruled out"). Empty for plans.
   */
  readonly possibleReplacements: readonly PossibleReplacement[];
  /** Changed attributes of an update or replace; sensitive values masked. */
  readonly attributes: readonly AttributeChange[];
  /** What a delete or replace loses, for a resource that holds data. */
  readonly dataHeld?: string;
  /** Whether `lifecycle.prevent_destroy` stops this delete or replace (NONE for other actions). */
  readonly preventDestroy: PreventDestroy;
  /** The acknowledgement's reason, when the loss is acknowledged. */
  readonly acknowledged?: string;
  readonly monthlyUsd: MonthlyCost;
}

/** An update collapsed as known provider noise. */
export interface CollapsedNoise {
  readonly stack: string;
  readonly address: string;
  readonly constructPath?: string;
  readonly matches: readonly NoiseMatch[];
}

/** A tier-table number that differs from base. */
export interface NumberChange {
  readonly stack: string;
  readonly address: string;
  readonly constructPath?: string;
  readonly label: string;
  /** Undefined when the resource is new. */
  readonly before?: string;
  /** Undefined when the resource goes. */
  readonly after?: string;
  /** The lines of head's sources that changed against base's and hold the new value (a tier file's, typically). */
  readonly sourceLines: readonly ChangedSourceLine[];
}

export enum PolicyDeltaKind {
  NEW = "new",
  RESOLVED = "resolved",
  /** Newly suppressed: accepted with a reason in this change; worth a reviewer's look. */
  NEWLY_SUPPRESSED = "newly-suppressed",
}

/** A policy finding that differs from base. */
export interface PolicyDelta {
  readonly stack: string;
  readonly kind: PolicyDeltaKind;
  readonly ruleId: string;
  readonly level: string;
  /** Construct path of the resource. */
  readonly resource: string;
  readonly address: string;
  readonly message: string;
  readonly description: string;
  readonly checkovIds: readonly string[];
  /** The suppression's reason, for a newly suppressed finding. */
  readonly reason?: string;
  readonly source?: ConstructSource;
}

/** A value of this stack that comes from an upstream stack and is not known until that stack applies. */
export interface UnknownValue {
  readonly stack: string;
  /** The resource address, or `provider.<name>`. */
  readonly consumer: string;
  readonly attribute: string;
  readonly upstreamStack: string;
  readonly output: string;
  /** `azurerm_kubernetes_cluster.Cluster_EB0386A7 is replaced`, `the output is new`. */
  readonly because: string;
}

/** One resource's monthly cost that differs from base. */
export interface CostDelta {
  readonly stack: string;
  readonly address: string;
  readonly constructPath?: string;
  readonly before: number;
  readonly after: number;
  readonly delta: number;
  /** The platform numbers of the resource that changed, `AI Search replicas 1 -> 3`. */
  readonly numbers: readonly string[];
  /** The changed source lines behind those numbers. */
  readonly sourceLines: readonly ChangedSourceLine[];
}

/** The tier property that sets a ceiling, and the line of head's sources that sets it. */
export interface CeilingSource {
  /** `budget.ceilingMonthlyUsd`, `budget.stackCeilings.regionalMonthlyUsd`. */
  readonly property: string;
  readonly location?: ChangedSourceLine;
}

export interface CostSummary extends MonthlyCost {
  readonly ceilingMonthlyUsd?: number;
  /** Where the ceiling is set, for a stack or tier over it. */
  readonly ceilingSource?: CeilingSource;
  /** For a stack or tier over its ceiling: the resources whose cost changed against base, largest change first. */
  readonly movedBy?: readonly CostDelta[];
  /** The guardrail's message when head's estimate is over the ceiling. */
  readonly breach?: string;
}

/** One stack's review. */
export interface StackReview {
  readonly stack: string;
  readonly tier: string;
  readonly origin: ChangeOrigin;
  /** The plan file, for a stack reviewed from a plan. */
  readonly planFile?: string;
  readonly dependencies: readonly string[];
  readonly counts: Readonly<Record<ChangeAction, number>> & { readonly noise: number };
  readonly changes: readonly ReviewedChange[];
  readonly noise: readonly CollapsedNoise[];
  readonly numbers: readonly NumberChange[];
  readonly cost: CostSummary;
  readonly policy: readonly PolicyDelta[];
  /** Unsuppressed policy errors in head that base already had. */
  readonly openPolicyErrors: number;
  readonly unknowns: readonly UnknownValue[];
  readonly notes: readonly string[];
}

export interface TierReview {
  readonly tier: string;
  readonly stacks: readonly string[];
  readonly cost: CostSummary;
}

/** Something that makes the review exit 2. */
export interface Blocker {
  readonly kind: BlockerKind;
  readonly stack?: string;
  readonly tier?: string;
  readonly address?: string;
  readonly constructPath?: string;
  readonly ruleId?: string;
  readonly source?: ConstructSource;
  readonly message: string;
}

/** The whole review. */
export interface PlanReview {
  readonly formatVersion: number;
  readonly head: string;
  readonly base?: string;
  readonly plans: readonly { readonly stack: string; readonly file: string }[];
  readonly blocked: boolean;
  readonly blockers: readonly Blocker[];
  readonly acknowledgements: {
    readonly file?: string;
    readonly used: readonly Acknowledgement[];
    /** Acknowledgements that match no delete or replace: remove them, so they cannot excuse a later one. */
    readonly unused: readonly Acknowledgement[];
  };
  readonly stacks: readonly StackReview[];
  readonly tiers: readonly TierReview[];
  /** What is wrong or missing in the inputs; printed first. */
  readonly inputWarnings: readonly InputWarning[];
  readonly notes: readonly string[];
}

/** What the report says of prevent_destroy for a delete or replace; undefined for NONE. */
export function describePreventDestroy(p: PreventDestroy): string | undefined {
  switch (p) {
    case PreventDestroy.STOPS:
      return "prevent_destroy is set in head's configuration: Terraform refuses to plan or apply this destroy until it is removed";
    case PreventDestroy.REMOVED_WITH_RESOURCE:
      return "prevent_destroy does not stop this: base set it, but the resource block is gone from head's configuration and the setting went with it, so Terraform destroys the resource and the acknowledgement is the only guard";
    case PreventDestroy.ATTRIBUTE_REMOVED:
      return "prevent_destroy does not stop this: this change removes it from the resource's lifecycle, so Terraform destroys the resource and the acknowledgement is the only guard";
    default:
      return undefined;
  }
}
