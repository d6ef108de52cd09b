import { IConstruct } from "constructs";

/** Renders a received value for an error message: strings quoted, everything else as JSON. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "undefined";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  return JSON.stringify(value) ?? String(value);
}

/**
 * The one error type for misuse of a construct or a tier. The message names the construct path,
 * the property, the value received and what is allowed, so the fix can be made without a debugger.
 */
export class ValidationError extends Error {
  public readonly constructPath: string;
  public readonly property: string;
  public readonly value: unknown;

  constructor(scope: IConstruct, property: string, value: unknown, allowed: string) {
    // The app itself has an empty path; name it so the message still says where.
    const path = scope.node.path === "" ? "app" : scope.node.path;
    super(`${path}: invalid ${property} ${describeValue(value)}: ${allowed}`);
    this.name = "ValidationError";
    this.constructPath = path;
    this.property = property;
    this.value = value;
  }
}
