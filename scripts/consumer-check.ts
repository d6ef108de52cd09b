import { spawnSync } from "child_process";
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, statSync, writeFileSync } from "fs";
import { builtinModules } from "module";
import { tmpdir } from "os";
import { basename, dirname, join, relative, resolve, sep } from "path";
import { bindingFolder, readUsedTypes } from "./terraform/provider-bindings";

/**
 * `node -r ./scripts/ts-register.js scripts/consumer-check.ts`: proves the package works for a consumer.
 *
 * 1. `npm pack`s the project (which runs `prepack`, the build) into a temporary directory and checks
 *    the tarball's file list: dist/index.js and dist/index.d.ts present; no tests, no reference-app
 *    entry (main.js), no bench or scripts, no TypeScript sources other than .d.ts, no node_modules.
 * 2. Creates a scratch CommonJS cdktf app there and installs the tarball together with the peer
 *    dependencies at the exact versions the project pins (a real `npm install`, so the package code
 *    comes from the tarball, never from this checkout).
 * 3. Checks the consumer has one copy of cdktf, constructs and the providers: nothing nested under
 *    node_modules/cdktf-aks-platform/node_modules, and the package resolves the same files as the app.
 * 4. Checks every relative require/import in the installed dist/ resolves inside the package, and
 *    every bare one is a Node builtin or a declared (peer) dependency.
 * 5. Runs a plain JavaScript app that require()s the package, builds a stack with an AzurermProvider,
 *    a ResourceGroup, an AlwaysOnCluster and a SpotAutoscalePool (using the exported enums), and
 *    synthesizes; then checks cdk.tf.json has the cluster and a node pool with priority Spot.
 * 6. Type-checks a small TypeScript consumer against the installed dist/*.d.ts (through `exports`).
 * 7. Runs the installed `cdktf-plan-review` bin on the consumer's synthesized output (against
 *    itself: exit 0, and SARIF 2.1.0), and with a missing plan file (exit 1).
 * 8. Follows README.md's "Using the constructs from npm" verbatim: the tarball is put where the
 *    README's clone would have written it, then the README's setup block (`cdktf init
 *    --template=typescript` from the pinned cdktf-cli, TypeScript 5.9, the tarball and the
 *    providers) runs in an empty directory, its main.ts block replaces the scaffold's, `tsc` checks
 *    it under cdktf init's own tsconfig (strict, noUnusedLocals), and its synth block (`npx cdktf
 *    synth`, `npm test`) runs; the synthesized stack must hold the cluster and the spot pool. The
 *    blocks are read from README.md, so the README and this check cannot drift apart.
 *
 * Prints one `ok - ...` line per check and `consumer-check passed` at the end; exits 1 with a
 * `consumer-check FAILED: ...` message on the first failure. Removes the temporary directory unless
 * CONSUMER_CHECK_KEEP=1.
 */

const ROOT = resolve(__dirname, "..");
const PACKAGE_NAME = "cdktf-aks-platform";
const KEEP = process.env.CONSUMER_CHECK_KEEP === "1";

interface PackageJson {
  name: string;
  version: string;
  main?: string;
  types?: string;
  exports?: Record<string, unknown>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  bundleDependencies?: unknown;
  bundledDependencies?: unknown;
}

class CheckFailure extends Error {}

function fail(message: string): never {
  throw new CheckFailure(message);
}

function ok(message: string): void {
  console.log(`ok - ${message}`);
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, "utf8")) as T;
}

/** npm 11 here warns about an unknown "nodedir" user config on every call; that is noise. */
function withoutNpmNoise(text: string): string {
  return text
    .split("\n")
    .filter((line) => !/Unknown (user|env|project|global) config "nodedir"/.test(line))
    .join("\n")
    .trim();
}

interface RunResult {
  stdout: string;
  stderr: string;
  seconds: number;
}

