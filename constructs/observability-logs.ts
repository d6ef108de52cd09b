import { Construct, IConstruct } from "constructs";
import { Release } from "../providers/helm/release";
import { checkOneOf, checkOrdered, isUnresolved } from "./checks";
import { ObservabilityComponent, ResourceTable, checkHelmCount, quantities } from "./observability-resources";
import { ObservabilityReleaseOptions, WORKLOAD_IDENTITY_CLIENT_ID, WORKLOAD_IDENTITY_USE, observabilityReleaseConfig } from "./observability-release";
import { ValidationError } from "./validation-error";

/** Loki's deployment modes, as the chart spells them (SimpleScalable is deprecated upstream). */
export enum LokiDeploymentMode {
  MONOLITHIC = "Monolithic",
  DISTRIBUTED = "Distributed",
}

/**
 * Azure Blob storage for Loki's chunks and index, reached through workload identity. The identity
 * needs "Storage Blob Data Contributor" on the container and a federated credential for
 * `ObservabilityStack.lokiWorkloadIdentitySubject`.
 */
export interface LokiBlobStorage {
  /** Storage account name (3-24 lowercase letters and digits), not its resource id. */
  readonly storageAccountName: string;
  /** Blob container for chunks and index. */
  readonly containerName: string;
  /** Client id of the user-assigned managed identity Loki signs in as. */
  readonly workloadIdentityClientId: string;
}

/** How Loki runs, how long it keeps logs and where. */
export interface ObservabilityLogsOptions {
  /**
   * @default LokiDeploymentMode.MONOLITHIC
   */
  readonly logsMode?: LokiDeploymentMode;
  /**
   * Replicas of the single binary (Monolithic) or of each component but the compactor (Distributed).
   * @default 1
   */
  readonly logsReplicas?: number;
  /**
   * Days logs stay queryable (seed 001: "30 days hot").
   * @default 30
   */
  readonly logsRetentionDays?: number;
  /**
   * Days logs are kept in all (seed 001: "1 year archived"). Past `logsRetentionDays` Loki no
   * longer queries them and leaves them to the storage account's lifecycle rule, which must move
   * the container's blobs to the archive tier no sooner than `logsRetentionDays` and delete them
   * at this age. Needs `logStorage`.
   * @default - logsRetentionDays: Loki deletes logs itself when they leave the query window
   */
  readonly logsArchiveDays?: number;
  /**
   * Persistent volume per Loki pod that keeps data on disk (single binary, ingesters), GiB.
   * @default 10
   */
  readonly logsStorageGiB?: number;
  /**
   * Object storage for Loki; required for Distributed mode and for more than one replica.
   * @default - the Loki pod's own disk
   */
  readonly logStorage?: LokiBlobStorage;
}

/** Release name; the gateway Service is `<release>-gateway`. */
export const LOKI_RELEASE = "loki";
export const LOKI_SERVICE_ACCOUNT = "loki";
// Any date before the first deployment; changing it later needs a new schema period, not an edit.
const LOKI_SCHEMA_FROM = "2024-04-01";

const STORAGE_ACCOUNT = /^[a-z0-9]{3,24}$/;
const BLOB_CONTAINER = /^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export interface LogsReleaseProps extends ObservabilityReleaseOptions {
  readonly resources: ResourceTable;
  /** Two gateways instead of one. */
  readonly ha: boolean;
  readonly logsMode: LokiDeploymentMode;
  /** Replicas of the single binary, or of each component but the compactor. */
  readonly logsReplicas: number;
  /** Days logs stay queryable. */
  readonly logsRetentionDays: number;
  /** Days logs are kept in all; past `logsRetentionDays` the storage account's lifecycle rule deletes them. */
  readonly logsArchiveDays: number;
  /** Persistent volume per pod that keeps data on disk, GiB; 0 for none. */
  readonly logsStorageGiB: number;
  /** @default - the cluster's default class */
  readonly storageClassName?: string;
  /** @default - the pod's own disk */
  readonly logStorage?: LokiBlobStorage;
}

