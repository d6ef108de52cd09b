// Checks the workflows against the README's one-time setup (the environments table and the
// identities table): what a job reads exists for its environment, the OIDC subject a job presents
// is federated to the identity it logs in as, no pull-request job reaches an environment that
// admits only main, and plan and apply jobs see the same variables.
//   node -r ./scripts/ts-register.js scripts/ci/workflow-consistency.ts   (exit 1 with the problems)
// The workflows are read line by line (they are kept in one regular shape; a job is a two-space key
// under `jobs:`), so the check needs no YAML library.
import { readFileSync, readdirSync } from "fs";
import { join } from "path";

/** One row of the README's environments table. */
export interface SetupEnvironment {
  readonly name: string;
  /** `main`, or `any`. */
  readonly branches: string;
  readonly reviewers: boolean;
  readonly identity?: string;
  readonly variables: readonly string[];
  readonly secrets: readonly string[];
}

export interface Setup {
  /** Variables set for the whole repository (visible in every environment). */
  readonly repositoryVariables: readonly string[];
  readonly environments: ReadonlyMap<string, SetupEnvironment>;
  /** Identity -> federated subjects. */
  readonly identities: ReadonlyMap<string, readonly string[]>;
}

/** One job of a workflow, as far as the check needs it. */
export interface WorkflowJob {
  readonly file: string;
  readonly id: string;
  /** The environments the job runs in, expressions expanded (matrix values, callers' inputs). */
  readonly environments: readonly string[];
  readonly variables: readonly string[];
  readonly secrets: readonly string[];
  /** The `vars.*` the job logs in to Azure with (ARM_CLIENT_ID, AZURE_CLIENT_ID, azure/login's client-id). */
  readonly clientIdVariables: readonly string[];
  readonly idToken: boolean;
  /** Keys of the job's `env:` block. */
  readonly envKeys: readonly string[];
  readonly triggers: readonly string[];
}

const cells = (line: string) => line.split("|").slice(1, -1).map((c) => c.trim());
const names = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);

function tableAfter(text: string, header: string): string[][] {
  const start = text.indexOf(header);
  if (start < 0) throw new Error(`README.md has no table whose header starts with "${header}"`);
  const rows: string[][] = [];
  for (const line of text.slice(start).split("\n").slice(2)) {
    if (!line.trim().startsWith("|")) break;
    rows.push(cells(line.trim()));
  }
  return rows;
}

/** The setup the README's one-time setup defines. */
export function readSetup(readme: string): Setup {
  const environments = new Map<string, SetupEnvironment>();
  let repositoryVariables: string[] = [];
  for (const [env, branches, reviewers, identity, variables, secrets] of tableAfter(readme, "| environment | deployment branches | required reviewers | identity | variables | secrets |")) {
    if (env === "(repository)") {
      repositoryVariables = names(variables);
      continue;
    }
    const [name] = names(env);
    environments.set(name, { name, branches: names(branches)[0] ?? branches, reviewers: reviewers === "yes", identity: names(identity)[0], variables: names(variables), secrets: names(secrets) });
  }
  const identities = new Map<string, string[]>();
  for (const [identity, subjects] of tableAfter(readme, "| identity | federated subjects | roles |")) identities.set(names(identity)[0], names(subjects));
  return { repositoryVariables, environments, identities };
}

function unique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

/** Values a reusable workflow's `inputs.environment` takes: the `with: environment:` of its callers. */
function callerInputs(workflows: ReadonlyMap<string, string>, file: string): string[] {
  const values: string[] = [];
  for (const text of workflows.values()) {
    const re = new RegExp(`uses: \\./\\.github/workflows/${file.replace(".", "\\.")}\\n\\s+with:\\n\\s+environment: ([\\w-]+)`, "g");
    for (const m of text.matchAll(re)) values.push(m[1]);
  }
  return unique(values);
}

