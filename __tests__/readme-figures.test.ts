import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import { App } from "cdktf";
import { CostReport, formatTierTable } from "../cost/cost-report";
import { REFERENCE_PLATFORM_NAME } from "../tiers/common";
import { buildPlatform } from "../stacks/platform-app";
import { platformCostReport } from "../stacks/platform-cost-report";
import { DEV_TIER } from "../tiers/dev";
import { ENTERPRISE_TIER } from "../tiers/enterprise";
import { SMALL_PROD_TIER } from "../tiers/small-prod";
import { STAGING_TIER } from "../tiers/staging";
import { TierSpec } from "../tiers/tier-spec";

// The README's figures are what the code and the scripts produce: a change to a tier or a stack
// that moves a figure fails here until the README says the new one.

const root = resolve(__dirname, "..");
const readme = readFileSync(join(root, "README.md"), "utf8");

/** Cells of the markdown table row whose first cell is `first`. */
/** The first row starting with `| <first> |`, in the table whose header starts with `header` when given. */
function readmeRow(first: string, header?: string): string[] {
  const lines = readme.split("\n");
  const from = header === undefined ? 0 : lines.findIndex((l) => l.startsWith(header));
  if (from < 0) throw new Error(`README.md has no table whose header starts with "${header}"`);
  const line = lines.slice(from).find((l) => l.startsWith(`| ${first} |`));
  if (!line) throw new Error(`README.md has no table row starting with "| ${first} |"`);
  return line.split("|").slice(1, -1).map((c) => c.trim());
}

/** Header of the tier cost table `npm run synth` prints. */
const TIER_COST_HEADER = "| tier | expected/month | min | max | pay-as-you-go | ceiling | seed figure |";

