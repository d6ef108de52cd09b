import { App, TerraformResource, Testing } from "cdktf";
import { PublicIp } from "../../providers/azurerm/public-ip";
import { RedisCache } from "../../providers/azurerm/redis-cache";
import { SearchService } from "../../providers/azurerm/search-service";
import { CostGuardrail } from "../../cost/cost-guardrail";
import { AzureStack } from "../../stacks/platform-stack";
import { ENTERPRISE_TIER } from "../../tiers/enterprise";
import { SMALL_PROD_TIER } from "../../tiers/small-prod";
import { STAGING_TIER } from "../../tiers/staging";
import { BudgetSpec, NodeUsageSpec, TierSpec } from "../../tiers/tier-spec";
import { synthApp } from "../helpers";

function tierWith(base: TierSpec, budget: Partial<BudgetSpec>): TierSpec {
  return { ...base, budget: { ...(base.budget as BudgetSpec), ...budget } };
}

function guardedStack(app: App, id: string, tier: TierSpec, regionTag = "eastus"): AzureStack {
  return new AzureStack(app, id, { platformName: "omega", tier, regionTag, location: "eastus" });
}

/** Azure Cache for Redis C1: Basic 0.055/h (40.15 a month), Standard 0.138/h (100.74). */
function redis(stack: AzureStack, id: string, sku: "Basic" | "Standard"): void {
  new RedisCache(stack, id, {
    name: id.toLowerCase(),
    location: "eastus",
    resourceGroupName: stack.resourceGroup.name,
    skuName: sku,
    family: "C",
    capacity: 1,
    // Compliant with the policy packs every Azure stack runs, so only the guardrail speaks.
    minimumTlsVersion: "1.2",
    nonSslPortEnabled: false,
    publicNetworkAccessEnabled: false,
  });
}

