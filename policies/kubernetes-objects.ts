import { ConfigObject, at, block, blocks, isObject, strings } from "./config-values";
import { PolicyResource } from "./policy-rule";

/**
 * The namespaced Kubernetes objects the cross-resource rules look for (NetworkPolicies,
 * ResourceQuotas, PodDisruptionBudgets, autoscalers), read from the kubernetes provider's typed
 * resources and from `kubernetes_manifest` alike.
 */

/** A label selector, in one shape. */
export interface LabelSelector {
  readonly matchLabels: Readonly<Record<string, unknown>>;
  readonly matchExpressions: readonly { readonly key: string; readonly operator: string; readonly values: readonly string[] }[];
}

export const NAMESPACE_RESOURCE_TYPES: readonly string[] = ["kubernetes_namespace", "kubernetes_namespace_v1"];

const NETWORK_POLICY_TYPES = ["kubernetes_network_policy", "kubernetes_network_policy_v1"];
const RESOURCE_QUOTA_TYPES = ["kubernetes_resource_quota", "kubernetes_resource_quota_v1"];
const PDB_TYPES = ["kubernetes_pod_disruption_budget", "kubernetes_pod_disruption_budget_v1"];
export const HPA_RESOURCE_TYPES: readonly string[] = [
  "kubernetes_horizontal_pod_autoscaler",
  "kubernetes_horizontal_pod_autoscaler_v1",
  "kubernetes_horizontal_pod_autoscaler_v2",
  "kubernetes_horizontal_pod_autoscaler_v2beta2",
];

/** Types the cross-resource rules read besides the one they evaluate. */
export const CONTEXT_RESOURCE_TYPES: readonly string[] = [
  ...NAMESPACE_RESOURCE_TYPES,
  ...NETWORK_POLICY_TYPES,
  ...RESOURCE_QUOTA_TYPES,
  ...PDB_TYPES,
  ...HPA_RESOURCE_TYPES,
  "kubernetes_manifest",
];

/**
 * What is computed once per list of resources: the packs hand every rule of a stack one frozen
 * list (`StackPolicyResults.contextResources()`), so the views below are built once per stack
 * instead of once per workload or namespace that a rule evaluates. A list that is not frozen may
 * change between calls and is read afresh every time.
 */
interface ResourceIndex {
  byAddress?: ReadonlyMap<string, PolicyResource>;
  networkPolicies?: readonly NetworkPolicyView[];
  resourceQuotas?: readonly ResourceQuotaView[];
  disruptionBudgets?: readonly DisruptionBudgetView[];
  autoscalers?: readonly AutoscalerView[];
}

const INDEXES = new WeakMap<readonly PolicyResource[], ResourceIndex>();

function indexed<K extends keyof ResourceIndex>(resources: readonly PolicyResource[], key: K, build: () => NonNullable<ResourceIndex[K]>): NonNullable<ResourceIndex[K]> {
  if (!Object.isFrozen(resources)) return build();
  let index = INDEXES.get(resources);
  if (!index) {
    index = {};
    INDEXES.set(resources, index);
  }
  return (index[key] ??= build()) as NonNullable<ResourceIndex[K]>;
}

/** A view list as the functions below return it: a copy of the shared one, so callers may change it. */
function copy<T>(views: readonly T[]): T[] {
  return [...views];
}

const NAMESPACE_REFERENCE = /^\$\{(kubernetes_namespace(?:_v1)?\.[^.[\]}]+)\.(?:metadata\[0\]\.name|metadata\.0\.name|id)\}$/;

/**
 * A comparable key for a namespace as written: the name for a literal or for a reference to a
 * namespace resource of the stack whose name is a literal; the expression itself otherwise.
 */
