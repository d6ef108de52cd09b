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
import { AppSources, appSources, staleness } from "./app-sources";
import { predictReplacement } from "./force-new-attributes";
import { NoisyDiff, NOISY_DIFFS, explainAsNoise } from "./noisy-diffs";
import {
  Blocker,
  BlockerKind,
  CeilingSource,
  ChangedSourceLine,
  CostDelta,
  describePreventDestroy,
  InputWarning,
  InputWarningKind,
  PossibleReplacement,
  PreventDestroy,
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
import { formatUsd } from "../cost/format-usd";
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
   * Head's app: its root directory (the entry is `cdktf.json`'s `app` there, else `main.ts`) or its
   * entry file. Only the files the entry reaches through relative imports are head's sources:
   * constructs are located there, and the synthesized output is checked against them.
   * @default - the current directory
   */
  readonly sourceRoot?: string;
  /**
   * The target branch's checkout (its app root), to find the lines of head's sources that changed
   * (the tier-file line behind a changed number).
   * @default - none: changed numbers are not traced to source lines
   */
  readonly baseSourceRoot?: string;
  /**
   * Review a plan whose addresses are neither in head's synthesized stack nor deletes of base's
   * resources, with a warning, instead of refusing it as bad input.
   * @default false
   */
  readonly allowMismatch?: boolean;
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
  return isObject(lifecycle) && (lifecycle.prevent_destroy === true || lifecycle.prevent_destroy === "true");
}

/** What prevent_destroy does for a change: it is read from the configuration being applied, head's. */
function protection(action: ChangeAction, possiblyReplaced: boolean, head: Readonly<Record<string, unknown>> | undefined, base: Readonly<Record<string, unknown>> | undefined): PreventDestroy {
  if (action !== ChangeAction.DELETE && action !== ChangeAction.REPLACE && !possiblyReplaced) return PreventDestroy.NONE;
  if (head !== undefined && preventsDestroy(head)) return PreventDestroy.STOPS;
  if (!preventsDestroy(base)) return PreventDestroy.NONE;
  return head === undefined ? PreventDestroy.REMOVED_WITH_RESOURCE : PreventDestroy.ATTRIBUTE_REMOVED;
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
  readonly sources?: AppSources;
  /** Base's text of each of head's source files, when --base-source is given. */
  readonly baseSources?: AppSources;
  readonly allowMismatch: boolean;
  readonly inputWarnings: InputWarning[];
  readonly changedLines: readonly ChangedSourceLine[];
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
  readonly possibleReplacements?: PossibleReplacement[];
  readonly attributes: AttributeChange[];
  /** Values before the change, for what a data-holding resource holds. */
  readonly beforeValues: unknown;
}

function finishChange(ctx: Context, stack: string, origin: ChangeOrigin, draft: ChangeDraft, head: StackSide, base: StackSide): ReviewedChange {
  const plain = draft.address.replace(/\[[^\]]*\]$/, "");
  const ref = head.resources.get(plain) ?? base.resources.get(plain);
  const possible = draft.possibleReplacements ?? [];
  const losesData = draft.action === ChangeAction.DELETE || draft.action === ChangeAction.REPLACE || possible.length > 0;
  const dataHeld = losesData ? dataHeldBy(draft.resourceType, isObject(draft.beforeValues) ? draft.beforeValues : ref?.config, ctx.dataHolding) : undefined;
  const ack = dataHeld !== undefined ? acknowledgementFor(ctx, stack, draft.address, possible.length > 0 ? ChangeAction.REPLACE : draft.action) : undefined;
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
    possibleReplacements: possible,
    attributes: draft.attributes,
    dataHeld,
    preventDestroy: protection(draft.action, possible.length > 0, head.resources.get(plain)?.config, base.resources.get(plain)?.config),
    acknowledged: ack?.reason,
    monthlyUsd: monthly(before, after),
  };
}

