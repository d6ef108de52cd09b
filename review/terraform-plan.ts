import { ReviewInputError } from "./review-input-error";

/**
 * The parts of Terraform's JSON plan representation (`terraform show -json <planfile>`,
 * format_version 1.x) the review reads. Unknown properties are ignored, as the format asks of its
 * consumers for minor versions; another major version is refused.
 */

/** What Terraform will do to one object; a replace is `["delete","create"]` or `["create","delete"]`. */
export type PlanAction = "no-op" | "create" | "read" | "update" | "delete" | "forget";

const ACTIONS: ReadonlySet<string> = new Set<PlanAction>(["no-op", "create", "read", "update", "delete", "forget"]);

/** `change` of a resource change. Values are as Terraform prints them; read them only through the masks. */
export interface PlanChange {
  readonly actions: readonly PlanAction[];
  readonly before?: unknown;
  readonly after?: unknown;
  /** Same shape as `after`, `true` at every leaf only known after apply. */
  readonly after_unknown?: unknown;
  /** Same shape as `before`/`after`, `true` at every sensitive leaf (or a whole sensitive value). */
  readonly before_sensitive?: unknown;
  readonly after_sensitive?: unknown;
  /** Paths (steps of strings and numbers) that forced a replace. */
  readonly replace_paths?: readonly (readonly (string | number)[])[];
}

/** One entry of `resource_changes`. */
export interface PlanResourceChange {
  readonly address: string;
  readonly previous_address?: string;
  readonly module_address?: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  readonly index?: string | number;
  readonly deposed?: string;
  readonly change: PlanChange;
  /** Why the actions were chosen (`replace_because_cannot_update`, `delete_because_no_resource_config`, ...). */
  readonly action_reason?: string;
}

/** An expression of the plan's `configuration` section: its references (`data.x.y.outputs.z`, ...). */
export interface PlanExpression {
  readonly references?: readonly string[];
  readonly [key: string]: unknown;
}

export interface PlanConfigResource {
  readonly address: string;
  readonly mode?: string;
  readonly type?: string;
  readonly name?: string;
  readonly expressions?: Readonly<Record<string, unknown>>;
}

/** A parsed plan, with where it came from. */
export interface TerraformPlan {
  readonly formatVersion: string;
  readonly terraformVersion?: string;
  readonly resourceChanges: readonly PlanResourceChange[];
  readonly resourceDrift: readonly PlanResourceChange[];
  readonly outputChanges: Readonly<Record<string, PlanChange>>;
  /** Root-module resources of `configuration`, for the references of unknown values. */
  readonly configResources: readonly PlanConfigResource[];
  readonly errored: boolean;
  readonly source: string;
}

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function bad(source: string, what: string): never {
  throw new ReviewInputError(`${source}: not Terraform's JSON plan format (terraform show -json <planfile>): ${what}`);
}

function parseChange(source: string, label: string, value: unknown): PlanChange {
  if (!isObject(value)) bad(source, `${label} is ${value === undefined ? "missing" : "not an object"}`);
  const actions = value.actions;
  if (!Array.isArray(actions) || actions.length === 0 || !actions.every((a) => typeof a === "string")) {
    bad(source, `${label}.actions must be a non-empty list of action names`);
  }
  const unknown = actions.filter((a) => !ACTIONS.has(a as string));
  if (unknown.length > 0) {
    bad(source, `${label}.actions has ${unknown.map((a) => JSON.stringify(a)).join(", ")}: expected no-op, create, read, update, delete or forget`);
  }
  const paths = value.replace_paths;
  if (paths !== undefined && !(Array.isArray(paths) && paths.every((p) => Array.isArray(p)))) {
    bad(source, `${label}.replace_paths must be a list of paths`);
  }
  return value as unknown as PlanChange;
}

function parseResourceChanges(source: string, key: string, value: unknown): PlanResourceChange[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) bad(source, `${key} is not a list`);
  return value.map((entry, i) => {
    const where = `${key}[${i}]`;
    if (!isObject(entry)) bad(source, `${where} is not an object`);
    for (const field of ["address", "type", "name"] as const) {
      if (typeof entry[field] !== "string" || entry[field] === "") bad(source, `${where}.${field} must be a non-empty string`);
    }
    const mode = entry.mode ?? "managed";
    if (mode !== "managed" && mode !== "data") bad(source, `${where}.mode is ${JSON.stringify(mode)}: expected "managed" or "data"`);
    parseChange(source, `${where}.change`, entry.change);
    return { ...(entry as unknown as PlanResourceChange), mode };
  });
}

function configResources(configuration: unknown): PlanConfigResource[] {
  if (!isObject(configuration) || !isObject(configuration.root_module)) return [];
  const resources = configuration.root_module.resources;
  return Array.isArray(resources) ? resources.filter((r): r is PlanConfigResource => isObject(r) && typeof r.address === "string") : [];
}

/**
 * Parses the text of `terraform show -json <planfile>`. Throws a `ReviewInputError` naming the file
 * and the problem for anything else: not JSON, a state instead of a plan, another major version,
 * resource changes without addresses or with actions Terraform does not define.
 */
export function parseTerraformPlan(text: string, source: string): TerraformPlan {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    bad(source, `not JSON (${(error as Error).message})`);
  }
  if (!isObject(json)) bad(source, "the top level is not an object");
  const version = json.format_version;
  if (typeof version !== "string" || !/^\d+\.\d+$/.test(version)) bad(source, "no format_version");
  if (!version.startsWith("1.")) bad(source, `format_version ${version}: only major version 1 is understood`);
  if (!("resource_changes" in json) && !("planned_values" in json)) {
    bad(source, "no resource_changes or planned_values (a state file? run terraform show -json on a saved plan)");
  }
  const outputs = json.output_changes;
  if (outputs !== undefined && !isObject(outputs)) bad(source, "output_changes is not an object");
  const outputChanges: Record<string, PlanChange> = {};
  for (const [name, change] of Object.entries(outputs ?? {})) {
    outputChanges[name] = parseChange(source, `output_changes.${name}`, change);
  }
  return {
    formatVersion: version,
    terraformVersion: typeof json.terraform_version === "string" ? json.terraform_version : undefined,
    resourceChanges: parseResourceChanges(source, "resource_changes", json.resource_changes),
    resourceDrift: parseResourceChanges(source, "resource_drift", json.resource_drift),
    outputChanges,
    configResources: configResources(json.configuration),
    errored: json.errored === true,
    source,
  };
}

/** The replace actions: delete then create, or create before delete. */
export function isReplace(actions: readonly PlanAction[]): boolean {
  return actions.length === 2 && actions.includes("delete") && actions.includes("create");
}
