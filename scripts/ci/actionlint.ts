// Lints .github/workflows with actionlint, built from the Go module proxy into the per-machine cache
// (~/.cache/cdktf-aks-platform/tools/actionlint/<version>/) the way the providers are, reused while
// its provenance names the same module and version.
//   node -r ./scripts/ts-register.js scripts/ci/actionlint.ts [files...]
// Exit 0 clean, 1 findings (or a build failure), 3 when the proxy refuses the module (BLOCKED).
import { spawnSync } from "child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "fs";
import { join } from "path";
import { cacheRoot, goBuildEnv } from "../terraform/provider-cache";

export const ACTIONLINT = { module: "github.com/rhysd/actionlint/cmd/actionlint", version: "v1.7.12" } as const;

export interface ActionlintProvenance {
  readonly module: string;
  readonly version: string;
}

/** The cached binary's directory, keyed by version. */
export function actionlintDir(root: string, version: string = ACTIONLINT.version): string {
  return join(root, "tools", "actionlint", version.replace(/^v/, ""));
}

/** Whether a cache entry may be reused: built from the same module at the same version. */
export function reusable(provenance: ActionlintProvenance | undefined, binaryExists: boolean): boolean {
  return binaryExists && provenance?.module === ACTIONLINT.module && provenance.version === ACTIONLINT.version;
}

const REFUSED = /403 Forbidden|404 Not Found|410 Gone|not available|no such host|dial tcp|i\/o timeout|connection refused|unknown revision|invalid version/;

export function ensureActionlint(root: string): string {
  const dir = actionlintDir(root);
  const binary = join(dir, "actionlint");
  const provenanceFile = join(dir, "provenance.json");
  const provenance = existsSync(provenanceFile) ? (JSON.parse(readFileSync(provenanceFile, "utf8")) as ActionlintProvenance) : undefined;
  if (reusable(provenance, existsSync(binary))) return binary;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  console.log(`building actionlint ${ACTIONLINT.version} from the Go module proxy into ${dir}`);
  const out = spawnSync("go", ["install", "-trimpath", "-ldflags=-s -w", `${ACTIONLINT.module}@${ACTIONLINT.version}`], {
    env: { ...goBuildEnv(root), GOBIN: dir },
    encoding: "utf8",
  });
  if (out.error || out.status !== 0) {
    const text = `${out.error?.message ?? ""}${out.stderr ?? ""}`.trim();
    const error = new Error(`go install ${ACTIONLINT.module}@${ACTIONLINT.version} failed:\n${text}`);
    (error as Error & { blocked?: boolean }).blocked = REFUSED.test(text);
    throw error;
  }
  writeFileSync(provenanceFile, `${JSON.stringify({ module: ACTIONLINT.module, version: ACTIONLINT.version }, null, 2)}\n`);
  return binary;
}

function main(files: string[]): number {
  let binary: string;
  try {
    binary = ensureActionlint(cacheRoot());
  } catch (e) {
    console.error((e as Error).message);
    return (e as Error & { blocked?: boolean }).blocked ? 3 : 1;
  }
  const targets = files.length > 0 ? files : readdirSync(".github/workflows").filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(".github/workflows", f));
  const result = spawnSync(binary, ["-no-color", ...targets], { stdio: "inherit" });
  if (result.status === 0) console.log(`actionlint ${ACTIONLINT.version}: ${targets.length} workflow files, no findings`);
  return result.status ?? 1;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