function fromPlan(ctx: Context, stack: string, plan: TerraformPlan, head: StackSide, base: StackSide): { changes: ReviewedChange[]; noise: CollapsedNoise[]; notes: string[] } {
  const changes: ReviewedChange[] = [];
  const noise: CollapsedNoise[] = [];
  const notes: string[] = [];
  const strangers: string[] = [];
  for (const rc of plan.resourceChanges) {
    if (rc.mode !== "managed" || rc.module_address !== undefined) continue;
    const plain = resourceAddress(rc);
    const deletes = rc.change.actions.includes("delete") && !rc.change.actions.includes("create");
    const inBase = ctx.base === undefined || base.resources.has(plain);
    if (!head.resources.has(plain) && !(deletes && inBase) && !strangers.includes(rc.address)) strangers.push(rc.address);
  }
  if (strangers.length > 0) {
    const message =
      `--plan ${stack}=${plan.source}: ${strangers.length} of ${plan.resourceChanges.filter((r) => r.mode === "managed").length} address(es) are neither in head's synthesized ${stack} ` +
      `nor deletes of what base had: ${strangers.slice(0, 5).join(", ")}${strangers.length > 5 ? ", ..." : ""}; expected the plan of this stack made from head's synthesized configuration ` +
      "(a plan of another stack, or of another commit?)";
    if (!ctx.allowMismatch) throw new ReviewInputError(`${message}; pass --allow-mismatch to review it anyway`);
    ctx.inputWarnings.push({ kind: InputWarningKind.PLAN_MISMATCH, stack, message: `${message}; reviewed anyway (--allow-mismatch): the plan's actions are reported as they are` });
  }
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
      const prediction = predictReplacement(h.type, before, after);
      const replace = prediction.forcing.length > 0;
      const possible: PossibleReplacement[] = replace
        ? []
        : prediction.unknownType
          ? [{ attribute: "*", rule: "unknown type", condition: `${h.type} is not in the forcing-attribute table (review/force-new-table.ts): a plan says whether it is replaced` }]
          : [...prediction.mayReplace];
      drafts.push({
        address,
        resourceType: h.type,
        action: replace ? ChangeAction.REPLACE : ChangeAction.UPDATE,
        reasons: replace
          ? ["predicted from the configuration and the provider's forcing attributes: a plan is authoritative"]
          : possible.length > 0
            ? ["update, replacement not ruled out: predicted from the configuration; a plan is authoritative"]
            : [],
        replacePaths: [...prediction.forcing],
        possibleReplacements: possible,
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

/** Lines of head's sources absent from base's copy of the same file (a line moved is not a change). */
function changedLines(ctx: Context): ChangedSourceLine[] {
  if (!ctx.sources || !ctx.baseSources) return [];
  const baseText = new Map(ctx.baseSources.files.map((f) => [f.file, f.text]));
  const out: ChangedSourceLine[] = [];
  for (const { file, text } of ctx.sources.files) {
    const before = baseText.get(file);
    if (before === text) continue;
    const remaining = new Map<string, number>();
    for (const line of (before ?? "").split("\n")) remaining.set(line.trim(), (remaining.get(line.trim()) ?? 0) + 1);
    text.split("\n").forEach((line, i) => {
      const key = line.trim();
      const left = remaining.get(key) ?? 0;
      if (left > 0) remaining.set(key, left - 1);
      else if (key !== "") out.push({ file, line: i + 1, text: key });
    });
  }
  return out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The changed lines holding a value that is new in `after` (a tier file's first). */
function linesSetting(changed: readonly ChangedSourceLine[], before: string | undefined, after: string | undefined): ChangedSourceLine[] {
  if (after === undefined) return [];
  const tokens = (v: string | undefined) => (v ?? "").split(/\.\.|[\s/(),]+/).filter((t) => t !== "" && t !== "x" && t !== "?");
  const old = new Set(tokens(before));
  const fresh = tokens(after).filter((t) => !old.has(t));
  if (fresh.length === 0) return [];
  // Case-insensitive, so `RedisSku.STANDARD` holds "Standard"; a SKU size such as C2 is also held by its number (`capacity: 2`).
  const words = [...new Set(fresh.flatMap((t) => (/^[A-Za-z]+\d+$/.test(t) ? [t, t.replace(/^[A-Za-z]+/, "")] : [t])))];
  const patterns = words.map((t) => new RegExp(`(^|[^\\w])${escapeRegExp(t)}([^\\w.]|$)`, "i"));
  const tierFirst = (l: ChangedSourceLine) => (/(^|\/)tiers?\//.test(l.file) || /tier/i.test(l.file) ? 0 : 1);
  return changed
    .filter((l) => patterns.some((p) => p.test(l.text)))
    .sort((a, b) => tierFirst(a) - tierFirst(b) || compareText(a.file, b.file) || a.line - b.line)
    .slice(0, 3);
}

function numberChanges(ctx: Context, stack: string, head: StackSide, base: StackSide, planChanges: readonly PlanResourceChange[] | undefined, hasBase: boolean): NumberChange[] {
  const out: NumberChange[] = [];
  const changed = ctx.changedLines;
  const compare = (address: string, type: string, constructPath: string | undefined, before: unknown, after: unknown) => {
    const b = new Map(platformNumbers(type, before).map((n) => [n.label, n.value]));
    const a = new Map(platformNumbers(type, after).map((n) => [n.label, n.value]));
    for (const label of [...new Set([...b.keys(), ...a.keys()])].sort(compareText)) {
      if (b.get(label) !== a.get(label)) {
        out.push({ stack, address, constructPath, label, before: b.get(label), after: a.get(label), sourceLines: linesSetting(changed, b.get(label), a.get(label)) });
      }
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

/** Every resource whose monthly cost differs from base, largest change first. */
function costDeltas(stack: string, head: StackSide, base: StackSide, numbers: readonly NumberChange[]): CostDelta[] {
  const addresses = [...new Set([...head.costLines.keys(), ...base.costLines.keys()])];
  const out: CostDelta[] = [];
  for (const address of addresses) {
    const before = base.costLines.get(address) ?? 0;
    const after = head.costLines.get(address) ?? 0;
    if (Math.abs(after - before) < 0.005) continue;
    const own = numbers.filter((n) => n.address.replace(/\[[^\]]*\]$/, "") === address);
    out.push({
      stack,
      address,
      constructPath: (head.resources.get(address) ?? base.resources.get(address))?.constructPath,
      before,
      after,
      delta: after - before,
      numbers: own.map((n) => `${n.label} ${n.before ?? "-"} -> ${n.after ?? "-"}`),
      sourceLines: own.flatMap((n) => n.sourceLines).filter((l, i, all) => all.findIndex((x) => x.file === l.file && x.line === l.line) === i),
    });
  }
  return out.sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || compareText(a.address, b.address));
}

const CEILING_LINE = /\b(ceilingMonthlyUsd|regionalMonthlyUsd|globalMonthlyUsd)\s*:\s*([0-9][0-9_]*(?:\.[0-9]+)?)/;

/** The tier property that sets a ceiling, and the line of head's sources that sets it (the tier's file first). */
function ceilingSourceOf(ctx: Context, tier: string, ceiling: number, tierCeiling: number | undefined): CeilingSource {
  const own = tierCeiling === undefined || tierCeiling === ceiling;
  const candidates: { property: string; line: ChangedSourceLine; tierFile: boolean }[] = [];
  for (const { file, text } of ctx.sources?.files ?? []) {
    const tierFile = text.includes(`"${tier}"`) || text.includes(`'${tier}'`);
    text.split("\n").forEach((line, i) => {
      const m = CEILING_LINE.exec(line);
      if (!m || Number(m[2].replace(/_/g, "")) !== ceiling) return;
      if (own !== (m[1] === "ceilingMonthlyUsd")) return;
      candidates.push({ property: m[1] === "ceilingMonthlyUsd" ? "budget.ceilingMonthlyUsd" : `budget.stackCeilings.${m[1]}`, line: { file, line: i + 1, text: line.trim() }, tierFile });
    });
  }
  candidates.sort((a, b) => Number(b.tierFile) - Number(a.tierFile) || compareText(a.line.file, b.line.file) || a.line.line - b.line.line);
  const best = candidates[0];
  return best ? { property: best.property, location: best.line } : { property: own ? "budget.ceilingMonthlyUsd" : "budget.stackCeilings" };
}

function signedUsd(amount: number): string {
  return amount >= 0 ? `+${formatUsd(amount)}` : formatUsd(amount);
}

/** The over-ceiling blocker's message: the total, the ceiling and where it is set, and the changes that moved it. */
function overCeilingMessage(label: string, cost: CostSummary, hasBase: boolean, prefixStack: boolean): string {
  const where = cost.ceilingSource ? ` (${cost.ceilingSource.property}${cost.ceilingSource.location ? `, ${cost.ceilingSource.location.file}:${cost.ceilingSource.location.line}` : ""})` : "";
  const head = `${label}: expected ${formatUsd(cost.after ?? 0)}/month is over its ceiling ${formatUsd(cost.ceilingMonthlyUsd ?? 0)}${where}`;
  if (!hasBase) return `${head}; no --base, so the changes that moved it cannot be named (${cost.breach ?? "see the cost report"})`;
  const moved = cost.movedBy ?? [];
  const base = cost.before !== undefined ? `; base ${formatUsd(cost.before)}` : "";
  if (moved.length === 0) return `${head}${base}: no resource's cost changed against base, so it was over before this change`;
  const items = moved.slice(0, 5).map((d) => {
    const numbers = d.numbers.length > 0 ? ` (${d.numbers.join(", ")})` : "";
    const lines = d.sourceLines.length > 0 ? ` from ${d.sourceLines.map((l) => `${l.file}:${l.line}`).join(", ")}` : "";
    return `${signedUsd(d.delta)} ${prefixStack ? `${d.stack} ` : ""}${d.address}${numbers}${lines}`;
  });
  return `${head}${base}; moved by: ${items.join("; ")}${moved.length > 5 ? `; and ${moved.length - 5} more` : ""}`;
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

function tierReviews(stacks: readonly StackReview[], ctx: Context, deltasByStack: ReadonlyMap<string, readonly CostDelta[]>): TierReview[] {
  const names = [...new Set(stacks.map((s) => s.tier))];
  return names.map((tier) => {
    const members = stacks.filter((s) => s.tier === tier);
    const sum = (pick: (s: StackReview) => number | undefined) => {
      const values = members.map(pick);
      return values.every((v) => v !== undefined) ? values.reduce((a, b) => a! + b!, 0) : undefined;
    };
    const report = ctx.head.costReport?.tiers.find((t) => t.tier === tier);
    const over = report?.breach !== undefined && report.ceilingMonthlyUsd !== undefined;
    return {
      tier,
      stacks: members.map((s) => s.stack),
      cost: {
        before: sum((s) => s.cost.before),
        after: sum((s) => s.cost.after),
        delta: sum((s) => s.cost.delta),
        ceilingMonthlyUsd: report?.ceilingMonthlyUsd,
        breach: report?.breach,
        ceilingSource: over ? ceilingSourceOf(ctx, tier, report.ceilingMonthlyUsd!, undefined) : undefined,
        movedBy: over && ctx.base ? members.flatMap((s) => deltasByStack.get(s.stack) ?? []).sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || compareText(a.stack, b.stack) || compareText(a.address, b.address)) : undefined,
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
  const inputWarnings: InputWarning[] = [];
  if (!base) {
    inputWarnings.push({
      kind: InputWarningKind.NO_BASE,
      message:
        plans.size === 0
          ? "no --base and no --plan: head is compared with nothing, so no change, cost delta or data loss is reported and nothing can block on one; pass --base with the target branch's synthesized output"
          : "no --base: head is not compared with the target branch; only the stacks with a plan show changes, cost deltas and the changes over a ceiling cannot be named, and new policy findings are every open finding",
    });
  }
  const sourceRoot = options.sourceRoot ?? process.cwd();
  const sources = appSources(sourceRoot);
  if (!sources) {
    inputWarnings.push({ kind: InputWarningKind.NO_SOURCES, message: `no app entry in ${sourceRoot} (cdktf.json's app, or main.ts): constructs are not located in head's sources and the synthesized output is not checked against them; pass --source with the app's root or entry file` });
  } else {
    const stale = staleness(head.dir, sources);
    if (stale) inputWarnings.push({ kind: InputWarningKind.STALE_SYNTH, message: `--synth ${stale}` });
  }
  let baseSources: AppSources | undefined;
  if (options.baseSourceRoot !== undefined) {
    baseSources = appSources(options.baseSourceRoot);
    if (!baseSources) throw new ReviewInputError(`--base-source ${options.baseSourceRoot}: no app entry there (cdktf.json's app, or main.ts): expected the target branch's checkout`);
    if (base) {
      const stale = staleness(base.dir, baseSources);
      if (stale) inputWarnings.push({ kind: InputWarningKind.STALE_SYNTH, message: `--base ${stale}` });
    }
  }
  const ctx: Context = {
    head,
    base,
    plans,
    acknowledgements,
    usedAcknowledgements: new Set(),
    locator: new SourceLocator(sources?.files ?? []),
    sources,
    baseSources,
    allowMismatch: options.allowMismatch ?? false,
    inputWarnings,
    changedLines: [],
    dataHolding: options.dataHolding ?? [],
    noisyDiffs: options.noisyDiffs ?? NOISY_DIFFS,
    costs: costSource(head, base, notes),
  };
  (ctx as { changedLines: readonly ChangedSourceLine[] }).changedLines = changedLines(ctx);
  const preferred = (head.costReport?.stacks ?? []).map((s) => s.stack);
  const order = dependencyOrder(allStacks, preferred);

  const drafts = new Map<string, Omit<StackReview, "unknowns">>();
  const deltasByStack = new Map<string, CostDelta[]>();
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
    const numbers = numberChanges(ctx, stack, headSide, baseSide, planned?.plan.resourceChanges, base !== undefined);
    const deltas = base ? costDeltas(stack, headSide, baseSide, numbers) : [];
    deltasByStack.set(stack, deltas);
    const tier = tierOf(stack, head, base);
    const ceiling = ceilingOf(stack, ctx);
    const over = ceiling.breach !== undefined && ceiling.ceilingMonthlyUsd !== undefined;
    const tierCeiling = head.costReport?.tiers.find((t) => t.tier === tier)?.ceilingMonthlyUsd;
    drafts.set(stack, {
      stack,
      tier,
      origin: planned ? ChangeOrigin.PLAN : ChangeOrigin.CONFIGURATION,
      planFile: planned?.file,
      dependencies: allStacks.get(stack)?.dependencies ?? [],
      counts,
      changes,
      noise,
      numbers,
      cost: {
        ...monthly(base ? baseSide.costTotal : undefined, headSide.costTotal),
        ...ceiling,
        ...(over ? { ceilingSource: ceilingSourceOf(ctx, tier, ceiling.ceilingMonthlyUsd!, tierCeiling), movedBy: base ? deltas : undefined } : {}),
      },
      policy: policy.deltas,
      openPolicyErrors: policy.openErrors,
      notes: stackNotes,
    });
  }
  const stacks: StackReview[] = order.map((stack) => ({ ...drafts.get(stack)!, unknowns: unknownValues(ctx, stack, drafts) }));
  const tiers = tierReviews(stacks, ctx, deltasByStack);
  if (base && !baseSources && stacks.some((s) => s.numbers.length > 0)) {
    inputWarnings.push({ kind: InputWarningKind.NO_BASE_SOURCE, message: "no --base-source: the lines of head's sources behind the changed platform numbers are not located; pass the target branch's checkout" });
  }

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
        message: dataLossMessage(s.stack, c),
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
    if (s.cost.breach) blockers.push({ kind: BlockerKind.OVER_CEILING, stack: s.stack, tier: s.tier, message: overCeilingMessage(`stack ${s.stack}`, s.cost, base !== undefined, false) });
  }
  for (const t of tiers) {
    if (t.cost.breach) blockers.push({ kind: BlockerKind.OVER_CEILING, tier: t.tier, message: overCeilingMessage(`tier ${t.tier}`, t.cost, base !== undefined, t.stacks.length > 1) });
  }

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
    inputWarnings,
    notes,
  };
}

function dataLossMessage(stack: string, c: ReviewedChange): string {
  const possible = c.possibleReplacements.length > 0 && c.action === ChangeAction.UPDATE;
  const what = possible
    ? `is updated, replacement not ruled out (${c.possibleReplacements.map((p) => `${p.attribute}: ${p.rule}`).join(", ")})`
    : `is ${c.action === ChangeAction.DELETE ? "deleted" : "replaced"}${c.origin === ChangeOrigin.CONFIGURATION && c.action === ChangeAction.REPLACE ? " (predicted)" : ""}`;
  const action = possible ? ChangeAction.REPLACE : c.action;
  const guard = describePreventDestroy(c.preventDestroy);
  return (
    `${stack}: ${c.address} ${what}, ${possible ? "which would lose" : "losing"} ${c.dataHeld}; ` +
    `${possible ? "run a plan to know, or " : ""}acknowledge it in the acknowledgement file (stack ${JSON.stringify(stack)}, address ${JSON.stringify(c.address)}, action ${JSON.stringify(action)}, reason) or change the code` +
    (guard ? `; ${guard}` : "")
  );
}
