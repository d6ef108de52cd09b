import { buildCostReport, formatCostReport, formatTierTable } from "../../cost/cost-report";
import { formatUsd } from "../../cost/format-usd";
import { DEV_TIER } from "../../tiers/dev";
import { SMALL_PROD_TIER } from "../../tiers/small-prod";
import { ComputeCommitment, TierSpec } from "../../tiers/tier-spec";
import { cluster, tf } from "./cost-fixtures";

// small-prod's cluster alone at pay-as-you-go: 420.48 + 59.13 + 73 + 18.25 + 3.65 = 574.51 a
// month; with its always-on pool on the 1-year savings plan small-prod declares,
// 574.51 - 420.48 + 290.1312 = 444.1612.
const COMMITTED: TierSpec = SMALL_PROD_TIER;
const PAY_AS_YOU_GO: TierSpec = {
  ...SMALL_PROD_TIER,
  cluster: { ...SMALL_PROD_TIER.cluster!, alwaysOnPool: { ...SMALL_PROD_TIER.cluster!.alwaysOnPool, commitment: ComputeCommitment.NONE } },
};
const committed = buildCostReport([
  { stack: "small-prod", tier: COMMITTED, json: tf({ azurerm_kubernetes_cluster: { aks: cluster() } }), ceilingMonthlyUsd: 2100, region: "eastus" },
]);
const report = buildCostReport([
  { stack: "dev", tier: DEV_TIER, json: tf({ kubernetes_namespace_v1: { ns: { metadata: { name: "platform" } } } }) },
  { stack: "small-prod", tier: PAY_AS_YOU_GO, json: tf({ azurerm_kubernetes_cluster: { aks: cluster() } }), ceilingMonthlyUsd: 2100, region: "eastus" },
  {
    stack: "small-prod-workloads",
    tier: PAY_AS_YOU_GO,
    json: tf({ kubernetes_service_v1: { lb: { metadata: { name: "lb" }, spec: { type: "LoadBalancer" } } } }),
  },
]);

describe("cost report", () => {
  test("a line per stack with its tier, total and ceiling", () => {
    expect(report.stacks.map((s) => [s.stack, s.tier, Number(s.total.expected.toFixed(2)), s.ceilingMonthlyUsd])).toEqual([
      ["dev", "dev", 0, undefined],
      ["small-prod", "small-prod", 574.51, 2100],
      ["small-prod-workloads", "small-prod", 3.65, undefined],
    ]);
  });

  test("tiers sum their stacks and carry the ceiling and the seed's figure", () => {
    const smallProd = report.tiers.find((t) => t.tier === "small-prod");
    expect(smallProd?.stacks).toEqual(["small-prod", "small-prod-workloads"]);
    expect(smallProd?.total.expected).toBeCloseTo(578.16, 6);
    expect(smallProd?.expectedPayAsYouGoUsd).toBeCloseTo(578.16, 6);
    expect([smallProd?.ceilingMonthlyUsd, smallProd?.seedMonthlyUsd, smallProd?.breach]).toEqual([2100, 2100, undefined]);
  });

  test("a tier's commitment is its expected figure, pay-as-you-go beside it", () => {
    expect(committed.tiers[0].total.expected).toBeCloseTo(444.1612, 6);
    expect(committed.tiers[0].expectedPayAsYouGoUsd).toBeCloseTo(574.51, 6);
    expect(committed.stacks[0].expectedPayAsYouGoUsd).toBeCloseTo(574.51, 6);
  });

  test("the guardrail's ceiling holds the committed figure", () => {
    const tight = buildCostReport([
      { stack: "small-prod", tier: { ...COMMITTED, budget: { ...COMMITTED.budget!, ceilingMonthlyUsd: 500 } }, json: tf({ azurerm_kubernetes_cluster: { aks: cluster() } }) },
    ]);
    expect(tight.tiers[0].breach).toBeUndefined();
  });

  test("a tier over its ceiling carries the guardrail's message", () => {
    const over = buildCostReport([
      { stack: "small-prod", tier: { ...PAY_AS_YOU_GO, budget: { ...PAY_AS_YOU_GO.budget!, ceilingMonthlyUsd: 500 } }, json: tf({ azurerm_kubernetes_cluster: { aks: cluster() } }) },
    ]);
    expect(over.tiers[0].breach).toBe(
      "cost guardrail: tier small-prod is expected to cost $574.51 a month (min $574.51, max $574.51), over its ceiling of $500.00 (tier.budget.ceilingMonthlyUsd); biggest lines: 1. node pool alwayson: 3 x Standard_D4s_v5 (small-prod: azurerm_kubernetes_cluster.aks) $420.48; 2. AKS Standard tier control plane (small-prod: azurerm_kubernetes_cluster.aks) $73.00; 3. node pool alwayson: OS disks (Premium SSD P10, 128 GiB) (small-prod: azurerm_kubernetes_cluster.aks) $59.13",
    );
  });

  test("lists the prices it used, with their sources", () => {
    expect(report.prices.map((p) => p.id)).toEqual([
      "vm/Standard_D4s_v5/payg@East US 2",
      "aks/tier/Standard@East US",
      "disk/premium-ssd/P10@East US",
      "lb/Standard@global",
      "public-ip/Standard@East US",
    ]);
    expect(report.prices.every((p) => p.source !== "" && p.date !== "")).toBe(true);
  });

  test("is plain data: the JSON round-trips", () => {
    expect(JSON.parse(JSON.stringify(report))).toEqual(JSON.parse(JSON.stringify(report)));
    expect(report.hoursPerMonth).toBe(730);
    expect(report.currency).toBe("USD");
  });

  test("the tier table", () => {
    expect(formatTierTable(report)).toBe(
      [
        "tier        expected/month      min      max  pay-as-you-go    ceiling  seed figure",
        "dev                  $0.00    $0.00    $0.00          $0.00          -            -",
        "small-prod         $578.16  $578.16  $578.16        $578.16  $2,100.00   ~$2,100.00",
      ].join("\n"),
    );
  });

  test("the full text names the biggest lines and the warnings", () => {
    const text = formatCostReport(report);
    expect(text).toContain("small-prod: biggest lines\n      $420.48  node pool alwayson: 3 x Standard_D4s_v5  [3 nodes x 730 h x $0.192/h]");
    expect(text).not.toContain("OVER CEILING");
  });
});

describe("formatUsd", () => {
  test("thousands separators and cents, whatever the locale", () => {
    expect([formatUsd(0), formatUsd(3.65), formatUsd(1401.6), formatUsd(22495.344), formatUsd(1234567.006)]).toEqual([
      "$0.00",
      "$3.65",
      "$1,401.60",
      "$22,495.34",
      "$1,234,567.01",
    ]);
  });
});