describe("CostGuardrail", () => {
  test("a stack over its ceiling fails synthesis, naming the stack, the estimate, the ceiling and the biggest line", () => {
    const tier = tierWith(STAGING_TIER, { ceilingMonthlyUsd: 10 });
    const build = (app: App) => {
      const stack = guardedStack(app, "guarded", tier);
      // Added after the stack's constructor, as other constructs add theirs: the guardrail still sees it.
      redis(stack, "Redis", "Basic");
    };
    expect(() => synthApp(build)).toThrow(
      "[guarded] cost guardrail: stack guarded is expected to cost $40.15 a month (min $40.15, max $40.15), over its ceiling of $10.00 (tier.budget.ceilingMonthlyUsd); biggest lines: 1. Redis Basic C1 (azurerm_redis_cache.Redis) $40.15",
    );
    expect(() => synthApp(build)).toThrow(
      "[guarded] cost guardrail: tier staging (guarded) is expected to cost $40.15 a month (min $40.15, max $40.15), over its ceiling of $10.00 (tier.budget.ceilingMonthlyUsd); biggest lines: 1. Redis Basic C1 (guarded: azurerm_redis_cache.Redis) $40.15",
    );
  });

  test("the message lists the three biggest lines, biggest first", () => {
    const tier = tierWith(STAGING_TIER, { ceilingMonthlyUsd: 100 });
    const build = (app: App) => {
      const stack = guardedStack(app, "guarded", tier);
      redis(stack, "Small", "Basic");
      redis(stack, "Big", "Standard");
      new SearchService(stack, "Search", { name: "s", location: "eastus", resourceGroupName: "rg", sku: "basic" });
      new PublicIp(stack, "Ip", { name: "ip", location: "eastus", resourceGroupName: "rg", allocationMethod: "Static", sku: "Standard" });
    };
    // 100.74 + 73.73 + 40.15 + 3.65 = 218.27.
    expect(() => synthApp(build)).toThrow(
      "[guarded] cost guardrail: stack guarded is expected to cost $218.27 a month (min $218.27, max $218.27), over its ceiling of $100.00 (tier.budget.ceilingMonthlyUsd); biggest lines: 1. Redis Standard C1 (azurerm_redis_cache.Big) $100.74; 2. AI Search basic: 1 replica x 1 partition (azurerm_search_service.Search) $73.73; 3. Redis Basic C1 (azurerm_redis_cache.Small) $40.15\n",
    );
  });

  test("a tier over its ceiling fails on its first stack, though each stack is within its own", () => {
    const tier = tierWith(ENTERPRISE_TIER, { ceilingMonthlyUsd: 150, stackCeilings: { regionalMonthlyUsd: 1000, globalMonthlyUsd: 1000 } });
    const build = (app: App) => {
      redis(guardedStack(app, "global", tier, "global"), "Redis", "Standard");
      redis(guardedStack(app, "east", tier), "Redis", "Standard");
    };
    let message = "";
    try {
      synthApp(build);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(
      "[global] cost guardrail: tier enterprise (global, east) is expected to cost $201.48 a month (min $201.48, max $201.48), over its ceiling of $150.00 (tier.budget.ceilingMonthlyUsd); biggest lines: 1. Redis Standard C1 (east: azurerm_redis_cache.Redis) $100.74; 2. Redis Standard C1 (global: azurerm_redis_cache.Redis) $100.74",
    );
    expect(message.match(/cost guardrail/g)).toHaveLength(1);
  });

  test("a stack over its own ceiling names where that ceiling is set", () => {
    const tier = tierWith(ENTERPRISE_TIER, { ceilingMonthlyUsd: 10_000, stackCeilings: { regionalMonthlyUsd: 50, globalMonthlyUsd: 1000 } });
    expect(() => synthApp((app) => redis(guardedStack(app, "east", tier), "Redis", "Standard"))).toThrow(
      "[east] cost guardrail: stack east is expected to cost $100.74 a month (min $100.74, max $100.74), over its ceiling of $50.00 (tier.budget.stackCeilings.regionalMonthlyUsd)",
    );
  });

  test("within its ceilings a stack synthesizes, with its budget beside it", () => {
    const json = synthApp((app) => redis(guardedStack(app, "guarded", STAGING_TIER), "Redis", "Basic"));
    expect(Object.keys(json.get("guarded")?.resource ?? {}).sort()).toEqual([
      "azurerm_consumption_budget_resource_group",
      "azurerm_redis_cache",
      "azurerm_resource_group",
    ]);
  });

  test("within its ceiling a stack shows its estimate beside the ceiling (an info annotation on every synthesis)", () => {
    const app = Testing.app();
    const stack = guardedStack(app, "guarded", STAGING_TIER);
    redis(stack, "Redis", "Basic");
    Testing.synth(stack);
    expect(stack.node.metadata.filter((m) => m.type === "@cdktf/info").map((m) => m.data)).toEqual([
      "cost guardrail: stack guarded is expected to cost $40.15 a month (min $40.15, max $40.15), ceiling $500.00 (tier.budget.ceilingMonthlyUsd)",
    ]);
  });

  test("a tier of several stacks shows its total beside its ceiling on its first stack; a stack without a ceiling of its own says where it counts", () => {
    const tier = tierWith(ENTERPRISE_TIER, { ceilingMonthlyUsd: 15_000, stackCeilings: { regionalMonthlyUsd: 4_200, globalMonthlyUsd: 3_000 } });
    const app = Testing.app();
    const global = guardedStack(app, "global", tier, "global");
    redis(global, "Redis", "Standard");
    const east = guardedStack(app, "east", tier);
    redis(east, "Redis", "Basic");
    Testing.synth(global);
    Testing.synth(east);
    const infos = (s: AzureStack) => s.node.metadata.filter((m) => m.type === "@cdktf/info").map((m) => m.data);
    expect(infos(global)).toEqual([
      "cost guardrail: stack global is expected to cost $100.74 a month (min $100.74, max $100.74), ceiling $3,000.00 (tier.budget.stackCeilings.globalMonthlyUsd)",
      "cost guardrail: tier enterprise (global, east) is expected to cost $140.89 a month (min $140.89, max $140.89), ceiling $15,000.00 (tier.budget.ceilingMonthlyUsd)",
    ]);
    expect(infos(east)).toEqual([
      "cost guardrail: stack east is expected to cost $40.15 a month (min $40.15, max $40.15), ceiling $4,200.00 (tier.budget.stackCeilings.regionalMonthlyUsd)",
    ]);
  });

  test("warns, without a machine path, about what it cannot price", () => {
    const app = Testing.app();
    const stack = guardedStack(app, "guarded", STAGING_TIER);
    new TerraformResource(stack, "Mystery", { terraformResourceType: "azurerm_managed_redis" });
    Testing.synth(stack);
    const warnings = stack.node.metadata.filter((m) => m.type === "@cdktf/warn");
    expect(warnings.map((w) => w.data)).toEqual([
      "cost guardrail: 1 resource part(s) not priced, so the estimate is a lower bound: azurerm_managed_redis.Mystery (unknown-type: neither priced nor known to be free: add a pricer (cost/pricer-registry.ts) or a free entry (cost/free-resource-types.ts))",
    ]);
    expect(warnings[0].trace).toBeUndefined();
  });

  test("warns about a spot cap below the market price", () => {
    const app = Testing.app();
    const stack = guardedStack(app, "guarded", STAGING_TIER);
    const pool = new TerraformResource(stack, "Pool", { terraformResourceType: "azurerm_kubernetes_cluster_node_pool" });
    for (const [key, value] of Object.entries({ vm_size: "Standard_D4s_v5", priority: "Spot", spot_max_price: 0.05, node_count: 1 })) {
      pool.addOverride(key, value);
    }
    Testing.synth(stack);
    expect(stack.node.metadata.filter((m) => m.type === "@cdktf/warn").map((w) => w.data)).toContain(
      "cost guardrail: spot_max_price $0.05/h is below the published Standard_D4s_v5 spot price $0.061171/h (East US 2): at that price Azure allocates no spot nodes and evicts running ones, so the pool may not scale when needed",
    );
  });

  test("is attached to the stack and exposes its estimate", () => {
    const app = Testing.app();
    const stack = guardedStack(app, "guarded", STAGING_TIER);
    redis(stack, "Redis", "Basic");
    expect(CostGuardrail.of(stack)).toBe(stack.costGuardrail);
    expect(CostGuardrail.estimate(stack)?.total.expected).toBeCloseTo(40.15, 6);
  });
});

describe("cost settings of a tier", () => {
  const build = (tier: TierSpec) => () => guardedStack(Testing.app(), "guarded", tier);
  const assumptions = STAGING_TIER.costAssumptions!;

  test("fails on blob tier shares that do not add up to 1", () => {
    expect(build({ ...STAGING_TIER, costAssumptions: { ...assumptions, blobTierShares: { hot: 0.1, cool: 0.2, archive: 0.6 } } })).toThrow(
      'guarded: invalid tier.costAssumptions.blobTierShares {"hot":0.1,"cool":0.2,"archive":0.6}: expected shares that add up to 1 (they add up to 0.9)',
    );
  });

  test("fails on a log volume whose expected value is above its maximum", () => {
    expect(build({ ...STAGING_TIER, costAssumptions: { ...assumptions, logAnalyticsGbPerDay: { min: 1, expected: 5, max: 2 } } })).toThrow(
      "guarded: invalid tier.costAssumptions.logAnalyticsGbPerDay.expected 5: expected at most tier.costAssumptions.logAnalyticsGbPerDay.max (2)",
    );
  });

  const smallProd = SMALL_PROD_TIER.costAssumptions!;
  const withSandboxUsage = (sandboxPool: NodeUsageSpec | undefined): TierSpec => ({ ...SMALL_PROD_TIER, costAssumptions: { ...smallProd, sandboxPool } });

  test("fails on a negative node average", () => {
    expect(build(withSandboxUsage({ averageNodes: -1 }))).toThrow("guarded: invalid tier.costAssumptions.sandboxPool.averageNodes -1: expected a number of at least 0");
  });

  test("fails on a window average for the sandbox pool, which has no schedule", () => {
    expect(build(withSandboxUsage({ averageNodes: 1, averageNodesInWindow: 3 }))).toThrow(
      "guarded: invalid tier.costAssumptions.sandboxPool.averageNodesInWindow 3: expected none: the sandbox pool has no schedule",
    );
  });

  test("fails on a sandbox pool usage in a tier without a sandboxed pool", () => {
    expect(build({ ...STAGING_TIER, costAssumptions: { ...assumptions, sandboxPool: { averageNodes: 1 } } })).toThrow(
      'guarded: invalid tier.costAssumptions.sandboxPool {"averageNodes":1}: expected none: the tier has no languageServices.sandboxedPool',
    );
  });

  test("fails on a sandboxed pool without its usage, which would be priced at min_count silently", () => {
    expect(build(withSandboxUsage(undefined))).toThrow(
      "guarded: invalid tier.costAssumptions.sandboxPool undefined: expected the sandbox pool's average nodes: the tier has a languageServices.sandboxedPool, which autoscales",
    );
  });

  test("fails on a sandbox usage below what the warm pods need", () => {
    const tier: TierSpec = {
      ...withSandboxUsage({ averageNodes: 1 }),
      languageServices: { warmReplicas: 2, maxReplicas: 3, sandboxedPool: { vmSize: "Standard_D4s_v5", minCount: 2, maxCount: 3, zones: ["1", "2", "3"] } },
    };
    expect(build(tier)).toThrow(
      "guarded: invalid tier.costAssumptions.sandboxPool.averageNodes 1: expected 2 to 3 (minCount 2; the warm pods need 2: 2 pod(s) x 8 languages with the Kata overhead (600 MiB a pod): " +
        "5250m / 12800 MiB requested, 2 node(s) of 3790m / 14962 MiB (Standard_D4s_v5, 50 pods a node); maxCount 3)",
    );
  });

  test("fails on a sandbox usage above the pool's maximum", () => {
    expect(build(withSandboxUsage({ averageNodes: 4 }))).toThrow(
      "guarded: invalid tier.costAssumptions.sandboxPool.averageNodes 4: expected 1 to 3 (minCount 1; the warm pods need 1: 1 pod(s) x 8 languages with the Kata overhead (600 MiB a pod): " +
        "2625m / 6400 MiB requested, 1 node(s) of 3790m / 14962 MiB (Standard_D4s_v5, 50 pods a node); maxCount 3)",
    );
  });

  test("fails on negative agent-team demand", () => {
    expect(
      build({ ...STAGING_TIER, costAssumptions: { ...assumptions, agentTeamDemand: { replicasAboveFloorInWindow: -1, replicasAboveFloorOutsideWindow: 0 } } }),
    ).toThrow("guarded: invalid tier.costAssumptions.agentTeamDemand.replicasAboveFloorInWindow -1: expected a number of at least 0");
  });

  test("fails on a stack ceiling of zero", () => {
    expect(build(tierWith(STAGING_TIER, { stackCeilings: { regionalMonthlyUsd: 0, globalMonthlyUsd: 100 } }))).toThrow(
      "guarded: invalid tier.budget.stackCeilings.regionalMonthlyUsd 0: expected a positive number",
    );
  });

  test("fails on a budget without contacts, naming the tier's field rather than the budget construct's", () => {
    expect(build(tierWith(STAGING_TIER, { contacts: { emails: [], roles: [] } }))).toThrow(
      'guarded: invalid tier.budget.contacts {"emails":[],"roles":[]}: expected at least one email or role: Azure requires a contact on every budget notification',
    );
  });
});
