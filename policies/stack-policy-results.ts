import { IConstruct } from "constructs";
import { TerraformResource, TerraformStack } from "cdktf";
import type { PolicyPack } from "./policy-pack";
import { CONTEXT_RESOURCE_TYPES } from "./kubernetes-objects";
import { PolicyFinding } from "./policy-finding";
import { resolvePolicyResource } from "./policy-resource";
import { PolicyResource, RuleStatus } from "./policy-rule";

const RESULTS = new WeakMap<TerraformStack, StackPolicyResults>();

/** Evaluations counted by outcome. */
export interface EvaluationCounts {
  evaluations: number;
  compliant: number;
  notApplicable: number;
  nonCompliant: number;
}

/**
 * What the policy packs found in one stack: the packs that ran, every finding, and counts of
 * evaluations. The report reads it after synthesis; it also caches each resource's resolved
 * configuration so the three packs and the cross-resource rules resolve a resource once.
 */
export class StackPolicyResults {
  /** The results of a stack, created on first use. */
  public static of(stack: TerraformStack): StackPolicyResults {
    let results = RESULTS.get(stack);
    if (!results) {
      results = new StackPolicyResults(stack);
      RESULTS.set(stack, results);
    }
    return results;
  }

  /** The results of a stack, if any pack has run on it or been applied to it. */
  public static find(stack: TerraformStack): StackPolicyResults | undefined {
    return RESULTS.get(stack);
  }

  public readonly stack: TerraformStack;
  private readonly packList: { pack: PolicyPack; scope: IConstruct }[] = [];
  private readonly findingsByKey = new Map<string, PolicyFinding>();
  private readonly resolved = new Map<TerraformResource, PolicyResource>();
  private readonly counts: EvaluationCounts = { evaluations: 0, compliant: 0, notApplicable: 0, nonCompliant: 0 };
  /** The shared list of `contextResources()`, the types it was made for and the resources in it. */
  private context?: { readonly types: ReadonlySet<string>; readonly members: WeakSet<TerraformResource>; readonly list: readonly PolicyResource[] };

  private constructor(stack: TerraformStack) {
    this.stack = stack;
  }

  /** Records that a pack runs on a scope of this stack (the first scope it visits there). */
  public register(pack: PolicyPack, scope: IConstruct): void {
    if (this.packList.some((p) => p.pack === pack)) return;
    this.packList.push({ pack, scope });
    this.context = undefined;
  }

  public get packs(): readonly { readonly pack: PolicyPack; readonly scope: IConstruct }[] {
    return this.packList;
  }

  /** A resource of this stack, resolved once. */
  public resource(resource: TerraformResource): PolicyResource {
    let resolved = this.resolved.get(resource);
    if (!resolved) {
      resolved = resolvePolicyResource(resource);
      this.resolved.set(resource, resolved);
    }
    return resolved;
  }

  /**
   * The resources of the stack a rule may look at, resolved, in construct order: those of the
   * types the packs' rules cover, and those the cross-resource rules read (namespaces, network
   * policies, quotas, budgets, autoscalers). Others (Services, ServiceAccounts, ...) are never
   * resolved, which keeps the packs' cost well below the cost of synthesis itself.
   */
  public resources(): PolicyResource[] {
    const types = this.contextTypes();
    return this.resourcesOf(types).map((r) => this.resource(r));
  }

  /**
   * What `resources()` returns, as one frozen list that the stack's packs share while they visit
   * it: the tree is walked once, not on every visit, and the cross-resource views of
   * `kubernetes-objects` are computed once per list. The list is made again when a pack registers
   * (its rules may cover other types) or visits a resource of a listed type that the list lacks:
   * a resource another aspect adds during synthesis is in the lists the rules see from the packs'
   * visit of it on.
   */
  public contextResources(): readonly PolicyResource[] {
    if (!this.context) {
      const types = this.contextTypes();
      const members = new WeakSet<TerraformResource>();
      const list = this.resourcesOf(types).map((r) => {
        members.add(r);
        return this.resource(r);
      });
      this.context = { types, members, list: Object.freeze(list) };
    }
    return this.context.list;
  }

  /** Tells the results a pack visits a resource, so a list made before it was added is made again. */
  public noticeResource(resource: TerraformResource): void {
    if (this.context && this.context.types.has(resource.terraformResourceType) && !this.context.members.has(resource)) {
      this.context = undefined;
    }
  }

  private resourcesOf(types: ReadonlySet<string>): TerraformResource[] {
    return this.stack.node
      .findAll()
      .filter((n): n is TerraformResource => n instanceof TerraformResource && types.has(n.terraformResourceType));
  }

  private contextTypes(): Set<string> {
    const types = new Set<string>(CONTEXT_RESOURCE_TYPES);
    for (const { pack } of this.packList) for (const rule of pack.rules) for (const type of rule.resourceTypes) types.add(type);
    return types;
  }

  public count(status: RuleStatus): void {
    this.counts.evaluations += 1;
    if (status === RuleStatus.COMPLIANT) this.counts.compliant += 1;
    else if (status === RuleStatus.NOT_APPLICABLE) this.counts.notApplicable += 1;
    else this.counts.nonCompliant += 1;
  }

  public addFinding(finding: PolicyFinding): void {
    this.findingsByKey.set(`${finding.ruleId}\0${finding.resource}`, finding);
  }

  /** Findings sorted by resource path, then rule id. */
  public get findings(): PolicyFinding[] {
    return [...this.findingsByKey.values()].sort(
      (a, b) => compareCodeUnits(a.resource, b.resource) || compareCodeUnits(a.ruleId, b.ruleId),
    );
  }

  public get evaluationCounts(): Readonly<EvaluationCounts> {
    return { ...this.counts };
  }
}

/** Code-unit order: the same on every machine, unlike localeCompare. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
