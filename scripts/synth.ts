import { readFileSync, rmSync } from "fs";
import { join } from "path";
import { App } from "cdktf";
import { formatTierTable } from "../cost/cost-report";
import { configureCdktfStackTraces } from "./cdktf-stack-traces";
import { writeSynthSources } from "../review/app-sources";
import { buildPlatform, platformOptionsFromEnv } from "../stacks/platform-app";
import { REFERENCE_PLATFORM_NAME } from "../tiers/common";
import { COST_REPORT_FILE, writePlatformCostReport } from "../stacks/platform-cost-report";

/**
 * `npm run synth`: synthesizes every stack into cdktf.out/stacks/<stack>/cdk.tf.json and prints a
 * table of stacks and their resource counts, then the estimated monthly cost of each tier
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

const rows = app.node.children
  .map((stack) => stack.node.id)
  .map((name) => {
    const json = JSON.parse(readFileSync(join(outdir, "stacks", name, "cdk.tf.json"), "utf8")) as {
      resource?: Record<string, Record<string, unknown>>;
    };
    const resources = Object.values(json.resource ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0);
    return { name, resources };
  });
const width = Math.max(5, ...rows.map((r) => r.name.length));
console.log(`${"stack".padEnd(width)}  resources`);
for (const row of rows) console.log(`${row.name.padEnd(width)}  ${String(row.resources).padStart(9)}`);
console.log(`${rows.length} stacks written to ${outdir}/stacks; policy report in ${outdir}/policy-report.json, cost report in ${outdir}/${COST_REPORT_FILE}`);

const costs = writePlatformCostReport(app, outdir);
console.log("");
console.log(formatTierTable(costs));
