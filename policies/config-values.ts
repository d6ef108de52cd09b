/**
 * Readers for resolved Terraform JSON. A block may be written as an object or as a list of one
 * object (overrides, hand-written JSON); values that reference other resources are `${...}`
 * expression strings, known only at apply time, and never compare equal to a literal.
 */

export type ConfigObject = Readonly<Record<string, unknown>>;

export function isObject(value: unknown): value is ConfigObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A single nested block, whether written as an object or as a list of one. */
export function block(value: unknown): ConfigObject | undefined {
  if (Array.isArray(value)) return isObject(value[0]) ? value[0] : undefined;
  return isObject(value) ? value : undefined;
}

/** A repeated block or list attribute, whether written as a list or as a single object. */
export function blocks(value: unknown): ConfigObject[] {
  if (Array.isArray(value)) return value.filter(isObject);
  return isObject(value) ? [value] : [];
}

/** A nested block by path: `at(config, "spec", "template", "spec")`. */
export function at(value: unknown, ...path: string[]): ConfigObject | undefined {
  let current = block(value);
  for (const key of path) {
    if (!current) return undefined;
    current = block(current[key]);
  }
  return current;
}

/** A list of strings; other entries are kept as their JSON text so messages can show them. */
export function strings(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((v) => (typeof v === "string" ? v : JSON.stringify(v)));
}

/** A Terraform expression (`${...}`), known only at apply time. */
export function isExpression(value: unknown): boolean {
  return typeof value === "string" && value.includes("${");
}

/** A number, or a string holding one (the kubernetes provider writes replica counts as strings). */
export function numberOf(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return undefined;
}

/** A boolean, or a string holding one. */
export function booleanOf(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (value === "true") return true;
  if (value === "false") return false;
  return undefined;
}

/** A value as a message shows it: absent, an apply-time expression, or its JSON. */
export function show(value: unknown): string {
  if (value === undefined || value === null) return "not set";
  if (isExpression(value)) return `${JSON.stringify(value)} (known only at apply time)`;
  return JSON.stringify(value);
}
