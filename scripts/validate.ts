import { copyFileSync, mkdirSync, rmSync, writeFileSync } from "fs";
import { join } from "path";
import { generateMockApply } from "./terraform/mock-test";
import { PINNED_PROVIDERS, PinnedProvider } from "./terraform/pinned-providers";
import { StackJson } from "./terraform/plausible-values";
import { SourceUnavailableError, cacheRoot, ensureProviders, goPlatform, writeMirror } from "./terraform/provider-cache";
import { outputDir, readStacks, synthesize } from "./terraform/synthesized-stacks";
import { exampleNames, exampleOutdir, synthesizeExample } from "./examples";
import { TerraformBinary, ensureTerraform, runTerraform } from "./terraform/terraform-cli";

/**
 * `npm run validate`: the synthesized stacks of the reference app and of the example apps read by
 * the real providers, offline.
 *
 * 1. Synthesizes every stack (`scripts/synth.ts`, `npm run examples`) unless `--no-synth`.
 * 2. Builds the pinned providers from the Go module proxy into the per-machine cache (once), lays
 *    them out as a filesystem mirror and writes a CLI configuration that installs from it only.
 * 3. Per stack: `terraform init -backend=false` and `terraform validate` on a byte-identical copy
 *    of the synthesized `cdk.tf.json` (`cdktf.out/validate/<stack>/config/`), then a mocked plan
 *    and apply (`terraform test`, generated from the stack's JSON) in `.../mock-apply/`.
 *
 * One line per stack and a summary. Exit 0 when every stack passes, 1 when one fails (naming it
 * and Terraform's diagnostic), 3 when the toolchain cannot be obtained on this machine (the module
 * and the proxy's answer are printed): a run that checked nothing never reports success, and CI
 * (`.ci/run`) fails on exit 3 as on any other.
 *
 * `npm run validate -- --stack dev --stack staging` checks only those stacks. `--app` checks only
 * the reference app's stacks, `--examples` only the example apps' (`examples/<name>/cdktf.out`).
 */
const args = process.argv.slice(2);
const only = args.flatMap((a, i) => (a === "--stack" && args[i + 1] ? [args[i + 1]] : []));
const synthFirst = !args.includes("--no-synth");
const appOnly = args.includes("--app");
const examplesOnly = args.includes("--examples");
if (appOnly && examplesOnly) {
  console.error("validate: --app and --examples exclude each other; give neither to check both");
  process.exit(1);
}

/** One output directory to check: the reference app's, or one example's. */
interface Target {
  readonly label: string;
  readonly outdir: string;
}
const targets: Target[] = [
  ...(examplesOnly ? [] : [{ label: "the reference app", outdir: outputDir() }]),
  ...(appOnly ? [] : exampleNames().map((name) => ({ label: `examples/${name}`, outdir: exampleOutdir(name) }))),
];
/** Which target each stack comes from (stack names are unique across the app and the examples). */
const outdirOf = new Map<string, string>();

const started = Date.now();
function log(line: string): void {
  console.log(line);
}
function elapsed(): string {
  return `${((Date.now() - started) / 1000).toFixed(0)}s`;
}

