import { IConstruct } from "constructs";
import { checkInteger, checkOrdered, isUnresolved } from "./checks";
import { ValidationError } from "./validation-error";
import { ResourceQuantities } from "./workload";

/** How much the stack asks for, and how much redundancy it must have. */
export enum ObservabilityProfile {
  /** A laptop cluster: small requests, one of everything. */
  LIGHT = "light",
  /** One region of a small production: moderate requests, single replicas allowed. */
  STANDARD = "standard",
  /** At least 2 Prometheus and 3 Alertmanager replicas, Loki on object storage with 2+ replicas. */
  HIGHLY_AVAILABLE = "highly-available",
}

/** Loki's deployment modes, as the chart spells them (SimpleScalable is deprecated upstream). */
export enum LokiDeploymentMode {
  MONOLITHIC = "Monolithic",
  DISTRIBUTED = "Distributed",
}

/** Every container the stack runs; each gets requests and limits. */
export enum ObservabilityComponent {
  PROMETHEUS = "prometheus",
  ALERTMANAGER = "alertmanager",
  PROMETHEUS_OPERATOR = "prometheus-operator",
  CONFIG_RELOADER = "config-reloader",
  OPERATOR_WEBHOOK_JOB = "operator-webhook-job",
  KUBE_STATE_METRICS = "kube-state-metrics",
  NODE_EXPORTER = "node-exporter",
  GRAFANA = "grafana",
  GRAFANA_SIDECAR = "grafana-sidecar",
  GRAFANA_INIT = "grafana-init",
  LOKI = "loki",
  LOKI_INGESTER = "loki-ingester",
  LOKI_DISTRIBUTOR = "loki-distributor",
  LOKI_QUERIER = "loki-querier",
  LOKI_QUERY_FRONTEND = "loki-query-frontend",
  LOKI_QUERY_SCHEDULER = "loki-query-scheduler",
  LOKI_INDEX_GATEWAY = "loki-index-gateway",
  LOKI_COMPACTOR = "loki-compactor",
  LOKI_GATEWAY = "loki-gateway",
  LOKI_CHUNKS_CACHE = "loki-chunks-cache",
  LOKI_RESULTS_CACHE = "loki-results-cache",
  LOKI_CACHE_EXPORTER = "loki-cache-exporter",
  TEMPO = "tempo",
  LOG_SHIPPER = "log-shipper",
  LOG_SHIPPER_RELOADER = "log-shipper-reloader",
}

/** Requests and limits of one container. */
export interface ComponentResources {
  readonly requests: ResourceQuantities;
  readonly limits: ResourceQuantities;
}

export type ResourceTable = Readonly<Record<ObservabilityComponent, ComponentResources>>;

function res(cpuRequest: number, memoryRequest: number, cpuLimit: number, memoryLimit: number): ComponentResources {
  return { requests: { cpuMillis: cpuRequest, memoryMiB: memoryRequest }, limits: { cpuMillis: cpuLimit, memoryMiB: memoryLimit } };
}

const C = ObservabilityComponent;

/**
 * Requests and limits per profile (millicores, MiB). Standard's requests total about 1.6 vCPU and
 * 5.5 GiB, what small-prod's always-on pool has left beside the perimeter's two thirds.
 * Memcached's limits equal requests: its memory is allocated up front (`-m`).
 */
