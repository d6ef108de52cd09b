import { IConstruct } from "constructs";
import { App, Aspects, IStackSynthesizer, ISynthesisSession, TerraformStack } from "cdktf";
import { checkPositive } from "../constructs/checks";
import { ValidationError } from "../constructs/validation-error";
import { CostGuardrail } from "../cost/cost-guardrail";
import { EstimateOptions } from "../cost/estimate-options";
import { applyPolicyPacks } from "./apply-policy-packs";
import { PolicyPack } from "./policy-pack";
import { PolicyProfile } from "./policy-profile";
import { writePolicyReport } from "./policy-report";

export interface PlatformGuardrailsOptions {
  /**
   * Which rules run and at what level.
   * @default PolicyProfile.production()
   */
  readonly profile?: PolicyProfile;
  /**
   * Most the stacks covered by the call may cost together, USD a month (the estimator's expected
   * figure, from the synthesized Terraform and published Azure prices). Synthesis fails above it,
   * naming the three biggest lines.
   * @default - no cost ceiling: the packs only
   */
  readonly ceilingMonthlyUsd?: number;
  /**
   * Where the ceiling is set, quoted in the breach message.
   * @default "ceilingMonthlyUsd"
   */
  readonly ceilingSource?: string;
  /**
   * Name the covered stacks' costs are summed under in messages; calls with the same name share
   * the ceiling of the first.
   * @default - the stack's id, or "app" for an app
   */
  readonly tierName?: string;
  /**
   * Usage the estimate assumes where Terraform does not fix it (autoscaled pools' average nodes,
   * commitments, Log Analytics ingestion, ...).
   * @default - every autoscaled pool at its minimum, pay-as-you-go, no ingestion
   */
  readonly estimateOptions?: EstimateOptions;
  /**
   * Write `<outdir>/policy-report.json` and `<outdir>/policy-report/<stack>.md` when the app
   * synthesizes, also when a finding fails synthesis (the report then says why).
   * @default true
   */
  readonly writePolicyReport?: boolean;
}

/** What `applyPlatformGuardrails` put on one stack. */
export interface StackGuardrails {
  readonly stack: TerraformStack;
  /** AzureBaseline, KubernetesWorkloads and CostPack. */
  readonly packs: readonly PolicyPack[];
  /** Present when `ceilingMonthlyUsd` is set. */
  readonly costGuardrail?: CostGuardrail;
}

/**
 * Puts the platform's guardrails on a stack, or on every stack of an app: the three policy packs
 * at a profile (error findings fail synthesis, each naming the construct prop that fixes it), an
 * optional monthly cost ceiling, and the policy report written beside the stacks on `app.synth()`.
 * Packs and ceiling are Aspects, so they see resources added after the call; for an app, call it
 * once its stacks exist. Apply it once per stack.
 *
 * ```ts
 * const app = new App();
 * const stack = new MyAksStack(app, "prod");
 * applyPlatformGuardrails(stack, { profile: PolicyProfile.production(), ceilingMonthlyUsd: 2000 });
 * app.synth(); // fails on an error finding or above $2,000 a month; writes cdktf.out/policy-report.json
 * ```
 */
export function applyPlatformGuardrails(scope: TerraformStack | App, options: PlatformGuardrailsOptions = {}): readonly StackGuardrails[] {
  const stacks = TerraformStack.isStack(scope) ? [scope] : scope.node.findAll().filter(TerraformStack.isStack);
  if (stacks.length === 0) {
    throw new ValidationError(scope, "scope", scope.node.id, "expected a TerraformStack, or an app whose stacks exist already (call applyPlatformGuardrails after creating them)");
  }
  const profile = options.profile ?? PolicyProfile.production();
  const ceiling = options.ceilingMonthlyUsd;
  if (ceiling !== undefined) checkPositive(scope, "ceilingMonthlyUsd", ceiling);
  const tierName = options.tierName ?? (scope.node.id === "" ? "app" : scope.node.id);

  return stacks.map((stack) => {
    const packs = applyPolicyPacks(stack, profile);
    let costGuardrail: CostGuardrail | undefined;
    if (ceiling !== undefined) {
      const source = options.ceilingSource ?? "ceilingMonthlyUsd";
      // One stack on its own is held to the ceiling as a stack; stacks sharing it, as a tier.
      const alone = TerraformStack.isStack(scope) && options.tierName === undefined;
      costGuardrail = new CostGuardrail({
        tierName,
        stackCeilingMonthlyUsd: alone ? ceiling : undefined,
        stackCeilingSource: alone ? source : undefined,
        tierCeilingMonthlyUsd: alone ? Number.POSITIVE_INFINITY : ceiling,
        tierCeilingSource: source,
        estimateOptions: options.estimateOptions ?? {},
      });
      Aspects.of(stack).add(costGuardrail);
    }
    if (options.writePolicyReport ?? true) writePolicyReportOnSynth(stack);
    return { stack, packs, costGuardrail };
  });
}

/** Stacks whose synthesizer already writes the report. */
const REPORTING = new WeakSet<TerraformStack>();

/**
 * Wraps the stack's synthesizer: after the last such stack of the app is written, or when a stack's error
 * findings stop synthesis, the policy report of the whole app is written to the output directory.
 * Findings exist by then: `app.synth()` runs every stack's Aspects before it writes any stack.
 */
function writePolicyReportOnSynth(stack: TerraformStack): void {
  if (REPORTING.has(stack)) return;
  REPORTING.add(stack);
  const root = stack.node.root;
  const inner: IStackSynthesizer = stack.synthesizer;
  stack.synthesizer = {
    synthesize(session: ISynthesisSession): void {
      let failed = true;
      try {
        inner.synthesize(session);
        failed = false;
      } finally {
        if (failed || isLastStack(root, stack)) writePolicyReport(root as App, session.outdir);
      }
    },
  };
}

/** The last stack `app.synth()` writes among those that write the report. */
function isLastStack(root: IConstruct, stack: TerraformStack): boolean {
  const stacks = root.node.findAll().filter((s): s is TerraformStack => TerraformStack.isStack(s) && REPORTING.has(s));
  return stacks[stacks.length - 1] === stack;
}
