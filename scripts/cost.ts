import { rmSync, writeFileSync } from "fs";
import { join } from "path";
import { App } from "cdktf";
import { formatCostReport } from "../cost/cost-report";
import { writePolicyReport } from "../policies/policy-report";
import { buildPlatform, platformOptionsFromEnv } from "../stacks/platform-app";
import { REFERENCE_PLATFORM_NAME } from "../tiers/common";
import { platformCostReport } from "../stacks/platform-cost-report";

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
const app = new App({ outdir });
buildPlatform(app, { platformName: REFERENCE_PLATFORM_NAME, ...platformOptionsFromEnv(process.env) });
try {
  app.synth();
} finally {
  writePolicyReport(app);
}

const report = platformCostReport(app, outdir);
console.log(formatCostReport(report));
const file = join(outdir, "cost-report.json");
writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
console.log(`\nreport written to ${file}`);
if (report.stacks.some((s) => s.breach) || report.tiers.some((t) => t.breach)) process.exitCode = 1;
