import { existsSync, readFileSync } from "fs";
import type { CostLine } from "../cost/cost-estimate";
import { estimateCost } from "../cost/estimator";
import { TerraformResourceRef, listResources } from "../cost/terraform-json";
import { FindingStatus, PolicyFinding } from "../policies/policy-finding";
import { PolicyLevel } from "../policies/policy-rule";
import { AcknowledgedAction, Acknowledgement, readAcknowledgements } from "./acknowledgements";
import { AttributeChange, attributeChanges } from "./attribute-diff";
import { compareText } from "./compare-text";
import { DataHoldingResource, dataHeldBy } from "./data-holding-resources";
import { forceNewAttributes, kubernetesIdentityChanged } from "./force-new-attributes";
import { NoisyDiff, NOISY_DIFFS, explainAsNoise } from "./noisy-diffs";
import {
  Blocker,
  BlockerKind,
  ChangeAction,
  ChangeOrigin,
  CollapsedNoise,
  CostSummary,
  NumberChange,
  PLAN_REVIEW_FORMAT_VERSION,
  PlanReview,
  PolicyDelta,
  PolicyDeltaKind,
  ReviewedChange,
  StackReview,
  TierReview,
  UnknownValue,
} from "./plan-review-report";
import { platformNumbers } from "./platform-numbers";
import { ReviewInputError } from "./review-input-error";
import { formatPath } from "./sensitive-mask";
import { ConstructSource, SourceLocator } from "./source-locator";
import { SynthOutput, SynthesizedStack, dependencyOrder, loadSynthOutput, remoteStateStacks } from "./synth-output";
import { PlanResourceChange, TerraformPlan, isReplace, parseTerraformPlan } from "./terraform-plan";

/** A saved plan of one stack, as `terraform show -json` printed it. */
export interface StackPlanFile {
  readonly stack: string;
  readonly file: string;
}

export interface PlanReviewOptions {
  /**
   * Head's synthesized output.
   * @default "cdktf.out"
   */
  readonly synthDir?: string;
  /**
   * The target branch's synthesized output, to compare against.
   * @default - none: only plans (if any) say what changes
   */
  readonly baseDir?: string;
  /**
   * Plans of some stacks; the others are reviewed from their configurations.
   * @default []
   */
  readonly plans?: readonly StackPlanFile[];
  /**
   * An acknowledgement file (JSON) allowing named deletes and replaces of data-holding resources.
   * @default - none: every such delete or replace blocks
   */
  readonly acknowledgementsFile?: string;
  /**
   * Root of the TypeScript sources, for mapping construct paths to files and lines.
   * @default - the current directory
   */
  readonly sourceRoot?: string;
  /**
   * More data-holding resource types (checked before the built-in list).
   * @default []
   */
  readonly dataHolding?: readonly DataHoldingResource[];
  /**
   * The known noisy diffs.
   * @default NOISY_DIFFS
   */
  readonly noisyDiffs?: readonly NoisyDiff[];
}

const ACTION_REASONS: Readonly<Record<string, string>> = {
  replace_because_cannot_update: "an attribute that cannot be updated in place changes",
  replace_because_tainted: "the object is tainted",
  replace_by_request: "replacement requested (-replace)",
  replace_by_triggers: "replace_triggered_by",
  delete_because_no_resource_config: "no longer in the configuration",
  delete_because_wrong_repetition: "count/for_each switched between one and many instances",
  delete_because_count_index: "its count index is out of range",
  delete_because_each_key: "its for_each key is gone",
  delete_because_no_module: "its module is gone",
  delete_because_no_move_target: "its moved block has no target",
};

const REMOTE_OUTPUT = /data\.terraform_remote_state\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)/g;
const ADDRESS_IN_EXPRESSION = /\$\{[^}]*?\b((?:azurerm|azuread|kubernetes|helm|random|time|null)_[a-z0-9_]+)\.([A-Za-z0-9_-]+)/g;

function emptyCounts(): Record<ChangeAction, number> & { noise: number } {
  return { create: 0, update: 0, replace: 0, delete: 0, forget: 0, noise: 0 };
}

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The configuration without what changes no infrastructure: cdktf metadata, lifecycle, depends_on. */
function comparable(config: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { "//": _meta, lifecycle: _lifecycle, depends_on: _dependsOn, ...rest } = config;
  return rest;
}

