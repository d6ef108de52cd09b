import { performance } from "perf_hooks";
import { cpuMsSoFar, reportResult } from "./child-protocol";

// No cdktf at all: what node and the TypeScript loader cost before any app code runs, so the
// full/minimal ratio can also be read net of it.
reportResult({ stacks: 0, maxRssKiB: process.resourceUsage().maxRSS, loadMs: performance.now(), buildMs: 0, synthMs: 0, cpuMs: cpuMsSoFar() });
