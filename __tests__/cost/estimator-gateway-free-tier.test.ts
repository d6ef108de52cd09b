import { UnpricedKind } from "../../cost/cost-estimate";
import { estimateCost } from "../../cost/estimator";
import { lineOf, tf } from "./cost-fixtures";

// API Management by tier and units, and the Cosmos DB free tier, priced by hand from
// cost/price-table.ts with 730 hours a month.

function cosmosAccount(overrides: Record<string, unknown> = {}, regions = ["eastus"]): Record<string, unknown> {
  return {
    name: "omega-cosmos",
    location: regions[0],
    kind: "MongoDB",
    offer_type: "Standard",
    geo_location: regions.map((location, i) => ({ location, failover_priority: i, zone_redundant: false })),
    backup: { type: "Periodic" },
    ...overrides,
  };
}

function database(name: string, throughput: number): Record<string, unknown> {
  return { name, account_name: "${azurerm_cosmosdb_account.account.name}", resource_group_name: "rg", throughput };
}

describe("Cosmos DB free tier", () => {
  test("without free_tier_enabled, 400 RU/s and 10 GB are billed: 23.36 and 2.50", () => {
    const e = estimateCost(tf({ azurerm_cosmosdb_account: { account: cosmosAccount() }, azurerm_cosmosdb_mongo_database: { a: database("a", 400) } }), { cosmosStoredGbPerRegion: 10 });
    expect(lineOf(e, "Cosmos DB throughput: 400 RU/s").monthlyUsd.expected).toBeCloseTo(23.36, 6);
    expect(lineOf(e, "Cosmos DB storage").monthlyUsd.expected).toBeCloseTo(2.5, 6);
    expect(e.lines.some((l) => l.notes.some((n) => n.includes("free tier")))).toBe(false);
  });

  test("with it, 400 RU/s and 10 GB are inside the allowance: $0, and the lines say why", () => {
    const e = estimateCost(
      tf({ azurerm_cosmosdb_account: { account: cosmosAccount({ free_tier_enabled: true }) }, azurerm_cosmosdb_mongo_database: { a: database("a", 400) } }),
      { cosmosStoredGbPerRegion: 10 },
    );
    const throughput = lineOf(e, "Cosmos DB throughput: 400 RU/s");
    expect(throughput.monthlyUsd).toEqual({ min: 0, expected: 0, max: 0 });
    expect(throughput.quantity).toBe("(4 x 100 RU/s x 1 region - 400 RU/s free tier) x 730 h x $0.008");
    expect(throughput.notes).toContain("free tier (free_tier_enabled): 400 of 400 RU/s-regions inside the account's 1000 free RU/s, billed at $0");
    expect(throughput.priceIds).toContain("cosmos/free-tier/throughput@all regions");
    const storage = lineOf(e, "Cosmos DB storage");
    expect(storage.monthlyUsd.expected).toBe(0);
    expect(storage.notes).toContain("free tier (free_tier_enabled): the account's first 25 GB billed at $0 (10 GB of 10 GB here)");
  });

  test("only the first 1000 RU/s are free: 1500 RU/s bill 500 (29.20); 40 GB bill 15 (3.75)", () => {
    const e = estimateCost(
      tf({ azurerm_cosmosdb_account: { account: cosmosAccount({ free_tier_enabled: true }) }, azurerm_cosmosdb_mongo_database: { a: database("a", 1500) } }),
      { cosmosStoredGbPerRegion: 40 },
    );
    expect(lineOf(e, "Cosmos DB throughput: 1500 RU/s").monthlyUsd.expected).toBeCloseTo(5 * 0.008 * 730, 6);
    expect(lineOf(e, "Cosmos DB storage").monthlyUsd.expected).toBeCloseTo(15 * 0.25, 6);
  });

  test("the allowance is the account's, shared by its databases in address order: 600 + 600 RU/s bill 200", () => {
    const e = estimateCost(
      tf({
        azurerm_cosmosdb_account: { account: cosmosAccount({ free_tier_enabled: true }) },
        azurerm_cosmosdb_mongo_database: { a: database("a", 600), b: database("b", 600) },
      }),
    );
    const [a, b] = e.lines.filter((l) => l.component === "Cosmos DB throughput: 600 RU/s").sort((x, y) => x.address.localeCompare(y.address));
    expect(a.monthlyUsd.expected).toBe(0);
    expect(b.monthlyUsd.expected).toBeCloseTo(2 * 0.008 * 730, 6);
    expect(b.notes).toContain("free tier (free_tier_enabled): 400 of 600 RU/s-regions inside the account's 1000 free RU/s (600 taken by the account's other throughput), billed at $0");
  });

  test("in two regions the 1000 RU/s cover 500 RU/s in each (the doc's example)", () => {
    const e = estimateCost(
      tf({ azurerm_cosmosdb_account: { account: cosmosAccount({ free_tier_enabled: true }, ["eastus", "westus"]) }, azurerm_cosmosdb_mongo_database: { a: database("a", 500) } }),
    );
    expect(lineOf(e, "Cosmos DB throughput: 500 RU/s").monthlyUsd.expected).toBe(0);
  });
});

describe("API Management", () => {
  const apim = (sku: string, location = "eastus") => estimateCost(tf({ azurerm_api_management: { apim: { name: "apim", location, sku_name: sku } } }));

  test.each([
    ["Developer_1", "API Management Developer: 1 unit", 48.03],
    ["Basic_2", "API Management Basic: 2 units", 294.34],
    ["Standard_3", "API Management Standard: 3 units", 2060.13],
    ["Premium_4", "API Management Premium: 4 units", 11180.68],
  ])("%s per unit-month (the infracost golden's 1 / 2 / 3 / 4 units)", (sku, component, usd) => {
    const line = lineOf(apim(sku), component);
    expect(line.monthlyUsd.expected).toBeCloseTo(usd, 6);
    expect(line.priceIds).toEqual([`apim/${sku.split("_")[0]}@East US`]);
  });

  test("Consumption: per call, no volume assumed, so $0 and a lower bound", () => {
    const line = lineOf(apim("Consumption_0"), "API Management Consumption");
    expect(line.monthlyUsd.expected).toBe(0);
    expect(line.quantity).toBe("0 calls assumed x $3.5 per 1M calls");
    expect(line.notes).toContain("billed per call; no call volume is assumed, so this line is a lower bound");
  });

  test("the v2 tiers have no price in the table and are reported, not guessed", () => {
    const e = apim("BasicV2_1");
    expect(e.lines).toEqual([]);
    expect(e.unpriced.map((u) => [u.address, u.kind, u.reason])).toEqual([["azurerm_api_management.apim", UnpricedKind.NO_PRICE, "no price for API Management BasicV2 in the price table"]]);
  });

  test("the API, its operations, policy and backends are included in the instance", () => {
    const e = estimateCost(
      tf({
        azurerm_api_management_api: { api: { name: "api" } },
        azurerm_api_management_api_operation: { op: { operation_id: "get" } },
        azurerm_api_management_api_policy: { policy: { xml_content: "<policies />" } },
        azurerm_api_management_backend: { backend: { name: "b", url: "http://10.0.0.4:9405" } },
      }),
    );
    expect(e.unpriced).toEqual([]);
    expect(e.free.map((f) => f.address).sort()).toEqual([
      "azurerm_api_management_api.api",
      "azurerm_api_management_api_operation.op",
      "azurerm_api_management_api_policy.policy",
      "azurerm_api_management_backend.backend",
    ]);
  });
});