function preventsDestroy(config: Readonly<Record<string, unknown>> | undefined): boolean {
  const lifecycle = config?.lifecycle;
  return isObject(lifecycle) && lifecycle.prevent_destroy === true;
}

/** `type.name[0]` -> `type.name`: the synthesized resource a plan instance belongs to. */
function resourceAddress(change: PlanResourceChange): string {
  return `${change.type}.${change.name}`;
}

interface StackSide {
  readonly stack?: SynthesizedStack;
  readonly resources: ReadonlyMap<string, TerraformResourceRef>;
  readonly costLines: ReadonlyMap<string, number>;
  readonly costTotal?: number;
}

function resourcesOf(stack: SynthesizedStack | undefined): Map<string, TerraformResourceRef> {
  return new Map(stack ? listResources(stack.json).map((r) => [r.address, r]) : []);
}

function sumByAddress(lines: readonly CostLine[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of lines) out.set(line.address, (out.get(line.address) ?? 0) + line.monthlyUsd.expected);
  return out;
}

/** How costs are read: both sides from their cost reports, or both from the estimator's defaults. */
interface CostSource {
  lines(side: SynthOutput | undefined, stack: string): { lines: Map<string, number>; total?: number };
}

function costSource(head: SynthOutput, base: SynthOutput | undefined, notes: string[]): CostSource {
  const reports = head.costReport !== undefined && (base === undefined || base.costReport !== undefined);
  if (reports) {
    return {
      lines(side, stack) {
        const report = side?.costReport?.stacks.find((s) => s.stack === stack);
        if (!report) return { lines: new Map(), total: side?.stacks.has(stack) ? undefined : 0 };
        return { lines: sumByAddress(report.lines), total: report.total.expected };
      },
    };
  }
  const missing = [head, base].filter((s): s is SynthOutput => s !== undefined && s.costReport === undefined).map((s) => s.dir);
  notes.push(
    `no cost-report.json in ${missing.join(" and ")}: costs are the estimator's with its default usage assumptions on both sides ` +
      "(no tier assumptions, spot pools at their minimum); for the tier-aware costs, write cost-report.json beside the stacks after app.synth(): " +
      "writePlatformCostReport(app, outdir) in an app built with buildPlatform, or buildCostReport's result for stacks of your own tiers",
  );
  return {
    lines(side, stack) {
      const synthesized = side?.stacks.get(stack);
      if (!synthesized) return { lines: new Map(), total: 0 };
      const estimate = estimateCost(synthesized.json);
      return { lines: sumByAddress(estimate.lines), total: estimate.total.expected };
    },
  };
}

function tierOf(stack: string, head: SynthOutput, base: SynthOutput | undefined): string {
  for (const side of [head, base]) {
    const fromCost = side?.costReport?.stacks.find((s) => s.stack === stack)?.tier;
    if (fromCost) return fromCost;
  }
  for (const side of [head, base]) {
    const profile = side?.policyReport?.stacks.find((s) => s.stack === stack)?.profile?.name;
    if (profile) return profile;
  }
  for (const side of [head, base]) {
    const synthesized = side?.stacks.get(stack);
    for (const r of synthesized ? listResources(synthesized.json) : []) {
      const tags = r.config.tags;
      if (isObject(tags) && typeof tags.tier === "string") return tags.tier;
    }
  }
  return stack;
}

function monthly(before: number | undefined, after: number | undefined): { before?: number; after?: number; delta?: number } {
  return { before, after, delta: before !== undefined && after !== undefined ? after - before : undefined };
}

function planAction(actions: readonly string[]): ChangeAction | undefined {
  if (isReplace(actions as never)) return ChangeAction.REPLACE;
  if (actions.length === 1) {
    switch (actions[0]) {
      case "create":
        return ChangeAction.CREATE;
      case "update":
        return ChangeAction.UPDATE;
      case "delete":
        return ChangeAction.DELETE;
      case "forget":
        return ChangeAction.FORGET;
      default:
        return undefined;
    }
  }
  // ["create","forget"]: a new object, the old one left running outside Terraform.
  if (actions.includes("create")) return ChangeAction.CREATE;
  return undefined;
}

