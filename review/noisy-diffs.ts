import { AttributeChange } from "./attribute-diff";
import { PathStep } from "./sensitive-mask";

/** Why a diff is noise. */
export enum NoiseKind {
  /** The provider shows it on every plan although nothing changes (computed or normalised values). */
  PERPETUAL = "perpetual",
  /** A set the provider returns in another order: checked to hold the same elements before and after. */
  REORDERING = "reordering",
}

type Values = Readonly<Record<string, unknown>> | undefined;

/** A known noisy diff of one attribute of one resource type. */
export interface NoisyDiff {
  readonly resourceType: string;
  /**
   * The attribute, as steps from the resource; `*` matches any list index or key. A change at or
   * below it matches.
   */
  readonly attribute: readonly string[];
  readonly kind: NoiseKind;
  /** Why the provider shows it, for the report. */
  readonly why: string;
  /**
   * Whether the rule applies to this resource (its values after the change).
   * @default - always
   */
  readonly when?: (after: Readonly<Record<string, unknown>> | undefined) => boolean;
}

function first(value: unknown): Readonly<Record<string, unknown>> | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === "object" && v !== null ? (v as Record<string, unknown>) : undefined;
}

const autoscaled = (after: Values) => after?.auto_scaling_enabled === true;
const defaultPoolAutoscaled = (after: Values) => first(after?.default_node_pool)?.auto_scaling_enabled === true;

/**
 * Known azurerm (and kubernetes/helm) diffs that change nothing: collapsed and counted in the
 * report, never dropped. Reorderings are only collapsed when the list holds the same elements.
 */
export const NOISY_DIFFS: readonly NoisyDiff[] = [
  { resourceType: "azurerm_kubernetes_cluster", attribute: ["default_node_pool", "*", "node_count"], kind: NoiseKind.PERPETUAL, why: "the cluster autoscaler sets the node count of an autoscaled pool", when: defaultPoolAutoscaled },
  { resourceType: "azurerm_kubernetes_cluster_node_pool", attribute: ["node_count"], kind: NoiseKind.PERPETUAL, why: "the cluster autoscaler sets the node count of an autoscaled pool", when: autoscaled },
  { resourceType: "azurerm_kubernetes_cluster", attribute: ["default_node_pool", "*", "upgrade_settings", "*", "drain_timeout_in_minutes"], kind: NoiseKind.PERPETUAL, why: "AKS returns 0 for an unset drain timeout" },
  { resourceType: "azurerm_kubernetes_cluster", attribute: ["default_node_pool", "*", "upgrade_settings", "*", "node_soak_duration_in_minutes"], kind: NoiseKind.PERPETUAL, why: "AKS returns 0 for an unset node soak duration" },
  { resourceType: "azurerm_kubernetes_cluster_node_pool", attribute: ["upgrade_settings", "*", "drain_timeout_in_minutes"], kind: NoiseKind.PERPETUAL, why: "AKS returns 0 for an unset drain timeout" },
  { resourceType: "azurerm_kubernetes_cluster_node_pool", attribute: ["upgrade_settings", "*", "node_soak_duration_in_minutes"], kind: NoiseKind.PERPETUAL, why: "AKS returns 0 for an unset node soak duration" },
  { resourceType: "azurerm_kubernetes_cluster", attribute: ["api_server_access_profile", "*", "authorized_ip_ranges"], kind: NoiseKind.REORDERING, why: "authorized IP ranges are a set" },
  { resourceType: "azurerm_kubernetes_cluster_node_pool", attribute: ["node_taints"], kind: NoiseKind.REORDERING, why: "AKS returns taints in its own order" },
  { resourceType: "azurerm_kubernetes_cluster_node_pool", attribute: ["zones"], kind: NoiseKind.REORDERING, why: "zones are a set" },
  { resourceType: "azurerm_kubernetes_cluster", attribute: ["default_node_pool", "*", "zones"], kind: NoiseKind.REORDERING, why: "zones are a set" },
  { resourceType: "azurerm_cosmosdb_account", attribute: ["geo_location"], kind: NoiseKind.REORDERING, why: "geo locations are a set ordered by failover priority on read" },
  { resourceType: "azurerm_cosmosdb_account", attribute: ["capabilities"], kind: NoiseKind.REORDERING, why: "capabilities are a set" },
  { resourceType: "azurerm_cosmosdb_account", attribute: ["ip_range_filter"], kind: NoiseKind.REORDERING, why: "IP range filters are a set" },
  { resourceType: "azurerm_cosmosdb_account", attribute: ["virtual_network_rule"], kind: NoiseKind.REORDERING, why: "virtual network rules are a set" },
  { resourceType: "azurerm_key_vault", attribute: ["network_acls", "*", "ip_rules"], kind: NoiseKind.REORDERING, why: "IP rules are a set" },
  { resourceType: "azurerm_key_vault", attribute: ["network_acls", "*", "virtual_network_subnet_ids"], kind: NoiseKind.REORDERING, why: "subnet ids are a set" },
  { resourceType: "azurerm_key_vault", attribute: ["access_policy"], kind: NoiseKind.REORDERING, why: "access policies are returned in the vault's order" },
  { resourceType: "azurerm_storage_account", attribute: ["network_rules", "*", "ip_rules"], kind: NoiseKind.REORDERING, why: "IP rules are a set" },
  { resourceType: "azurerm_storage_account", attribute: ["network_rules", "*", "virtual_network_subnet_ids"], kind: NoiseKind.REORDERING, why: "subnet ids are a set" },
  { resourceType: "azurerm_redis_cache", attribute: ["redis_configuration", "*", "rdb_storage_connection_string"], kind: NoiseKind.PERPETUAL, why: "Azure never returns the persistence connection string, so it differs on every plan" },
  { resourceType: "azurerm_redis_cache", attribute: ["zones"], kind: NoiseKind.REORDERING, why: "zones are a set" },
  { resourceType: "azurerm_private_endpoint", attribute: ["private_dns_zone_group", "*", "private_dns_zone_ids"], kind: NoiseKind.REORDERING, why: "DNS zone ids are returned in Azure's order" },
  { resourceType: "azurerm_monitor_diagnostic_setting", attribute: ["enabled_log"], kind: NoiseKind.REORDERING, why: "log categories are a set" },
  { resourceType: "azurerm_monitor_diagnostic_setting", attribute: ["enabled_metric"], kind: NoiseKind.REORDERING, why: "metric categories are a set" },
  { resourceType: "azurerm_network_security_group", attribute: ["security_rule"], kind: NoiseKind.REORDERING, why: "security rules are a set" },
  { resourceType: "azurerm_consumption_budget_resource_group", attribute: ["time_period", "*", "start_date"], kind: NoiseKind.PERPETUAL, why: "Azure normalises the budget's start date" },
  { resourceType: "kubernetes_manifest", attribute: ["object"], kind: NoiseKind.PERPETUAL, why: "the object as the API server returns it, with its defaults; the manifest itself is unchanged" },
  { resourceType: "helm_release", attribute: ["metadata"], kind: NoiseKind.PERPETUAL, why: "release metadata is computed on every apply" },
];

