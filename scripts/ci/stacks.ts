// The deploy workflow's steps, one subcommand each (the workflow stays thin):
//
//   stacks.ts levels <environment>                 JSON array of levels (stacks by dependency level)
//   stacks.ts plan <environment> <level> <dir>     terraform init + plan (no state lock: the plan identity
//                                                  reads state only; a saved plan is refused at apply if the
//                                                  state moved) of the level's stacks; writes to <dir> only
//                                                  what an artifact may hold: <stack>.plan.json with every
//                                                  sensitive value masked, plans.sha256, and, when
//                                                  OMEGA_PLAN_ENCRYPTION_KEY is set, <stack>.tfplan.enc
//                                                  (the saved plan encrypted to the apply job's key);
//                                                  prints the manifest's sha256 (the reviewed digest)
//   stacks.ts apply <environment> <level> <dir> <digest>
//                                                  decrypts the plans (OMEGA_PLAN_DECRYPTION_KEY), verifies
//                                                  them against the reviewed digest, then terraform apply
//                                                  <plan> in each stack's directory
//   stacks.ts drift <environment> <out.json>       terraform plan -detailed-exitcode per stack, results as JSON
//   stacks.ts plan-all <environment> <dir>         every level's plan (pull requests, staging only: for review,
//                                                  never applied; no encryption key, so no saved plan leaves the job)
//   stacks.ts edge-clusters <environment>          "<resource group> <cluster>" per cluster that is a Front Door
//                                                  Private Link origin (for approve-edge-private-links.sh)
//
// Run after `npm run synth` (cdktf.out/ with manifest.json), with the azurerm backend configured
// (OMEGA_TFSTATE_*) and Azure credentials in the environment (ARM_USE_OIDC, ARM_CLIENT_ID, ...).
import { spawnSync } from "child_process";
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import { CdktfManifest, PlanOutcome, dependencyLevels, digestManifest, planOutcome, sha256, verifyPlans } from "./deploy-plan";
import { decryptPlan, encryptPlan, redactPlan } from "./plan-artifacts";

const OUT = process.env.CDKTF_OUTDIR ?? "cdktf.out";

function manifest(): CdktfManifest {
  return JSON.parse(readFileSync(join(OUT, "manifest.json"), "utf8")) as CdktfManifest;
}

function stackDir(name: string): string {
  const entry = manifest().stacks[name];
  return resolve(OUT, entry.workingDirectory);
}

function terraform(cwd: string, args: string[], capture = false, withStderr = false): { status: number; stdout: string } {
  console.log(`::group::terraform ${args.join(" ")} (${cwd})`);
  const result = spawnSync("terraform", args, { cwd, stdio: capture ? ["ignore", "pipe", withStderr ? "pipe" : "inherit"] : "inherit", encoding: "utf8", maxBuffer: 1 << 30 });
  console.log("::endgroup::");
  if (result.error) throw result.error;
  if (withStderr) return { status: result.status ?? 1, stdout: `${result.stdout ?? ""}${result.stderr ?? ""}` };
  return { status: result.status ?? 1, stdout: result.stdout ?? "" };
}

function init(name: string): void {
  const { status } = terraform(stackDir(name), ["init", "-input=false", "-no-color"]);
  if (status !== 0) throw new Error(`terraform init failed in stack ${name}`);
}

function summary(markdown: string): void {
  if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, markdown);
  else console.log(markdown);
}

function levelStacks(environment: string, level: string): string[] {
  const levels = dependencyLevels(manifest(), environment);
  const stacks = levels[Number(level)];
  if (!/^\d+$/.test(level) || !stacks) throw new Error(`environment ${environment} has levels 0-${levels.length - 1}, not ${level}`);
  return stacks;
}

/** Saved plans stay outside the artifact directory, readable by this job only. */
let privatePlansDir: string | undefined;
function privatePlans(): string {
  return (privatePlansDir ??= mkdtempSync(join(tmpdir(), "omega-plans-")));
}

/** A kind a kubernetes_manifest needs whose CRD the cluster does not serve yet (an add-on still installing). */
export const MISSING_CRD = /no matches for kind|API did not recognize GroupVersionKind|cannot find the resource type|failed to determine resource GVK/i;

function planStack(name: string, planFile: string): PlanOutcome {
  // Cluster add-ons (KEDA, the Secrets Store CSI driver) install their CRDs shortly after the
  // cluster reports success; the workloads level is planned right after, so wait for them.
  for (let attempt = 1; ; attempt++) {
    const { status, stdout } = terraform(stackDir(name), ["plan", "-input=false", "-no-color", "-lock=false", "-detailed-exitcode", `-out=${planFile}`], true, true);
    process.stdout.write(stdout);
    const outcome = planOutcome(status);
    if (outcome !== PlanOutcome.ERROR) return outcome;
    if (!MISSING_CRD.test(stdout) || attempt >= 10) throw new Error(`terraform plan failed in stack ${name}`);
    console.log(`::notice::${name}: a custom resource's CRD is not served yet (cluster add-on installing); planning again in 60 s (${attempt}/10)`);
    spawnSync("sleep", ["60"]);
  }
}

