import { spawn, spawnSync } from "child_process";
import { existsSync, mkdirSync, rmSync } from "fs";
import { join } from "path";
import { SourceUnavailableError, goBuildEnv } from "./provider-cache";

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
 * cache. Its go.mod carries replace directives (its own backends), so `go install module@version`
 * refuses it: the module is downloaded and built inside its own directory instead.
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

  log(
    `Terraform ${MINOR} is not on the PATH${onPath ? ` (found ${onPath})` : ""}: building ${PINNED_TERRAFORM.module}@v${PINNED_TERRAFORM.version} ` +
      "from the Go module proxy (first run on this machine, cached after)",
  );
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const env = goBuildEnv(root);
  const download = spawnSync("go", ["mod", "download", "-json", `${PINNED_TERRAFORM.module}@v${PINNED_TERRAFORM.version}`], { encoding: "utf8", env });
  let moduleDir: string | undefined;
  try {
    moduleDir = (JSON.parse(download.stdout) as { Dir?: string; Error?: string }).Dir;
  } catch {
    moduleDir = undefined;
  }
  if (download.status !== 0 || moduleDir === undefined) {
    throw new SourceUnavailableError(
      `go mod download ${PINNED_TERRAFORM.module}@v${PINNED_TERRAFORM.version} failed:\n${`${download.stdout}${download.stderr}`.trim()}`,
    );
  }
  const started = Date.now();
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn("go", ["build", "-trimpath", "-ldflags=-s -w", "-o", binary, "."], { cwd: moduleDir, env, stdio: ["ignore", "inherit", "inherit"] });
    child.on("error", reject);
    child.on("close", (c) => resolve(c ?? 1));
  });
  if (code !== 0) throw new Error(`go build of terraform ${PINNED_TERRAFORM.version} in ${moduleDir} failed (exit ${code})`);
  log(`built terraform ${PINNED_TERRAFORM.version} in ${Math.round((Date.now() - started) / 1000)}s`);
  return { path: binary, version: PINNED_TERRAFORM.version, origin: `built into the cache (${dir})` };
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
