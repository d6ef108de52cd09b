import { readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { IConstruct } from "constructs";
import { CostReport, buildCostReport } from "../cost/cost-report";
import { TerraformJson } from "../cost/terraform-json";
import { AksWorkloadsStack } from "./aks-workloads-stack";
import { AzureStack, PlatformStack } from "./platform-stack";

/**
 * The cost report of an app built with `buildPlatform` and synthesized into `outdir`: every
 * platform stack's written JSON priced in its region (a workloads stack in its cluster's), with its
 * budget as the ceiling. What `npm run synth`, `npm run cost` and the plan review read.
 */
export function platformCostReport(app: IConstruct, outdir: string): CostReport {
  return buildCostReport(
    app.node.children
      .filter((stack): stack is PlatformStack => stack instanceof PlatformStack)
      .map((stack) => ({
        stack: stack.node.id,
        tier: stack.tier,
        json: JSON.parse(readFileSync(join(outdir, "stacks", stack.node.id, "cdk.tf.json"), "utf8")) as TerraformJson,
        region: stack instanceof AzureStack ? stack.resourceGroup.location : stack instanceof AksWorkloadsStack ? stack.region : undefined,
        ceilingMonthlyUsd: stack instanceof AzureStack ? stack.budget?.amountUsd : undefined,
      })),
  );
}

/** `<outdir>/cost-report.json`, beside the stacks and the policy report. */
export const COST_REPORT_FILE = "cost-report.json";

/**
 * Builds the cost report of a synthesized app and writes it to `<outdir>/cost-report.json`, where
 * the plan review reads it. `npm run synth` and `npm run cost` both write it, so either leaves the
 * stacks, the policy report and the cost report side by side.
 */
export function writePlatformCostReport(app: IConstruct, outdir: string): CostReport {
  const report = platformCostReport(app, outdir);
  writeFileSync(join(outdir, COST_REPORT_FILE), `${JSON.stringify(report, null, 2)}\n`);
  return report;
}