function plan(environment: string, level: string, dir: string): void {
  mkdirSync(dir, { recursive: true });
  const publicKey = process.env.OMEGA_PLAN_ENCRYPTION_KEY?.trim() || undefined;
  const files = new Map<string, Buffer>();
  const rows: string[] = [];
  for (const name of levelStacks(environment, level)) {
    init(name);
    const planFile = resolve(privatePlans(), `${name}.tfplan`);
    const outcome = planStack(name, planFile);
    const shown = JSON.parse(terraform(stackDir(name), ["show", "-json", planFile], true).stdout);
    writeFileSync(resolve(dir, `${name}.plan.json`), `${JSON.stringify(redactPlan(shown))}\n`);
    const bytes = readFileSync(planFile);
    if (publicKey) writeFileSync(resolve(dir, `${name}.tfplan.enc`), encryptPlan(bytes, publicKey));
    files.set(`${name}.tfplan`, bytes);
    rows.push(`| ${name} | ${outcome === PlanOutcome.CHANGES ? "changes" : "no changes"} | \`${sha256(bytes).slice(0, 16)}\` |`);
  }
  const digests = digestManifest(files);
  writeFileSync(resolve(dir, "plans.sha256"), digests);
  const digest = sha256(digests);
  summary(`### ${environment}, level ${level}\n\n| stack | plan | sha256 |\n|---|---|---|\n${rows.join("\n")}\n\nReviewed digest: \`${digest}\`\n\n`);
  if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `digest=${digest}\n`);
  console.log(digest);
}

function apply(environment: string, level: string, dir: string, digest: string): void {
  const stacks = levelStacks(environment, level);
  const manifestFile = resolve(dir, "plans.sha256");
  if (!existsSync(manifestFile)) throw new Error(`${manifestFile} is missing: download the plan job's artifact first`);
  const privateKey = process.env.OMEGA_PLAN_DECRYPTION_KEY?.trim();
  if (!privateKey) throw new Error("OMEGA_PLAN_DECRYPTION_KEY is not set: the apply job reads the saved plans with the environment's secret");
  const files = new Map<string, Buffer | undefined>(
    stacks.map((s) => {
      const enc = resolve(dir, `${s}.tfplan.enc`);
      return [`${s}.tfplan`, existsSync(enc) ? decryptPlan(readFileSync(enc), privateKey) : undefined];
    }),
  );
  const problems = verifyPlans(readFileSync(manifestFile, "utf8"), digest, files);
  if (problems.length > 0) throw new Error(`not the reviewed plans, nothing applied:\n  ${problems.join("\n  ")}`);
  for (const name of stacks) {
    const planFile = resolve(privatePlans(), `${name}.tfplan`);
    writeFileSync(planFile, files.get(`${name}.tfplan`) as Buffer, { mode: 0o600 });
    init(name);
    // A saved plan applies exactly what it shows; Terraform refuses it if the state moved since.
    const { status } = terraform(stackDir(name), ["apply", "-input=false", "-no-color", "-lock-timeout=10m", planFile]);
    if (status !== 0) throw new Error(`terraform apply failed in stack ${name}; the stacks after it were not applied`);
    summary(`- applied ${name}\n`);
  }
}

function drift(environment: string, out: string): void {
  const results: Record<string, PlanOutcome> = {};
  for (const level of dependencyLevels(manifest(), environment)) {
    for (const name of level) {
      init(name);
      results[name] = planOutcome(terraform(stackDir(name), ["plan", "-input=false", "-no-color", "-lock=false", "-detailed-exitcode"]).status);
    }
  }
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  summary(Object.entries(results).map(([s, o]) => `- ${s}: ${o}\n`).join(""));
}

type StackJson = { resource?: Record<string, Record<string, Record<string, unknown>>> };

function stackJson(name: string): StackJson {
  return JSON.parse(readFileSync(join(stackDir(name), "cdk.tf.json"), "utf8")) as StackJson;
}

/** The clusters of an environment whose workloads stack creates a Front Door origin, as "<resource group> <cluster>". */
export function edgeClusters(environment: string, read: (stack: string) => StackJson = stackJson): string[] {
  const lines: string[] = [];
  for (const name of dependencyLevels(manifest(), environment).flat()) {
    if (!name.endsWith("-workloads") || Object.keys(read(name).resource?.azurerm_cdn_frontdoor_origin ?? {}).length === 0) continue;
    const platform = read(name.slice(0, -"-workloads".length));
    const clusters = Object.values(platform.resource?.azurerm_kubernetes_cluster ?? {});
    if (clusters.length !== 1) throw new Error(`${name}: expected one cluster in its platform stack, found ${clusters.length}`);
    const groupRef = /^\$\{azurerm_resource_group\.([^.]+)\.name\}$/.exec(String(clusters[0].resource_group_name));
    const group = groupRef ? platform.resource?.azurerm_resource_group?.[groupRef[1]]?.name : clusters[0].resource_group_name;
    if (typeof group !== "string" || typeof clusters[0].name !== "string") throw new Error(`${name}: the cluster's name or resource group is not known before apply`);
    lines.push(`${group} ${clusters[0].name}`);
  }
  return lines;
}

function main(argv: string[]): void {
  const [command, ...args] = argv;
  const need = (n: number) => {
    if (args.length !== n) throw new Error(`usage: stacks.ts ${command} takes ${n} arguments, got ${args.length}`);
  };
  switch (command) {
    case "levels":
      need(1);
      console.log(JSON.stringify(dependencyLevels(manifest(), args[0])));
      return;
    case "plan":
      need(3);
      return plan(args[0], args[1], args[2]);
    case "apply":
      need(4);
      return apply(args[0], args[1], args[2], args[3]);
    case "plan-all":
      need(2);
      dependencyLevels(manifest(), args[0]).forEach((_, level) => plan(args[0], String(level), args[1]));
      return;
    case "drift":
      need(2);
      return drift(args[0], args[1]);
    case "edge-clusters":
      need(1);
      edgeClusters(args[0]).forEach((line) => console.log(line));
      return;
    default:
      throw new Error(`unknown command ${JSON.stringify(command)}: expected levels, plan, plan-all, apply, drift or edge-clusters`);
  }
}

if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (e) {
    console.error(`::error::${(e as Error).message}`);
    process.exit(1);
  }
}