/** The jobs of every workflow, with their environments expanded. */
export function readJobs(workflows: ReadonlyMap<string, string>): WorkflowJob[] {
  const jobs: WorkflowJob[] = [];
  for (const [file, text] of workflows) {
    const lines = text.split("\n");
    const jobsAt = lines.indexOf("jobs:");
    if (jobsAt < 0) continue;
    const head = lines.slice(0, jobsAt).join("\n");
    const onBlock = /^on:\n((?: {2}.*\n|\n)*)/m.exec(head + "\n")?.[1] ?? "";
    const triggers = unique([...onBlock.matchAll(/^ {2}([a-z_]+):/gm)].map((m) => m[1]));
    const workflowIdToken = /^permissions:\n(?: {2}.*\n)*? {2}id-token: write/m.test(head + "\n");
    const starts = lines.map((l, i) => (/^ {2}[a-z0-9-]+:$/.test(l) && i > jobsAt ? i : -1)).filter((i) => i >= 0);
    starts.forEach((start, k) => {
      const body = lines.slice(start, starts[k + 1] ?? lines.length).join("\n");
      const id = lines[start].trim().replace(/:$/, "");
      const envLine = /^ {4}environment: (.+)$/m.exec(body)?.[1].trim();
      let environments: string[] = [];
      if (envLine) {
        const matrix = /^ {8}environment: \[([^\]]+)\]$/m.exec(body)?.[1].split(",").map((v) => v.trim());
        const inputs = callerInputs(workflows, file);
        environments = [envLine]
          .flatMap((e) => (e.includes("${{ matrix.environment }}") ? (matrix ?? []).map((v) => e.replace("${{ matrix.environment }}", v)) : [e]))
          .flatMap((e) => (e.includes("${{ inputs.environment }}") ? inputs.map((v) => e.replace("${{ inputs.environment }}", v)) : [e]));
      }
      const jobPermissions = /^ {4}permissions:\n((?: {6}.*\n)+)/m.exec(body + "\n")?.[1];
      const idToken = jobPermissions !== undefined ? /id-token: write/.test(jobPermissions) : workflowIdToken;
      const envBlock = /^ {4}env:\n((?: {6}.*\n)+)/m.exec(body + "\n")?.[1] ?? "";
      jobs.push({
        file,
        id,
        environments: unique(environments),
        variables: unique([...body.matchAll(/\bvars\.([A-Z0-9_]+)/g)].map((m) => m[1])),
        secrets: unique([...body.matchAll(/\bsecrets\.([A-Z0-9_]+)/g)].map((m) => m[1]).filter((s) => s !== "GITHUB_TOKEN")),
        clientIdVariables: unique([...body.matchAll(/(?:ARM_CLIENT_ID|AZURE_CLIENT_ID|client-id): \$\{\{ vars\.([A-Z0-9_]+) \}\}/g)].map((m) => m[1])),
        idToken,
        envKeys: [...envBlock.matchAll(/^ {6}([A-Za-z0-9_]+):/gm)].map((m) => m[1]),
        triggers,
      });
    });
  }
  return jobs;
}

/** Keys only one side of a plan/apply pair has: each side's own key of the plan encryption. */
const SIDE_KEYS = new Set(["OMEGA_PLAN_ENCRYPTION_KEY", "OMEGA_PLAN_DECRYPTION_KEY"]);