/** Every provider a stack requires must be one the cache builds, at the same version. */
function requiredProviders(stacks: ReadonlyMap<string, StackJson>): PinnedProvider[] {
  const needed = new Set<PinnedProvider>();
  const problems: string[] = [];
  for (const [stack, json] of stacks) {
    for (const [name, req] of Object.entries(json.terraform?.required_providers ?? {})) {
      const source = (req.source ?? name).replace(/^registry\.terraform\.io\//, "");
      const type = source.split("/").pop() as string;
      const namespace = source.includes("/") ? source.split("/")[0] : "hashicorp";
      const pinned = PINNED_PROVIDERS.find((p) => p.name === type && p.namespace === namespace);
      if (pinned === undefined) problems.push(`${stack} requires ${namespace}/${type}, which scripts/terraform/pinned-providers.ts does not build`);
      else if (req.version !== pinned.version) problems.push(`${stack} requires ${namespace}/${type} ${req.version}; the pinned build is ${pinned.version}`);
      else needed.add(pinned);
    }
  }
  if (problems.length > 0) {
    console.error(`validate: the stacks need providers the cache does not build:\n  ${problems.join("\n  ")}`);
    process.exit(1);
  }
  return PINNED_PROVIDERS.filter((p) => needed.has(p));
}

interface StackOutcome {
  readonly stack: string;
  readonly ok: boolean;
  readonly line: string;
  readonly detail?: string;
}

function firstDiagnostics(output: string): string {
  const lines = output.split("\n");
  const start = lines.findIndex((l) => /^(│ )?Error:|^Error:/.test(l.trim()) || l.includes("Error:"));
  return (start >= 0 ? lines.slice(start, start + 40) : lines.slice(-40)).join("\n");
}

/**
 * Both checks run on copies under `<outdir>/validate/<stack>/`: `terraform init` writes
 * `.terraform` and a lock file holding the hashes of the locally built providers, which would make
 * a later `cdktf deploy` from `cdktf.out/stacks` refuse the registry's packages.
 */
async function checkStack(stack: string, stacks: ReadonlyMap<string, StackJson>, terraform: TerraformBinary, cliConfig: string): Promise<StackOutcome> {
  const outdir = outdirOf.get(stack) as string;
  const stackDir = join(outdir, "validate", stack);
  rmSync(stackDir, { recursive: true, force: true });
  const dir = join(stackDir, "config");
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(outdir, "stacks", stack, "cdk.tf.json"), join(dir, "cdk.tf.json"));
  const resources = Object.values(stacks.get(stack)?.resource ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0);
  const init = await runTerraform(terraform, ["init", "-backend=false", "-input=false", "-no-color"], dir, cliConfig);
  if (!init.ok) return { stack, ok: false, line: `FAIL   ${stack}: terraform init`, detail: firstDiagnostics(init.output) };
  const validate = await runTerraform(terraform, ["validate", "-no-color"], dir, cliConfig);
  if (!validate.ok) return { stack, ok: false, line: `INVALID ${stack}: terraform validate`, detail: firstDiagnostics(validate.output) };

  let files;
  try {
    files = generateMockApply(stack, stacks);
  } catch (e) {
    return { stack, ok: false, line: `FAIL   ${stack}: generating the mocked apply`, detail: (e as Error).message };
  }
  const testDir = join(stackDir, "mock-apply");
  mkdirSync(testDir, { recursive: true });
  writeFileSync(join(testDir, "cdk.tf.json"), files.config);
  writeFileSync(join(testDir, "mock-apply.tftest.hcl"), files.test);
  if (files.wiring) writeFileSync(join(testDir, "validate-wiring.tf.json"), files.wiring);
  const testInit = await runTerraform(terraform, ["init", "-backend=false", "-input=false", "-no-color"], testDir, cliConfig);
  if (!testInit.ok) return { stack, ok: false, line: `FAIL   ${stack}: terraform init (mocked apply)`, detail: firstDiagnostics(testInit.output) };
  const test = await runTerraform(terraform, ["test", "-no-color"], testDir, cliConfig);
  const reads = Object.values(files.reads);
  const summary =
    `${resources} resources; validate ${validate.seconds.toFixed(1)}s; mocked apply ${test.seconds.toFixed(1)}s` +
    `${files.assertions > 0 ? `, ${files.assertions} assertions` : ""}${reads.length > 0 ? `; reads ${reads.join(", ")}` : ""}`;
  if (!test.ok) return { stack, ok: false, line: `FAIL   ${stack}: mocked apply (${summary})`, detail: firstDiagnostics(test.output) };
  return { stack, ok: true, line: `ok     ${stack}: ${summary}` };
}

