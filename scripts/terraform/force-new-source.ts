import { spawnSync } from "child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import type { ForceNewTable, ProviderForceNew, ResourceForceNew } from "../../review/force-new-attributes";
import { PINNED_PROVIDERS, PinnedProvider } from "./pinned-providers";
import { SourceUnavailableError, goBuildEnv } from "./provider-cache";
import { UsedTypes } from "./provider-bindings";

/** The Go analyzer's sources (`analyze.go` and one `entry_<provider>.go` per provider). */
export const ANALYZER_DIR = join(__dirname, "force-new");

/** The committed table the review reads. */
export const FORCE_NEW_TABLE_FILE = join(__dirname, "..", "..", "review", "force-new-table.ts");

const REFUSED = /403 Forbidden|404 Not Found|410 Gone|not available|no such host|dial tcp|i\/o timeout|connection refused|unknown revision|invalid version|module lookup disabled/;

function go(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): { ok: boolean; stdout: string; stderr: string } {
  const out = spawnSync("go", args, { cwd, env, encoding: "utf8", maxBuffer: 1 << 28 });
  if (out.error) throw new SourceUnavailableError(`cannot run go ${args[0]} (${out.error.message}): Go must be on the PATH to read the providers' source`);
  return { ok: out.status === 0, stdout: out.stdout, stderr: out.stderr };
}

/**
 * The provider's module source in the Go module cache (`go mod download`, which reads the cache and
 * asks the Go module proxy only for what is missing), with its go.sum hashes.
 */
export function providerSource(root: string, provider: PinnedProvider): { dir: string; sum: string; goModSum: string } {
  const target = `${provider.module}@${provider.moduleVersion}`;
  const out = go(["mod", "download", "-json", target], tmpdir(), goBuildEnv(root));
  const info = (() => {
    try {
      return JSON.parse(out.stdout) as { Dir?: string; Sum?: string; GoModSum?: string; Error?: string };
    } catch {
      return {} as { Dir?: string; Sum?: string; GoModSum?: string; Error?: string };
    }
  })();
  if (!out.ok || !info.Dir || !info.Sum || !info.GoModSum) {
    const why = `${info.Error ?? ""}\n${out.stderr}`.trim();
    const message = `go mod download ${target} (${provider.name} ${provider.version}) failed: ${why}`;
    throw REFUSED.test(why) ? new SourceUnavailableError(message) : new Error(message);
  }
  return { dir: info.Dir, sum: info.Sum, goModSum: info.GoModSum };
}

/**
 * Builds the analyzer against the provider's module and runs it on the types. The analyzer is a
 * module of its own nested under the provider's module path (so it may import the provider's
 * `internal` packages), requiring exactly the provider's module graph: the provider's go.mod with
 * the module line renamed, plus the provider itself.
 */
export function analyzeProvider(root: string, provider: PinnedProvider, types: readonly string[], log: (line: string) => void): ProviderForceNew {
  const source = providerSource(root, provider);
  const work = mkdtempSync(join(tmpdir(), `force-new-${provider.name}-`));
  try {
    const goMod = readFileSync(join(source.dir, "go.mod"), "utf8").replace(/^module .*$/m, `module ${provider.module}/cdktfforcenew`);
    writeFileSync(join(work, "go.mod"), `${goMod}\nrequire ${provider.module} ${provider.moduleVersion}\n`);
    const goSum = readFileSync(join(source.dir, "go.sum"), "utf8");
    writeFileSync(
      join(work, "go.sum"),
      `${goSum}${goSum.endsWith("\n") ? "" : "\n"}${provider.module} ${provider.moduleVersion} ${source.sum}\n${provider.module} ${provider.moduleVersion}/go.mod ${source.goModSum}\n`,
    );
    copyFileSync(join(ANALYZER_DIR, "analyze.go"), join(work, "analyze.go"));
    copyFileSync(join(ANALYZER_DIR, `entry_${provider.name}.go`), join(work, "entry.go"));
    const started = Date.now();
    log(`force-new: building the analyzer against ${provider.module}@${provider.moduleVersion} (reuses the provider's build cache)`);
    // -trimpath as the provider build uses it, so its compiled packages are reused.
    const build = go(["build", "-trimpath", "-o", join(work, "force-new"), "."], work, goBuildEnv(root));
    if (!build.ok) {
      const message = `building the force-new analyzer against ${provider.name} ${provider.version} failed:\n${build.stderr.trim().split("\n").slice(-15).join("\n")}`;
      throw REFUSED.test(build.stderr) ? new SourceUnavailableError(message) : new Error(message);
    }
    const run = spawnSync(join(work, "force-new"), ["-module-dir", source.dir, "-types", types.join(",")], { encoding: "utf8", maxBuffer: 1 << 28 });
    if (run.status !== 0) throw new Error(`the force-new analyzer failed on ${provider.name} ${provider.version}:\n${run.stderr}`);
    const resources = JSON.parse(run.stdout) as Record<string, ResourceForceNew>;
    log(`force-new: ${provider.name} ${provider.version}: ${Object.keys(resources).length} types read in ${((Date.now() - started) / 1000).toFixed(0)}s`);
    return { version: provider.version, module: provider.module, moduleVersion: provider.moduleVersion, resources };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The table for every resource type of `providers/used-types.json`, from each pinned provider's source. */
export function generateForceNewTable(root: string, used: UsedTypes, log: (line: string) => void): ForceNewTable {
  const providers: Record<string, ProviderForceNew> = {};
  for (const name of Object.keys(used).sort()) {
    const pinned = PINNED_PROVIDERS.find((p) => p.name === name);
    if (!pinned) throw new Error(`providers/used-types.json lists provider ${name}, which scripts/terraform/pinned-providers.ts does not pin`);
    const types = [...used[name].resources].sort();
    if (types.length > 0) providers[name] = analyzeProvider(root, pinned, types, log);
  }
  return { providers };
}

/** The committed file's text for a table: deterministic, so a regeneration compares byte for byte. */
export function formatForceNewTable(table: ForceNewTable): string {
  return [
    "// Generated by `npm run force-new` from the pinned providers' own Go source (scripts/terraform/force-new/);",
    "// do not edit. `npm run force-new -- --check` regenerates it and fails on any difference (`.ci/run` runs it).",
    'import type { ForceNewTable } from "./force-new-attributes";',
    "",
    `export const FORCE_NEW_TABLE: ForceNewTable = ${JSON.stringify(table, null, 2)};`,
    "",
  ].join("\n");
}
