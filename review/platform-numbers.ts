/**
 * The numbers of the tier table, read from one resource's values (its synthesized configuration,
 * or a plan's before/after): replicas, node counts and sizes, SKUs, throughput, budgets. Each is
 * labelled as the tier table names it, so a reviewer sees "spot pool nodes 0..5 -> 0..8" rather
 * than `max_count`.
 */

type Values = Readonly<Record<string, unknown>>;

/** One named number of one resource. */
export interface PlatformNumber {
  /** As the tier table names it: `always-on pool nodes`, `federation-core replicas`, `Redis`. */
  readonly label: string;
  /** Rendered value: `3`, `Standard_D4s_v5`, `Premium P3 x 2 shards`, `0..5`. */
  readonly value: string;
}

function block(value: unknown): Values | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === "object" && first !== null ? (first as Values) : undefined;
}

function blocks(value: unknown): Values[] {
  if (Array.isArray(value)) return value.filter((v): v is Values => typeof v === "object" && v !== null);
  return typeof value === "object" && value !== null ? [value as Values] : [];
}

function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value.includes("${") ? "(expression)" : value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

function range(min: unknown, max: unknown): string | undefined {
  const lo = text(min);
  const hi = text(max);
  return lo === undefined && hi === undefined ? undefined : `${lo ?? "?"}..${hi ?? "?"}`;
}

function push(out: PlatformNumber[], label: string, value: string | undefined): void {
  if (value !== undefined) out.push({ label, value });
}

function nodePool(out: PlatformNumber[], pool: string, values: Values | undefined): void {
  if (!values) return;
  push(out, `${pool} VM size`, text(values.vm_size));
  const autoscaled = values.auto_scaling_enabled === true || values.auto_scaling_enabled === "true";
  push(out, `${pool} nodes`, autoscaled ? range(values.min_count, values.max_count) : text(values.node_count));
}

function containers(out: PlatformNumber[], name: string, spec: Values | undefined): void {
  for (const container of blocks(spec?.container)) {
    const resources = block(container.resources);
    const fmt = (r: Values | undefined) => (r ? [text(r.cpu), text(r.memory)].filter((x) => x !== undefined).join(" / ") || undefined : undefined);
    const who = blocks(spec?.container).length > 1 ? `${name}/${text(container.name) ?? "?"}` : name;
    push(out, `${who} requests (cpu / memory)`, fmt(block(resources?.requests)));
    push(out, `${who} limits (cpu / memory)`, fmt(block(resources?.limits)));
  }
}

type Reader = (values: Values, out: PlatformNumber[]) => void;

const READERS: Readonly<Record<string, Reader>> = {
  azurerm_kubernetes_cluster: (v, out) => {
    nodePool(out, "always-on pool", block(v.default_node_pool));
    push(out, "AKS tier", text(v.sku_tier));
  },
  azurerm_kubernetes_cluster_node_pool: (v, out) => {
    const spot = v.priority === "Spot";
    const pool = spot ? "spot pool" : `${text(v.name) ?? "node"} pool`;
    nodePool(out, pool, v);
    if (spot) push(out, "spot pool max price ($/h)", text(v.spot_max_price));
  },
  azurerm_cosmosdb_account: (v, out) => {
    const regions = blocks(v.geo_location).map((g) => text(g.location) ?? "?");
    if (regions.length > 0) push(out, "Cosmos DB regions", `${regions.length} (${regions.join(", ")})`);
    push(out, "Cosmos DB consistency", text(block(v.consistency_policy)?.consistency_level));
    push(out, "Cosmos DB multi-region writes", text(v.multiple_write_locations_enabled));
  },
  azurerm_cosmosdb_mongo_database: (v, out) => {
    push(out, "Cosmos DB RU/s", text(v.throughput));
    push(out, "Cosmos DB autoscale max RU/s", text(block(v.autoscale_settings)?.max_throughput));
  },
  azurerm_cosmosdb_mongo_collection: (v, out) => {
    push(out, `Cosmos DB collection ${text(v.name) ?? "?"} RU/s`, text(v.throughput));
  },
  azurerm_redis_cache: (v, out) => {
    const sku = [text(v.sku_name), `${text(v.family) ?? ""}${text(v.capacity) ?? ""}`].filter((x) => x).join(" ");
    const shards = text(v.shard_count);
    push(out, "Redis", sku === "" ? undefined : shards !== undefined ? `${sku} x ${shards} shards` : sku);
  },
  azurerm_search_service: (v, out) => {
    push(out, "AI Search SKU", text(v.sku));
    push(out, "AI Search replicas", text(v.replica_count));
    push(out, "AI Search partitions", text(v.partition_count));
  },
  azurerm_container_group: (v, out) => {
    for (const c of blocks(v.container)) push(out, `${text(c.name) ?? "container"} (vCPU / GB)`, [text(c.cpu), text(c.memory)].filter((x) => x).join(" / ") || undefined);
  },
  azurerm_consumption_budget_resource_group: (v, out) => push(out, "budget ceiling (USD/month)", text(v.amount)),
  azurerm_log_analytics_workspace: (v, out) => {
    push(out, "Log Analytics retention (days)", text(v.retention_in_days));
    push(out, "Log Analytics daily cap (GB)", text(v.daily_quota_gb));
  },
  azurerm_storage_account: (v, out) => {
    push(out, "storage replication", text(v.account_replication_type));
    push(out, "storage tier", text(v.account_tier));
  },
  helm_release: (v, out) => push(out, `${text(v.name) ?? "release"} chart`, [text(v.chart), text(v.version)].filter((x) => x).join(" ") || undefined),
  kubernetes_manifest: (v, out) => {
    const manifest = block(v.manifest);
    if (manifest?.kind !== "ScaledObject") return;
    const spec = block(manifest.spec);
    const target = text(block(spec?.scaleTargetRef)?.name) ?? text(block(manifest.metadata)?.name) ?? "?";
    push(out, `${target} replicas (KEDA)`, range(spec?.minReplicaCount, spec?.maxReplicaCount));
  },
};

function workload(v: Values, out: PlatformNumber[]): void {
  const name = text(block(v.metadata)?.name) ?? "workload";
  const spec = block(v.spec);
  push(out, `${name} replicas`, text(spec?.replicas));
  containers(out, name, block(block(spec?.template)?.spec));
}

function autoscaler(v: Values, out: PlatformNumber[]): void {
  const spec = block(v.spec);
  const target = text(block(spec?.scale_target_ref)?.name) ?? text(block(v.metadata)?.name) ?? "workload";
  push(out, `${target} replicas (HPA)`, range(spec?.min_replicas, spec?.max_replicas));
}

for (const type of ["kubernetes_deployment", "kubernetes_deployment_v1", "kubernetes_stateful_set", "kubernetes_stateful_set_v1"]) {
  (READERS as Record<string, Reader>)[type] = workload;
}
for (const type of ["kubernetes_horizontal_pod_autoscaler", "kubernetes_horizontal_pod_autoscaler_v1", "kubernetes_horizontal_pod_autoscaler_v2"]) {
  (READERS as Record<string, Reader>)[type] = autoscaler;
}

/** The resource types whose numbers the review names. */
export const PLATFORM_NUMBER_TYPES: readonly string[] = Object.keys(READERS).sort();

/** The named numbers of one resource; empty for types the tier table does not describe. */
export function platformNumbers(resourceType: string, values: unknown): PlatformNumber[] {
  const reader = READERS[resourceType];
  if (!reader || typeof values !== "object" || values === null) return [];
  const out: PlatformNumber[] = [];
  reader(values as Values, out);
  return out;
}
