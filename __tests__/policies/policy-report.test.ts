import { mkdtempSync, readFileSync, readdirSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { App, TerraformStack } from "cdktf";
import { AzurermProvider } from "../../providers/azurerm/provider";
import { KubernetesProvider } from "../../providers/kubernetes/provider";
import { applyPolicyPacks } from "../../policies/apply-policy-packs";
import { FindingStatus } from "../../policies/policy-finding";
import { PolicyEnvironment, PolicyProfile } from "../../policies/policy-profile";
import { PolicyReport, StackPolicyReport, renderPolicyMarkdown, writePolicyReport } from "../../policies/policy-report";
import { PolicyLevel } from "../../policies/policy-rule";
import { PolicySuppressions } from "../../policies/policy-suppressions";
import { deployment, namespace, nodePool, secureCluster } from "./rule-harness";

/**
 * Three stacks: a production cluster with one suppressed and one open finding, a dev workload
 * with a warning, and a stack without policy packs.
 */
function buildFixture(app: App): void {
  const prod = new TerraformStack(app, "prod");
  new AzurermProvider(prod, "azurerm", { features: [{}] });
  applyPolicyPacks(prod, PolicyProfile.production({ name: "small-prod", maxNodesPerPool: 5, maxReplicasPerWorkload: 5 }));
  const cluster = secureCluster(prod, { defaultNodePool: { name: "alwayson", vmSize: "Standard_D4s_v5", zones: ["1", "2", "3"] } });
  PolicySuppressions.addToConstruct(cluster, [{ id: "AzureBaseline-AksSystemPoolIsolated", reason: "seed 004 runs the perimeter on the always-on pool" }]);
  nodePool(prod, { priority: "Spot", autoScalingEnabled: true, minCount: 0, maxCount: 5, spotMaxPrice: -1 });

  const dev = new TerraformStack(app, "dev");
  new KubernetesProvider(dev, "kubernetes", { configPath: "~/.kube/config" });
  applyPolicyPacks(dev, PolicyProfile.development({ name: "dev" }));
  namespace(dev, "platform");
  deployment(dev, { container: { readinessProbe: undefined } });

  new TerraformStack(app, "unchecked");
}

function inTempDir<T>(fn: (outdir: string) => T): T {
  const outdir = mkdtempSync(join(tmpdir(), "policy-report-"));
  try {
    return fn(outdir);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** Synthesizes the fixture (its open error fails synthesis) and writes the report anyway. */
function runFixture(outdir: string): { report: PolicyReport; files: Map<string, string>; error: unknown } {
  const app = new App({ outdir, stackTraces: false });
  buildFixture(app);
  let error: unknown;
  try {
    app.synth();
  } catch (e) {
    error = e;
  }
  const report = writePolicyReport(app);
  const names = ["policy-report.json", ...readdirSync(join(outdir, "policy-report")).sort().map((n) => `policy-report/${n}`)];
  return { report, files: new Map(names.map((n) => [n, readFileSync(join(outdir, n), "utf8")])), error };
}

describe("policy report", () => {
  // The fixture's open production error fails app.synth(); the report is written regardless.
  const { report, files, error } = inTempDir(runFixture);

  test("the open error failed synthesis", () => {
    expect(String(error)).toContain("CostPack-SpotMaxPrice: spot_max_price is -1");
  });

  test("writes policy-report.json and one markdown summary per stack", () => {
    expect([...files.keys()]).toEqual(["policy-report.json", "policy-report/dev.md", "policy-report/prod.md", "policy-report/unchecked.md"]);
    expect(JSON.parse(files.get("policy-report.json") as string)).toEqual(JSON.parse(JSON.stringify(report)));
  });

  test("the JSON report format", () => {
    expect(files.get("policy-report.json")).toMatchSnapshot();
  });

  test("stacks are sorted by name, each with its profile, packs and counts", () => {
    expect(report.schemaVersion).toBe(1);
    expect(report.stacks.map((s) => [s.stack, s.profile?.environment ?? null, s.packs.length])).toEqual([
      ["dev", PolicyEnvironment.DEVELOPMENT, 3],
      ["prod", PolicyEnvironment.PRODUCTION, 3],
      ["unchecked", null, 0],
    ]);
    const prod = report.stacks[1];
    expect(prod.profile).toEqual({ name: "small-prod", environment: "production", maxNodesPerPool: 5, maxReplicasPerWorkload: 5 });
    expect(prod.summary).toMatchObject({ errors: 1, warnings: 0, suppressed: 1 });
    expect(prod.summary.evaluations).toBe(prod.summary.compliant + prod.summary.notApplicable + prod.summary.nonCompliant);
  });

  test("a finding carries rule, resource, level, status and reason", () => {
    const [suppressed, open] = report.stacks[1].findings;
    expect(suppressed).toMatchObject({
      ruleId: "AzureBaseline-AksSystemPoolIsolated",
      resource: "prod/Cluster",
      address: "azurerm_kubernetes_cluster.Cluster",
      level: PolicyLevel.ERROR,
      status: FindingStatus.SUPPRESSED,
      reason: "seed 004 runs the perimeter on the always-on pool",
      suppressedAt: "prod/Cluster",
      checkovIds: ["CKV_AZURE_232"],
    });
    expect(open).toMatchObject({ ruleId: "CostPack-SpotMaxPrice", resource: "prod/Pool", level: PolicyLevel.ERROR, status: FindingStatus.NON_COMPLIANT });
    expect(open.reason).toBeUndefined();
  });

  test("the markdown summary of a stack", () => {
    expect(files.get("policy-report/prod.md")).toMatchSnapshot();
    expect(files.get("policy-report/dev.md")).toContain(
      "| KubernetesWorkloads-ContainerProbes | `dev/Deployment` | warning | non-compliant | containers without probes: app: readiness_probe. " +
        "Fix: leave WorkloadProps.livenessProbe and readinessProbe at their defaults (a TCP check of the port) or give HTTP probes | CKV_K8S_8, CKV_K8S_9 |",
    );
    expect(files.get("policy-report/unchecked.md")).toBe(
      "# Policy report: unchecked\n\nNo policy pack ran on this stack.\n\n0 evaluations: 0 compliant, 0 not applicable, 0 errors, 0 warnings, 0 suppressed.\n\nNo findings.\n",
    );
  });

  test("markdown cells escape pipes and line breaks", () => {
    const stack: StackPolicyReport = {
      ...report.stacks[1],
      findings: [{ ...report.stacks[1].findings[1], message: "a | b\nc" }],
    };
    expect(renderPolicyMarkdown(stack)).toContain("| a \\| b c. Fix: set SpotAutoscalePoolProps.spotMaxPricePerHourUsd");
  });

  test("two runs in different directories write identical files", () => {
    const first = inTempDir((outdir) => runFixture(outdir).files);
    expect(first).toEqual(files);
  });

  test("a stack after the one that failed synthesis is still evaluated", () => {
    const later = inTempDir((outdir) => {
      const app = new App({ outdir, stackTraces: false });
      for (const id of ["a-first", "b-second"]) {
        const stack = new TerraformStack(app, id);
        new AzurermProvider(stack, "azurerm", { features: [{}] });
        applyPolicyPacks(stack, PolicyProfile.production());
        secureCluster(stack, { localAccountDisabled: false });
      }
      expect(() => app.synth()).toThrow(/a-first\/Cluster/);
      return writePolicyReport(app);
    });
    expect(later.stacks.map((s) => [s.stack, s.summary.errors])).toEqual([
      ["a-first", 1],
      ["b-second", 1],
    ]);
  });
});