function run(
  command: string,
  args: string[],
  cwd: string,
  what: string,
  keepLine: (line: string) => boolean = () => true,
  baseEnv: NodeJS.ProcessEnv = process.env,
): RunResult {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    env: { ...baseEnv, npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false", npm_config_prefer_offline: "true", CHECKPOINT_DISABLE: "1" },
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const stdout = result.stdout ?? "";
  const stderr = withoutNpmNoise(result.stderr ?? "");
  if (result.error) fail(`${what}: could not run ${command}: ${result.error.message}`);
  if (result.status !== 0) {
    fail(
      `${what} exited with ${result.status ?? result.signal}\n$ ${command} ${args.join(" ")}\n` +
        `--- stdout ---\n${stdout.split("\n").filter(keepLine).join("\n").trim()}\n--- stderr ---\n${stderr}`,
    );
  }
  return { stdout, stderr, seconds };
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return lstatSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel !== "" && rel !== ".." && !rel.startsWith(`..${sep}`) && !rel.startsWith(sep);
}

/** "@scope/name/lib/x" -> "@scope/name"; "cdktf" -> "cdktf". */
function packageOf(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/** The peer dependencies with the exact versions to install: the pinned one, or the one the project uses. */
function pinnedPeers(pkg: PackageJson): Map<string, string> {
  const peers = new Map<string, string>();
  for (const [name, spec] of Object.entries(pkg.peerDependencies ?? {})) {
    if (/^\d+\.\d+\.\d+$/.test(spec)) {
      peers.set(name, spec);
    } else {
      // A range (constructs): install the version the project's own tests run against.
      const installed = join(ROOT, "node_modules", name, "package.json");
      if (!existsSync(installed)) fail(`peer dependency ${name}@${spec} is not installed in ${ROOT}/node_modules; run npm ci`);
      peers.set(name, readJson<PackageJson>(installed).version);
    }
  }
  return peers;
}

// ---------------------------------------------------------------------------------------------
// 1. Pack and check the tarball's file list.

function packTarball(work: string): { tarball: string; entries: string[] } {
  const packed = run("npm", ["pack", "--pack-destination", work, "--json"], ROOT, "npm pack (runs prepack: npm run build)");
  const tarballs = readdirSync(work).filter((name) => name.endsWith(".tgz"));
  if (tarballs.length !== 1) fail(`npm pack should write one .tgz into ${work}, found: ${tarballs.join(", ") || "none"}`);
  const tarball = join(work, tarballs[0]);
  const listing = run("tar", ["-tzf", tarball], work, "listing the tarball");
  const entries = listing.stdout
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.endsWith("/"))
    .map((line) => line.replace(/^package\//, ""));
  console.log(`packed ${tarballs[0]} (${entries.length} files) in ${packed.seconds.toFixed(1)} s`);
  return { tarball, entries };
}

function checkTarballContents(entries: string[], pkg: PackageJson): void {
  const present = new Set(entries);
  const required = ["package.json", "dist/index.js", "dist/index.d.ts", "LICENSE", "CHANGELOG.md", "README.md"];
  const missing = required.filter((file) => !present.has(file));
  if (missing.length > 0) {
    const hint =
      existsSync(join(ROOT, ".tsbuildinfo", "build.tsbuildinfo")) && !entries.some((e) => e.startsWith("dist/"))
        ? "\nThe tarball has no dist/ at all. tsconfig.build.json builds incrementally: when dist/ is deleted but " +
          ".tsbuildinfo/build.tsbuildinfo is kept, `tsc -p tsconfig.build.json` emits nothing. Make the build clean " +
          "(remove dist/ and the build .tsbuildinfo first, or pass --incremental false)."
        : "";
    fail(`the tarball lacks ${missing.join(", ")}; it has:\n  ${entries.join("\n  ")}${hint}`);
  }
  ok("tarball contains package.json, dist/index.js, dist/index.d.ts, LICENSE, CHANGELOG.md and README.md");

  // Every entry point package.json names must be in the tarball.
  const targets = new Set<string>();
  if (pkg.main) targets.add(pkg.main);
  if (pkg.types) targets.add(pkg.types);
  const collect = (value: unknown): void => {
    if (typeof value === "string") targets.add(value);
    else if (value && typeof value === "object") Object.values(value).forEach(collect);
  };
  collect(pkg.exports);
  const dangling = [...targets].map((t) => t.replace(/^\.\//, "")).filter((t) => !t.includes("*") && !present.has(t));
  if (dangling.length > 0) fail(`package.json main/types/exports point at files the tarball lacks: ${dangling.join(", ")}`);
  ok(`package.json main, types and exports targets are all in the tarball (${[...targets].join(", ")})`);

  // The ./providers/* export: every binding the library uses, and each provider's configuration.
  const used = readUsedTypes(join(ROOT, "providers", "used-types.json"));
  const folders = Object.entries(used).flatMap(([provider, types]) => [
    `${provider}/provider`,
    ...types.resources.map((t) => bindingFolder(provider, t, "resource")),
    ...types.dataSources.map((t) => bindingFolder(provider, t, "dataSource")),
  ]);
  const missingBindings = folders.flatMap((f) => [`dist/providers/${f}/index.js`, `dist/providers/${f}/index.d.ts`]).filter((f) => !present.has(f));
  if (missingBindings.length > 0) fail(`the tarball lacks provider bindings the ./providers/* export promises:\n  ${missingBindings.join("\n  ")}`);
  ok(`tarball ships the ${folders.length} provider bindings under dist/providers/ (the ./providers/* export)`);

  const forbidden: Array<[string, (entry: string) => boolean]> = [
    ["test files", (e) => /(^|\/)(__tests__|__snapshots__|__mocks__|test|tests)\//.test(e) || /\.(test|spec)\.[cm]?[jt]sx?$|\.snap$/.test(e)],
    ["the reference app entry main.js (main.*)", (e) => /(^|\/)main\.(js|d\.ts|ts|js\.map)$/.test(e)],
    ["TypeScript sources other than .d.ts", (e) => /\.(ts|tsx|mts|cts)$/.test(e) && !/\.d\.(ts|mts|cts)$/.test(e)],
    ["bench or scripts output", (e) => /^dist\/(bench|scripts)\//.test(e)],
    ["bundled node_modules", (e) => /(^|\/)node_modules\//.test(e)],
    ["build or local state (tsbuildinfo, cdktf.out, terraform state, .tgz)", (e) => /tsbuildinfo|(^|\/)cdktf\.out\/|\.tfstate|\.tgz$|(^|\/)\.terraform\//.test(e)],
  ];
  const offences = forbidden
    .map(([what, test]) => [what, entries.filter(test)] as const)
    .filter(([, hits]) => hits.length > 0)
    .map(([what, hits]) => `${what}: ${hits.join(", ")}`);
  if (offences.length > 0) fail(`the tarball ships files a consumer must not get:\n  ${offences.join("\n  ")}`);
  ok("tarball has no test files, no main.js, no bench/scripts, no .ts sources other than .d.ts, no node_modules");

  if (pkg.bundleDependencies || pkg.bundledDependencies) fail("package.json bundles dependencies; cdktf and the providers must stay peers");
  const peerNames = new Set(Object.keys(pkg.peerDependencies ?? {}));
  const doubled = Object.keys(pkg.dependencies ?? {}).filter((name) => peerNames.has(name) || name === "cdktf" || name === "constructs" || name.startsWith("@cdktf/provider-"));
  if (doubled.length > 0) fail(`package.json lists ${doubled.join(", ")} under dependencies; they must be peerDependencies only`);
}

// ---------------------------------------------------------------------------------------------
// 2. Scratch app and install.

function createScratchApp(app: string): void {
  mkdirSync(app);
  writeFileSync(
    join(app, "package.json"),
    JSON.stringify({ name: "aks-platform-consumer", version: "0.0.0", private: true, type: "commonjs", main: "main.js" }, null, 2) + "\n",
  );
  writeFileSync(
    join(app, "cdktf.json"),
    JSON.stringify({ language: "typescript", app: "node main.js", output: "cdktf.out", terraformProviders: [], terraformModules: [] }, null, 2) + "\n",
  );
  writeFileSync(join(app, "main.js"), CONSUMER_MAIN_JS);
}

function install(app: string, tarball: string, peers: Map<string, string>): void {
  const specs = [...peers].map(([name, version]) => `${name}@${version}`);
  const result = run(
    "npm",
    ["install", tarball, ...specs, "--save-exact", "--prefer-offline", "--no-audit", "--no-fund"],
    app,
    "npm install of the tarball and its peers",
  );
  console.log(`installed the tarball and ${specs.join(", ")} in ${result.seconds.toFixed(1)} s`);

  const installed = join(app, "node_modules", PACKAGE_NAME);
  if (!existsSync(join(installed, "package.json"))) fail(`npm install did not create ${installed}`);
  if (lstatSync(installed).isSymbolicLink() || isInside(realpathSync(installed), ROOT) || realpathSync(installed) === ROOT) {
    fail(`${installed} links back to the project; the package must be a copy extracted from the tarball`);
  }
  for (const [name, version] of peers) {
    const manifest = join(app, "node_modules", name, "package.json");
    if (!existsSync(manifest)) fail(`peer dependency ${name} was not installed in the scratch app`);
    const got = readJson<PackageJson>(manifest).version;
    if (got !== version) fail(`peer dependency ${name}: expected ${version}, installed ${got}`);
  }
}

// ---------------------------------------------------------------------------------------------
// 3 and 4. One copy of the peers; the installed code is self-contained.

function checkSingleCopies(app: string, peers: Map<string, string>): void {
  const installed = join(app, "node_modules", PACKAGE_NAME);
  const nested = join(installed, "node_modules");
  if (existsSync(nested)) {
    const names = readdirSync(nested).flatMap((name) =>
      name.startsWith("@") ? readdirSync(join(nested, name)).map((sub) => `${name}/${sub}`) : [name],
    );
    const duplicates = names.filter((n) => peers.has(n) || n === "cdktf" || n === "constructs" || n.startsWith("@cdktf/provider-"));
    if (duplicates.length > 0) {
      fail(`the consumer gets a second copy of ${duplicates.join(", ")} under ${nested}; they must be peerDependencies only`);
    }
    const others = names.filter((n) => !n.startsWith("."));
    if (others.length > 0) console.log(`note: ${nested} holds ${others.join(", ")}`);
  }
  const fromApp = (id: string) => require.resolve(id, { paths: [app] });
  const fromPackage = (id: string) => require.resolve(id, { paths: [join(installed, "dist")] });
  for (const name of peers.keys()) {
    const probe = name.startsWith("@cdktf/provider-") ? `${name}/lib/provider` : name;
    const a = fromApp(probe);
    const b = fromPackage(probe);
    if (a !== b) fail(`${probe} resolves to ${a} for the app but to ${b} for ${PACKAGE_NAME}: two copies`);
    if (!isInside(a, join(app, "node_modules"))) fail(`${probe} resolves outside the scratch app: ${a}`);
  }
  ok(`consumer has one copy each of ${[...peers.keys()].join(", ")} (nothing under node_modules/${PACKAGE_NAME}/node_modules)`);
}

function checkImportsResolve(app: string, pkg: PackageJson): void {
  const installed = join(app, "node_modules", PACKAGE_NAME);
  const allowed = new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})]);
  const builtins = new Set(builtinModules);
  const problems: string[] = [];
  const files = listFiles(join(installed, "dist")).filter((f) => f.endsWith(".js") || f.endsWith(".d.ts"));
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    const isDts = file.endsWith(".d.ts");
    const pattern = isDts
      ? /(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)["']([^"']+)["']|\/\/\/\s*<reference\s+path=["']([^"']+)["']/g
      : /\brequire\s*\(\s*["']([^"']+)["']\s*\)/g;
    for (const match of text.matchAll(pattern)) {
      const spec = match[1] ?? match[2];
      const where = relative(installed, file);
      if (spec.startsWith(".") || match[2] !== undefined) {
        const base = resolve(dirname(file), spec);
        const candidates = isDts
          ? [base, `${base}.d.ts`, join(base, "index.d.ts"), base.replace(/\.js$/, ".d.ts")]
          : [base, `${base}.js`, `${base}.json`, join(base, "index.js")];
        const hit = candidates.find((c) => existsSync(c) && statSync(c).isFile());
        if (!hit) problems.push(`${where}: "${spec}" is not in the package`);
      } else {
        const name = spec.replace(/^node:/, "");
        if (builtins.has(name) || builtins.has(name.split("/")[0])) continue;
        if (!allowed.has(packageOf(spec))) problems.push(`${where}: "${spec}" is neither a Node builtin nor a declared (peer) dependency`);
      }
    }
  }
  if (problems.length > 0) fail(`the installed package has imports a consumer cannot satisfy:\n  ${problems.join("\n  ")}`);
  ok(`every require/import in the installed dist/ (${files.length} files) resolves inside the package or to a declared peer`);
}

// ---------------------------------------------------------------------------------------------
// 5. Synthesize the consumer app.

const STACK = "consumer";

const CONSUMER_MAIN_JS = `"use strict";
// A consumer of ${PACKAGE_NAME}: plain CommonJS, no compiler.
const path = require("path");
const { App, TerraformStack } = require("cdktf");
const { Construct } = require("constructs");
const { AzurermProvider } = require("${PACKAGE_NAME}/providers/azurerm/provider");
const { ResourceGroup } = require("${PACKAGE_NAME}/providers/azurerm/resource-group");
const {
  AlwaysOnCluster,
  SpotAutoscalePool,
  AksSkuTier,
  NodeOsSku,
  NetworkPolicyEngine,
  SpotEvictionPolicy,
  NodePoolMode,
  MaintenanceWindow,
  DayOfWeek,
} = require("${PACKAGE_NAME}");

// Where the code came from, for the check script.
const entry = require.resolve("${PACKAGE_NAME}");
console.log("resolved ${PACKAGE_NAME} " + entry);
console.log("resolved cdktf " + require.resolve("cdktf"));

const location = "westeurope";

class ConsumerStack extends TerraformStack {
  constructor(scope, id) {
    super(scope, id);
    new AzurermProvider(this, "azurerm", { features: [{}] });
    const group = new ResourceGroup(this, "group", { name: "rg-consumer-check", location });
    // Non-default enum values, so the synthesized JSON proves the exported enums flowed through.
    this.cluster = new AlwaysOnCluster(this, "cluster", {
      resourceGroupName: group.name,
      location,
      clusterName: "aks-consumer-check",
      nodeCount: 2,
      skuTier: AksSkuTier.FREE,
      osSku: NodeOsSku.UBUNTU,
      networkPolicy: NetworkPolicyEngine.AZURE,
      maintenanceWindow: MaintenanceWindow.weekly(DayOfWeek.SATURDAY, 1, 4),
    });
    this.spot = new SpotAutoscalePool(this, "spot", {
      cluster: this.cluster,
      name: "spotagents",
      minCount: 0,
      maxCount: 3,
      mode: NodePoolMode.USER,
      evictionPolicy: SpotEvictionPolicy.DEALLOCATE,
    });
  }
}

const app = new App({ outdir: path.join(__dirname, "cdktf.out") });
const stack = new ConsumerStack(app, "${STACK}");
if (!(stack.cluster instanceof Construct) || !(stack.spot instanceof Construct)) {
  throw new Error("the package's constructs are not instances of the app's Construct class: two copies of constructs");
}
if (TerraformStack.of(stack.spot) !== stack) {
  throw new Error("TerraformStack.of(spot pool) is not the consumer's stack: two copies of cdktf");
}
app.synth();
console.log("synthesized " + path.join(__dirname, "cdktf.out", "stacks", "${STACK}", "cdk.tf.json"));
`;

type Resources = Record<string, Record<string, Record<string, unknown>>>;

function synthesize(app: string): void {
  const result = run(process.execPath, ["main.js"], app, "the consumer app (node main.js)");
  const entryLine = result.stdout.split("\n").find((line) => line.startsWith(`resolved ${PACKAGE_NAME} `));
  const entry = entryLine?.slice(`resolved ${PACKAGE_NAME} `.length).trim();
  const expected = join(app, "node_modules", PACKAGE_NAME, "dist", "index.js");
  if (entry === undefined) fail(`the consumer app did not report where ${PACKAGE_NAME} resolved:\n${result.stdout}`);
  if (realpathSync(entry) !== realpathSync(expected) || isInside(realpathSync(entry), ROOT)) {
    fail(`require("${PACKAGE_NAME}") resolved to ${entry}, expected the installed tarball at ${expected}`);
  }
  ok(`require("${PACKAGE_NAME}") loads the installed tarball (node_modules/${PACKAGE_NAME}/dist/index.js), not ${ROOT}`);
  ok(`consumer app synthesized in ${result.seconds.toFixed(1)} s (AzurermProvider, ResourceGroup, AlwaysOnCluster, SpotAutoscalePool)`);

  const file = join(app, "cdktf.out", "stacks", STACK, "cdk.tf.json");
  if (!existsSync(file)) fail(`synthesis did not write ${file}`);
  const json = readJson<{ provider?: Record<string, unknown>; resource?: Resources }>(file);
  const resources = json.resource ?? {};
  const only = (type: string): [string, Record<string, unknown>] => {
    const entries = Object.entries(resources[type] ?? {});
    if (entries.length !== 1) fail(`expected one ${type} in ${file}, found ${entries.length} (resource types: ${Object.keys(resources).join(", ") || "none"})`);
    return entries[0];
  };
  if (!json.provider?.azurerm) fail(`${file} has no azurerm provider block`);
  only("azurerm_resource_group");

  const [clusterName, cluster] = only("azurerm_kubernetes_cluster");
  const expectCluster: Record<string, unknown> = { name: "aks-consumer-check", sku_tier: "Free", location: "westeurope" };
  for (const [key, value] of Object.entries(expectCluster)) {
    if (cluster[key] !== value) fail(`azurerm_kubernetes_cluster.${clusterName}.${key}: expected ${JSON.stringify(value)}, got ${JSON.stringify(cluster[key])}`);
  }
  const defaultPool = cluster.default_node_pool as Record<string, unknown> | undefined;
  if (defaultPool?.os_sku !== "Ubuntu") fail(`azurerm_kubernetes_cluster.${clusterName}.default_node_pool.os_sku: expected "Ubuntu", got ${JSON.stringify(defaultPool?.os_sku)}`);
  const network = cluster.network_profile as Record<string, unknown> | undefined;
  if (network?.network_policy !== "azure") fail(`azurerm_kubernetes_cluster.${clusterName}.network_profile.network_policy: expected "azure", got ${JSON.stringify(network?.network_policy)}`);
  ok(`cdk.tf.json has azurerm_kubernetes_cluster.${clusterName} (sku_tier Free, os_sku Ubuntu, network_policy azure from the exported enums)`);

  const [poolName, pool] = only("azurerm_kubernetes_cluster_node_pool");
  if (pool.priority !== "Spot") fail(`azurerm_kubernetes_cluster_node_pool.${poolName}.priority: expected "Spot", got ${JSON.stringify(pool.priority)}`);
  if (pool.eviction_policy !== "Deallocate") fail(`azurerm_kubernetes_cluster_node_pool.${poolName}.eviction_policy: expected "Deallocate", got ${JSON.stringify(pool.eviction_policy)}`);
  if (pool.kubernetes_cluster_id !== `\${azurerm_kubernetes_cluster.${clusterName}.id}`) {
    fail(`azurerm_kubernetes_cluster_node_pool.${poolName}.kubernetes_cluster_id: expected a reference to azurerm_kubernetes_cluster.${clusterName}, got ${JSON.stringify(pool.kubernetes_cluster_id)}`);
  }
  ok(`cdk.tf.json has azurerm_kubernetes_cluster_node_pool.${poolName} with priority Spot (eviction_policy Deallocate), attached to the cluster`);
}

// ---------------------------------------------------------------------------------------------
// 6. Type-check a TypeScript consumer against the installed declarations.

const CONSUMER_TYPES_TS = `import { App, TerraformStack } from "cdktf";
import { AzurermProvider } from "${PACKAGE_NAME}/providers/azurerm/provider";
import { ResourceGroup, ResourceGroupConfig } from "${PACKAGE_NAME}/providers/azurerm/resource-group";
import {
  AksSkuTier,
  AlwaysOnCluster,
  AlwaysOnClusterProps,
  NodeOsSku,
  SpotAutoscalePool,
  SpotEvictionPolicy,
} from "${PACKAGE_NAME}";

type IsAny<T> = 0 extends 1 & T ? true : false;
// Fail to compile when the package's types did not resolve and everything became any.
const clusterTyped: IsAny<typeof AlwaysOnCluster> = false;
const poolTyped: IsAny<typeof SpotAutoscalePool> = false;
const propsTyped: IsAny<AlwaysOnClusterProps> = false;

const app = new App();
const stack = new TerraformStack(app, "typed");
new AzurermProvider(stack, "azurerm", { features: [{}] });
const cluster = new AlwaysOnCluster(stack, "cluster", {
  resourceGroupName: "rg",
  location: "eastus",
  skuTier: AksSkuTier.STANDARD,
  osSku: NodeOsSku.AZURE_LINUX,
});
const pool = new SpotAutoscalePool(stack, "spot", { cluster, evictionPolicy: SpotEvictionPolicy.DELETE });
// The consumer's own resources from the bindings the package ships (its ./providers/* export).
const rgConfig: ResourceGroupConfig = { name: "own", location: "eastus" };
const rg: ResourceGroup = new ResourceGroup(stack, "own", rgConfig);
const bindingTyped: IsAny<typeof ResourceGroup> = false;
// @ts-expect-error azurerm 5's resource group has no such argument
new ResourceGroup(stack, "bad-rg", { name: "x", location: "eastus", sku: "Basic" });
const id: string = cluster.clusterId;
const max: number = pool.maxCount;
// @ts-expect-error a plain string is not an AksSkuTier
new AlwaysOnCluster(stack, "bad", { resourceGroupName: "rg", location: "eastus", skuTier: "Free" });

export const used = [clusterTyped, poolTyped, propsTyped, bindingTyped, id, max, rg.id];
`;

// ---------------------------------------------------------------------------------------------
// 7. The plan-review bin, installed from the tarball.

function planReview(app: string): void {
  const bin = join(app, "node_modules", ".bin", "cdktf-plan-review");
  if (!existsSync(bin)) fail(`npm did not install the cdktf-plan-review bin at ${bin}`);
  const target = realpathSync(bin);
  if (target !== realpathSync(join(app, "node_modules", PACKAGE_NAME, "dist", "review", "cdktf-plan-review.js"))) {
    fail(`node_modules/.bin/cdktf-plan-review points at ${target}, expected the installed package's dist/review/cdktf-plan-review.js`);
  }
  const review = spawnSync(bin, ["--synth", "cdktf.out", "--base", "cdktf.out", "--format", "sarif"], { cwd: app, encoding: "utf8" });
  if (review.status !== 0) fail(`cdktf-plan-review --synth cdktf.out --base cdktf.out exited ${review.status ?? review.signal}: ${review.stderr}`);
  const sarif = JSON.parse(review.stdout) as { version?: string; runs?: unknown[] };
  if (sarif.version !== "2.1.0" || sarif.runs?.length !== 1) fail(`cdktf-plan-review --format sarif printed no SARIF 2.1.0 log:\n${review.stdout.slice(0, 500)}`);
  const bad = spawnSync(bin, ["--synth", "cdktf.out", "--plan", `${STACK}=missing-plan.json`], { cwd: app, encoding: "utf8" });
  if (bad.status !== 1 || !bad.stderr.includes("missing-plan.json: no such file")) {
    fail(`cdktf-plan-review with a missing plan file: expected exit 1 naming the file, got ${bad.status}: ${bad.stderr}`);
  }
  ok("node_modules/.bin/cdktf-plan-review reviews the consumer's cdktf.out (exit 0, SARIF 2.1.0) and exits 1 on a missing plan file");
}

function typeCheck(app: string): void {
  const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
  if (!existsSync(tsc)) fail(`TypeScript is not installed in ${ROOT}/node_modules; run npm ci`);
  writeFileSync(join(app, "consumer-types.ts"), CONSUMER_TYPES_TS);
  writeFileSync(
    join(app, "tsconfig.json"),
    JSON.stringify(
      {
        compilerOptions: {
          target: "ES2022",
          lib: ["ES2022"],
          // node16 resolution honours package.json "exports", as a current consumer's compiler does.
          module: "node16",
          moduleResolution: "node16",
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: [],
        },
        files: ["consumer-types.ts"],
      },
      null,
      2,
    ) + "\n",
  );
  const result = run(process.execPath, [tsc, "-p", "tsconfig.json", "--listFiles"], app, "tsc on a TypeScript consumer", (line) =>
    line.includes("error TS") || line.startsWith(" "),
  );
  const files = result.stdout.split("\n").map((line) => line.trim()).filter((line) => line !== "");
  const expected = join(app, "node_modules", PACKAGE_NAME, "dist", "index.d.ts");
  if (!files.some((f) => existsSync(f) && realpathSync(f) === realpathSync(expected))) {
    fail(`tsc did not load ${expected} for "${PACKAGE_NAME}"; files in the program:\n  ${files.join("\n  ")}`);
  }
  const binding = join(app, "node_modules", PACKAGE_NAME, "dist", "providers", "azurerm", "resource-group", "index.d.ts");
  if (!files.some((f) => existsSync(f) && realpathSync(f) === realpathSync(binding))) {
    fail(`tsc did not load ${binding} for "${PACKAGE_NAME}/providers/azurerm/resource-group"; files in the program:\n  ${files.join("\n  ")}`);
  }
  const compilerLib = join(ROOT, "node_modules", "typescript", "lib");
  const fromProject = files.filter((f) => isInside(resolve(f), ROOT) && !isInside(resolve(f), compilerLib));
  if (fromProject.length > 0) fail(`tsc loaded declarations from the project instead of the scratch app: ${fromProject.join(", ")}`);
  ok(
    `a TypeScript consumer type-checks against node_modules/${PACKAGE_NAME}/dist/index.d.ts and a binding of ${PACKAGE_NAME}/providers/* ` +
      `(moduleResolution node16, ${result.seconds.toFixed(1)} s)`,
  );
}

// ---------------------------------------------------------------------------------------------
// 8. The README's npm section, verbatim, from an empty directory.

/** The fenced block that follows `<!-- consumer-check: <name> -->` in README.md. */
function readmeBlock(readme: string, name: string): string {
  const marker = `<!-- consumer-check: ${name} -->`;
  const at = readme.indexOf(marker);
  if (at < 0) fail(`README.md has no "${marker}" marker before the block the consumer check runs`);
  if (readme.indexOf(marker, at + marker.length) >= 0) fail(`README.md has "${marker}" twice`);
  const match = /^\s*```[a-z]*\n([\s\S]*?)\n```/.exec(readme.slice(at + marker.length));
  if (!match) fail(`README.md: "${marker}" is not followed by a fenced code block`);
  return match[1];
}

function runShellBlock(block: string, cwd: string, what: string): RunResult {
  // A new user's shell: the cdktf CLI reads every CDKTF_* variable as an option (and rejects
  // unknown ones), so this project's own (the test runner's CDKTF_AKS_PLATFORM_TEST_TMPDIR,
  // CDKTF_OUTDIR) are not passed on. Telemetry off (run() sets CHECKPOINT_DISABLE): cdktf-cli
  // calls checkpoint-api.hashicorp.com, which this check must not need.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("CDKTF_")));
  return run("bash", ["-euo", "pipefail", "-c", block], cwd, what, () => true, env);
}

function readmeConsumer(work: string, tarball: string): void {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const setup = readmeBlock(readme, "setup");
  const mainTs = readmeBlock(readme, "main.ts");
  const synth = readmeBlock(readme, "synth");

  // Where the README's `npm pack` in a clone named cdktf-aks-platform leaves the tarball.
  const readmeWork = join(work, "readme");
  mkdirSync(join(readmeWork, PACKAGE_NAME), { recursive: true });
  copyFileSync(tarball, join(readmeWork, PACKAGE_NAME, basename(tarball)));
  if (!/^mkdir (\S+) && cd \1$/m.test(setup.split("\n")[0])) fail(`the README's setup block must start in a new empty directory (mkdir <dir> && cd <dir>), got: ${setup.split("\n")[0]}`);
  const project = join(readmeWork, /^mkdir (\S+)/.exec(setup)![1]);

  const installed = runShellBlock(setup, readmeWork, "the README's setup block (cdktf init, TypeScript 5.9, the tarball and the providers)");
  const cdktfJson = readJson<{ language?: string; app?: string }>(join(project, "cdktf.json"));
  const tsconfig = readJson<{ compilerOptions?: Record<string, unknown> }>(join(project, "tsconfig.json"));
  if (cdktfJson.language !== "typescript" || cdktfJson.app !== "npx ts-node main.ts") {
    fail(`cdktf init did not write the TypeScript project's cdktf.json: ${JSON.stringify(cdktfJson)}`);
  }
  for (const flag of ["strict", "noUnusedLocals", "noUnusedParameters"]) {
    if (tsconfig.compilerOptions?.[flag] !== true) fail(`cdktf init's tsconfig.json does not set ${flag}; the check means to compile under it: ${JSON.stringify(tsconfig.compilerOptions)}`);
  }
  const typescript = readJson<PackageJson>(join(project, "node_modules", "typescript", "package.json")).version;
  if (!typescript.startsWith("5.9.")) fail(`the README's setup installed TypeScript ${typescript}, expected 5.9.x`);
  const cli = readJson<PackageJson>(join(project, "node_modules", "cdktf-cli", "package.json")).version;
  const library = join(project, "node_modules", PACKAGE_NAME);
  if (lstatSync(library).isSymbolicLink() || readJson<PackageJson>(join(library, "package.json")).version !== readJson<PackageJson>(join(ROOT, "package.json")).version) {
    fail(`${library} is not the packed tarball's copy`);
  }
  ok(`the README's setup block ran verbatim in an empty directory in ${installed.seconds.toFixed(1)} s: cdktf init's project (cdktf.json app "npx ts-node main.ts", tsconfig strict + noUnusedLocals), TypeScript ${typescript}, cdktf-cli ${cli}, ${PACKAGE_NAME} from the tarball`);

  writeFileSync(join(project, "main.ts"), mainTs + "\n");
  const tsc = join(project, "node_modules", "typescript", "bin", "tsc");
  run(process.execPath, [tsc, "--noEmit", "-p", "tsconfig.json"], project, "tsc --noEmit on the README's main.ts under cdktf init's tsconfig.json");
  ok(`the README's main.ts type-checks under cdktf init's tsconfig.json (strict, noUnusedLocals, noUnusedParameters) with TypeScript ${typescript}`);

  const synthesized = runShellBlock(synth, project, "the README's synth block (npx cdktf synth, npm test)");
  const file = join(project, "cdktf.out", "stacks", "my-aks", "cdk.tf.json");
  if (!existsSync(file)) fail(`the README's synth block did not write ${file}:\n${synthesized.stdout}\n${synthesized.stderr}`);
  const resources = readJson<{ resource?: Resources }>(file).resource ?? {};
  const clusters = Object.values(resources.azurerm_kubernetes_cluster ?? {});
  const pools = Object.values(resources.azurerm_kubernetes_cluster_node_pool ?? {});
  if (clusters.length !== 1 || (clusters[0].default_node_pool as Record<string, unknown> | undefined)?.node_count !== 5) {
    fail(`${file}: expected one azurerm_kubernetes_cluster with 5 always-on nodes, got ${JSON.stringify(clusters.map((c) => c.default_node_pool))}`);
  }
  if (pools.length !== 1 || pools[0].priority !== "Spot" || pools[0].spot_max_price !== 0.05 || pools[0].max_count !== 20) {
    fail(`${file}: expected one Spot node pool (max 20, spot_max_price 0.05), got ${JSON.stringify(pools)}`);
  }
  ok(`the README's synth block ran verbatim (npx cdktf synth, npm test) in ${synthesized.seconds.toFixed(1)} s: cdktf.out/stacks/my-aks/cdk.tf.json has the cluster (5 nodes) and the spot pool (max 20, $0.05/h)`);
}

// ---------------------------------------------------------------------------------------------

/**
 * cdktf init's jest.config.js ignores test paths matching its `testPathIgnorePatterns`, unanchored
 * regular expressions: `.js` also matches a directory named `nodejs` or a temporary one ending in
 * `bjs7Qx`, and then `npm test` finds no test. The README's project must not sit under such a path.
 */
const CDKTF_INIT_JEST_IGNORED = [/\/node_modules\//, /.d.ts/, /.js/];

/** A fresh temporary directory whose real path none of cdktf init's jest ignore patterns matches. */
function consumerWorkDir(): string {
  for (let attempt = 0; attempt < 20; attempt++) {
    const dir = mkdtempSync(join(tmpdir(), `${PACKAGE_NAME}-consumer-`));
    const real = `${realpathSync(dir)}/`;
    if (!CDKTF_INIT_JEST_IGNORED.some((p) => p.test(real))) return dir;
    rmSync(dir, { recursive: true, force: true });
    if (CDKTF_INIT_JEST_IGNORED.some((p) => p.test(`${realpathSync(tmpdir())}/`))) {
      fail(`the temporary directory ${tmpdir()} matches cdktf init's jest testPathIgnorePatterns (${CDKTF_INIT_JEST_IGNORED.join(", ")}): its npm test would find no test; set TMPDIR elsewhere`);
    }
  }
  fail(`no temporary directory under ${tmpdir()} free of cdktf init's jest testPathIgnorePatterns after 20 tries`);
}

function main(): number {
  const pkg = readJson<PackageJson>(join(ROOT, "package.json"));
  if (pkg.name !== PACKAGE_NAME) fail(`expected package ${PACKAGE_NAME} in ${ROOT}, found ${pkg.name}`);
  const peers = pinnedPeers(pkg);
  const work = consumerWorkDir();
  console.log(`consumer-check of ${pkg.name}@${pkg.version} in ${work}`);
  try {
    const { tarball, entries } = packTarball(work);
    checkTarballContents(entries, pkg);
    const app = join(work, "app");
    createScratchApp(app);
    install(app, tarball, peers);
    const installedPkg = readJson<PackageJson>(join(app, "node_modules", PACKAGE_NAME, "package.json"));
    if (installedPkg.version !== pkg.version) fail(`installed ${PACKAGE_NAME}@${installedPkg.version}, expected ${pkg.version}`);
    ok(`installed ${PACKAGE_NAME}@${pkg.version} from the tarball with peers ${[...peers].map(([n, v]) => `${n}@${v}`).join(", ")}`);
    checkSingleCopies(app, peers);
    checkImportsResolve(app, installedPkg);
    synthesize(app);
    typeCheck(app);
    planReview(app);
    readmeConsumer(work, tarball);
    console.log("consumer-check passed");
    return 0;
  } catch (error) {
    if (error instanceof CheckFailure) {
      console.error(`consumer-check FAILED: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    if (KEEP) console.log(`kept ${work} (CONSUMER_CHECK_KEEP=1)`);
    else rmSync(work, { recursive: true, force: true });
  }
}

try {
  process.exitCode = main();
} catch (error) {
  const message = error instanceof CheckFailure ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
  console.error(`consumer-check FAILED: ${message}`);
  process.exitCode = 1;
}
