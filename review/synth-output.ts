import { existsSync, readFileSync, readdirSync, statSync } from "fs";
import { join } from "path";
import type { CostReport } from "../cost/cost-report";
import { TerraformJson } from "../cost/terraform-json";
import { POLICY_REPORT_JSON, POLICY_REPORT_SCHEMA_VERSION, PolicyReport } from "../policies/policy-report";
import { compareText } from "./compare-text";
import { ReviewInputError } from "./review-input-error";

/** The cost report `npm run synth` and `npm run cost` write beside the stacks. */
export const COST_REPORT_JSON = "cost-report.json";

/** One synthesized stack. */
export interface SynthesizedStack {
  readonly name: string;
  readonly json: TerraformJson;
  /** Stacks this one reads (cdktf's manifest, else its `terraform_remote_state` lookups). */
  readonly dependencies: readonly string[];
}

/** What `cdktf synth` (and this project's `npm run synth`) wrote to one output directory. */
export interface SynthOutput {
  readonly dir: string;
  readonly stacks: ReadonlyMap<string, SynthesizedStack>;
  readonly policyReport?: PolicyReport;
  readonly costReport?: CostReport;
}

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new ReviewInputError(`${file}: cannot read ${what}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ReviewInputError(`${file}: ${what} is not JSON (${(error as Error).message})`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The stack a `terraform_remote_state` lookup reads: cdktf names them `cross-stack-reference-input-<stack>`. */
export function remoteStateStacks(json: TerraformJson): Map<string, string> {
  const out = new Map<string, string>();
  const data = (json.data as Record<string, Record<string, unknown>> | undefined)?.terraform_remote_state ?? {};
  for (const [name, config] of Object.entries(data)) {
    const byName = /^cross-stack-reference-input-(.+)$/.exec(name)?.[1];
    const settings = isObject(config) && isObject(config.config) ? config.config : {};
    const file = [settings.path, settings.key].find((v): v is string => typeof v === "string");
    const byFile = file ? /(?:^|[/.])([A-Za-z0-9_-]+)\.tfstate$/.exec(file)?.[1] : undefined;
    const stack = byName ?? byFile;
    if (stack) out.set(name, stack);
  }
  return out;
}

interface ManifestStack {
  readonly synthesizedStackPath?: unknown;
  readonly dependencies?: unknown;
}

function stackDirectories(dir: string): string[] {
  const stacksDir = join(dir, "stacks");
  if (!existsSync(stacksDir)) return [];
  return readdirSync(stacksDir)
    .filter((name) => existsSync(join(stacksDir, name, "cdk.tf.json")))
    .sort(compareText);
}

/**
 * Reads a synthesized output directory: every stack's `cdk.tf.json`, the dependencies from
 * `manifest.json`, and the policy and cost reports when present. Throws a `ReviewInputError` for
 * a directory that is missing or holds no stack, unreadable JSON, or a policy report of another
 * schema version.
 */
export function loadSynthOutput(dir: string, flag: string): SynthOutput {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new ReviewInputError(`${flag} ${dir}: no such directory: expected the output of cdktf synth (with stacks/<stack>/cdk.tf.json)`);
  }
  const manifestFile = join(dir, "manifest.json");
  const manifest = existsSync(manifestFile) ? readJson(manifestFile, "the cdktf manifest") : undefined;
  const fromManifest = isObject(manifest) && isObject(manifest.stacks) ? (manifest.stacks as Record<string, ManifestStack>) : undefined;
  const names = fromManifest ? Object.keys(fromManifest).sort(compareText) : stackDirectories(dir);
  if (names.length === 0) {
    throw new ReviewInputError(`${flag} ${dir}: no synthesized stack: expected ${join(dir, "stacks", "<stack>", "cdk.tf.json")}`);
  }
  const stacks = new Map<string, SynthesizedStack>();
  for (const name of names) {
    const entry = fromManifest?.[name];
    const relative = typeof entry?.synthesizedStackPath === "string" ? entry.synthesizedStackPath : join("stacks", name, "cdk.tf.json");
    const json = readJson(join(dir, relative), `the synthesized stack ${name}`);
    if (!isObject(json)) throw new ReviewInputError(`${join(dir, relative)}: expected a Terraform JSON configuration object`);
    const declared = Array.isArray(entry?.dependencies) ? entry.dependencies.filter((d): d is string => typeof d === "string") : undefined;
    const dependencies = declared ?? [...new Set(remoteStateStacks(json as TerraformJson).values())];
    stacks.set(name, { name, json: json as TerraformJson, dependencies: [...dependencies].sort(compareText) });
  }
  return { dir, stacks, policyReport: loadPolicyReport(dir), costReport: loadCostReport(dir) };
}

function loadPolicyReport(dir: string): PolicyReport | undefined {
  const file = join(dir, POLICY_REPORT_JSON);
  if (!existsSync(file)) return undefined;
  const report = readJson(file, "the policy report");
  if (!isObject(report) || !Array.isArray(report.stacks)) throw new ReviewInputError(`${file}: expected a policy report with a stacks list`);
  if (report.schemaVersion !== POLICY_REPORT_SCHEMA_VERSION) {
    throw new ReviewInputError(`${file}: policy report schemaVersion ${JSON.stringify(report.schemaVersion)}: this review reads version ${POLICY_REPORT_SCHEMA_VERSION}`);
  }
  return report as unknown as PolicyReport;
}

function loadCostReport(dir: string): CostReport | undefined {
  const file = join(dir, COST_REPORT_JSON);
  if (!existsSync(file)) return undefined;
  const report = readJson(file, "the cost report");
  if (!isObject(report) || !Array.isArray(report.stacks) || !Array.isArray(report.tiers)) {
    throw new ReviewInputError(`${file}: expected a cost report with stacks and tiers lists`);
  }
  return report as unknown as CostReport;
}

/**
 * Stacks in dependency order: a stack after every stack it reads. Among stacks free to go, the
 * one first in `preferred` (the app's own order, from the cost report) goes first, then by name.
 */
export function dependencyOrder(stacks: ReadonlyMap<string, SynthesizedStack>, preferred: readonly string[] = []): string[] {
  const rank = (name: string) => {
    const i = preferred.indexOf(name);
    return i === -1 ? preferred.length : i;
  };
  const pending = new Set(stacks.keys());
  const done: string[] = [];
  while (pending.size > 0) {
    const ready = [...pending].filter((name) => (stacks.get(name)?.dependencies ?? []).every((d) => !pending.has(d)));
    // A cycle cannot be deployed either; report the rest in name order rather than loop.
    const candidates = ready.length > 0 ? ready : [...pending];
    candidates.sort((a, b) => rank(a) - rank(b) || compareText(a, b));
    done.push(candidates[0]);
    pending.delete(candidates[0]);
  }
  return done;
}
