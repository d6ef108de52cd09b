import { spawn, spawnSync } from "child_process";
import { copyFileSync, existsSync, linkSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "fs";
import { homedir } from "os";
import { join } from "path";
import { MINIMUM_GO, PINNED_PROVIDERS, PinnedProvider, providerAddress } from "./pinned-providers";

/**
 * The per-machine cache of everything `npm run validate` builds or installs, outside the
 * repository: the providers (keyed by name and version), Go's module and build caches, the
 * Terraform filesystem mirror and CLI configuration, and Checkov's virtual environment. Emptying
 * it (`rm -rf`) makes the next run cold.
 */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CDKTF_AKS_CACHE_DIR) return env.CDKTF_AKS_CACHE_DIR;
  const base = env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return join(base, "cdktf-aks-platform");
}

/** What a cached provider binary was built from; a cache entry is reused only when it matches. */
export interface ProviderProvenance {
  readonly module: string;
  readonly moduleVersion: string;
  readonly version: string;
  readonly goVersion: string;
}

export interface ProviderBuild {
  readonly provider: PinnedProvider;
  readonly binary: string;
  /** "cached" when reused, "built" when built by this run. */
  readonly status: "cached" | "built";
  readonly seconds: number;
  readonly provenance: ProviderProvenance;
}

/** The Go module proxy (or the network) refused a module: the run cannot go on, through no fault of the code checked. */
export class SourceUnavailableError extends Error {}

export function providerBinaryName(provider: PinnedProvider): string {
  return `terraform-provider-${provider.name}`;
}

function providerDir(root: string, provider: PinnedProvider): string {
  return join(root, "providers", provider.name, provider.version);
}

function provenanceFile(root: string, provider: PinnedProvider): string {
  return join(providerDir(root, provider), "provenance.json");
}

/** `GOOS_GOARCH` of the Go toolchain, which is also Terraform's platform name. */
export function goPlatform(): string {
  const out = spawnSync("go", ["env", "GOOS", "GOARCH"], { encoding: "utf8" });
  if (out.error || out.status !== 0) {
    throw new SourceUnavailableError(
      `cannot run \`go env\` (${out.error?.message ?? out.stderr.trim()}): Go ${MINIMUM_GO} or later must be on the PATH to build the providers`,
    );
  }
  const [os, arch] = out.stdout.trim().split(/\s+/);
  return `${os}_${arch}`;
}

function goVersion(): string {
  const out = spawnSync("go", ["env", "GOVERSION"], { encoding: "utf8" });
  return out.status === 0 ? out.stdout.trim() : "unknown";
}

/** Whether Go version `have` (e.g. "go1.26.8") is at least `need` (e.g. "1.26.6"). */
export function goVersionAtLeast(have: string, need: string): boolean {
  const parse = (v: string) => (v.replace(/^go/, "").match(/^(\d+)\.(\d+)(?:\.(\d+))?/) ?? []).slice(1).map((n) => Number(n ?? 0));
  const [a, b] = [parse(have), parse(need)];
  if (a.length === 0) return false;
  for (let i = 0; i < 3; i++) if ((a[i] || 0) !== (b[i] || 0)) return (a[i] || 0) > (b[i] || 0);
  return true;
}

function checkGoVersion(): void {
  const have = goVersion();
  if (!goVersionAtLeast(have, MINIMUM_GO)) {
    throw new Error(`the providers need Go ${MINIMUM_GO} or later (their go.mod files; builds run with GOTOOLCHAIN=local), and the PATH has ${have}`);
  }
}

function readProvenance(root: string, provider: PinnedProvider): ProviderProvenance | undefined {
  const file = provenanceFile(root, provider);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, "utf8")) as ProviderProvenance;
  } catch {
    return undefined;
  }
}

/** Go's environment for the builds: caches inside ours, the machine's own toolchain, no VCS stamping. */
export function goBuildEnv(root: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GOMODCACHE: join(root, "go", "mod"),
    GOCACHE: join(root, "go", "build"),
    GOFLAGS: "-modcacherw -buildvcs=false",
    GOTOOLCHAIN: "local",
    CGO_ENABLED: "0",
  };
}

