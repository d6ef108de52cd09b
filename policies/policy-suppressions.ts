import { IConstruct } from "constructs";
import { TerraformStack } from "cdktf";
import { ValidationError } from "../constructs/validation-error";
import { RULES_BY_PACK, PolicyPackName } from "./rule-catalog";

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

/**
 * What is wrong with a suppression's rule id, or undefined when nothing is: the form `<Pack>-<Rule>`,
 * and for one of our packs a rule the pack has (a typo would suppress nothing), listed by name.
 * Other packs' ids need the form only.
 */
function ruleIdProblem(id: unknown): string | undefined {
  if (typeof id !== "string" || !RULE_ID.test(id)) return 'expected a policy rule id <Pack>-<Rule>, such as "AzureBaseline-AksSystemPoolIsolated"';
  const [pack, rule] = id.split("-");
  if (!OUR_PACKS.includes(pack)) return undefined;
  const rules = RULES_BY_PACK[pack as PolicyPackName].map((r) => r.name);
  return rules.includes(rule) ? undefined : `expected one of the ${pack} pack's rules (it has no rule "${rule}"): ${rules.join(", ")}`;
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
      const problem = ruleIdProblem(id);
      if (problem !== undefined) throw new ValidationError(construct, `suppressions[${i}].id`, id, problem);
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

  /** The suppressions added to a construct itself (not those of its scopes). */
  public static on(construct: IConstruct): PolicySuppression[] {
    return construct.node.metadata.filter((m) => m.type === METADATA_TYPE).map((m) => m.data as PolicySuppression);
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
