import { createHash } from "crypto";
import { spawnSync } from "child_process";
import { existsSync, readFileSync, statSync, writeFileSync } from "fs";
import { dirname, join, relative, resolve, sep } from "path";
import { compareText } from "./compare-text";

/**
 * The TypeScript sources of a cdktf app: its entry (`cdktf.json`'s `app`, or a file given) and every
 * file reachable from it through relative imports (`import`/`export ... from`, `import()`,
 * `require()`). Only these are head's sources: a base checkout inside the workspace, a script that
 * builds the same constructs, tests and benchmarks are not, because the app never loads them.
 */
export interface AppSources {
  /** The root paths are relative to. */
  readonly root: string;
  /** The entry file, relative to `root` (`/` separators). */
  readonly entry: string;
  /** Every reachable file (the entry included), relative to `root`, sorted. */
  readonly files: readonly { readonly file: string; readonly text: string }[];
}

/** The record `npm run synth` and `npm run cost` write beside the stacks, so the review can tell stale output. */
export const SYNTH_SOURCES_JSON = "synth-sources.json";

export interface SynthSources {
  readonly entry: string;
  /** The commit the sources were at, when they are in a git work tree. */
  readonly commit?: string;
  /** sha256 of each reachable source, by path relative to the app root. */
  readonly files: Readonly<Record<string, string>>;
}

const SPECIFIERS = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)(["'])(\.{1,2}\/[^"'\n]*|\.{1,2})\1/g;

function toPosix(path: string): string {
  return path.split(sep).join("/");
}

/** The entry file of `cdktf.json`'s `app` (`node -r x main.ts`, `npx ts-node main.ts`), relative to the root. */
export function cdktfAppEntry(root: string): string | undefined {
  const config = join(root, "cdktf.json");
  if (!existsSync(config)) return undefined;
  let app: unknown;
  try {
    app = (JSON.parse(readFileSync(config, "utf8")) as { app?: unknown }).app;
  } catch {
    return undefined;
  }
  if (typeof app !== "string") return undefined;
  const entry = app
    .split(/\s+/)
    .reverse()
    .find((t) => /\.(ts|js|mjs|cjs)$/.test(t) && !t.includes("register"));
  return entry?.replace(/^\.\//, "");
}

function resolveImport(fromFile: string, specifier: string): string | undefined {
  const base = resolve(dirname(fromFile), specifier);
  const stripped = base.replace(/\.(js|mjs|cjs)$/, "");
  for (const candidate of [base, `${stripped}.ts`, `${stripped}.tsx`, join(base, "index.ts"), join(base, "index.tsx")]) {
    if (/\.tsx?$/.test(candidate) && !candidate.endsWith(".d.ts") && existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/** Blanks comments so an import in a doc comment is not followed. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, " ")).replace(/(^|[^:"'`])\/\/[^\n]*/g, (m, p: string) => p + " ".repeat(m.length - p.length));
}

/**
 * The app's sources. `source` is a directory (the entry is its `cdktf.json`'s `app`, else
 * `main.ts`) or the entry file itself. Returns undefined when there is no entry to start from.
 */
export function appSources(source: string): AppSources | undefined {
  const isFile = existsSync(source) && statSync(source).isFile();
  const root = resolve(isFile ? dirname(source) : source);
  const entryRel = isFile ? relative(root, resolve(source)) : cdktfAppEntry(root) ?? (existsSync(join(root, "main.ts")) ? "main.ts" : undefined);
  if (entryRel === undefined) return undefined;
  const entry = resolve(root, entryRel);
  // Resolved as an import from a file in the root (so `main` finds main.ts, `app.js` app.ts).
  const start = resolveImport(join(root, "cdktf.json"), `./${toPosix(entryRel)}`) ?? (existsSync(entry) ? entry : undefined);
  if (start === undefined) return undefined;
  const seen = new Set<string>([start]);
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.shift()!;
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch {
      continue;
    }
    for (const m of code(text).matchAll(SPECIFIERS)) {
      const target = resolveImport(file, m[2]);
      if (target && !seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  const files = [...seen]
    .map((path) => ({ file: toPosix(relative(root, path)), text: readFileSync(path, "utf8") }))
    .sort((a, b) => compareText(a.file, b.file));
  return { root, entry: toPosix(relative(root, start)), files };
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

function gitCommit(root: string): string | undefined {
  const out = spawnSync("git", ["-C", root, "rev-parse", "HEAD"], { encoding: "utf8" });
  return out.status === 0 ? out.stdout.trim() : undefined;
}

/** What a synthesis from these sources records. */
export function synthSourcesOf(sources: AppSources): SynthSources {
  return { entry: sources.entry, commit: gitCommit(sources.root), files: Object.fromEntries(sources.files.map((f) => [f.file, sha256(f.text)])) };
}

/**
 * Writes `synth-sources.json` into a synthesized output directory: the app's entry, the commit and
 * a hash of every source the app loads. Call it after `app.synth()` (`npm run synth` and
 * `npm run cost` do); the plan review then names the sources that changed since.
 */
export function writeSynthSources(outdir: string, source: string = process.cwd()): void {
  const sources = appSources(source);
  if (!sources) return;
  writeFileSync(join(outdir, SYNTH_SOURCES_JSON), `${JSON.stringify(synthSourcesOf(sources), null, 2)}\n`);
}

/**
 * Why a synthesized output does not reflect these sources, or undefined when it does (or cannot be
 * told): the files whose hash differs from the record, else (no record) the sources newer than the
 * output's manifest.
 */
export function staleness(synthDir: string, sources: AppSources): string | undefined {
  const record = join(synthDir, SYNTH_SOURCES_JSON);
  if (existsSync(record)) {
    let recorded: SynthSources;
    try {
      recorded = JSON.parse(readFileSync(record, "utf8")) as SynthSources;
    } catch {
      return `${record} is not JSON: cannot tell which sources ${synthDir} was synthesized from`;
    }
    const now = synthSourcesOf(sources);
    const names = [...new Set([...Object.keys(recorded.files ?? {}), ...Object.keys(now.files)])].sort(compareText);
    const changed = names.filter((f) => recorded.files?.[f] !== now.files[f]);
    if (changed.length === 0) return undefined;
    const commits = recorded.commit && now.commit && recorded.commit !== now.commit ? ` (synthesized at commit ${recorded.commit.slice(0, 12)}, head's sources are at ${now.commit.slice(0, 12)})` : "";
    const list = changed.slice(0, 5).map((f) => (recorded.files?.[f] === undefined ? `${f} (new)` : now.files[f] === undefined ? `${f} (gone)` : f));
    return `${synthDir} was synthesized from other sources${commits}: ${changed.length} file(s) differ: ${list.join(", ")}${changed.length > 5 ? ", ..." : ""}; synthesize again (npm run cost) before reviewing`;
  }
  const manifest = join(synthDir, "manifest.json");
  if (!existsSync(manifest)) return undefined;
  const synthesized = statSync(manifest).mtimeMs;
  const newer = sources.files.filter((f) => statSync(join(sources.root, f.file)).mtimeMs > synthesized + 1000).map((f) => f.file);
  if (newer.length === 0) return undefined;
  return `${synthDir} is older than head's sources: ${newer.slice(0, 5).join(", ")}${newer.length > 5 ? ", ..." : ""} changed after it was synthesized (no ${SYNTH_SOURCES_JSON} to compare hashes); synthesize again before reviewing`;
}
