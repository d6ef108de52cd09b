import { PolicyReport } from "../../policies/policy-report";
import { StackJson } from "./plausible-values";

/** One failed Checkov check on one resource, as `checkov -o json` reports it. */
export interface CheckovFailure {
  readonly check_id: string;
  readonly check_name: string;
  /** `type.name`, or `resource.name` for resource checks on terraform_json (Checkov drops the type there). */
  readonly resource: string;
}

/** A check Checkov ran on a resource and the resource passed (its `passed_checks`). */
export interface CheckovPass {
  readonly check_id: string;
  /** As in `CheckovFailure.resource`. */
  readonly resource: string;
}

/**
 * An entry of `policies/checkov-skips.json`: one Checkov check on the resources a pattern names
 * (`*` matches any run of characters), in every stack or the listed ones, with the reason.
 */
export interface CheckovSkip {
  readonly check: string;
  readonly resource: string;
  /**
   * Stack name patterns, at least one (`*` matches any run of characters): an entry says which
   * stacks it is for, so a failure of the same check elsewhere is not explained by accident.
   */
  readonly stacks: readonly string[];
  readonly reason: string;
}

export type Explanation =
  | { readonly kind: "suppressed"; readonly ruleId: string; readonly reason: string }
  | { readonly kind: "skipped"; readonly skip: CheckovSkip }
  | { readonly kind: "unexplained" };

export interface ReconciledFailure {
  readonly stack: string;
  readonly check: string;
  readonly name: string;
  readonly address: string;
  readonly explanation: Explanation;
}

export const MIN_REASON_LENGTH = 10;

function glob(pattern: string): RegExp {
  return new RegExp(`^${pattern.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
}

/** The skip list's own errors: missing fields, short reasons, malformed patterns. */
export function checkSkipList(skips: readonly CheckovSkip[]): string[] {
  const errors: string[] = [];
  skips.forEach((s, i) => {
    const where = `policies/checkov-skips.json[${i}]`;
    if (typeof s.check !== "string" || !/^CKV2?_[A-Z0-9]+_\d+$/.test(s.check)) errors.push(`${where}: check ${JSON.stringify(s.check)} is not a Checkov id`);
    if (typeof s.resource !== "string" || !/^[a-z][a-z0-9_]*\.[A-Za-z0-9_*-]+$/.test(s.resource)) {
      errors.push(`${where}: resource ${JSON.stringify(s.resource)} is not a type.name address (\`*\` allowed in the name)`);
    }
    if (!Array.isArray(s.stacks) || s.stacks.length === 0 || s.stacks.some((p) => typeof p !== "string" || p.trim() === "" || p.trim() === "*")) {
      errors.push(`${where}: stacks ${JSON.stringify(s.stacks)} must name the stacks the entry is for (patterns other than a bare "*")`);
    }
    if (typeof s.resource === "string" && /^[a-z][a-z0-9_]*\.\*$/.test(s.resource)) {
      errors.push(`${where}: resource ${JSON.stringify(s.resource)} names every resource of its type; name the construct (e.g. "${s.resource.replace("*", "Data_Storage_*")}")`);
    }
    if (typeof s.reason !== "string" || s.reason.trim().length < MIN_REASON_LENGTH) {
      errors.push(`${where}: reason ${JSON.stringify(s.reason)} is shorter than ${MIN_REASON_LENGTH} characters`);
    }
  });
  return errors;
}

/** `type.name` of a failure: Checkov's `resource.name` is looked up in the stack by name. */
export function failureAddress(failure: CheckovFailure, json: StackJson): string {
  if (!failure.resource.startsWith("resource.")) return failure.resource;
  const name = failure.resource.slice("resource.".length);
  const types = Object.entries(json.resource ?? {})
    .filter(([, byName]) => name in byName)
    .map(([type]) => type);
  return types.length === 1 ? `${types[0]}.${name}` : failure.resource;
}

/**
 * Explains each failed Checkov check: by a finding of our own packs on the same resource that
 * records this Checkov id and is suppressed (its reason is the explanation), else by the skip
 * list, else not at all.
 */
export function reconcile(
  stack: string,
  failures: readonly CheckovFailure[],
  json: StackJson,
  report: PolicyReport,
  skips: readonly CheckovSkip[],
): ReconciledFailure[] {
  const findings = report.stacks.find((s) => s.stack === stack)?.findings ?? [];
  return failures.map((failure) => {
    const address = failureAddress(failure, json);
    const finding = findings.find((f) => f.address === address && f.status === "suppressed" && f.checkovIds.includes(failure.check_id));
    let explanation: Explanation;
    if (finding) {
      explanation = { kind: "suppressed", ruleId: finding.ruleId, reason: finding.reason ?? "" };
    } else {
      const skip = skips.find(
        (s) => s.check === failure.check_id && appliesTo(s, stack, address),
      );
      explanation = skip ? { kind: "skipped", skip } : { kind: "unexplained" };
    }
    return { stack, check: failure.check_id, name: failure.check_name, address, explanation };
  });
}

function appliesTo(skip: CheckovSkip, stack: string, address: string): boolean {
  return glob(skip.resource).test(address) && skip.stacks.some((p) => glob(p).test(stack));
}

/** A skip entry that covers a resource which passes its check: wider than what it explains. */
export interface OverWideSkip {
  readonly skip: CheckovSkip;
  readonly stack: string;
  readonly address: string;
}

/**
 * Skip entries that cover a resource passing their check. Such an entry explains nothing there
 * today, and would explain, unread, the day that resource (or a new one its pattern catches, such
 * as a second storage account) starts failing: every entry must cover only resources that fail.
 */
export function overWideSkips(skips: readonly CheckovSkip[], stack: string, passes: readonly CheckovPass[], json: StackJson): OverWideSkip[] {
  const found: OverWideSkip[] = [];
  for (const pass of passes) {
    const address = failureAddress({ check_id: pass.check_id, check_name: "", resource: pass.resource }, json);
    for (const skip of skips) {
      if (skip.check === pass.check_id && appliesTo(skip, stack, address)) found.push({ skip, stack, address });
    }
  }
  return found;
}

/** Which skip entries a run can judge stale. */
export interface SkipScope {
  /** The stacks the run checked: an entry is judged only if it names one of them. */
  readonly stacks: readonly string[];
}

/**
 * Skip entries that explained nothing: stale, so the list stays true. Without a scope, every entry
 * is judged (a run over every stack); the reference app's run and the examples' run each judge the
 * entries that name their stacks.
 */
export function unusedSkips(skips: readonly CheckovSkip[], reconciled: readonly ReconciledFailure[], scope?: SkipScope): CheckovSkip[] {
  const used = new Set(reconciled.flatMap((r) => (r.explanation.kind === "skipped" ? [r.explanation.skip] : [])));
  const judged = (s: CheckovSkip): boolean => {
    if (scope === undefined) return true;
    return s.stacks.some((p) => scope.stacks.some((stack) => glob(p).test(stack)));
  };
  return skips.filter((s) => judged(s) && !used.has(s));
}