export function namespaceKey(value: unknown, resources: readonly PolicyResource[]): string {
  if (value === undefined || value === null || value === "") return "default";
  if (typeof value !== "string") return JSON.stringify(value);
  const reference = NAMESPACE_REFERENCE.exec(value);
  if (!reference) return value;
  const byAddress = indexed(resources, "byAddress", () => {
    const map = new Map<string, PolicyResource>();
    // The first resource of an address, as a search in order would find.
    for (const r of resources) if (!map.has(r.address)) map.set(r.address, r);
    return map;
  });
  const namespace = byAddress.get(reference[1]);
  const name = namespace ? at(namespace.config, "metadata")?.name : undefined;
  return typeof name === "string" && !name.includes("${") ? name : reference[1];
}

/** The name of a namespace resource. */
export function namespaceName(resource: PolicyResource): unknown {
  return at(resource.config, "metadata")?.name;
}

function manifestOf(resource: PolicyResource, kind: string): ConfigObject | undefined {
  if (resource.type !== "kubernetes_manifest") return undefined;
  const manifest = block(resource.config.manifest);
  return manifest?.kind === kind ? manifest : undefined;
}

function selectorOf(value: unknown, manifest: boolean): LabelSelector {
  const selector = block(value) ?? {};
  const labels = selector[manifest ? "matchLabels" : "match_labels"];
  return {
    matchLabels: isObject(labels) ? labels : {},
    matchExpressions: blocks(selector[manifest ? "matchExpressions" : "match_expressions"]).map((e) => ({
      key: String(e.key ?? ""),
      operator: String(e.operator ?? ""),
      values: strings(e.values),
    })),
  };
}

/** Whether a selector selects nothing in particular, i.e. every pod of its namespace. */
export function selectsEverything(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels).length === 0 && selector.matchExpressions.length === 0;
}

/** Whether a selector matches a set of pod labels. */
export function selectorMatches(selector: LabelSelector, labels: Readonly<Record<string, unknown>>): boolean {
  const labelsMatch = Object.entries(selector.matchLabels).every(([k, v]) => labels[k] === v);
  return (
    labelsMatch &&
    selector.matchExpressions.every((e) => {
      const has = Object.prototype.hasOwnProperty.call(labels, e.key);
      const value = String(labels[e.key]);
      switch (e.operator) {
        case "In":
          return has && e.values.includes(value);
        case "NotIn":
          return !has || !e.values.includes(value);
        case "Exists":
          return has;
        case "DoesNotExist":
          return !has;
        default:
          return false;
      }
    })
  );
}

/** A NetworkPolicy of the stack: its namespace and which pods it selects. */
export interface NetworkPolicyView {
  readonly namespace: string;
  readonly podSelector: LabelSelector;
}

export function networkPolicies(resources: readonly PolicyResource[]): NetworkPolicyView[] {
  return copy(indexed(resources, "networkPolicies", () => networkPoliciesOf(resources)));
}

function networkPoliciesOf(resources: readonly PolicyResource[]): NetworkPolicyView[] {
  return resources.flatMap((r): NetworkPolicyView[] => {
    if (NETWORK_POLICY_TYPES.includes(r.type)) {
      return [{ namespace: namespaceKey(at(r.config, "metadata")?.namespace, resources), podSelector: selectorOf(at(r.config, "spec")?.pod_selector, false) }];
    }
    const manifest = manifestOf(r, "NetworkPolicy");
    return manifest
      ? [{ namespace: namespaceKey(block(manifest.metadata)?.namespace, resources), podSelector: selectorOf(block(manifest.spec)?.podSelector, true) }]
      : [];
  });
}

/** A ResourceQuota of the stack: its namespace and the resources it caps. */
export interface ResourceQuotaView {
  readonly namespace: string;
  readonly hard: Readonly<Record<string, unknown>>;
}

export function resourceQuotas(resources: readonly PolicyResource[]): ResourceQuotaView[] {
  return copy(indexed(resources, "resourceQuotas", () => resourceQuotasOf(resources)));
}

function resourceQuotasOf(resources: readonly PolicyResource[]): ResourceQuotaView[] {
  return resources.flatMap((r): ResourceQuotaView[] => {
    if (RESOURCE_QUOTA_TYPES.includes(r.type)) {
      return [{ namespace: namespaceKey(at(r.config, "metadata")?.namespace, resources), hard: at(r.config, "spec", "hard") ?? {} }];
    }
    const manifest = manifestOf(r, "ResourceQuota");
    return manifest ? [{ namespace: namespaceKey(block(manifest.metadata)?.namespace, resources), hard: at(manifest, "spec", "hard") ?? {} }] : [];
  });
}

