import { Construct } from "constructs";
import { Release } from "@cdktf/provider-helm/lib/release";
import { AlertReceiver } from "./alert-receiver";
import {
  AlertThresholds,
  defaultServiceMetrics,
  PrometheusRuleGroup,
  SEED_ALERT_THRESHOLDS,
  ServiceMetrics,
  checkAlertThresholds,
  platformAlertRuleGroups,
} from "./alert-rules";
import { checkDnsLabel, checkInteger, checkOneOf, checkOrdered, isUnresolved } from "./checks";
import { PART_OF_LABEL_KEY, PlatformNames } from "./platform-name";
import { ALLOY_CHART, KUBE_PROMETHEUS_STACK_CHART, LOKI_CHART, PinnedChart, TEMPO_CHART, checkPinnedChart, pinnedReleaseConfig } from "./pinned-chart";
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

type ResourceTable = Readonly<Record<ObservabilityComponent, ComponentResources>>;

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

/** The charts the stack installs; each can be replaced by another pinned version. */
export interface ObservabilityCharts {
  readonly kubePrometheusStack: PinnedChart;
  readonly loki: PinnedChart;
  readonly tempo: PinnedChart;
  readonly logShipper: PinnedChart;
}

export const DEFAULT_OBSERVABILITY_CHARTS: ObservabilityCharts = {
  kubePrometheusStack: KUBE_PROMETHEUS_STACK_CHART,
  loki: LOKI_CHART,
  tempo: TEMPO_CHART,
  logShipper: ALLOY_CHART,
};

/**
 * Azure Blob storage for Loki's chunks and index, reached through workload identity. The identity
 * needs "Storage Blob Data Contributor" on the container and a federated credential for
 * `ObservabilityStack.lokiWorkloadIdentitySubject`.
 */
export interface LokiBlobStorage {
  /** Storage account name (3-24 lowercase letters and digits), not its resource id. */
  readonly storageAccountName: string;
  /** Blob container for chunks and index. */
  readonly containerName: string;
  /** Client id of the user-assigned managed identity Loki signs in as. */
  readonly workloadIdentityClientId: string;
}

/** Grafana's admin login, from a Kubernetes Secret (never a Helm value: values land in Terraform state). */
export interface GrafanaAdminSecret {
  /** Secret in the observability namespace. */
  readonly secretName: string;
  /**
   * @default "admin-user"
   */
  readonly userKey?: string;
  /**
   * @default "admin-password"
   */
  readonly passwordKey?: string;
  /**
   * SecretProviderClass that syncs the Secret from Key Vault; Grafana mounts it so the Secrets Store
   * CSI driver creates the Secret (it only syncs while a pod mounts the class). Its identity needs
   * a federated credential for `system:serviceaccount:<namespace>:grafana`.
   * @default - none: the Secret exists on its own
   */
  readonly secretProviderClass?: string;
}

