import { Construct } from "constructs";
import { Release } from "../providers/helm/release";
import { ObservabilityComponent, ResourceTable, quantities } from "./observability-resources";
import { ObservabilityReleaseOptions, observabilityReleaseConfig } from "./observability-release";

/** Release name; the Service is named after it. */
export const TEMPO_RELEASE = "tempo";

/** How long Tempo keeps traces and on what. */
export interface ObservabilityTracesOptions {
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
}

export interface TracesReleaseProps extends ObservabilityReleaseOptions {
  readonly resources: ResourceTable;
  /** Days Tempo keeps traces. */
  readonly tracesRetentionDays: number;
  /** Persistent volume for blocks and the write-ahead log, GiB; 0 for an emptyDir. */
  readonly tracesStorageGiB: number;
  /** @default - the cluster's default class */
  readonly storageClassName?: string;
}

/** Tempo in one binary: services send it OTLP over gRPC (4317) or HTTP (4318); Grafana queries it on 3200. */
export class TracesRelease extends Release {
  constructor(scope: Construct, id: string, props: TracesReleaseProps) {
    super(scope, id, observabilityReleaseConfig(TEMPO_RELEASE, props, tracesValues(props), 600));
  }
}

function tracesValues(o: TracesReleaseProps): object {
  return {
    // Tempo's single binary keeps blocks on its own disk; a second replica would split them.
    replicas: 1,
    tempo: {
      resources: quantities(o.resources[ObservabilityComponent.TEMPO]),
      retention: `${o.tracesRetentionDays * 24}h`,
      reportingEnabled: false,
    },
    persistence:
      o.tracesStorageGiB > 0 ? { enabled: true, size: `${o.tracesStorageGiB}Gi`, storageClassName: o.storageClassName } : { enabled: false },
    serviceMonitor: { enabled: true },
  };
}
