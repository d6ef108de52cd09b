import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { PINNED_PROVIDERS } from "../../scripts/terraform/pinned-providers";
import { readUsedTypes } from "../../scripts/terraform/provider-bindings";
import { SYNTH_SOURCES_JSON, appSources, synthSourcesOf } from "../../review/app-sources";
import { ForceNewTable, predictReplacement, schemaPath } from "../../review/force-new-attributes";
import { FORCE_NEW_TABLE } from "../../review/force-new-table";
import { ReviewExitCode, runPlanReviewCli } from "../../review/plan-review-cli";
import { BlockerKind, ChangeAction, ChangeOrigin, InputWarningKind, PreventDestroy } from "../../review/plan-review-report";
import { reviewPlans } from "../../review/review-plans";
import { fixture, writeAcknowledgements, writeSourceDir, writeSynthDir } from "./review-fixtures";

// The five ways the review misled a reviewer on data loss (issue #24), each with the verdict and
// text it must give now.

const dirs: string[] = [];
function track(dir: string): string {
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function run(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runPlanReviewCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {} });
  return { code, stdout, stderr };
}

const base = track(writeSynthDir());
const source = track(writeSourceDir());

describe("the forcing-attribute table is the pinned providers' own", () => {
  test("it was generated from exactly the pinned module versions", () => {
    for (const [name, p] of Object.entries(FORCE_NEW_TABLE.providers)) {
      const pinned = PINNED_PROVIDERS.find((x) => x.name === name)!;
      expect([p.module, p.moduleVersion, p.version]).toEqual([pinned.module, pinned.moduleVersion, pinned.version]);
    }
  });

  test("it covers every resource type the library uses, and no other", () => {
    const used = readUsedTypes();
    for (const [name, types] of Object.entries(used)) {
      expect(Object.keys(FORCE_NEW_TABLE.providers[name]?.resources ?? {}).sort()).toEqual([...types.resources].sort());
    }
  });

  test("it holds the rules the provider's source states: Redis zones ForceNew and the SKU downgrade of its CustomizeDiff", () => {
    const redis = FORCE_NEW_TABLE.providers.azurerm.resources.azurerm_redis_cache;
    expect(redis.forceNew).toEqual(expect.arrayContaining(["location", "name", "resource_group_name", "subnet_id", "zones"]));
    expect(redis.conditional.find((c) => c.attribute === "sku_name")).toEqual({
      attribute: "sku_name",
      rule: "ForceNewIfChange",
      condition: expect.stringContaining("downgrade the SKU is not supported, recreate the resource"),
      when: { kind: "order-decrease", order: { Basic: 1, Premium: 3, Standard: 2 } },
      source: expect.stringMatching(/^internal\/services\/redis\/redis_cache_resource\.go:\d+$/),
    });
    // Framework plan modifiers (helm) and a raw-protocol PlanResourceChange (kubernetes_manifest).
    expect(FORCE_NEW_TABLE.providers.helm.resources.helm_release.forceNew).toEqual(["name", "namespace"]);
    expect(FORCE_NEW_TABLE.providers.kubernetes.resources.kubernetes_manifest.conditional.map((c) => c.attribute)).toEqual(
      expect.arrayContaining(["manifest.apiVersion", "manifest.kind", "manifest.metadata.name", "manifest.metadata.namespace"]),
    );
  });

  test("the real kubernetes provider's replace_paths are in the table (the table agrees with a real plan)", () => {
    const plan = JSON.parse(readFileSync(fixture("terraform-1.11.4-kubernetes-namespace-replace.json"), "utf8")) as {
      resource_changes: { type: string; change: { replace_paths: (string | number)[][] } }[];
    };
    const rc = plan.resource_changes[0];
    const paths = rc.change.replace_paths.map((p) => schemaPath(p.join(".")));
    expect(paths).toEqual(["metadata.name"]);
    expect(FORCE_NEW_TABLE.providers.kubernetes.resources[rc.type].forceNew).toEqual(expect.arrayContaining(paths));
  });
});