interface Context {
  readonly head: SynthOutput;
  readonly base?: SynthOutput;
  readonly plans: ReadonlyMap<string, { plan: TerraformPlan; file: string }>;
  readonly acknowledgements: readonly Acknowledgement[];
  readonly usedAcknowledgements: Set<Acknowledgement>;
  readonly locator: SourceLocator;
  readonly dataHolding: readonly DataHoldingResource[];
  readonly noisyDiffs: readonly NoisyDiff[];
  readonly costs: CostSource;
}

/**
 * Where head's sources create a construct path. A path that is gone from head (a deleted resource)
 * is located at its deepest ancestor that head still has: the code that no longer creates it.
 */
function locate(ctx: Context, stack: string, constructPath: string | undefined): ConstructSource | undefined {
  if (!constructPath) return undefined;
  const synthesized = ctx.head.stacks.get(stack);
  if (!synthesized) return undefined;
  const paths = listResources(synthesized.json).flatMap((r) => (r.constructPath ? [r.constructPath] : []));
  const topLevel = [...new Set(paths.map((p) => p.split("/")[1]))];
  const segments = constructPath.split("/");
  let keep = segments.length;
  while (keep > 1 && !paths.some((p) => p === segments.slice(0, keep).join("/") || p.startsWith(`${segments.slice(0, keep).join("/")}/`))) keep--;
  if (keep <= 1) return undefined;
  return ctx.locator.locate(segments.slice(0, keep).join("/"), topLevel);
}

function acknowledgementFor(ctx: Context, stack: string, address: string, action: ChangeAction): Acknowledgement | undefined {
  const wanted = action === ChangeAction.DELETE ? AcknowledgedAction.DELETE : AcknowledgedAction.REPLACE;
  const found = ctx.acknowledgements.find((a) => a.stack === stack && a.address === address && a.action === wanted);
  if (found) ctx.usedAcknowledgements.add(found);
  return found;
}

interface ChangeDraft {
  readonly address: string;
  readonly resourceType: string;
  readonly action: ChangeAction;
  readonly reasons: string[];
  readonly replacePaths: string[];
  readonly attributes: AttributeChange[];
  /** Values before the change, for what a data-holding resource holds. */
  readonly beforeValues: unknown;
}

function finishChange(ctx: Context, stack: string, origin: ChangeOrigin, draft: ChangeDraft, head: StackSide, base: StackSide): ReviewedChange {
  const plain = draft.address.replace(/\[[^\]]*\]$/, "");
  const ref = head.resources.get(plain) ?? base.resources.get(plain);
  const losesData = draft.action === ChangeAction.DELETE || draft.action === ChangeAction.REPLACE;
  const dataHeld = losesData ? dataHeldBy(draft.resourceType, isObject(draft.beforeValues) ? draft.beforeValues : ref?.config, ctx.dataHolding) : undefined;
  const ack = dataHeld !== undefined ? acknowledgementFor(ctx, stack, draft.address, draft.action) : undefined;
  const before = draft.action === ChangeAction.CREATE ? 0 : base.costLines.get(plain) ?? (ctx.base ? 0 : undefined);
  const after = draft.action === ChangeAction.DELETE || draft.action === ChangeAction.FORGET ? 0 : head.costLines.get(plain) ?? 0;
  return {
    stack,
    address: draft.address,
    resourceType: draft.resourceType,
    constructPath: ref?.constructPath,
    source: locate(ctx, stack, ref?.constructPath),
    action: draft.action,
    origin,
    reasons: draft.reasons,
    replacePaths: draft.replacePaths,
    attributes: draft.attributes,
    dataHeld,
    preventDestroy: preventsDestroy(head.resources.get(plain)?.config ?? base.resources.get(plain)?.config),
    acknowledged: ack?.reason,
    monthlyUsd: monthly(before, after),
  };
}

