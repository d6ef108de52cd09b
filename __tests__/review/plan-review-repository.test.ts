import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import { App } from "cdktf";
import { writePolicyReport } from "../../policies/policy-report";
import { ReviewExitCode, runPlanReviewCli } from "../../review/plan-review-cli";
import { ChangeAction, ChangeOrigin } from "../../review/plan-review-report";
import { SarifLog } from "../../review/render-sarif";
import { reviewPlans } from "../../review/review-plans";
import { PlatformAppOptions, buildPlatform } from "../../stacks/platform-app";
import { platformCostReport } from "../../stacks/platform-cost-report";
import { SMALL_PROD_TIER } from "../../tiers/small-prod";
import { DataLayerKind, ManagedDataLayerSpec } from "../../tiers/tier-spec";

// Head is this repository's reference app as committed; base is the same app with small-prod's
// AI Search at 2 replicas, federation-core at 2 and a $2,200 ceiling (as a target branch might have it). Both are
// synthesized as `npm run synth` does: stacks, policy report and cost report.

const ROOT = resolve(__dirname, "..", "..");

function synthesize(options: PlatformAppOptions): string {
  const outdir = mkdtempSync(join(tmpdir(), "plan-review-repo-"));
  const app = new App({ outdir });
  buildPlatform(app, options);
  try {
    app.synth();
  } finally {
    writePolicyReport(app);
  }
  const report = platformCostReport(app, outdir);
  writeFileSync(join(outdir, "cost-report.json"), JSON.stringify(report));
  return outdir;
}

if (SMALL_PROD_TIER.dataLayer.kind !== DataLayerKind.MANAGED) throw new Error("small-prod's data layer is expected to be managed");
const data: ManagedDataLayerSpec = SMALL_PROD_TIER.dataLayer;
const head = synthesize({ platformName: "omega" });
const base = synthesize({
  platformName: "omega",
  tiers: {
    smallProd: {
      ...SMALL_PROD_TIER,
      services: { ...SMALL_PROD_TIER.services, federationCore: { ...SMALL_PROD_TIER.services.federationCore, replicas: 2 } },
      dataLayer: { ...data, search: { ...data.search!, replicas: 2 } },
      // The second replica ($73.73) takes small-prod over its $2,100 since the sandbox pool came:
      // the base branch carries a ceiling that fits it.
      budget: { ...SMALL_PROD_TIER.budget!, ceilingMonthlyUsd: 2200 },
    },
  },
});
afterAll(() => [head, base].forEach((d) => rmSync(d, { recursive: true, force: true })));

function expectedLine(dir: string, stack: string, address: string): number {
  const report = JSON.parse(readFileSync(join(dir, "cost-report.json"), "utf8")) as { stacks: { stack: string; lines: { address: string; monthlyUsd: { expected: number } }[] }[] };
  return report.stacks.find((s) => s.stack === stack)!.lines.filter((l) => l.address === address).reduce((n, l) => n + l.monthlyUsd.expected, 0);
}

