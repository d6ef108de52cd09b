import { AZURE_REGIONS } from "../../constructs/azure-regions";
import { quotePrice } from "../../cost/price-quote";
import { HOURS_PER_MONTH, PRICE_TABLE, PriceBasis, PriceUnit } from "../../cost/price-table";

describe("price table", () => {
  test("a month is 730 hours", () => {
    expect(HOURS_PER_MONTH).toBe(730);
  });

  test("every price carries its unit, region, date and source", () => {
    for (const p of PRICE_TABLE) {
      expect([p.id, Object.values(PriceUnit).includes(p.unit), p.regionLabel !== "", p.date !== "", p.source !== "", Number.isFinite(p.usd) && p.usd >= 0]).toEqual([
        p.id,
        true,
        true,
        true,
        true,
        true,
      ]);
    }
  });

  test("ids are unique", () => {
    expect(new Set(PRICE_TABLE.map((p) => p.id)).size).toBe(PRICE_TABLE.length);
  });

  test("every item is either the same in every region or read for named regions, never both", () => {
    const keys = [...new Set(PRICE_TABLE.map((p) => p.key))];
    for (const key of keys) {
      const entries = PRICE_TABLE.filter((p) => p.key === key);
      const invariant = entries.filter((p) => p.regions.length === 0).length;
      expect([key, invariant === 0 || entries.length === 1]).toEqual([key, true]);
    }
  });

  test("regions are Azure region names", () => {
    for (const p of PRICE_TABLE) for (const r of p.regions) expect([p.id, AZURE_REGIONS.includes(r)]).toEqual([p.id, true]);
  });

  test("derived prices say how they were derived, low-confidence ones carry their caveat", () => {
    for (const p of PRICE_TABLE.filter((x) => x.basis === PriceBasis.DERIVED)) expect([p.id, (p.derivation ?? "") !== ""]).toEqual([p.id, true]);
    for (const p of PRICE_TABLE.filter((x) => x.basis === PriceBasis.LOW_CONFIDENCE)) expect([p.id, (p.caveat ?? "") !== ""]).toEqual([p.id, true]);
  });

  test("published figures are the ones in pricing-sources.md", () => {
    const price = (id: string) => PRICE_TABLE.find((p) => p.id === id)?.usd;
    expect(price("vm/Standard_D4s_v5/payg@East US 2")).toBe(0.192);
    expect(price("vm/Standard_D4s_v5/spot@East US 2")).toBe(0.061171);
    expect(price("vm/Standard_D4s_v5/savings-plan-1y@East US 2")).toBe(0.13248);
    expect(price("vm/Standard_D4s_v5/payg@West Europe")).toBe(0.23);
    expect(price("vm/Standard_D4s_v5/spot@West Europe")).toBe(0.042504);
    expect(price("vm/Standard_D4s_v5/savings-plan-1y@West Europe")).toBe(0.1748);
    expect(price("vm/Standard_D8s_v5/payg@West Europe")).toBe(0.46);
    expect(price("vm/Standard_D8s_v5/spot@West Europe")).toBe(0.085008);
    expect(price("vm/Standard_D8s_v5/savings-plan-1y@West Europe")).toBe(0.3496);
    expect(price("disk/premium-ssd/P10@West Europe")).toBe(21.68);
    expect(price("defender/containers@global")).toBe(6.87);
    expect(price("vm/Standard_D8s_v5/payg@East US 2")).toBe(0.384);
    expect(price("vm/Standard_D8s_v5/spot@East US 2")).toBe(0.122342);
    expect(price("aks/tier/Standard@East US")).toBe(0.1);
    expect(price("disk/premium-ssd/P10@East US")).toBe(19.71);
    expect(price("cosmos/throughput/single-write@US")).toBe(0.008);
    expect(price("cosmos/throughput/multi-write@US")).toBe(0.016);
    expect(price("cosmos/storage@US")).toBe(0.25);
    expect(price("cosmos/backup/Continuous30Days@West US")).toBe(0.2);
    expect(price("redis/Basic/C1@East US 2")).toBe(0.055);
    expect(price("redis/Premium/P1@East US")).toBe(404.42);
    expect(price("redis/Premium/P3@East US")).toBe(1619.14);
    expect(price("search/basic@East US")).toBe(73.73);
    expect(price("search/standard@East US")).toBe(245.28);
    expect(price("aci/linux/vcpu@East US 2")).toBe(0.0405);
    expect(price("aci/linux/memory@East US 2")).toBe(0.00445);
    expect(price("log-analytics/ingestion@East US")).toBe(2.3);
    expect(price("log-analytics/ingestion@West Europe")).toBe(2.99);
    expect(price("public-ip/Standard@East US")).toBe(0.005);
    expect(price("lb/Standard@global")).toBe(0.025);
    expect(price("frontdoor/Premium_AzureFrontDoor@global")).toBe(330);
    expect(price("key-vault/operations@East US")).toBe(0.03);
  });

  test("derived prices: P4 = 2 x P3, D8s_v5 savings plan = 2 x D4s_v5's, GRS cool = LRS cool x GRS/LRS hot, Standard SSD per GiB of its tier", () => {
    const price = (id: string) => PRICE_TABLE.find((p) => p.id === id)?.usd;
    expect(price("redis/Premium/P4@East US (derived)")).toBe(3238.28);
    expect(price("vm/Standard_D8s_v5/savings-plan-1y@East US 2 (derived)")).toBe(0.26496);
    expect(price("blob/GRS/cool@East US 2 (derived)")).toBe(0.022019);
    // E4 2.40 / 32 GiB, E30 76.80 / 1024 GiB (East US); E10 9.60 / 128 GiB (West Europe).
    expect(price("disk/standard-ssd@East US (derived)")).toBe(2.4 / 32);
    expect(price("disk/standard-ssd@West Europe (derived)")).toBe(9.6 / 128);
  });

  test("no low-confidence VM price is left: West Europe's come from a sourced snapshot", () => {
    expect(PRICE_TABLE.filter((p) => p.key.startsWith("vm/") && p.basis === PriceBasis.LOW_CONFIDENCE)).toEqual([]);
  });
});