export interface ObservabilityStackProps {
  /**
   * Namespace of every release: the platform's `observability` namespace, whose Pod Security level
   * must be privileged (node exporter and the log shipper read the host).
   */
  readonly namespace: string;
  /**
   * @default ObservabilityProfile.STANDARD
   */
  readonly profile?: ObservabilityProfile;
  /**
   * Namespaces of the platform's workloads: scraped by the ServiceMonitor and watched by the alerts.
   * @default ["platform", "agents", "languages"]
   */
  readonly monitoredNamespaces?: readonly string[];
  /**
   * Name of the Service port that serves metrics.
   * @default "http"
   */
  readonly metricsPortName?: string;
  /**
   * @default "/metrics"
   */
  readonly metricsPath?: string;
  /**
   * @default 30
   */
  readonly scrapeIntervalSeconds?: number;
  /**
   * Scrape etcd, the scheduler, the controller manager and kube-proxy. AKS runs the control plane
   * out of reach and replaces kube-proxy with Cilium; kind binds their metrics to localhost. Off,
   * their ServiceMonitors and their "down" alerts are not installed.
   * @default false
   */
  readonly scrapeControlPlane?: boolean;
  /**
   * `cluster` label on every series and alert, to tell regions apart.
   * @default - no cluster label
   */
  readonly clusterName?: string;
  /**
   * @default 1
   */
  readonly prometheusReplicas?: number;
  /**
   * Days of metrics Prometheus keeps.
   * @default 15
   */
  readonly metricsRetentionDays?: number;
  /**
   * Persistent volume per Prometheus replica, GiB; Prometheus stops at 85% of it by size.
   * @default 0 - an emptyDir, lost with the pod
   */
  readonly prometheusStorageGiB?: number;
  /**
   * @default 1
   */
  readonly alertmanagerReplicas?: number;
  /**
   * Persistent volume per Alertmanager replica (silences, notification log), GiB.
   * @default 0 - an emptyDir
   */
  readonly alertmanagerStorageGiB?: number;
  /**
   * Storage class of every persistent volume.
   * @default - the cluster's default class
   */
  readonly storageClassName?: string;
  /**
   * @default - the chart generates a random password into a Secret of its own (never in Terraform state)
   */
  readonly grafanaAdmin?: GrafanaAdminSecret;
  /**
   * Persistent volume for Grafana's database (users, preferences, annotations), GiB.
   * @default 0 - an emptyDir; datasources and dashboards are provisioned anyway
   */
  readonly grafanaStorageGiB?: number;
  /**
   * @default LokiDeploymentMode.MONOLITHIC
   */
  readonly logsMode?: LokiDeploymentMode;
  /**
   * Replicas of the single binary (Monolithic) or of each component but the compactor (Distributed).
   * @default 1
   */
  readonly logsReplicas?: number;
  /**
   * Days logs stay queryable (seed 001: "30 days hot").
   * @default 30
   */
  readonly logsRetentionDays?: number;
  /**
   * Days logs are kept in all (seed 001: "1 year archived"). Past `logsRetentionDays` Loki no
   * longer queries them and leaves them to the storage account's lifecycle rule, which must move
   * the container's blobs to the archive tier no sooner than `logsRetentionDays` and delete them
   * at this age. Needs `logStorage`.
   * @default - logsRetentionDays: Loki deletes logs itself when they leave the query window
   */
  readonly logsArchiveDays?: number;
  /**
   * Persistent volume per Loki pod that keeps data on disk (single binary, ingesters), GiB.
   * @default 10
   */
  readonly logsStorageGiB?: number;
  /**
   * Object storage for Loki; required for Distributed mode and for more than one replica.
   * @default - the Loki pod's own disk
   */
  readonly logStorage?: LokiBlobStorage;
  /**
   * Days Tempo keeps traces.
   * @default 7
   */
  readonly tracesRetentionDays?: number;
  /**
   * Persistent volume for Tempo's blocks and write-ahead log, GiB.
   * @default 0 - an emptyDir
   */
  readonly tracesStorageGiB?: number;
  /**
   * @default SEED_ALERT_THRESHOLDS
   */
  readonly alertThresholds?: AlertThresholds;
  /**
   * Metric names the alert rules read from the platform's services.
   * @default - `defaultServiceMetrics(PlatformNames.of(this).metricPrefix)`
   */
  readonly serviceMetrics?: ServiceMetrics;
  /**
   * Where critical alerts go: paged quickly, repeated hourly.
   * @default AlertReceiver.none("critical") - kept in Alertmanager and Grafana, sent nowhere
   */
  readonly criticalReceiver?: AlertReceiver;
  /**
   * Where warnings go: grouped longer, repeated every 4 hours.
   * @default AlertReceiver.none("warning")
   */
  readonly warningReceiver?: AlertReceiver;
  /**
   * Requests and limits per component, over the profile's.
   * @default - OBSERVABILITY_RESOURCES[profile]
   */
  readonly resources?: Partial<Record<ObservabilityComponent, ComponentResources>>;
  /**
   * @default DEFAULT_OBSERVABILITY_CHARTS
   */
  readonly charts?: Partial<ObservabilityCharts>;
}

/**
 * The Prometheus operator's admission webhook, as kube-prometheus-stack deploys it under the
 * release name this construct uses: the operator pods' label and the port the API server calls
 * (`prometheusOperator.tls.internalPort`). On AKS the call arrives through konnectivity-agent in
 * kube-system, so a namespace that denies ingress must allow it, or every PrometheusRule and
 * ServiceMonitor admission waits out the webhook's timeout.
 */
export const PROMETHEUS_OPERATOR_WEBHOOK = {
  podLabels: { app: "kube-prometheus-stack-operator" },
  port: 10250,
  fromNamespace: "kube-system",
} as const;

/** Release names; Service names follow from them (`<release>-prometheus`, `loki-gateway`, ...). */
const KPS_RELEASE = "kube-prometheus-stack";
const LOKI_RELEASE = "loki";
const TEMPO_RELEASE = "tempo";
const LOG_SHIPPER_RELEASE = "alloy";
const GRAFANA_SERVICE_ACCOUNT = "grafana";
const LOKI_SERVICE_ACCOUNT = "loki";
const WORKLOAD_IDENTITY_CLIENT_ID = "azure.workload.identity/client-id";
const WORKLOAD_IDENTITY_USE = "azure.workload.identity/use";
// Any date before the first deployment; changing it later needs a new schema period, not an edit.
const LOKI_SCHEMA_FROM = "2024-04-01";

