import { IConstruct } from "constructs";
import { checkOrdered, checkPositive, isUnresolved } from "./checks";
import { ValidationError } from "./validation-error";

/** Alert severities; Alertmanager routes each to its own receiver. */
export enum AlertSeverity {
  CRITICAL = "critical",
  WARNING = "warning",
}

/**
 * The numbers alerts fire at. Units are in the names; every field is a threshold the alert
 * crosses upwards, except `criticalDiskFreePercent`, which fires below.
 */
export interface AlertThresholds {
  /** Percent of requests answered 4xx/5xx, critical above. */
  readonly criticalErrorRatePercent: number;
  /** Percent of requests answered 4xx/5xx, warning above; at most the critical one. */
  readonly warningErrorRatePercent: number;
  /** 95th-percentile response time in milliseconds, critical above. */
  readonly criticalLatencyP95Ms: number;
  /** 95th-percentile response time in milliseconds, warning above; at most the critical one. */
  readonly warningLatencyP95Ms: number;
  /** Free space of a node filesystem or persistent volume in percent, critical below. */
  readonly criticalDiskFreePercent: number;
  /** Memory working set in percent of the container's limit, warning above. */
  readonly warningMemoryPercent: number;
  /** CPU use in percent of the container's limit, warning above. */
  readonly warningCpuPercent: number;
  /** 99th-percentile database query time in seconds, warning above. */
  readonly warningSlowQuerySeconds: number;
  /** 99th-percentile response time in milliseconds the service-level objective allows. */
  readonly sloLatencyP99Ms: number;
}

/**
 * Seed 001, "Alerting Thresholds": Critical: "Error rate > 1%", "Response time p95 > 500ms",
 * "Any service unavailable", "Database connection failures", "Disk space < 10%". Warning:
 * "Error rate > 0.5%", "Response time p95 > 250ms", "Memory usage > 80%", "CPU usage > 90%",
 * "Database slow queries > 5s". Seed 002, "Metrics & SLOs": "Request latency P99: <500ms".
 * The two thresholds without a number (unavailable, connection failures) fire on any occurrence.
 */
export const SEED_ALERT_THRESHOLDS: AlertThresholds = {
  criticalErrorRatePercent: 1,
  warningErrorRatePercent: 0.5,
  criticalLatencyP95Ms: 500,
  warningLatencyP95Ms: 250,
  criticalDiskFreePercent: 10,
  warningMemoryPercent: 80,
  warningCpuPercent: 90,
  warningSlowQuerySeconds: 5,
  sloLatencyP99Ms: 500,
};

/**
 * The metrics the platform's services expose on `/metrics` (the contract the alert rules read).
 * Names follow the Prometheus client libraries' conventions.
 */
export interface ServiceMetrics {
  /** Counter of HTTP requests served. */
  readonly httpRequestsTotal: string;
  /** Label of `httpRequestsTotal` that holds the HTTP status code. */
  readonly statusCodeLabel: string;
  /** Regular expression of the status codes that count as errors. */
  readonly errorStatusPattern: string;
  /** Histogram of request durations in seconds (the `_bucket` series are read). */
  readonly httpRequestDurationSeconds: string;
  /** Counter of failed attempts to connect to the database. */
  readonly dbConnectionErrorsTotal: string;
  /** Histogram of database query durations in seconds. */
  readonly dbQueryDurationSeconds: string;
}

/**
 * The metric names of a platform's services: the HTTP ones as Prometheus client libraries name
 * them, the database ones under the platform's prefix (`PlatformNames.metricPrefix`,
 * `<prefix>_db_connection_errors_total`). Seed 001 counts "4xx/5xx responses" as errors ("Key
 * Metrics to Monitor").
 */