/** A PodDisruptionBudget of the stack. */
export interface DisruptionBudgetView {
  readonly namespace: string;
  readonly selector: LabelSelector;
}

export function disruptionBudgets(resources: readonly PolicyResource[]): DisruptionBudgetView[] {
  return copy(indexed(resources, "disruptionBudgets", () => disruptionBudgetsOf(resources)));
}

function disruptionBudgetsOf(resources: readonly PolicyResource[]): DisruptionBudgetView[] {
  return resources.flatMap((r): DisruptionBudgetView[] => {
    if (PDB_TYPES.includes(r.type)) {
      return [{ namespace: namespaceKey(at(r.config, "metadata")?.namespace, resources), selector: selectorOf(at(r.config, "spec")?.selector, false) }];
    }
    const manifest = manifestOf(r, "PodDisruptionBudget");
    return manifest
      ? [{ namespace: namespaceKey(block(manifest.metadata)?.namespace, resources), selector: selectorOf(block(manifest.spec)?.selector, true) }]
      : [];
  });
}

/** Something that sets a workload's replica count: an HPA or a KEDA ScaledObject. */
export interface AutoscalerView {
  readonly kind: "HorizontalPodAutoscaler" | "ScaledObject";
  readonly namespace: string;
  readonly targetKind: string;
  readonly targetName: unknown;
  readonly minReplicas: unknown;
  readonly maxReplicas: unknown;
}

/** KEDA's defaults when a ScaledObject leaves its bounds out. */
export const KEDA_DEFAULT_MIN_REPLICAS = 0;
export const KEDA_DEFAULT_MAX_REPLICAS = 100;

/** The autoscaler a resource declares, if it is one. */
export function autoscalerOf(resource: PolicyResource, resources: readonly PolicyResource[]): AutoscalerView | undefined {
  if (HPA_RESOURCE_TYPES.includes(resource.type)) {
    const spec = at(resource.config, "spec") ?? {};
    const target = block(spec.scale_target_ref) ?? {};
    return {
      kind: "HorizontalPodAutoscaler",
      namespace: namespaceKey(at(resource.config, "metadata")?.namespace, resources),
      targetKind: String(target.kind ?? ""),
      targetName: target.name,
      minReplicas: spec.min_replicas ?? 1,
      maxReplicas: spec.max_replicas,
    };
  }
  const hpa = manifestOf(resource, "HorizontalPodAutoscaler");
  if (hpa) {
    const spec = block(hpa.spec) ?? {};
    const target = block(spec.scaleTargetRef) ?? {};
    return {
      kind: "HorizontalPodAutoscaler",
      namespace: namespaceKey(block(hpa.metadata)?.namespace, resources),
      targetKind: String(target.kind ?? ""),
      targetName: target.name,
      minReplicas: spec.minReplicas ?? 1,
      maxReplicas: spec.maxReplicas,
    };
  }
  const scaled = manifestOf(resource, "ScaledObject");
  if (scaled) {
    const spec = block(scaled.spec) ?? {};
    const target = block(spec.scaleTargetRef) ?? {};
    return {
      kind: "ScaledObject",
      namespace: namespaceKey(block(scaled.metadata)?.namespace, resources),
      targetKind: String(target.kind ?? "Deployment"),
      targetName: target.name,
      minReplicas: spec.minReplicaCount ?? KEDA_DEFAULT_MIN_REPLICAS,
      maxReplicas: spec.maxReplicaCount,
    };
  }
  return undefined;
}

/** Every autoscaler of the stack. */
export function autoscalers(resources: readonly PolicyResource[]): AutoscalerView[] {
  return copy(
    indexed(resources, "autoscalers", () =>
      resources.flatMap((r) => {
        const view = autoscalerOf(r, resources);
        return view ? [view] : [];
      }),
    ),
  );
}