describe("quotePrice", () => {
  test("the region's own price, without a note", () => {
    const quote = quotePrice("vm/Standard_D4s_v5/payg", "westeurope");
    expect(quote?.usd).toBe(0.23);
    expect(quote?.note).toBeUndefined();
  });

  test("a price that does not vary by region, without a note", () => {
    const quote = quotePrice("lb/Standard", "southeastasia");
    expect(quote?.usd).toBe(0.025);
    expect(quote?.note).toBeUndefined();
  });

  test("another region's price, with a note naming both", () => {
    expect(quotePrice("vm/Standard_D8s_v5/payg", "eastus")).toMatchObject({
      usd: 0.384,
      note: "VM Standard_D8s_v5 pay-as-you-go, Linux: no eastus price in the table, the price of the nearest region with one (East US 2) is used",
    });
  });

  test("one fallback rule for every item: the nearest region with a price", () => {
    // Southeast Asia is nearer West Europe than East US 2 (VMs) and East US (Log Analytics, 2.30).
    expect(quotePrice("vm/Standard_D8s_v5/payg", "southeastasia")?.usd).toBe(0.46);
    expect(quotePrice("vm/Standard_D8s_v5/savings-plan-1y", "southeastasia")?.usd).toBe(0.3496);
    expect(quotePrice("log-analytics/ingestion", "southeastasia")?.usd).toBe(2.99);
    expect(quotePrice("log-analytics/ingestion", "northeurope")?.usd).toBe(2.99);
    expect(quotePrice("log-analytics/ingestion", "westus")?.usd).toBe(2.3);
    // Only US prices of Cosmos DB, Redis and AI Search are sourced: every other region uses them, and says so.
    expect(quotePrice("cosmos/throughput/single-write", "westeurope")?.note).toBe(
      "Cosmos DB provisioned throughput, single-region write, per region: no westeurope price in the table, the price of the nearest region with one (US) is used",
    );
  });

  test("nothing for an item the table does not price", () => {
    expect(quotePrice("vm/Standard_E4s_v5/payg", "eastus")).toBeUndefined();
  });
});