function fromPlan(ctx: Context, stack: string, plan: TerraformPlan, head: StackSide, base: StackSide): { changes: ReviewedChange[]; noise: CollapsedNoise[]; notes: string[] } {
  const changes: ReviewedChange[] = [];
  const noise: CollapsedNoise[] = [];
  const notes: string[] = [];
  for (const rc of plan.resourceChanges) {
    if (rc.mode !== "managed") continue;
    const action = planAction(rc.change.actions);
    if (action === undefined) continue;
    const c = rc.change;
    const attributes =
      action === ChangeAction.UPDATE || action === ChangeAction.REPLACE
        ? attributeChanges({ before: c.before, after: c.after, afterUnknown: c.after_unknown, beforeSensitive: c.before_sensitive, afterSensitive: c.after_sensitive })
        : [];
    if (action === ChangeAction.UPDATE) {
      const matches = explainAsNoise(rc.type, attributes, c.before, c.after, ctx.noisyDiffs);
      if (matches) {
        noise.push({ stack, address: rc.address, constructPath: (head.resources.get(resourceAddress(rc)) ?? base.resources.get(resourceAddress(rc)))?.constructPath, matches });
        continue;
      }
    }
    const reasons: string[] = [];
    if (rc.action_reason) reasons.push(ACTION_REASONS[rc.action_reason] ?? rc.action_reason);
    if (rc.deposed) reasons.push(`deposed object ${rc.deposed} left by an earlier create_before_destroy`);
    if (rc.previous_address) reasons.push(`moved from ${rc.previous_address}`);
    if (rc.change.actions.includes("forget")) reasons.push("the old object is forgotten, not destroyed");
    changes.push(
      finishChange(
        ctx,
        stack,
        ChangeOrigin.PLAN,
        {
          address: rc.address,
          resourceType: rc.type,
          action,
          reasons,
          replacePaths: (c.replace_paths ?? []).map((p) => formatPath(p)),
          attributes,
          beforeValues: c.before,
        },
        head,
        base,
      ),
    );
  }
  const drifted = plan.resourceDrift.filter((d) => d.mode === "managed").length;
  if (drifted > 0) notes.push(`${drifted} resource(s) changed outside Terraform since the last apply (resource_drift); the plan corrects them`);
  if (plan.errored) notes.push(`the plan in ${plan.source} is from a run that errored: it may be incomplete`);
  return { changes, noise, notes };
}

function nameOf(config: Readonly<Record<string, unknown>>): unknown {
  const metadata = Array.isArray(config.metadata) ? config.metadata[0] : config.metadata;
  return config.name ?? (isObject(metadata) ? metadata.name : undefined);
}

function fromConfiguration(ctx: Context, stack: string, head: StackSide, base: StackSide): ReviewedChange[] {
  const drafts: ChangeDraft[] = [];
  const addresses = [...new Set([...head.resources.keys(), ...base.resources.keys()])].sort(compareText);
  for (const address of addresses) {
    const h = head.resources.get(address);
    const b = base.resources.get(address);
    if (h && !b) drafts.push({ address, resourceType: h.type, action: ChangeAction.CREATE, reasons: [], replacePaths: [], attributes: [], beforeValues: undefined });
    else if (b && !h) {
      drafts.push({ address, resourceType: b.type, action: ChangeAction.DELETE, reasons: ["no longer in the configuration"], replacePaths: [], attributes: [], beforeValues: b.config });
    } else if (h && b) {
      const before = comparable(b.config);
      const after = comparable(h.config);
      if (JSON.stringify(before) === JSON.stringify(after)) continue;
      const attributes = attributeChanges({ before, after });
      const topLevel = [...new Set(attributes.map((a) => String(a.steps[0])))];
      const forcing = forceNewAttributes(h.type, topLevel);
      const k8sIdentity = kubernetesIdentityChanged(h.type, before, after);
      const replace = forcing.length > 0 || k8sIdentity;
      drafts.push({
        address,
        resourceType: h.type,
        action: replace ? ChangeAction.REPLACE : ChangeAction.UPDATE,
        reasons: replace ? ["predicted from the configuration: a plan is authoritative"] : [],
        replacePaths: k8sIdentity ? [...forcing, "metadata.name/namespace"] : forcing,
        attributes,
        beforeValues: b.config,
      });
    }
  }
  // A construct renamed keeps its resource's name but gets a new address: destroy and create.
  for (const created of drafts.filter((d) => d.action === ChangeAction.CREATE)) {
    const name = nameOf(head.resources.get(created.address)?.config ?? {});
    if (name === undefined) continue;
    const deleted = drafts.find((d) => d.action === ChangeAction.DELETE && d.resourceType === created.resourceType && nameOf(base.resources.get(d.address)?.config ?? {}) === name);
    if (!deleted) continue;
    deleted.reasons.push(`looks like a renamed construct: ${created.address} has the same name; add a moved block (cdktf moveTo) to keep the object`);
    created.reasons.push(`looks like a renamed construct: replaces ${deleted.address}`);
  }
  return drafts.map((d) => finishChange(ctx, stack, ChangeOrigin.CONFIGURATION, d, head, base));
}

