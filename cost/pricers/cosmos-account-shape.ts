import { PricingContext } from "../pricing-context";
import { TerraformResourceRef, block, blocks, booleanAttribute, normalizeRegion, stringAttribute } from "../terraform-json";

/** One region of a Cosmos DB account. */
export interface CosmosRegion {
  readonly region: string;
  readonly zoneRedundant: boolean;
}

/** What decides the cost of a Cosmos DB account. */
export interface CosmosAccountShape {
  readonly regions: readonly CosmosRegion[];
  readonly multiRegionWrites: boolean;
  readonly serverless: boolean;
  readonly freeTier: boolean;
  /** `Periodic`, `Continuous7Days` or `Continuous30Days`. */
  readonly backup: string;
}

export function readCosmosAccount(account: TerraformResourceRef, context: PricingContext): CosmosAccountShape {
  const config = account.config;
  const fallback = context.regionOf(account).region;
  const locations = blocks(config.geo_location);
  const regions = (locations.length > 0 ? locations : [{}]).map((loc) => ({
    region: normalizeRegion(stringAttribute(loc, "location") ?? fallback),
    zoneRedundant: booleanAttribute(loc, "zone_redundant") ?? false,
  }));
  const backup = block(config.backup);
  const backupType = stringAttribute(backup, "type") ?? "Periodic";
  return {
    regions,
    multiRegionWrites:
      booleanAttribute(config, "multiple_write_locations_enabled") ?? booleanAttribute(config, "enable_multiple_write_locations") ?? false,
    serverless: blocks(config.capabilities).some((c) => c.name === "EnableServerless") || stringAttribute(config, "capacity_mode") === "Serverless",
    freeTier: booleanAttribute(config, "free_tier_enabled") ?? booleanAttribute(config, "enable_free_tier") ?? false,
    backup: backupType === "Continuous" ? stringAttribute(backup, "tier") ?? "Continuous30Days" : "Periodic",
  };
}

/** The account a database or container belongs to, by reference or by literal name. */
export function findCosmosAccount(resource: TerraformResourceRef, context: PricingContext): TerraformResourceRef | undefined {
  const link = resource.config.account_name;
  const referenced = context.referenced(link);
  if (referenced?.type === "azurerm_cosmosdb_account") return referenced;
  if (typeof link !== "string") return undefined;
  return context.resourcesOfType("azurerm_cosmosdb_account").find((a) => a.config.name === link);
}