export const OBSERVABILITY_RESOURCES: Readonly<Record<ObservabilityProfile, ResourceTable>> = {
  [ObservabilityProfile.LIGHT]: {
    [C.PROMETHEUS]: res(100, 256, 1000, 1024),
    [C.ALERTMANAGER]: res(10, 32, 100, 128),
    [C.PROMETHEUS_OPERATOR]: res(20, 64, 200, 256),
    [C.CONFIG_RELOADER]: res(10, 16, 100, 64),
    [C.OPERATOR_WEBHOOK_JOB]: res(10, 32, 100, 128),
    [C.KUBE_STATE_METRICS]: res(10, 64, 100, 256),
    [C.NODE_EXPORTER]: res(10, 32, 200, 64),
    [C.GRAFANA]: res(50, 128, 500, 512),
    [C.GRAFANA_SIDECAR]: res(10, 64, 100, 128),
    [C.GRAFANA_INIT]: res(10, 16, 100, 64),
    [C.LOKI]: res(100, 256, 1000, 1024),
    [C.LOKI_INGESTER]: res(100, 256, 500, 1024),
    [C.LOKI_DISTRIBUTOR]: res(50, 64, 250, 256),
    [C.LOKI_QUERIER]: res(50, 128, 500, 512),
    [C.LOKI_QUERY_FRONTEND]: res(20, 64, 200, 256),
    [C.LOKI_QUERY_SCHEDULER]: res(20, 64, 100, 128),
    [C.LOKI_INDEX_GATEWAY]: res(20, 128, 200, 512),
    [C.LOKI_COMPACTOR]: res(20, 128, 200, 512),
    [C.LOKI_GATEWAY]: res(10, 32, 100, 128),
    [C.LOKI_CHUNKS_CACHE]: res(50, 308, 500, 308),
    [C.LOKI_RESULTS_CACHE]: res(20, 154, 200, 154),
    [C.LOKI_CACHE_EXPORTER]: res(10, 16, 100, 64),
    [C.TEMPO]: res(50, 128, 500, 512),
    [C.LOG_SHIPPER]: res(50, 128, 500, 256),
    [C.LOG_SHIPPER_RELOADER]: res(10, 16, 50, 64),
  },
  [ObservabilityProfile.STANDARD]: {
    [C.PROMETHEUS]: res(500, 2048, 2000, 4096),
    [C.ALERTMANAGER]: res(20, 64, 200, 256),
    [C.PROMETHEUS_OPERATOR]: res(50, 128, 500, 512),
    [C.CONFIG_RELOADER]: res(10, 32, 100, 128),
    [C.OPERATOR_WEBHOOK_JOB]: res(10, 32, 100, 128),
    [C.KUBE_STATE_METRICS]: res(50, 128, 200, 512),
    [C.NODE_EXPORTER]: res(20, 32, 250, 128),
    [C.GRAFANA]: res(100, 256, 1000, 1024),
    [C.GRAFANA_SIDECAR]: res(20, 64, 200, 256),
    [C.GRAFANA_INIT]: res(10, 16, 100, 64),
    [C.LOKI]: res(250, 1024, 2000, 4096),
    [C.LOKI_INGESTER]: res(250, 1024, 1000, 2048),
    [C.LOKI_DISTRIBUTOR]: res(100, 256, 500, 1024),
    [C.LOKI_QUERIER]: res(100, 512, 1000, 2048),
    [C.LOKI_QUERY_FRONTEND]: res(50, 128, 500, 512),
    [C.LOKI_QUERY_SCHEDULER]: res(50, 128, 200, 256),
    [C.LOKI_INDEX_GATEWAY]: res(100, 256, 500, 1024),
    [C.LOKI_COMPACTOR]: res(100, 256, 500, 1024),
    [C.LOKI_GATEWAY]: res(20, 64, 200, 256),
    [C.LOKI_CHUNKS_CACHE]: res(100, 1229, 500, 1229),
    [C.LOKI_RESULTS_CACHE]: res(50, 308, 500, 308),
    [C.LOKI_CACHE_EXPORTER]: res(10, 32, 100, 64),
    [C.TEMPO]: res(100, 512, 1000, 2048),
    [C.LOG_SHIPPER]: res(100, 256, 1000, 512),
    [C.LOG_SHIPPER_RELOADER]: res(10, 32, 50, 64),
  },
  [ObservabilityProfile.HIGHLY_AVAILABLE]: {
    [C.PROMETHEUS]: res(1000, 4096, 4000, 8192),
    [C.ALERTMANAGER]: res(50, 128, 200, 256),
    [C.PROMETHEUS_OPERATOR]: res(100, 256, 500, 512),
    [C.CONFIG_RELOADER]: res(10, 32, 100, 128),
    [C.OPERATOR_WEBHOOK_JOB]: res(10, 32, 100, 128),
    [C.KUBE_STATE_METRICS]: res(100, 256, 500, 1024),
    [C.NODE_EXPORTER]: res(20, 64, 250, 128),
    [C.GRAFANA]: res(200, 512, 1000, 2048),
    [C.GRAFANA_SIDECAR]: res(20, 64, 200, 256),
    [C.GRAFANA_INIT]: res(10, 16, 100, 64),
    [C.LOKI]: res(500, 2048, 2000, 4096),
    [C.LOKI_INGESTER]: res(500, 2048, 2000, 4096),
    [C.LOKI_DISTRIBUTOR]: res(250, 512, 1000, 1024),
    [C.LOKI_QUERIER]: res(250, 1024, 2000, 4096),
    [C.LOKI_QUERY_FRONTEND]: res(100, 256, 1000, 1024),
    [C.LOKI_QUERY_SCHEDULER]: res(100, 128, 500, 512),
    [C.LOKI_INDEX_GATEWAY]: res(250, 512, 1000, 2048),
    [C.LOKI_COMPACTOR]: res(250, 512, 1000, 2048),
    [C.LOKI_GATEWAY]: res(50, 128, 500, 256),
    [C.LOKI_CHUNKS_CACHE]: res(250, 2458, 1000, 2458),
    [C.LOKI_RESULTS_CACHE]: res(100, 615, 500, 615),
    [C.LOKI_CACHE_EXPORTER]: res(10, 32, 100, 64),
    [C.TEMPO]: res(250, 1024, 2000, 4096),
    [C.LOG_SHIPPER]: res(100, 256, 1000, 1024),
    [C.LOG_SHIPPER_RELOADER]: res(10, 32, 50, 64),
  },
};

