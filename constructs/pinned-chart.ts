import { IConstruct } from "constructs";
import { isUnresolved } from "./checks";
import { ValidationError } from "./validation-error";

/** A Helm chart at an exact version: never a range, never "latest". */
export interface PinnedChart {
  /** Chart name in its repository. */
  readonly chart: string;
  /** HTTPS chart repository URL, or an `oci://` registry path. */
  readonly repository: string;
  /** Exact SemVer 2 version, e.g. `88.5.3` (ranges such as `^88` or `88.x` are refused). */
  readonly version: string;
}

/**
 * How every release of a pinned chart is installed: the exact chart, values as indented JSON (JSON
 * is YAML; a change then shows as changed lines in a plan rather than one long string), atomic
 * (a failed install or upgrade rolls back rather than leave a half-configured release), cleaned up
 * on failure, ten revisions of history.
 */
export function pinnedReleaseConfig(chart: PinnedChart, values: object) {
  return {
    chart: chart.chart,
    repository: chart.repository,
    version: chart.version,
    values: [JSON.stringify(values, null, 2)],
    atomic: true,
    cleanupOnFail: true,
    maxHistory: 10,
  };
}

/**
 * The charts of the observability stack, as read in 2026 (the values this library sets were
 * checked against each chart's own values.yaml at that version). Grafana, Loki and Tempo moved to the
 * `grafana-community` repository in 2026; Alloy stayed in `grafana`.
 */
export const KUBE_PROMETHEUS_STACK_CHART: PinnedChart = {
  chart: "kube-prometheus-stack",
  repository: "https://prometheus-community.github.io/helm-charts",
  version: "88.5.3",
};

/**
 * Grafana runs as kube-prometheus-stack's subchart; 88.5.3 pins it to exactly this version in its
 * Chart.yaml, so it needs no release of its own. Recorded here for the values it is checked against.
 */
export const GRAFANA_SUBCHART: PinnedChart = {
  chart: "grafana",
  repository: "https://grafana-community.github.io/helm-charts",
  version: "12.11.1",
};

export const LOKI_CHART: PinnedChart = {
  chart: "loki",
  repository: "https://grafana-community.github.io/helm-charts",
  version: "18.11.0",
};

/** Tempo in one binary. tempo-distributed 3.x (Tempo 3.0) needs Kafka between its components, which the platform does not run. */
export const TEMPO_CHART: PinnedChart = {
  chart: "tempo",
  repository: "https://grafana-community.github.io/helm-charts",
  version: "2.2.4",
};

/** Grafana Alloy, the log shipper on every node (Promtail reached end of life in March 2026). */
export const ALLOY_CHART: PinnedChart = {
  chart: "alloy",
  repository: "https://grafana.github.io/helm-charts",
  version: "1.11.1",
};

// SemVer 2.0.0's own grammar (no leading zeros), without the optional "v" Helm tolerates.
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-((0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(\.(0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(\+[0-9a-zA-Z-]+(\.[0-9a-zA-Z-]+)*)?$/;
const CHART_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const REPOSITORY = /^(https:\/\/|oci:\/\/)[^\s]+$/;

/** Rejects a chart that is not pinned to an exact version from a secure repository. */
export function checkPinnedChart(scope: IConstruct, property: string, chart: PinnedChart): void {
  if (!isUnresolved(chart.chart) && !CHART_NAME.test(chart.chart)) {
    throw new ValidationError(scope, `${property}.chart`, chart.chart, "expected a chart name of lowercase letters, digits and hyphens");
  }
  if (!isUnresolved(chart.repository) && !REPOSITORY.test(chart.repository)) {
    throw new ValidationError(scope, `${property}.repository`, chart.repository, "expected an https:// or oci:// repository URL");
  }
  if (!isUnresolved(chart.version) && !SEMVER.test(chart.version)) {
    throw new ValidationError(
      scope,
      `${property}.version`,
      chart.version,
      "expected an exact SemVer version such as 88.5.3 (no ranges, wildcards, \"v\" prefix or latest)",
    );
  }
}
