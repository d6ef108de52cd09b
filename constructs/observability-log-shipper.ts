import { Construct } from "constructs";
import { Release } from "../providers/helm/release";
import { ObservabilityComponent, ResourceTable, quantities } from "./observability-resources";
import { ObservabilityReleaseOptions, observabilityReleaseConfig } from "./observability-release";

const LOG_SHIPPER_RELEASE = "alloy";

export interface LogShipperReleaseProps extends ObservabilityReleaseOptions {
  readonly resources: ResourceTable;
  /** Loki's push API, e.g. `http://loki-gateway.<ns>.svc.cluster.local/loki/api/v1/push`. */
  readonly lokiPushUrl: string;
}

/** Grafana Alloy on every node, spot and sandboxed pools included, shipping the pods' log files to Loki. */
export class LogShipperRelease extends Release {
  constructor(scope: Construct, id: string, props: LogShipperReleaseProps) {
    super(scope, id, observabilityReleaseConfig(LOG_SHIPPER_RELEASE, props, logShipperValues(props), 600));
  }
}

function logShipperValues(o: LogShipperReleaseProps): object {
  return {
    crds: { create: false },
    alloy: {
      configMap: { content: logShipperConfig(o.lokiPushUrl) },
      mounts: { varlog: true },
      resources: quantities(o.resources[ObservabilityComponent.LOG_SHIPPER]),
      enableReporting: false,
    },
    configReloader: { resources: quantities(o.resources[ObservabilityComponent.LOG_SHIPPER_RELOADER]) },
    // Every node, spot and sandboxed pools included, whatever their taints.
    controller: { type: "daemonset", tolerations: [{ operator: "Exists" }] },
    serviceMonitor: { enabled: true },
  };
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
