import { UnpricedKind } from "../cost-estimate";
import { ReservationTerm } from "../../tiers/tier-spec";
import { COSMOS_FREE_TIER_RU_PER_SECOND, HOURS_PER_MONTH } from "../price-table";
import { PriceQuote } from "../price-quote";
import { PricerOutcome, ResourcePricer, usd } from "../pricing-context";
import { TerraformResourceRef, block, numberAttribute } from "../terraform-json";
import { CosmosAccountShape, findCosmosAccount, readCosmosAccount } from "./cosmos-account-shape";

/**
 * Cosmos DB databases and containers with provisioned throughput (`azurerm_cosmosdb_mongo_database`,
 * `_mongo_collection`, `_sql_database`, `_sql_container`): RU/s x the account's regions, at the
 * single-write or multi-region-write rate, x 1.25 in zone-redundant regions of a single-write
 * account with standard throughput. Autoscale bills the highest RU/s of each hour, at least 10%
 * of the maximum. On a free-tier account the first 1000 RU/s (over its regions) are not billed:
 * they go to the account's throughput resources in address order.
 */
export const priceCosmosThroughput: ResourcePricer = (resource, context): PricerOutcome => {
  const fixedRu = numberAttribute(resource.config, "throughput");
  const autoscaleMax = numberAttribute(block(resource.config.autoscale_settings), "max_throughput");
  if (fixedRu === "unresolved" || autoscaleMax === "unresolved") {
    return { lines: [], unpriced: [{ kind: UnpricedKind.UNRESOLVED, reason: "throughput only known at apply time" }] };
  }
  const ru = fixedRu ?? autoscaleMax;
  if (ru === undefined) {
    return { lines: [], freeReason: "no throughput of its own: its containers, or the account (serverless), carry it" };
  }
  const autoscale = fixedRu === undefined;

  const accountRef = findCosmosAccount(resource, context);
  const notes: string[] = [];
  let account: CosmosAccountShape;
  if (accountRef) {
    account = readCosmosAccount(accountRef, context);
  } else {
    const { region } = context.regionOf(resource);
    account = { regions: [{ region, zoneRedundant: false }], multiRegionWrites: false, serverless: false, freeTier: false, backup: "Periodic" };
    notes.push(`account not in this configuration: priced as one region (${region}) with single-region writes, a lower bound`);
  }
  const rateKey = `cosmos/throughput/${autoscale ? "autoscale-" : ""}${account.multiRegionWrites ? "multi-write" : "single-write"}`;
  const zones = context.quote("cosmos/availability-zones", account.regions[0].region);
  const quotes: PriceQuote[] = [];
  const units = ru / 100;
  let perMonth = 0;
  for (const r of account.regions) {
    const rate = context.quote(rateKey, r.region);
    if (!rate) return { lines: [], unpriced: [{ kind: UnpricedKind.NO_PRICE, reason: `no price ${rateKey}` }] };
    quotes.push(rate);
    // Azure waives the zone premium for multi-region-write accounts and for autoscale throughput.
    const zonePremium = r.zoneRedundant && !account.multiRegionWrites && !autoscale && zones ? zones.usd : 1;
    if (zonePremium !== 1 && zones) quotes.push(zones);
    perMonth += units * rate.usd * zonePremium * HOURS_PER_MONTH;
  }
  let freeRuRegions = 0;
  if (account.freeTier && accountRef) {
    const used = earlierThroughputOf(accountRef, resource, context);
    freeRuRegions = Math.min(ru * account.regions.length, Math.max(0, COSMOS_FREE_TIER_RU_PER_SECOND - used));
    const freeQuote = context.quote("cosmos/free-tier/throughput", account.regions[0].region);
    if (freeQuote) quotes.push(freeQuote);
    perMonth *= 1 - freeRuRegions / (ru * account.regions.length);
    notes.push(
      `free tier (free_tier_enabled): ${freeRuRegions} of ${ru * account.regions.length} RU/s-regions inside the account's ${COSMOS_FREE_TIER_RU_PER_SECOND} free RU/s${used > 0 ? ` (${used} taken by the account's other throughput)` : ""}, billed at $0`,
    );
  }
  const zoned = account.regions.filter((r) => r.zoneRedundant).length;
  if (zoned > 0) {
    notes.push(
      account.multiRegionWrites || autoscale
        ? `zone redundancy in ${zoned} region(s) at no premium (${account.multiRegionWrites ? "multi-region writes" : "autoscale"})`
        : `zone redundancy in ${zoned} region(s): throughput there x ${zones?.usd ?? 1}`,
    );
  }
  if (autoscale) notes.push("autoscale: expected at the maximum RU/s every hour (no utilization assumed); minimum at the 10% floor");
  // Reserved capacity: standard throughput consumes 100 RU/s x regions of it (autoscale 1.5 x), at
  // the discount the docs give; the zone premium is billed throughput too, and is reserved alike.
  const term = context.options.reservations.cosmosThroughput;
  const reservedQuote = term !== ReservationTerm.NONE && !account.serverless ? context.quote(`cosmos/reserved-capacity/${term}`, account.regions[0].region) : undefined;
  const payAsYouGo = autoscale ? { min: perMonth * 0.1, expected: perMonth, max: perMonth } : { min: perMonth, expected: perMonth, max: perMonth };
  const factor = reservedQuote?.usd ?? 1;
  if (reservedQuote) {
    quotes.push(reservedQuote);
    notes.push(
      `${term === ReservationTerm.ONE_YEAR ? "1-year" : "3-year"} reserved capacity: x ${factor} (${Math.round((1 - factor) * 100)}% off) on the billed throughput; buy ${(ru * account.regions.length * (autoscale ? 1.5 : 1)).toLocaleString("en-US")} RU/s-regions${zoned > 0 && !account.multiRegionWrites && !autoscale ? " plus the zone premium" : ""}; bought in Azure, not by Terraform`,
    );
  }
  const n = account.regions.length;
  const premium = zones && !account.multiRegionWrites && !autoscale ? zones.usd : 1;
  const zonedPremium = account.regions.filter((r) => r.zoneRedundant).length;
  const regionsText =
    premium !== 1 && zonedPremium > 0
      ? zonedPremium === n
        ? `${n} region${n > 1 ? "s" : ""} x ${premium} (zone redundant)`
        : `(${n - zonedPremium} + ${zonedPremium} zone-redundant x ${premium}) regions`
      : `${n} region${n > 1 ? "s" : ""}`;
  return {
    lines: [
      context.line(resource, {
        component: `Cosmos DB throughput: ${ru} RU/s${autoscale ? " autoscale max" : ""}${account.multiRegionWrites ? ", multi-region writes" : ""}`,
        region: account.regions[0].region,
        quantity: `${freeRuRegions > 0 ? `(${units} x 100 RU/s x ${regionsText} - ${freeRuRegions} RU/s free tier)` : `${units} x 100 RU/s x ${regionsText}`} x ${HOURS_PER_MONTH} h x ${usd(quotes[0].usd)}${reservedQuote ? ` x ${factor} reserved` : ""}`,
        monthlyUsd: { min: payAsYouGo.min * factor, expected: payAsYouGo.expected * factor, max: payAsYouGo.max * factor },
        payAsYouGoUsd: reservedQuote ? payAsYouGo : undefined,
        quotes,
        notes,
      }),
    ],
  };
};

const THROUGHPUT_TYPES = ["azurerm_cosmosdb_mongo_database", "azurerm_cosmosdb_mongo_collection", "azurerm_cosmosdb_sql_database", "azurerm_cosmosdb_sql_container"];

/** RU/s x regions that the account's throughput resources before this one (by address) provision. */
function earlierThroughputOf(account: TerraformResourceRef, resource: TerraformResourceRef, context: Parameters<ResourcePricer>[1]): number {
  const regions = readCosmosAccount(account, context).regions.length;
  let used = 0;
  for (const type of THROUGHPUT_TYPES) {
    for (const other of context.resourcesOfType(type)) {
      if (other.address >= resource.address) continue;
      if (findCosmosAccount(other, context)?.address !== account.address) continue;
      const fixedRu = numberAttribute(other.config, "throughput");
      const max = numberAttribute(block(other.config.autoscale_settings), "max_throughput");
      const ru = typeof fixedRu === "number" ? fixedRu : typeof max === "number" ? max : 0;
      used += ru * regions;
    }
  }
  return used;
}