function numberChanges(stack: string, head: StackSide, base: StackSide, planChanges: readonly PlanResourceChange[] | undefined, hasBase: boolean): NumberChange[] {
  const out: NumberChange[] = [];
  const compare = (address: string, type: string, constructPath: string | undefined, before: unknown, after: unknown) => {
    const b = new Map(platformNumbers(type, before).map((n) => [n.label, n.value]));
    const a = new Map(platformNumbers(type, after).map((n) => [n.label, n.value]));
    for (const label of [...new Set([...b.keys(), ...a.keys()])].sort(compareText)) {
      if (b.get(label) !== a.get(label)) out.push({ stack, address, constructPath, label, before: b.get(label), after: a.get(label) });
    }
  };
  if (hasBase) {
    for (const address of [...new Set([...head.resources.keys(), ...base.resources.keys()])].sort(compareText)) {
      const h = head.resources.get(address);
      const b = base.resources.get(address);
      compare(address, (h ?? b)!.type, (h ?? b)!.constructPath, b?.config, h?.config);
    }
  } else {
    for (const rc of planChanges ?? []) {
      if (rc.mode !== "managed") continue;
      const ref = head.resources.get(resourceAddress(rc));
      compare(rc.address, rc.type, ref?.constructPath, rc.change.before, rc.change.after);
    }
  }
  return out;
}

function policyKey(f: PolicyFinding): string {
  return `${f.ruleId}\0${f.resource}`;
}

function policyDeltas(ctx: Context, stack: string): { deltas: PolicyDelta[]; openErrors: number; notes: string[] } {
  const notes: string[] = [];
  if (!ctx.head.policyReport) return { deltas: [], openErrors: 0, notes: [`no policy report in ${ctx.head.dir}: policy findings not reviewed`] };
  const head = ctx.head.policyReport.stacks.find((s) => s.stack === stack)?.findings ?? [];
  const baseReport = ctx.base?.policyReport;
  if (ctx.base && !baseReport) notes.push(`no policy report in ${ctx.base.dir}: every open finding counts as new`);
  const base = baseReport?.stacks.find((s) => s.stack === stack)?.findings ?? [];
  const open = (list: readonly PolicyFinding[]) => new Map(list.filter((f) => f.status === FindingStatus.NON_COMPLIANT).map((f) => [policyKey(f), f]));
  const suppressed = (list: readonly PolicyFinding[]) => new Map(list.filter((f) => f.status === FindingStatus.SUPPRESSED).map((f) => [policyKey(f), f]));
  const headOpen = open(head);
  const baseOpen = open(base);
  const headSuppressed = suppressed(head);
  const baseSuppressed = suppressed(base);
  const delta = (f: PolicyFinding, kind: PolicyDeltaKind): PolicyDelta => ({
    stack,
    kind,
    ruleId: f.ruleId,
    level: f.level,
    resource: f.resource,
    address: f.address,
    message: f.message,
    description: f.description,
    checkovIds: f.checkovIds,
    reason: kind === PolicyDeltaKind.NEWLY_SUPPRESSED ? f.reason : undefined,
    source: kind === PolicyDeltaKind.RESOLVED ? undefined : locate(ctx, stack, f.resource),
  });
  const deltas = [
    ...[...headOpen.entries()].filter(([k]) => !baseOpen.has(k)).map(([, f]) => delta(f, PolicyDeltaKind.NEW)),
    ...[...baseOpen.entries()].filter(([k]) => !headOpen.has(k)).map(([, f]) => delta(f, PolicyDeltaKind.RESOLVED)),
    ...[...headSuppressed.entries()].filter(([k]) => !baseSuppressed.has(k)).map(([, f]) => delta(f, PolicyDeltaKind.NEWLY_SUPPRESSED)),
  ].sort((a, b) => compareText(a.kind, b.kind) || compareText(a.ruleId, b.ruleId) || compareText(a.resource, b.resource));
  const openErrors = [...headOpen.entries()].filter(([k, f]) => baseOpen.has(k) && f.level === PolicyLevel.ERROR).length;
  return { deltas, openErrors, notes };
}

