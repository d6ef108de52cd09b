import { Testing } from "cdktf";
import { applyPolicyPacks } from "../../policies/apply-policy-packs";
import { PolicyProfile } from "../../policies/policy-profile";
import { policyReport } from "../../policies/policy-report";
import { RULES_BY_PACK } from "../../policies/rule-catalog";
import { StackPolicyResults } from "../../policies/stack-policy-results";
import { buildPlatform } from "../../stacks/platform-app";
import { PlatformStack } from "../../stacks/platform-stack";

// The three packs over the reference platform's eleven stacks, each under its tier's profile.
// The snapshot is the list of what they find: suppress what seed 004 decided on purpose (with
// the reason), fix the rest, and review the snapshot change.
describe("policy packs on the eleven stacks", () => {
  const app = Testing.app();
  const stacks = buildPlatform(app, { platformName: "omega" });
  const all = app.node.children.filter((c): c is PlatformStack => c instanceof PlatformStack);
  for (const stack of all) {
    // The stacks may apply the packs themselves; never twice.
    if ((StackPolicyResults.find(stack)?.packs.length ?? 0) === 0) applyPolicyPacks(stack, PolicyProfile.forTier(stack.tier));
  }
  // The report runs every pack over every resource it has not seen yet: no synthesis needed.
  const report = policyReport(app);

  test("every stack is checked under its tier's profile", () => {
    expect(report.stacks.map((s) => [s.stack, s.profile?.environment])).toEqual(
      [
        ["dev", "development"],
        ["enterprise-eastus", "production"],
        ["enterprise-eastus-workloads", "production"],
        ["enterprise-global", "production"],
        ["enterprise-southeastasia", "production"],
        ["enterprise-southeastasia-workloads", "production"],
        ["enterprise-westeurope", "production"],
        ["enterprise-westeurope-workloads", "production"],
        ["small-prod", "production"],
        ["small-prod-workloads", "production"],
        ["staging", "staging"],
      ],
    );
    expect(stacks.smallProd.platform.node.id).toBe("small-prod");
  });

  test("every finding is at the level its rule sets for the stack's environment", () => {
    for (const stack of report.stacks) {
      for (const finding of stack.findings) {
        const rule = RULES_BY_PACK[finding.pack as keyof typeof RULES_BY_PACK].find((r) => r.name === finding.rule);
        const environment = stack.profile?.environment;
        expect([finding.ruleId, rule && environment ? rule.levels[environment] : "unknown"]).toEqual([finding.ruleId, finding.level]);
      }
    }
  });

  test("no stack has an unsuppressed error: every seed-004 decision that breaks a rule carries its reason", () => {
    const errors = report.stacks.flatMap((s) =>
      s.findings.filter((f) => f.level === "error" && f.status !== "suppressed").map((f) => `${s.stack} ${f.ruleId} ${f.resource}`),
    );
    expect(errors).toEqual([]);
    const suppressed = report.stacks.flatMap((s) => s.findings.filter((f) => f.status === "suppressed"));
    expect(suppressed.length).toBeGreaterThan(0);
    for (const f of suppressed) expect((f.reason ?? "").length).toBeGreaterThanOrEqual(10);
  });

  test("the findings", () => {
    const lines = report.stacks.flatMap((s) =>
      s.findings.map((f) => `${s.stack} ${f.level} ${f.status} ${f.ruleId} ${f.resource}${f.reason ? ` (${f.reason})` : ""}`),
    );
    expect(lines).toMatchSnapshot();
  });
});
