import { rmSync } from "fs";
import { join } from "path";
import { App } from "cdktf";
import { formatTierTable } from "../cost/cost-report";
import { configureCdktfStackTraces } from "./cdktf-stack-traces";
import { writeSynthSources } from "../review/app-sources";
import { synthSummary } from "./synth-summary";
import { buildPlatform, platformOptionsFromEnv } from "../stacks/platform-app";
import { REFERENCE_PLATFORM_NAME } from "../tiers/common";
import { COST_REPORT_FILE, writePlatformCostReport } from "../stacks/platform-cost-report";

/**
 * `npm run synth`: synthesizes every stack into cdktf.out/stacks/<stack>/cdk.tf.json and prints a
 * table of stacks with their resource counts, expected monthly cost and ceiling, the warnings the
 * stacks carry (those `npx cdktf synth` prints), then the estimated monthly cost of each tier
 * (`npm run cost` has the details). Beside the stacks: the policy report (written by the stacks'
 * guardrails) and the cost report, as `npm run cost` leaves them.
 */
const outdir = process.env.CDKTF_OUTDIR ?? "cdktf.out";
rmSync(outdir, { recursive: true, force: true });
configureCdktfStackTraces();
const app = new App({ outdir });
buildPlatform(app, { platformName: REFERENCE_PLATFORM_NAME, ...platformOptionsFromEnv(process.env) });
// The stacks' guardrails write the policy report, also when an error finding fails synthesis: it says why.
app.synth();
// What the plan review checks the output against: the app's sources, hashed (review/app-sources.ts).
writeSynthSources(outdir, join(__dirname, ".."));

console.log(synthSummary(app, outdir));
console.log(`policy report in ${outdir}/policy-report.json, cost report in ${outdir}/${COST_REPORT_FILE}`);

const costs = writePlatformCostReport(app, outdir);
console.log("");
console.log(formatTierTable(costs));
