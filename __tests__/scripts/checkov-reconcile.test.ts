import { FindingStatus } from "../../policies/policy-finding";
import { PolicyReport } from "../../policies/policy-report";
import { CheckovSkip, checkSkipList, failureAddress, reconcile, unusedSkips } from "../../scripts/terraform/checkov-reconcile";
import { StackJson } from "../../scripts/terraform/plausible-values";

const JSON_STACK: StackJson = {
  resource: {
    azurerm_kubernetes_cluster: { Cluster_1: {} },
    kubernetes_deployment_v1: { Api_2: {}, Web_3: {} },
  },
};

const REPORT = {
  schemaVersion: 1,
  stacks: [
    {
      stack: "prod",
      profile: null,
      packs: [],
      summary: { evaluations: 1, compliant: 0, notApplicable: 0, nonCompliant: 1, errors: 0, warnings: 0, suppressed: 1 },
      findings: [
        {
          ruleId: "AzureBaseline-AksApiServerAccessRestricted",
          status: FindingStatus.SUPPRESSED,
          address: "azurerm_kubernetes_cluster.Cluster_1",
          checkovIds: ["CKV_AZURE_6"],
          reason: "CI runners' addresses change",
        },
      ],
    },
  ],
} as unknown as PolicyReport;

const SKIPS: CheckovSkip[] = [
  { check: "CKV_K8S_15", resource: "kubernetes_deployment_v1.*", reason: "images are pinned by tag; IfNotPresent is right" },
  { check: "CKV_K8S_43", resource: "kubernetes_deployment_v1.Web_3", stacks: ["dev"], reason: "only in dev, where images are local" },
];

describe("Checkov reconciliation", () => {
  test("Checkov's resource.<name> is given its type from the stack", () => {
    expect(failureAddress({ check_id: "X", check_name: "x", resource: "resource.Api_2" }, JSON_STACK)).toBe("kubernetes_deployment_v1.Api_2");
    expect(failureAddress({ check_id: "X", check_name: "x", resource: "azurerm_subnet.S" }, JSON_STACK)).toBe("azurerm_subnet.S");
  });

  test("a failure is explained by our suppressed finding with the same Checkov id, then by the skip list", () => {
    const result = reconcile(
      "prod",
      [
        { check_id: "CKV_AZURE_6", check_name: "authorized ranges", resource: "resource.Cluster_1" },
        { check_id: "CKV_K8S_15", check_name: "pull policy", resource: "resource.Api_2" },
        { check_id: "CKV_K8S_43", check_name: "digest", resource: "resource.Web_3" },
        { check_id: "CKV_AZURE_115", check_name: "private cluster", resource: "resource.Cluster_1" },
      ],
      JSON_STACK,
      REPORT,
      SKIPS,
    );
    expect(result.map((r) => r.explanation.kind)).toEqual(["suppressed", "skipped", "unexplained", "unexplained"]);
    expect(result[0].explanation).toEqual({ kind: "suppressed", ruleId: "AzureBaseline-AksApiServerAccessRestricted", reason: "CI runners' addresses change" });
  });

  test("a skip entry that explains nothing is stale", () => {
    const result = reconcile("prod", [{ check_id: "CKV_K8S_15", check_name: "pull policy", resource: "resource.Api_2" }], JSON_STACK, REPORT, SKIPS);
    expect(unusedSkips(SKIPS, result)).toEqual([SKIPS[1]]);
  });

  test("a run judges only the entries that name its stacks, and the unlimited ones where it says so", () => {
    const result = reconcile("prod", [{ check_id: "CKV_K8S_15", check_name: "pull policy", resource: "resource.Api_2" }], JSON_STACK, REPORT, SKIPS);
    // The dev-only entry names no stack of a run over prod: another run judges it.
    expect(unusedSkips(SKIPS, result, { stacks: ["prod"], unlimited: true })).toEqual([]);
    expect(unusedSkips(SKIPS, result, { stacks: ["prod", "dev"], unlimited: true })).toEqual([SKIPS[1]]);
    // An examples run leaves the unlimited entries to the reference app's run.
    expect(unusedSkips(SKIPS, [], { stacks: ["tenant-acme"], unlimited: false })).toEqual([]);
    expect(unusedSkips(SKIPS, [], { stacks: ["dev"], unlimited: false })).toEqual([SKIPS[1]]);
  });

  test("fails on skip entries without a Checkov id, an address or a 10-character reason", () => {
    expect(checkSkipList([{ check: "CKV_K8S_15", resource: "kubernetes_deployment_v1", reason: "pinned" }, { check: "K8S_1", resource: "a.b", reason: "a reason long enough" }])).toEqual([
      'policies/checkov-skips.json[0]: resource "kubernetes_deployment_v1" is not a type.name address (`*` allowed in the name)',
      'policies/checkov-skips.json[0]: reason "pinned" is shorter than 10 characters',
      'policies/checkov-skips.json[1]: check "K8S_1" is not a Checkov id',
    ]);
  });
});