/** Runs the stacks two at a time (the machines have two cores); results print in stack order. */
async function checkAll(names: readonly string[], stacks: ReadonlyMap<string, StackJson>, terraform: TerraformBinary, cliConfig: string): Promise<StackOutcome[]> {
  const results = new Array<StackOutcome>(names.length);
  let next = 0;
  let printed = 0;
  const flush = (): void => {
    while (printed < names.length && results[printed] !== undefined) {
      const r = results[printed++];
      log(r.line);
      if (r.detail) log(r.detail.replace(/^/gm, "    "));
    }
  };
  const worker = async (): Promise<void> => {
    while (next < names.length) {
      const i = next++;
      results[i] = await checkStack(names[i], stacks, terraform, cliConfig);
      flush();
    }
  };
  await Promise.all([worker(), worker()]);
  return results;
}

async function main(): Promise<void> {
  if (synthFirst) {
    if (!examplesOnly) {
      log("synthesizing the stacks (npm run synth)");
      synthesize(outputDir(), "validate");
    }
    if (!appOnly) {
      log("synthesizing the examples (npm run examples)");
      exampleNames().forEach((name) => synthesizeExample(name));
    }
  }
  const stacks = new Map<string, StackJson>();
  for (const target of targets) {
    const found = readStacks(join(target.outdir, "stacks"));
    if (found.size === 0) {
      console.error(`validate: no stacks in ${join(target.outdir, "stacks")}; run without --no-synth`);
      process.exit(1);
    }
    for (const [name, json] of found) {
      if (stacks.has(name)) {
        console.error(`validate: stack ${name} is in ${outdirOf.get(name) as string} and ${target.outdir}; stack names must be unique`);
        process.exit(1);
      }
      stacks.set(name, json);
      outdirOf.set(name, target.outdir);
    }
  }
  const unknown = only.filter((s) => !stacks.has(s));
  if (unknown.length > 0) {
    console.error(`validate: unknown stack ${unknown.join(", ")}: expected one of ${[...stacks.keys()].join(", ")}`);
    process.exit(1);
  }
  const names = only.length > 0 ? only : [...stacks.keys()];
  const root = cacheRoot();
  log(`provider cache: ${root}`);

  let terraform: TerraformBinary;
  let cliConfig: string;
  try {
    terraform = await ensureTerraform(root, log);
    log(`terraform ${terraform.version} from ${terraform.origin}`);
    const builds = await ensureProviders(root, log, requiredProviders(new Map(names.map((n) => [n, stacks.get(n) as StackJson]))));
    for (const b of builds) {
      log(`provider ${b.provider.namespace}/${b.provider.name} ${b.provider.version} (${b.status}; ${b.provider.moduleVersion}, ${b.provider.lineage})`);
    }
    cliConfig = writeMirror(root, builds, goPlatform());
  } catch (e) {
    if (e instanceof SourceUnavailableError) {
      console.error(`validate: BLOCKED: the toolchain cannot be obtained on this machine; nothing was validated.\n${e.message}`);
      process.exit(3);
    }
    throw e;
  }

  log(`checking ${names.length} stacks (terraform validate, then a mocked plan and apply) [${elapsed()}]`);
  const results = await checkAll(names, stacks, terraform, cliConfig);
  const failed = results.filter((r) => !r.ok);
  const fromApp = names.filter((n) => outdirOf.get(n) === outputDir()).length;
  const origin = `${fromApp} of the reference app, ${names.length - fromApp} of the examples`;
  log(`${results.length} stacks (${origin}): ${results.length - failed.length} passed validate and the mocked apply, ${failed.length} failed [${elapsed()}]`);
  if (failed.length > 0) {
    log(`failed: ${failed.map((r) => r.stack).join(", ")}`);
    process.exit(1);
  }
}

main().catch((e: unknown) => {
  console.error(`validate: ${(e as Error).stack ?? String(e)}`);
  process.exit(1);
});
