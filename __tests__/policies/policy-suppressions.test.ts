import { TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import { applyPolicyPacks } from "../../policies/apply-policy-packs";
import { PolicyProfile } from "../../policies/policy-profile";
import { policyReport } from "../../policies/policy-report";
import { PolicySuppression, PolicySuppressions } from "../../policies/policy-suppressions";
import { testStack } from "../helpers";
import { secureCluster } from "./rule-harness";
import { AZURE_BASELINE_RULES } from "../../policies/rule-catalog";

const SEED_004_REASON = "seed 004 runs the perimeter on the always-on default pool";

function errors(stack: TerraformStack): string[] {
  return stack.node
    .findAll()
    .flatMap((n) => n.node.metadata)
    .filter((m) => m.type === "@cdktf/error")
    .map((m) => String(m.data));
}

/** A production stack whose cluster shares its system pool with applications and has Azure Policy off. */
function clusterStack() {
  const { app, stack } = testStack();
  applyPolicyPacks(stack, PolicyProfile.production());
  const cluster = secureCluster(stack, {
    azurePolicyEnabled: false,
    defaultNodePool: { name: "alwayson", vmSize: "Standard_D4s_v5", zones: ["1", "2", "3"] },
  });
  return { app, stack, cluster };
}

describe("policy suppressions", () => {
  test("fails without a reason", () => {
    const { cluster } = clusterStack();
    const suppression = { id: "AzureBaseline-AksSystemPoolIsolated" } as PolicySuppression;
    expect(() => PolicySuppressions.addToConstruct(cluster, [suppression])).toThrow(
      "test/Cluster: invalid suppressions[0].reason undefined: expected a reason of at least 10 characters saying why AzureBaseline-AksSystemPoolIsolated does not apply",
    );
  });

  test("fails with a reason shorter than 10 characters", () => {
    const { stack } = clusterStack();
    expect(() => PolicySuppressions.addToStack(stack, [{ id: "AzureBaseline-AksSystemPoolIsolated", reason: "seed 004" }])).toThrow(
      'test: invalid suppressions[0].reason "seed 004": expected a reason of at least 10 characters saying why AzureBaseline-AksSystemPoolIsolated does not apply',
    );
  });

  test("fails with a reason that is short once trimmed", () => {
    const { cluster } = clusterStack();
    const suppressions = [
      { id: "AzureBaseline-AksAzurePolicyAddon", reason: "a reason long enough" },
      { id: "AzureBaseline-AksSystemPoolIsolated", reason: "    too short    " },
    ];
    expect(() => PolicySuppressions.addToConstruct(cluster, suppressions)).toThrow(
      'test/Cluster: invalid suppressions[1].reason "    too short    ": expected a reason of at least 10 characters saying why AzureBaseline-AksSystemPoolIsolated does not apply',
    );
  });

  test("fails for an id that names no rule", () => {
    const { cluster } = clusterStack();
    expect(() => PolicySuppressions.addToConstruct(cluster, [{ id: "AzureBaseline-AksSystemPool", reason: SEED_004_REASON }])).toThrow(
      'test/Cluster: invalid suppressions[0].id "AzureBaseline-AksSystemPool": expected one of the AzureBaseline pack\'s rules (it has no rule "AksSystemPool"): ' +
        AZURE_BASELINE_RULES.map((r) => r.name).join(", "),
    );
  });

  test("fails for an id that is not of the form <Pack>-<Rule>", () => {
    const { cluster } = clusterStack();
    expect(() => PolicySuppressions.addToConstruct(cluster, [{ id: "aks system pool", reason: SEED_004_REASON }])).toThrow(
      'test/Cluster: invalid suppressions[0].id "aks system pool": expected a policy rule id <Pack>-<Rule>, such as "AzureBaseline-AksSystemPoolIsolated"',
    );
  });

  test("accepts the id of a rule from a pack of one's own", () => {
    const { cluster } = clusterStack();
    expect(() => PolicySuppressions.addToConstruct(cluster, [{ id: "TeamPack-NoPublicIp", reason: "the ingress controller needs one" }])).not.toThrow();
  });

  test("a rejected list adds none of its suppressions", () => {
    const { stack, cluster } = clusterStack();
    expect(() =>
      PolicySuppressions.addToConstruct(cluster, [
        { id: "AzureBaseline-AksSystemPoolIsolated", reason: SEED_004_REASON },
        { id: "AzureBaseline-AksAzurePolicyAddon", reason: "short" },
      ]),
    ).toThrow();
    Testing.synth(stack);
    expect(errors(stack)).toHaveLength(2);
  });

  describe("a suppressed finding", () => {
    const { app, stack, cluster } = clusterStack();
    PolicySuppressions.addToConstruct(cluster, [{ id: "AzureBaseline-AksSystemPoolIsolated", reason: `  ${SEED_004_REASON}  ` }]);
    Testing.synth(stack);
    const report = policyReport(app).stacks[0];

    test("is not an annotation, so it does not fail synthesis", () => {
      expect(errors(stack)).toEqual([expect.stringMatching(/^AzureBaseline-AksAzurePolicyAddon: /)]);
    });

    test("appears in the report with its reason and where it was suppressed", () => {
      expect(report.findings.map((f) => [f.ruleId, f.status, f.reason, f.suppressedAt])).toEqual([
        ["AzureBaseline-AksAzurePolicyAddon", "non-compliant", undefined, undefined],
        ["AzureBaseline-AksSystemPoolIsolated", "suppressed", SEED_004_REASON, "test/Cluster"],
      ]);
      expect(report.summary).toMatchObject({ errors: 1, warnings: 0, suppressed: 1 });
    });
  });

  test("a stack suppression covers every resource of the stack", () => {
    const { app, stack } = clusterStack();
    PolicySuppressions.addToStack(stack, [
      { id: "AzureBaseline-AksSystemPoolIsolated", reason: SEED_004_REASON },
      { id: "AzureBaseline-AksAzurePolicyAddon", reason: "Gatekeeper runs as a Helm release in this stack" },
    ]);
    Testing.synth(stack);
    expect(errors(stack)).toEqual([]);
    expect(policyReport(app).stacks[0].findings.map((f) => [f.status, f.suppressedAt])).toEqual([
      ["suppressed", "test"],
      ["suppressed", "test"],
    ]);
  });

  test("a construct suppression covers its children, not its siblings, and the nearest one wins", () => {
    const { stack } = testStack();
    applyPolicyPacks(stack, PolicyProfile.production());
    const team = new Construct(stack, "Team");
    const inner = new Construct(team, "Inner");
    secureCluster(inner as unknown as TerraformStack, { azurePolicyEnabled: false });
    const sibling = new Construct(stack, "Sibling");
    secureCluster(sibling as unknown as TerraformStack, { azurePolicyEnabled: false });
    PolicySuppressions.addToConstruct(team, [{ id: "AzureBaseline-AksAzurePolicyAddon", reason: "the team scope accepts it" }]);
    PolicySuppressions.addToConstruct(inner, [{ id: "AzureBaseline-AksAzurePolicyAddon", reason: "the inner scope accepts it" }]);
    Testing.synth(stack);
    expect(errors(stack)).toEqual([expect.stringMatching(/^AzureBaseline-AksAzurePolicyAddon: /)]);
    expect(stack.node.findChild("Sibling").node.findChild("Cluster").node.metadata.map((m) => m.type)).toContain("@cdktf/error");
    const finding = policyReport(stack.node.scope as Construct).stacks[0].findings.find((f) => f.resource === "test/Team/Inner/Cluster");
    expect(finding?.reason).toBe("the inner scope accepts it");
  });
});

describe("a suppression that suppresses nothing", () => {
  function warnings(stack: TerraformStack): string[] {
    return stack.node
      .findAll()
      .flatMap((n) => n.node.metadata)
      .filter((m) => m.type === "@cdktf/warn")
      .map((m) => String(m.data));
  }

  test("warns, naming the construct path and the rule, where no resource under it is of a type the rule reads", () => {
    const { stack, cluster } = clusterStack();
    // SpotMaxPrice reads node pools; the cluster resource has none under it.
    PolicySuppressions.addToConstruct(cluster, [{ id: "CostPack-SpotMaxPrice", reason: "the spot pool pays up to on-demand" }]);
    Testing.synth(stack);
    expect(warnings(stack)).toContain(
      "CostPack-SpotMaxPrice: the suppression on test/Cluster suppresses nothing: no resource under it is of a type the rule reads (azurerm_kubernetes_cluster_node_pool)",
    );
  });

  test("warns where the rule does not run in the profile's environment", () => {
    const { stack } = testStack();
    applyPolicyPacks(stack, PolicyProfile.staging());
    const cluster = secureCluster(stack);
    PolicySuppressions.addToConstruct(cluster, [{ id: "AzureBaseline-AksStandardTier", reason: "staging runs on the free tier" }]);
    Testing.synth(stack);
    expect(warnings(stack)).toContain("AzureBaseline-AksStandardTier: the suppression on test/Cluster suppresses nothing: the rule does not run in the staging environment");
  });

  test("says nothing about a suppression that covers a resource the rule reads", () => {
    const { stack, cluster } = clusterStack();
    PolicySuppressions.addToConstruct(cluster, [{ id: "AzureBaseline-AksSystemPoolIsolated", reason: SEED_004_REASON }]);
    Testing.synth(stack);
    expect(warnings(stack).filter((w) => w.includes("suppresses nothing"))).toEqual([]);
  });

  test("says nothing about another pack's suppression", () => {
    const { stack, cluster } = clusterStack();
    PolicySuppressions.addToConstruct(cluster, [{ id: "TeamPack-NoPublicIp", reason: "the ingress controller needs one" }]);
    Testing.synth(stack);
    expect(warnings(stack).filter((w) => w.includes("suppresses nothing"))).toEqual([]);
  });
});
