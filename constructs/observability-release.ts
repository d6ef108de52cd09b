import { Release, ReleaseConfig } from "../providers/helm/release";
import { ALLOY_CHART, KUBE_PROMETHEUS_STACK_CHART, LOKI_CHART, PinnedChart, TEMPO_CHART, pinnedReleaseConfig } from "./pinned-chart";

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

/** What every release of the observability stack is given. */
export interface ObservabilityReleaseOptions {
  /** Namespace of the release. */
  readonly namespace: string;
  readonly chart: PinnedChart;
  /**
   * kube-prometheus-stack's release: the other charts' ServiceMonitors need the CRDs it installs.
   * @default - none: this is that release
   */
  readonly after?: Release;
}

export const WORKLOAD_IDENTITY_CLIENT_ID = "azure.workload.identity/client-id";
export const WORKLOAD_IDENTITY_USE = "azure.workload.identity/use";

/** A pinned release of one of the stack's charts. */
export function observabilityReleaseConfig(name: string, options: ObservabilityReleaseOptions, values: object, timeoutSeconds: number): ReleaseConfig {
  return {
    name,
    namespace: options.namespace,
    ...pinnedReleaseConfig(options.chart, values),
    timeout: timeoutSeconds,
    dependsOn: options.after ? [options.after] : undefined,
  };
}

/** In-cluster DNS name of a Service of the stack. */
export function serviceHost(name: string, namespace: string): string {
  return `${name}.${namespace}.svc.cluster.local`;
}
