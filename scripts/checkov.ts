import { spawn, spawnSync } from "child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import { join, resolve } from "path";
import { PolicyReport } from "../policies/policy-report";
import { CheckovFailure, CheckovPass, CheckovSkip, OverWideSkip, ReconciledFailure, checkSkipList, overWideSkips, reconcile, unusedSkips } from "./terraform/checkov-reconcile";
import { StackJson } from "./terraform/plausible-values";
import { cacheRoot } from "./terraform/provider-cache";
import { outputDir, readStacks, synthesize } from "./terraform/synthesized-stacks";
import { exampleNames, exampleOutdir, synthesizeExample } from "./examples";

/**
 * `npm run checkov`: Checkov as a second opinion on every synthesized stack, reconciled with our
 * own policy packs.
 *
 * Installs the pinned Checkov from PyPI into a virtual environment in the per-machine cache (once),
 * runs it on each stack's `cdk.tf.json` (`--framework terraform_json`), and explains each failed
 * check: by one of our own suppressed findings that records the same Checkov id on the same
 * resource, or by an entry of `policies/checkov-skips.json` (check, resource pattern, reason of at
 * least 10 characters). Prints per stack: passed, failed, explained. Exits 1 on an unexplained
 * failure or a skip entry that explains nothing; 3 when Checkov cannot be installed here.
 * Synthesizes first unless `--no-synth`. Writes `cdktf.out/checkov-report.json`.
 *
 * `--examples` checks the example apps' stacks instead (each `examples/<name>/cdktf.out` with its
 * own policy report; the report goes to each). A skip entry is judged stale by the run that covers
 * a stack it names; entries for every stack are judged by the reference app's run only.
 */
const CHECKOV_VERSION = "3.3.30";
const ROOT = resolve(__dirname, "..");
const SKIPS_FILE = join(ROOT, "policies", "checkov-skips.json");
const examples = process.argv.includes("--examples");
const outdirs = examples ? exampleNames().map(exampleOutdir) : [outputDir()];

function ensureCheckov(root: string): string {
  const venv = join(root, "checkov", CHECKOV_VERSION);
  const bin = join(venv, "bin", "checkov");
  if (existsSync(bin)) return bin;
  console.log(`installing checkov ${CHECKOV_VERSION} from PyPI into ${venv} (first run on this machine, cached after)`);
  rmSync(venv, { recursive: true, force: true });
  mkdirSync(join(root, "checkov"), { recursive: true });
  const steps: string[][] = [
    ["python3", "-m", "venv", venv],
    [join(venv, "bin", "pip"), "install", "--disable-pip-version-check", "--quiet", `checkov==${CHECKOV_VERSION}`],
  ];
  for (const [cmd, ...args] of steps) {
    const out = spawnSync(cmd, args, { encoding: "utf8" });
    if (out.error || out.status !== 0) {
      rmSync(venv, { recursive: true, force: true });
      console.error(`checkov: BLOCKED: \`${cmd} ${args.join(" ")}\` failed; nothing was checked.\n${out.error?.message ?? ""}${out.stdout}${out.stderr}`);
      process.exit(3);
    }
  }
  return bin;
}

interface CheckovRun {
  readonly passed: number;
  readonly failures: CheckovFailure[];
  readonly passes: CheckovPass[];
}

function runCheckov(bin: string, stacksDir: string, stack: string): Promise<CheckovRun> {
  return new Promise((resolvePromise, reject) => {
    // --skip-download: no calls to Prisma Cloud for guidelines (the machine is offline from it).
    const args = ["-f", "cdk.tf.json", "--framework", "terraform_json", "-o", "json", "--compact", "--skip-download"];
    const child = spawn(bin, args, { cwd: join(stacksDir, stack), env: { ...process.env, BC_SKIP_MAPPING: "TRUE", CHECKOV_RUN_SCA_PACKAGE_SCAN_V2: "false" } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString("utf8")));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
    child.on("error", reject);
    child.on("close", () => {
      try {
        const parsed = JSON.parse(stdout) as unknown;
        const reports = (Array.isArray(parsed) ? parsed : [parsed]) as {
          summary: { passed: number };
          results: { failed_checks: CheckovFailure[]; passed_checks?: CheckovPass[] };
        }[];
        resolvePromise({
          passed: reports.reduce((n, r) => n + r.summary.passed, 0),
          failures: reports.flatMap((r) => r.results.failed_checks.map((f) => ({ check_id: f.check_id, check_name: f.check_name, resource: f.resource }))),
          passes: reports.flatMap((r) => (r.results.passed_checks ?? []).map((p) => ({ check_id: p.check_id, resource: p.resource }))),
        });
      } catch {
        reject(new Error(`checkov on ${stack} did not print a JSON report:\n${stdout.slice(0, 2000)}${stderr.slice(-2000)}`));
      }
    });
  });
}