const SUBDOMAIN = /^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$/;
const SECRET_KEY = /^[-._a-zA-Z0-9]{1,253}$/;
const PORT_NAME = /^[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$/;
const STORAGE_ACCOUNT = /^[a-z0-9]{3,24}$/;
const BLOB_CONTAINER = /^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

function quantities(r: ComponentResources): Record<string, Record<string, string>> {
  return {
    requests: { cpu: `${r.requests.cpuMillis}m`, memory: `${r.requests.memoryMiB}Mi` },
    limits: { cpu: `${r.limits.cpuMillis}m`, memory: `${r.limits.memoryMiB}Mi` },
  };
}

function volumeClaim(sizeGiB: number, storageClassName: string | undefined): Record<string, unknown> {
  return {
    volumeClaimTemplate: {
      spec: { storageClassName, accessModes: ["ReadWriteOnce"], resources: { requests: { storage: `${sizeGiB}Gi` } } },
    },
  };
}

/**
 * Prometheus, Alertmanager, Grafana, node exporter and kube-state-metrics (kube-prometheus-stack),
 * Loki with a log shipper on every node (Grafana Alloy), and Tempo, each a pinned Helm release.
 *
 * **Scrape contract.** One ServiceMonitor, `<platform>-platform`, selects every Service labelled
 * `app.kubernetes.io/part-of: <platform>-platform` (`PlatformNames.partOf`) in the monitored namespaces (`platform`, `agents`,
 * `languages` by default) and scrapes `GET <metricsPath>` (`/metrics`) on the Service port named
 * `metricsPortName` (`http`), every `scrapeIntervalSeconds`; the job is the Service's
 * `app.kubernetes.io/name`. Workloads built with `Workload` (core services, agent teams, language
 * services) already carry the label and name their port `http`; each must serve `/metrics` on it,
 * or its target is down and `PlatformServiceUnavailable` fires. The alert rules read the metrics
 * of `serviceMetrics` (`http_requests_total{code}`, `http_request_duration_seconds`,
 * `<platform>_db_connection_errors_total`, `<platform>_db_query_duration_seconds` by default).
 *
 * **Alerts** are seed 001's thresholds (and seed 002's p99 objective) rendered into the chart's
 * `additionalPrometheusRulesMap`, and ServiceMonitors into `prometheus.additionalServiceMonitors`:
 * a PrometheusRule as a `kubernetes_manifest` would need its CRD at plan time, which a fresh
 * cluster does not have; through the release, Helm installs the CRDs before the objects.
 *
 * **Traces**: services send OTLP to `otlpGrpcEndpoint` or `otlpHttpEndpoint`.
 */
export class ObservabilityStack extends Construct {
  /** kube-prometheus-stack: Prometheus, Alertmanager, Grafana, node exporter, kube-state-metrics. */
  public readonly metricsRelease: Release;
  public readonly logsRelease: Release;
  public readonly logShipperRelease: Release;
  public readonly tracesRelease: Release;
  public readonly namespace: string;
  public readonly profile: ObservabilityProfile;
  public readonly prometheusReplicas: number;
  public readonly alertmanagerReplicas: number;
  public readonly logsMode: LokiDeploymentMode;
  /** Days logs stay queryable. */
  public readonly logsRetentionDays: number;
  /** Days logs are kept in all; the Blob lifecycle rule of `logStorage`'s container deletes them at this age. */
  public readonly logsArchiveDays: number;
  /** In-cluster URL of the Prometheus API. */
  public readonly prometheusUrl: string;
  public readonly alertmanagerUrl: string;
  /** In-cluster URL of Loki's gateway (queries and pushes). */
  public readonly lokiUrl: string;
  /** In-cluster URL of Tempo's query API. */
  public readonly tempoUrl: string;
  /** Where services send traces over OTLP/gRPC. */
  public readonly otlpGrpcEndpoint: string;
  /** Where services send traces over OTLP/HTTP. */
  public readonly otlpHttpEndpoint: string;
  public readonly grafanaServiceAccountName: string;
  public readonly lokiServiceAccountName: string;
  /** Subject of the federated credential Loki's identity needs (`system:serviceaccount:<ns>:loki`). */
  public readonly lokiWorkloadIdentitySubject: string;
  /** The rendered alert rules. */
  public readonly alertRuleGroups: readonly PrometheusRuleGroup[];

  constructor(scope: Construct, id: string, props: ObservabilityStackProps) {
    super(scope, id);

    const namespace = props.namespace;
    const profile = props.profile ?? ObservabilityProfile.STANDARD;
    const monitored = props.monitoredNamespaces ?? ["platform", "agents", "languages"];
    const portName = props.metricsPortName ?? "http";
    const metricsPath = props.metricsPath ?? "/metrics";
    const scrapeInterval = props.scrapeIntervalSeconds ?? 30;
    const scrapeControlPlane = props.scrapeControlPlane ?? false;
    const prometheusReplicas = props.prometheusReplicas ?? 1;
    const metricsRetentionDays = props.metricsRetentionDays ?? 15;
    const prometheusStorageGiB = props.prometheusStorageGiB ?? 0;
    const alertmanagerReplicas = props.alertmanagerReplicas ?? 1;
    const alertmanagerStorageGiB = props.alertmanagerStorageGiB ?? 0;
    const grafanaStorageGiB = props.grafanaStorageGiB ?? 0;
    const logsMode = props.logsMode ?? LokiDeploymentMode.MONOLITHIC;
    const logsReplicas = props.logsReplicas ?? 1;
    const logsRetentionDays = props.logsRetentionDays ?? 30;
    const logsArchiveDays = props.logsArchiveDays ?? logsRetentionDays;
    const logsStorageGiB = props.logsStorageGiB ?? 10;
    const tracesRetentionDays = props.tracesRetentionDays ?? 7;
    const tracesStorageGiB = props.tracesStorageGiB ?? 0;
    const thresholds = props.alertThresholds ?? SEED_ALERT_THRESHOLDS;
    const names = PlatformNames.of(this);
    const serviceMetrics = props.serviceMetrics ?? defaultServiceMetrics(names.metricPrefix);
    const criticalReceiver = props.criticalReceiver ?? AlertReceiver.none("critical");
    const warningReceiver = props.warningReceiver ?? AlertReceiver.none("warning");
    // An unknown profile finds no table here and is rejected below, before the table is used.
    const resources: ResourceTable = { ...(OBSERVABILITY_RESOURCES[profile] ?? {}), ...(props.resources ?? {}) } as ResourceTable;
    const charts: ObservabilityCharts = { ...DEFAULT_OBSERVABILITY_CHARTS, ...(props.charts ?? {}) };

    checkDnsLabel(this, "namespace", namespace);
    checkOneOf(this, "profile", profile, Object.values(ObservabilityProfile));
    if (!isUnresolved(monitored) && monitored.length === 0) {
      throw new ValidationError(this, "monitoredNamespaces", monitored, "expected at least one namespace");
    }
    for (const ns of monitored) checkDnsLabel(this, "monitoredNamespaces", ns);
    if (!isUnresolved(portName) && !PORT_NAME.test(portName)) {
      throw new ValidationError(this, "metricsPortName", portName, "expected an IANA service name: 1-15 lowercase letters, digits or hyphens");
    }
    if (!isUnresolved(metricsPath) && !/^\/\S*$/.test(metricsPath)) {
      throw new ValidationError(this, "metricsPath", metricsPath, 'expected a path starting with "/"');
    }
    if (props.clusterName !== undefined && !isUnresolved(props.clusterName) && props.clusterName.trim() === "") {
      throw new ValidationError(this, "clusterName", props.clusterName, "expected a non-empty name");
    }
    this.checkCount("scrapeIntervalSeconds", scrapeInterval, 5, 3600);
    this.checkCount("prometheusReplicas", prometheusReplicas, 1, 10);
    this.checkCount("alertmanagerReplicas", alertmanagerReplicas, 1, 9);
    this.checkCount("metricsRetentionDays", metricsRetentionDays, 1, 3650);
    this.checkCount("prometheusStorageGiB", prometheusStorageGiB, 0, 65536);
    this.checkCount("alertmanagerStorageGiB", alertmanagerStorageGiB, 0, 1024);
    this.checkCount("grafanaStorageGiB", grafanaStorageGiB, 0, 1024);
    this.checkCount("logsReplicas", logsReplicas, 1, 100);
    this.checkCount("logsRetentionDays", logsRetentionDays, 1, 3650);
    this.checkCount("logsArchiveDays", logsArchiveDays, 1, 3650);
    checkOrdered(this, "logsRetentionDays", logsRetentionDays, "logsArchiveDays", logsArchiveDays);
    this.checkCount("logsStorageGiB", logsStorageGiB, 0, 65536);
    this.checkCount("tracesRetentionDays", tracesRetentionDays, 1, 3650);
    this.checkCount("tracesStorageGiB", tracesStorageGiB, 0, 65536);
    checkOneOf(this, "logsMode", logsMode, Object.values(LokiDeploymentMode));
    if (props.logStorage) this.checkLogStorage(props.logStorage);
    else {
      if (logsMode === LokiDeploymentMode.DISTRIBUTED) {
        throw new ValidationError(this, "logsMode", logsMode, "expected logStorage with Distributed mode: its components share chunks through object storage");
      }
      if (logsReplicas > 1) {
        throw new ValidationError(this, "logsReplicas", logsReplicas, "expected 1 without logStorage: replicas on their own disks would each hold a part of the logs");
      }
      if (logsArchiveDays > logsRetentionDays) {
        throw new ValidationError(this, "logsArchiveDays", logsArchiveDays, "expected logStorage to archive logs past logsRetentionDays");
      }
    }
    if (profile === ObservabilityProfile.HIGHLY_AVAILABLE) {
      const ha = "for the highly available profile";
      if (prometheusReplicas < 2) throw new ValidationError(this, "prometheusReplicas", prometheusReplicas, `expected at least 2 ${ha}`);
      if (alertmanagerReplicas < 3) throw new ValidationError(this, "alertmanagerReplicas", alertmanagerReplicas, `expected at least 3 ${ha}`);
      if (logsReplicas < 2) throw new ValidationError(this, "logsReplicas", logsReplicas, `expected at least 2 ${ha}`);
    }
    if (props.grafanaAdmin) this.checkGrafanaAdmin(props.grafanaAdmin);
    checkAlertThresholds(this, "alertThresholds", thresholds);
    this.checkReceivers(criticalReceiver, warningReceiver);
    for (const [component, r] of Object.entries(resources) as [ObservabilityComponent, ComponentResources][]) {
      this.checkResources(`resources.${component}`, r);
    }
    for (const [name, chart] of Object.entries(charts)) checkPinnedChart(this, `charts.${name}`, chart);

    const svc = (name: string) => `${name}.${namespace}.svc.cluster.local`;
    this.namespace = namespace;
    this.profile = profile;
    this.prometheusReplicas = prometheusReplicas;
    this.alertmanagerReplicas = alertmanagerReplicas;
    this.logsMode = logsMode;
    this.logsRetentionDays = logsRetentionDays;
    this.logsArchiveDays = logsArchiveDays;
    this.prometheusUrl = `http://${svc(`${KPS_RELEASE}-prometheus`)}:9090`;
    this.alertmanagerUrl = `http://${svc(`${KPS_RELEASE}-alertmanager`)}:9093`;
    this.lokiUrl = `http://${svc(`${LOKI_RELEASE}-gateway`)}`;
    this.tempoUrl = `http://${svc(TEMPO_RELEASE)}:3200`;
    this.otlpGrpcEndpoint = `http://${svc(TEMPO_RELEASE)}:4317`;
    this.otlpHttpEndpoint = `http://${svc(TEMPO_RELEASE)}:4318`;
    this.grafanaServiceAccountName = GRAFANA_SERVICE_ACCOUNT;
    this.lokiServiceAccountName = LOKI_SERVICE_ACCOUNT;
    this.lokiWorkloadIdentitySubject = `system:serviceaccount:${namespace}:${LOKI_SERVICE_ACCOUNT}`;
    this.alertRuleGroups = platformAlertRuleGroups({ thresholds, metrics: serviceMetrics, namespaces: monitored, groupPrefix: names.partOf });

    const release = (releaseId: string, name: string, chart: PinnedChart, values: object, timeoutSeconds: number, after?: Release) =>
      new Release(this, releaseId, {
        name,
        namespace,
        ...pinnedReleaseConfig(chart, values),
        timeout: timeoutSeconds,
        // The other charts' ServiceMonitors need the CRDs kube-prometheus-stack installs.
        dependsOn: after ? [after] : undefined,
      });

    this.metricsRelease = release(
      "Metrics",
      KPS_RELEASE,
      charts.kubePrometheusStack,
      this.metricsValues({
        resources,
        monitored,
        portName,
        metricsPath,
        scrapeInterval,
        scrapeControlPlane,
        clusterName: props.clusterName,
        prometheusReplicas,
        metricsRetentionDays,
        prometheusStorageGiB,
        alertmanagerReplicas,
        alertmanagerStorageGiB,
        storageClassName: props.storageClassName,
        grafanaAdmin: props.grafanaAdmin,
        grafanaStorageGiB,
        criticalReceiver,
        warningReceiver,
      }),
      900,
    );

    this.logsRelease = release(
      "Logs",
      LOKI_RELEASE,
      charts.loki,
      this.logsValues({
        resources,
        ha: profile === ObservabilityProfile.HIGHLY_AVAILABLE,
        logsMode,
        logsReplicas,
        logsRetentionDays,
        logsArchiveDays,
        logsStorageGiB,
        storageClassName: props.storageClassName,
        logStorage: props.logStorage,
      }),
      900,
      this.metricsRelease,
    );

    this.logShipperRelease = release(
      "LogShipper",
      LOG_SHIPPER_RELEASE,
      charts.logShipper,
      {
        crds: { create: false },
        alloy: {
          configMap: { content: logShipperConfig(`${this.lokiUrl}/loki/api/v1/push`) },
          mounts: { varlog: true },
          resources: quantities(resources[C.LOG_SHIPPER]),
          enableReporting: false,
        },
        configReloader: { resources: quantities(resources[C.LOG_SHIPPER_RELOADER]) },
        // Every node, spot and sandboxed pools included, whatever their taints.
        controller: { type: "daemonset", tolerations: [{ operator: "Exists" }] },
        serviceMonitor: { enabled: true },
      },
      600,
      this.metricsRelease,
    );

    this.tracesRelease = release(
      "Traces",
      TEMPO_RELEASE,
      charts.tempo,
      {
        // Tempo's single binary keeps blocks on its own disk; a second replica would split them.
        replicas: 1,
        tempo: {
          resources: quantities(resources[C.TEMPO]),
          retention: `${tracesRetentionDays * 24}h`,
          reportingEnabled: false,
        },
        persistence:
          tracesStorageGiB > 0
            ? { enabled: true, size: `${tracesStorageGiB}Gi`, storageClassName: props.storageClassName }
            : { enabled: false },
        serviceMonitor: { enabled: true },
      },
      600,
      this.metricsRelease,
    );
  }

  private metricsValues(o: {
    resources: ResourceTable;
    monitored: readonly string[];
    portName: string;
    metricsPath: string;
    scrapeInterval: number;
    scrapeControlPlane: boolean;
    clusterName?: string;
    prometheusReplicas: number;
    metricsRetentionDays: number;
    prometheusStorageGiB: number;
    alertmanagerReplicas: number;
    alertmanagerStorageGiB: number;
    storageClassName?: string;
    grafanaAdmin?: GrafanaAdminSecret;
    grafanaStorageGiB: number;
    criticalReceiver: AlertReceiver;
    warningReceiver: AlertReceiver;
  }): object {
    const r = o.resources;
    const names = PlatformNames.of(this);
    const receivers = o.criticalReceiver === o.warningReceiver ? [o.criticalReceiver] : [o.criticalReceiver, o.warningReceiver];
    const secretNames = [...new Set(receivers.flatMap((rc) => rc.secretRefs.map((s) => s.secretName)))];
    const admin = o.grafanaAdmin;
    return {
      crds: { enabled: true },
      additionalPrometheusRulesMap: { [names.partOf]: { groups: this.alertRuleGroups } },
      alertmanager: {
        config: {
          global: { resolve_timeout: "5m" },
          // Critical and warning alerts share names, so a firing critical silences its warning.
          inhibit_rules: [
            { source_matchers: ['severity = "critical"'], target_matchers: ['severity =~ "warning|info"'], equal: ["alertname", "namespace", "job"] },
            { source_matchers: ['severity = "warning"'], target_matchers: ['severity = "info"'], equal: ["alertname", "namespace", "job"] },
          ],
          route: {
            receiver: "null",
            group_by: ["alertname", "namespace", "job"],
            group_wait: "30s",
            group_interval: "5m",
            repeat_interval: "12h",
            routes: [
              { receiver: o.criticalReceiver.name, matchers: ['severity = "critical"'], group_wait: "10s", group_interval: "1m", repeat_interval: "1h" },
              { receiver: o.warningReceiver.name, matchers: ['severity = "warning"'], group_wait: "1m", group_interval: "5m", repeat_interval: "4h" },
            ],
          },
          receivers: [{ name: "null" }, ...receivers.map((rc) => rc.toConfig())],
          templates: ["/etc/alertmanager/config/*.tmpl"],
        },
        podDisruptionBudget: { enabled: o.alertmanagerReplicas > 1 },
        alertmanagerSpec: {
          replicas: o.alertmanagerReplicas,
          resources: quantities(r[C.ALERTMANAGER]),
          storage: o.alertmanagerStorageGiB > 0 ? volumeClaim(o.alertmanagerStorageGiB, o.storageClassName) : undefined,
          secrets: secretNames.length > 0 ? secretNames : undefined,
        },
      },
      grafana: {
        enabled: true,
        admin: admin
          ? { existingSecret: admin.secretName, userKey: admin.userKey ?? "admin-user", passwordKey: admin.passwordKey ?? "admin-password" }
          : undefined,
        serviceAccount: { name: GRAFANA_SERVICE_ACCOUNT },
        extraSecretMounts: admin?.secretProviderClass
          ? [
              {
                name: "secrets-store",
                mountPath: "/mnt/secrets-store",
                readOnly: true,
                csi: { driver: "secrets-store.csi.k8s.io", readOnly: true, volumeAttributes: { secretProviderClass: admin.secretProviderClass } },
              },
            ]
          : undefined,
        persistence:
          o.grafanaStorageGiB > 0
            ? { enabled: true, size: `${o.grafanaStorageGiB}Gi`, storageClassName: o.storageClassName }
            : { enabled: false },
        resources: quantities(r[C.GRAFANA]),
        sidecar: { resources: quantities(r[C.GRAFANA_SIDECAR]) },
        initChownData: { resources: quantities(r[C.GRAFANA_INIT]) },
        testFramework: { enabled: false },
        "grafana.ini": { analytics: { check_for_updates: false, reporting_enabled: false } },
        // The chart's sidecar provisions Prometheus (uid "prometheus") and Alertmanager.
        additionalDataSources: [
          { name: "Loki", type: "loki", uid: "loki", access: "proxy", url: this.lokiUrl, editable: false, jsonData: { maxLines: 1000 } },
          {
            name: "Tempo",
            type: "tempo",
            uid: "tempo",
            access: "proxy",
            url: this.tempoUrl,
            editable: false,
            jsonData: {
              tracesToLogsV2: { datasourceUid: "loki" },
              tracesToMetrics: { datasourceUid: "prometheus" },
              serviceMap: { datasourceUid: "prometheus" },
              nodeGraph: { enabled: true },
              lokiSearch: { datasourceUid: "loki" },
            },
          },
        ],
      },
      kubeEtcd: { enabled: o.scrapeControlPlane },
      kubeScheduler: { enabled: o.scrapeControlPlane },
      kubeControllerManager: { enabled: o.scrapeControlPlane },
      kubeProxy: { enabled: o.scrapeControlPlane },
      "kube-state-metrics": { resources: quantities(r[C.KUBE_STATE_METRICS]) },
      "prometheus-node-exporter": { resources: quantities(r[C.NODE_EXPORTER]) },
      prometheusOperator: {
        resources: quantities(r[C.PROMETHEUS_OPERATOR]),
        admissionWebhooks: { patch: { resources: quantities(r[C.OPERATOR_WEBHOOK_JOB]) } },
        prometheusConfigReloader: { resources: quantities(r[C.CONFIG_RELOADER]) },
      },
      prometheus: {
        podDisruptionBudget: { enabled: o.prometheusReplicas > 1 },
        additionalServiceMonitors: [
          {
            name: names.partOf,
            selector: { matchLabels: { [PART_OF_LABEL_KEY]: names.partOf } },
            namespaceSelector: { matchNames: [...o.monitored] },
            jobLabel: "app.kubernetes.io/name",
            endpoints: [{ port: o.portName, path: o.metricsPath, interval: `${o.scrapeInterval}s`, scheme: "http" }],
          },
        ],
        prometheusSpec: {
          replicas: o.prometheusReplicas,
          retention: `${o.metricsRetentionDays}d`,
          // Stop short of a full disk: the disk alert fires under 10% free.
          retentionSize: o.prometheusStorageGiB > 0 ? `${Math.floor(o.prometheusStorageGiB * 0.85)}GiB` : undefined,
          storageSpec: o.prometheusStorageGiB > 0 ? volumeClaim(o.prometheusStorageGiB, o.storageClassName) : undefined,
          resources: quantities(r[C.PROMETHEUS]),
          externalLabels: o.clusterName !== undefined ? { cluster: o.clusterName } : undefined,
          // Select every ServiceMonitor, PodMonitor and rule, not only this release's: Loki's,
          // Tempo's and the log shipper's come from their own releases.
          serviceMonitorSelectorNilUsesHelmValues: false,
          podMonitorSelectorNilUsesHelmValues: false,
          ruleSelectorNilUsesHelmValues: false,
        },
      },
    };
  }

  private logsValues(o: {
    resources: ResourceTable;
    ha: boolean;
    logsMode: LokiDeploymentMode;
    logsReplicas: number;
    logsRetentionDays: number;
    logsArchiveDays: number;
    logsStorageGiB: number;
    storageClassName?: string;
    logStorage?: LokiBlobStorage;
  }): object {
    const r = o.resources;
    const blob = o.logStorage;
    const objectStore = blob ? "azure" : "filesystem";
    const distributed = o.logsMode === LokiDeploymentMode.DISTRIBUTED;
    const archived = blob !== undefined && o.logsArchiveDays > o.logsRetentionDays;
    const component = (c: ObservabilityComponent, replicas: number) => ({ replicas, resources: quantities(r[c]) });
    const persisted = o.logsStorageGiB > 0;
    // Monolithic Loki caches in process; the memcached caches only pay off for the distributed queriers.
    const cache = (c: ObservabilityComponent) =>
      distributed
        ? {
            enabled: true,
            // Memcached's own allowance, under the container's memory with headroom for connections.
            allocatedMemory: Math.floor(r[c].limits.memoryMiB / 1.2),
            resources: quantities(r[c]),
          }
        : { enabled: false };
    return {
      deploymentMode: o.logsMode,
      loki: {
        auth_enabled: false,
        commonConfig: { replication_factor: Math.min(3, o.logsReplicas) },
        schemaConfig: {
          configs: [{ from: LOKI_SCHEMA_FROM, store: "tsdb", object_store: objectStore, schema: "v13", index: { prefix: "index_", period: "24h" } }],
        },
        storage: blob
          ? { type: "azure", bucketNames: { chunks: blob.containerName }, azure: { accountName: blob.storageAccountName, useFederatedToken: true } }
          : { type: "filesystem" },
        // Queries reach back `logsRetentionDays`. Archived logs are deleted by the storage account's
        // lifecycle rule, index and chunks alike: Loki's compactor would have to read archived
        // index files to apply retention, and the archive tier cannot be read without rehydration.
        limits_config: archived
          ? { max_query_lookback: `${o.logsRetentionDays * 24}h` }
          : { retention_period: `${o.logsRetentionDays * 24}h`, max_query_lookback: `${o.logsRetentionDays * 24}h` },
        compactor: archived ? { retention_enabled: false } : { retention_enabled: true, delete_request_store: objectStore },
        analytics: { reporting_enabled: false },
      },
      serviceAccount: {
        name: LOKI_SERVICE_ACCOUNT,
        annotations: blob ? { [WORKLOAD_IDENTITY_CLIENT_ID]: blob.workloadIdentityClientId } : undefined,
      },
      defaults: blob ? { podLabels: { [WORKLOAD_IDENTITY_USE]: "true" } } : undefined,
      singleBinary: distributed
        ? { replicas: 0 }
        : {
            ...component(C.LOKI, o.logsReplicas),
            persistence: persisted
              ? { enabled: true, size: `${o.logsStorageGiB}Gi`, storageClass: o.storageClassName }
              : { enabled: false },
          },
      // The chart's defaults give SimpleScalable 3 replicas each; neither supported mode uses them.
      write: { replicas: 0 },
      read: { replicas: 0 },
      backend: { replicas: 0 },
      ...(distributed
        ? {
            ingester: {
              ...component(C.LOKI_INGESTER, o.logsReplicas),
              persistence: persisted
                ? {
                    enabled: true,
                    claims: [{ name: "data", accessModes: ["ReadWriteOnce"], size: `${o.logsStorageGiB}Gi`, storageClass: o.storageClassName }],
                  }
                : { enabled: false },
            },
            distributor: component(C.LOKI_DISTRIBUTOR, o.logsReplicas),
            querier: component(C.LOKI_QUERIER, o.logsReplicas),
            queryFrontend: component(C.LOKI_QUERY_FRONTEND, o.logsReplicas),
            queryScheduler: component(C.LOKI_QUERY_SCHEDULER, o.logsReplicas),
            indexGateway: component(C.LOKI_INDEX_GATEWAY, o.logsReplicas),
            // The compactor applies retention and must be alone.
            compactor: component(C.LOKI_COMPACTOR, 1),
          }
        : {}),
      chunksCache: cache(C.LOKI_CHUNKS_CACHE),
      resultsCache: cache(C.LOKI_RESULTS_CACHE),
      memcachedExporter: { resources: quantities(r[C.LOKI_CACHE_EXPORTER]) },
      gateway: component(C.LOKI_GATEWAY, o.ha ? 2 : 1),
      // Alerting comes from Prometheus; the ruler, its sidecar, the canary and the Helm test are off.
      ruler: { enabled: false },
      sidecar: { rules: { enabled: false } },
      lokiCanary: { enabled: false },
      test: { enabled: false },
      monitoring: { serviceMonitor: { enabled: true } },
    };
  }

  /** A whole number known at synthesis: it is rendered into Helm values, where a token cannot be resolved. */
  private checkCount(property: string, value: number, min: number, max: number): void {
    if (isUnresolved(value)) {
      throw new ValidationError(this, property, value, "expected a number known at synthesis (it is rendered into Helm values)");
    }
    checkInteger(this, property, value, min, max);
  }

  private checkLogStorage(blob: LokiBlobStorage): void {
    if (!isUnresolved(blob.storageAccountName) && !STORAGE_ACCOUNT.test(blob.storageAccountName)) {
      throw new ValidationError(this, "logStorage.storageAccountName", blob.storageAccountName, "expected 3-24 lowercase letters and digits (a storage account name)");
    }
    if (!isUnresolved(blob.containerName) && !BLOB_CONTAINER.test(blob.containerName)) {
      throw new ValidationError(
        this,
        "logStorage.containerName",
        blob.containerName,
        "expected 3-63 lowercase letters, digits or single hyphens, starting and ending with a letter or digit",
      );
    }
    if (!isUnresolved(blob.workloadIdentityClientId) && !GUID.test(blob.workloadIdentityClientId)) {
      throw new ValidationError(this, "logStorage.workloadIdentityClientId", blob.workloadIdentityClientId, "expected a client id (GUID)");
    }
  }

  private checkGrafanaAdmin(admin: GrafanaAdminSecret): void {
    this.checkSecretName("grafanaAdmin.secretName", admin.secretName);
    this.checkSecretKey("grafanaAdmin.userKey", admin.userKey ?? "admin-user");
    this.checkSecretKey("grafanaAdmin.passwordKey", admin.passwordKey ?? "admin-password");
    if (admin.secretProviderClass !== undefined && !isUnresolved(admin.secretProviderClass) && !SUBDOMAIN.test(admin.secretProviderClass)) {
      throw new ValidationError(this, "grafanaAdmin.secretProviderClass", admin.secretProviderClass, "expected a Kubernetes object name (lowercase DNS subdomain)");
    }
  }

  private checkSecretName(property: string, name: string): void {
    if (!isUnresolved(name) && !SUBDOMAIN.test(name)) {
      throw new ValidationError(this, property, name, "expected a Kubernetes Secret name (lowercase DNS subdomain)");
    }
  }

  private checkSecretKey(property: string, key: string): void {
    if (!isUnresolved(key) && !SECRET_KEY.test(key)) {
      throw new ValidationError(this, property, key, "expected a Secret key of letters, digits, '-', '_' or '.'");
    }
  }

  private checkReceivers(critical: AlertReceiver, warning: AlertReceiver): void {
    for (const [property, receiver] of [["criticalReceiver", critical], ["warningReceiver", warning]] as const) {
      if (!isUnresolved(receiver.name) && (receiver.name.trim() === "" || receiver.name === "null")) {
        throw new ValidationError(this, `${property}.name`, receiver.name, 'expected a non-empty name other than "null" (the receiver that drops alerts)');
      }
      for (const ref of receiver.secretRefs) {
        this.checkSecretName(`${property}.secretName`, ref.secretName);
        this.checkSecretKey(`${property}.key`, ref.key);
      }
    }
    if (critical !== warning && critical.name === warning.name) {
      throw new ValidationError(this, "warningReceiver.name", warning.name, "expected a name other than criticalReceiver's, or the same receiver for both");
    }
  }

  private checkResources(property: string, r: ComponentResources): void {
    this.checkCount(`${property}.requests.cpuMillis`, r.requests.cpuMillis, 1, 256000);
    this.checkCount(`${property}.requests.memoryMiB`, r.requests.memoryMiB, 1, 4194304);
    this.checkCount(`${property}.limits.cpuMillis`, r.limits.cpuMillis, 1, 256000);
    this.checkCount(`${property}.limits.memoryMiB`, r.limits.memoryMiB, 1, 4194304);
    checkOrdered(this, `${property}.requests.cpuMillis`, r.requests.cpuMillis, `${property}.limits.cpuMillis`, r.limits.cpuMillis);
    checkOrdered(this, `${property}.requests.memoryMiB`, r.requests.memoryMiB, `${property}.limits.memoryMiB`, r.limits.memoryMiB);
  }
}

/**
 * Alloy's pipeline: the pods of this node, their log files under /var/log/pods, CRI-parsed, pushed
 * to Loki with namespace, pod, container and app labels.
 */
function logShipperConfig(pushUrl: string): string {
  return [
    'discovery.kubernetes "pods" {',
    '  role = "pod"',
    "  selectors {",
    '    role  = "pod"',
    '    field = "spec.nodeName=" + sys.env("HOSTNAME")',
    "  }",
    "}",
    "",
    'discovery.relabel "pods" {',
    "  targets = discovery.kubernetes.pods.targets",
    "  rule {",
    '    source_labels = ["__meta_kubernetes_namespace"]',
    '    target_label  = "namespace"',
    "  }",
    "  rule {",
    '    source_labels = ["__meta_kubernetes_pod_name"]',
    '    target_label  = "pod"',
    "  }",
    "  rule {",
    '    source_labels = ["__meta_kubernetes_pod_container_name"]',
    '    target_label  = "container"',
    "  }",
    "  rule {",
    '    source_labels = ["__meta_kubernetes_pod_label_app_kubernetes_io_name"]',
    '    target_label  = "app"',
    "  }",
    "  rule {",
    '    source_labels = ["__meta_kubernetes_pod_uid", "__meta_kubernetes_pod_container_name"]',
    '    separator     = "/"',
    '    target_label  = "__path__"',
    '    replacement   = "/var/log/pods/*$1/*.log"',
    "  }",
    "}",
    "",
    'local.file_match "pods" {',
    "  path_targets = discovery.relabel.pods.output",
    "}",
    "",
    'loki.source.file "pods" {',
    "  targets    = local.file_match.pods.targets",
    "  forward_to = [loki.process.pods.receiver]",
    "}",
    "",
    'loki.process "pods" {',
    "  stage.cri {}",
    "  forward_to = [loki.write.loki.receiver]",
    "}",
    "",
    'loki.write "loki" {',
    "  endpoint {",
    `    url = "${pushUrl}"`,
    "  }",
    "}",
    "",
  ].join("\n");
}
