import { spawnSync } from "child_process";
import { existsSync, readFileSync, readdirSync } from "fs";
import { join, resolve } from "path";
import { StackJson } from "./plausible-values";

const ROOT = resolve(__dirname, "..", "..");

/** Where synthesis writes: `CDKTF_OUTDIR`, else `cdktf.out` at the project root. */
export function outputDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(ROOT, env.CDKTF_OUTDIR ?? "cdktf.out");
}

/** Runs `npm run synth`'s script into `outdir`; on failure prints its output under `label` and exits 1. */
export function synthesize(outdir: string, label: string): void {
  const out = spawnSync(process.execPath, ["-r", "./scripts/ts-register.js", "scripts/synth.ts"], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, CDKTF_OUTDIR: outdir },
  });
  if (out.status !== 0) {
    console.error(`${label}: synthesis failed\n${out.stdout}${out.stderr}`);
    process.exit(1);
  }
}

/** Every synthesized stack's `cdk.tf.json`, by stack name in name order. */
export function readStacks(stacksDir: string): Map<string, StackJson> {
  const stacks = new Map<string, StackJson>();
  if (!existsSync(stacksDir)) return stacks;
  for (const name of readdirSync(stacksDir).sort()) {
    const file = join(stacksDir, name, "cdk.tf.json");
    if (existsSync(file)) stacks.set(name, JSON.parse(readFileSync(file, "utf8")) as StackJson);
  }
  return stacks;
}
