import { attributeChanges } from "../../review/attribute-diff";
import { dataHeldBy } from "../../review/data-holding-resources";
import { FetchLike, GITHUB_COMMENT_LIMIT, PLAN_REVIEW_COMMENT_MARKER, fitComment, upsertPullRequestComment } from "../../review/github-comment";
import { NoiseKind, explainAsNoise } from "../../review/noisy-diffs";
import { SourceLocator } from "../../review/source-locator";

describe("noise", () => {
  test("a list holding the same elements in another order is a reordering; different elements are a real change", () => {
    const before = { zones: ["1", "2"] };
    expect(explainAsNoise("azurerm_redis_cache", attributeChanges({ before, after: { zones: ["2", "1"] } }), before, { zones: ["2", "1"] })).toEqual([
      { attribute: "zones", kind: NoiseKind.REORDERING, why: "zones are a set" },
    ]);
    expect(explainAsNoise("azurerm_redis_cache", attributeChanges({ before, after: { zones: ["1", "3"] } }), before, { zones: ["1", "3"] })).toBeUndefined();
  });

  test("an autoscaled pool's node count is noise; a fixed pool's is a real change", () => {
    const change = (auto: boolean) => {
      const before = { auto_scaling_enabled: auto, node_count: 2 };
      const after = { auto_scaling_enabled: auto, node_count: 4 };
      return explainAsNoise("azurerm_kubernetes_cluster_node_pool", attributeChanges({ before, after }), before, after);
    };
    expect(change(true)?.map((m) => m.kind)).toEqual([NoiseKind.PERPETUAL]);
    expect(change(false)).toBeUndefined();
  });

  test("one real change among noisy ones keeps the update", () => {
    const before = { zones: ["1", "2"], sku_name: "Premium" };
    const after = { zones: ["2", "1"], sku_name: "Standard" };
    expect(explainAsNoise("azurerm_redis_cache", attributeChanges({ before, after }), before, after)).toBeUndefined();
  });
});

describe("data-holding resources", () => {
  test("Redis holds data only with persistence", () => {
    expect(dataHeldBy("azurerm_redis_cache", { redis_configuration: [{ rdb_backup_enabled: true }] })).toBe("the keys Redis persists (RDB/AOF persistence is on)");
    expect(dataHeldBy("azurerm_redis_cache", { redis_configuration: [{ rdb_backup_enabled: false }] })).toBeUndefined();
    expect(dataHeldBy("azurerm_subnet", {})).toBeUndefined();
    expect(dataHeldBy("my_database", {}, [{ resourceType: "my_database", holds: "the rows" }])).toBe("the rows");
  });
});

describe("sensitive values", () => {
  test("a block that appears with a credential inside is walked, never printed whole", () => {
    const changes = attributeChanges({ before: {}, after: { profile: { admin_username: "azureuser", admin_password: "hunter2-secret" } } });
    expect(changes.map((c) => [c.path, c.after])).toEqual([
      ["profile.admin_password", "(sensitive)"],
      ["profile.admin_username", '"azureuser"'],
    ]);
  });
});

describe("source locator", () => {
  const locator = new SourceLocator([
    { file: "stacks/app-stack.ts", text: 'class AppStack extends TerraformStack {\n  constructor() {\n    new Store(this, "Store");\n    new Construct(this, "Group");\n    new Thing(group, "Leaf");\n  }\n}\n' },
    { file: "constructs/store.ts", text: 'export class Store extends Construct {\n  constructor() {\n    new StorageAccount(this, "Resource", {});\n  }\n}\n' },
    { file: "constructs/other.ts", text: '/** new Store(this, "Group") */\nexport class Other extends Construct {\n  constructor() {\n    new Queue(this, "Resource");\n  }\n}\n' },
  ]);

  test("walks a construct path down through the classes' files", () => {
    const found = locator.locate("app/Store/Resource", ["Store", "Group"]);
    expect(found?.chain.map((l) => `${l.file}:${l.line}:${l.column} ${l.className}`)).toEqual(["stacks/app-stack.ts:3:5 Store", "constructs/store.ts:3:5 StorageAccount"]);
  });

  test("children of a construct without sources are looked for where it is instantiated, never in unrelated files", () => {
    expect(locator.locate("app/Group/Leaf", ["Store", "Group"])?.location).toMatchObject({ file: "stacks/app-stack.ts", line: 5, className: "Thing" });
    expect(locator.locate("app/Group/Resource", ["Store", "Group"])?.location).toMatchObject({ file: "stacks/app-stack.ts", line: 4, className: "Construct" });
  });
});