describe("predictReplacement evaluates the rules it can and says 'may replace' for the others", () => {
  const table: ForceNewTable = {
    providers: {
      test: {
        version: "1.0.0",
        module: "example.com/provider",
        moduleVersion: "v1.0.0",
        resources: {
          thing: {
            forceNew: ["name", "zones", "block.inner", "computed_id"],
            computed: ["computed_id"],
            sets: ["zones"],
            conditional: [
              { attribute: "size", rule: "ForceNewIfChange", condition: "new < old", when: { kind: "decrease" }, source: "x.go:1" },
              { attribute: "tier", rule: "ForceNewIfChange", condition: "rank", when: { kind: "order-decrease", order: { low: 1, high: 2 } }, source: "x.go:2" },
              { attribute: "oidc", rule: "ForceNewIfChange", condition: "old && !new", when: { kind: "disabled" }, source: "x.go:3" },
              { attribute: "block.0.subnet", rule: "ForceNewIfChange", condition: 'old != "" && new == ""', when: { kind: "cleared" }, source: "x.go:4" },
              { attribute: "plugin", rule: "ResourceDiff.ForceNew", condition: 'd.HasChange("plugin")', source: "x.go:5" },
            ],
          },
        },
      },
    },
  };
  const p = (before: unknown, after: unknown) => predictReplacement("thing", before, after, table);

  test("an always-forcing attribute, nested or a set reordered", () => {
    expect(p({ name: "a" }, { name: "b" }).forcing).toEqual(["name"]);
    expect(p({ block: { inner: 1 } }, { block: [{ inner: 2 }] }).forcing).toEqual(["block.inner"]);
    expect(p({ zones: ["1", "2"] }, { zones: ["2", "1"] })).toEqual({ forcing: [], mayReplace: [], unknownType: false });
  });

  test("conditions: a decrease, an order downgrade, a disable, a clearing replace; the opposite changes do not", () => {
    expect([p({ size: 5 }, { size: 3 }).forcing, p({ size: 3 }, { size: 5 }).forcing]).toEqual([["size"], []]);
    expect([p({ tier: "high" }, { tier: "low" }).forcing, p({ tier: "low" }, { tier: "high" }).forcing]).toEqual([["tier"], []]);
    expect([p({ oidc: true }, { oidc: false }).forcing, p({ oidc: false }, { oidc: true }).forcing]).toEqual([["oidc"], []]);
    expect([p({ block: { subnet: "s" } }, { block: { subnet: "" } }).forcing, p({ block: { subnet: "" } }, { block: { subnet: "s" } }).forcing]).toEqual([["block.subnet"], []]);
  });

  test("what cannot be evaluated may replace: a rule on the API, an expression, a value not in the order, a computed attribute removed", () => {
    expect(p({ plugin: "a" }, { plugin: "b" }).mayReplace).toEqual([{ attribute: "plugin", rule: "ResourceDiff.ForceNew", condition: 'd.HasChange("plugin")' }]);
    expect(p({ name: "a" }, { name: "${var.x}" }).mayReplace.map((m) => m.attribute)).toEqual(["name"]);
    expect(p({ tier: "high" }, { tier: "medium" }).mayReplace.map((m) => m.attribute)).toEqual(["tier"]);
    expect(p({ computed_id: "x" }, {})).toMatchObject({ forcing: [], mayReplace: [{ attribute: "computed_id", rule: "ForceNew" }] });
    expect(predictReplacement("unknown_type", {}, { a: 1 }, table)).toEqual({ forcing: [], mayReplace: [], unknownType: true });
  });
});

