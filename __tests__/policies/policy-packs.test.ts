import { mkdtempSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { App, Aspects, TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import { AzurermProvider } from "../../providers/azurerm/provider";
import { applyPolicyPacks } from "../../policies/apply-policy-packs";
import { AzureBaseline } from "../../policies/azure-baseline";
import { PolicyPack } from "../../policies/policy-pack";
import { FindingStatus } from "../../policies/policy-finding";
import { PolicyEnvironment, PolicyProfile } from "../../policies/policy-profile";
import { policyReport } from "../../policies/policy-report";
import { PolicyLevel, PolicyRule, compliant, nonCompliant } from "../../policies/policy-rule";
import { PolicySuppressions } from "../../policies/policy-suppressions";
import { POLICY_RULE_IDS, RULES_BY_PACK } from "../../policies/rule-catalog";
import { StackPolicyResults } from "../../policies/stack-policy-results";
import { DEV_TIER } from "../../tiers/dev";
import { ENTERPRISE_TIER } from "../../tiers/enterprise";
import { SMALL_PROD_TIER } from "../../tiers/small-prod";
import { STAGING_TIER } from "../../tiers/staging";
import { testStack } from "../helpers";
import { deployment, secureCluster } from "./rule-harness";

/** Annotations a synthesis left on a stack's constructs, as `<level> <message>` lines. */
function annotations(stack: TerraformStack): string[] {
  return stack.node
    .findAll()
    .flatMap((n) => n.node.metadata)
    .filter((m) => m.type === "@cdktf/error" || m.type === "@cdktf/warn")
    .map((m) => `${m.type === "@cdktf/error" ? "error" : "warning"} ${String(m.data)}`);
}

function findingsOf(stack: TerraformStack) {
  return (StackPolicyResults.find(stack)?.findings ?? []).map((f) => `${f.level} ${f.status} ${f.ruleId} ${f.resource}`);
}

describe("policy packs", () => {
  describe("applyPolicyPacks", () => {
    test("adds the three packs to the stack as aspects", () => {
      const { stack } = testStack();
      const packs = applyPolicyPacks(stack, PolicyProfile.production());
      expect(packs.map((p) => p.name)).toEqual(["AzureBaseline", "KubernetesWorkloads", "CostPack"]);
      expect(Aspects.of(stack).all).toEqual(expect.arrayContaining([...packs]));
    });

    test("sees resources added after it was called", () => {
      const { stack } = testStack();
      applyPolicyPacks(stack, PolicyProfile.production());
      secureCluster(stack, { localAccountDisabled: false });
      Testing.synth(stack);
      expect(findingsOf(stack)).toEqual(["error non-compliant AzureBaseline-AksLocalAccountsDisabled test/Cluster"]);
    });

    test("fails when applied twice to a stack", () => {
      const { stack } = testStack();
      applyPolicyPacks(stack, PolicyProfile.production());
      expect(() => applyPolicyPacks(stack, PolicyProfile.production())).toThrow(
        'test: invalid policyPacks ["AzureBaseline","KubernetesWorkloads","CostPack"]: expected the policy packs to be applied once per stack',
      );
    });

    test("fails for a node cap that is not a positive integer", () => {
      const { stack } = testStack();
      expect(() => applyPolicyPacks(stack, PolicyProfile.production({ maxNodesPerPool: 0 }))).toThrow(
        "test: invalid policyProfile.maxNodesPerPool 0: expected an integer from 1 to 1000",
      );
    });

    test("fails for a replica cap that is not a positive integer", () => {
      const { stack } = testStack();
      expect(() => applyPolicyPacks(stack, PolicyProfile.production({ maxReplicasPerWorkload: 2.5 }))).toThrow(
        "test: invalid policyProfile.maxReplicasPerWorkload 2.5: expected an integer from 1 to 10000",
      );
    });
  });

  describe("levels and annotations", () => {
    test("a production error is an error annotation naming rule, problem and Checkov id", () => {
      const { stack } = testStack();
      applyPolicyPacks(stack, PolicyProfile.production());
      secureCluster(stack, { localAccountDisabled: false });
      Testing.synth(stack);
      expect(annotations(stack)).toEqual([
        "error AzureBaseline-AksLocalAccountsDisabled: local_account_disabled is false, expected true. " +
          "Fix: use AlwaysOnCluster, which always disables local accounts. " +
          "Why: Local accounts hand out static cluster-admin credentials that bypass Entra ID and cannot be traced to a person (Checkov CKV_AZURE_141)",
      ]);
    });

    test("an error fails synthesis of the app", () => {
      const outdir = mkdtempSync(join(tmpdir(), "policy-packs-"));
      try {
        const app = new App({ outdir, stackTraces: false });
        const stack = new TerraformStack(app, "prod");
        new AzurermProvider(stack, "azurerm", { features: [{}] });
        applyPolicyPacks(stack, PolicyProfile.production());
        secureCluster(stack, { azurePolicyEnabled: false });
        expect(() => app.synth()).toThrow(/\[prod\/Cluster\] AzureBaseline-AksAzurePolicyAddon: azure_policy_enabled is false, expected true/);
      } finally {
        rmSync(outdir, { recursive: true, force: true });
      }
    });

    test("the same rule is a warning in staging, and synthesis goes on", () => {
      const outdir = mkdtempSync(join(tmpdir(), "policy-packs-"));
      try {
        const app = new App({ outdir, stackTraces: false });
        const stack = new TerraformStack(app, "staging");
        new AzurermProvider(stack, "azurerm", { features: [{}] });
        applyPolicyPacks(stack, PolicyProfile.staging());
        secureCluster(stack, { azurePolicyEnabled: false });
        expect(() => app.synth()).not.toThrow();
        expect(findingsOf(stack)).toEqual(["warning non-compliant AzureBaseline-AksAzurePolicyAddon staging/Cluster"]);
        expect(annotations(stack)).toEqual([expect.stringMatching(/^warning AzureBaseline-AksAzurePolicyAddon: /)]);
      } finally {
        rmSync(outdir, { recursive: true, force: true });
      }
    });

    test("development skips the rules a laptop is not held to", () => {
      const { stack } = testStack();
      applyPolicyPacks(stack, PolicyProfile.development());
      // Free tier, no Defender, one zone, token mounted: production rules, none of them run in dev.
      secureCluster(stack, {
        skuTier: "Free",
        microsoftDefender: undefined,
        defaultNodePool: { name: "system", vmSize: "Standard_D4s_v5", zones: ["1"], onlyCriticalAddonsEnabled: true },
      });
      deployment(stack, { pod: { automountServiceAccountToken: true } });
      Testing.synth(stack);
      expect(findingsOf(stack)).toEqual([]);
    });

    test("development still fails on a floating image", () => {
      const { stack } = testStack();
      applyPolicyPacks(stack, PolicyProfile.development());
      deployment(stack, { container: { image: "omega/app:latest" } });
      Testing.synth(stack);
      expect(findingsOf(stack)).toEqual(["error non-compliant KubernetesWorkloads-ImagePinned test/Deployment"]);
    });

    test("a resource is evaluated once however often the stack is synthesized", () => {
      const { stack } = testStack();
      applyPolicyPacks(stack, PolicyProfile.production());
      secureCluster(stack, { localAccountDisabled: false });
      Testing.synth(stack);
      const counts = StackPolicyResults.find(stack)?.evaluationCounts;
      Testing.synth(stack);
      expect(StackPolicyResults.find(stack)?.evaluationCounts).toEqual(counts);
      expect(annotations(stack)).toHaveLength(1);
    });

    test("a pack added by hand to a construct covers that construct only", () => {
      const { app, stack } = testStack();
      const scope = new Construct(stack, "Scope");
      Aspects.of(scope).add(new AzureBaseline(PolicyProfile.production()));
      secureCluster(stack, { localAccountDisabled: false });
      new (class extends Construct {
        constructor() {
          super(scope, "Inner");
          secureCluster(this as unknown as TerraformStack, { azurePolicyEnabled: false });
        }
      })();
      Testing.synth(stack);
      expect(findingsOf(stack)).toEqual(["error non-compliant AzureBaseline-AksAzurePolicyAddon test/Scope/Inner/Cluster"]);
      expect(policyReport(app).stacks[0].packs).toEqual(["AzureBaseline"]);
    });
  });

  describe("a pack of one's own", () => {
    const clusterNamed: PolicyRule = {
      name: "ClusterNamed",
      description: "Cluster names start with omega- so cost reports can find them",
      resourceTypes: ["azurerm_kubernetes_cluster"],
      checkovIds: [],
      levels: { [PolicyEnvironment.PRODUCTION]: PolicyLevel.WARNING },
      evaluate: (resource) => (String(resource.config.name).startsWith("omega-") ? compliant() : nonCompliant(`name is ${JSON.stringify(resource.config.name)}`)),
    };
    class NamingPack extends PolicyPack {
      constructor(profile: PolicyProfile) {
        super("NamingPack", [clusterNamed], profile);
      }
    }

    test("runs beside the built-in packs, and its rules can be suppressed", () => {
      const { app, stack } = testStack();
      applyPolicyPacks(stack, PolicyProfile.production());
      Aspects.of(stack).add(new NamingPack(PolicyProfile.production()));
      secureCluster(stack);
      const other = new Construct(stack, "Legacy");
      secureCluster(other as unknown as TerraformStack);
      PolicySuppressions.addToConstruct(other, [{ id: "NamingPack-ClusterNamed", reason: "imported before the naming convention" }]);
      Testing.synth(stack);
      expect(findingsOf(stack)).toEqual([
        "warning non-compliant NamingPack-ClusterNamed test/Cluster",
        "warning suppressed NamingPack-ClusterNamed test/Legacy/Cluster",
      ]);
      expect(policyReport(app).stacks[0].packs).toEqual(["AzureBaseline", "KubernetesWorkloads", "CostPack", "NamingPack"]);
    });
  });

  describe("profiles", () => {
    test("each tier maps to its environment and caps", () => {
      const profiles = [DEV_TIER, STAGING_TIER, SMALL_PROD_TIER, ENTERPRISE_TIER].map((tier) => PolicyProfile.forTier(tier));
      expect(profiles.map((p) => [p.name, p.environment, p.maxNodesPerPool, p.maxReplicasPerWorkload])).toEqual([
        ["dev", PolicyEnvironment.DEVELOPMENT, undefined, 1],
        ["staging", PolicyEnvironment.STAGING, undefined, 2],
        // small-prod: spot pool 0..5, 3 always-on nodes; federation-core and context-server 3, teams up to 5.
        ["small-prod", PolicyEnvironment.PRODUCTION, 5, 5],
        // enterprise: spot pool 0..50 per region; agent teams up to 50.
        ["enterprise", PolicyEnvironment.PRODUCTION, 50, 50],
      ]);
    });

    test("named profiles default their name to the environment", () => {
      expect(PolicyProfile.staging().name).toBe("staging");
      expect(PolicyProfile.production({ name: "prod-eu" }).name).toBe("prod-eu");
    });
  });

  describe("the rule catalog", () => {
    const rules = Object.entries(RULES_BY_PACK).flatMap(([pack, list]) => list.map((rule) => ({ pack, rule })));

    test("rule ids are unique and suppressions know every one of them", () => {
      expect(new Set(POLICY_RULE_IDS).size).toBe(rules.length);
      expect(rules.map(({ pack, rule }) => `${pack}-${rule.name}`)).toEqual(POLICY_RULE_IDS);
    });

    test("every rule runs in production, says why it exists and names its resource types", () => {
      for (const { rule } of rules) {
        expect([rule.name, rule.levels[PolicyEnvironment.PRODUCTION]]).toEqual([rule.name, expect.stringMatching(/^(error|warning)$/)]);
        expect([rule.name, rule.description.length > 20, rule.resourceTypes.length > 0]).toEqual([rule.name, true, true]);
      }
    });

    test("development runs fewer rules than production", () => {
      const inDev = rules.filter(({ rule }) => rule.levels[PolicyEnvironment.DEVELOPMENT] !== undefined).length;
      expect(inDev).toBeLessThan(rules.length);
      expect(rules.filter(({ rule }) => rule.levels[PolicyEnvironment.DEVELOPMENT] === PolicyLevel.ERROR).map(({ rule }) => rule.name)).toEqual([
        "NoPrivilegeEscalation",
        "ImagePinned",
        "NoHostNamespaces",
      ]);
    });

    test("Checkov ids are well formed", () => {
      for (const { rule } of rules) for (const id of rule.checkovIds) expect(id).toMatch(/^CKV2?_(AZURE|K8S)_\d+$/);
    });
  });

  test("a finding keeps its status in the results", () => {
    const { stack } = testStack();
    applyPolicyPacks(stack, PolicyProfile.production());
    deployment(stack, { replicas: "3" });
    Testing.synth(stack);
    const [finding] = StackPolicyResults.find(stack)?.findings ?? [];
    expect(finding).toEqual({
      ruleId: "KubernetesWorkloads-PodDisruptionBudget",
      pack: "KubernetesWorkloads",
      rule: "PodDisruptionBudget",
      level: PolicyLevel.ERROR,
      status: FindingStatus.NON_COMPLIANT,
      resource: "test/Deployment",
      resourceType: "kubernetes_deployment_v1",
      address: "kubernetes_deployment_v1.Deployment",
      message: '3 replicas in namespace "platform" and no PodDisruptionBudget selects their pods',
      description: "Without a PodDisruptionBudget a node upgrade may drain every replica of a service at once",
      fix: "leave WorkloadProps.podDisruptionBudget at its default (on from 2 replicas) or set it to true",
      checkovIds: [],
      reason: undefined,
      suppressedAt: undefined,
    });
  });
});