describe("GitHub comment", () => {
  test("a report within the limit is posted whole behind the marker", () => {
    expect(fitComment("## Plan review\n", { fullReport: "the artifact" })).toBe(`${PLAN_REVIEW_COMMENT_MARKER}\n## Plan review\n`);
  });

  test("a report over 65,536 characters is cut at a line, closes open details, and points at the full report", () => {
    const lines = ["## Plan review: blocked", "### Blocking", "- data loss", "<details><summary>attributes</summary>"];
    for (let i = 0; i < 5000; i++) lines.push(`- \`attribute_${i}\`: \`"before"\` → \`"after"\``);
    lines.push("</details>");
    const markdown = lines.join("\n");
    expect(markdown.length).toBeGreaterThan(GITHUB_COMMENT_LIMIT);
    const body = fitComment(markdown, { fullReport: "the artifact `plan-review`" });
    expect(Buffer.byteLength(body, "utf8")).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(body.startsWith(`${PLAN_REVIEW_COMMENT_MARKER}\n## Plan review: blocked\n### Blocking\n- data loss\n`)).toBe(true);
    expect(body).toMatch(/\n<\/details>\n\n---\n\*\*Report cut\*\*: [\d,]+ of [\d,]+ characters shown, over the 65,536-character limit\. The full report is in the artifact `plan-review`\.\n$/);
  });

  function fakeGitHub(existing: { id: number; body: string }[]) {
    const calls: { method: string; url: string; body?: string }[] = [];
    const fetch: FetchLike = async (url, init) => {
      calls.push({ method: init.method, url, body: init.body });
      const page = Number(/[?&]page=(\d+)/.exec(url)?.[1] ?? "1");
      const payload = init.method === "GET" ? existing.slice((page - 1) * 100, page * 100) : { id: init.method === "POST" ? 999 : 0 };
      return { ok: true, status: 200, json: async () => payload, text: async () => "" };
    };
    return { calls, fetch };
  }

  test("updates the comment that carries the marker, looking through every page", async () => {
    const others = Array.from({ length: 120 }, (_, i) => ({ id: i + 1, body: `comment ${i}` }));
    others[110] = { id: 111, body: `${PLAN_REVIEW_COMMENT_MARKER}\nold review` };
    const gh = fakeGitHub(others);
    const result = await upsertPullRequestComment({ token: "t", repository: "o/r", pullNumber: 7, body: "new", fetch: gh.fetch });
    expect(result).toEqual({ action: "updated", id: 111 });
    expect(gh.calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      "GET https://api.github.com/repos/o/r/issues/7/comments?per_page=100&page=1",
      "GET https://api.github.com/repos/o/r/issues/7/comments?per_page=100&page=2",
      "PATCH https://api.github.com/repos/o/r/issues/comments/111",
    ]);
    expect(gh.calls[2].body).toBe(JSON.stringify({ body: "new" }));
  });

  test("creates the comment when no earlier one carries the marker", async () => {
    const gh = fakeGitHub([{ id: 1, body: "looks good" }]);
    expect(await upsertPullRequestComment({ token: "t", repository: "o/r", pullNumber: 7, body: "new", fetch: gh.fetch })).toEqual({ action: "created", id: 999 });
    expect(gh.calls.map((c) => c.method)).toEqual(["GET", "POST"]);
  });
});