describe("1. a data-holding replacement is not shown as an update", () => {
  test("small-prod's Redis from Premium P1 to Standard C2 is a predicted replace (zones ForceNew, SKU downgrade) that blocks", async () => {
    const head = track(writeSynthDir({ redis: { skuName: "Standard", family: "C", capacity: 2 } }));
    const r = reviewPlans({ synthDir: head, baseDir: base, sourceRoot: source });
    const redis = r.stacks[0].changes.find((c) => c.address === "azurerm_redis_cache.redis")!;
    expect([redis.action, redis.origin, redis.replacePaths, redis.possibleReplacements]).toEqual([ChangeAction.REPLACE, ChangeOrigin.CONFIGURATION, ["zones", "sku_name"], []]);
    expect(redis.dataHeld).toBe("the keys Redis persists (RDB/AOF persistence is on)");
    const blocker = r.blockers.find((b) => b.address === "azurerm_redis_cache.redis")!;
    expect(blocker.kind).toBe(BlockerKind.DATA_LOSS);
    expect(blocker.message).toContain("small-prod: azurerm_redis_cache.redis is replaced (predicted), losing the keys Redis persists");
    const markdown = (await run(["--synth", head, "--base", base, "--source", source])).stdout;
    expect(markdown).toContain("| replace | `azurerm_redis_cache.redis` |");
    expect(markdown).toContain("forced by `zones`, `sku_name`");
  });

  test("an upgrade of the SKU alone is an update; the table rules the replace out", () => {
    const lower = track(writeSynthDir({ redis: { skuName: "Standard", family: "C", capacity: 1 } }));
    const higher = track(writeSynthDir({ redis: { skuName: "Standard", family: "C", capacity: 2 } }));
    const redis = reviewPlans({ synthDir: higher, baseDir: lower, sourceRoot: source }).stacks[0].changes.find((c) => c.address === "azurerm_redis_cache.redis")!;
    expect([redis.action, redis.replacePaths, redis.possibleReplacements]).toEqual([ChangeAction.UPDATE, [], []]);
  });

  test("where the table cannot tell (AI Search's SKU rule reads the API levels), it is 'update, replacement not ruled out', blocking until acknowledged as a replace", async () => {
    const head = track(writeSynthDir({ searchSku: "standard" }));
    const r = reviewPlans({ synthDir: head, baseDir: base, sourceRoot: source });
    const search = r.stacks[0].changes.find((c) => c.address === "azurerm_search_service.search")!;
    expect(search.action).toBe(ChangeAction.UPDATE);
    expect(search.possibleReplacements).toEqual([{ attribute: "sku", rule: "ResourceDiff.ForceNew", condition: expect.stringContaining("newLevel <= oldLevel") }]);
    expect(search.reasons).toEqual(["update, replacement not ruled out: predicted from the configuration; a plan is authoritative"]);
    const blocker = r.blockers.find((b) => b.address === "azurerm_search_service.search")!;
    expect(blocker.message).toContain("small-prod: azurerm_search_service.search is updated, replacement not ruled out (sku: ResourceDiff.ForceNew), which would lose the search indexes");
    expect(blocker.message).toContain('run a plan to know, or acknowledge it in the acknowledgement file (stack "small-prod", address "azurerm_search_service.search", action "replace", reason)');
    const ack = writeAcknowledgements({ acknowledgements: [{ stack: "small-prod", address: "azurerm_search_service.search", action: "replace", reason: "indexes are rebuilt by the nightly indexer run" }] });
    track(join(ack, ".."));
    expect((await run(["--synth", head, "--base", base, "--source", source, "--ack", ack])).code).toBe(ReviewExitCode.OK);
  });

  test("with a plan, Terraform's own actions win: the same configuration change planned as an update is an update", () => {
    const head = track(writeSynthDir({ searchReplicas: 3 }));
    const r = reviewPlans({ synthDir: head, baseDir: base, sourceRoot: source, plans: [{ stack: "small-prod", file: fixture("replica-change.json") }] });
    const search = r.stacks[0].changes.find((c) => c.address === "azurerm_search_service.search")!;
    expect([search.origin, search.action, search.possibleReplacements]).toEqual([ChangeOrigin.PLAN, ChangeAction.UPDATE, []]);
  });
});

