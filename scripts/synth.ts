import { readFileSync, rmSync } from "fs";
import { join } from "path";
import { App } from "cdktf";
import { formatTierTable } from "../cost/cost-report";
import { writePolicyReport } from "../policies/policy-report";
import { buildPlatform, platformOptionsFromEnv } from "../stacks/platform-app";
import { REFERENCE_PLATFORM_NAME } from "../tiers/common";
import { platformCostReport } from "../stacks/platform-cost-report";

/**
 * `npm run synth`: synthesizes every stack into cdktf.out/stacks/<stack>/cdk.tf.json and prints a
 * table of stacks and their resource counts, then the estimated monthly cost of each tier
 * (`npm run cost` has the details).
 */
const outdir = process.env.CDKTF_OUTDIR ?? "cdktf.out";
rmSync(outdir, { recursive: true, force: true });
const app = new App({ outdir });
buildPlatform(app, { platformName: REFERENCE_PLATFORM_NAME, ...platformOptionsFromEnv(process.env) });
// The policy report is written even when an error finding fails synthesis: it says why.
try {
  app.synth();
} finally {
  writePolicyReport(app);
}

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
console.log(`${rows.length} stacks written to ${outdir}/stacks; policy report in ${outdir}/policy-report.json`);

const costs = platformCostReport(app, outdir);
console.log("");
console.log(formatTierTable(costs));