export function defaultServiceMetrics(metricPrefix: string): ServiceMetrics {
  return {
    httpRequestsTotal: "http_requests_total",
    statusCodeLabel: "code",
    errorStatusPattern: "[45]..",
    httpRequestDurationSeconds: "http_request_duration_seconds",
    dbConnectionErrorsTotal: `${metricPrefix}_db_connection_errors_total`,
    dbQueryDurationSeconds: `${metricPrefix}_db_query_duration_seconds`,
  };
}

/** One alerting rule of a PrometheusRule. */
export interface PrometheusAlertRule {
  readonly alert: string;
  readonly expr: string;
  readonly for: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

/** A group of a PrometheusRule's `spec.groups`. */
export interface PrometheusRuleGroup {
  readonly name: string;
  readonly rules: readonly PrometheusAlertRule[];
}

/** What the platform's alert rules are rendered from. */
export interface PlatformAlertRulesOptions {
  readonly thresholds: AlertThresholds;
  readonly metrics: ServiceMetrics;
  /** Namespaces whose workloads the rules watch. */
  readonly namespaces: readonly string[];
  /** The groups are `<groupPrefix>.critical`, `.warning` and `.slo` (the platform's part-of value). */
  readonly groupPrefix: string;
}

/** Names of the platform's alerts; critical and warning share a name so the critical one inhibits the warning. */
export enum PlatformAlert {
  ERROR_RATE = "PlatformErrorRateHigh",
  LATENCY_P95 = "PlatformLatencyP95High",
  SERVICE_UNAVAILABLE = "PlatformServiceUnavailable",
  DATABASE_CONNECTION_FAILURES = "PlatformDatabaseConnectionFailures",
  DISK_SPACE_LOW = "PlatformDiskSpaceLow",
  MEMORY_HIGH = "PlatformMemoryHigh",
  CPU_HIGH = "PlatformCpuHigh",
  DATABASE_SLOW_QUERIES = "PlatformDatabaseSlowQueries",
  LATENCY_SLO_P99 = "PlatformLatencySloP99Breached",
}

function rule(
  alert: PlatformAlert,
  severity: AlertSeverity,
  expr: string,
  forMinutes: number,
  summary: string,
  description: string,
  extraLabels: Record<string, string> = {},
): PrometheusAlertRule {
  return {
    alert,
    expr,
    for: `${forMinutes}m`,
    labels: { severity, ...extraLabels },
    annotations: { summary, description },
  };
}

/**
 * The seed's alerts as PrometheusRule groups: `<groupPrefix>.critical`, `<groupPrefix>.warning`
 * and `<groupPrefix>.slo`. Every expression ends in the comparison with its threshold, in the
 * unit of the threshold's name, so the number in the rule is the number in the seed.
 */
export function platformAlertRuleGroups(options: PlatformAlertRulesOptions): PrometheusRuleGroup[] {
  const t = options.thresholds;
  const m = options.metrics;
  const ns = `namespace=~"${options.namespaces.join("|")}"`;
  const requests = (extra = "") => `sum by (namespace, job) (rate(${m.httpRequestsTotal}{${ns}${extra}}[5m]))`;
  const errorPercent = `100 * ${requests(`, ${m.statusCodeLabel}=~"${m.errorStatusPattern}"`)} / ${requests()}`;
  const latencyMs = (quantile: number) =>
    `1000 * histogram_quantile(${quantile}, sum by (namespace, job, le) (rate(${m.httpRequestDurationSeconds}_bucket{${ns}}[5m])))`;
  const perContainer = "sum by (namespace, pod, container)";
  const limit = (resource: string) => `${perContainer} (kube_pod_container_resource_limits{${ns}, resource="${resource}"})`;
  const filesystems = 'fstype!~"tmpfs|overlay|squashfs|ramfs"';

  const critical: PrometheusAlertRule[] = [
    rule(
      PlatformAlert.ERROR_RATE,
      AlertSeverity.CRITICAL,
      `${errorPercent} > ${t.criticalErrorRatePercent}`,
      5,
      `Error rate above ${t.criticalErrorRatePercent}% on {{ $labels.job }}`,
      "{{ $value | humanize }}% of requests to {{ $labels.namespace }}/{{ $labels.job }} were answered 4xx/5xx over 5 minutes.",
    ),
    rule(
      PlatformAlert.LATENCY_P95,
      AlertSeverity.CRITICAL,
      `${latencyMs(0.95)} > ${t.criticalLatencyP95Ms}`,
      5,
      `p95 response time above ${t.criticalLatencyP95Ms} ms on {{ $labels.job }}`,
      "95% of requests to {{ $labels.namespace }}/{{ $labels.job }} finish within {{ $value | humanize }} ms.",
    ),
    rule(
      PlatformAlert.SERVICE_UNAVAILABLE,
      AlertSeverity.CRITICAL,
      // No ready replica of a Deployment meant to run, or no scrape target of a service answering.
      `((sum by (namespace, deployment) (kube_deployment_status_replicas_available{${ns}}) == 0)` +
        ` and on (namespace, deployment) (sum by (namespace, deployment) (kube_deployment_spec_replicas{${ns}}) > 0))` +
        ` or (max by (namespace, job) (up{${ns}}) == 0)`,
      2,
      "Service unavailable: {{ $labels.namespace }}/{{ $labels.deployment }}{{ $labels.job }}",
      "No replica of {{ $labels.namespace }}/{{ $labels.deployment }}{{ $labels.job }} is available or answering.",
    ),
    rule(
      PlatformAlert.DATABASE_CONNECTION_FAILURES,
      AlertSeverity.CRITICAL,
      `sum by (namespace, job) (increase(${m.dbConnectionErrorsTotal}{${ns}}[5m])) > 0`,
      1,
      "Database connection failures on {{ $labels.job }}",
      "{{ $labels.namespace }}/{{ $labels.job }} failed to connect to its database {{ $value | humanize }} times in 5 minutes.",
    ),
    rule(
      PlatformAlert.DISK_SPACE_LOW,
      AlertSeverity.CRITICAL,
      `(100 * node_filesystem_avail_bytes{${filesystems}} / node_filesystem_size_bytes{${filesystems}} < ${t.criticalDiskFreePercent})` +
        ` or (100 * kubelet_volume_stats_available_bytes / kubelet_volume_stats_capacity_bytes < ${t.criticalDiskFreePercent})`,
      5,
      `Disk space below ${t.criticalDiskFreePercent}% free`,
      "{{ $labels.instance }}{{ $labels.persistentvolumeclaim }} {{ $labels.mountpoint }} has {{ $value | humanize }}% free.",
    ),
  ];

  const warning: PrometheusAlertRule[] = [
    rule(
      PlatformAlert.ERROR_RATE,
      AlertSeverity.WARNING,
      `${errorPercent} > ${t.warningErrorRatePercent}`,
      10,
      `Error rate above ${t.warningErrorRatePercent}% on {{ $labels.job }}`,
      "{{ $value | humanize }}% of requests to {{ $labels.namespace }}/{{ $labels.job }} were answered 4xx/5xx over 5 minutes.",
    ),
    rule(
      PlatformAlert.LATENCY_P95,
      AlertSeverity.WARNING,
      `${latencyMs(0.95)} > ${t.warningLatencyP95Ms}`,
      10,
      `p95 response time above ${t.warningLatencyP95Ms} ms on {{ $labels.job }}`,
      "95% of requests to {{ $labels.namespace }}/{{ $labels.job }} finish within {{ $value | humanize }} ms.",
    ),
    rule(
      PlatformAlert.MEMORY_HIGH,
      AlertSeverity.WARNING,
      `100 * ${perContainer} (container_memory_working_set_bytes{${ns}, container!=""}) / ${limit("memory")} > ${t.warningMemoryPercent}`,
      15,
      `Memory above ${t.warningMemoryPercent}% of the limit in {{ $labels.pod }}`,
      "{{ $labels.namespace }}/{{ $labels.pod }} ({{ $labels.container }}) uses {{ $value | humanize }}% of its memory limit.",
    ),
    rule(
      PlatformAlert.CPU_HIGH,
      AlertSeverity.WARNING,
      `100 * ${perContainer} (rate(container_cpu_usage_seconds_total{${ns}, container!=""}[5m])) / ${limit("cpu")} > ${t.warningCpuPercent}`,
      15,
      `CPU above ${t.warningCpuPercent}% of the limit in {{ $labels.pod }}`,
      "{{ $labels.namespace }}/{{ $labels.pod }} ({{ $labels.container }}) uses {{ $value | humanize }}% of its CPU limit.",
    ),
    rule(
      PlatformAlert.DATABASE_SLOW_QUERIES,
      AlertSeverity.WARNING,
      `histogram_quantile(0.99, sum by (namespace, job, le) (rate(${m.dbQueryDurationSeconds}_bucket{${ns}}[5m]))) > ${t.warningSlowQuerySeconds}`,
      10,
      `Database queries slower than ${t.warningSlowQuerySeconds} s on {{ $labels.job }}`,
      "The slowest 1% of {{ $labels.namespace }}/{{ $labels.job }}'s database queries take over {{ $value | humanize }} s.",
    ),
  ];

  const slo: PrometheusAlertRule[] = [
    rule(
      PlatformAlert.LATENCY_SLO_P99,
      AlertSeverity.WARNING,
      `${latencyMs(0.99)} > ${t.sloLatencyP99Ms}`,
      15,
      `p99 response time above the ${t.sloLatencyP99Ms} ms objective on {{ $labels.job }}`,
      "99% of requests to {{ $labels.namespace }}/{{ $labels.job }} finish within {{ $value | humanize }} ms; the objective is under " +
        `${t.sloLatencyP99Ms} ms.`,
      { slo: "latency-p99" },
    ),
  ];

  return [
    { name: `${options.groupPrefix}.critical`, rules: critical },
    { name: `${options.groupPrefix}.warning`, rules: warning },
    { name: `${options.groupPrefix}.slo`, rules: slo },
  ];
}

function checkPercent(scope: IConstruct, property: string, value: number): void {
  if (isUnresolved(value)) return;
  // A threshold of 100% or more could never be crossed.
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0 || value >= 100) {
    throw new ValidationError(scope, property, value, "expected a percentage above 0 and below 100");
  }
}

