import { IConstruct } from "constructs";
import { AlertReceiver } from "./alert-receiver";
import { AlertThresholds, PrometheusRuleGroup, ServiceMetrics } from "./alert-rules";
import { checkSecretKey, checkSecretName, isUnresolved } from "./checks";
import { ValidationError } from "./validation-error";

/** What fires and where it goes. */
export interface ObservabilityAlertingOptions {
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
}

/**
 * The alert rules as kube-prometheus-stack's `additionalPrometheusRulesMap`: a PrometheusRule as a
 * `kubernetes_manifest` would need its CRD at plan time, which a fresh cluster does not have;
 * through the release, Helm installs the CRDs before the objects.
 */
export function alertRulesMap(partOf: string, groups: readonly PrometheusRuleGroup[]): object {
  return { [partOf]: { groups } };
}

/** The receivers Alertmanager is configured with: one when both severities share it. */
export function distinctReceivers(critical: AlertReceiver, warning: AlertReceiver): AlertReceiver[] {
  return critical === warning ? [critical] : [critical, warning];
}

/** Secrets the receivers read their credentials from, for `alertmanagerSpec.secrets`. */
export function receiverSecretNames(critical: AlertReceiver, warning: AlertReceiver): string[] {
  return [...new Set(distinctReceivers(critical, warning).flatMap((rc) => rc.secretRefs.map((s) => s.secretName)))];
}

/**
 * Alertmanager's configuration: critical alerts paged quickly and repeated hourly, warnings grouped
 * longer and repeated every 4 hours, everything else kept but sent nowhere (`null`).
 */
export function alertmanagerConfig(critical: AlertReceiver, warning: AlertReceiver): object {
  return {
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
        { receiver: critical.name, matchers: ['severity = "critical"'], group_wait: "10s", group_interval: "1m", repeat_interval: "1h" },
        { receiver: warning.name, matchers: ['severity = "warning"'], group_wait: "1m", group_interval: "5m", repeat_interval: "4h" },
      ],
    },
    receivers: [{ name: "null" }, ...distinctReceivers(critical, warning).map((rc) => rc.toConfig())],
    templates: ["/etc/alertmanager/config/*.tmpl"],
  };
}

/** Receivers with names Alertmanager can route to, and Secret references it can mount. */
export function checkAlertReceivers(scope: IConstruct, critical: AlertReceiver, warning: AlertReceiver): void {
  for (const [property, receiver] of [["criticalReceiver", critical], ["warningReceiver", warning]] as const) {
    if (!isUnresolved(receiver.name) && (receiver.name.trim() === "" || receiver.name === "null")) {
      throw new ValidationError(scope, `${property}.name`, receiver.name, 'expected a non-empty name other than "null" (the receiver that drops alerts)');
    }
    for (const ref of receiver.secretRefs) {
      checkSecretName(scope, `${property}.secretName`, ref.secretName);
      checkSecretKey(scope, `${property}.key`, ref.key);
    }
  }
  if (critical !== warning && critical.name === warning.name) {
    throw new ValidationError(scope, "warningReceiver.name", warning.name, "expected a name other than criticalReceiver's, or the same receiver for both");
  }
}
