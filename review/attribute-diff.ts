import { compareText } from "./compare-text";
import { MASKED, PathStep, SECRET_ATTRIBUTE_PATTERN, displayValue, formatPath, maskedAt, maskedWithin, secretByName } from "./sensitive-mask";

/** One attribute that differs between before and after, as the review may print it. */
export interface AttributeChange {
  /** `default_node_pool[0].node_count`. */
  readonly path: string;
  readonly steps: readonly PathStep[];
  /** The value before, or `(sensitive)`; `(absent)` when the attribute did not exist. */
  readonly before: string;
  /** The value after, `(sensitive)`, or `(known after apply)`. */
  readonly after: string;
  readonly sensitive: boolean;
  readonly unknownAfterApply: boolean;
}

/** What is needed to compare the two sides of a change without leaking secrets. */
export interface DiffInput {
  readonly before: unknown;
  readonly after: unknown;
  readonly afterUnknown?: unknown;
  readonly beforeSensitive?: unknown;
  readonly afterSensitive?: unknown;
}

export const KNOWN_AFTER_APPLY = "(known after apply)";

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return value !== null && typeof value === "object";
}

function keysOf(value: unknown): PathStep[] {
  if (Array.isArray(value)) return value.map((_, i) => i);
  if (isContainer(value)) return Object.keys(value).sort();
  return [];
}

function child(value: unknown, step: PathStep): unknown {
  return isContainer(value) ? (value as Record<string, unknown>)[String(step)] : undefined;
}

function hasSecretKey(value: unknown): boolean {
  if (!isContainer(value)) return false;
  return Object.entries(value).some(([key, inner]) => SECRET_ATTRIBUTE_PATTERN.test(key) || hasSecretKey(inner));
}

function equal(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The leaves that differ between `before` and `after`, in path order. A sensitive leaf (marked on
 * either side, inside a sensitive block, or named like a credential) is reported as `(sensitive)`
 * on both sides; a leaf unknown until apply as `(known after apply)`. Values are never carried
 * past this function unmasked.
 */
export function attributeChanges(input: DiffInput): AttributeChange[] {
  const out: AttributeChange[] = [];
  const walk = (before: unknown, after: unknown, unknown: unknown, path: PathStep[]): void => {
    const isUnknown = unknown === true;
    const sensitive =
      maskedAt(input.beforeSensitive, path) || maskedAt(input.afterSensitive, path) || secretByName(path);
    if (!isUnknown && equal(before, after)) return;
    const bothBlocks = isContainer(before) && isContainer(after) && Array.isArray(before) === Array.isArray(after);
    // A sensitive value is one change; a block holding something sensitive is walked, never printed whole.
    const holdsSecret =
      maskedWithin(input.beforeSensitive, path) || maskedWithin(input.afterSensitive, path) || hasSecretKey(before) || hasSecretKey(after);
    const descend = !isUnknown && !sensitive && (isContainer(before) || isContainer(after)) && (bothBlocks || holdsSecret);
    if (descend) {
      const steps = [...new Set([...keysOf(before), ...keysOf(after), ...keysOf(unknown)])];
      steps.sort((a, b) => (typeof a === "number" && typeof b === "number" ? a - b : compareText(String(a), String(b))));
      for (const step of steps) walk(child(before, step), child(after, step), child(unknown, step), [...path, step]);
      return;
    }
    out.push({
      path: formatPath(path),
      steps: path,
      before: sensitive ? MASKED : displayValue(before),
      after: sensitive ? (isUnknown ? KNOWN_AFTER_APPLY : MASKED) : isUnknown ? KNOWN_AFTER_APPLY : displayValue(after),
      sensitive,
      unknownAfterApply: isUnknown,
    });
  };
  for (const key of [...new Set([...keysOf(input.before), ...keysOf(input.after), ...keysOf(input.afterUnknown)])].map(String).sort(compareText)) {
    walk(child(input.before, key), child(input.after, key), child(input.afterUnknown, key), [key]);
  }
  return out;
}
