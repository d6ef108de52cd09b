import { existsSync, mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { App, TerraformStack } from "cdktf";
import { AzurermProvider } from "../../providers/azurerm/provider";
import { RedisCache } from "../../providers/azurerm/redis-cache";
import { KubernetesProvider } from "../../providers/kubernetes/provider";
import { AlwaysOnCluster } from "../../constructs/always-on-cluster";
import { PlatformNamespaces } from "../../constructs/platform-namespaces";
import { SpotAutoscalePool } from "../../constructs/spot-autoscale-pool";
import { CostGuardrail } from "../../cost/cost-guardrail";
import { applyPlatformGuardrails } from "../../policies/platform-guardrails";
import { PolicyReport } from "../../policies/policy-report";
import { PolicyProfile } from "../../policies/policy-profile";
import { RULES_BY_PACK } from "../../policies/rule-catalog";

/** A consumer's stack as the README's npm section writes it: the constructs with their defaults. */
function consumerStack(app: App, id = "my-aks"): { stack: TerraformStack; cluster: AlwaysOnCluster } {
  const stack = new TerraformStack(app, id);
  new AzurermProvider(stack, "azurerm", { features: [{}] });
  const cluster = new AlwaysOnCluster(stack, "Cluster", { resourceGroupName: "my-aks", location: "westeurope" });
  new SpotAutoscalePool(stack, "Spot", { cluster });
  return { stack, cluster };
}

/** A stack with one compliant Azure Cache for Redis Basic C1: $40.15 a month. */
function cacheStack(app: App, id: string): TerraformStack {
  const stack = new TerraformStack(app, id);
  new AzurermProvider(stack, "azurerm", { features: [{}] });
  new RedisCache(stack, "Redis", {
    name: id,
    location: "eastus",
    resourceGroupName: "rg",
    skuName: "Basic",
    family: "C",
    capacity: 1,
    minimumTlsVersion: "1.2",
    nonSslPortEnabled: false,
    publicNetworkAccessEnabled: false,
  });
  return stack;
}

/** Runs `app.synth()` into a fresh directory; returns the error message (or "") and the written files. */
function synthesize(build: (app: App) => void): { error: string; outdir: string } {
  const outdir = mkdtempSync(join(tmpdir(), "cdktf-aks-platform-guardrails-"));
  const app = new App({ outdir });
  build(app);
  try {
    app.synth();
    return { error: "", outdir };
  } catch (e) {
    return { error: (e as Error).message, outdir };
  }
}

function readReport(outdir: string): PolicyReport {
  return JSON.parse(readFileSync(join(outdir, "policy-report.json"), "utf8")) as PolicyReport;
}

describe("applyPlatformGuardrails", () => {
  const outdirs: string[] = [];
  const run = (build: (app: App) => void) => {
    const result = synthesize(build);
    outdirs.push(result.outdir);
    return result;
  };
  afterAll(() => outdirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  test("fails a consumer's stack on the production profile's errors, each naming the prop that fixes it, one line each", () => {
    const { error } = run((app) => applyPlatformGuardrails(consumerStack(app).stack));
    const lines = error.split("\n").filter((l) => l.startsWith("["));
    expect(lines.map((l) => l.slice(0, l.indexOf(":")))).toEqual([
      "[my-aks/Cluster/Resource] AzureBaseline-AksApiServerAccessRestricted",
      "[my-aks/Cluster/Resource] AzureBaseline-AksDefenderEnabled",
      "[my-aks/Cluster/Resource] AzureBaseline-AksMonitoringEnabled",
      "[my-aks/Cluster/Resource] AzureBaseline-AksSystemPoolIsolated",
      "[my-aks/Spot/Resource] CostPack-SpotMaxPrice",
    ]);
    expect(lines[0]).toContain("Fix: set AlwaysOnClusterProps.authorizedIpRanges to the CIDRs that deploy and operate the cluster, or privateClusterEnabled: true");
    expect(lines[3]).toContain("Fix: set AlwaysOnClusterProps.systemPool");
    expect(lines[4]).toContain("Fix: set SpotAutoscalePoolProps.spotMaxPricePerHourUsd (SandboxNodePoolProps.spot.maxPricePerHourUsd on a sandbox pool) to a cap in USD per hour");
    // The whole error is the five findings and cdktf's two lines around them: no stack traces.
    expect(error.split("\n").filter((l) => l.trim() !== "").length).toBe(5 + 2);
  });

  test("fails PlatformNamespaces with its defaults exactly on the documented rules: a NetworkPolicy and a quota per namespace", () => {
    const { error } = run((app) => {
      const stack = new TerraformStack(app, "my-workloads");
      new KubernetesProvider(stack, "kubernetes", {});
      new PlatformNamespaces(stack, "Namespaces");
      applyPlatformGuardrails(stack);
    });
    const found = error
      .split("\n")
      .filter((l) => l.startsWith("["))
      .map((l) => l.slice(0, l.indexOf(":")));
    expect(found.sort()).toEqual(
      ["platform", "agents", "languages", "observability"]
        .flatMap((ns) => [
          `[my-workloads/Namespaces/${ns}] CostPack-NamespaceResourceQuota`,
          `[my-workloads/Namespaces/${ns}] KubernetesWorkloads-NamespaceNetworkPolicy`,
        ])
        .sort(),
    );
    expect(error).toContain("Fix: add NamespaceGuardrails for the namespace");
  });

  test("records findings without stack traces", () => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), "cdktf-aks-platform-guardrails-")) });
    outdirs.push(app.outdir);
    const { stack } = consumerStack(app);
    applyPlatformGuardrails(stack);
    expect(() => app.synth()).toThrow("AksApiServerAccessRestricted");
    const metadata = stack.node.findAll().flatMap((n) => n.node.metadata).filter((m) => m.type === "@cdktf/error");
    expect(metadata).toHaveLength(5);
    expect(metadata.map((m) => m.trace)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  test("writes the policy report beside the stacks when findings fail synthesis", () => {
    const { error, outdir } = run((app) => applyPlatformGuardrails(consumerStack(app).stack));
    expect(error).not.toBe("");
    const report = readReport(outdir);
    expect(report.stacks.map((s) => [s.stack, s.summary.errors])).toEqual([["my-aks", 5]]);
    expect(report.stacks[0].findings.find((f) => f.rule === "AksSystemPoolIsolated")?.fix).toContain("AlwaysOnClusterProps.systemPool");
    expect(existsSync(join(outdir, "policy-report", "my-aks.md"))).toBe(true);
  });

  test("passes a consumer's stack that sets the props the findings name, and writes the report", () => {
    const { error, outdir } = run((app) => {
      const stack = new TerraformStack(app, "my-aks");
      new AzurermProvider(stack, "azurerm", { features: [{}] });
      const cluster = new AlwaysOnCluster(stack, "Cluster", {
        resourceGroupName: "my-aks",
        location: "westeurope",
        authorizedIpRanges: ["203.0.113.0/24"],
        logAnalyticsWorkspaceId: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/my-aks/providers/Microsoft.OperationalInsights/workspaces/law",
        systemPool: {},
      });
      new SpotAutoscalePool(stack, "Spot", { cluster, spotMaxPricePerHourUsd: 0.1 });
      applyPlatformGuardrails(stack);
    });
    expect(error).toBe("");
    expect(readReport(outdir).stacks.map((s) => [s.stack, s.summary.errors, s.summary.warnings])).toEqual([["my-aks", 0, 0]]);
  });

  test("holds the stack to a monthly ceiling", () => {
    const { error } = run((app) => {
      applyPlatformGuardrails(cacheStack(app, "cache"), { ceilingMonthlyUsd: 10 });
    });
    expect(error).toContain(
      "[cache] cost guardrail: stack cache is expected to cost $40.15 a month (min $40.15, max $40.15), over its ceiling of $10.00 (ceilingMonthlyUsd); biggest lines: 1. Redis Basic C1 (azurerm_redis_cache.Redis) $40.15",
    );
  });

  test("holds stacks given one tierName to one ceiling together", () => {
    const { error } = run((app) => {
      for (const id of ["east", "west"]) applyPlatformGuardrails(cacheStack(app, id), { ceilingMonthlyUsd: 50, tierName: "prod" });
    });
    // Each cache ($40.15) is within $50; the two together are not.
    expect(error).toContain("[east] cost guardrail: tier prod (east, west) is expected to cost $80.30 a month");
    expect(error).not.toContain("stack east");
  });

  test("on an app, covers every stack and sums their cost under one ceiling", () => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), "cdktf-aks-platform-guardrails-")) });
    outdirs.push(app.outdir);
    consumerStack(app, "a");
    consumerStack(app, "b");
    const applied = applyPlatformGuardrails(app, { profile: PolicyProfile.development(), ceilingMonthlyUsd: 5000 });
    expect(applied.map((g) => [g.stack.node.id, g.packs.map((p) => p.name), g.costGuardrail?.props.tierName])).toEqual([
      ["a", ["AzureBaseline", "KubernetesWorkloads", "CostPack"], "app"],
      ["b", ["AzureBaseline", "KubernetesWorkloads", "CostPack"], "app"],
    ]);
    expect(applied.map((g) => g.costGuardrail && CostGuardrail.of(g.stack) === g.costGuardrail)).toEqual([true, true]);
  });

  test("fails on an app without stacks", () => {
    expect(() => applyPlatformGuardrails(new App())).toThrow(
      'app: invalid scope "": expected a TerraformStack, or an app whose stacks exist already (call applyPlatformGuardrails after creating them)',
    );
  });

  test("fails on a ceiling of zero", () => {
    const app = new App();
    const { stack } = consumerStack(app);
    expect(() => applyPlatformGuardrails(stack, { ceilingMonthlyUsd: 0 })).toThrow("my-aks: invalid ceilingMonthlyUsd 0: expected a positive number");
  });

  test("fails when applied twice to a stack", () => {
    const app = new App();
    const { stack } = consumerStack(app);
    applyPlatformGuardrails(stack);
    expect(() => applyPlatformGuardrails(stack)).toThrow("expected the policy packs to be applied once per stack");
  });
});

describe("every rule of the packs", () => {
  test.each(Object.values(RULES_BY_PACK).flat().map((r) => [r.name, r] as const))("%s names the construct prop or construct that fixes it", (_name, rule) => {
    // A prop (`AlwaysOnClusterProps.systemPool`) or a construct of the library that always complies.
    expect(rule.fix).toMatch(/\b[A-Z][A-Za-z]+Props\.[a-z][A-Za-z.]*|\buse [A-Z][A-Za-z]+, which\b|\badd NamespaceGuardrails\b|\bPinnedChart\b/);
  });
});
