/**
 * Grafana's datasources beside the two the chart's sidecar provisions (Prometheus, uid
 * "prometheus", and Alertmanager): Loki, and Tempo linked to both, so a trace opens its logs and
 * its metrics.
 */
export function grafanaDatasources(lokiUrl: string, tempoUrl: string): object[] {
  return [
    { name: "Loki", type: "loki", uid: "loki", access: "proxy", url: lokiUrl, editable: false, jsonData: { maxLines: 1000 } },
    {
      name: "Tempo",
      type: "tempo",
      uid: "tempo",
      access: "proxy",
      url: tempoUrl,
      editable: false,
      jsonData: {
        tracesToLogsV2: { datasourceUid: "loki" },
        tracesToMetrics: { datasourceUid: "prometheus" },
        serviceMap: { datasourceUid: "prometheus" },
        nodeGraph: { enabled: true },
        lokiSearch: { datasourceUid: "loki" },
      },
    },
  ];
}
