import { readFileSync, readdirSync, statSync } from "fs";
import { join, relative, sep } from "path";
import { compareText } from "./compare-text";

/**
 * Maps a cdktf construct path (`small-prod/Data/Cosmos/Resource`, from the `//` metadata of
 * cdk.tf.json) to the TypeScript line that created each construct on it.
 *
 * cdktf 0.21 records no creation stack trace (its `stacktrace` metadata entry is empty), so the
 * mapping is static: the sources are scanned for construct instantiations `new X(scope, "id", ...)`
 * and class declarations, and the path is walked from the stack down. A segment is looked up first
 * among the instantiations in the file of the class that made its parent (and that class's base
 * classes), then anywhere; an id that is not a literal (`new Workload(this, spec.name)`) is matched
 * through the non-literal instantiations of the parent's file. The stack's own class is the one
 * whose files instantiate most of the stack's top-level ids. The deepest construct found is the
 * location; the ones above it are the chain that composed it.
 */

/** A line of TypeScript that creates a construct. */
export interface SourceLocation {
  /** Relative to the source root, with `/` separators. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  /** The class instantiated there. */
  readonly className: string;
  /** The construct id, or undefined when the id is computed. */
  readonly id?: string;
}

/** Where a construct path comes from. */
export interface ConstructSource {
  /** The deepest construct on the path found in the sources. */
  readonly location: SourceLocation;
  /** Every construct found on the path, outermost first (the last is `location`). */
  readonly chain: readonly SourceLocation[];
}

const SKIPPED_DIRECTORIES = new Set(["node_modules", "dist", "cdktf.out", "coverage", "__tests__", "__snapshots__", "bench"]);

const INSTANTIATION =
  /\bnew\s+([A-Z][A-Za-z0-9_]*)\s*(?:<[^>()]*>)?\(\s*(?:this|[A-Za-z_$][\w$.]*)\s*,\s*(?:"([^"\\\n]*)"|'([^'\\\n]*)'|`([^`$\\\n]*)`|([A-Za-z_$][^,)\n]*))/g;
const CLASS = /\bclass\s+([A-Z][A-Za-z0-9_]*)(?:\s*<[^{]*?>)?(?:\s+extends\s+([A-Z][A-Za-z0-9_]*))?/g;

interface Site extends SourceLocation {
  readonly literal: boolean;
}

interface State {
  readonly className?: string;
  readonly chain: readonly Site[];
  readonly score: number;
  /** Below a construct whose children cannot be found: the chain ends here. */
  readonly stopped: boolean;
}

function listSources(root: string, dir: string, out: string[]): void {
  let names: string[];
  try {
    names = readdirSync(dir).sort(compareText);
  } catch {
    return;
  }
  for (const name of names) {
    if (name.startsWith(".")) continue;
    const path = join(dir, name);
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      continue;
    }
    if (isDir) {
      if (!SKIPPED_DIRECTORIES.has(name)) listSources(root, path, out);
    } else if (name.endsWith(".ts") && !name.endsWith(".d.ts") && !name.endsWith(".test.ts")) {
      out.push(path);
    }
  }
}

/**
 * The text with comments blanked (newlines kept, so offsets and lines stay), so that an example in
 * a doc comment is not taken for an instantiation. Strings and template literals are skipped over.
 */
export function blankComments(text: string): string {
  const out = text.split("");
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    if (c === "/" && next === "/") {
      while (i < text.length && text[i] !== "\n") out[i++] = " ";
    } else if (c === "/" && next === "*") {
      const end = text.indexOf("*/", i + 2);
      const stop = end === -1 ? text.length : end + 2;
      for (; i < stop; i++) if (text[i] !== "\n") out[i] = " ";
    } else if (c === '"' || c === "'" || c === "`") {
      i++;
      while (i < text.length && text[i] !== c) i += text[i] === "\\" ? 2 : 1;
      i++;
    } else {
      i++;
    }
  }
  return out.join("");
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") starts.push(i + 1);
  return starts;
}

function position(starts: readonly number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo] + 1 };
}

export class SourceLocator {
  /**
   * Scans the TypeScript sources under `root` (skipping node_modules, dist, cdktf.out, tests,
   * benchmarks and hidden directories).
   */
  public static scan(root: string): SourceLocator {
    const files: string[] = [];
    listSources(root, root, files);
    const sources = files.map((path) => ({ file: relative(root, path).split(sep).join("/"), text: readFileSync(path, "utf8") }));
    return new SourceLocator(sources);
  }

  private readonly sites: readonly Site[];
  private readonly classFiles = new Map<string, string[]>();
  private readonly baseClass = new Map<string, string>();
  private readonly stackClassCache = new Map<string, string | undefined>();

