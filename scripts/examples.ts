import { spawnSync } from "child_process";
import { existsSync, readFileSync, readdirSync, rmSync } from "fs";
import { join, resolve } from "path";

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

/** Synthesizes one example; returns its stacks' names and resource counts, or exits 1 with the output. */
export function synthesizeExample(name: string): { stack: string; resources: number }[] {
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
      const json = JSON.parse(readFileSync(join(stacksDir, stack, "cdk.tf.json"), "utf8")) as { resource?: Record<string, Record<string, unknown>> };
      return { stack, resources: Object.values(json.resource ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0) };
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
    console.log(`${name}: ${stacks.map((s) => `${s.stack} (${s.resources})`).join(", ")} -> examples/${name}/cdktf.out/stacks`);
  }
}
