import { UnpricedKind } from "../cost-estimate";
import { HOURS_PER_MONTH, PriceUnit } from "../price-table";
import { PricerOutcome, ResourcePricer, fixed, usd } from "../pricing-context";
import { block, numberAttribute, stringAttribute } from "../terraform-json";

/**
 * `azurerm_postgresql_flexible_server` (a primary or a read replica, which Azure bills as a server
 * of its own): the SKU's compute plus the provisioned storage. Backup storage beyond what Azure
 * includes is usage and not estimated; a zone-redundant standby (`high_availability`) is not in the
 * price table and is reported unpriced rather than guessed.
 */
export const pricePostgresFlexibleServer: ResourcePricer = (resource, context): PricerOutcome => {
  const config = resource.config;
  const sku = stringAttribute(config, "sku_name");
  const storageMb = numberAttribute(config, "storage_mb");
  if (!sku || storageMb === "unresolved") {
    return { lines: [], unpriced: [{ kind: UnpricedKind.UNRESOLVED, reason: "SKU or storage only known at apply time" }] };
  }
  if (block(config.high_availability) !== undefined) {
    return { lines: [], unpriced: [{ kind: UnpricedKind.NO_PRICE, reason: "a high-availability standby is not in the price table" }] };
  }
  const { region, note } = context.regionOf(resource);
  const compute = context.quote(`postgres/compute/${sku}`, region);
  const storage = context.quote("postgres/storage", region);
  if (!compute || !storage) {
    return { lines: [], unpriced: [{ kind: UnpricedKind.NO_PRICE, reason: `no price for PostgreSQL Flexible Server ${sku} (or its storage) in the price table` }] };
  }
  // Azure's default size when storage_mb is not set is 32 GiB.
  const gib = (storageMb ?? 32768) / 1024;
  const hourly = compute.entry.unit === PriceUnit.HOUR;
  const computeMonthly = hourly ? compute.usd * HOURS_PER_MONTH : compute.usd;
  const replica = stringAttribute(config, "create_mode") === "Replica";
  const what = `PostgreSQL Flexible Server${replica ? " read replica" : ""}`;
  const notes = note ? [note] : [];
  return {
    lines: [
      context.line(resource, {
        component: `${what}: ${sku}`,
        region,
        quantity: hourly ? `1 server x ${usd(compute.usd)}/h x ${HOURS_PER_MONTH} h` : `1 server x ${usd(compute.usd)}/month`,
        monthlyUsd: fixed(computeMonthly),
        quotes: [compute],
        notes,
      }),
      context.line(resource, {
        component: `${what}: storage`,
        region,
        quantity: `${gib} GiB x ${usd(storage.usd)}/GB-month`,
        monthlyUsd: fixed(gib * storage.usd),
        quotes: [storage],
        notes: [...notes, "backup storage beyond what Azure includes with the server is usage, not estimated"],
      }),
    ],
  };
};