/** A change collapsed as noise: which rule explained each changed attribute. */
export interface NoiseMatch {
  readonly attribute: string;
  readonly kind: NoiseKind;
  readonly why: string;
}

function matches(pattern: readonly string[], steps: readonly PathStep[]): boolean {
  if (steps.length < pattern.length) return false;
  return pattern.every((p, i) => p === "*" || p === String(steps[i]));
}

function valueAt(value: unknown, steps: readonly PathStep[]): unknown {
  let current = value;
  for (const step of steps) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[String(step)];
  }
  return current;
}

function sameElements(a: unknown, b: unknown): boolean {
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  const key = (list: unknown[]) => list.map((x) => JSON.stringify(x)).sort().join("\n");
  return key(a) === key(b);
}

/**
 * The noise rules that explain every changed attribute of an update, or undefined when any
 * change is real. Only updates qualify: a create, delete or replace is never noise.
 */
export function explainAsNoise(
  resourceType: string,
  changes: readonly AttributeChange[],
  before: unknown,
  after: unknown,
  rules: readonly NoisyDiff[] = NOISY_DIFFS,
): NoiseMatch[] | undefined {
  if (changes.length === 0) return undefined;
  const afterValues = (typeof after === "object" && after !== null ? after : undefined) as Values;
  const applicable = rules.filter((r) => r.resourceType === resourceType && (r.when === undefined || r.when(afterValues)));
  const found = new Map<string, NoiseMatch>();
  for (const change of changes) {
    const rule = applicable.find((r) => {
      if (!matches(r.attribute, change.steps)) return false;
      if (r.kind === NoiseKind.PERPETUAL) return true;
      const at = change.steps.slice(0, r.attribute.length);
      return sameElements(valueAt(before, at), valueAt(after, at));
    });
    if (!rule) return undefined;
    const attribute = change.steps
      .slice(0, rule.attribute.length)
      .map((s, i) => (typeof s === "number" ? `[${s}]` : i === 0 ? s : `.${s}`))
      .join("");
    found.set(`${attribute}\0${rule.kind}`, { attribute, kind: rule.kind, why: rule.why });
  }
  return [...found.values()];
}
