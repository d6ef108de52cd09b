import { Construct } from "constructs";
import { Release } from "../providers/helm/release";
import { AlertReceiver } from "./alert-receiver";
import { PrometheusRuleGroup, SEED_ALERT_THRESHOLDS, checkAlertThresholds, defaultServiceMetrics, platformAlertRuleGroups } from "./alert-rules";
import { PlatformNames } from "./platform-name";
import { checkDnsLabel, checkOneOf } from "./checks";
import { ObservabilityAlertingOptions, checkAlertReceivers } from "./observability-alerting";
import { LOKI_RELEASE, LOKI_SERVICE_ACCOUNT, LogsRelease, LokiDeploymentMode, ObservabilityLogsOptions, checkLogsOptions } from "./observability-logs";
import { LogShipperRelease } from "./observability-log-shipper";
import { GRAFANA_SERVICE_ACCOUNT, KPS_RELEASE, MetricsRelease, ObservabilityMetricsOptions, checkMetricsOptions } from "./observability-metrics";
import { DEFAULT_OBSERVABILITY_CHARTS, ObservabilityCharts, serviceHost } from "./observability-release";
import {
  ComponentResources,
  OBSERVABILITY_RESOURCES,
  ObservabilityComponent,
  ObservabilityProfile,
  ResourceTable,
  checkComponentResources,
  checkHelmCount,
} from "./observability-resources";
import { ObservabilityTracesOptions, TEMPO_RELEASE, TracesRelease } from "./observability-traces";
import { checkPinnedChart } from "./pinned-chart";
import { ValidationError } from "./validation-error";

// The stack's parts, a file each: requests and limits per profile, one release per chart (metrics,
// logs, log shipper, traces), alerting, Grafana's datasources. Their public types are exported here.
export { ComponentResources, OBSERVABILITY_RESOURCES, ObservabilityComponent, ObservabilityProfile } from "./observability-resources";
export { DEFAULT_OBSERVABILITY_CHARTS, ObservabilityCharts } from "./observability-release";
export { LokiBlobStorage, LokiDeploymentMode, ObservabilityLogsOptions } from "./observability-logs";
export { GrafanaAdminSecret, ObservabilityMetricsOptions, PROMETHEUS_OPERATOR_WEBHOOK } from "./observability-metrics";
export { ObservabilityTracesOptions } from "./observability-traces";
export { ObservabilityAlertingOptions } from "./observability-alerting";

export interface ObservabilityStackProps
  extends ObservabilityMetricsOptions,
    ObservabilityLogsOptions,
    ObservabilityTracesOptions,
    ObservabilityAlertingOptions {
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
   * Storage class of every persistent volume.
   * @default - the cluster's default class
   */
  readonly storageClassName?: string;
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
    const storageClassName = props.storageClassName;
    // What the metrics release is given, checked here before anything is built.
    const metricsOptions = {
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
      storageClassName,
      grafanaAdmin: props.grafanaAdmin,
      grafanaStorageGiB,
    };
    checkMetricsOptions(this, metricsOptions);
    checkLogsOptions(this, { logsMode, logsReplicas, logsRetentionDays, logsArchiveDays, logsStorageGiB, logStorage: props.logStorage });
    checkHelmCount(this, "tracesRetentionDays", tracesRetentionDays, 1, 3650);
    checkHelmCount(this, "tracesStorageGiB", tracesStorageGiB, 0, 65536);
    if (profile === ObservabilityProfile.HIGHLY_AVAILABLE) {
      const ha = "for the highly available profile";
      if (prometheusReplicas < 2) throw new ValidationError(this, "prometheusReplicas", prometheusReplicas, `expected at least 2 ${ha}`);
      if (alertmanagerReplicas < 3) throw new ValidationError(this, "alertmanagerReplicas", alertmanagerReplicas, `expected at least 3 ${ha}`);
      if (logsReplicas < 2) throw new ValidationError(this, "logsReplicas", logsReplicas, `expected at least 2 ${ha}`);
    }
    checkAlertThresholds(this, "alertThresholds", thresholds);
    checkAlertReceivers(this, criticalReceiver, warningReceiver);
    for (const [component, r] of Object.entries(resources) as [ObservabilityComponent, ComponentResources][]) {
      checkComponentResources(this, `resources.${component}`, r);
    }
    for (const [name, chart] of Object.entries(charts)) checkPinnedChart(this, `charts.${name}`, chart);

    const svc = (name: string) => serviceHost(name, namespace);
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

    // Construct ids are the releases' Terraform addresses: "Metrics", "Logs", "LogShipper", "Traces".
    this.metricsRelease = new MetricsRelease(this, "Metrics", {
      namespace,
      chart: charts.kubePrometheusStack,
      resources,
      ...metricsOptions,
      criticalReceiver,
      warningReceiver,
      alertRuleGroups: this.alertRuleGroups,
      lokiUrl: this.lokiUrl,
      tempoUrl: this.tempoUrl,
    });
    const after = this.metricsRelease;
    this.logsRelease = new LogsRelease(this, "Logs", {
      namespace,
      chart: charts.loki,
      after,
      resources,
      ha: profile === ObservabilityProfile.HIGHLY_AVAILABLE,
      logsMode,
      logsReplicas,
      logsRetentionDays,
      logsArchiveDays,
      logsStorageGiB,
      storageClassName,
      logStorage: props.logStorage,
    });
    this.logShipperRelease = new LogShipperRelease(this, "LogShipper", {
      namespace,
      chart: charts.logShipper,
      after,
      resources,
      lokiPushUrl: `${this.lokiUrl}/loki/api/v1/push`,
    });
    this.tracesRelease = new TracesRelease(this, "Traces", { namespace, chart: charts.tempo, after, resources, tracesRetentionDays, tracesStorageGiB, storageClassName });
  }
}