const REFUSED = /403 Forbidden|404 Not Found|410 Gone|not available|no such host|dial tcp|i\/o timeout|connection refused|unknown revision|invalid version/;

function formatSeconds(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  return m > 0 ? `${m}m${String(s).padStart(2, "0")}s` : `${s}s`;
}

async function goInstall(root: string, provider: PinnedProvider, log: (line: string) => void): Promise<void> {
  const target = `${provider.module}@${provider.moduleVersion}`;
  const started = Date.now();
  let downloads = 0;
  let output = "";
  const child = spawn("go", ["install", "-trimpath", "-ldflags=-s -w", target], { env: { ...goBuildEnv(root), GOBIN: providerDir(root, provider) } });
  const collect = (chunk: Buffer): void => {
    const text = chunk.toString("utf8");
    output += text;
    downloads += (text.match(/^go: downloading /gm) ?? []).length;
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  const heartbeat = setInterval(() => {
    const phase = downloads > 0 ? `${downloads} modules downloaded, compiling` : "resolving modules";
    log(`  ${provider.name} ${provider.version}: ${formatSeconds((Date.now() - started) / 1000)} (${phase})`);
  }, 30_000);
  const code = await new Promise<number>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (c) => resolve(c ?? 1));
  }).finally(() => clearInterval(heartbeat));
  if (code === 0) return;
  const tail = output.trim().split("\n").slice(-12).join("\n");
  const message = `go install ${target} (${provider.name} ${provider.version}, ${provider.lineage}) failed:\n${tail}`;
  throw REFUSED.test(output) ? new SourceUnavailableError(message) : new Error(message);
}

/**
 * Returns the provider's binary, building it with `go install <module>@<moduleVersion>` the first
 * time on this machine. A cache entry is reused only when its provenance names the same module,
 * module version and release.
 */
export async function ensureProvider(root: string, provider: PinnedProvider, log: (line: string) => void): Promise<ProviderBuild> {
  const cached = cachedBuild(root, provider);
  if (cached) return cached;
  checkGoVersion();
  // Another checkout on this machine (a CI run beside a developer's, two worktrees) may be building
  // the same provider: one builds, the others wait for it and reuse its binary.
  mkdirSync(root, { recursive: true });
  return withBuildLock(join(root, `${provider.name}-${provider.version}.lock`), `${provider.name} ${provider.version}`, log, async () => {
    const built = cachedBuild(root, provider);
    if (built) return built;
    rmSync(providerDir(root, provider), { recursive: true, force: true });
    mkdirSync(providerDir(root, provider), { recursive: true });
    log(
      `building ${provider.name} ${provider.version} from ${provider.module}@${provider.moduleVersion} ` +
        `(first build on this machine, cached after; ${provider.buildNote})`,
    );
    const started = Date.now();
    await goInstall(root, provider, log);
    const seconds = (Date.now() - started) / 1000;
    const binary = join(providerDir(root, provider), providerBinaryName(provider));
    if (!existsSync(binary)) throw new Error(`go install succeeded but ${binary} is missing`);
    const provenance: ProviderProvenance = {
      module: provider.module,
      moduleVersion: provider.moduleVersion,
      version: provider.version,
      goVersion: goVersion(),
    };
    writeFileSync(provenanceFile(root, provider), `${JSON.stringify(provenance, null, 2)}\n`);
    log(`built ${provider.name} ${provider.version} in ${formatSeconds(seconds)}`);
    return { provider, binary, status: "built", seconds, provenance };
  });
}

/** The cached build, when its provenance names the same module, module version and release. */
function cachedBuild(root: string, provider: PinnedProvider): ProviderBuild | undefined {
  const binary = join(providerDir(root, provider), providerBinaryName(provider));
  const cached = readProvenance(root, provider);
  if (
    cached !== undefined &&
    existsSync(binary) &&
    cached.module === provider.module &&
    cached.moduleVersion === provider.moduleVersion &&
    cached.version === provider.version
  ) {
    return { provider, binary, status: "cached", seconds: 0, provenance: cached };
  }
  return undefined;
}

