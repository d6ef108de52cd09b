import { UnpricedKind } from "../cost-estimate";
import { ReservationTerm } from "../../tiers/tier-spec";
import { HOURS_PER_MONTH, PriceUnit } from "../price-table";
import { PricerOutcome, ResourcePricer, usd } from "../pricing-context";
import { numberAttribute, stringAttribute } from "../terraform-json";

/**
 * `azurerm_redis_cache`: the SKU's meter x shards. A Premium meter covers a primary and one
 * replica, so each replica beyond the first adds half a meter per shard.
 */
export const priceRedisCache: ResourcePricer = (resource, context): PricerOutcome => {
  const config = resource.config;
  const sku = stringAttribute(config, "sku_name");
  const family = stringAttribute(config, "family");
  const capacity = numberAttribute(config, "capacity");
  const shardsRaw = numberAttribute(config, "shard_count");
  const replicasRaw = numberAttribute(config, "replicas_per_primary") ?? numberAttribute(config, "replicas_per_master");
  if (!sku || !family || typeof capacity !== "number" || shardsRaw === "unresolved" || replicasRaw === "unresolved") {
    return { lines: [], unpriced: [{ kind: UnpricedKind.UNRESOLVED, reason: "SKU, capacity, shards or replicas only known at apply time" }] };
  }
  const { region, note } = context.regionOf(resource);
  const size = `${family}${capacity}`;
  const quote = context.quote(`redis/${sku}/${size}`, region);
  if (!quote) {
    return { lines: [], unpriced: [{ kind: UnpricedKind.NO_PRICE, reason: `no price for Redis ${sku} ${size} in the price table` }] };
  }
  const premium = sku === "Premium";
  const shards = premium ? Math.max(1, shardsRaw ?? 1) : 1;
  const replicas = premium ? Math.max(1, replicasRaw ?? 1) : 1;
  const nodeFactor = premium ? (1 + replicas) / 2 : 1;
  const perCache = quote.entry.unit === PriceUnit.HOUR ? quote.usd * HOURS_PER_MONTH : quote.usd;
  const monthly = perCache * shards * nodeFactor;
  const reservation = context.options.reservations.redis;
  const reserved = premium && reservation !== ReservationTerm.NONE;
  const meter = quote.entry.unit === PriceUnit.HOUR ? `${usd(quote.usd)}/h x ${HOURS_PER_MONTH} h` : `${usd(quote.usd)}/month`;
  return {
    lines: [
      context.line(resource, {
        component: `Redis ${sku} ${size}${shards > 1 ? ` x ${shards} shards` : ""}${replicas > 1 ? `, ${replicas} replicas per primary` : ""}`,
        region,
        quantity: `${shards} shard${shards > 1 ? "s" : ""}${nodeFactor !== 1 ? ` x ${nodeFactor} (primary + ${replicas} replicas, the meter covers two nodes)` : ""} x ${meter}`,
        monthlyUsd: { min: monthly, expected: monthly, max: monthly },
        quotes: [quote],
        notes: [...(note ? [note] : []), ...reservationNotes(reservation)],
        warnings: reservationWarnings(reservation, premium),
        payAsYouGoUsd: reserved ? { min: monthly, expected: monthly, max: monthly } : undefined,
      }),
    ],
  };
};

const TERM_LABELS: Readonly<Record<ReservationTerm, string>> = { [ReservationTerm.NONE]: "none", [ReservationTerm.ONE_YEAR]: "1-year", [ReservationTerm.THREE_YEARS]: "3-year" };

function reservationNotes(term: ReservationTerm): string[] {
  if (term === ReservationTerm.NONE) return [];
  return [`a ${TERM_LABELS[term]} Redis reservation is declared; it is bought in Azure per node and region, not by Terraform`];
}

/** No Redis reservation price is in the sources: the line stays at pay-as-you-go, an upper bound. */
function reservationWarnings(term: ReservationTerm, premium: boolean): string[] {
  if (term === ReservationTerm.NONE) return [];
  if (!premium) return [`a ${TERM_LABELS[term]} Redis reservation is declared, but Azure sells them for Premium caches only: pay-as-you-go`];
  return [`no sourced ${TERM_LABELS[term]} Azure Cache for Redis reservation price in the price table, so the cache is priced at pay-as-you-go (an upper bound of what the reservation costs)`];
}
