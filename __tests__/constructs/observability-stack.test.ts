import { readFileSync, readdirSync } from "fs";
import { join } from "path";
import { Testing, Token } from "cdktf";
import { NamespaceV1 } from "../../providers/kubernetes/namespace-v1";
import { AlertReceiver } from "../../constructs/alert-receiver";
import { AlertThresholds, PlatformAlert, SEED_ALERT_THRESHOLDS } from "../../constructs/alert-rules";
import {
  LokiBlobStorage,
  LokiDeploymentMode,
  ObservabilityComponent,
  ObservabilityProfile,
  ObservabilityStack,
  ObservabilityStackProps,
} from "../../constructs/observability-stack";
import { LOKI_CHART } from "../../constructs/pinned-chart";
import { DEV_TIER } from "../../tiers/dev";
import { ENTERPRISE_TIER } from "../../tiers/enterprise";
import { SMALL_PROD_TIER } from "../../tiers/small-prod";
import { LogStoreTopology, ObservabilitySpec } from "../../tiers/tier-spec";
import { SynthJson, resourcesOf, synthJson, testStack } from "../helpers";

/** A parsed Helm release: its resource attributes and its values. */
interface ParsedRelease {
  readonly release: Record<string, any>;
  readonly values: Record<string, any>;
}

function releasesByChart(json: SynthJson): Record<string, ParsedRelease> {
  const all = resourcesOf(json, "helm_release") as Record<string, any>[];
  return Object.fromEntries(
    all.map((release) => {
      expect(release.values).toHaveLength(1);
      return [release.chart as string, { release, values: JSON.parse(release.values[0] as string) }];
    }),
  );
}

function synth(props: Partial<ObservabilityStackProps> = {}) {
  const { stack } = testStack();
  const observability = new ObservabilityStack(stack, "Observability", { namespace: "observability", ...props });
  const json = synthJson(stack);
  return { observability, json, charts: releasesByChart(json) };
}

function build(props: Partial<ObservabilityStackProps>): () => ObservabilityStack {
  return () => {
    const { stack } = testStack();
    return new ObservabilityStack(stack, "Observability", { namespace: "observability", ...props });
  };
}

type Rule = { alert: string; expr: string; for: string; labels: Record<string, string>; annotations: Record<string, string> };

function rulesOf(charts: Record<string, ParsedRelease>): Rule[] {
  const groups = charts["kube-prometheus-stack"].values.additionalPrometheusRulesMap["omega-platform"].groups as { rules: Rule[] }[];
  return groups.flatMap((g) => g.rules);
}

function ruleOf(rules: Rule[], alert: PlatformAlert, severity: string): Rule {
  const found = rules.filter((r) => r.alert === alert && r.labels.severity === severity);
  expect(found).toHaveLength(1);
  return found[0];
}

/** The numbers an expression compares against, in order: `> 1`, `< 10`, `== 0`. */
function comparisons(expr: string): { op: string; value: number }[] {
  return [...expr.matchAll(/(>|<|==)\s*(-?\d+(?:\.\d+)?)/g)].map((m) => ({ op: m[1], value: Number(m[2]) }));
}

function resourcesAt(values: Record<string, any>, path: string): any {
  return path.split(".").reduce((v, key) => (v === undefined ? undefined : v[key]), values as any);
}

const BLOB: LokiBlobStorage = {
  storageAccountName: "omegalogs01",
  containerName: "loki-chunks",
  workloadIdentityClientId: "11111111-2222-3333-4444-555555555555",
};

const HA: Partial<ObservabilityStackProps> = {
  profile: ObservabilityProfile.HIGHLY_AVAILABLE,
  prometheusReplicas: 2,
  alertmanagerReplicas: 3,
  logsMode: LokiDeploymentMode.DISTRIBUTED,
  logsReplicas: 3,
  logStorage: BLOB,
};

