import { spawn, spawnSync } from "child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import { join } from "path";
import { SourceUnavailableError, goBuildEnv, withBuildLock } from "./provider-cache";

/** The Terraform the project validates with when the machine has no 1.11 of its own. */
export const PINNED_TERRAFORM = { version: "1.11.4", module: "github.com/hashicorp/terraform" } as const;

export interface TerraformBinary {
  readonly path: string;
  readonly version: string;
  /** Where it came from, for the run's first lines. */
  readonly origin: string;
}

function versionOf(binary: string): string | undefined {
  const out = spawnSync(binary, ["version", "-json"], { encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1", TF_CLI_CONFIG_FILE: "/dev/null" } });
  if (out.error || out.status !== 0) return undefined;
  try {
    return (JSON.parse(out.stdout) as { terraform_version?: string }).terraform_version;
  } catch {
    return undefined;
  }
}

const MINOR = PINNED_TERRAFORM.version.split(".").slice(0, 2).join(".");

/**
 * Terraform 1.11 from the PATH, else the pinned release built from the Go module proxy into the
 * cache. `go install module@version` refuses Terraform (its go.mod has replace directives), and
 * building inside the downloaded module is not enough either: the replaces point at nested
 * modules (`./internal/backend/remote-state/*`, `./internal/legacy`) that module zips leave out.
 * So the build uses a copy of its go.mod (`buildModfile`) in which each of those replaces names
 * the same nested module at the release's own commit, as the proxy serves it.
 */
export async function ensureTerraform(root: string, log: (line: string) => void): Promise<TerraformBinary> {
  const onPath = versionOf("terraform");
  if (onPath !== undefined && onPath.split(".").slice(0, 2).join(".") === MINOR) {
    return { path: "terraform", version: onPath, origin: "the PATH" };
  }
  const dir = join(root, "terraform", PINNED_TERRAFORM.version);
  const binary = join(dir, "terraform");
  const cached = existsSync(binary) ? versionOf(binary) : undefined;
  if (cached === PINNED_TERRAFORM.version) return { path: binary, version: cached, origin: `the cache (${dir})` };

  // One build per machine at a time; a run that waited finds the other's binary and reuses it.
  mkdirSync(root, { recursive: true });
  return withBuildLock(join(root, `terraform-${PINNED_TERRAFORM.version}.lock`), `terraform ${PINNED_TERRAFORM.version}`, log, async () => {
    const ready = existsSync(binary) ? versionOf(binary) : undefined;
    if (ready === PINNED_TERRAFORM.version) return { path: binary, version: ready, origin: `the cache (${dir})` };
    return buildTerraform(root, dir, binary, onPath, log);
  });
}

/** Builds the pinned Terraform into `dir` (see `ensureTerraform`); the caller holds the build lock. */
async function buildTerraform(root: string, dir: string, binary: string, onPath: string | undefined, log: (line: string) => void): Promise<TerraformBinary> {
  const target = `${PINNED_TERRAFORM.module}@v${PINNED_TERRAFORM.version}`;
  log(
    `Terraform ${MINOR} is not on the PATH${onPath ? ` (found ${onPath})` : ""}: building ${target} ` +
      "from the Go module proxy (first run on this machine, a few minutes, cached after)",
  );
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const env = goBuildEnv(root);
  const download = spawnSync("go", ["mod", "download", "-json", target], { encoding: "utf8", env });
  let module: { Dir?: string; Info?: string } = {};
  try {
    module = JSON.parse(download.stdout) as { Dir?: string; Info?: string };
  } catch {
    module = {};
  }
  if (download.status !== 0 || module.Dir === undefined || module.Info === undefined) {
    throw new SourceUnavailableError(`go mod download ${target} failed:\n${`${download.stdout}${download.stderr}`.trim()}`);
  }
  const moduleDir = module.Dir;
  const releaseTime = (JSON.parse(readFileSync(module.Info, "utf8")) as { Time: string }).Time;
  const modfile = await buildModfile(moduleDir, releaseTime, dir, env, log);
  const started = Date.now();
  const code = await new Promise<number>((resolve, reject) => {
    // version.dev=no: what HashiCorp's release builds set, so `terraform version` says 1.11.4, not 1.11.4-dev.
    const ldflags = "-s -w -X github.com/hashicorp/terraform/version.dev=no";
    const args = ["build", "-trimpath", "-mod=mod", `-ldflags=${ldflags}`, `-modfile=${modfile}`, "-o", binary, "."];
    const child = spawn("go", args, { cwd: moduleDir, env, stdio: ["ignore", "inherit", "inherit"] });
    child.on("error", reject);
    child.on("close", (c) => resolve(c ?? 1));
  });
  if (code !== 0) throw new Error(`go build of terraform ${PINNED_TERRAFORM.version} in ${moduleDir} failed (exit ${code})`);
  const built = versionOf(binary);
  if (built !== PINNED_TERRAFORM.version) throw new Error(`the terraform built in ${dir} reports version ${built ?? "nothing"}, not ${PINNED_TERRAFORM.version}`);
  log(`built terraform ${PINNED_TERRAFORM.version} in ${Math.round((Date.now() - started) / 1000)}s`);
  return { path: binary, version: built, origin: `built into the cache (${dir})` };
}

/** `2025-04-09T13:10:05Z` → `20250409131005`, the timestamp inside a pseudo-version. */
export function pseudoVersionStamp(time: string): string {
  return time.replace(/[-:TZ]/g, "").slice(0, 14);
}

/** The first HTTP(S) proxy of `go env GOPROXY`. */
function goProxy(env: NodeJS.ProcessEnv): string {
  const out = spawnSync("go", ["env", "GOPROXY"], { encoding: "utf8", env });
  const proxy = (out.stdout ?? "").split(/[,|]/).find((p) => p.startsWith("http"));
  if (!proxy) throw new SourceUnavailableError(`GOPROXY (${out.stdout.trim()}) names no HTTP proxy to look up Terraform's nested modules on`);
  return proxy.replace(/\/$/, "");
}

/** Module path as the proxy protocol spells it: capitals as `!` plus the lowercase letter. */
function escapeModulePath(path: string): string {
  return path.replace(/[A-Z]/g, (c) => `!${c.toLowerCase()}`);
}

/**
 * A copy of the module's go.mod (and go.sum) for `go build -modfile`; the module cache itself is
 * never modified. Two changes, each printed:
 * - a relative `replace M => ./dir` becomes `replace M => M <pseudo-version>`, the nested module
 *   at the release's commit (the one listed version whose timestamp is the release's);
 * - `godebug` settings the local Go no longer knows are dropped: Terraform 1.11 sets
 *   `godebug tlskyber=0`, which Go 1.24 removed and the machine's Go refuses to load. It only chose
 *   a TLS key exchange for Terraform's own HTTPS clients, which validation never uses.
 */
async function buildModfile(moduleDir: string, releaseTime: string, dir: string, env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<string> {
  const modfile = join(dir, "build.mod");
  copyFileSync(join(moduleDir, "go.sum"), join(dir, "build.sum"));
  let mod = readFileSync(join(moduleDir, "go.mod"), "utf8");
  const stamp = pseudoVersionStamp(releaseTime);
  const proxy = goProxy(env);
  for (const m of [...mod.matchAll(/^replace (\S+) => \.\/\S+$/gm)]) {
    const nested = m[1];
    const url = `${proxy}/${escapeModulePath(nested)}/@v/list`;
    const response = await fetch(url);
    if (!response.ok) throw new SourceUnavailableError(`${url}: ${response.status} ${response.statusText}`);
    const version = (await response.text()).split(/\s+/).find((v) => v.includes(`-${stamp}-`));
    if (version === undefined) throw new SourceUnavailableError(`the Go module proxy lists no version of ${nested} at Terraform ${PINNED_TERRAFORM.version}'s commit (${stamp})`);
    log(`  ${nested} => ${version} (nested module at the release commit; module zips leave it out)`);
    mod = mod.replace(m[0], `replace ${nested} => ${nested} ${version}`);
  }
  for (let attempt = 0; attempt < 10; attempt++) {
    writeFileSync(modfile, mod);
    const check = spawnSync("go", ["list", `-modfile=${modfile}`, "-m"], { cwd: moduleDir, encoding: "utf8", env });
    const unknown = /unknown godebug "([a-z0-9]+)"/.exec(check.stderr);
    if (check.status === 0 || unknown === null) return modfile;
    log(`  dropping \`godebug ${unknown[1]}\` from the go.mod copy: ${goVersionOf(env)} does not know the setting`);
    mod = mod.replace(new RegExp(`^godebug ${unknown[1]}=.*$`, "m"), "");
  }
  return modfile;
}

function goVersionOf(env: NodeJS.ProcessEnv): string {
  const out = spawnSync("go", ["env", "GOVERSION"], { encoding: "utf8", env });
  return out.status === 0 ? out.stdout.trim() : "the local Go";
}

export interface TerraformResult {
  readonly ok: boolean;
  readonly output: string;
  readonly seconds: number;
}

/** Runs one terraform command without a terminal, against the project's CLI configuration. */
export function runTerraform(terraform: TerraformBinary, args: readonly string[], cwd: string, cliConfig: string): Promise<TerraformResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(terraform.path, [...args], {
      cwd,
      env: {
        ...process.env,
        TF_CLI_CONFIG_FILE: cliConfig,
        TF_IN_AUTOMATION: "1",
        TF_INPUT: "0",
        CHECKPOINT_DISABLE: "1",
        TF_PLUGIN_CACHE_DIR: "",
      },
    });
    let output = "";
    child.stdout.on("data", (c: Buffer) => (output += c.toString("utf8")));
    child.stderr.on("data", (c: Buffer) => (output += c.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolve({ ok: code === 0, output, seconds: (Date.now() - started) / 1000 }));
  });
}
