import { readFileSync } from "fs";
import { resolve } from "path";
import { API_REPORT_PATH, buildApiReport } from "../../scripts/api-report";

// Emits the declarations of the whole project in memory (a type-check's worth of work).
const root = resolve(__dirname, "..", "..");
const report = buildApiReport(root);

describe("the public API", () => {
  test(`matches ${API_REPORT_PATH}: the exported surface changes only on purpose (npm run api rewrites the report)`, () => {
    const recorded = readFileSync(resolve(root, API_REPORT_PATH), "utf8");
    // On failure: review the difference, then `npm run api` and commit the report with the change.
    expect(report.text === recorded ? "up to date" : `${API_REPORT_PATH} is out of date: run npm run api and review its diff`).toBe("up to date");
  });

  test("refers to no type it does not export", () => {
    expect(report.forgotten).toEqual([]);
  });

  test("exports the constructs, tiers, buildPlatform and the policy, cost and review entry points, and none of the internal helpers", () => {
    for (const name of [
      "AlwaysOnCluster",
      "AlwaysOnClusterProps",
      "SpotAutoscalePool",
      "ManagedDataLayer",
      "ObservabilityStack",
      "RedisSku",
      "TierSpec",
      "SMALL_PROD_TIER",
      "buildPlatform",
      "PlatformAppOptions",
      "setPlatformName",
      "PlatformNames",
      "applyPolicyPacks",
      "PolicyProfile",
      "PolicySuppressions",
      "writePolicyReport",
      "CostGuardrail",
      "estimateCost",
      "buildCostReport",
      "reviewPlans",
      "renderMarkdown",
      "renderSarif",
      "ValidationError",
    ]) {
      expect(report.names).toContain(name);
    }
    for (const name of ["fixed", "usd", "block", "blocks", "isExpression", "parseReference", "compareCodeUnits", "subnetAfter", "suppressObservabilityQuota", "formatUsd", "PricingContext", "upsertPullRequestComment"]) {
      expect(report.names).not.toContain(name);
    }
    expect(new Set(report.names).size).toBe(report.names.length);
  });
});
