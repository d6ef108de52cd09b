/** Reading synthesized Terraform JSON (`cdk.tf.json`) the way the estimator needs it. */

type JsonObject = Readonly<Record<string, unknown>>;

/** A parsed `cdk.tf.json` (or any Terraform JSON configuration). */
export interface TerraformJson {
  readonly resource?: Readonly<Record<string, Readonly<Record<string, JsonObject>>>>;
  readonly [key: string]: unknown;
}

/** One resource of a configuration. */
export interface TerraformResourceRef {
  readonly type: string;
  readonly name: string;
  /** `<type>.<name>`. */
  readonly address: string;
  readonly config: JsonObject;
  /** The cdktf construct path, from the `//` metadata cdktf writes. */
  readonly constructPath?: string;
}

/** Every resource, in the configuration's order. */
export function listResources(json: TerraformJson): TerraformResourceRef[] {
  return Object.entries(json.resource ?? {}).flatMap(([type, byName]) =>
    Object.entries(byName).map(([name, config]) => ({
      type,
      name,
      address: `${type}.${name}`,
      config,
      constructPath: metadataPath(config),
    })),
  );
}

function metadataPath(config: JsonObject): string | undefined {
  const meta = config["//"] as { metadata?: { path?: unknown } } | undefined;
  return typeof meta?.metadata?.path === "string" ? meta.metadata.path : undefined;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A nested block: cdktf writes single blocks as objects and repeated ones as arrays. */
export function block(value: unknown): JsonObject | undefined {
  if (Array.isArray(value)) return value.find(isObject);
  return isObject(value) ? value : undefined;
}

/** Every instance of a repeatable block. */
export function blocks(value: unknown): JsonObject[] {
  if (Array.isArray(value)) return value.filter(isObject);
  return isObject(value) ? [value] : [];
}

/** Whether a value is (or contains) a Terraform expression, known only at plan or apply time. */
export function isExpression(value: unknown): boolean {
  return typeof value === "string" && value.includes("${");
}

/** A reference expression `${<type>.<name>.<attribute>}` taken apart. */
export interface ResourceReference {
  readonly type: string;
  readonly name: string;
  readonly attribute: string;
}

export function parseReference(value: unknown): ResourceReference | undefined {
  if (typeof value !== "string") return undefined;
  const match = /^\$\{([a-z][a-z0-9_]*)\.([A-Za-z0-9_-]+)\.([a-z_][a-z0-9_.[\]]*)\}$/.exec(value);
  if (!match || match[1] === "data" || match[1] === "var" || match[1] === "local") return undefined;
  return { type: match[1], name: match[2], attribute: match[3] };
}

/** A number attribute: its value, `undefined` when absent, or `"unresolved"` for an expression. */
export function numberAttribute(config: JsonObject | undefined, key: string): number | undefined | "unresolved" {
  const value = config?.[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === "number") return value;
  if (typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return "unresolved";
}

/** A string attribute, or `undefined` when absent or an expression. */
export function stringAttribute(config: JsonObject | undefined, key: string): string | undefined {
  const value = config?.[key];
  return typeof value === "string" && !isExpression(value) ? value : undefined;
}

/** A boolean attribute, or `undefined` when absent or an expression. */
export function booleanAttribute(config: JsonObject | undefined, key: string): boolean | undefined {
  const value = config?.[key];
  if (typeof value === "boolean") return value;
  if (value === "true" || value === "false") return value === "true";
  return undefined;
}

/** Azure location as a region name: `East US 2` and `eastus2` both give `eastus2`. */
export function normalizeRegion(location: string): string {
  return location.toLowerCase().replace(/\s+/g, "");
}