/** Every inconsistency between the workflows and the setup, as sentences; empty when consistent. */
export function checkWorkflows(workflows: ReadonlyMap<string, string>, readme: string, repository = "<owner>/<repo>"): string[] {
  const setup = readSetup(readme);
  const problems: string[] = [];
  const jobs = readJobs(workflows);
  for (const job of jobs) {
    const at = `${job.file} job ${job.id}`;
    if (job.environments.length === 0) {
      for (const v of job.variables) if (!setup.repositoryVariables.includes(v)) problems.push(`${at} (no environment) reads vars.${v}, which the README sets for no repository-wide use`);
      for (const s of job.secrets) problems.push(`${at} (no environment) reads secrets.${s}, which the README defines nowhere`);
      if (job.clientIdVariables.length > 0) problems.push(`${at} logs in to Azure without an environment: its OIDC subject is federated to no identity`);
      continue;
    }
    for (const name of job.environments) {
      const env = setup.environments.get(name);
      if (!env) {
        problems.push(`${at} runs in environment ${name}, which the README's setup does not define`);
        continue;
      }
      for (const v of job.variables) {
        if (!env.variables.includes(v) && !setup.repositoryVariables.includes(v)) problems.push(`${at} reads vars.${v}, which the README defines neither for environment ${name} nor for the repository`);
      }
      for (const s of job.secrets) if (!env.secrets.includes(s)) problems.push(`${at} reads secrets.${s}, which the README does not define for environment ${name}`);
      if (job.clientIdVariables.length > 0) {
        if (!job.idToken) problems.push(`${at} logs in with OIDC but has no id-token: write`);
        const subject = `repo:${repository}:environment:${name}`;
        const federated = env.identity ? setup.identities.get(env.identity) : undefined;
        if (!env.identity || !federated) problems.push(`${at}: environment ${name} names no identity of the README's identities table`);
        else if (!federated.includes(subject)) problems.push(`${at} presents ${subject}, which the README does not federate to ${env.identity}, the identity of environment ${name}`);
      }
      if (job.triggers.includes("pull_request")) {
        if (env.branches !== "any") problems.push(`${at} runs for pull requests in environment ${name}, which admits ${env.branches} only: the job could never get its token`);
        const identity = env.identity;
        const alsoMain = [...setup.environments.values()].filter((e) => e.identity === identity && e.branches !== "any").map((e) => e.name);
        if (identity && alsoMain.length > 0) problems.push(`${at} runs for unreviewed branches as ${identity}, which environments ${alsoMain.join(", ")} (main only) also use`);
      }
    }
  }
  for (const env of setup.environments.values()) {
    if (!env.identity) continue; // not an Azure environment (npm)
    if (env.name !== "staging-plan" && env.branches !== "main") problems.push(`environment ${env.name} admits ${env.branches}: only staging-plan may admit branches other than main`);
    if (!env.name.endsWith("-plan") && !env.reviewers) problems.push(`deploy environment ${env.name} has no required reviewers`);
  }
  // A job that plans an environment sees the variables of the job that applies there (issue 23: the
  // pull request's plan lacked OMEGA_API_SERVER_AUTHORIZED_IP_RANGES and showed the ranges removed).
  const applies = jobs.filter((j) => /^apply-/.test(j.id));
  const reference = applies[0] ? applies[0].envKeys.filter((k) => !SIDE_KEYS.has(k)).sort() : [];
  for (const job of jobs.filter((j) => j.envKeys.includes("ARM_CLIENT_ID"))) {
    const keys = job.envKeys.filter((k) => !SIDE_KEYS.has(k)).sort();
    const missing = reference.filter((k) => !keys.includes(k));
    const extra = keys.filter((k) => !reference.includes(k));
    if (missing.length > 0 || extra.length > 0) {
      problems.push(`${job.file} job ${job.id} sees other variables than the apply jobs: ${[...missing.map((k) => `missing ${k}`), ...extra.map((k) => `extra ${k}`)].join(", ")}`);
    }
  }
  return problems;
}

export function readWorkflows(dir = ".github/workflows"): Map<string, string> {
  return new Map(readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => [f, readFileSync(join(dir, f), "utf8")]));
}

if (require.main === module) {
  const problems = checkWorkflows(readWorkflows(), readFileSync("README.md", "utf8"));
  for (const p of problems) console.error(`::error::${p}`);
  if (problems.length === 0) console.log("workflows agree with the README's setup");
  process.exit(problems.length === 0 ? 0 : 1);
}