describe("2. true statements about prevent_destroy", () => {
  test("a resource block removed takes its prevent_destroy with it: the report says the acknowledgement is the only guard", async () => {
    const head = track(writeSynthDir({ withRedis: false }));
    const r = reviewPlans({ synthDir: head, baseDir: base, sourceRoot: source });
    const redis = r.stacks[0].changes.find((c) => c.address === "azurerm_redis_cache.redis")!;
    expect([redis.action, redis.preventDestroy]).toEqual([ChangeAction.DELETE, PreventDestroy.REMOVED_WITH_RESOURCE]);
    const markdown = (await run(["--synth", head, "--base", base, "--source", source])).stdout;
    expect(markdown).not.toContain("apply refuses");
    expect(markdown).toContain(
      "prevent_destroy does not stop this: base set it, but the resource block is gone from head's configuration and the setting went with it, so Terraform destroys the resource and the acknowledgement is the only guard",
    );
  });

  test("prevent_destroy removed from a resource that is then replaced does not stop it either", () => {
    const head = track(writeSynthDir({ redis: { skuName: "Standard", family: "C", capacity: 2 }, redisPreventDestroy: false }));
    const redis = reviewPlans({ synthDir: head, baseDir: base, sourceRoot: source }).stacks[0].changes.find((c) => c.address === "azurerm_redis_cache.redis")!;
    expect(redis.preventDestroy).toBe(PreventDestroy.ATTRIBUTE_REMOVED);
  });

  test("kept in head's configuration, it stops the destroy, and the report says so", () => {
    const head = track(writeSynthDir({ redis: { skuName: "Standard", family: "C", capacity: 2 } }));
    const r = reviewPlans({ synthDir: head, baseDir: base, sourceRoot: source });
    expect(r.stacks[0].changes.find((c) => c.address === "azurerm_redis_cache.redis")!.preventDestroy).toBe(PreventDestroy.STOPS);
    expect(r.blockers.find((b) => b.address === "azurerm_redis_cache.redis")!.message).toContain(
      "prevent_destroy is set in head's configuration: Terraform refuses to plan or apply this destroy until it is removed",
    );
  });
});

describe("3. locations in head's own sources only", () => {
  test("no location is in the base checkout inside the workspace or in a script that builds the same constructs", () => {
    const head = track(writeSynthDir({ redis: { skuName: "Standard", family: "C", capacity: 2 } }));
    const r = reviewPlans({ synthDir: head, baseDir: base, sourceRoot: source });
    const redis = r.stacks[0].changes.find((c) => c.address === "azurerm_redis_cache.redis")!;
    expect(redis.source?.location).toMatchObject({ file: "stacks/data-layer.ts", line: 13, className: "RedisCache" });
    const files = JSON.stringify(r).match(/"file":"[^"]+"/g) ?? [];
    expect(files.filter((f) => f.includes("base/") || f.includes("scripts/"))).toEqual([]);
    expect(appSources(source)!.files.map((f) => f.file)).toEqual(["main.ts", "stacks/data-layer.ts", "stacks/small-prod-stack.ts", "tiers/small-prod.ts"]);
  });

  test("a construct only an unreachable file creates is located at the nearest construct head's sources create, never in that file", () => {
    const app = track(writeSourceDir());
    // The stack no longer imports the data layer: only base/ and scripts/ create "Redis" now.
    rmSync(join(app, "stacks", "data-layer.ts"));
    const head = track(writeSynthDir({ redis: { skuName: "Standard", family: "C", capacity: 2 } }));
    const redis = reviewPlans({ synthDir: head, baseDir: base, sourceRoot: app }).stacks[0].changes.find((c) => c.address === "azurerm_redis_cache.redis")!;
    // The chain stops at `new DataLayer(this, "Data")`, the deepest construct the app's own files create.
    expect(redis.source).toEqual({
      location: { file: "stacks/small-prod-stack.ts", line: 6, column: 5, className: "DataLayer", id: "Data" },
      chain: [{ file: "stacks/small-prod-stack.ts", line: 6, column: 5, className: "DataLayer", id: "Data" }],
    });
  });

  test("a tier-number change names the tier file line that changed, beside the construct", async () => {
    const head = track(writeSynthDir({ redis: { skuName: "Standard", family: "C", capacity: 2 } }));
    const headSource = track(writeSourceDir({ redisSku: "Standard" }));
    const r = reviewPlans({ synthDir: head, baseDir: base, sourceRoot: headSource, baseSourceRoot: source });
    expect(r.stacks[0].numbers.find((n) => n.label === "Redis")).toEqual({
      stack: "small-prod",
      address: "azurerm_redis_cache.redis",
      constructPath: "small-prod/Data/Redis/Resource",
      label: "Redis",
      before: "Premium P1",
      after: "Standard C2",
      sourceLines: [{ file: "tiers/small-prod.ts", line: 4, text: 'redis: { sku: "Standard", family: "P", capacity: 1 },' }],
    });
    const markdown = (await run(["--synth", head, "--base", base, "--source", headSource, "--base-source", source])).stdout;
    expect(markdown).toContain('| Redis | `small-prod/Data/Redis/Resource` | Premium P1 | Standard C2 | `tiers/small-prod.ts:4` `redis: { sku: "Standard", family: "P", capacity: 1 },` |');
  });
});