/** Every `data.terraform_remote_state.<x>.outputs.<y>` a value reads, with the attribute path. */
function remoteReads(value: unknown, path: string, out: { path: string; dataSource: string; output: string }[]): void {
  if (typeof value === "string") {
    for (const m of value.matchAll(REMOTE_OUTPUT)) out.push({ path, dataSource: m[1], output: m[2] });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => remoteReads(v, `${path}[${i}]`, out));
  } else if (isObject(value)) {
    for (const key of Object.keys(value).sort(compareText)) if (key !== "//") remoteReads(value[key], path === "" ? key : `${path}.${key}`, out);
  }
}

function unknownValues(ctx: Context, stack: string, reviews: ReadonlyMap<string, { changes: readonly ReviewedChange[] }>): UnknownValue[] {
  const synthesized = ctx.head.stacks.get(stack);
  if (!synthesized) return [];
  const upstreamOf = remoteStateStacks(synthesized.json);
  const consumers: { consumer: string; value: unknown }[] = [
    ...Object.entries((synthesized.json.provider ?? {}) as Record<string, unknown>).map(([name, value]) => ({ consumer: `provider.${name}`, value })),
    ...listResources(synthesized.json).map((r) => ({ consumer: r.address, value: r.config })),
  ];
  const out = new Map<string, UnknownValue>();
  for (const { consumer, value } of consumers) {
    const reads: { path: string; dataSource: string; output: string }[] = [];
    remoteReads(value, "", reads);
    for (const read of reads) {
      const upstream = upstreamOf.get(read.dataSource);
      if (!upstream) continue;
      const because = whyUnknown(ctx, upstream, read.output, reviews.get(upstream)?.changes ?? []);
      if (!because) continue;
      const attribute = read.path.replace(/^\[\d+\]\.?/, "");
      const item: UnknownValue = { stack, consumer, attribute, upstreamStack: upstream, output: read.output, because };
      out.set(`${consumer}\0${attribute}\0${read.output}`, item);
    }
  }
  return [...out.values()].sort((a, b) => compareText(a.consumer, b.consumer) || compareText(a.attribute, b.attribute));
}

function whyUnknown(ctx: Context, upstream: string, output: string, upstreamChanges: readonly ReviewedChange[]): string | undefined {
  const headOutputs = (ctx.head.stacks.get(upstream)?.json.output ?? {}) as Record<string, { value?: unknown }>;
  const baseOutputs = ctx.base ? ((ctx.base.stacks.get(upstream)?.json.output ?? {}) as Record<string, { value?: unknown }>) : undefined;
  if (!(output in headOutputs)) return undefined;
  if (baseOutputs && !(output in baseOutputs)) return `the output is new in ${upstream}: this stack cannot plan until ${upstream} applies`;
  const plan = ctx.plans.get(upstream)?.plan;
  const outputChange = plan?.outputChanges[output];
  if (outputChange && outputChange.after_unknown === true) return `${upstream}'s plan leaves the output unknown until apply`;
  const expression = JSON.stringify(headOutputs[output]?.value ?? "");
  for (const m of expression.matchAll(ADDRESS_IN_EXPRESSION)) {
    const address = `${m[1]}.${m[2]}`;
    const change = upstreamChanges.find((c) => c.address.replace(/\[[^\]]*\]$/, "") === address);
    if (change && (change.action === ChangeAction.CREATE || change.action === ChangeAction.REPLACE)) return `${address} is ${change.action === ChangeAction.CREATE ? "created" : "replaced"} in ${upstream}`;
  }
  return undefined;
}

function ceilingOf(stack: string, ctx: Context): CostSummary {
  const report = ctx.head.costReport?.stacks.find((s) => s.stack === stack);
  if (report) return { ceilingMonthlyUsd: report.ceilingMonthlyUsd, breach: report.breach };
  return {};
}

