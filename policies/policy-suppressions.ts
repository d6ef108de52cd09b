import { IConstruct } from "constructs";
import { TerraformStack } from "cdktf";
import { ValidationError } from "../constructs/validation-error";
import { POLICY_RULE_IDS, PolicyPackName } from "./rule-catalog";

/** A rule that does not apply to a construct (and everything under it), and why. */
export interface PolicySuppression {
  /** The rule id, `<Pack>-<Rule>`, e.g. `AzureBaseline-AksSystemPoolIsolated`. */
  readonly id: string;
  /** Why the rule does not apply here: at least 10 characters, shown in the report. */
  readonly reason: string;
}

/** A suppression found for a finding, and the construct that carries it. */
export interface AppliedSuppression {
  readonly reason: string;
  /** Construct path where the suppression was added. */
  readonly path: string;
}

const METADATA_TYPE = "cdktf-aks-platform/policy-suppression";
const MIN_REASON_LENGTH = 10;
const RULE_ID = /^[A-Z][A-Za-z0-9]*-[A-Z][A-Za-z0-9]*$/;
const OUR_PACKS: readonly string[] = Object.values(PolicyPackName);

/** A rule id of one of our packs must name one of its rules (typos would suppress nothing); other packs' ids need the form only. */
function isRuleId(id: unknown): id is string {
  if (typeof id !== "string" || !RULE_ID.test(id)) return false;
  return OUR_PACKS.includes(id.split("-")[0]) ? POLICY_RULE_IDS.includes(id) : true;
}

/**
 * Suppressions of policy rules, with reasons, on a construct or a whole stack. Suppressed findings
 * do not fail synthesis; they are listed in the report with their reason.
 */
export class PolicySuppressions {
  /** Suppresses rules for a construct and every resource under it. */
  public static addToConstruct(construct: IConstruct, suppressions: readonly PolicySuppression[]): void {
    suppressions.forEach((suppression, i) => {
      const id: unknown = suppression?.id;
      const reason: unknown = suppression?.reason;
      if (!isRuleId(id)) {
        throw new ValidationError(construct, `suppressions[${i}].id`, id, 'expected a policy rule id <Pack>-<Rule>, such as "AzureBaseline-AksSystemPoolIsolated"');
      }
      if (typeof reason !== "string" || reason.trim().length < MIN_REASON_LENGTH) {
        throw new ValidationError(
          construct,
          `suppressions[${i}].reason`,
          reason,
          `expected a reason of at least ${MIN_REASON_LENGTH} characters saying why ${id} does not apply`,
        );
      }
    });
    for (const { id, reason } of suppressions) construct.node.addMetadata(METADATA_TYPE, { id, reason: reason.trim() });
  }

  /** Suppresses rules for every resource of a stack. */
  public static addToStack(stack: TerraformStack, suppressions: readonly PolicySuppression[]): void {
    PolicySuppressions.addToConstruct(stack, suppressions);
  }

  /** The suppression nearest to a resource (itself, then its scopes up to the stack) for a rule. */
  public static find(resource: IConstruct, ruleId: string): AppliedSuppression | undefined {
    for (const scope of [...resource.node.scopes].reverse()) {
      const entry = scope.node.metadata.find((m) => m.type === METADATA_TYPE && (m.data as PolicySuppression).id === ruleId);
      if (entry) return { reason: (entry.data as PolicySuppression).reason, path: scope.node.path };
    }
    return undefined;
  }
}
