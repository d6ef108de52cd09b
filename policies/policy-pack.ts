import { IConstruct } from "constructs";
import { IAspect, TerraformResource, TerraformStack } from "cdktf";
import { FindingStatus, annotateFinding } from "./policy-finding";
import { PolicyProfile } from "./policy-profile";
import { PolicyLevel, PolicyRule, RuleContext, RuleStatus } from "./policy-rule";
import { PolicySuppressions } from "./policy-suppressions";
import { StackPolicyResults } from "./stack-policy-results";

/**
 * A pack of policy rules, applied as an Aspect: every Terraform resource under the scope it is
 * added to is resolved and given to each rule that covers its type and runs in the profile's
 * environment. A broken rule becomes an error or a warning annotation (`<Pack>-<Rule>: ...`)
 * unless a suppression with a reason covers the resource; either way it is a finding in the report.
 */
export abstract class PolicyPack implements IAspect {
  public readonly name: string;
  public readonly rules: readonly PolicyRule[];
  public readonly profile: PolicyProfile;
  private readonly evaluated = new WeakSet<IConstruct>();

  protected constructor(name: string, rules: readonly PolicyRule[], profile: PolicyProfile) {
    this.name = name;
    this.rules = rules;
    this.profile = profile;
  }

  public visit(node: IConstruct): void {
    const results = StackPolicyResults.of(TerraformStack.of(node));
    // Aspects visit parents first: the first node seen in a stack is the scope the pack covers.
    results.register(this, node);
    this.checkSuppressions(node);
    if (!(node instanceof TerraformResource) || this.evaluated.has(node)) return;
    this.evaluated.add(node);
    results.noticeResource(node);

    const environment = this.profile.environment;
    const type = node.terraformResourceType;
    const rules = this.rules.filter((r) => r.resourceTypes.includes(type) && r.levels[environment] !== undefined);
    // Only resources some rule covers are resolved: resolution costs about what synthesis does.
    if (rules.length === 0) return;
    const resource = results.resource(node);
    const context: RuleContext = {
      environment,
      maxNodesPerPool: this.profile.maxNodesPerPool,
      maxReplicasPerWorkload: this.profile.maxReplicasPerWorkload,
      // Only the cross-resource rules read the rest of the stack.
      get resources() {
        return results.contextResources();
      },
    };

    for (const rule of rules) {
      const result = rule.evaluate(resource, context);
      results.count(result.status);
      if (result.status !== RuleStatus.NON_COMPLIANT) continue;
      const ruleId = `${this.name}-${rule.name}`;
      const level = rule.levels[environment] as PolicyLevel;
      const message = result.message ?? "non-compliant";
      const suppression = PolicySuppressions.find(node, ruleId);
      results.addFinding({
        ruleId,
        pack: this.name,
        rule: rule.name,
        level,
        status: suppression ? FindingStatus.SUPPRESSED : FindingStatus.NON_COMPLIANT,
        resource: resource.path,
        resourceType: resource.type,
        address: resource.address,
        message,
        description: rule.description,
        fix: rule.fix,
        checkovIds: rule.checkovIds,
        reason: suppression?.reason,
        suppressedAt: suppression?.path,
      });
      if (suppression) continue;
      const checkov = rule.checkovIds.length > 0 ? ` (Checkov ${rule.checkovIds.join(", ")})` : "";
      const fix = rule.fix ? ` Fix: ${rule.fix}.` : "";
      annotateFinding(node, level, `${ruleId}: ${message}.${fix} Why: ${rule.description}${checkov}`);
    }
  }

  /**
   * Warns about a suppression of one of this pack's rules that can suppress nothing: the rule does
   * not run in the profile's environment, or no resource under the construct is of a type it reads
   * (a suppression attached to the wrong construct would otherwise pass unnoticed).
   */
  private checkSuppressions(node: IConstruct): void {
    for (const { id } of PolicySuppressions.on(node)) {
      if (!id.startsWith(`${this.name}-`)) continue;
      const rule = this.rules.find((r) => `${this.name}-${r.name}` === id);
      if (!rule) continue;
      const environment = this.profile.environment;
      const types = new Set(rule.resourceTypes);
      const why =
        rule.levels[environment] === undefined
          ? `the rule does not run in the ${environment} environment`
          : node.node.findAll().some((n) => n instanceof TerraformResource && types.has(n.terraformResourceType))
            ? undefined
            : `no resource under it is of a type the rule reads (${rule.resourceTypes.join(", ")})`;
      if (why !== undefined) annotateFinding(node, PolicyLevel.WARNING, `${id}: the suppression on ${node.node.path} suppresses nothing: ${why}`);
    }
  }
}
