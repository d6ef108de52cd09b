import { readFileSync } from "fs";
import { ReviewInputError } from "./review-input-error";

/** What an acknowledgement allows: a delete, or a replace (a delete and a create). */
export enum AcknowledgedAction {
  DELETE = "delete",
  REPLACE = "replace",
}

/**
 * One acknowledged loss of data, committed in the pull request that causes it, so the people who
 * review the code review the acknowledgement too.
 */
export interface Acknowledgement {
  /** The stack, as cdktf names it (`small-prod`). */
  readonly stack: string;
  /** Terraform address, `<type>.<name>` (with an index for count/for_each instances). */
  readonly address: string;
  readonly action: AcknowledgedAction;
  /** Why losing the data is fine (where it is restored from), at least 10 characters. */
  readonly reason: string;
}

/** Minimum length of an acknowledgement's reason, as for policy suppressions. */
export const MIN_ACKNOWLEDGEMENT_REASON = 10;

function fail(file: string, what: string): never {
  throw new ReviewInputError(
    `${file}: ${what}: expected {"acknowledgements": [{"stack": "<stack>", "address": "<type>.<name>", "action": "delete" | "replace", "reason": "<at least ${MIN_ACKNOWLEDGEMENT_REASON} characters>"}]}`,
  );
}

/**
 * Parses an acknowledgement file (JSON). Throws a `ReviewInputError` naming the entry and field for
 * anything else, and for the same resource acknowledged twice.
 */
export function parseAcknowledgements(text: string, file: string): Acknowledgement[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    fail(file, `not JSON (${(error as Error).message})`);
  }
  const list = typeof json === "object" && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>).acknowledgements : undefined;
  if (!Array.isArray(list)) fail(file, "no acknowledgements list");
  const seen = new Set<string>();
  return list.map((entry, i) => {
    const where = `acknowledgements[${i}]`;
    if (typeof entry !== "object" || entry === null) fail(file, `${where} is not an object`);
    const e = entry as Record<string, unknown>;
    for (const field of ["stack", "address"] as const) {
      if (typeof e[field] !== "string" || e[field] === "") fail(file, `${where}.${field} is ${JSON.stringify(e[field])}`);
    }
    const action = Object.values(AcknowledgedAction).find((a) => a === e.action);
    if (!action) fail(file, `${where}.action is ${JSON.stringify(e.action)}`);
    if (typeof e.reason !== "string" || e.reason.trim().length < MIN_ACKNOWLEDGEMENT_REASON) {
      fail(file, `${where}.reason is ${JSON.stringify(e.reason)}, shorter than ${MIN_ACKNOWLEDGEMENT_REASON} characters`);
    }
    const key = `${e.stack as string}\0${e.address as string}`;
    if (seen.has(key)) fail(file, `${where} acknowledges ${e.stack as string} ${e.address as string} a second time`);
    seen.add(key);
    return { stack: e.stack as string, address: e.address as string, action, reason: e.reason.trim() };
  });
}

export function readAcknowledgements(file: string): Acknowledgement[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new ReviewInputError(`--ack ${file}: cannot read the acknowledgement file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return parseAcknowledgements(text, file);
}