/** Loki, monolithic or distributed, on its own disk or on Azure Blob storage through workload identity. */
export class LogsRelease extends Release {
  constructor(scope: Construct, id: string, props: LogsReleaseProps) {
    super(scope, id, observabilityReleaseConfig(LOKI_RELEASE, props, logsValues(props), 900));
  }
}

/** The logs options, defaults resolved, as far as they are known at synthesis; errors name `scope`. */
export function checkLogsOptions(
  scope: IConstruct,
  o: Pick<LogsReleaseProps, "logsMode" | "logsReplicas" | "logsRetentionDays" | "logsArchiveDays" | "logsStorageGiB" | "logStorage">,
): void {
  checkHelmCount(scope, "logsReplicas", o.logsReplicas, 1, 100);
  checkHelmCount(scope, "logsRetentionDays", o.logsRetentionDays, 1, 3650);
  checkHelmCount(scope, "logsArchiveDays", o.logsArchiveDays, 1, 3650);
  checkOrdered(scope, "logsRetentionDays", o.logsRetentionDays, "logsArchiveDays", o.logsArchiveDays);
  checkHelmCount(scope, "logsStorageGiB", o.logsStorageGiB, 0, 65536);
  checkOneOf(scope, "logsMode", o.logsMode, Object.values(LokiDeploymentMode));
  if (o.logStorage) {
    checkLokiBlobStorage(scope, o.logStorage);
    return;
  }
  if (o.logsMode === LokiDeploymentMode.DISTRIBUTED) {
    throw new ValidationError(scope, "logsMode", o.logsMode, "expected logStorage with Distributed mode: its components share chunks through object storage");
  }
  if (o.logsReplicas > 1) {
    throw new ValidationError(scope, "logsReplicas", o.logsReplicas, "expected 1 without logStorage: replicas on their own disks would each hold a part of the logs");
  }
  if (o.logsArchiveDays > o.logsRetentionDays) {
    throw new ValidationError(scope, "logsArchiveDays", o.logsArchiveDays, "expected logStorage to archive logs past logsRetentionDays");
  }
}

/** A storage account, container and client id Loki can use, as far as they are known at synthesis. */
function checkLokiBlobStorage(scope: IConstruct, blob: LokiBlobStorage): void {
  if (!isUnresolved(blob.storageAccountName) && !STORAGE_ACCOUNT.test(blob.storageAccountName)) {
    throw new ValidationError(scope, "logStorage.storageAccountName", blob.storageAccountName, "expected 3-24 lowercase letters and digits (a storage account name)");
  }
  if (!isUnresolved(blob.containerName) && !BLOB_CONTAINER.test(blob.containerName)) {
    throw new ValidationError(
      scope,
      "logStorage.containerName",
      blob.containerName,
      "expected 3-63 lowercase letters, digits or single hyphens, starting and ending with a letter or digit",
    );
  }
  if (!isUnresolved(blob.workloadIdentityClientId) && !GUID.test(blob.workloadIdentityClientId)) {
    throw new ValidationError(scope, "logStorage.workloadIdentityClientId", blob.workloadIdentityClientId, "expected a client id (GUID)");
  }
}