describe("5. inputs are checked", () => {
  test("a plan whose addresses are not in the synthesized stack exits 1 naming them, unless --allow-mismatch", async () => {
    // The workloads stack's plan given as small-prod's.
    const other = track(mkdtempSync(join(tmpdir(), "plan-review-mismatch-")));
    const plan = JSON.parse(readFileSync(fixture("terraform-1.11.4-kubernetes-namespace-replace.json"), "utf8"));
    writeFileSync(join(other, "plan.json"), JSON.stringify(plan));
    const args = ["--synth", base, "--base", base, "--source", source, "--plan", `small-prod=${join(other, "plan.json")}`];
    const refused = await run(args);
    expect(refused.code).toBe(ReviewExitCode.BAD_INPUT);
    expect(refused.stderr).toBe(
      `cdktf-plan-review: --plan small-prod=${join(other, "plan.json")}: 1 of 1 address(es) are neither in head's synthesized small-prod nor deletes of what base had: ` +
        "kubernetes_namespace_v1.Namespaces_platform_302DD568; expected the plan of this stack made from head's synthesized configuration (a plan of another stack, or of another commit?); pass --allow-mismatch to review it anyway\n",
    );
    const allowed = await run([...args, "--allow-mismatch"]);
    expect(allowed.stdout).toContain("- **plan-mismatch** (`small-prod`): --plan small-prod=");
    expect(allowed.stdout).toContain("reviewed anyway (--allow-mismatch)");
  });

  test("a delete of something base had is not a mismatch", () => {
    const head = track(writeSynthDir({ searchReplicas: 3, withStorage: false }));
    const r = reviewPlans({ synthDir: head, baseDir: base, sourceRoot: source, plans: [{ stack: "small-prod", file: fixture("storage-delete.json") }] });
    expect(r.inputWarnings.filter((w) => w.kind === InputWarningKind.PLAN_MISMATCH)).toEqual([]);
  });

  test("a synthesized output from other sources is named with the files that differ", () => {
    const head = track(writeSynthDir());
    const app = track(writeSourceDir());
    writeFileSync(join(head, SYNTH_SOURCES_JSON), JSON.stringify(synthSourcesOf(appSources(app)!)));
    expect(reviewPlans({ synthDir: head, baseDir: base, sourceRoot: app }).inputWarnings.map((w) => w.kind)).toEqual([]);
    writeFileSync(join(app, "tiers", "small-prod.ts"), readFileSync(join(app, "tiers", "small-prod.ts"), "utf8").replace("replicas: 1", "replicas: 2"));
    const stale = reviewPlans({ synthDir: head, baseDir: base, sourceRoot: app }).inputWarnings;
    expect(stale).toEqual([
      { kind: InputWarningKind.STALE_SYNTH, message: `--synth ${head} was synthesized from other sources: 1 file(s) differ: tiers/small-prod.ts; synthesize again (npm run cost) before reviewing` },
    ]);
  });

  test("without the record, an output older than a source it was made from is stale", () => {
    const head = track(writeSynthDir());
    const app = track(writeSourceDir());
    const past = new Date(Date.now() - 3600_000);
    utimesSync(join(head, "manifest.json"), past, past);
    const warnings = reviewPlans({ synthDir: head, baseDir: base, sourceRoot: app }).inputWarnings;
    expect(warnings.map((w) => w.kind)).toEqual([InputWarningKind.STALE_SYNTH]);
    expect(warnings[0].message).toContain(`--synth ${head} is older than head's sources: main.ts, stacks/data-layer.ts, stacks/small-prod-stack.ts, tiers/small-prod.ts changed after it was synthesized`);
  });

  test("without --base the report says nothing was compared, in the verdict and a line of its own", async () => {
    const result = await run(["--synth", base, "--source", source]);
    expect(result.code).toBe(ReviewExitCode.OK);
    expect(result.stdout).toContain("## Plan review: nothing blocks (nothing compared: no --base, no plan)");
    expect(result.stdout).toContain("- **no-base**: no --base and no --plan: head is compared with nothing, so no change, cost delta or data loss is reported and nothing can block on one");
  });

  test("no app entry in --source is a line of the report; a --base-source without one is bad input", async () => {
    const empty = track(mkdtempSync(join(tmpdir(), "plan-review-nosrc-")));
    mkdirSync(join(empty, "lib"));
    const r = reviewPlans({ synthDir: base, baseDir: base, sourceRoot: empty });
    expect(r.inputWarnings.map((w) => w.kind)).toEqual([InputWarningKind.NO_SOURCES]);
    const bad = await run(["--synth", base, "--base", base, "--source", source, "--base-source", empty]);
    expect([bad.code, bad.stderr]).toEqual([ReviewExitCode.BAD_INPUT, `cdktf-plan-review: --base-source ${empty}: no app entry there (cdktf.json's app, or main.ts): expected the target branch's checkout\n`]);
  });
});

