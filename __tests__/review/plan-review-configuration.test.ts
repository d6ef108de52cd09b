import { rmSync } from "fs";
import { ReviewExitCode, runPlanReviewCli } from "../../review/plan-review-cli";
import { BlockerKind, ChangeAction, ChangeOrigin, PolicyDeltaKind } from "../../review/plan-review-report";
import { formatUsd } from "../../cost/format-usd";
import { reviewPlans } from "../../review/review-plans";
import { writeSourceDir, writeSynthDir } from "./review-fixtures";

// Without plans (a fork, no cloud credentials): head's synthesized output against base's.

const dirs: string[] = [];
function track(dir: string): string {
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const source = track(writeSourceDir());
const base = track(writeSynthDir());

async function exitCode(args: readonly string[]): Promise<number> {
  return runPlanReviewCli(args, { stdout: () => undefined, stderr: () => undefined, env: {} });
}

describe("plan review without plans: synthesized head against base", () => {
  test("the same output on both sides: no change, exit 0", async () => {
    const r = reviewPlans({ synthDir: base, baseDir: base, sourceRoot: source });
    expect(r.stacks.map((s) => [s.stack, s.origin, s.changes.length, s.cost.delta])).toEqual([
      ["small-prod", ChangeOrigin.CONFIGURATION, 0, 0],
      ["small-prod-workloads", ChangeOrigin.CONFIGURATION, 0, 0],
    ]);
    expect(await exitCode(["--synth", base, "--base", base, "--source", source])).toBe(ReviewExitCode.OK);
  });

  test("a replica change in the workloads stack is an update with its tier-table number", () => {
    const head = track(writeSynthDir({ federationReplicas: "4" }));
    const stack = reviewPlans({ synthDir: head, baseDir: base, sourceRoot: source }).stacks.find((s) => s.stack === "small-prod-workloads")!;
    expect(stack.changes.map((c) => [c.action, c.address, c.attributes.map((a) => `${a.path}: ${a.before} -> ${a.after}`)])).toEqual([
      [ChangeAction.UPDATE, "kubernetes_deployment_v1.federation", ['spec.replicas: "3" -> "4"']],
    ]);
    expect(stack.numbers.map((n) => [n.label, n.before, n.after])).toEqual([["federation-core replicas", "3", "4"]]);
  });

  test("a change to an attribute that forces a new cluster is a predicted replace that blocks, and the workloads stack's provider is unknown until small-prod applies", async () => {
    const head = track(writeSynthDir({ clusterDnsPrefix: "omega-aks-sp" }));
    const r = reviewPlans({ synthDir: head, baseDir: base, sourceRoot: source });
    const cluster = r.stacks[0].changes.find((c) => c.address === "azurerm_kubernetes_cluster.cluster")!;
    expect([cluster.action, cluster.replacePaths, cluster.reasons]).toEqual([
      ChangeAction.REPLACE,
      ["dns_prefix"],
      ["predicted from the configuration and the provider's forcing attributes: a plan is authoritative"],
    ]);
    expect(r.blockers.map((b) => [b.kind, b.address])).toEqual([[BlockerKind.DATA_LOSS, "azurerm_kubernetes_cluster.cluster"]]);
    expect(r.stacks[1].unknowns).toEqual([
      {
        stack: "small-prod-workloads",
        consumer: "provider.kubernetes",
        attribute: "host",
        upstreamStack: "small-prod",
        output: "cross-stack-output-host",
        because: "azurerm_kubernetes_cluster.cluster is replaced in small-prod",
      },
    ]);
    expect(await exitCode(["--synth", head, "--base", base, "--source", source])).toBe(ReviewExitCode.BLOCKED);
  });

  test("a removed data-holding resource blocks as a delete", () => {
    const head = track(writeSynthDir({ withStorage: false }));
    const r = reviewPlans({ synthDir: head, baseDir: base, sourceRoot: source });
    expect(r.blockers.map((b) => b.message)).toEqual([
      'small-prod: azurerm_storage_account.storage is deleted, losing every blob, file share, queue and table of the storage account; acknowledge it in the acknowledgement file (stack "small-prod", address "azurerm_storage_account.storage", action "delete", reason) or change the code',
    ]);
  });

  test("a new unsuppressed policy error blocks; the same error already in base does not", () => {
    const head = track(writeSynthDir({ newPolicyError: true }));
    const r = reviewPlans({ synthDir: head, baseDir: base, sourceRoot: source });
    expect(r.stacks[0].policy.map((p) => [p.kind, p.ruleId, p.resource])).toEqual([[PolicyDeltaKind.NEW, "AzureBaseline-SearchPublicNetworkDisabled", "small-prod/Data/Search/Resource"]]);
    expect(r.blockers.map((b) => [b.kind, b.ruleId])).toEqual([[BlockerKind.POLICY_ERROR, "AzureBaseline-SearchPublicNetworkDisabled"]]);
    const again = reviewPlans({ synthDir: head, baseDir: head, sourceRoot: source });
    expect([again.blocked, again.stacks[0].openPolicyErrors]).toEqual([false, 1]);
  });

  test("a stack over its ceiling names the change that moved it, largest first, with the tier line that changed and the tier property that sets the ceiling", () => {
    // 30 replicas of Basic search put small-prod over its $2,100 budget; the tier file says so.
    const head = track(writeSynthDir({ searchReplicas: 30 }));
    const headSource = track(writeSourceDir({ searchReplicas: 30 }));
    const r = reviewPlans({ synthDir: head, baseDir: base, sourceRoot: headSource, baseSourceRoot: source });
    const over = r.blockers.filter((b) => b.kind === BlockerKind.OVER_CEILING);
    expect(over.map((b) => [b.stack, b.tier])).toEqual([
      ["small-prod", "small-prod"],
      [undefined, "small-prod"],
    ]);
    const stack = r.stacks[0];
    const search = stack.cost.movedBy![0];
    expect([search.address, search.numbers, search.sourceLines]).toEqual([
      "azurerm_search_service.search",
      ["AI Search replicas 1 -> 30"],
      [{ file: "tiers/small-prod.ts", line: 3, text: 'search: { sku: "basic", replicas: 30 },' }],
    ]);
    expect(stack.cost.movedBy!.map((d) => d.address)).toEqual(["azurerm_search_service.search"]);
    expect(stack.cost.ceilingSource).toEqual({ property: "budget.ceilingMonthlyUsd", location: { file: "tiers/small-prod.ts", line: 6, text: "ceilingMonthlyUsd: 2_100," } });
    const usd = (n: number) => formatUsd(n);
    expect(over[0].message).toBe(
      `stack small-prod: expected ${usd(stack.cost.after!)}/month is over its ceiling $2,100.00 (budget.ceilingMonthlyUsd, tiers/small-prod.ts:6); ` +
        `base ${usd(stack.cost.before!)}; moved by: +${usd(search.delta)} azurerm_search_service.search (AI Search replicas 1 -> 30) from tiers/small-prod.ts:3`,
    );
    expect(search.delta).toBeCloseTo(search.after - search.before, 6);
    expect(search.delta).toBeGreaterThan(stack.cost.after! - 2100);
  });

  test("over the ceiling without --base, the review says it cannot name what moved the total", () => {
    const head = track(writeSynthDir({ searchReplicas: 30 }));
    const r = reviewPlans({ synthDir: head, sourceRoot: source });
    const over = r.blockers.find((b) => b.kind === BlockerKind.OVER_CEILING && b.stack === "small-prod")!;
    expect(over.message).toContain("over its ceiling $2,100.00 (budget.ceilingMonthlyUsd, tiers/small-prod.ts:6); no --base, so the changes that moved it cannot be named (cost guardrail: stack small-prod");
    expect(r.stacks[0].cost.movedBy).toBeUndefined();
  });

  test("without cost reports, costs come from the estimator on both sides and the report says so", () => {
    const head = track(writeSynthDir({ searchReplicas: 3 }, { costReport: false }));
    const r = reviewPlans({ synthDir: head, baseDir: base, sourceRoot: source });
    expect(r.notes).toEqual([
      `no cost-report.json in ${head}: costs are the estimator's with its default usage assumptions on both sides (no tier assumptions, spot pools at their minimum); for the tier-aware costs, write cost-report.json beside the stacks after app.synth(): writePlatformCostReport(app, outdir) in an app built with buildPlatform, or buildCostReport's result for stacks of your own tiers`,
    ]);
    const search = r.stacks[0].changes.find((c) => c.address === "azurerm_search_service.search")!;
    expect(search.monthlyUsd.after).toBeCloseTo(3 * search.monthlyUsd.before!, 6);
  });
});
