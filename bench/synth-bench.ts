import { spawn } from "child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "fs";
import { cpus, tmpdir } from "os";
import { join, relative, resolve } from "path";
import { performance } from "perf_hooks";
import { ChildResult, OUTDIR_ENV, parseChildResult } from "./child-protocol";

/**
 * `npm run bench`: cold synthesis of the reference app against its floor (raw cdktf writing the
 * app's own output again from generic elements: `child-replay.ts`), against a one-resource app and
 * against the TypeScript runner alone; how synthesis grows with the number of enterprise regions;
 * and how it grows per resource: the app at 1x, 5x and 20x the agent teams of every workloads stack,
 * each beside a raw replay of its own output, with least-squares slopes in ms and KB per resource.
 * Every measurement is a fresh `node -r ./scripts/ts-register.js` process, because a user pays process
 * start and module loading on every `cdktf synth`, and a warm in-process loop would hide both.
 *
 * Environment: BENCH_RUNS (default 5), BENCH_REGION_COUNTS (default 1,2,3,6), BENCH_SERVICE_FACTORS
 * (default 1,5,20; 1 is the app itself), BENCH_WARMUP (default 1). The children run as the app's
 * entry points do, without cdktf's token creation traces; `CDKTF_AKS_STACK_TRACES=1 npm run bench`
 * measures with them. Targets are reported, never enforced: a miss still exits 0.
 */

const root = resolve(__dirname, "..");
const resultsFile = join(root, "bench", "results", "latest.json");

const TARGET_TIME_RATIO = 4;
const TARGET_REPLAY_TIME_RATIO = 1.5;
const TARGET_PEAK_RSS_MB = 250;
/** At the largest services factor: what one more resource may cost, in wall time and peak memory. */
const TARGET_MS_PER_RESOURCE = 0.5;
const TARGET_KB_PER_RESOURCE = 30;
// Decimal megabytes: the stricter reading of "250 MB", so a pass holds under either reading.
const BYTES_PER_MB = 1_000_000;
const BYTES_PER_KB = 1_000;

interface Scenario {
  readonly key: string;
  readonly label: string;
  readonly script: string;
  readonly args: readonly string[];
  /** False for the runner baseline, which synthesizes nothing and so has no output to check. */
  readonly writesStacks: boolean;
  readonly env?: Readonly<Record<string, string>>;
  /** Resources the output must hold in all, where known (the replay must write what the app wrote). */
  readonly expectResources?: number;
}

interface Sample extends ChildResult {
  /** Spawn to exit, as the parent sees it. */
  readonly wallMs: number;
  /** Resources the child wrote, counted by the parent; 0 for a child that writes no stacks. */
  readonly resources: number;
}

interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

interface Summary {
  readonly label: string;
  readonly runs: number;
  readonly stacks: number;
  readonly wallMs: Spread;
  readonly cpuMs: Spread;
  readonly peakRssMB: Spread;
  readonly loadMs: number;
  readonly buildMs: number;
  readonly synthMs: number;
}

class ChildFailure extends Error {}

function intFromEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name}: invalid value ${JSON.stringify(raw)}: expected an integer from ${min} to ${max}`);
  }
  return value;
}

function countsFromEnv(name: string, fallback: readonly number[], max: number): number[] {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return [...fallback];
  const counts = raw.split(",").map((s) => Number(s.trim()));
  if (counts.some((n) => !Number.isInteger(n) || n < 1 || n > max)) {
    throw new Error(`${name}: invalid value ${JSON.stringify(raw)}: expected comma-separated integers from 1 to ${max}`);
  }
  return [...new Set(counts)].sort((a, b) => a - b);
}

/** The line of a child's stderr that says what went wrong, without the stack trace. */
function errorSummary(stderr: string, code: number | null, signal: NodeJS.Signals | null): string {
  const lines = stderr.split("\n").map((l) => l.trim()).filter((l) => l !== "");
  const error = lines.find((l) => /^[A-Za-z]*Error\b.*:/.test(l)) ?? lines[lines.length - 1];
  const exit = signal ? `signal ${signal}` : `exit code ${code}`;
  return error ? `${error} (${exit})` : exit;
}

/** Resources of every stack written to an output directory. */
function countResources(outdir: string): number {
  const stacksDir = join(outdir, "stacks");
  let count = 0;
  for (const stack of readdirSync(stacksDir)) {
    const json = JSON.parse(readFileSync(join(stacksDir, stack, "cdk.tf.json"), "utf8")) as { resource?: Record<string, Record<string, unknown>> };
    for (const byName of Object.values(json.resource ?? {})) count += Object.keys(byName).length;
  }
  return count;
}

function checkOutput(outdir: string, result: ChildResult, expectResources: number | undefined): number {
  const stacksDir = join(outdir, "stacks");
  const written = existsSync(stacksDir) ? readdirSync(stacksDir).filter((s) => existsSync(join(stacksDir, s, "cdk.tf.json"))) : [];
  // A child that "synthesizes" fast because it wrote nothing must not pass as a fast run.
  if (written.length !== result.stacks || written.length === 0) {
    throw new ChildFailure(`expected cdk.tf.json for ${result.stacks} stacks in ${outdir}, found ${written.length}`);
  }
  const resources = countResources(outdir);
  if (expectResources !== undefined && resources !== expectResources) {
    throw new ChildFailure(`expected ${expectResources} resources in ${outdir}, found ${resources}`);
  }
  return resources;
}

/** Runs one child; its output directory is removed afterwards unless `keepOutdir` names where to write it. */
function runChild(scenario: Scenario, cacheDir: string, keepOutdir?: string): Promise<Sample> {
  const outdir = keepOutdir ?? mkdtempSync(join(tmpdir(), `cdktf-synth-bench-${scenario.key}-`));
  const start = performance.now();
  const child = spawn(process.execPath, ["-r", "./scripts/ts-register.js", scenario.script, ...scenario.args], {
    cwd: root,
    env: { ...process.env, ...scenario.env, [OUTDIR_ENV]: outdir, TS_REGISTER_CACHE_DIR: cacheDir },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise<Sample>((resolvePromise, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => {
      const wallMs = performance.now() - start;
      try {
        if (code !== 0) throw new ChildFailure(errorSummary(stderr, code, signal));
        const result = parseChildResult(stdout);
        if (!result) throw new ChildFailure(`no result line on stdout from ${scenario.script}`);
        const resources = scenario.writesStacks ? checkOutput(outdir, result, scenario.expectResources) : 0;
        resolvePromise({ ...result, wallMs, resources });
      } catch (error) {
        reject(error);
      } finally {
        if (keepOutdir === undefined) rmSync(outdir, { recursive: true, force: true });
      }
    });
  });
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function spread(values: readonly number[]): Spread {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

function toMB(kib: number): number {
  return (kib * 1024) / BYTES_PER_MB;
}

function summarize(label: string, samples: readonly Sample[]): Summary {
  return {
    label,
    runs: samples.length,
    stacks: samples[0].stacks,
    wallMs: spread(samples.map((s) => s.wallMs)),
    cpuMs: spread(samples.map((s) => s.cpuMs)),
    peakRssMB: spread(samples.map((s) => toMB(s.maxRssKiB))),
    loadMs: median(samples.map((s) => s.loadMs)),
    buildMs: median(samples.map((s) => s.buildMs)),
    synthMs: median(samples.map((s) => s.synthMs)),
  };
}

/** Least-squares slope of y over x; undefined with fewer than two distinct x. */
function slope(points: readonly { x: number; y: number }[]): number | undefined {
  if (new Set(points.map((p) => p.x)).size < 2) return undefined;
  const mx = points.reduce((s, p) => s + p.x, 0) / points.length;
  const my = points.reduce((s, p) => s + p.y, 0) / points.length;
  const sxy = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return sxy / sxx;
}

function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  // The first column is a label, the rest are numbers that read best right-aligned.
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ").trimEnd();
  return [line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

const ms = (n: number) => `${Math.round(n)}`;
const mb = (n: number) => n.toFixed(0);
const signed = (n: number) => `${n >= 0 ? "+" : ""}${Math.round(n)}`;

function scenarioRow(s: Summary): string[] {
  return [
    s.label,
    String(s.stacks),
    ms(s.wallMs.median),
    ms(s.wallMs.min),
    ms(s.wallMs.max),
    ms(s.cpuMs.median),
    mb(s.peakRssMB.median),
    mb(s.peakRssMB.max),
    ms(s.loadMs),
    ms(s.buildMs),
    ms(s.synthMs),
  ];
}

const SCENARIO_HEADERS = ["scenario", "stacks", "wall ms", "min", "max", "cpu ms", "peak MB", "max", "load ms", "build ms", "synth ms"];

interface ScalePoint {
  readonly factor: number;
  readonly resources: number;
  readonly full: Summary;
  readonly replay: Summary;
}

interface PerResource {
  /** Least squares over every factor. */
  readonly fitted: number;
  /** Between the two largest factors: what one more resource costs at the largest. */
  readonly atLargest: number;
}

/** Wall ms and peak KB per resource of one side of the scale runs; undefined with fewer than two factors. */
function perResource(points: readonly ScalePoint[], pick: (p: ScalePoint) => number): PerResource | undefined {
  const xy = points.map((p) => ({ x: p.resources, y: pick(p) }));
  const fitted = slope(xy);
  const last = xy.slice(-2);
  const atLargest = slope(last);
  return fitted === undefined || atLargest === undefined ? undefined : { fitted, atLargest };
}

async function main(): Promise<void> {
  const runs = intFromEnv("BENCH_RUNS", 5, 1, 100);
  const warmup = intFromEnv("BENCH_WARMUP", 1, 0, 10);
  const requestedRegionCounts = countsFromEnv("BENCH_REGION_COUNTS", [1, 2, 3, 6], 20);
  // 1 is the app itself (the full and replay scenarios); the others are measured beside it.
  const serviceFactors = [...new Set([1, ...countsFromEnv("BENCH_SERVICE_FACTORS", [1, 5, 20], 50)])].sort((a, b) => a - b);
  const tokenTraces = process.env.CDKTF_AKS_STACK_TRACES === "1" ? "kept (CDKTF_AKS_STACK_TRACES=1)" : "skipped, as the entry points do";
  const benchStart = performance.now();
  // A private transpile cache: the first child starts from an empty one whatever the machine has
  // cached before, and the measured runs see the warm cache every user has after their first synth.
  const cacheDir = mkdtempSync(join(tmpdir(), "cdktf-synth-bench-ts-"));
  const replaySources: string[] = [];

  const servicesScenario = (factor: number): Scenario =>
    factor === 1
      ? { key: "full", label: "full app", script: "bench/child-full.ts", args: [], writesStacks: true }
      : { key: `services-${factor}`, label: `app, ${factor}x services`, script: "bench/child-services.ts", args: [String(factor)], writesStacks: true };
  const samples = new Map<string, Sample[]>();
  const record = (key: string, sample: Sample) => samples.set(key, [...(samples.get(key) ?? []), sample]);
  const warmups: { scenario: string; wallMs: number }[] = [];
  const skipped = new Map<number, string>();
  let activeRegionCounts = requestedRegionCounts;

  try {
    // Each app's own output, synthesized once, is what its replay writes again.
    const pairs: { factor: number; app: Scenario; replay: Scenario }[] = [];
    for (const factor of serviceFactors) {
      const source = mkdtempSync(join(tmpdir(), `cdktf-synth-bench-replay-source-${factor}-`));
      replaySources.push(source);
      const app = servicesScenario(factor);
      const resources = (await runChild(app, cacheDir, source)).resources;
      pairs.push({
        factor,
        app: { ...app, expectResources: resources },
        replay: {
          key: factor === 1 ? "replay" : `replay-${factor}`,
          label: factor === 1 ? "raw replay" : `raw replay, ${factor}x`,
          script: "bench/child-replay.ts",
          args: [],
          writesStacks: true,
          env: { BENCH_REPLAY_SOURCE: source },
          expectResources: resources,
        },
      });
    }
    const [full, replay] = [pairs[0].app, pairs[0].replay];
    const minimal: Scenario = { key: "minimal", label: "minimal app", script: "bench/child-minimal.ts", args: [], writesStacks: true };
    const runner: Scenario = { key: "runner", label: "runner only", script: "bench/child-runner-only.ts", args: [], writesStacks: false };
    const regionScenario = (n: number): Scenario => ({
      key: `regions-${n}`,
      label: `enterprise x${n}`,
      script: "bench/child-regions.ts",
      args: [String(n)],
      writesStacks: true,
    });
    const regionWarmup = () => (activeRegionCounts.length > 0 ? [regionScenario(activeRegionCounts[0])] : []);

    // Every script once per warm-up round, so no counted run loads the TypeScript compiler to
    // transpile a script the cache does not hold yet.
    const warmupScenarios = [full, replay, minimal, runner, ...regionWarmup()];
    for (let i = 0; i < warmup; i++) {
      for (const scenario of warmupScenarios) {
        try {
          warmups.push({ scenario: scenario.key, wallMs: (await runChild(scenario, cacheDir)).wallMs });
        } catch (error) {
          // A region count the library rejects is reported by the counted runs.
          if (!(error instanceof ChildFailure) || !scenario.key.startsWith("regions-")) throw error;
        }
      }
    }
    for (let round = 1; round <= runs; round++) {
      process.stderr.write(`round ${round}/${runs}\n`);
      // The scenarios take turns within every round, so drift in machine load hits them alike;
      // each app and its replay run back to back.
      for (const scenario of [full, replay, minimal, runner]) record(scenario.key, await runChild(scenario, cacheDir));
      for (const n of activeRegionCounts) {
        try {
          record(`regions-${n}`, await runChild(regionScenario(n), cacheDir));
        } catch (error) {
          // A region count the library rejects is a finding to report, not a reason to abort.
          if (!(error instanceof ChildFailure)) throw error;
          skipped.set(n, error.message);
          activeRegionCounts = activeRegionCounts.filter((c) => c !== n);
          samples.delete(`regions-${n}`);
        }
      }
      for (const pair of pairs.slice(1)) {
        record(pair.app.key, await runChild(pair.app, cacheDir));
        record(pair.replay.key, await runChild(pair.replay, cacheDir));
      }
    }

    report({ runs, warmup, requestedRegionCounts, activeRegionCounts, serviceFactors, tokenTraces, benchStart, samples, warmups, skipped, pairs, minimal, runner, regionScenario });
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
    for (const source of replaySources) rmSync(source, { recursive: true, force: true });
  }
}

interface Measured {
  readonly runs: number;
  readonly warmup: number;
  readonly requestedRegionCounts: readonly number[];
  readonly activeRegionCounts: readonly number[];
  readonly serviceFactors: readonly number[];
  readonly tokenTraces: string;
  readonly benchStart: number;
  readonly samples: ReadonlyMap<string, Sample[]>;
  readonly warmups: readonly { scenario: string; wallMs: number }[];
  readonly skipped: ReadonlyMap<number, string>;
  readonly pairs: readonly { factor: number; app: Scenario; replay: Scenario }[];
  readonly minimal: Scenario;
  readonly runner: Scenario;
  readonly regionScenario: (n: number) => Scenario;
}

function report(m: Measured): void {
  const { samples, pairs, runs } = m;
  const of = (scenario: Scenario) => samples.get(scenario.key) ?? [];
  const full = pairs[0].app;
  const replay = pairs[0].replay;
  const appResources = pairs[0].app.expectResources ?? 0;
  const fullSummary = summarize(full.label, of(full));
  const replaySummary = summarize(replay.label, of(replay));
  const replayTimeRatio = fullSummary.wallMs.median / replaySummary.wallMs.median;
  const replayMemoryRatio = fullSummary.peakRssMB.median / replaySummary.peakRssMB.median;
  const replayCpuRatio = fullSummary.cpuMs.median / replaySummary.cpuMs.median;
  const minimalSummary = summarize(m.minimal.label, of(m.minimal));
  const runnerSummary = summarize(m.runner.label, of(m.runner));
  const regionSummaries = m.activeRegionCounts.map((n) => ({ regions: n, ...summarize(m.regionScenario(n).label, samples.get(`regions-${n}`) ?? []) }));
  const scale: ScalePoint[] = pairs.map((p) => ({
    factor: p.factor,
    resources: p.app.expectResources ?? 0,
    full: summarize(p.app.label, of(p.app)),
    replay: summarize(p.replay.label, of(p.replay)),
  }));
  const kb = (mbValue: number) => (mbValue * BYTES_PER_MB) / BYTES_PER_KB;
  const slopes = {
    full: {
      ms: perResource(scale, (p) => p.full.wallMs.median),
      cpuMs: perResource(scale, (p) => p.full.cpuMs.median),
      kb: perResource(scale, (p) => kb(p.full.peakRssMB.median)),
    },
    replay: {
      ms: perResource(scale, (p) => p.replay.wallMs.median),
      cpuMs: perResource(scale, (p) => p.replay.cpuMs.median),
      kb: perResource(scale, (p) => kb(p.replay.peakRssMB.median)),
    },
  };
  const largest = scale[scale.length - 1];

  const timeRatio = fullSummary.wallMs.median / minimalSummary.wallMs.median;
  const memoryRatio = fullSummary.peakRssMB.median / minimalSummary.peakRssMB.median;
  // What cdktf and the app cost on top of the runner, which `node dist/...` would not pay.
  const net = (pick: (s: Summary) => number) =>
    (pick(fullSummary) - pick(runnerSummary)) / (pick(minimalSummary) - pick(runnerSummary));
  const netTimeRatio = net((s) => s.wallMs.median);
  const netMemoryRatio = net((s) => s.peakRssMB.median);

  // Every run of every app the bench synthesizes (the replays and the minimal app are floors, not the app).
  const appRuns = [full, ...pairs.slice(1).map((p) => p.app), ...m.activeRegionCounts.map(m.regionScenario)].flatMap((scenario) =>
    of(scenario).map((sample) => ({ scenario: scenario.label, peakMB: toMB(sample.maxRssKiB) })),
  );
  const worstAppRun = appRuns.reduce((a, b) => (b.peakMB > a.peakMB ? b : a));
  const targets = [
    {
      name: "full time / raw replay time (medians)",
      measured: replayTimeRatio,
      limit: TARGET_REPLAY_TIME_RATIO,
      pass: replayTimeRatio <= TARGET_REPLAY_TIME_RATIO,
      show: [`${replayTimeRatio.toFixed(2)}x`, `<= ${TARGET_REPLAY_TIME_RATIO}x`],
    },
    {
      name: "full time / minimal time (medians)",
      measured: timeRatio,
      limit: TARGET_TIME_RATIO,
      pass: timeRatio <= TARGET_TIME_RATIO,
      show: [`${timeRatio.toFixed(2)}x`, `<= ${TARGET_TIME_RATIO}x`],
    },
    {
      // The worst run, not the median: a peak memory target is about the run that runs out.
      name: "full app peak RSS (every run)",
      measured: fullSummary.peakRssMB.max,
      limit: TARGET_PEAK_RSS_MB,
      pass: fullSummary.peakRssMB.max < TARGET_PEAK_RSS_MB,
      show: [`${mb(fullSummary.peakRssMB.max)} MB`, `< ${TARGET_PEAK_RSS_MB} MB`],
    },
    {
      name: `peak RSS of every app run (scale runs too; worst: ${worstAppRun.scenario})`,
      measured: worstAppRun.peakMB,
      limit: TARGET_PEAK_RSS_MB,
      pass: worstAppRun.peakMB < TARGET_PEAK_RSS_MB,
      show: [`${mb(worstAppRun.peakMB)} MB`, `< ${TARGET_PEAK_RSS_MB} MB`],
    },
    ...(slopes.full.ms && slopes.full.kb && scale.length >= 2
      ? [
          {
            name: `wall per resource at ${largest.factor}x services (${scale[scale.length - 2].factor}x to ${largest.factor}x)`,
            measured: slopes.full.ms.atLargest,
            limit: TARGET_MS_PER_RESOURCE,
            pass: slopes.full.ms.atLargest <= TARGET_MS_PER_RESOURCE,
            show: [`${slopes.full.ms.atLargest.toFixed(2)} ms`, `<= ${TARGET_MS_PER_RESOURCE} ms`],
          },
          {
            name: `peak RSS per resource at ${largest.factor}x services (${scale[scale.length - 2].factor}x to ${largest.factor}x)`,
            measured: slopes.full.kb.atLargest,
            limit: TARGET_KB_PER_RESOURCE,
            pass: slopes.full.kb.atLargest <= TARGET_KB_PER_RESOURCE,
            show: [`${slopes.full.kb.atLargest.toFixed(1)} KB`, `<= ${TARGET_KB_PER_RESOURCE} KB`],
          },
        ]
      : []),
  ];
  const msPerRegion = slope(regionSummaries.map((s) => ({ x: s.regions, y: s.wallMs.median })));
  // Build and synth time inside the child leave out process start and module loading, whose
  // run-to-run noise is larger than what one region adds.
  const innerMsPerRegion = slope(regionSummaries.map((s) => ({ x: s.regions, y: s.buildMs + s.synthMs })));
  const mbPerRegion = slope(regionSummaries.map((s) => ({ x: s.regions, y: s.peakRssMB.median })));
  const totalSeconds = (performance.now() - m.benchStart) / 1000;

  const out: string[] = [];
  out.push(`synth-bench: ${runs} cold runs per scenario, interleaved; node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model.trim() ?? "unknown"})`);
  out.push(`runner: node -r ./scripts/ts-register.js (transpile-only, cached on disk); cdktf token creation traces ${m.tokenTraces}`);
  out.push("");
  out.push(table(SCENARIO_HEADERS, [fullSummary, replaySummary, minimalSummary, runnerSummary].map(scenarioRow)));
  out.push("");
  out.push(`full / raw replay of the same ${appResources} resources: time ${replayTimeRatio.toFixed(2)}x, cpu ${replayCpuRatio.toFixed(2)}x, peak memory ${replayMemoryRatio.toFixed(2)}x`);
  out.push(`full / minimal: time ${timeRatio.toFixed(2)}x, peak memory ${memoryRatio.toFixed(2)}x`);
  out.push(`net of the runner (each minus "runner only"): time ${netTimeRatio.toFixed(2)}x, peak memory ${netMemoryRatio.toFixed(2)}x`);
  if (m.warmups.length > 0) {
    const first = m.warmups.map((w) => `${w.scenario} ${ms(w.wallMs)} ms`).join(", ");
    out.push(`warm-up (discarded; the first starts with an empty transpile cache): ${first}`);
  }
  out.push("");
  out.push(`synthesis by agent teams per workloads stack (each app beside a raw replay of its own output)`);
  out.push("");
  out.push(
    table(
      ["services", "resources", "app ms", "min", "max", "cpu ms", "peak MB", "max", "replay ms", "cpu ms", "peak MB", "app / replay", "cpu"],
      scale.map((p) => [
        `${p.factor}x`,
        String(p.resources),
        ms(p.full.wallMs.median),
        ms(p.full.wallMs.min),
        ms(p.full.wallMs.max),
        ms(p.full.cpuMs.median),
        mb(p.full.peakRssMB.median),
        mb(p.full.peakRssMB.max),
        ms(p.replay.wallMs.median),
        ms(p.replay.cpuMs.median),
        mb(p.replay.peakRssMB.median),
        `${(p.full.wallMs.median / p.replay.wallMs.median).toFixed(2)}x`,
        `${(p.full.cpuMs.median / p.replay.cpuMs.median).toFixed(2)}x`,
      ]),
    ),
  );
  out.push("");
  if (slopes.full.ms && slopes.full.cpuMs && slopes.full.kb && slopes.replay.ms && slopes.replay.cpuMs && slopes.replay.kb) {
    const xs = scale.map((p) => `${p.factor}x`).join(", ");
    const last = `${scale[scale.length - 2].factor}x to ${largest.factor}x`;
    const row = (label: string, side: typeof slopes.full) => [
      label,
      side.ms!.atLargest.toFixed(2),
      side.cpuMs!.atLargest.toFixed(2),
      side.kb!.atLargest.toFixed(1),
      side.ms!.fitted.toFixed(2),
      side.cpuMs!.fitted.toFixed(2),
      side.kb!.fitted.toFixed(1),
    ];
    out.push(`per added resource: ${last}, and a least-squares fit over ${xs}`);
    out.push("");
    out.push(
      table(
        ["", "wall ms", "cpu ms", "KB", "wall ms (fit)", "cpu ms (fit)", "KB (fit)"],
        [row("app", slopes.full), row("raw replay", slopes.replay)],
      ),
    );
  } else {
    out.push("per-resource slopes: need at least two services factors");
  }
  out.push("");
  out.push("peak RSS of every run, MB (in run order)");
  out.push("");
  const everyRun = [full, replay, m.minimal, m.runner, ...m.activeRegionCounts.map(m.regionScenario), ...pairs.slice(1).flatMap((p) => [p.app, p.replay])];
  out.push(
    table(
      ["scenario", ...Array.from({ length: runs }, (_, i) => `run ${i + 1}`)],
      everyRun.map((scenario) => [scenario.label, ...of(scenario).map((sample) => mb(toMB(sample.maxRssKiB)))]),
    ),
  );
  out.push("");
  out.push(table(["target", "measured", "limit", "result"], targets.map((t) => [t.name, ...t.show, t.pass ? "PASS" : "FAIL"])));
  out.push("");
  out.push("synthesis time by number of enterprise regions (each region adds a platform and a workloads stack)");
  out.push("");
  out.push(
    table(
      ["regions", "stacks", "wall ms", "min", "max", "delta ms", "peak MB", "build ms", "synth ms"],
      regionSummaries.map((s, i) => [
        String(s.regions),
        String(s.stacks),
        ms(s.wallMs.median),
        ms(s.wallMs.min),
        ms(s.wallMs.max),
        i === 0 ? "" : signed(s.wallMs.median - regionSummaries[i - 1].wallMs.median),
        mb(s.peakRssMB.median),
        ms(s.buildMs),
        ms(s.synthMs),
      ]),
    ),
  );
  out.push("");
  if (msPerRegion !== undefined && innerMsPerRegion !== undefined && mbPerRegion !== undefined) {
    const xs = regionSummaries.map((s) => s.regions).join(", ");
    out.push(`slope per added region (least squares over ${xs} regions):`);
    out.push(`  wall ${signed(msPerRegion)} ms, build+synth ${signed(innerMsPerRegion)} ms, peak memory ${mbPerRegion >= 0 ? "+" : ""}${mbPerRegion.toFixed(1)} MB`);
  } else {
    out.push("slope: needs at least two region counts that synthesize");
  }
  for (const [n, reason] of m.skipped) out.push(`skipped ${n} regions: ${reason}`);
  out.push("");
  out.push(`wall = spawn to exit of a fresh node process; load/build/synth are medians measured inside the child; MB = 10^6 bytes, KB = 10^3 bytes`);
  out.push(`total ${totalSeconds.toFixed(1)} s; JSON in ${relative(root, resultsFile)}`);
  console.log(out.join("\n"));

  mkdirSync(join(root, "bench", "results"), { recursive: true });
  const json = {
    generatedAt: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: { count: cpus().length, model: cpus()[0]?.model.trim() ?? "unknown" },
    settings: { runs, warmup: m.warmup, regionCounts: m.requestedRegionCounts, serviceFactors: m.serviceFactors, tokenTraces: m.tokenTraces },
    units: { time: "ms", memory: "MB (10^6 bytes)", perResourceMemory: "KB (10^3 bytes)" },
    scenarios: {
      full: { summary: fullSummary, samples: of(full) },
      replay: { summary: replaySummary, samples: of(replay), resources: appResources },
      minimal: { summary: minimalSummary, samples: of(m.minimal) },
      runner: { summary: runnerSummary, samples: of(m.runner) },
    },
    warmups: m.warmups,
    ratios: {
      time: timeRatio,
      memory: memoryRatio,
      replay: { time: replayTimeRatio, cpu: replayCpuRatio, memory: replayMemoryRatio },
      netOfRunner: { time: netTimeRatio, memory: netMemoryRatio },
    },
    targets: targets.map(({ show: _show, ...t }) => t),
    services: {
      measured: pairs.map((p, i) => ({
        factor: p.factor,
        resources: scale[i].resources,
        app: { summary: scale[i].full, samples: of(p.app) },
        replay: { summary: scale[i].replay, samples: of(p.replay) },
      })),
      perResource: {
        app: slopes.full,
        replay: slopes.replay,
      },
    },
    regions: {
      measured: regionSummaries.map((s) => ({ ...s, samples: samples.get(`regions-${s.regions}`) })),
      skipped: [...m.skipped].map(([regions, reason]) => ({ regions, reason })),
      msPerRegion: msPerRegion ?? null,
      buildAndSynthMsPerRegion: innerMsPerRegion ?? null,
      mbPerRegion: mbPerRegion ?? null,
    },
    totalSeconds,
  };
  writeFileSync(resultsFile, `${JSON.stringify(json, null, 2)}\n`);
}

main().catch((error: unknown) => {
  // A broken app or benchmark is an error; a missed target is not (it was reported above).
  console.error(error instanceof Error ? `synth-bench: ${error.message}` : error);
  process.exitCode = 1;
});