describe("a real terraform show -json of a replace (kubernetes 3.2.1, Terraform 1.11.4)", () => {
  function devSynth(name: string): string {
    const dir = track(mkdtempSync(join(tmpdir(), "plan-review-dev-")));
    mkdirSync(join(dir, "stacks", "dev"), { recursive: true });
    const json = {
      resource: {
        kubernetes_namespace_v1: {
          Namespaces_platform_302DD568: { "//": { metadata: { path: "dev/Namespaces/platform", uniqueId: "Namespaces_platform_302DD568" } }, metadata: { name, labels: { "app.kubernetes.io/part-of": "omega" } } },
        },
      },
    };
    writeFileSync(join(dir, "stacks", "dev", "cdk.tf.json"), JSON.stringify(json));
    return dir;
  }

  test("the plan's replace blocks as data loss with Terraform's replace_paths, and the configuration alone predicts the same", () => {
    const head = devSynth("platform-v2");
    const before = devSynth("platform");
    const planned = reviewPlans({ synthDir: head, baseDir: before, sourceRoot: source, plans: [{ stack: "dev", file: fixture("terraform-1.11.4-kubernetes-namespace-replace.json") }] });
    const change = planned.stacks[0].changes[0];
    expect([change.action, change.origin, change.replacePaths, change.reasons, change.dataHeld]).toEqual([
      ChangeAction.REPLACE,
      ChangeOrigin.PLAN,
      ["metadata[0].name"],
      ["an attribute that cannot be updated in place changes"],
      "everything in the namespace, persistent volume claims included",
    ]);
    expect(planned.blockers.map((b) => b.kind)).toEqual([BlockerKind.DATA_LOSS]);
    const predicted = reviewPlans({ synthDir: head, baseDir: before, sourceRoot: source }).stacks[0].changes[0];
    expect([predicted.action, predicted.replacePaths]).toEqual([ChangeAction.REPLACE, ["metadata.name"]]);
  });
});

describe("app sources", () => {
  test("a checkout of base inside the workspace is its own app: its entry is its main.ts, not the workspace's", () => {
    const workspace = track(writeSourceDir());
    const base = join(workspace, "base");
    writeFileSync(join(base, "cdktf.json"), JSON.stringify({ app: "node -r ./scripts/ts-register.js main.ts" }));
    writeFileSync(join(base, "main.ts"), 'import "./stacks/data-layer";\n');
    const sources = appSources(base)!;
    expect([sources.entry, sources.files.map((f) => f.file)]).toEqual(["main.ts", ["main.ts", "stacks/data-layer.ts"]]);
  });
});
