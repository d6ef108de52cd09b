import { performance } from "perf_hooks";
import { App } from "cdktf";
import { configureCdktfStackTraces } from "../scripts/cdktf-stack-traces";
import { cpuMsSoFar, outdirFromEnv, reportResult } from "./child-protocol";

/**
 * Times building and synthesizing an app in a benchmark child and reports to the parent. Call it
 * right after the imports: `performance.now()` counts from process start, so the time spent
 * before the call is the load time.
 */
export function synthAndReport(build: (app: App) => void): void {
  const loaded = performance.now();
  // As the app's entry points do (main.ts, npm run synth): every child alike, the floor included.
  configureCdktfStackTraces();
  const app = new App({ outdir: outdirFromEnv() });
  build(app);
  const built = performance.now();
  app.synth();
  const synthesized = performance.now();
  reportResult({
    stacks: app.node.children.length,
    // Read after synthesis, while the tree and the rendered JSON are both still reachable.
    maxRssKiB: process.resourceUsage().maxRSS,
    loadMs: loaded,
    buildMs: built - loaded,
    synthMs: synthesized - built,
    cpuMs: cpuMsSoFar(),
  });
}
