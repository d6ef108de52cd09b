export type HclValue = string | number | boolean | null | readonly HclValue[] | { readonly [key: string]: HclValue };

/** A quoted HCL string: JSON escapes, plus `$${` and `%%{` so nothing inside is interpolated. */
export function hclString(value: string): string {
  return JSON.stringify(value).replace(/([$%])\{/g, (_m, sigil: string) => `${sigil}${sigil}{`);
}

/** Renders a value as an HCL expression, objects with quoted keys, indented by `indent` spaces. */
export function hclValue(value: HclValue, indent = 0): string {
  if (value === null) return "null";
  if (typeof value === "string") return hclString(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  const pad = " ".repeat(indent + 2);
  const end = " ".repeat(indent);
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((v) => `${pad}${hclValue(v, indent + 2)},`).join("\n")}\n${end}]`;
  }
  const entries = Object.entries(value as Record<string, HclValue>);
  if (entries.length === 0) return "{}";
  return `{\n${entries.map(([k, v]) => `${pad}${hclString(k)} = ${hclValue(v, indent + 2)}`).join("\n")}\n${end}}`;
}
