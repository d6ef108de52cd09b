import { CostLine, CostRange, UnpricedKind } from "./cost-estimate";
import { ResolvedEstimateOptions } from "./estimate-options";
import { PriceQuote, quotePrice } from "./price-quote";
import {
  TerraformJson,
  TerraformResourceRef,
  listResources,
  normalizeRegion,
  parseReference,
  stringAttribute,
} from "./terraform-json";

/** Where a resource runs, and how the estimator knows. */
export interface ResourceRegion {
  readonly region: string;
  /** Set when the region was assumed rather than read. */
  readonly note?: string;
}

/** A part of a resource the price table cannot price. */
export interface UnpricedPart {
  readonly kind: UnpricedKind;
  readonly reason: string;
}

/** What a pricer makes of one resource. */
export interface PricerOutcome {
  readonly lines: readonly CostLine[];
  readonly unpriced?: readonly UnpricedPart[];
  /** Why the resource costs nothing, when it has no lines. */
  readonly freeReason?: string;
}

/** Prices one resource type. */
export type ResourcePricer = (resource: TerraformResourceRef, context: PricingContext) => PricerOutcome;

/** The fields of a cost line a pricer chooses; the rest come from the resource and the quotes. */
export interface LineFields {
  readonly component: string;
  readonly region: string;
  readonly quantity: string;
  readonly monthlyUsd: CostRange;
  readonly quotes: readonly PriceQuote[];
  readonly notes?: readonly string[];
  readonly warnings?: readonly string[];
  readonly payAsYouGoUsd?: CostRange;
}

/** Attributes that carry a resource's location, through which a region is found. */
const LOCATION_LINKS = ["kubernetes_cluster_id", "account_name", "resource_group_name", "key_vault_id"];

/** What pricers share: the configuration, the options, price quotes and region lookup. */
export class PricingContext {
  private readonly byAddress: ReadonlyMap<string, TerraformResourceRef>;

  constructor(
    public readonly json: TerraformJson,
    public readonly options: ResolvedEstimateOptions,
  ) {
    this.byAddress = new Map(listResources(json).map((r) => [r.address, r]));
  }

  /** The resource a `${type.name.attr}` expression points at, if it is in this configuration. */
  public referenced(value: unknown): TerraformResourceRef | undefined {
    const ref = parseReference(value);
    return ref ? this.byAddress.get(`${ref.type}.${ref.name}`) : undefined;
  }

  /** Resources of a type, in configuration order. */
  public resourcesOfType(type: string): TerraformResourceRef[] {
    return [...this.byAddress.values()].filter((r) => r.type === type);
  }

  /** The region of a resource: its `location`, or that of the resource it belongs to. */
  public regionOf(resource: TerraformResourceRef, depth = 0): ResourceRegion {
    const location = stringAttribute(resource.config, "location");
    if (location) return { region: normalizeRegion(location) };
    if (depth < 4) {
      for (const link of [...LOCATION_LINKS, "location"]) {
        const target = this.referenced(resource.config[link]);
        if (target) {
          const found = this.regionOf(target, depth + 1);
          if (!found.note) return found;
        }
      }
    }
    const region = this.options.defaultRegion;
    return { region, note: `location not given in the configuration; ${region} assumed` };
  }

  private readonly claims = new Map<string, string>();

  /**
   * For what Azure bills once per configuration however many resources ask for it (AKS's one
   * `kubernetes-internal` load balancer): undefined the first time `key` is claimed, and the
   * claim is `resource`'s; afterwards the address of the resource that claimed it.
   */
  public claimedBy(key: string, resource: TerraformResourceRef): string | undefined {
    const first = this.claims.get(key);
    if (first === undefined) this.claims.set(key, resource.address);
    return first;
  }

  public quote(key: string, region: string): PriceQuote | undefined {
    return quotePrice(key, region);
  }

  /** A cost line for a resource, carrying the quotes' ids and regional notes. */
  public line(resource: TerraformResourceRef, fields: LineFields): CostLine {
    const notes = [...(fields.notes ?? []), ...fields.quotes.flatMap((q) => (q.note ? [q.note] : []))];
    return {
      address: resource.address,
      resourceType: resource.type,
      constructPath: resource.constructPath,
      component: fields.component,
      region: fields.region,
      quantity: fields.quantity,
      monthlyUsd: fields.monthlyUsd,
      priceIds: [...new Set(fields.quotes.map((q) => q.entry.id))],
      notes: [...new Set(notes)],
      warnings: [...(fields.warnings ?? [])],
      payAsYouGoUsd: fields.payAsYouGoUsd,
    };
  }
}

/** A range that does not vary. */
export function fixed(amount: number): CostRange {
  return { min: amount, expected: amount, max: amount };
}

/** Money in the quantity strings of cost lines. */
export function usd(amount: number): string {
  return `$${Number(amount.toFixed(6)).toString()}`;
}
