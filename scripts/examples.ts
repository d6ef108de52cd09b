import { spawnSync } from "child_process";
import { existsSync, readFileSync, readdirSync, rmSync } from "fs";
import { join, resolve } from "path";
import { estimateCost } from "../cost/estimator";
import { formatUsd } from "../cost/format-usd";
import { TerraformJson } from "../cost/terraform-json";

/**
 * `npm run examples`: synthesizes every example app (`examples/<name>/main.ts`) into
 * `examples/<name>/cdktf.out/stacks/<stack>/cdk.tf.json`, each in its own process (as `cdktf synth`
 * would run it), with its policy report beside the stacks. `-- --example <name>` synthesizes one.
 */
const ROOT = resolve(__dirname, "..");
export const EXAMPLES_DIR = join(ROOT, "examples");

/** Names of the example apps, in name order. */
export function exampleNames(): string[] {
  return readdirSync(EXAMPLES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(EXAMPLES_DIR, d.name, "main.ts")))
    .map((d) => d.name)
    .sort();
}

/** Where an example's synthesis goes. */
export function exampleOutdir(name: string): string {
  return join(EXAMPLES_DIR, name, "cdktf.out");
}

/** One synthesized stack of an example: its resource count and the cost model's monthly estimate. */
export interface ExampleStackSummary {
  readonly stack: string;
  readonly resources: number;
  /** Expected monthly USD (every example deploys to eastus, the estimate's default region). */
  readonly expectedMonthlyUsd: number;
  /** What the price table cannot price (`address: reason`); never counted as free. */
  readonly unpriced: readonly string[];
}

/** Synthesizes one example; returns its stacks' names, resource counts and monthly estimates, or exits 1 with the output. */
export function synthesizeExample(name: string): ExampleStackSummary[] {
  const outdir = exampleOutdir(name);
  rmSync(outdir, { recursive: true, force: true });
  const out = spawnSync(process.execPath, ["-r", "./scripts/ts-register.js", `examples/${name}/main.ts`], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, CDKTF_OUTDIR: outdir },
  });
  if (out.status !== 0) {
    console.error(`examples: ${name} failed to synthesize\n${out.stdout}${out.stderr}`);
    process.exit(1);
  }
  const stacksDir = join(outdir, "stacks");
  return readdirSync(stacksDir)
    .sort()
    .map((stack) => {
      const json = JSON.parse(readFileSync(join(stacksDir, stack, "cdk.tf.json"), "utf8")) as TerraformJson & { resource?: Record<string, Record<string, unknown>> };
      const estimate = estimateCost(json);
      return {
        stack,
        resources: Object.values(json.resource ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0),
        expectedMonthlyUsd: estimate.total.expected,
        unpriced: estimate.unpriced.map((u) => `${u.address}: ${u.reason}`),
      };
    });
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const only = args.flatMap((a, i) => (a === "--example" && args[i + 1] ? [args[i + 1]] : []));
  const all = exampleNames();
  const unknown = only.filter((n) => !all.includes(n));
  if (unknown.length > 0) {
    console.error(`examples: unknown example ${unknown.join(", ")}: expected one of ${all.join(", ")}`);
    process.exit(1);
  }
  for (const name of only.length > 0 ? only : all) {
    const stacks = synthesizeExample(name);
    console.log(`${name} -> examples/${name}/cdktf.out/stacks`);
    for (const s of stacks) {
      const unpriced = s.unpriced.length > 0 ? `, and ${s.unpriced.length} not priced:` : "";
      console.log(`  ${s.stack.padEnd(28)} ${String(s.resources).padStart(4)} resources  ${formatUsd(s.expectedMonthlyUsd).padStart(10)}/month expected${unpriced}`);
      for (const u of s.unpriced) console.log(`      ${u}`);
    }
  }
}
