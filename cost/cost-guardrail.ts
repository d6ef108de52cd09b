import { IConstruct } from "constructs";
import { AnnotationMetadataEntryType, Aspects, IAspect, TerraformStack } from "cdktf";
import { CostEstimate, CostLine, sumRanges } from "./cost-estimate";
import { EstimateOptions } from "./estimate-options";
import { estimateCost } from "./estimator";
import { ceilingBreach } from "./ceiling-breach";
import { formatUsd } from "./format-usd";
import { TerraformJson } from "./terraform-json";

export interface CostGuardrailProps {
  /** The tier the stack belongs to; stacks with guardrails of the same tier are summed. */
  readonly tierName: string;
  /**
   * The stack's own ceiling, USD per month.
   * @default - none: the stack counts only toward its tier's ceiling (a workloads stack, whose
   * volumes are billed in its cluster's resource group)
   */
  readonly stackCeilingMonthlyUsd?: number;
  /**
   * Where the stack's ceiling is set, for the error message.
   * @default - none
   */
  readonly stackCeilingSource?: string;
  /** The whole tier's ceiling, USD per month. */
  readonly tierCeilingMonthlyUsd: number;
  /** Where the tier's ceiling is set, for the error message. */
  readonly tierCeilingSource: string;
  /** The usage assumptions of the stack. */
  readonly estimateOptions: EstimateOptions;
}

interface CachedEstimate {
  readonly constructs: number;
  readonly estimate: CostEstimate;
}

const ESTIMATES = new WeakMap<TerraformStack, CachedEstimate>();

/**
 * Fails synthesis (an error annotation on the stack) when the stack's expected monthly cost, or
 * its tier's, exceeds the ceiling; warns about resources it cannot price and about configurations
 * that will not behave as priced (a spot cap below the market price). It estimates from the
 * stack's resolved Terraform JSON at synthesis, so it sees every resource, whoever added it.
 */
export class CostGuardrail implements IAspect {
  constructor(public readonly props: CostGuardrailProps) {}

  /** The guardrail added to a stack, if any. */
  public static of(stack: TerraformStack): CostGuardrail | undefined {
    return Aspects.of(stack).all.find((a): a is CostGuardrail => a instanceof CostGuardrail);
  }

  /** The estimate of a stack with its guardrail's assumptions, computed once per state of the tree. */
  public static estimate(stack: TerraformStack): CostEstimate | undefined {
    const guardrail = CostGuardrail.of(stack);
    if (!guardrail) return undefined;
    const constructs = stack.node.findAll().length;
    const cached = ESTIMATES.get(stack);
    if (cached && cached.constructs === constructs) return cached.estimate;
    const estimate = estimateCost(stack.toTerraform() as TerraformJson, guardrail.props.estimateOptions);
    ESTIMATES.set(stack, { constructs, estimate });
    return estimate;
  }

  public visit(node: IConstruct): void {
    if (!TerraformStack.isStack(node) || CostGuardrail.of(node) !== this) return;
    const stack = node;
    const estimate = CostGuardrail.estimate(stack);
    if (!estimate) return;
    // Annotations without stack traces: a trace holds the machine's paths, and the manifest
    // that records annotations must stay byte-identical across machines.
    // Each message once, however often the stack is synthesized.
    const annotate = (type: string, message: string) => {
      if (!stack.node.metadata.some((m) => m.type === type && m.data === message)) {
        stack.node.addMetadata(type, message, { stackTrace: false });
      }
    };
    const annotations = {
      addInfo: (message: string) => annotate(AnnotationMetadataEntryType.INFO, message),
      addError: (message: string) => annotate(AnnotationMetadataEntryType.ERROR, message),
      addWarning: (message: string) => annotate(AnnotationMetadataEntryType.WARN, message),
    };

    const stackBreach =
      this.props.stackCeilingMonthlyUsd === undefined
        ? undefined
        : ceilingBreach({
            label: `stack ${stack.node.id}`,
            total: estimate.total,
            lines: estimate.lines,
            ceilingMonthlyUsd: this.props.stackCeilingMonthlyUsd,
            ceilingSource: this.props.stackCeilingSource ?? "the stack's ceiling",
          });
    if (stackBreach) annotations.addError(stackBreach);
    // Every synthesis shows the estimate beside the ceiling, not only a breach.
    const range = `(min ${formatUsd(estimate.total.min)}, max ${formatUsd(estimate.total.max)})`;
    annotations.addInfo(
      this.props.stackCeilingMonthlyUsd === undefined
        ? `cost guardrail: stack ${stack.node.id} is expected to cost ${formatUsd(estimate.total.expected)} a month ${range}, counted toward tier ${this.props.tierName}'s ceiling`
        : `cost guardrail: stack ${stack.node.id} is expected to cost ${formatUsd(estimate.total.expected)} a month ${range}, ceiling ${formatUsd(this.props.stackCeilingMonthlyUsd)} (${this.props.stackCeilingSource ?? "the stack's ceiling"})`,
    );

    const tierStacks = stack.node.root.node
      .findAll()
      .filter(TerraformStack.isStack)
      .filter((s) => CostGuardrail.of(s)?.props.tierName === this.props.tierName);
    // The tier is reported once, on its first stack.
    if (tierStacks[0] === stack) {
      const lines: CostLine[] = tierStacks.flatMap((s) =>
        (CostGuardrail.estimate(s)?.lines ?? []).map((l) => ({ ...l, address: `${s.node.id}: ${l.address}` })),
      );
      const tierBreach = ceilingBreach({
        label: `tier ${this.props.tierName} (${tierStacks.map((s) => s.node.id).join(", ")})`,
        total: sumRanges(tierStacks.map((s) => CostGuardrail.estimate(s)?.total ?? { min: 0, expected: 0, max: 0 })),
        lines,
        ceilingMonthlyUsd: this.props.tierCeilingMonthlyUsd,
        ceilingSource: this.props.tierCeilingSource,
      });
      if (tierBreach) annotations.addError(tierBreach);
      const tierTotal = sumRanges(tierStacks.map((s) => CostGuardrail.estimate(s)?.total ?? { min: 0, expected: 0, max: 0 }));
      if (tierStacks.length > 1) annotations.addInfo(
        `cost guardrail: tier ${this.props.tierName} (${tierStacks.map((s) => s.node.id).join(", ")}) is expected to cost ${formatUsd(tierTotal.expected)} a month ` +
          `(min ${formatUsd(tierTotal.min)}, max ${formatUsd(tierTotal.max)}), ceiling ${formatUsd(this.props.tierCeilingMonthlyUsd)} (${this.props.tierCeilingSource})`,
      );
    }

    if (estimate.unpriced.length > 0) {
      annotations.addWarning(
        `cost guardrail: ${estimate.unpriced.length} resource part(s) not priced, so the estimate is a lower bound: ` +
          estimate.unpriced.map((u) => `${u.address} (${u.kind}: ${u.reason})`).join("; "),
      );
    }
    for (const warning of new Set(estimate.lines.flatMap((l) => l.warnings))) {
      annotations.addWarning(`cost guardrail: ${warning}`);
    }
  }
}
