/**
 * Which values the review may print. Terraform marks sensitive leaves in `before_sensitive` and
 * `after_sensitive` (same shape as the value, `true` where sensitive); the review also treats
 * attributes whose names say they hold a secret as sensitive, marked or not, because a provider
 * that forgets the mark must not make the review print a password.
 */

export type PathStep = string | number;

/** Attribute names that hold credentials, whatever the provider marks. */
export const SECRET_ATTRIBUTE_PATTERN =
  /(password|secret|token|connection_string|primary_key|secondary_key|access_key|private_key|client_key|client_certificate|cluster_ca_certificate|kube_config|kube_admin_config|sas_url|credential|api_key)/i;

/** The text printed instead of a sensitive value. */
export const MASKED = "(sensitive)";

/** Whether a mask (`true`, or an object/list of masks) marks the value at `path`, or a value containing it, as sensitive. */
export function maskedAt(mask: unknown, path: readonly PathStep[]): boolean {
  let current = mask;
  for (const step of path) {
    if (current === true) return true;
    if (current === null || typeof current !== "object") return false;
    current = (current as Record<string, unknown>)[String(step)];
  }
  return current === true;
}

/** Whether a mask marks anything at or below `path` (a block some of whose leaves are sensitive). */
export function maskedWithin(mask: unknown, path: readonly PathStep[]): boolean {
  let current = mask;
  for (const step of path) {
    if (current === true) return true;
    if (current === null || typeof current !== "object") return false;
    current = (current as Record<string, unknown>)[String(step)];
  }
  const any = (value: unknown): boolean =>
    value === true || (value !== null && typeof value === "object" && Object.values(value as Record<string, unknown>).some(any));
  return any(current);
}

/** Whether a path names a credential attribute. */
export function secretByName(path: readonly PathStep[]): boolean {
  return path.some((step) => typeof step === "string" && SECRET_ATTRIBUTE_PATTERN.test(step));
}

/** A value for a report: JSON, cut to `maxLength` characters; never called for a sensitive value. */
export function displayValue(value: unknown, maxLength = 80): string {
  if (value === undefined) return "(absent)";
  const text = typeof value === "string" ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

/** A path as Terraform prints it: `default_node_pool[0].node_count`. */
export function formatPath(path: readonly PathStep[]): string {
  return path.map((step, i) => (typeof step === "number" ? `[${step}]` : i === 0 ? step : `.${step}`)).join("");
}
