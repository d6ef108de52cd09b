import { mkdtempSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { App, TerraformResource, TerraformStack } from "cdktf";
import { RedisCache } from "../../providers/azurerm/redis-cache";
import { synthSummary } from "../../scripts/synth-summary";
import { AzureStack } from "../../stacks/platform-stack";
import { ENTERPRISE_TIER } from "../../tiers/enterprise";
import { BudgetSpec, TierSpec } from "../../tiers/tier-spec";

// What `npm run synth` prints (issue 27): each stack's estimate beside its ceiling, and the
// warnings `npx cdktf synth` would print.
describe("npm run synth's summary", () => {
  const outdir = mkdtempSync(join(tmpdir(), "cdktf-aks-platform-summary-"));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  test("lists resources, expected cost and ceiling per stack, then every warning with its construct path", () => {
    const tier: TierSpec = { ...ENTERPRISE_TIER, budget: { ...(ENTERPRISE_TIER.budget as BudgetSpec), ceilingMonthlyUsd: 15_000, stackCeilings: { regionalMonthlyUsd: 4_200, globalMonthlyUsd: 3_000 } } };
    const app = new App({ outdir, stackTraces: false });
    const global = new AzureStack(app, "global", { platformName: "omega", tier, regionTag: "global", location: "eastus" });
    new RedisCache(global, "Redis", {
      name: "redis",
      location: "eastus",
      resourceGroupName: global.resourceGroup.name,
      skuName: "Basic",
      family: "C",
      capacity: 1,
      minimumTlsVersion: "1.2",
      nonSslPortEnabled: false,
      publicNetworkAccessEnabled: false,
    });
    new TerraformResource(global, "Mystery", { terraformResourceType: "azurerm_managed_redis" });
    new TerraformStack(app, "plain");
    app.synth();
    expect(synthSummary(app, outdir).split("\n")).toEqual([
      "stack   resources  expected/month  ceiling",
      "global          4          $40.15  $3,000.00",
      "plain           0               –  –",
      `2 stacks written to ${outdir}/stacks`,
      "",
      `2 warning(s) (also in ${outdir}/manifest.json, each stack's "annotations"):`,
      "  [global] cost guardrail: 1 resource part(s) not priced, so the estimate is a lower bound: azurerm_managed_redis.Mystery (unknown-type: neither priced nor known to be free: add a pricer (cost/pricer-registry.ts) or a free entry (cost/free-resource-types.ts))",
      '  [global/Mystery] the resource provider of azurerm_managed_redis is not known to this library: pass its namespace (e.g. "Microsoft.Example") to registerResourceProviders(provider, { additional: [...] }) or register it in the subscription before the first apply',
    ]);
  });
});