describe("ObservabilityStack", () => {
  test("minimal config snapshot", () => {
    const { stack } = testStack();
    new ObservabilityStack(stack, "Observability", { namespace: "observability" });
    expect(Testing.synth(stack)).toMatchSnapshot();
  });

  describe("defaults", () => {
    const { charts, observability } = synth();
    const kps = charts["kube-prometheus-stack"].values;
    const loki = charts.loki.values;

    test("four releases, each chart pinned to an exact version in its repository", () => {
      const pinned = Object.fromEntries(
        Object.values(charts).map(({ release }) => [release.name, { chart: release.chart, repository: release.repository, version: release.version }]),
      );
      expect(pinned).toEqual({
        "kube-prometheus-stack": {
          chart: "kube-prometheus-stack",
          repository: "https://prometheus-community.github.io/helm-charts",
          version: "88.5.3",
        },
        loki: { chart: "loki", repository: "https://grafana-community.github.io/helm-charts", version: "18.11.0" },
        tempo: { chart: "tempo", repository: "https://grafana-community.github.io/helm-charts", version: "2.2.4" },
        alloy: { chart: "alloy", repository: "https://grafana.github.io/helm-charts", version: "1.11.1" },
      });
    });

    test("every release installs into the namespace atomically", () => {
      for (const { release } of Object.values(charts)) {
        expect(release).toMatchObject({ namespace: "observability", atomic: true, cleanup_on_fail: true, max_history: 10 });
        expect(release.create_namespace).toBeUndefined();
      }
    });

    test("Loki, Tempo and the log shipper wait for the chart that installs the monitoring CRDs", () => {
      const metrics = `helm_release.${observability.metricsRelease.friendlyUniqueId}`;
      expect(charts["kube-prometheus-stack"].release.depends_on).toBeUndefined();
      for (const chart of ["loki", "tempo", "alloy"]) expect(charts[chart].release.depends_on).toEqual([metrics]);
    });

    test("one Prometheus and one Alertmanager, 15 days, no persistent volume, no disruption budget", () => {
      expect(kps.prometheus.prometheusSpec).toMatchObject({ replicas: 1, retention: "15d" });
      expect(kps.prometheus.prometheusSpec.storageSpec).toBeUndefined();
      expect(kps.prometheus.prometheusSpec.retentionSize).toBeUndefined();
      expect(kps.prometheus.podDisruptionBudget).toEqual({ enabled: false });
      expect(kps.alertmanager.alertmanagerSpec.replicas).toBe(1);
      expect(kps.alertmanager.alertmanagerSpec.storage).toBeUndefined();
      expect(kps.alertmanager.podDisruptionBudget).toEqual({ enabled: false });
    });

    test("the control plane AKS runs out of reach is not scraped, so it raises no down alerts", () => {
      const off = { enabled: false };
      expect([kps.kubeEtcd, kps.kubeScheduler, kps.kubeControllerManager, kps.kubeProxy]).toEqual([off, off, off, off]);
    });

    test("Prometheus selects every ServiceMonitor, PodMonitor and rule, not only its release's", () => {
      expect(kps.prometheus.prometheusSpec).toMatchObject({
        serviceMonitorSelectorNilUsesHelmValues: false,
        podMonitorSelectorNilUsesHelmValues: false,
        ruleSelectorNilUsesHelmValues: false,
      });
    });

    test("one ServiceMonitor scrapes the platform's labelled Services on their http port", () => {
      expect(kps.prometheus.additionalServiceMonitors).toEqual([
        {
          name: "omega-platform",
          selector: { matchLabels: { "app.kubernetes.io/part-of": "omega-platform" } },
          namespaceSelector: { matchNames: ["platform", "agents", "languages"] },
          jobLabel: "app.kubernetes.io/name",
          endpoints: [{ port: "http", path: "/metrics", interval: "30s", scheme: "http" }],
        },
      ]);
    });

    test("Loki runs Monolithic on its own disk: one replica, 30 days, no caches, no canary", () => {
      expect(loki.deploymentMode).toBe("Monolithic");
      expect(loki.singleBinary).toMatchObject({ replicas: 1, persistence: { enabled: true, size: "10Gi" } });
      expect(loki.loki.storage).toEqual({ type: "filesystem" });
      expect(loki.loki.schemaConfig.configs).toEqual([
        { from: "2024-04-01", store: "tsdb", object_store: "filesystem", schema: "v13", index: { prefix: "index_", period: "24h" } },
      ]);
      expect(loki.loki.commonConfig).toEqual({ replication_factor: 1 });
      expect(loki.loki.limits_config).toEqual({ retention_period: "720h", max_query_lookback: "720h" });
      expect(loki.loki.compactor).toEqual({ retention_enabled: true, delete_request_store: "filesystem" });
      expect([loki.write, loki.read, loki.backend]).toEqual([{ replicas: 0 }, { replicas: 0 }, { replicas: 0 }]);
      expect(loki.ingester).toBeUndefined();
      expect([loki.chunksCache, loki.resultsCache]).toEqual([{ enabled: false }, { enabled: false }]);
      expect([loki.lokiCanary, loki.test, loki.ruler]).toEqual([{ enabled: false }, { enabled: false }, { enabled: false }]);
      expect(loki.gateway.replicas).toBe(1);
    });

    test("without object storage there is no workload identity", () => {
      expect(loki.serviceAccount).toEqual({ name: "loki" });
      expect(loki.defaults).toBeUndefined();
    });

    test("Tempo keeps 7 days of traces in one binary", () => {
      const tempo = charts.tempo.values;
      expect(tempo.replicas).toBe(1);
      expect(tempo.tempo.retention).toBe("168h");
      expect(tempo.persistence).toEqual({ enabled: false });
    });

    test("the log shipper runs on every node and pushes to Loki's gateway", () => {
      const alloy = charts.alloy.values;
      expect(alloy.controller).toEqual({ type: "daemonset", tolerations: [{ operator: "Exists" }] });
      expect(alloy.alloy.mounts).toEqual({ varlog: true });
      const config = alloy.alloy.configMap.content as string;
      expect(config).toContain('url = "http://loki-gateway.observability.svc.cluster.local/loki/api/v1/push"');
      expect(config).toContain('field = "spec.nodeName=" + sys.env("HOSTNAME")');
      expect(config).toContain('replacement   = "/var/log/pods/*$1/*.log"');
      // Helm passes the content through tpl: template braces would be evaluated.
      expect(config).not.toContain("{{");
    });

    test("Grafana provisions Loki and Tempo beside the chart's Prometheus datasource", () => {
      const grafana = kps.grafana;
      expect(grafana.enabled).toBe(true);
      expect(grafana.additionalDataSources.map((d: any) => [d.uid, d.type, d.url])).toEqual([
        ["loki", "loki", "http://loki-gateway.observability.svc.cluster.local"],
        ["tempo", "tempo", "http://tempo.observability.svc.cluster.local:3200"],
      ]);
      expect(grafana.additionalDataSources[1].jsonData).toMatchObject({
        tracesToLogsV2: { datasourceUid: "loki" },
        serviceMap: { datasourceUid: "prometheus" },
      });
    });

    test("without an admin Secret, Grafana's chart generates the password: no credential in the values", () => {
      expect(kps.grafana.admin).toBeUndefined();
      expect(kps.grafana.adminPassword).toBeUndefined();
      expect(kps.grafana.persistence).toEqual({ enabled: false });
      expect(kps.grafana.serviceAccount).toEqual({ name: "grafana" });
    });

    test("usage reporting is off everywhere", () => {
      expect(kps.grafana["grafana.ini"].analytics).toEqual({ check_for_updates: false, reporting_enabled: false });
      expect(loki.loki.analytics).toEqual({ reporting_enabled: false });
      expect(charts.tempo.values.tempo.reportingEnabled).toBe(false);
      expect(charts.alloy.values.alloy.enableReporting).toBe(false);
    });

    test("every component has CPU and memory requests and limits", () => {
      const paths: [string, string][] = [
        ["kube-prometheus-stack", "prometheus.prometheusSpec.resources"],
        ["kube-prometheus-stack", "alertmanager.alertmanagerSpec.resources"],
        ["kube-prometheus-stack", "prometheusOperator.resources"],
        ["kube-prometheus-stack", "prometheusOperator.admissionWebhooks.patch.resources"],
        ["kube-prometheus-stack", "prometheusOperator.prometheusConfigReloader.resources"],
        ["kube-prometheus-stack", "kube-state-metrics.resources"],
        ["kube-prometheus-stack", "prometheus-node-exporter.resources"],
        ["kube-prometheus-stack", "grafana.resources"],
        ["kube-prometheus-stack", "grafana.sidecar.resources"],
        ["kube-prometheus-stack", "grafana.initChownData.resources"],
        ["loki", "singleBinary.resources"],
        ["loki", "gateway.resources"],
        ["tempo", "tempo.resources"],
        ["alloy", "alloy.resources"],
        ["alloy", "configReloader.resources"],
      ];
      for (const [chart, path] of paths) {
        const r = resourcesAt(charts[chart].values, path);
        expect([chart, path, r]).toEqual([
          chart,
          path,
          {
            requests: { cpu: expect.stringMatching(/^\d+m$/), memory: expect.stringMatching(/^\d+Mi$/) },
            limits: { cpu: expect.stringMatching(/^\d+m$/), memory: expect.stringMatching(/^\d+Mi$/) },
          },
        ]);
      }
    });

    test("the standard profile's Prometheus asks 500m/2Gi and may use 2 vCPU/4Gi", () => {
      expect(kps.prometheus.prometheusSpec.resources).toEqual({
        requests: { cpu: "500m", memory: "2048Mi" },
        limits: { cpu: "2000m", memory: "4096Mi" },
      });
    });

    test("exposes where to query and where to send traces", () => {
      expect(observability.prometheusUrl).toBe("http://kube-prometheus-stack-prometheus.observability.svc.cluster.local:9090");
      expect(observability.alertmanagerUrl).toBe("http://kube-prometheus-stack-alertmanager.observability.svc.cluster.local:9093");
      expect(observability.lokiUrl).toBe("http://loki-gateway.observability.svc.cluster.local");
      expect(observability.tempoUrl).toBe("http://tempo.observability.svc.cluster.local:3200");
      expect(observability.otlpGrpcEndpoint).toBe("http://tempo.observability.svc.cluster.local:4317");
      expect(observability.otlpHttpEndpoint).toBe("http://tempo.observability.svc.cluster.local:4318");
      expect(observability.lokiWorkloadIdentitySubject).toBe("system:serviceaccount:observability:loki");
      expect(observability.profile).toBe(ObservabilityProfile.STANDARD);
    });
  });

  describe("alert rules (seed 001 and seed 002)", () => {
    const { charts } = synth();
    const rules = rulesOf(charts);

    test("the seed's thresholds, as typed data", () => {
      expect(SEED_ALERT_THRESHOLDS).toEqual({
        criticalErrorRatePercent: 1,
        warningErrorRatePercent: 0.5,
        criticalLatencyP95Ms: 500,
        warningLatencyP95Ms: 250,
        criticalDiskFreePercent: 10,
        warningMemoryPercent: 80,
        warningCpuPercent: 90,
        warningSlowQuerySeconds: 5,
        sloLatencyP99Ms: 500,
      });
    });

    test("three groups: critical, warning and the SLO", () => {
      const groups = charts["kube-prometheus-stack"].values.additionalPrometheusRulesMap["omega-platform"].groups;
      expect(groups.map((g: any) => [g.name, g.rules.length])).toEqual([
        ["omega-platform.critical", 5],
        ["omega-platform.warning", 5],
        ["omega-platform.slo", 1],
      ]);
    });

    test("critical: error rate above 1% of requests answered 4xx/5xx", () => {
      const r = ruleOf(rules, PlatformAlert.ERROR_RATE, "critical");
      expect(comparisons(r.expr).at(-1)).toEqual({ op: ">", value: 1 });
      expect(r.expr).toMatch(/^100 \* sum by \(namespace, job\) \(rate\(http_requests_total\{namespace=~"platform\|agents\|languages", code=~"\[45\]\.\."\}\[5m\]\)\) \/ /);
    });

    test("critical: p95 response time above 500 ms", () => {
      const r = ruleOf(rules, PlatformAlert.LATENCY_P95, "critical");
      expect(r.expr).toContain("1000 * histogram_quantile(0.95, sum by (namespace, job, le) (rate(http_request_duration_seconds_bucket{");
      expect(comparisons(r.expr).at(-1)).toEqual({ op: ">", value: 500 });
    });

    test("critical: any service unavailable (no available replica, or no target answering)", () => {
      const r = ruleOf(rules, PlatformAlert.SERVICE_UNAVAILABLE, "critical");
      expect(r.expr).toContain('sum by (namespace, deployment) (kube_deployment_status_replicas_available{namespace=~"platform|agents|languages"}) == 0');
      expect(r.expr).toContain('(max by (namespace, job) (up{namespace=~"platform|agents|languages"}) == 0)');
      expect(comparisons(r.expr).map((c) => c.value)).toEqual([0, 0, 0]);
    });

    test("critical: any database connection failure", () => {
      const r = ruleOf(rules, PlatformAlert.DATABASE_CONNECTION_FAILURES, "critical");
      expect(r.expr).toBe('sum by (namespace, job) (increase(omega_db_connection_errors_total{namespace=~"platform|agents|languages"}[5m])) > 0');
    });

    test("critical: disk space below 10% on nodes and on persistent volumes", () => {
      const r = ruleOf(rules, PlatformAlert.DISK_SPACE_LOW, "critical");
      expect(comparisons(r.expr)).toEqual([
        { op: "<", value: 10 },
        { op: "<", value: 10 },
      ]);
      expect(r.expr).toContain("node_filesystem_avail_bytes");
      expect(r.expr).toContain("kubelet_volume_stats_available_bytes");
    });

    test("warning: error rate above 0.5%", () => {
      expect(comparisons(ruleOf(rules, PlatformAlert.ERROR_RATE, "warning").expr).at(-1)).toEqual({ op: ">", value: 0.5 });
    });

    test("warning: p95 response time above 250 ms", () => {
      expect(comparisons(ruleOf(rules, PlatformAlert.LATENCY_P95, "warning").expr).at(-1)).toEqual({ op: ">", value: 250 });
    });

    test("warning: memory above 80% of the limit", () => {
      const r = ruleOf(rules, PlatformAlert.MEMORY_HIGH, "warning");
      expect(r.expr).toContain("container_memory_working_set_bytes");
      expect(r.expr).toContain('resource="memory"');
      expect(comparisons(r.expr).at(-1)).toEqual({ op: ">", value: 80 });
    });

    test("warning: CPU above 90% of the limit", () => {
      const r = ruleOf(rules, PlatformAlert.CPU_HIGH, "warning");
      expect(r.expr).toContain("rate(container_cpu_usage_seconds_total");
      expect(r.expr).toContain('resource="cpu"');
      expect(comparisons(r.expr).at(-1)).toEqual({ op: ">", value: 90 });
    });

    test("warning: database queries slower than 5 s", () => {
      const r = ruleOf(rules, PlatformAlert.DATABASE_SLOW_QUERIES, "warning");
      expect(r.expr).toContain("histogram_quantile(0.99, sum by (namespace, job, le) (rate(omega_db_query_duration_seconds_bucket{");
      expect(comparisons(r.expr).at(-1)).toEqual({ op: ">", value: 5 });
    });

    test("SLO: p99 response time above 500 ms (seed 002)", () => {
      const r = ruleOf(rules, PlatformAlert.LATENCY_SLO_P99, "warning");
      expect(r.expr).toContain("histogram_quantile(0.99,");
      expect(comparisons(r.expr).at(-1)).toEqual({ op: ">", value: 500 });
      expect(r.labels).toEqual({ severity: "warning", slo: "latency-p99" });
    });

    test("every rule has a severity, a summary, a description and a for duration", () => {
      expect(rules).toHaveLength(11);
      for (const r of rules) {
        expect([r.alert, r.labels.severity]).toEqual([r.alert, expect.stringMatching(/^(critical|warning)$/)]);
        expect(r.annotations.summary.length).toBeGreaterThan(10);
        expect(r.annotations.description.length).toBeGreaterThan(10);
        expect([r.alert, r.for]).toEqual([r.alert, expect.stringMatching(/^[1-9]\d*m$/)]);
      }
    });

    test("Alertmanager routes critical and warning to different receivers and timings", () => {
      const config = charts["kube-prometheus-stack"].values.alertmanager.config;
      expect(config.route.receiver).toBe("null");
      expect(config.route.routes).toEqual([
        { receiver: "critical", matchers: ['severity = "critical"'], group_wait: "10s", group_interval: "1m", repeat_interval: "1h" },
        { receiver: "warning", matchers: ['severity = "warning"'], group_wait: "1m", group_interval: "5m", repeat_interval: "4h" },
      ]);
      // No receiver is hard-coded: by default both keep alerts and send them nowhere.
      expect(config.receivers).toEqual([{ name: "null" }, { name: "critical" }, { name: "warning" }]);
      expect(config.inhibit_rules[0]).toEqual({
        source_matchers: ['severity = "critical"'],
        target_matchers: ['severity =~ "warning|info"'],
        equal: ["alertname", "namespace", "job"],
      });
    });

    test("other thresholds render into the rules", () => {
      const thresholds: AlertThresholds = { ...SEED_ALERT_THRESHOLDS, criticalErrorRatePercent: 2, warningCpuPercent: 75 };
      const custom = rulesOf(synth({ alertThresholds: thresholds }).charts);
      expect(comparisons(ruleOf(custom, PlatformAlert.ERROR_RATE, "critical").expr).at(-1)).toEqual({ op: ">", value: 2 });
      expect(comparisons(ruleOf(custom, PlatformAlert.CPU_HIGH, "warning").expr).at(-1)).toEqual({ op: ">", value: 75 });
    });
  });

  describe("highly available", () => {
    const { charts, observability } = synth({ ...HA, prometheusStorageGiB: 200, alertmanagerStorageGiB: 2, logsArchiveDays: 365, logsStorageGiB: 50 });
    const kps = charts["kube-prometheus-stack"].values;
    const loki = charts.loki.values;

    test("two Prometheus and three Alertmanager replicas with disruption budgets", () => {
      expect(kps.prometheus.prometheusSpec.replicas).toBe(2);
      expect(kps.alertmanager.alertmanagerSpec.replicas).toBe(3);
      expect(kps.prometheus.podDisruptionBudget).toEqual({ enabled: true });
      expect(kps.alertmanager.podDisruptionBudget).toEqual({ enabled: true });
    });

    test("Prometheus on a 200 GiB volume, stopping at 85% of it", () => {
      expect(kps.prometheus.prometheusSpec.storageSpec).toEqual({
        volumeClaimTemplate: { spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "200Gi" } } } },
      });
      expect(kps.prometheus.prometheusSpec.retentionSize).toBe("170GiB");
      expect(kps.alertmanager.alertmanagerSpec.storage.volumeClaimTemplate.spec.resources.requests.storage).toBe("2Gi");
    });

    test("Loki Distributed over Blob storage through workload identity", () => {
      expect(loki.deploymentMode).toBe("Distributed");
      expect(loki.loki.storage).toEqual({
        type: "azure",
        bucketNames: { chunks: "loki-chunks" },
        azure: { accountName: "omegalogs01", useFederatedToken: true },
      });
      expect(loki.loki.schemaConfig.configs[0].object_store).toBe("azure");
      expect(loki.serviceAccount).toEqual({
        name: "loki",
        annotations: { "azure.workload.identity/client-id": "11111111-2222-3333-4444-555555555555" },
      });
      expect(loki.defaults).toEqual({ podLabels: { "azure.workload.identity/use": "true" } });
      expect(observability.lokiServiceAccountName).toBe("loki");
    });

    test("30 days queryable; archived and deleted by the storage lifecycle, not by Loki", () => {
      expect(loki.loki.limits_config).toEqual({ max_query_lookback: "720h" });
      expect(loki.loki.compactor).toEqual({ retention_enabled: false });
      expect([observability.logsRetentionDays, observability.logsArchiveDays]).toEqual([30, 365]);
    });

    test("without archiving, Loki deletes from Blob storage when logs leave the query window", () => {
      const plain = synth({ ...HA }).charts.loki.values.loki;
      expect(plain.limits_config).toEqual({ retention_period: "720h", max_query_lookback: "720h" });
      expect(plain.compactor).toEqual({ retention_enabled: true, delete_request_store: "azure" });
    });

    test("three of each Loki component but one compactor; replication factor 3; no single binary", () => {
      expect(loki.singleBinary).toEqual({ replicas: 0 });
      const replicas = Object.fromEntries(
        ["ingester", "distributor", "querier", "queryFrontend", "queryScheduler", "indexGateway", "compactor"].map((c) => [c, loki[c].replicas]),
      );
      expect(replicas).toEqual({ ingester: 3, distributor: 3, querier: 3, queryFrontend: 3, queryScheduler: 3, indexGateway: 3, compactor: 1 });
      expect(loki.loki.commonConfig).toEqual({ replication_factor: 3 });
      expect(loki.ingester.persistence).toEqual({ enabled: true, claims: [{ name: "data", accessModes: ["ReadWriteOnce"], size: "50Gi" }] });
      expect(loki.gateway.replicas).toBe(2);
    });

    test("memcached caches sized under their containers' memory", () => {
      expect(loki.chunksCache).toEqual({
        enabled: true,
        allocatedMemory: 2048,
        resources: { requests: { cpu: "250m", memory: "2458Mi" }, limits: { cpu: "1000m", memory: "2458Mi" } },
      });
      expect(loki.resultsCache).toMatchObject({ enabled: true, allocatedMemory: 512 });
      expect(loki.memcachedExporter.resources.limits).toEqual({ cpu: "100m", memory: "64Mi" });
    });

    test("every distributed Loki component has requests and limits", () => {
      for (const c of ["ingester", "distributor", "querier", "queryFrontend", "queryScheduler", "indexGateway", "compactor"]) {
        expect([c, loki[c].resources]).toEqual([
          c,
          { requests: { cpu: expect.stringMatching(/m$/), memory: expect.stringMatching(/Mi$/) }, limits: expect.any(Object) },
        ]);
      }
    });
  });

  describe("overrides", () => {
    test("Grafana's admin login from a Secret synced from Key Vault", () => {
      const { charts } = synth({
        grafanaAdmin: { secretName: "grafana-admin", userKey: "user", passwordKey: "password", secretProviderClass: "omega-grafana" },
        grafanaStorageGiB: 5,
        storageClassName: "managed-csi-premium",
      });
      const grafana = charts["kube-prometheus-stack"].values.grafana;
      expect(grafana.admin).toEqual({ existingSecret: "grafana-admin", userKey: "user", passwordKey: "password" });
      expect(grafana.extraSecretMounts).toEqual([
        {
          name: "secrets-store",
          mountPath: "/mnt/secrets-store",
          readOnly: true,
          csi: { driver: "secrets-store.csi.k8s.io", readOnly: true, volumeAttributes: { secretProviderClass: "omega-grafana" } },
        },
      ]);
      expect(grafana.persistence).toEqual({ enabled: true, size: "5Gi", storageClassName: "managed-csi-premium" });
    });

    test("the admin Secret's keys default to the chart's", () => {
      const { charts } = synth({ grafanaAdmin: { secretName: "grafana-admin" } });
      const grafana = charts["kube-prometheus-stack"].values.grafana;
      expect(grafana.admin).toEqual({ existingSecret: "grafana-admin", userKey: "admin-user", passwordKey: "admin-password" });
      expect(grafana.extraSecretMounts).toBeUndefined();
    });

    test("receivers read their credentials from mounted Secrets", () => {
      const { charts } = synth({
        criticalReceiver: AlertReceiver.pagerDuty("oncall", { routingKeySecret: { secretName: "alert-receivers", key: "pagerduty" } }),
        warningReceiver: AlertReceiver.slack("platform-chat", {
          apiUrlSecret: { secretName: "alert-receivers", key: "slack" },
          channel: "#platform-alerts",
        }),
      });
      const am = charts["kube-prometheus-stack"].values.alertmanager;
      expect(am.config.route.routes.map((r: any) => r.receiver)).toEqual(["oncall", "platform-chat"]);
      expect(am.config.receivers[1]).toEqual({
        name: "oncall",
        pagerduty_configs: [{ routing_key_file: "/etc/alertmanager/secrets/alert-receivers/pagerduty", send_resolved: true }],
      });
      expect(am.config.receivers[2]).toMatchObject({
        name: "platform-chat",
        slack_configs: [{ api_url_file: "/etc/alertmanager/secrets/alert-receivers/slack", channel: "#platform-alerts", send_resolved: true }],
      });
      expect(am.alertmanagerSpec.secrets).toEqual(["alert-receivers"]);
    });

    test("one receiver may take both severities", () => {
      const teams = AlertReceiver.microsoftTeams("teams", { webhookUrlSecret: { secretName: "teams", key: "url" }, sendResolved: false });
      const { charts } = synth({ criticalReceiver: teams, warningReceiver: teams });
      const config = charts["kube-prometheus-stack"].values.alertmanager.config;
      expect(config.receivers).toEqual([
        { name: "null" },
        { name: "teams", msteamsv2_configs: [{ webhook_url_file: "/etc/alertmanager/secrets/teams/url", send_resolved: false }] },
      ]);
      expect(config.route.routes.map((r: any) => r.receiver)).toEqual(["teams", "teams"]);
    });

    test("a webhook receiver", () => {
      const hook = AlertReceiver.webhook("hook", { urlSecret: { secretName: "hooks", key: "critical" } });
      expect(hook.toConfig()).toEqual({ name: "hook", webhook_configs: [{ url_file: "/etc/alertmanager/secrets/hooks/critical", send_resolved: true }] });
    });

    test("cluster label, scrape settings and monitored namespaces", () => {
      const { charts } = synth({
        clusterName: "enterprise-eastus",
        monitoredNamespaces: ["platform"],
        metricsPortName: "metrics",
        metricsPath: "/prometheus",
        scrapeIntervalSeconds: 15,
      });
      const kps = charts["kube-prometheus-stack"].values;
      expect(kps.prometheus.prometheusSpec.externalLabels).toEqual({ cluster: "enterprise-eastus" });
      expect(kps.prometheus.additionalServiceMonitors[0]).toMatchObject({
        namespaceSelector: { matchNames: ["platform"] },
        endpoints: [{ port: "metrics", path: "/prometheus", interval: "15s", scheme: "http" }],
      });
      expect(ruleOf(rulesOf(charts), PlatformAlert.ERROR_RATE, "critical").expr).toContain('namespace=~"platform"');
    });

    test("a self-managed control plane can be scraped", () => {
      const kps = synth({ scrapeControlPlane: true }).charts["kube-prometheus-stack"].values;
      const on = { enabled: true };
      expect([kps.kubeEtcd, kps.kubeScheduler, kps.kubeControllerManager, kps.kubeProxy]).toEqual([on, on, on, on]);
    });

    test("retention, replicas and volumes of Tempo and Loki", () => {
      const { charts } = synth({ tracesRetentionDays: 14, tracesStorageGiB: 50, logsRetentionDays: 7, logsStorageGiB: 0, storageClassName: "fast" });
      expect(charts.tempo.values.tempo.retention).toBe("336h");
      expect(charts.tempo.values.persistence).toEqual({ enabled: true, size: "50Gi", storageClassName: "fast" });
      expect(charts.loki.values.loki.limits_config).toEqual({ retention_period: "168h", max_query_lookback: "168h" });
      expect(charts.loki.values.singleBinary.persistence).toEqual({ enabled: false });
    });

    test("a component's resources and a chart's version can be replaced", () => {
      const { charts } = synth({
        resources: { [ObservabilityComponent.TEMPO]: { requests: { cpuMillis: 10, memoryMiB: 64 }, limits: { cpuMillis: 20, memoryMiB: 128 } } },
        charts: { loki: { ...LOKI_CHART, version: "18.12.0" } },
      });
      expect(charts.tempo.values.tempo.resources).toEqual({ requests: { cpu: "10m", memory: "64Mi" }, limits: { cpu: "20m", memory: "128Mi" } });
      expect(charts.loki.release.version).toBe("18.12.0");
    });

    test("the light profile asks little", () => {
      const { charts } = synth({ profile: ObservabilityProfile.LIGHT });
      expect(charts["kube-prometheus-stack"].values.prometheus.prometheusSpec.resources.requests).toEqual({ cpu: "100m", memory: "256Mi" });
      expect(charts.loki.values.singleBinary.resources.requests).toEqual({ cpu: "100m", memory: "256Mi" });
    });

    test("a namespace reference flows into every release and URL", () => {
      const { stack } = testStack();
      const ns = new NamespaceV1(stack, "Ns", { metadata: { name: "observability" } });
      const observability = new ObservabilityStack(stack, "Observability", { namespace: ns.metadata.name });
      const charts = releasesByChart(synthJson(stack));
      const ref = "${kubernetes_namespace_v1.Ns.metadata[0].name}";
      for (const { release } of Object.values(charts)) expect(release.namespace).toBe(ref);
      expect(charts.alloy.values.alloy.configMap.content).toContain(`http://loki-gateway.${ref}.svc.cluster.local/loki/api/v1/push`);
      expect(Token.isUnresolved(observability.lokiWorkloadIdentitySubject)).toBe(true);
    });
  });

  describe("no plaintext credential in any Helm values", () => {
    const { charts } = synth({
      ...HA,
      grafanaAdmin: { secretName: "grafana-admin", secretProviderClass: "omega-grafana" },
      criticalReceiver: AlertReceiver.pagerDuty("oncall", { routingKeySecret: { secretName: "alert-receivers", key: "pagerduty" } }),
      warningReceiver: AlertReceiver.webhook("chat", { urlSecret: { secretName: "alert-receivers", key: "chat" } }),
    });
    // Keys that would hold a credential's value; `existingSecret` holds a Secret's name.
    const CREDENTIAL_KEY =
      /^(adminpassword|password|passwd|secret|token|bearer_token|api_key|apikey|accountkey|account_key|connectionstring|connection_string|secretaccesskey|secret_access_key|routing_key|service_key|api_url|webhook_url|url|client_secret|basicauthpassword)$/i;

    function credentialValues(value: unknown, path: string, found: string[], inReceivers: boolean): void {
      if (Array.isArray(value)) value.forEach((v, i) => credentialValues(v, `${path}[${i}]`, found, inReceivers));
      else if (value !== null && typeof value === "object") {
        for (const [key, v] of Object.entries(value)) {
          const receivers = inReceivers || key === "receivers";
          // Datasource URLs are addresses, not credentials; inside receivers a URL is a credential.
          const credential = CREDENTIAL_KEY.test(key) && (key.toLowerCase() !== "url" || receivers);
          if (credential && typeof v === "string" && v !== "") found.push(`${path}.${key}`);
          credentialValues(v, `${path}.${key}`, found, receivers);
        }
      }
    }

    test("no key in any release's values holds a password, key, token or webhook URL", () => {
      const found: string[] = [];
      for (const [chart, { values }] of Object.entries(charts)) credentialValues(values, chart, found, false);
      expect(found).toEqual([]);
    });

    test("credentials are references: Secret names, keys and mounted files", () => {
      const kps = charts["kube-prometheus-stack"].values;
      expect(kps.grafana.admin.existingSecret).toBe("grafana-admin");
      expect(JSON.stringify(kps.alertmanager.config.receivers)).not.toMatch(/"(url|routing_key|api_url|webhook_url)"/);
      expect(charts.loki.values.loki.storage.azure).toEqual({ accountName: "omegalogs01", useFederatedToken: true });
    });

    test("the walk finds a credential when there is one", () => {
      const found: string[] = [];
      credentialValues({ grafana: { adminPassword: "hunter2" }, config: { receivers: [{ webhook_configs: [{ url: "https://x" }] }] } }, "v", found, false);
      expect(found).toEqual(["v.grafana.adminPassword", "v.config.receivers[0].webhook_configs[0].url"]);
    });
  });

  describe("per tier", () => {
    // The mapping the workloads stacks use from a tier's observability spec (see the wiring in stacks/).
    function fromTier(spec: ObservabilitySpec, profile: ObservabilityProfile, logStorage?: LokiBlobStorage): Partial<ObservabilityStackProps> {
      return {
        profile,
        prometheusReplicas: spec.metrics.prometheusReplicas,
        metricsRetentionDays: spec.metrics.retentionDays,
        prometheusStorageGiB: spec.metrics.storageGiB,
        alertmanagerReplicas: spec.metrics.alertmanagerReplicas,
        alertmanagerStorageGiB: spec.metrics.alertmanagerStorageGiB,
        grafanaStorageGiB: spec.grafana.storageGiB,
        logsMode: spec.logs.topology === LogStoreTopology.DISTRIBUTED ? LokiDeploymentMode.DISTRIBUTED : LokiDeploymentMode.MONOLITHIC,
        logsReplicas: spec.logs.replicas,
        logsRetentionDays: spec.logs.retentionDays,
        logsArchiveDays: spec.logs.archiveDays,
        logsStorageGiB: spec.logs.storageGiB,
        logStorage,
        tracesRetentionDays: spec.traces.retentionDays,
        tracesStorageGiB: spec.traces.storageGiB,
      };
    }
    const tiers = {
      dev: synth(fromTier(DEV_TIER.observability!, ObservabilityProfile.LIGHT)),
      smallProd: synth(fromTier(SMALL_PROD_TIER.observability!, ObservabilityProfile.STANDARD, BLOB)),
      enterprise: synth(fromTier(ENTERPRISE_TIER.observability!, ObservabilityProfile.HIGHLY_AVAILABLE, BLOB)),
    };
    const summary = ({ charts, observability }: ReturnType<typeof synth>) => {
      const kps = charts["kube-prometheus-stack"].values;
      const loki = charts.loki.values;
      return {
        prometheus: kps.prometheus.prometheusSpec.replicas,
        metricsRetention: kps.prometheus.prometheusSpec.retention,
        prometheusVolume: kps.prometheus.prometheusSpec.storageSpec?.volumeClaimTemplate.spec.resources.requests.storage ?? null,
        alertmanager: kps.alertmanager.alertmanagerSpec.replicas,
        lokiMode: loki.deploymentMode,
        lokiStorage: loki.loki.storage.type,
        logsQueryable: loki.loki.limits_config.max_query_lookback,
        lokiDeletesAfter: loki.loki.limits_config.retention_period ?? null,
        tracesRetention: charts.tempo.values.tempo.retention,
        logsKeptDays: observability.logsArchiveDays,
      };
    };

    test("dev: light, one of each, nothing persisted, Loki on the filesystem", () => {
      expect(summary(tiers.dev)).toEqual({
        prometheus: 1,
        metricsRetention: "2d",
        prometheusVolume: null,
        alertmanager: 1,
        lokiMode: "Monolithic",
        lokiStorage: "filesystem",
        logsQueryable: "72h",
        lokiDeletesAfter: "72h",
        tracesRetention: "24h",
        logsKeptDays: 3,
      });
      expect(tiers.dev.charts.loki.values.singleBinary.persistence).toEqual({ enabled: false });
    });

    test("small-prod: a single Prometheus on a persistent volume; logs 30 days queryable, a year archived", () => {
      expect(summary(tiers.smallProd)).toEqual({
        prometheus: 1,
        metricsRetention: "15d",
        prometheusVolume: "50Gi",
        alertmanager: 1,
        lokiMode: "Monolithic",
        lokiStorage: "azure",
        logsQueryable: "720h",
        lokiDeletesAfter: null,
        tracesRetention: "168h",
        logsKeptDays: 365,
      });
    });

    test("enterprise: two Prometheus, three Alertmanager, Loki distributed", () => {
      expect(summary(tiers.enterprise)).toEqual({
        prometheus: 2,
        metricsRetention: "30d",
        prometheusVolume: "200Gi",
        alertmanager: 3,
        lokiMode: "Distributed",
        lokiStorage: "azure",
        logsQueryable: "720h",
        lokiDeletesAfter: null,
        tracesRetention: "336h",
        logsKeptDays: 365,
      });
    });
  });

  describe("validation", () => {
    test("fails on a retention of zero days", () => {
      expect(build({ metricsRetentionDays: 0 })).toThrow("test/Observability: invalid metricsRetentionDays 0: expected an integer from 1 to 3650");
    });

    test("fails on a negative log retention", () => {
      expect(build({ logsRetentionDays: -1 })).toThrow("test/Observability: invalid logsRetentionDays -1: expected an integer from 1 to 3650");
    });

    test("fails on a trace retention of zero days", () => {
      expect(build({ tracesRetentionDays: 0 })).toThrow("test/Observability: invalid tracesRetentionDays 0: expected an integer from 1 to 3650");
    });

    test("fails on zero Prometheus replicas", () => {
      expect(build({ prometheusReplicas: 0 })).toThrow("test/Observability: invalid prometheusReplicas 0: expected an integer from 1 to 10");
    });

    test("fails on a single Prometheus in the highly available profile", () => {
      expect(build({ ...HA, prometheusReplicas: 1 })).toThrow(
        "test/Observability: invalid prometheusReplicas 1: expected at least 2 for the highly available profile",
      );
    });

    test("fails on fewer than three Alertmanagers in the highly available profile", () => {
      expect(build({ ...HA, alertmanagerReplicas: 2 })).toThrow(
        "test/Observability: invalid alertmanagerReplicas 2: expected at least 3 for the highly available profile",
      );
    });

    test("fails on zero Loki replicas in the highly available profile", () => {
      expect(build({ ...HA, logsReplicas: 0 })).toThrow("test/Observability: invalid logsReplicas 0: expected an integer from 1 to 100");
    });

    test("fails on a single Loki replica in the highly available profile", () => {
      expect(build({ ...HA, logsReplicas: 1 })).toThrow("test/Observability: invalid logsReplicas 1: expected at least 2 for the highly available profile");
    });

    test("fails on a replica count only known at apply time", () => {
      expect(build({ prometheusReplicas: Token.asNumber("${var.replicas}") })).toThrow(
        /^test\/Observability: invalid prometheusReplicas .*: expected a number known at synthesis \(it is rendered into Helm values\)$/,
      );
    });

    test.each([["^18.11.0"], ["18.x"], ["v18.11.0"], ["latest"], ["18.11"], [""]])("fails on chart version %j", (version) => {
      expect(build({ charts: { loki: { ...LOKI_CHART, version } } })).toThrow(
        `test/Observability: invalid charts.loki.version ${JSON.stringify(version)}: expected an exact SemVer version such as 88.5.3 (no ranges, wildcards, "v" prefix or latest)`,
      );
    });

    test("accepts a pre-release chart version", () => {
      expect(build({ charts: { loki: { ...LOKI_CHART, version: "19.0.0-rc.1" } } })).not.toThrow();
    });

    test("fails on a plain-http chart repository", () => {
      expect(build({ charts: { tempo: { chart: "tempo", repository: "http://charts.example.com", version: "2.2.4" } } })).toThrow(
        'test/Observability: invalid charts.tempo.repository "http://charts.example.com": expected an https:// or oci:// repository URL',
      );
    });

    test("fails on an error-rate threshold above 100%", () => {
      expect(build({ alertThresholds: { ...SEED_ALERT_THRESHOLDS, criticalErrorRatePercent: 101 } })).toThrow(
        "test/Observability: invalid alertThresholds.criticalErrorRatePercent 101: expected a percentage above 0 and below 100",
      );
    });

    test("fails on a memory threshold of 0%", () => {
      expect(build({ alertThresholds: { ...SEED_ALERT_THRESHOLDS, warningMemoryPercent: 0 } })).toThrow(
        "test/Observability: invalid alertThresholds.warningMemoryPercent 0: expected a percentage above 0 and below 100",
      );
    });

    test("fails on a disk threshold of 100%", () => {
      expect(build({ alertThresholds: { ...SEED_ALERT_THRESHOLDS, criticalDiskFreePercent: 100 } })).toThrow(
        "test/Observability: invalid alertThresholds.criticalDiskFreePercent 100: expected a percentage above 0 and below 100",
      );
    });

    test("fails on a warning error rate above the critical one", () => {
      expect(build({ alertThresholds: { ...SEED_ALERT_THRESHOLDS, warningErrorRatePercent: 2 } })).toThrow(
        "test/Observability: invalid alertThresholds.warningErrorRatePercent 2: expected at most alertThresholds.criticalErrorRatePercent (1)",
      );
    });

    test("fails on a warning latency above the critical one", () => {
      expect(build({ alertThresholds: { ...SEED_ALERT_THRESHOLDS, warningLatencyP95Ms: 600 } })).toThrow(
        "test/Observability: invalid alertThresholds.warningLatencyP95Ms 600: expected at most alertThresholds.criticalLatencyP95Ms (500)",
      );
    });

    test("fails on a negative slow-query threshold", () => {
      expect(build({ alertThresholds: { ...SEED_ALERT_THRESHOLDS, warningSlowQuerySeconds: -5 } })).toThrow(
        "test/Observability: invalid alertThresholds.warningSlowQuerySeconds -5: expected a positive number",
      );
    });

    test("fails on Distributed Loki without object storage", () => {
      expect(build({ logsMode: LokiDeploymentMode.DISTRIBUTED })).toThrow(
        'test/Observability: invalid logsMode "Distributed": expected logStorage with Distributed mode: its components share chunks through object storage',
      );
    });

    test("fails on two Loki replicas without object storage", () => {
      expect(build({ logsReplicas: 2 })).toThrow(
        "test/Observability: invalid logsReplicas 2: expected 1 without logStorage: replicas on their own disks would each hold a part of the logs",
      );
    });

    test("fails on archiving without object storage", () => {
      expect(build({ logsArchiveDays: 365 })).toThrow("test/Observability: invalid logsArchiveDays 365: expected logStorage to archive logs past logsRetentionDays");
    });

    test("fails on keeping logs for less time than they are queryable", () => {
      expect(build({ logStorage: BLOB, logsRetentionDays: 30, logsArchiveDays: 7 })).toThrow(
        "test/Observability: invalid logsRetentionDays 30: expected at most logsArchiveDays (7)",
      );
    });

    test("fails on a storage account name with capitals", () => {
      expect(build({ logStorage: { ...BLOB, storageAccountName: "OmegaLogs" } })).toThrow(
        'test/Observability: invalid logStorage.storageAccountName "OmegaLogs": expected 3-24 lowercase letters and digits (a storage account name)',
      );
    });

    test("fails on a container name with a double hyphen", () => {
      expect(build({ logStorage: { ...BLOB, containerName: "loki--chunks" } })).toThrow(
        'test/Observability: invalid logStorage.containerName "loki--chunks": expected 3-63 lowercase letters, digits or single hyphens, starting and ending with a letter or digit',
      );
    });

    test("fails on a client id that is not a GUID", () => {
      expect(build({ logStorage: { ...BLOB, workloadIdentityClientId: "loki" } })).toThrow(
        'test/Observability: invalid logStorage.workloadIdentityClientId "loki": expected a client id (GUID)',
      );
    });

    test("fails on a namespace that is not a DNS label", () => {
      expect(build({ namespace: "Observability" })).toThrow(
        'test/Observability: invalid namespace "Observability": expected a DNS-1123 label: 1-63 lowercase letters, digits or hyphens, alphanumeric at both ends',
      );
    });

    test("fails on an unknown profile", () => {
      expect(build({ profile: "huge" as ObservabilityProfile })).toThrow(
        'test/Observability: invalid profile "huge": expected one of "light", "standard", "highly-available"',
      );
    });

    test("fails on an unknown Loki mode", () => {
      expect(build({ logsMode: "SimpleScalable" as LokiDeploymentMode })).toThrow(
        'test/Observability: invalid logsMode "SimpleScalable": expected one of "Monolithic", "Distributed"',
      );
    });

    test("fails on no monitored namespace", () => {
      expect(build({ monitoredNamespaces: [] })).toThrow("test/Observability: invalid monitoredNamespaces []: expected at least one namespace");
    });

    test("fails on a metrics port name longer than 15 characters", () => {
      expect(build({ metricsPortName: "prometheus-metrics" })).toThrow(
        'test/Observability: invalid metricsPortName "prometheus-metrics": expected an IANA service name: 1-15 lowercase letters, digits or hyphens',
      );
    });

    test("fails on a receiver named null", () => {
      expect(build({ criticalReceiver: AlertReceiver.none("null") })).toThrow(
        'test/Observability: invalid criticalReceiver.name "null": expected a non-empty name other than "null" (the receiver that drops alerts)',
      );
    });

    test("fails on two different receivers with one name", () => {
      expect(build({ criticalReceiver: AlertReceiver.none("alerts"), warningReceiver: AlertReceiver.none("alerts") })).toThrow(
        'test/Observability: invalid warningReceiver.name "alerts": expected a name other than criticalReceiver\'s, or the same receiver for both',
      );
    });

    test("fails on a receiver Secret key with a space", () => {
      const receiver = AlertReceiver.pagerDuty("pager", { routingKeySecret: { secretName: "pager", key: "routing key" } });
      expect(build({ warningReceiver: receiver })).toThrow(
        "test/Observability: invalid warningReceiver.key \"routing key\": expected a Secret key of letters, digits, '-', '_' or '.'",
      );
    });

    test("fails on a receiver Secret name with capitals", () => {
      const receiver = AlertReceiver.webhook("hook", { urlSecret: { secretName: "Hooks", key: "url" } });
      expect(build({ criticalReceiver: receiver })).toThrow(
        'test/Observability: invalid criticalReceiver.secretName "Hooks": expected a Kubernetes Secret name (lowercase DNS subdomain)',
      );
    });

    test("fails on a Grafana admin Secret name with an underscore", () => {
      expect(build({ grafanaAdmin: { secretName: "grafana_admin" } })).toThrow(
        'test/Observability: invalid grafanaAdmin.secretName "grafana_admin": expected a Kubernetes Secret name (lowercase DNS subdomain)',
      );
    });

    test("fails on a Grafana admin key with a slash", () => {
      expect(build({ grafanaAdmin: { secretName: "grafana-admin", passwordKey: "admin/password" } })).toThrow(
        "test/Observability: invalid grafanaAdmin.passwordKey \"admin/password\": expected a Secret key of letters, digits, '-', '_' or '.'",
      );
    });

    test("fails on requests above limits", () => {
      expect(
        build({ resources: { [ObservabilityComponent.GRAFANA]: { requests: { cpuMillis: 500, memoryMiB: 256 }, limits: { cpuMillis: 100, memoryMiB: 256 } } } }),
      ).toThrow("test/Observability: invalid resources.grafana.requests.cpuMillis 500: expected at most resources.grafana.limits.cpuMillis (100)");
    });

    test("fails on a zero memory request", () => {
      expect(
        build({ resources: { [ObservabilityComponent.LOKI]: { requests: { cpuMillis: 100, memoryMiB: 0 }, limits: { cpuMillis: 100, memoryMiB: 256 } } } }),
      ).toThrow("test/Observability: invalid resources.loki.requests.memoryMiB 0: expected an integer from 1 to 4194304");
    });
  });
});

describe("ObservabilityStack's layout", () => {
  test("keeps its releases at the Terraform addresses they had before the split into one file per chart", () => {
    // The addresses the dev and small-prod stacks' releases had in one file; moving them would replace them.
    const { stack } = testStack();
    new ObservabilityStack(stack, "Observability", { namespace: "observability" });
    const addresses = Object.keys(synthJson(stack).resource?.helm_release ?? {}).sort();
    expect(addresses).toEqual(["Observability_LogShipper_6310B591", "Observability_Logs_60E6D0A3", "Observability_Metrics_DB357985", "Observability_Traces_7F328B71"]);
  });

  test("is split into files of at most 300 lines", () => {
    const dir = join(__dirname, "../../constructs");
    const files = readdirSync(dir).filter((f) => f.startsWith("observability-") && f.endsWith(".ts"));
    expect(files.length).toBeGreaterThanOrEqual(8);
    const long = files.filter((f) => readFileSync(join(dir, f), "utf8").split("\n").length > 300);
    expect(long).toEqual([]);
  });
});
