import { createHash } from "crypto";

/** The GitHub environments the deploy workflow walks through, in order, and their stacks. */
export const ENVIRONMENTS = ["staging", "small-prod", "enterprise"] as const;
export type DeployEnvironment = (typeof ENVIRONMENTS)[number];

/** What `cdktf.out/manifest.json` says about one stack. */
export interface ManifestStack {
  readonly name: string;
  readonly dependencies: readonly string[];
  readonly workingDirectory: string;
}

export interface CdktfManifest {
  readonly stacks: Readonly<Record<string, ManifestStack>>;
}

/** The stacks of an environment: `staging`; `small-prod` and its workloads; every `enterprise-*` stack. */
export function stacksOf(manifest: CdktfManifest, environment: string): string[] {
  const names = Object.keys(manifest.stacks).sort();
  const picked =
    environment === "staging"
      ? names.filter((n) => n === "staging")
      : environment === "small-prod"
        ? names.filter((n) => n === "small-prod" || n === "small-prod-workloads")
        : environment === "enterprise"
          ? names.filter((n) => n.startsWith("enterprise-"))
          : undefined;
  if (picked === undefined) throw new Error(`unknown environment ${JSON.stringify(environment)}: expected one of ${ENVIRONMENTS.join(", ")}`);
  if (picked.length === 0) throw new Error(`environment ${environment}: no stack in the manifest`);
  return picked;
}

/**
 * The environment's stacks by dependency level: level 0 reads no other stack of the environment,
 * level n reads only stacks of lower levels. A stack of level n can only be planned once the
 * levels below it are applied (its cross-stack reads come from their state), so each level is
 * planned, reviewed and applied in turn.
 */
export function dependencyLevels(manifest: CdktfManifest, environment: string): string[][] {
  const stacks = stacksOf(manifest, environment);
  const level = new Map<string, number>();
  const visit = (name: string, path: string[]): number => {
    const known = level.get(name);
    if (known !== undefined) return known;
    if (path.includes(name)) throw new Error(`dependency cycle: ${[...path, name].join(" -> ")}`);
    const entry = manifest.stacks[name];
    if (!entry) throw new Error(`stack ${name} is not in the manifest`);
    const deps = entry.dependencies.filter((d) => stacks.includes(d));
    const outside = entry.dependencies.filter((d) => !stacks.includes(d));
    if (outside.length > 0) throw new Error(`stack ${name} reads ${outside.join(", ")}, outside environment ${environment}`);
    const value = deps.length === 0 ? 0 : 1 + Math.max(...deps.map((d) => visit(d, [...path, name])));
    level.set(name, value);
    return value;
  };
  stacks.forEach((s) => visit(s, []));
  const levels: string[][] = [];
  for (const s of stacks) (levels[level.get(s) as number] ??= []).push(s);
  return levels;
}

/** sha256 of a file's bytes, hex. */
export function sha256(content: Buffer | string): string {
  return createHash("sha256").update(content).digest("hex");
}

/** `<sha256>  <file>` lines (sha256sum's format), sorted by file. */
export function digestManifest(files: ReadonlyMap<string, Buffer | string>): string {
  return [...files.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([file, content]) => `${sha256(content)}  ${file}\n`)
    .join("");
}

/**
 * Checks saved plans against the digest manifest the plan job recorded, and the manifest against
 * the digest the reviewers saw in that job's summary (passed on as a job output). Returns the
 * problems; empty means every plan is byte for byte the one reviewed.
 */
export function verifyPlans(manifest: string, reviewedDigest: string, files: ReadonlyMap<string, Buffer | string | undefined>): string[] {
  const problems: string[] = [];
  if (sha256(manifest) !== reviewedDigest) {
    problems.push(`the plan manifest's sha256 is ${sha256(manifest)}, not the reviewed ${reviewedDigest}`);
  }
  const listed = new Map<string, string>();
  for (const line of manifest.split("\n").filter((l) => l.trim() !== "")) {
    const m = /^([0-9a-f]{64}) {2}(\S+)$/.exec(line);
    if (!m) {
      problems.push(`unreadable manifest line ${JSON.stringify(line)}`);
      continue;
    }
    listed.set(m[2], m[1]);
  }
  for (const [file, expected] of listed) {
    const content = files.get(file);
    if (content === undefined) problems.push(`${file}: listed in the manifest but missing`);
    else if (sha256(content) !== expected) problems.push(`${file}: sha256 ${sha256(content)}, reviewed ${expected}`);
  }
  for (const file of files.keys()) if (!listed.has(file)) problems.push(`${file}: not in the reviewed manifest`);
  return problems;
}

/** `terraform plan -detailed-exitcode`: 0 no changes, 2 changes, anything else an error. */
export enum PlanOutcome {
  NO_CHANGES = "no-changes",
  CHANGES = "changes",
  ERROR = "error",
}

export function planOutcome(exitCode: number): PlanOutcome {
  return exitCode === 0 ? PlanOutcome.NO_CHANGES : exitCode === 2 ? PlanOutcome.CHANGES : PlanOutcome.ERROR;
}

/** An open drift issue, as the GitHub API lists it. */
export interface DriftIssue {
  readonly number: number;
  readonly title: string;
}

export type DriftAction =
  | { readonly kind: "open"; readonly stack: string; readonly title: string }
  | { readonly kind: "update"; readonly stack: string; readonly number: number }
  | { readonly kind: "close"; readonly stack: string; readonly number: number };

/** The title of a stack's drift issue; one issue per drifted stack. */
export function driftTitle(stack: string): string {
  return `Drift: stack ${stack} differs from its configuration`;
}

/**
 * What the nightly drift check does with GitHub issues: open one for a stack that drifted and has
 * none, comment on the open one of a stack still drifted, close the one of a stack now clean. A
 * stack whose plan failed is reported as drifted (someone must look), never closed.
 */
export function driftActions(results: ReadonlyMap<string, PlanOutcome>, open: readonly DriftIssue[]): DriftAction[] {
  const actions: DriftAction[] = [];
  for (const [stack, outcome] of [...results.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const issue = open.find((i) => i.title === driftTitle(stack));
    if (outcome === PlanOutcome.NO_CHANGES) {
      if (issue) actions.push({ kind: "close", stack, number: issue.number });
    } else if (issue) {
      actions.push({ kind: "update", stack, number: issue.number });
    } else {
      actions.push({ kind: "open", stack, title: driftTitle(stack) });
    }
  }
  return actions;
}