async function main(): Promise<void> {
  if (!process.argv.includes("--no-synth")) {
    if (examples) exampleNames().forEach((name) => synthesizeExample(name));
    else synthesize(outdirs[0], "checkov");
  }
  const skips = JSON.parse(readFileSync(SKIPS_FILE, "utf8")) as CheckovSkip[];
  const skipErrors = checkSkipList(skips);
  if (skipErrors.length > 0) {
    console.error(`checkov: the skip list is invalid:\n  ${skipErrors.join("\n  ")}`);
    process.exit(1);
  }
  const bin = ensureCheckov(cacheRoot());
  const version = spawnSync(bin, ["--version"], { encoding: "utf8" }).stdout.trim();

  const all: ReconciledFailure[] = [];
  const overWide: OverWideSkip[] = [];
  const checked: string[] = [];
  const byOutdir = new Map<string, ReconciledFailure[]>();
  for (const outdir of outdirs) {
    const stacksDir = join(outdir, "stacks");
    const report = JSON.parse(readFileSync(join(outdir, "policy-report.json"), "utf8")) as PolicyReport;
    console.log(`checkov ${version} on ${stacksDir}`);
    const jsons = readStacks(stacksDir);
    const stacks = [...jsons.keys()];
    checked.push(...stacks);
    const runs = new Map<string, CheckovRun>();
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < stacks.length) {
        const stack = stacks[next++];
        runs.set(stack, await runCheckov(bin, stacksDir, stack));
      }
    };
    await Promise.all([worker(), worker()]);

    const here: ReconciledFailure[] = [];
    const width = Math.max(...stacks.map((s) => s.length));
    const columns = ["passed", "failed", "explained by our suppressions", "by the skip list", "unexplained"];
    console.log([`${"stack".padEnd(width)}`, ...columns].join("  "));
    for (const stack of stacks) {
      const run = runs.get(stack) as CheckovRun;
      const reconciled = reconcile(stack, run.failures, jsons.get(stack) as StackJson, report, skips);
      here.push(...reconciled);
      overWide.push(...overWideSkips(skips, stack, run.passes, jsons.get(stack) as StackJson));
      const ours = reconciled.filter((r) => r.explanation.kind === "suppressed").length;
      const listed = reconciled.filter((r) => r.explanation.kind === "skipped").length;
      const cells = [run.passed, reconciled.length, ours, listed, reconciled.length - ours - listed];
      console.log([stack.padEnd(width), ...cells.map((n, i) => String(n).padStart(columns[i].length))].join("  "));
    }
    byOutdir.set(outdir, here);
    all.push(...here);
  }
  const unexplained = all.filter((r) => r.explanation.kind === "unexplained");
  const stale = unusedSkips(skips, all, { stacks: checked });
  for (const [outdir, failures] of byOutdir) {
    writeFileSync(join(outdir, "checkov-report.json"), `${JSON.stringify({ checkovVersion: CHECKOV_VERSION, failures, staleSkips: stale, overWideSkips: overWide }, null, 2)}\n`);
  }
  for (const u of unexplained) console.log(`UNEXPLAINED ${u.stack}: ${u.check} on ${u.address}: ${u.name}`);
  for (const s of stale) console.log(`STALE SKIP ${s.check} on ${s.resource}: it explains no failure; remove it`);
  for (const o of overWide) {
    console.log(`OVER-WIDE SKIP ${o.skip.check} on ${o.skip.resource} (stacks ${o.skip.stacks.join(", ")}): it covers ${o.stack} ${o.address}, which passes the check; narrow its resource pattern or stacks`);
  }
  console.log(
    `${all.length} failed checks: ${all.length - unexplained.length} explained, ${unexplained.length} unexplained; ${stale.length} stale skip entries; ${overWide.length} over-wide`,
  );
  if (unexplained.length > 0 || stale.length > 0 || overWide.length > 0) process.exit(1);
}

main().catch((e: unknown) => {
  console.error(`checkov: ${(e as Error).stack ?? String(e)}`);
  process.exit(1);
});