/** A container's requests and limits as Kubernetes quantities, for Helm values. */
export function quantities(r: ComponentResources): Record<string, Record<string, string>> {
  return {
    requests: { cpu: `${r.requests.cpuMillis}m`, memory: `${r.requests.memoryMiB}Mi` },
    limits: { cpu: `${r.limits.cpuMillis}m`, memory: `${r.limits.memoryMiB}Mi` },
  };
}

/** A prometheus-operator `storage` spec: one ReadWriteOnce volume per replica. */
export function volumeClaim(sizeGiB: number, storageClassName: string | undefined): Record<string, unknown> {
  return {
    volumeClaimTemplate: {
      spec: { storageClassName, accessModes: ["ReadWriteOnce"], resources: { requests: { storage: `${sizeGiB}Gi` } } },
    },
  };
}

/** A whole number known at synthesis: it is rendered into Helm values, where a token cannot be resolved. */
export function checkHelmCount(scope: IConstruct, property: string, value: number, min: number, max: number): void {
  if (isUnresolved(value)) {
    throw new ValidationError(scope, property, value, "expected a number known at synthesis (it is rendered into Helm values)");
  }
  checkInteger(scope, property, value, min, max);
}

/** Requests and limits known at synthesis, each request at most its limit. */
export function checkComponentResources(scope: IConstruct, property: string, r: ComponentResources): void {
  checkHelmCount(scope, `${property}.requests.cpuMillis`, r.requests.cpuMillis, 1, 256000);
  checkHelmCount(scope, `${property}.requests.memoryMiB`, r.requests.memoryMiB, 1, 4194304);
  checkHelmCount(scope, `${property}.limits.cpuMillis`, r.limits.cpuMillis, 1, 256000);
  checkHelmCount(scope, `${property}.limits.memoryMiB`, r.limits.memoryMiB, 1, 4194304);
  checkOrdered(scope, `${property}.requests.cpuMillis`, r.requests.cpuMillis, `${property}.limits.cpuMillis`, r.limits.cpuMillis);
  checkOrdered(scope, `${property}.requests.memoryMiB`, r.requests.memoryMiB, `${property}.limits.memoryMiB`, r.limits.memoryMiB);
}