function logsValues(o: LogsReleaseProps): object {
  const r = o.resources;
  const blob = o.logStorage;
  const objectStore = blob ? "azure" : "filesystem";
  const distributed = o.logsMode === LokiDeploymentMode.DISTRIBUTED;
  const archived = blob !== undefined && o.logsArchiveDays > o.logsRetentionDays;
  const C = ObservabilityComponent;
  const component = (c: ObservabilityComponent, replicas: number) => ({ replicas, resources: quantities(r[c]) });
  const persisted = o.logsStorageGiB > 0;
  // Monolithic Loki caches in process; the memcached caches only pay off for the distributed queriers.
  const cache = (c: ObservabilityComponent) =>
    distributed
      ? {
          enabled: true,
          // Memcached's own allowance, under the container's memory with headroom for connections.
          allocatedMemory: Math.floor(r[c].limits.memoryMiB / 1.2),
          resources: quantities(r[c]),
        }
      : { enabled: false };
  return {
    deploymentMode: o.logsMode,
    loki: {
      auth_enabled: false,
      commonConfig: { replication_factor: Math.min(3, o.logsReplicas) },
      schemaConfig: {
        configs: [{ from: LOKI_SCHEMA_FROM, store: "tsdb", object_store: objectStore, schema: "v13", index: { prefix: "index_", period: "24h" } }],
      },
      storage: blob
        ? { type: "azure", bucketNames: { chunks: blob.containerName }, azure: { accountName: blob.storageAccountName, useFederatedToken: true } }
        : { type: "filesystem" },
      // Queries reach back `logsRetentionDays`. Archived logs are deleted by the storage account's
      // lifecycle rule, index and chunks alike: Loki's compactor would have to read archived
      // index files to apply retention, and the archive tier cannot be read without rehydration.
      limits_config: archived
        ? { max_query_lookback: `${o.logsRetentionDays * 24}h` }
        : { retention_period: `${o.logsRetentionDays * 24}h`, max_query_lookback: `${o.logsRetentionDays * 24}h` },
      compactor: archived ? { retention_enabled: false } : { retention_enabled: true, delete_request_store: objectStore },
      analytics: { reporting_enabled: false },
    },
    serviceAccount: {
      name: LOKI_SERVICE_ACCOUNT,
      annotations: blob ? { [WORKLOAD_IDENTITY_CLIENT_ID]: blob.workloadIdentityClientId } : undefined,
    },
    defaults: blob ? { podLabels: { [WORKLOAD_IDENTITY_USE]: "true" } } : undefined,
    singleBinary: distributed
      ? { replicas: 0 }
      : {
          ...component(C.LOKI, o.logsReplicas),
          persistence: persisted
            ? { enabled: true, size: `${o.logsStorageGiB}Gi`, storageClass: o.storageClassName }
            : { enabled: false },
        },
    // The chart's defaults give SimpleScalable 3 replicas each; neither supported mode uses them.
    write: { replicas: 0 },
    read: { replicas: 0 },
    backend: { replicas: 0 },
    ...(distributed
      ? {
          ingester: {
            ...component(C.LOKI_INGESTER, o.logsReplicas),
            persistence: persisted
              ? {
                  enabled: true,
                  claims: [{ name: "data", accessModes: ["ReadWriteOnce"], size: `${o.logsStorageGiB}Gi`, storageClass: o.storageClassName }],
                }
              : { enabled: false },
          },
          distributor: component(C.LOKI_DISTRIBUTOR, o.logsReplicas),
          querier: component(C.LOKI_QUERIER, o.logsReplicas),
          queryFrontend: component(C.LOKI_QUERY_FRONTEND, o.logsReplicas),
          queryScheduler: component(C.LOKI_QUERY_SCHEDULER, o.logsReplicas),
          indexGateway: component(C.LOKI_INDEX_GATEWAY, o.logsReplicas),
          // The compactor applies retention and must be alone.
          compactor: component(C.LOKI_COMPACTOR, 1),
        }
      : {}),
    chunksCache: cache(C.LOKI_CHUNKS_CACHE),
    resultsCache: cache(C.LOKI_RESULTS_CACHE),
    memcachedExporter: { resources: quantities(r[C.LOKI_CACHE_EXPORTER]) },
    gateway: component(C.LOKI_GATEWAY, o.ha ? 2 : 1),
    // Alerting comes from Prometheus; the ruler, its sidecar, the canary and the Helm test are off.
    ruler: { enabled: false },
    sidecar: { rules: { enabled: false } },
    lokiCanary: { enabled: false },
    test: { enabled: false },
    monitoring: { serviceMonitor: { enabled: true } },
  };
}
