import { Construct, IConstruct } from "constructs";
import { Release } from "../providers/helm/release";
import { AlertReceiver } from "./alert-receiver";
import { PrometheusRuleGroup } from "./alert-rules";
import { checkDnsLabel, checkSecretKey, checkSecretName, isDnsSubdomain, isUnresolved } from "./checks";
import { PART_OF_LABEL_KEY, PlatformNames } from "./platform-name";
import { alertRulesMap, alertmanagerConfig, receiverSecretNames } from "./observability-alerting";
import { grafanaDatasources } from "./observability-datasources";
import { ObservabilityComponent, ResourceTable, checkHelmCount, quantities, volumeClaim } from "./observability-resources";
import { ObservabilityReleaseOptions, observabilityReleaseConfig } from "./observability-release";
import { ValidationError } from "./validation-error";

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

/** What Prometheus scrapes and keeps, Alertmanager's and Grafana's replicas and storage. */
export interface ObservabilityMetricsOptions {
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
   * @default - the chart generates a random password into a Secret of its own (never in Terraform state)
   */
  readonly grafanaAdmin?: GrafanaAdminSecret;
  /**
   * Persistent volume for Grafana's database (users, preferences, annotations), GiB.
   * @default 0 - an emptyDir; datasources and dashboards are provisioned anyway
   */
  readonly grafanaStorageGiB?: number;
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

/** Release name; Services are `<release>-prometheus`, `<release>-alertmanager`. */
export const KPS_RELEASE = "kube-prometheus-stack";
export const GRAFANA_SERVICE_ACCOUNT = "grafana";

/** Everything kube-prometheus-stack's values are made of, with the stack's defaults resolved. */
export interface MetricsReleaseProps extends ObservabilityReleaseOptions {
  readonly resources: ResourceTable;
  /** Namespaces the platform's ServiceMonitor selects Services in. */
  readonly monitored: readonly string[];
  /** Name of the Service port that serves metrics. */
  readonly portName: string;
  readonly metricsPath: string;
  /** Seconds between scrapes. */
  readonly scrapeInterval: number;
  /** Scrape etcd, the scheduler, the controller manager and kube-proxy. */
  readonly scrapeControlPlane: boolean;
  /** @default - no cluster label */
  readonly clusterName?: string;
  readonly prometheusReplicas: number;
  readonly metricsRetentionDays: number;
  /** 0 for an emptyDir. */
  readonly prometheusStorageGiB: number;
  readonly alertmanagerReplicas: number;
  /** 0 for an emptyDir. */
  readonly alertmanagerStorageGiB: number;
  /** @default - the cluster's default class */
  readonly storageClassName?: string;
  /** @default - the chart's generated password */
  readonly grafanaAdmin?: GrafanaAdminSecret;
  /** 0 for an emptyDir. */
  readonly grafanaStorageGiB: number;
  readonly criticalReceiver: AlertReceiver;
  readonly warningReceiver: AlertReceiver;
  /** The rules Prometheus evaluates. */
  readonly alertRuleGroups: readonly PrometheusRuleGroup[];
  /** Loki's and Tempo's query URLs, Grafana's datasources. */
  readonly lokiUrl: string;
  readonly tempoUrl: string;
}

/**
 * kube-prometheus-stack: Prometheus with the platform's ServiceMonitor and alert rules,
 * Alertmanager routing them, Grafana with Loki and Tempo beside Prometheus, node exporter and
 * kube-state-metrics. It installs the prometheus-operator CRDs every other chart's ServiceMonitor needs.
 */
export class MetricsRelease extends Release {
  constructor(scope: Construct, id: string, props: MetricsReleaseProps) {
    super(scope, id, observabilityReleaseConfig(KPS_RELEASE, props, metricsValues(props, PlatformNames.of(scope).partOf), 900));
  }
}

const PORT_NAME = /^[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$/;

/** The metrics options, defaults resolved, as far as they are known at synthesis; errors name `scope`. */
export function checkMetricsOptions(
  scope: IConstruct,
  o: Omit<MetricsReleaseProps, keyof ObservabilityReleaseOptions | "resources" | "criticalReceiver" | "warningReceiver" | "alertRuleGroups" | "lokiUrl" | "tempoUrl">,
): void {
  if (!isUnresolved(o.monitored) && o.monitored.length === 0) {
    throw new ValidationError(scope, "monitoredNamespaces", o.monitored, "expected at least one namespace");
  }
  for (const ns of o.monitored) checkDnsLabel(scope, "monitoredNamespaces", ns);
  if (!isUnresolved(o.portName) && !PORT_NAME.test(o.portName)) {
    throw new ValidationError(scope, "metricsPortName", o.portName, "expected an IANA service name: 1-15 lowercase letters, digits or hyphens");
  }
  if (!isUnresolved(o.metricsPath) && !/^\/\S*$/.test(o.metricsPath)) {
    throw new ValidationError(scope, "metricsPath", o.metricsPath, 'expected a path starting with "/"');
  }
  if (o.clusterName !== undefined && !isUnresolved(o.clusterName) && o.clusterName.trim() === "") {
    throw new ValidationError(scope, "clusterName", o.clusterName, "expected a non-empty name");
  }
  checkHelmCount(scope, "scrapeIntervalSeconds", o.scrapeInterval, 5, 3600);
  checkHelmCount(scope, "prometheusReplicas", o.prometheusReplicas, 1, 10);
  checkHelmCount(scope, "alertmanagerReplicas", o.alertmanagerReplicas, 1, 9);
  checkHelmCount(scope, "metricsRetentionDays", o.metricsRetentionDays, 1, 3650);
  checkHelmCount(scope, "prometheusStorageGiB", o.prometheusStorageGiB, 0, 65536);
  checkHelmCount(scope, "alertmanagerStorageGiB", o.alertmanagerStorageGiB, 0, 1024);
  checkHelmCount(scope, "grafanaStorageGiB", o.grafanaStorageGiB, 0, 1024);
  if (o.grafanaAdmin) checkGrafanaAdmin(scope, o.grafanaAdmin);
}

/** A Secret and keys Grafana can read its admin login from. */
function checkGrafanaAdmin(scope: IConstruct, admin: GrafanaAdminSecret): void {
  checkSecretName(scope, "grafanaAdmin.secretName", admin.secretName);
  checkSecretKey(scope, "grafanaAdmin.userKey", admin.userKey ?? "admin-user");
  checkSecretKey(scope, "grafanaAdmin.passwordKey", admin.passwordKey ?? "admin-password");
  if (admin.secretProviderClass !== undefined && !isUnresolved(admin.secretProviderClass) && !isDnsSubdomain(admin.secretProviderClass)) {
    throw new ValidationError(scope, "grafanaAdmin.secretProviderClass", admin.secretProviderClass, "expected a Kubernetes object name (lowercase DNS subdomain)");
  }
}

/** The chart's values; `partOf` names the platform's scrape contract and rules (`<platform>-platform`). */
function metricsValues(o: MetricsReleaseProps, partOf: string): object {
  const r = o.resources;
  const C = ObservabilityComponent;
  const secretNames = receiverSecretNames(o.criticalReceiver, o.warningReceiver);
  const admin = o.grafanaAdmin;
  return {
    crds: { enabled: true },
    additionalPrometheusRulesMap: alertRulesMap(partOf, o.alertRuleGroups),
    alertmanager: {
      config: alertmanagerConfig(o.criticalReceiver, o.warningReceiver),
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
      additionalDataSources: grafanaDatasources(o.lokiUrl, o.tempoUrl),
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
          name: partOf,
          selector: { matchLabels: { [PART_OF_LABEL_KEY]: partOf } },
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