describe("README figures", () => {
  const outdir = mkdtempSync(join(tmpdir(), "cdktf-aks-platform-readme-"));
  const counts = new Map<string, number>();
  let costs: CostReport;

  beforeAll(() => {
    const app = new App({ outdir });
    buildPlatform(app, { platformName: REFERENCE_PLATFORM_NAME });
    app.synth();
    for (const stack of readdirSync(join(outdir, "stacks"))) {
      const json = JSON.parse(readFileSync(join(outdir, "stacks", stack, "cdk.tf.json"), "utf8")) as { resource?: Record<string, object> };
      counts.set(stack, Object.values(json.resource ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0));
    }
    costs = platformCostReport(app, outdir);
  }, 120_000);
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  test("the tiers table's ceilings and seed figures are the tiers'", () => {
    const usd = (n: number) => `$${n.toLocaleString("en-US")}`;
    const cell = (tier: TierSpec) => (tier.budget ? `${usd(tier.budget.ceilingMonthlyUsd)} / ~${usd(tier.budget.seedMonthlyUsd ?? NaN)}` : "–");
    const row = readmeRow("budget ceiling / seed figure");
    expect(row.slice(1).map((c) => c.replace(/ \(all regions\)$/, ""))).toEqual([DEV_TIER, STAGING_TIER, SMALL_PROD_TIER, ENTERPRISE_TIER].map(cell));
  });

  test("the cost table is what npm run synth prints", () => {
    // formatTierTable's columns are separated by two or more spaces; the README leaves out dev ($0).
    const printed = formatTierTable(costs)
      .split("\n")
      .slice(1)
      .map((l) => l.trim().split(/\s{2,}/));
    const tiers = printed.map((r) => r[0]).filter((t) => t !== "dev");
    expect(tiers.length).toBeGreaterThan(0);
    for (const tier of tiers) expect([tier, ...readmeRow(tier, TIER_COST_HEADER).slice(1)]).toEqual(printed.find((r) => r[0] === tier));
  });

  test("the resource counts the README quotes are what synthesis writes", () => {
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const stacks = counts.size;
    const quoted = [...readme.matchAll(/(\d+) stacks,\s+(\d+) resources/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(quoted.length).toBeGreaterThan(0);
    for (const q of quoted) expect(q).toEqual([stacks, total]);
    for (const m of readme.matchAll(/raw replay of the same (\d+) resources/g)) expect(Number(m[1])).toBe(total);
    // The sample output of npm run validate: `ok     <stack>: <n> resources; ...`.
    const transcript = [...readme.matchAll(/^ok\s+([a-z0-9-]+): (\d+) resources;/gm)].map((m) => [m[1], Number(m[2])]);
    expect(transcript.length).toBeGreaterThan(0);
    for (const [stack] of transcript) expect([stack, counts.get(stack as string)]).toEqual(transcript.find((t) => t[0] === stack));
  });
});

describe("docs that stand on their own", () => {
  const shipped = ["index.ts", "main.ts", "constructs", "policies", "cost", "stacks", "tiers", "review"];
  const files = (path: string): string[] =>
    statSync(join(root, path)).isDirectory() ? readdirSync(join(root, path)).flatMap((f) => files(join(path, f))) : path.endsWith(".ts") ? [path] : [];

  test("the README and the shipped sources cite no file a user of the repository does not have", () => {
    const cited = [...shipped.flatMap(files), "README.md"]
      .map((file) => [file, readFileSync(join(root, file), "utf8")] as const)
      .filter(([, text]) => /DESIGN\.md|\bshared\/|\/work\//.test(text))
      .map(([file]) => file);
    expect(cited).toEqual([]);
  });

  test("the documents the README and the price table point to exist", () => {
    const links = [...readme.matchAll(/\]\(([^)#:]+)\)/g)].map((m) => m[1]);
    expect(links).toEqual(expect.arrayContaining(["docs/platform-requirements.md", "docs/pricing-sources.md"]));
    for (const link of links) expect([link, existsSync(join(root, link))]).toEqual([link, true]);
  });
});

describe("the exports the README names", () => {
  // The package's exports as the API report records them (npm test checks the report is current).
  const api = readFileSync(join(root, "api", "cdktf-aks-platform.api.md"), "utf8");
  const exported = new Set([...api.matchAll(/^export (?:declare )?(?:abstract )?(?:class|function|const|enum|interface|type|let) ([A-Za-z_$][\w$]*)/gm)].map((m) => m[1]));
  // Top-level exports of the library's own modules: what a reader could take for the package's API.
  const libraryDirs = ["constructs", "stacks", "policies", "cost", "review", "tiers"];
  const sourceFiles = (dir: string): string[] =>
    readdirSync(join(root, dir)).flatMap((f) => (statSync(join(root, dir, f)).isDirectory() ? sourceFiles(join(dir, f)) : f.endsWith(".ts") ? [join(dir, f)] : []));
  const defined = new Set(
    libraryDirs
      .flatMap(sourceFiles)
      .flatMap((file) => [...readFileSync(join(root, file), "utf8").matchAll(/^export (?:declare )?(?:abstract )?(?:async )?(?:class|function|const|enum|interface|type|let) ([A-Za-z_$][\w$]*)/gm)].map((m) => m[1])),
  );
  // Internals the README discusses as such (the review's tables, the policy packs' indexing), and
  // words that are also names of internal helpers ("terraform show -json", the review's verdict
  // "nothing blocks").
  const INTERNAL = new Set(["NOISY_DIFFS", "DATA_HOLDING_RESOURCES", "StackPolicyResults", "autoscalers", "disruptionBudgets", "show", "blocks"]);

  test("every name imported from the package in the README's code exists in index.ts", () => {
    const imports = [...readme.matchAll(/import(?: type)? \{([^}]*)\} from "cdktf-aks-platform"/g)].flatMap((m) =>
      m[1].split(",").map((n) => n.trim().replace(/^type /, "").split(" as ")[0]).filter((n) => n !== ""),
    );
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter((n) => !exported.has(n))).toEqual([]);
  });

  test("every library name the README puts in backticks is exported, unless it is an internal the README treats as one", () => {
    const prose = readme.replace(/```[\s\S]*?```/g, "");
    const named = [...prose.matchAll(/`([^`\n]+)`/g)].flatMap((m) => [...m[1].matchAll(/(?:^|[^\w$.])([A-Za-z_$][\w$]*)/g)].map((n) => n[1]));
    const unexported = [...new Set(named.filter((n) => defined.has(n) && !exported.has(n) && !INTERNAL.has(n)))];
    expect(unexported).toEqual([]);
    // The internals listed are still named by the README and still unexported: the list holds nothing stale.
    expect([...INTERNAL].filter((n) => !named.includes(n) || exported.has(n))).toEqual([]);
  });
});
