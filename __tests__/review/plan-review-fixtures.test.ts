import { readFileSync, rmSync } from "fs";
import { join } from "path";
import { ReviewExitCode, runPlanReviewCli } from "../../review/plan-review-cli";
import { BlockerKind, ChangeAction, ChangeOrigin, PlanReview } from "../../review/plan-review-report";
import { SarifLog } from "../../review/render-sarif";
import { reviewPlans } from "../../review/review-plans";
import { FIXTURE_SECRET, fixture, writeAcknowledgements, writeSourceDir, writeSynthDir } from "./review-fixtures";

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function run(args: readonly string[]): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await runPlanReviewCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {} });
  return { code, stdout, stderr };
}

const dirs: string[] = [];
function track(dir: string): string {
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

// Head raises AI Search to 3 replicas; base has 1. The plans are of head's configuration: every
// address they name is in head, except in storage-delete.json, the plan of a head without the
// storage account (headWithoutStorage), whose delete is of something base had. Both directories
// carry policy and cost reports.
const base = track(writeSynthDir({ searchReplicas: 1 }));
const head = track(writeSynthDir({ searchReplicas: 3 }));
const headWithoutStorage = track(writeSynthDir({ searchReplicas: 3, withStorage: false }));
const source = track(writeSourceDir());

function headFor(file: string): string {
  return file === "storage-delete.json" ? headWithoutStorage : head;
}

function planArgs(stack: string, file: string): string[] {
  return ["--synth", headFor(file), "--base", base, "--source", source, "--plan", `${stack}=${fixture(file)}`];
}

function review(file: string, ack?: string): PlanReview {
  return reviewPlans({ synthDir: headFor(file), baseDir: base, sourceRoot: source, plans: [{ stack: "small-prod", file: fixture(file) }], acknowledgementsFile: ack });
}

function costLine(dir: string, stack: string, address: string): number {
  const report = JSON.parse(readFileSync(join(dir, "cost-report.json"), "utf8")) as { stacks: { stack: string; lines: { address: string; monthlyUsd: { expected: number } }[] }[] };
  return report.stacks.find((s) => s.stack === stack)!.lines.filter((l) => l.address === address).reduce((sum, l) => sum + l.monthlyUsd.expected, 0);
}

describe("plan review on hand-made plans (terraform show -json, format_version 1.2)", () => {
  test("a clean plan (every resource no-op) reports no change and exits 0", async () => {
    const result = await run(planArgs("small-prod", "clean.json"));
    expect(result.code).toBe(ReviewExitCode.OK);
    const r = review("clean.json");
    const stack = r.stacks.find((s) => s.stack === "small-prod")!;
    expect(stack.origin).toBe(ChangeOrigin.PLAN);
    expect(stack.changes).toEqual([]);
    expect(stack.counts).toEqual({ create: 0, update: 0, replace: 0, delete: 0, forget: 0, noise: 0 });
    expect(r.blockers).toEqual([]);
    expect(result.stdout).toContain("## Plan review: nothing blocks");
  });

  test("a replica change reports the tier-table number and its monthly cost delta from the cost model", async () => {
    const r = review("replica-change.json");
    const stack = r.stacks.find((s) => s.stack === "small-prod")!;
    expect(stack.changes.map((c) => [c.action, c.address])).toEqual([[ChangeAction.UPDATE, "azurerm_search_service.search"]]);
    const change = stack.changes[0];
    const before = costLine(base, "small-prod", "azurerm_search_service.search");
    const after = costLine(head, "small-prod", "azurerm_search_service.search");
    // Basic search is priced per search unit: three replicas cost three times one.
    expect(after).toBeCloseTo(before * 3, 6);
    expect(change.monthlyUsd.before).toBeCloseTo(before, 6);
    expect(change.monthlyUsd.after).toBeCloseTo(after, 6);
    expect(change.monthlyUsd.delta).toBeCloseTo(after - before, 6);
    expect(change.attributes.map((a) => [a.path, a.before, a.after])).toEqual([["replica_count", "1", "3"]]);
    expect(stack.numbers.filter((n) => n.address === "azurerm_search_service.search")).toEqual([
      { stack: "small-prod", address: "azurerm_search_service.search", constructPath: "small-prod/Data/Search/Resource", label: "AI Search replicas", before: "1", after: "3", sourceLines: [] },
    ]);
    expect(stack.cost.delta).toBeCloseTo(after - before, 6);
    const result = await run(planArgs("small-prod", "replica-change.json"));
    expect(result.code).toBe(ReviewExitCode.OK);
    expect(result.stdout).toContain("| AI Search replicas | `small-prod/Data/Search/Resource` | 1 | 3 |");
  });

  test("a reordering of a set (Redis zones) is collapsed as noise and counted, never dropped", () => {
    const stack = review("replica-change.json").stacks.find((s) => s.stack === "small-prod")!;
    expect(stack.counts.noise).toBe(1);
    expect(stack.noise).toEqual([
      {
        stack: "small-prod",
        address: "azurerm_redis_cache.redis",
        constructPath: "small-prod/Data/Redis/Resource",
        matches: [{ attribute: "zones", kind: "reordering", why: "zones are a set" }],
      },
    ]);
    expect(stack.changes.some((c) => c.address === "azurerm_redis_cache.redis")).toBe(false);
  });

  test("a replace of a stateful resource (Redis with persistence) blocks with exit 2 and says why it is replaced", async () => {
    const result = await run(planArgs("small-prod", "stateful-replace.json"));
    expect(result.code).toBe(ReviewExitCode.BLOCKED);
    const r = review("stateful-replace.json");
    const redis = r.stacks[0].changes.find((c) => c.address === "azurerm_redis_cache.redis")!;
    expect(redis.action).toBe(ChangeAction.REPLACE);
    expect(redis.replacePaths).toEqual(["zones"]);
    expect(redis.reasons).toEqual(["an attribute that cannot be updated in place changes"]);
    expect(redis.dataHeld).toBe("the keys Redis persists (RDB/AOF persistence is on)");
    expect(r.blockers).toHaveLength(1);
    expect(r.blockers[0]).toMatchObject({ kind: BlockerKind.DATA_LOSS, stack: "small-prod", address: "azurerm_redis_cache.redis", constructPath: "small-prod/Data/Redis/Resource" });
    expect(result.stderr).toContain("blocking: small-prod: azurerm_redis_cache.redis is replaced, losing the keys Redis persists");
    expect(result.stdout).toContain("### Blocking");
  });

  test("the same replace acknowledged with a reason no longer blocks, and the acknowledgement is reported", async () => {
    const ack = writeAcknowledgements({
      acknowledgements: [{ stack: "small-prod", address: "azurerm_redis_cache.redis", action: "replace", reason: "cache contents are rebuilt from Cosmos DB on start" }],
    });
    track(join(ack, ".."));
    const result = await run([...planArgs("small-prod", "stateful-replace.json"), "--ack", ack]);
    expect(result.code).toBe(ReviewExitCode.OK);
    const r = review("stateful-replace.json", ack);
    expect(r.acknowledgements.used.map((a) => a.address)).toEqual(["azurerm_redis_cache.redis"]);
    expect(r.stacks[0].changes.find((c) => c.address === "azurerm_redis_cache.redis")!.acknowledged).toBe("cache contents are rebuilt from Cosmos DB on start");
  });

  test("a delete of a storage account blocks unless acknowledged; acknowledged, it exits 0", async () => {
    const blocked = await run(planArgs("small-prod", "storage-delete.json"));
    expect(blocked.code).toBe(ReviewExitCode.BLOCKED);
    const ack = writeAcknowledgements({
      acknowledgements: [
        { stack: "small-prod", address: "azurerm_storage_account.storage", action: "delete", reason: "artifacts moved to the shared account in #41" },
        { stack: "small-prod", address: "azurerm_redis_cache.redis", action: "delete", reason: "left over from an earlier change" },
      ],
    });
    track(join(ack, ".."));
    const result = await run([...planArgs("small-prod", "storage-delete.json"), "--ack", ack]);
    expect(result.code).toBe(ReviewExitCode.OK);
    const r = review("storage-delete.json", ack);
    const del = r.stacks[0].changes.find((c) => c.address === "azurerm_storage_account.storage")!;
    expect([del.action, del.reasons, del.acknowledged]).toEqual([ChangeAction.DELETE, ["no longer in the configuration"], "artifacts moved to the shared account in #41"]);
    // The delete's monthly cost: what the account cost in base, nothing after.
    expect(del.monthlyUsd.before).toBeCloseTo(costLine(base, "small-prod", "azurerm_storage_account.storage"), 6);
    expect(del.monthlyUsd.after).toBe(0);
    expect(r.acknowledgements.unused.map((a) => a.address)).toEqual(["azurerm_redis_cache.redis"]);
    expect(result.stdout).toContain("unused (matches no delete; remove it): `small-prod` `azurerm_redis_cache.redis`");
  });

  test("an acknowledgement for a replace does not excuse a delete of the same resource", () => {
    const ack = writeAcknowledgements({
      acknowledgements: [{ stack: "small-prod", address: "azurerm_storage_account.storage", action: "replace", reason: "only a replace was agreed" }],
    });
    track(join(ack, ".."));
    expect(review("storage-delete.json", ack).blockers.map((b) => b.address)).toEqual(["azurerm_storage_account.storage"]);
  });

  test("sensitive values are masked and appear in no format, marked or named like a credential", async () => {
    for (const format of ["markdown", "json", "sarif"]) {
      const result = await run([...planArgs("small-prod", "sensitive.json"), "--format", format]);
      expect(result.code).toBe(ReviewExitCode.OK);
      expect(result.stdout).not.toContain("s3cr3t");
      expect(result.stderr).not.toContain("s3cr3t");
    }
    const r = review("sensitive.json");
    const byAddress = new Map(r.stacks[0].changes.map((c) => [c.address, c.attributes]));
    expect(byAddress.get("azurerm_key_vault_secret.redisurl")).toEqual([
      { path: "value", steps: ["value"], before: "(sensitive)", after: "(sensitive)", sensitive: true, unknownAfterApply: false },
    ]);
    const cluster = byAddress.get("azurerm_kubernetes_cluster.cluster")!;
    expect(cluster.map((a) => [a.path, a.before, a.after])).toEqual([
      ["admin_password", "(sensitive)", "(sensitive)"],
      ["kube_config", "(sensitive)", "(sensitive)"],
      ["tags.owner", "(absent)", '"platform"'],
    ]);
    expect(JSON.stringify(r)).not.toContain(FIXTURE_SECRET);
  });

  test("SARIF locates a blocking replace at the TypeScript line that created the construct, with the chain that composed it", async () => {
    const result = await run([...planArgs("small-prod", "stateful-replace.json"), "--format", "sarif"]);
    expect(result.code).toBe(ReviewExitCode.BLOCKED);
    const sarif = JSON.parse(result.stdout) as SarifLog;
    expect(sarif.version).toBe("2.1.0");
    const run0 = sarif.runs[0];
    expect(run0.tool.driver.name).toBe("cdktf-plan-review");
    const dataLoss = run0.results.filter((x) => x.ruleId === "plan-review/data-loss");
    expect(dataLoss).toHaveLength(1);
    expect(dataLoss[0].level).toBe("error");
    expect(run0.tool.driver.rules[dataLoss[0].ruleIndex].id).toBe("plan-review/data-loss");
    // data-layer.ts line 13: `new RedisCache(this, "Resource", {});` (the comment on line 4 is not taken).
    expect(dataLoss[0].locations[0].physicalLocation).toEqual({ artifactLocation: { uri: "stacks/data-layer.ts", uriBaseId: "%SRCROOT%" }, region: { startLine: 13, startColumn: 5 } });
    expect(dataLoss[0].relatedLocations?.map((l) => [l.physicalLocation.artifactLocation.uri, l.physicalLocation.region.startLine])).toEqual([
      ["stacks/small-prod-stack.ts", 6],
      ["stacks/data-layer.ts", 5],
    ]);
    expect(dataLoss[0].partialFingerprints["planReview/v1"]).toMatch(/^[0-9a-f]{32}$/);
  });

  test("the JSON report is deterministic: two runs print the same bytes", async () => {
    const first = await run([...planArgs("small-prod", "replica-change.json"), "--format", "json"]);
    const second = await run([...planArgs("small-prod", "replica-change.json"), "--format", "json"]);
    expect(first.stdout).toBe(second.stdout);
    expect((JSON.parse(first.stdout) as PlanReview).formatVersion).toBe(2);
  });
});

describe("plan review: bad input exits 1 with a message naming what is wrong", () => {
  test.each([
    ["not-json.txt", /not-json\.txt: not Terraform's JSON plan format \(terraform show -json <planfile>\): not JSON/],
    ["state.json", /state\.json: not Terraform's JSON plan format .*: no resource_changes or planned_values \(a state file\?/],
    ["future-major.json", /future-major\.json: .*format_version 2\.0: only major version 1 is understood/],
    ["bad-action.json", /bad-action\.json: .*resource_changes\[0\]\.change\.actions has "explode": expected no-op, create, read, update, delete or forget/],
  ])("fails on %s", async (file, message) => {
    const result = await run(planArgs("small-prod", file));
    expect(result.code).toBe(ReviewExitCode.BAD_INPUT);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe("");
  });

  test("fails on a plan for an unknown stack, naming the stacks there are", async () => {
    const result = await run(planArgs("small-prd", "clean.json"));
    expect(result.code).toBe(ReviewExitCode.BAD_INPUT);
    expect(result.stderr).toContain(`--plan small-prd=${fixture("clean.json")}: unknown stack "small-prd": expected one of small-prod, small-prod-workloads`);
  });

  test("fails on a missing plan file, a missing synth directory and an unknown flag", async () => {
    expect((await run(planArgs("small-prod", "missing.json"))).stderr).toContain("missing.json: no such file: expected the output of terraform show -json <planfile>");
    const noSynth = await run(["--synth", join(head, "nope")]);
    expect([noSynth.code, noSynth.stderr]).toEqual([ReviewExitCode.BAD_INPUT, `cdktf-plan-review: --synth ${join(head, "nope")}: no such directory: expected the output of cdktf synth (with stacks/<stack>/cdk.tf.json)\n`]);
    const flag = await run(["--synth", head, "--colour"]);
    expect(flag.code).toBe(ReviewExitCode.BAD_INPUT);
    expect(flag.stderr).toContain('unknown argument "--colour"');
    const format = await run(["--synth", head, "--format", "html"]);
    expect(format.stderr).toContain('--format "html": expected markdown, json or sarif');
  });

  test("fails on an acknowledgement without a reason, or for a stack that does not exist", async () => {
    const short = writeAcknowledgements({ acknowledgements: [{ stack: "small-prod", address: "azurerm_redis_cache.redis", action: "replace", reason: "ok" }] });
    const unknown = writeAcknowledgements({ acknowledgements: [{ stack: "prod", address: "azurerm_redis_cache.redis", action: "delete", reason: "long enough reason" }] });
    track(join(short, ".."));
    track(join(unknown, ".."));
    const a = await run([...planArgs("small-prod", "clean.json"), "--ack", short]);
    expect(a.code).toBe(ReviewExitCode.BAD_INPUT);
    expect(a.stderr).toContain('acknowledgements[0].reason is "ok", shorter than 10 characters');
    const b = await run([...planArgs("small-prod", "clean.json"), "--ack", unknown]);
    expect(b.stderr).toContain('acknowledgement of azurerm_redis_cache.redis names unknown stack "prod": expected one of small-prod, small-prod-workloads');
  });
});
