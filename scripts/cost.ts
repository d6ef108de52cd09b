import { rmSync } from "fs";
import { join } from "path";
import { App } from "cdktf";
import { formatCostReport } from "../cost/cost-report";
import { configureCdktfStackTraces } from "./cdktf-stack-traces";
import { writeSynthSources } from "../review/app-sources";
import { buildPlatform, platformOptionsFromEnv } from "../stacks/platform-app";
import { REFERENCE_PLATFORM_NAME } from "../tiers/common";
import { COST_REPORT_FILE, writePlatformCostReport } from "../stacks/platform-cost-report";

/**
 * `npm run cost`: synthesizes every stack, prints the monthly estimate per stack and per tier
 * (expected at the tiers' commitments, min, max, pay-as-you-go, the ceiling and the seed's figure) and writes
 * the full report to cdktf.out/cost-report.json for the plan-review tool, beside the stacks and the
 * policy report: everything `cdktf-plan-review` reads. Exits 1 when a stack or a tier is over its
 * ceiling.
 */
// Report ceiling breaches here, with the whole table, instead of stopping at the first stack.
process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS ??= "1";
const outdir = process.env.CDKTF_OUTDIR ?? "cdktf.out";
rmSync(outdir, { recursive: true, force: true });
configureCdktfStackTraces();
const app = new App({ outdir });
buildPlatform(app, { platformName: REFERENCE_PLATFORM_NAME, ...platformOptionsFromEnv(process.env) });
app.synth();
// What the plan review checks the output against: the app's sources, hashed (review/app-sources.ts).
writeSynthSources(outdir, join(__dirname, ".."));

const report = writePlatformCostReport(app, outdir);
console.log(formatCostReport(report));
console.log(`\nreport written to ${join(outdir, COST_REPORT_FILE)}`);
if (report.stacks.some((s) => s.breach) || report.tiers.some((t) => t.breach)) process.exitCode = 1;
