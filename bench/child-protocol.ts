import { writeSync } from "fs";

/**
 * What a benchmark child process tells the parent, and how. Shared by both sides so they cannot
 * drift apart; it imports nothing heavy, so the parent never loads cdktf itself.
 */

/** The parent picks each child's output directory, so it can verify and delete what was written. */
export const OUTDIR_ENV = "BENCH_OUTDIR";

/** Prefix of the one stdout line that carries the result; anything else a child prints is ignored. */
export const RESULT_MARKER = "BENCH_RESULT ";

export interface ChildResult {
  /** Stacks the child's app held when it synthesized. */
  readonly stacks: number;
  /** Peak resident set size of the child, KiB (`process.resourceUsage().maxRSS`). */
  readonly maxRssKiB: number;
  /** From process start until the script's imports were loaded: node, the TS runner, cdktf and providers. */
  readonly loadMs: number;
  /** Constructing the stacks. */
  readonly buildMs: number;
  /** `app.synth()`: aspects, validation, resolving tokens and writing the JSON. */
  readonly synthMs: number;
  /**
   * CPU time of the whole child (user + system, every thread), ms: what the work cost, which
   * other processes on a shared machine stretch far less than the wall time.
   */
  readonly cpuMs: number;
}

/** The CPU time this process has used so far, ms. */
export function cpuMsSoFar(): number {
  const usage = process.resourceUsage();
  return (usage.userCPUTime + usage.systemCPUTime) / 1000;
}

export function outdirFromEnv(): string {
  const outdir = process.env[OUTDIR_ENV];
  if (!outdir) throw new Error(`${OUTDIR_ENV}: expected the output directory; run this script through npm run bench`);
  return outdir;
}

export function parseChildResult(stdout: string): ChildResult | undefined {
  const line = stdout.split("\n").find((l) => l.startsWith(RESULT_MARKER));
  return line === undefined ? undefined : (JSON.parse(line.slice(RESULT_MARKER.length)) as ChildResult);
}

export function reportResult(result: ChildResult): void {
  // writeSync so the line is out even if something calls process.exit before stdout drains.
  writeSync(1, `${RESULT_MARKER}${JSON.stringify(result)}\n`);
}