function readPlans(head: SynthOutput, plans: readonly StackPlanFile[]): Map<string, { plan: TerraformPlan; file: string }> {
  const out = new Map<string, { plan: TerraformPlan; file: string }>();
  const known = [...head.stacks.keys()].sort(compareText);
  for (const { stack, file } of plans) {
    if (!head.stacks.has(stack)) throw new ReviewInputError(`--plan ${stack}=${file}: unknown stack ${JSON.stringify(stack)}: expected one of ${known.join(", ")}`);
    if (out.has(stack)) throw new ReviewInputError(`--plan ${stack}=${file}: a second plan for ${stack} (the first is ${out.get(stack)!.file})`);
    if (!existsSync(file)) throw new ReviewInputError(`--plan ${stack}=${file}: no such file: expected the output of terraform show -json <planfile>`);
    out.set(stack, { plan: parseTerraformPlan(readFileSync(file, "utf8"), file), file });
  }
  return out;
}

function tierReviews(stacks: readonly StackReview[], ctx: Context): TierReview[] {
  const names = [...new Set(stacks.map((s) => s.tier))];
  return names.map((tier) => {
    const members = stacks.filter((s) => s.tier === tier);
    const sum = (pick: (s: StackReview) => number | undefined) => {
      const values = members.map(pick);
      return values.every((v) => v !== undefined) ? values.reduce((a, b) => a! + b!, 0) : undefined;
    };
    const report = ctx.head.costReport?.tiers.find((t) => t.tier === tier);
    return {
      tier,
      stacks: members.map((s) => s.stack),
      cost: {
        before: sum((s) => s.cost.before),
        after: sum((s) => s.cost.after),
        delta: sum((s) => s.cost.delta),
        ceilingMonthlyUsd: report?.ceilingMonthlyUsd,
        breach: report?.breach,
      },
    };
  });
}

/**
 * Reviews what a change to a cdktf app does, per stack in dependency order and per tier: the
 * resources created, updated, replaced and deleted (from plans where given, else head's
 * synthesized configuration against base's), the tier-table numbers that change, the monthly cost
 * of each changed resource and the delta per stack and tier, policy findings new and resolved,
 * values unknown until an upstream stack applies, and what blocks: an unacknowledged delete or
 * replace of a data-holding resource, a new unsuppressed policy error, a stack or tier over its
 * ceiling. Sensitive values are never in the result. Throws `ReviewInputError` on bad input.
 */