/** Rejects thresholds that cannot be crossed (a percentage of 100 or more) or are out of order. */
export function checkAlertThresholds(scope: IConstruct, property: string, t: AlertThresholds): void {
  const p = (name: keyof AlertThresholds) => `${property}.${name}`;
  checkPercent(scope, p("criticalErrorRatePercent"), t.criticalErrorRatePercent);
  checkPercent(scope, p("warningErrorRatePercent"), t.warningErrorRatePercent);
  checkOrdered(scope, p("warningErrorRatePercent"), t.warningErrorRatePercent, p("criticalErrorRatePercent"), t.criticalErrorRatePercent);
  checkPositive(scope, p("criticalLatencyP95Ms"), t.criticalLatencyP95Ms);
  checkPositive(scope, p("warningLatencyP95Ms"), t.warningLatencyP95Ms);
  checkOrdered(scope, p("warningLatencyP95Ms"), t.warningLatencyP95Ms, p("criticalLatencyP95Ms"), t.criticalLatencyP95Ms);
  checkPercent(scope, p("criticalDiskFreePercent"), t.criticalDiskFreePercent);
  checkPercent(scope, p("warningMemoryPercent"), t.warningMemoryPercent);
  checkPercent(scope, p("warningCpuPercent"), t.warningCpuPercent);
  checkPositive(scope, p("warningSlowQuerySeconds"), t.warningSlowQuerySeconds);
  checkPositive(scope, p("sloLatencyP99Ms"), t.sloLatencyP99Ms);
}