describe("plan review of this repository's synthesized output", () => {
  test("head against itself: eleven stacks in dependency order, no change, nothing blocks", async () => {
    const r = reviewPlans({ synthDir: head, baseDir: head, sourceRoot: ROOT });
    expect(r.stacks.map((s) => s.stack)).toEqual([
      "dev",
      "staging",
      "small-prod",
      "small-prod-workloads",
      "enterprise-global",
      "enterprise-eastus",
      "enterprise-eastus-workloads",
      "enterprise-westeurope",
      "enterprise-westeurope-workloads",
      "enterprise-southeastasia",
      "enterprise-southeastasia-workloads",
    ]);
    expect(r.stacks.every((s) => s.changes.length === 0 && s.numbers.length === 0 && s.policy.length === 0)).toBe(true);
    expect(r.tiers.map((t) => [t.tier, t.stacks.length, t.cost.delta])).toEqual([
      ["dev", 1, 0],
      ["staging", 1, 0],
      ["small-prod", 2, 0],
      ["enterprise", 7, 0],
    ]);
    expect(r.blocked).toBe(false);
    expect(await runPlanReviewCli(["--synth", head, "--base", head, "--source", ROOT], { stdout: () => undefined, stderr: () => undefined, env: {} })).toBe(ReviewExitCode.OK);
  });

  test("head against a base with other replica counts: the numbers as the tier table names them, the cost delta, exit 0", async () => {
    const r = reviewPlans({ synthDir: head, baseDir: base, sourceRoot: ROOT });
    const smallProd = r.stacks.find((s) => s.stack === "small-prod")!;
    const search = smallProd.changes.find((c) => c.resourceType === "azurerm_search_service")!;
    expect([search.action, search.origin, search.attributes.map((a) => `${a.path}: ${a.before} -> ${a.after}`)]).toEqual([
      ChangeAction.UPDATE,
      ChangeOrigin.CONFIGURATION,
      ["replica_count: 2 -> 1"],
    ]);
    const before = expectedLine(base, "small-prod", search.address);
    const after = expectedLine(head, "small-prod", search.address);
    expect(after).toBeCloseTo(before / 2, 6);
    expect(search.monthlyUsd.delta).toBeCloseTo(after - before, 6);
    // federation-core's third replica also moves the stack's derived lines (issue 26): one more pod
    // reading the data layer's 5 secrets every 2 minutes (5 x 21,900 operations at $0.03 / 10,000),
    // and one more container in the Log Analytics derivation.
    const lineDelta = (type: string) => {
      const of = (dir: string) =>
        (JSON.parse(readFileSync(join(dir, "cost-report.json"), "utf8")) as { stacks: { stack: string; lines: { resourceType: string; monthlyUsd: { expected: number } }[] }[] }).stacks
          .find((st) => st.stack === "small-prod")!
          .lines.filter((l) => l.resourceType === type)
          .reduce((n, l) => n + l.monthlyUsd.expected, 0);
      return of(head) - of(base);
    };
    const keyVault = lineDelta("azurerm_key_vault");
    const logAnalytics = lineDelta("azurerm_log_analytics_workspace");
    expect(keyVault).toBeCloseTo(((5 * 21_900) / 10_000) * 0.03, 6);
    expect(logAnalytics).toBeGreaterThan(0);
    expect(smallProd.cost.delta).toBeCloseTo(after - before + keyVault + logAnalytics, 6);
    expect(r.tiers.find((t) => t.tier === "small-prod")!.cost.delta).toBeCloseTo(after - before + keyVault + logAnalytics, 6);
    expect(smallProd.numbers.map((n) => [n.label, n.before, n.after])).toEqual([
      ["budget ceiling (USD/month)", "2200", "2100"],
      ["AI Search replicas", "2", "1"],
    ]);
    const workloads = r.stacks.find((s) => s.stack === "small-prod-workloads")!;
    expect(workloads.numbers.map((n) => [n.label, n.before, n.after])).toEqual([["federation-core replicas", "2", "3"]]);
    // Only small-prod's two stacks change.
    expect(r.stacks.filter((s) => s.changes.length > 0).map((s) => s.stack)).toEqual(["small-prod", "small-prod-workloads"]);
    expect(r.blocked).toBe(false);

    let sarifText = "";
    const code = await runPlanReviewCli(["--synth", head, "--base", base, "--source", ROOT, "--format", "sarif"], { stdout: (t) => (sarifText += t), stderr: () => undefined, env: {} });
    expect(code).toBe(ReviewExitCode.OK);
    // Nothing is replaced, deleted or newly found: no result, the rules list is empty too.
    expect((JSON.parse(sarifText) as SarifLog).runs[0].results).toEqual([]);
  });

  test("each changed resource is located at the line of the repository that creates it", () => {
    const r = reviewPlans({ synthDir: head, baseDir: base, sourceRoot: ROOT });
    const changes = r.stacks.flatMap((s) => s.changes);
    expect(changes.length).toBeGreaterThan(0);
    for (const change of changes) {
      const location = change.source!.location;
      const line = readFileSync(join(ROOT, location.file), "utf8").split("\n")[location.line - 1];
      // The line instantiates a construct of the path (the resource's own, or the nearest one the sources name).
      expect(change.constructPath!.split("/")).toContain(location.id);
      expect(line).toContain(`new ${location.className}(`);
      expect(line).toContain(`"${location.id}"`);
    }
    const search = changes.find((c) => c.resourceType === "azurerm_search_service")!;
    expect(search.source!.chain.map((l) => `${l.file} ${l.className} ${l.id}`)).toEqual([
      "stacks/aks-platform-stack.ts ManagedDataLayer Data",
      "constructs/managed-data-layer.ts PlatformSearchService Search",
      "constructs/platform-search-service.ts SearchService Resource",
    ]);
  });

  test("a plan Terraform 1.11.4 wrote with the real kubernetes provider (dev, trimmed to its namespaces and Secret) is read as Terraform wrote it", () => {
    // `terraform plan -out` + `terraform show -json` of the dev stack against an unreachable
    // kubeconfig (creates need no API call), resource lists trimmed to five entries.
    const file = join(__dirname, "fixtures", "terraform-1.11.4-dev-namespaces.json");
    const plan = JSON.parse(readFileSync(file, "utf8")) as { format_version: string; terraform_version: string };
    expect([plan.format_version, plan.terraform_version]).toEqual(["1.2", "1.11.4"]);
    const review = reviewPlans({ synthDir: head, sourceRoot: ROOT, plans: [{ stack: "dev", file }] });
    const dev = review.stacks.find((s) => s.stack === "dev")!;
    expect(dev.origin).toBe(ChangeOrigin.PLAN);
    expect(dev.counts).toEqual({ create: 5, update: 0, replace: 0, delete: 0, forget: 0, noise: 0 });
    expect(dev.changes.map((c) => [c.address.split(".")[0], c.action, c.constructPath])).toEqual([
      ["kubernetes_namespace_v1", ChangeAction.CREATE, "dev/Namespaces/agents"],
      ["kubernetes_namespace_v1", ChangeAction.CREATE, "dev/Namespaces/languages"],
      ["kubernetes_namespace_v1", ChangeAction.CREATE, "dev/Namespaces/observability"],
      ["kubernetes_namespace_v1", ChangeAction.CREATE, "dev/Namespaces/platform"],
      ["kubernetes_secret_v1", ChangeAction.CREATE, "dev/Data/Secret"],
    ]);
    expect(review.blockers).toEqual([]);
  });
});
