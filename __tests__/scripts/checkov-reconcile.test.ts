import { readFileSync } from "fs";
import { join } from "path";
import { FindingStatus } from "../../policies/policy-finding";
import { PolicyReport } from "../../policies/policy-report";
import { CheckovSkip, checkSkipList, failureAddress, overWideSkips, reconcile, unusedSkips } from "../../scripts/terraform/checkov-reconcile";
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
  { check: "CKV_K8S_15", resource: "kubernetes_deployment_v1.Api_*", stacks: ["prod", "staging"], reason: "images are pinned by tag; IfNotPresent is right" },
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

  test("a run judges only the entries that name its stacks", () => {
    const result = reconcile("prod", [{ check_id: "CKV_K8S_15", check_name: "pull policy", resource: "resource.Api_2" }], JSON_STACK, REPORT, SKIPS);
    // The dev-only entry names no stack of a run over prod: another run judges it.
    expect(unusedSkips(SKIPS, result, { stacks: ["prod"] })).toEqual([]);
    expect(unusedSkips(SKIPS, result, { stacks: ["prod", "dev"] })).toEqual([SKIPS[1]]);
    // An examples run judges none of the app's entries.
    expect(unusedSkips(SKIPS, [], { stacks: ["tenant-acme"] })).toEqual([]);
    expect(unusedSkips(SKIPS, [], { stacks: ["dev"] })).toEqual([SKIPS[1]]);
  });

  test("a failure of the same check in a stack the entry does not name stays unexplained", () => {
    const result = reconcile("tenant-acme", [{ check_id: "CKV_K8S_15", check_name: "pull policy", resource: "resource.Api_2" }], JSON_STACK, REPORT, SKIPS);
    expect(result.map((r) => r.explanation.kind)).toEqual(["unexplained"]);
  });

  test("an entry that covers a resource passing its check is over-wide", () => {
    // Api_2 fails CKV_K8S_15 (explained); a second Api_* deployment passes it: the entry would explain it the day it fails.
    const stack: StackJson = { resource: { kubernetes_deployment_v1: { Api_2: {}, Api_9: {}, Web_3: {} } } };
    const passes = [
      { check_id: "CKV_K8S_15", resource: "resource.Api_9" },
      { check_id: "CKV_K8S_15", resource: "resource.Web_3" },
      { check_id: "CKV_K8S_43", resource: "resource.Api_9" },
    ];
    expect(overWideSkips(SKIPS, "prod", passes, stack)).toEqual([{ skip: SKIPS[0], stack: "prod", address: "kubernetes_deployment_v1.Api_9" }]);
    // Not in the entry's stacks: not its business.
    expect(overWideSkips(SKIPS, "tenant-acme", passes, stack)).toEqual([]);
    expect(overWideSkips(SKIPS, "dev", [{ check_id: "CKV_K8S_43", resource: "resource.Web_3" }], stack)).toEqual([
      { skip: SKIPS[1], stack: "dev", address: "kubernetes_deployment_v1.Web_3" },
    ]);
  });

  test("fails on skip entries without a Checkov id, an address, their stacks, a construct or a 10-character reason", () => {
    const entries = [
      { check: "CKV_K8S_15", resource: "kubernetes_deployment_v1", stacks: ["prod"], reason: "pinned" },
      { check: "K8S_1", resource: "a.b", stacks: ["prod"], reason: "a reason long enough" },
      { check: "CKV_AZURE_33", resource: "azurerm_storage_account.*", stacks: ["prod"], reason: "a reason long enough" },
      { check: "CKV_AZURE_33", resource: "azurerm_storage_account.Data_*", reason: "a reason long enough" } as unknown as CheckovSkip,
      { check: "CKV_AZURE_33", resource: "azurerm_storage_account.Data_*", stacks: ["*"], reason: "a reason long enough" },
    ];
    expect(checkSkipList(entries)).toEqual([
      'policies/checkov-skips.json[0]: resource "kubernetes_deployment_v1" is not a type.name address (`*` allowed in the name)',
      'policies/checkov-skips.json[0]: reason "pinned" is shorter than 10 characters',
      'policies/checkov-skips.json[1]: check "K8S_1" is not a Checkov id',
      'policies/checkov-skips.json[2]: resource "azurerm_storage_account.*" names every resource of its type; name the construct (e.g. "azurerm_storage_account.Data_Storage_*")',
      "policies/checkov-skips.json[3]: stacks undefined must name the stacks the entry is for (patterns other than a bare \"*\")",
      'policies/checkov-skips.json[4]: stacks ["*"] must name the stacks the entry is for (patterns other than a bare "*")',
    ]);
  });

  test("the project's skip list keeps its own rules: a Checkov id, a named construct, its stacks and a reason", () => {
    const skips = JSON.parse(readFileSync(join(__dirname, "..", "..", "policies", "checkov-skips.json"), "utf8")) as CheckovSkip[];
    expect(skips.length).toBeGreaterThan(0);
    expect(checkSkipList(skips)).toEqual([]);
  });
});
