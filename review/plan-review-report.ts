import { Acknowledgement } from "./acknowledgements";
import { AttributeChange } from "./attribute-diff";
import { NoiseMatch } from "./noisy-diffs";
import { ConstructSource } from "./source-locator";

/** The shapes `reviewPlans` returns and `--format json` prints. */

/** Bumped when a field of the JSON report changes meaning or disappears. */
export const PLAN_REVIEW_FORMAT_VERSION = 1;

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
  /** Changed attributes of an update or replace; sensitive values masked. */
  readonly attributes: readonly AttributeChange[];
  /** What a delete or replace loses, for a resource that holds data. */
  readonly dataHeld?: string;
  /** The configuration sets `lifecycle.prevent_destroy`: Terraform refuses the delete until it is removed. */
  readonly preventDestroy: boolean;
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

export interface CostSummary extends MonthlyCost {
  readonly ceilingMonthlyUsd?: number;
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
  readonly notes: readonly string[];
}