export function reviewPlans(options: PlanReviewOptions = {}): PlanReview {
  const head = loadSynthOutput(options.synthDir ?? "cdktf.out", "--synth");
  const base = options.baseDir !== undefined ? loadSynthOutput(options.baseDir, "--base") : undefined;
  const plans = readPlans(head, options.plans ?? []);
  const acknowledgements = options.acknowledgementsFile !== undefined ? readAcknowledgements(options.acknowledgementsFile) : [];
  const allStacks = new Map<string, SynthesizedStack>([...(base?.stacks ?? new Map<string, SynthesizedStack>()), ...head.stacks]);
  for (const ack of acknowledgements) {
    if (!allStacks.has(ack.stack)) {
      throw new ReviewInputError(`${options.acknowledgementsFile}: acknowledgement of ${ack.address} names unknown stack ${JSON.stringify(ack.stack)}: expected one of ${[...allStacks.keys()].sort(compareText).join(", ")}`);
    }
  }
  const notes: string[] = [];
  if (!base && plans.size === 0) notes.push("no --base and no --plan: nothing to compare head with, so no change is reported");
  const ctx: Context = {
    head,
    base,
    plans,
    acknowledgements,
    usedAcknowledgements: new Set(),
    locator: SourceLocator.scan(options.sourceRoot ?? process.cwd()),
    dataHolding: options.dataHolding ?? [],
    noisyDiffs: options.noisyDiffs ?? NOISY_DIFFS,
    costs: costSource(head, base, notes),
  };
  const preferred = (head.costReport?.stacks ?? []).map((s) => s.stack);
  const order = dependencyOrder(allStacks, preferred);

  const drafts = new Map<string, Omit<StackReview, "unknowns">>();
  for (const stack of order) {
    const stackNotes: string[] = [];
    const headCost = ctx.costs.lines(head, stack);
    const baseCost = base ? ctx.costs.lines(base, stack) : { lines: new Map<string, number>(), total: undefined };
    const headSide: StackSide = { stack: head.stacks.get(stack), resources: resourcesOf(head.stacks.get(stack)), costLines: headCost.lines, costTotal: headCost.total };
    const baseSide: StackSide = { stack: base?.stacks.get(stack), resources: resourcesOf(base?.stacks.get(stack)), costLines: baseCost.lines, costTotal: baseCost.total };
    if (!head.stacks.has(stack)) stackNotes.push("the stack is gone from head: every resource it holds is deleted when its state is destroyed");
    if (base && !base.stacks.has(stack)) stackNotes.push("a new stack: not in base");
    const planned = plans.get(stack);
    let changes: ReviewedChange[] = [];
    let noise: CollapsedNoise[] = [];
    if (planned) {
      const result = fromPlan(ctx, stack, planned.plan, headSide, baseSide);
      changes = result.changes;
      noise = result.noise;
      stackNotes.push(...result.notes);
    } else if (base) {
      changes = fromConfiguration(ctx, stack, headSide, baseSide);
    }
    const counts = emptyCounts();
    for (const c of changes) counts[c.action]++;
    counts.noise = noise.length;
    const policy = policyDeltas(ctx, stack);
    stackNotes.push(...policy.notes);
    drafts.set(stack, {
      stack,
      tier: tierOf(stack, head, base),
      origin: planned ? ChangeOrigin.PLAN : ChangeOrigin.CONFIGURATION,
      planFile: planned?.file,
      dependencies: allStacks.get(stack)?.dependencies ?? [],
      counts,
      changes,
      noise,
      numbers: numberChanges(stack, headSide, baseSide, planned?.plan.resourceChanges, base !== undefined),
      cost: { ...monthly(base ? baseSide.costTotal : undefined, headSide.costTotal), ...ceilingOf(stack, ctx) },
      policy: policy.deltas,
      openPolicyErrors: policy.openErrors,
      notes: stackNotes,
    });
  }
  const stacks: StackReview[] = order.map((stack) => ({ ...drafts.get(stack)!, unknowns: unknownValues(ctx, stack, drafts) }));
  const tiers = tierReviews(stacks, ctx);

  const blockers: Blocker[] = [];
  for (const s of stacks) {
    for (const c of s.changes) {
      if (c.dataHeld === undefined || c.acknowledged !== undefined) continue;
      blockers.push({
        kind: BlockerKind.DATA_LOSS,
        stack: s.stack,
        tier: s.tier,
        address: c.address,
        constructPath: c.constructPath,
        source: c.source,
        message:
          `${s.stack}: ${c.address} is ${c.action === ChangeAction.DELETE ? "deleted" : "replaced"}${c.origin === ChangeOrigin.CONFIGURATION && c.action === ChangeAction.REPLACE ? " (predicted)" : ""}, ` +
          `losing ${c.dataHeld}; acknowledge it in the acknowledgement file (stack ${JSON.stringify(s.stack)}, address ${JSON.stringify(c.address)}, action ${JSON.stringify(c.action)}, reason) or change the code`,
      });
    }
    for (const p of s.policy.filter((d) => d.kind === PolicyDeltaKind.NEW && d.level === PolicyLevel.ERROR)) {
      blockers.push({
        kind: BlockerKind.POLICY_ERROR,
        stack: s.stack,
        tier: s.tier,
        address: p.address,
        constructPath: p.resource,
        ruleId: p.ruleId,
        source: p.source,
        message: `${s.stack}: new policy error ${p.ruleId} on ${p.resource}: ${p.message}`,
      });
    }
    if (s.cost.breach) blockers.push({ kind: BlockerKind.OVER_CEILING, stack: s.stack, tier: s.tier, message: s.cost.breach });
  }
  for (const t of tiers) if (t.cost.breach) blockers.push({ kind: BlockerKind.OVER_CEILING, tier: t.tier, message: t.cost.breach });

  return {
    formatVersion: PLAN_REVIEW_FORMAT_VERSION,
    head: head.dir,
    base: base?.dir,
    plans: [...plans.entries()].map(([stack, p]) => ({ stack, file: p.file })).sort((a, b) => compareText(a.stack, b.stack)),
    blocked: blockers.length > 0,
    blockers,
    acknowledgements: {
      file: options.acknowledgementsFile,
      used: acknowledgements.filter((a) => ctx.usedAcknowledgements.has(a)),
      unused: acknowledgements.filter((a) => !ctx.usedAcknowledgements.has(a)),
    },
    stacks,
    tiers,
    notes,
  };
}