  /** From sources already read: `file` relative to the source root. */
  constructor(sources: readonly { readonly file: string; readonly text: string }[]) {
    const sites: Site[] = [];
    for (const { file, text } of [...sources].sort((a, b) => compareText(a.file, b.file))) {
      const starts = lineStarts(text);
      const code = blankComments(text);
      for (const m of code.matchAll(INSTANTIATION)) {
        if (m[1].endsWith("Error")) continue;
        const id = m[2] ?? m[3] ?? m[4];
        const at = position(starts, m.index ?? 0);
        sites.push({ file, ...at, className: m[1], id, literal: id !== undefined });
      }
      for (const m of code.matchAll(CLASS)) {
        this.classFiles.set(m[1], [...(this.classFiles.get(m[1]) ?? []), file]);
        if (m[2]) this.baseClass.set(m[1], m[2]);
      }
    }
    this.sites = sites;
  }

  /** Files of a class and of its base classes. */
  private filesOf(className: string): Set<string> {
    const files = new Set<string>();
    let current: string | undefined = className;
    for (let depth = 0; current && depth < 10; depth++) {
      for (const f of this.classFiles.get(current) ?? []) files.add(f);
      current = this.baseClass.get(current);
    }
    return files;
  }

  /** The class whose files instantiate most of a stack's top-level construct ids (undefined on a tie). */
  private stackClass(stack: string, topLevelIds: readonly string[]): string | undefined {
    if (this.stackClassCache.has(stack)) return this.stackClassCache.get(stack);
    const ids = new Set(topLevelIds);
    // Most of the stack's ids found; on a tie, the class that creates fewest ids the stack lacks.
    const scores = [...this.classFiles.keys()]
      .map((cls) => {
        const files = this.filesOf(cls);
        const own = this.sites.filter((s) => s.literal && s.id !== undefined && files.has(s.file));
        const found = new Set(own.filter((s) => ids.has(s.id!)).map((s) => s.id));
        const extra = new Set(own.filter((s) => !ids.has(s.id!)).map((s) => s.id));
        return { cls, score: found.size, extra: extra.size };
      })
      .filter((s) => s.score > 0)
      .sort((a, b) => b.score - a.score || a.extra - b.extra || compareText(a.cls, b.cls));
    const [first, second] = scores;
    const best = first && (!second || first.score > second.score || first.extra < second.extra) ? first.cls : undefined;
    this.stackClassCache.set(stack, best);
    return best;
  }

  /**
   * Where a construct path was created, or undefined when no construct on it is found.
   * `stackTopLevelIds` are the first path segments below the stack of all the stack's resources,
   * which identify the stack's class.
   */
  public locate(constructPath: string, stackTopLevelIds: readonly string[] = []): ConstructSource | undefined {
    const [stack, ...segments] = constructPath.split("/");
    let states: State[] = [{ className: this.stackClass(stack, stackTopLevelIds), chain: [], score: 0, stopped: false }];
    for (const segment of segments) {
      const next: State[] = [];
      for (const state of states) {
        if (state.stopped) {
          next.push(state);
          continue;
        }
        // A class without sources here (cdktf's Construct, a library's construct) creates its
        // children where it is instantiated, if anywhere we can see.
        const last = state.chain[state.chain.length - 1];
        const own = state.className ? this.filesOf(state.className) : undefined;
        const opaque = own !== undefined && own.size === 0;
        const scope = opaque && last ? new Set([last.file]) : own;
        const literal = this.sites.filter((s) => s.literal && s.id === segment);
        const scoped = scope ? literal.filter((s) => scope.has(s.file)) : [];
        const dynamic = scope ? this.sites.filter((s) => !s.literal && scope.has(s.file)) : [];
        const candidates: [Site, number][] =
          scoped.length > 0
            ? scoped.map((s) => [s, 3])
            : [...(opaque ? [] : literal.map((s): [Site, number] => [s, 1])), ...dynamic.map((s): [Site, number] => [s, 2])];
        if (candidates.length === 0) {
          // Below an opaque construct nothing more can be placed; elsewhere the id may be computed.
          next.push({ className: undefined, chain: state.chain, score: state.score, stopped: opaque });
          continue;
        }
        for (const [site, points] of candidates) next.push({ className: site.className, chain: [...state.chain, site], score: state.score + points, stopped: false });
      }
      next.sort((a, b) => b.score - a.score || b.chain.length - a.chain.length || compareChains(a.chain, b.chain));
      states = next.slice(0, 24);
    }
    const best = states.find((s) => s.chain.some((site) => site.literal));
    if (!best) return undefined;
    // A trailing computed id may match any non-literal instantiation; end at the last literal one.
    let end = best.chain.length;
    while (end > 0 && !best.chain[end - 1].literal) end--;
    const chain = best.chain.slice(0, end).map(({ literal: _literal, ...location }) => location);
    return { location: chain[chain.length - 1], chain };
  }
}

function compareChains(a: readonly Site[], b: readonly Site[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compareText(a[i].file, b[i].file) || a[i].line - b[i].line;
    if (c !== 0) return c;
  }
  return a.length - b.length;
}