/** Whether a process with this id runs on this machine. */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Runs `build` holding a machine-wide lock: a directory created atomically, with the holder's pid
 * inside. A lock whose holder no longer runs (killed mid-build) is taken over; otherwise the caller
 * waits, polling every `pollMs`, and says once what it waits for.
 */
export async function withBuildLock<T>(lockDir: string, what: string, log: (line: string) => void, build: () => Promise<T>, pollMs = 5_000): Promise<T> {
  let announced = false;
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    let holder: number | undefined;
    try {
      holder = Number(readFileSync(join(lockDir, "pid"), "utf8"));
    } catch {
      holder = undefined; // Just created; its holder writes the pid next.
    }
    if (holder !== undefined && Number.isInteger(holder) && holder > 0 && !processAlive(holder)) {
      log(`taking over the build lock of ${what}: its holder (pid ${holder}) no longer runs`);
      rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (!announced) {
      log(`waiting for another build of ${what} on this machine (pid ${holder ?? "starting"}) to finish`);
      announced = true;
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  writeFileSync(join(lockDir, "pid"), String(process.pid));
  try {
    return await build();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

/**
 * Lays the binaries out as an unpacked filesystem mirror
 * (`<host>/<namespace>/<type>/<version>/<os_arch>/terraform-provider-<type>_v<version>`) and writes
 * a CLI configuration that installs these providers from it and nothing from anywhere else, so
 * `terraform init` keeps the registry addresses of `required_providers` and never goes online.
 * Terraform links an unpacked mirror's directories into each stack's `.terraform`, so the binaries
 * are never copied. Returns the CLI configuration's path, for `TF_CLI_CONFIG_FILE`.
 */
export function writeMirror(root: string, builds: readonly ProviderBuild[], platform: string): string {
  // Idempotent, never removed and rebuilt: runs in other checkouts on this machine may be
  // installing from the mirror at the same moment.
  const mirror = join(root, "mirror");
  for (const build of builds) {
    const { provider } = build;
    const dir = join(mirror, providerAddress(provider), provider.version, platform);
    const target = join(dir, `${providerBinaryName(provider)}_v${provider.version}`);
    if (existsSync(target) && statSync(target).ino === statSync(build.binary).ino) continue;
    mkdirSync(dir, { recursive: true });
    const staged = `${target}.${process.pid}`;
    try {
      linkSync(build.binary, staged);
    } catch {
      copyFileSync(build.binary, staged);
    }
    renameSync(staged, target);
  }
  const include = builds.map((b) => JSON.stringify(providerAddress(b.provider))).join(", ");
  // One configuration per set of providers, written whole and renamed into place.
  const config = join(root, `terraform-${builds.map((b) => `${b.provider.name}-${b.provider.version}`).join("_")}.rc`);
  const staged = `${config}.${process.pid}`;
  writeFileSync(
    staged,
    [
      "# Written by npm run validate: providers come from the local mirror only, never a registry.",
      "provider_installation {",
      "  filesystem_mirror {",
      `    path    = ${JSON.stringify(mirror)}`,
      `    include = [${include}]`,
      "  }",
      "}",
      "disable_checkpoint = true",
      "",
    ].join("\n"),
  );
  renameSync(staged, config);
  return config;
}

/**
 * Every pinned provider, built or reused, in the table's order. Each is tried even when an
 * earlier one is refused, so one run names every module the proxy will not serve.
 */
export async function ensureProviders(
  root: string,
  log: (line: string) => void,
  providers: readonly PinnedProvider[] = PINNED_PROVIDERS,
): Promise<ProviderBuild[]> {
  const builds: ProviderBuild[] = [];
  const refused: string[] = [];
  for (const provider of providers) {
    try {
      builds.push(await ensureProvider(root, provider, log));
    } catch (e) {
      if (!(e instanceof SourceUnavailableError)) throw e;
      refused.push(e.message);
    }
  }
  if (refused.length > 0) throw new SourceUnavailableError(refused.join("\n"));
  return builds;
}
