import { Construct } from "constructs";
import { SecretV1 } from "../providers/kubernetes/secret-v1";
import { ServiceV1 } from "../providers/kubernetes/service-v1";
import { StatefulSetV1 } from "../providers/kubernetes/stateful-set-v1";
import { checkDnsLabel, checkInteger, checkPinnedImage, checkPositive } from "./checks";
import {
  DATA_LAYER_NAMESPACE,
  DATA_LAYER_SECRET_KEYS,
  DataLayerConnection,
  IDataLayerConnectionProvider,
} from "./data-layer-contract";
import { ValidationError } from "./validation-error";
import { RESTRICTED_CONTAINER_SECURITY_CONTEXT, ResourceQuantities } from "./workload";
import { PART_OF_LABEL_KEY, PlatformNames } from "./platform-name";

/** Requests and limits of one in-cluster store. */
export interface StoreResources {
  readonly requests: ResourceQuantities;
  readonly limits: ResourceQuantities;
}

export interface LocalDataLayerProps {
  /**
   * @default "platform"
   */
  readonly namespace?: string;
  /**
   * MongoDB 7, pinned (dev tier: `mongo:7.0.16`).
   * @default "mongo:7.0.16"
   */
  readonly mongoImage?: string;
  /**
   * Redis 7, pinned (dev tier: `redis:7.4.2-alpine`).
   * @default "redis:7.4.2-alpine"
   */
  readonly redisImage?: string;
  /**
   * Size of MongoDB's volume, GiB.
   * @default 10
   */
  readonly mongoStorageGiB?: number;
  /**
   * Size of Redis's volume (append-only file), GiB.
   * @default 1
   */
  readonly redisStorageGiB?: number;
  /**
   * Storage class of both volumes.
   * @default - the cluster's default storage class
   */
  readonly storageClassName?: string;
  /**
   * @default { requests: { cpuMillis: 250, memoryMiB: 512 }, limits: { cpuMillis: 1000, memoryMiB: 1024 } }
   */
  readonly mongoResources?: StoreResources;
  /**
   * @default { requests: { cpuMillis: 100, memoryMiB: 128 }, limits: { cpuMillis: 500, memoryMiB: 256 } }
   */
  readonly redisResources?: StoreResources;
  /**
   * Database name in the connection string.
   * @default - the platform's name (`setPlatformName`), else the stack's id
   */
  readonly databaseName?: string;
  /**
   * The Secret the workloads read (the same name as the managed tiers').
   * @default - `<platform>-secrets` (`PlatformNames.dataSecretName`)
   */
  readonly secretName?: string;
}

/** Both official images run their server as the `mongodb`/`redis` user, uid and gid 999. */
const STORE_UID = "999";
const MONGO_PORT = 27017;
const REDIS_PORT = 6379;

/**
 * dev's stand-in for the managed data layer: MongoDB 7 and Redis 7 as single-replica StatefulSets
 * with persistent volumes, their Services, and a Secret with the same name and keys as the managed
 * tiers', so workloads do not care which tier they run in. A local cluster needs no passwords:
 * the connection strings carry none, and the namespace's NetworkPolicies keep other namespaces
 * out. Secure where the images allow: non-root (uid 999), read-only root filesystem, no privilege
 * escalation, all capabilities dropped, seccomp RuntimeDefault, requests and limits.
 */
export class LocalDataLayer extends Construct implements IDataLayerConnectionProvider {
  public readonly mongo: StatefulSetV1;
  public readonly redis: StatefulSetV1;
  public readonly mongoService: ServiceV1;
  public readonly redisService: ServiceV1;
  public readonly secret: SecretV1;
  public readonly namespace: string;
  public readonly connection: DataLayerConnection;
  /** In-cluster host names, `<service>.<namespace>.svc.cluster.local`. */
  public readonly mongoHost: string;
  public readonly redisHost: string;
  /** What the two stores ask of the namespace's quota (one pod each). */
  public readonly resources: { readonly mongo: StoreResources; readonly redis: StoreResources };

  constructor(scope: Construct, id: string, props: LocalDataLayerProps = {}) {
    super(scope, id);
    const namespace = props.namespace ?? DATA_LAYER_NAMESPACE;
    const mongoImage = props.mongoImage ?? "mongo:7.0.16";
    const redisImage = props.redisImage ?? "redis:7.4.2-alpine";
    const mongoStorage = props.mongoStorageGiB ?? 10;
    const redisStorage = props.redisStorageGiB ?? 1;
    const mongoResources = props.mongoResources ?? {
      requests: { cpuMillis: 250, memoryMiB: 512 },
      limits: { cpuMillis: 1000, memoryMiB: 1024 },
    };
    const redisResources = props.redisResources ?? {
      requests: { cpuMillis: 100, memoryMiB: 128 },
      limits: { cpuMillis: 500, memoryMiB: 256 },
    };
    const names = PlatformNames.of(this);
    const databaseName = props.databaseName ?? names.databaseName;
    const secretName = props.secretName ?? names.dataSecretName;

    checkDnsLabel(this, "namespace", namespace);
    checkPinnedImage(this, "mongoImage", mongoImage);
    checkPinnedImage(this, "redisImage", redisImage);
    checkInteger(this, "mongoStorageGiB", mongoStorage, 1, 65536);
    checkInteger(this, "redisStorageGiB", redisStorage, 1, 65536);
    this.checkResources("mongoResources", mongoResources);
    this.checkResources("redisResources", redisResources);
    if (!/^[A-Za-z0-9_-]{1,63}$/.test(databaseName)) {
      throw new ValidationError(this, "databaseName", databaseName, "expected 1-63 letters, digits, hyphens or underscores");
    }
    checkDnsLabel(this, "secretName", secretName);

    const store = (
      storeId: string,
      name: string,
      image: string,
      port: number,
      args: string[],
      dataPath: string,
      storageGiB: number,
      resources: StoreResources,
      scratch: readonly string[],
    ): { set: StatefulSetV1; service: ServiceV1 } => {
      const labels = { "app.kubernetes.io/name": name, "app.kubernetes.io/component": "data", [PART_OF_LABEL_KEY]: names.partOf };
      const selector = { "app.kubernetes.io/name": name };
      // Headless: the StatefulSet's governing Service, whose name resolves to the one pod.
      const service = new ServiceV1(this, `${storeId}Service`, {
        metadata: { name, namespace, labels },
        spec: { clusterIp: "None", selector, port: [{ name, port, targetPort: name, protocol: "TCP" }] },
      });
      const probe = { tcpSocket: [{ port: name }], periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 6 };
      const set = new StatefulSetV1(this, storeId, {
        metadata: { name, namespace, labels },
        // Waiting for readiness would hang `terraform apply` on a cluster without a default storage class.
        waitForRollout: false,
        spec: {
          serviceName: name,
          replicas: "1",
          selector: { matchLabels: selector },
          // Kept when the StatefulSet goes: dev data survives a redeploy; delete the claim to reset.
          persistentVolumeClaimRetentionPolicy: [{ whenDeleted: "Retain", whenScaled: "Retain" }],
          template: {
            metadata: { labels },
            spec: {
              automountServiceAccountToken: false,
              enableServiceLinks: false,
              terminationGracePeriodSeconds: 30,
              securityContext: {
                runAsNonRoot: true,
                runAsUser: STORE_UID,
                runAsGroup: STORE_UID,
                fsGroup: STORE_UID,
                seccompProfile: { type: "RuntimeDefault" },
              },
              container: [
                {
                  name,
                  image,
                  imagePullPolicy: "IfNotPresent",
                  args,
                  port: [{ name, containerPort: port, protocol: "TCP" }],
                  resources: {
                    requests: { cpu: `${resources.requests.cpuMillis}m`, memory: `${resources.requests.memoryMiB}Mi` },
                    limits: { cpu: `${resources.limits.cpuMillis}m`, memory: `${resources.limits.memoryMiB}Mi` },
                  },
                  livenessProbe: probe,
                  readinessProbe: { ...probe, periodSeconds: 5 },
                  securityContext: RESTRICTED_CONTAINER_SECURITY_CONTEXT,
                  volumeMount: [
                    { name: "data", mountPath: dataPath },
                    ...scratch.map((path, i) => ({ name: `scratch-${i}`, mountPath: path })),
                  ],
                },
              ],
              volume: scratch.map((_, i) => ({ name: `scratch-${i}`, emptyDir: {} })),
            },
          },
          volumeClaimTemplate: [
            {
              metadata: { name: "data" },
              spec: {
                accessModes: ["ReadWriteOnce"],
                storageClassName: props.storageClassName,
                resources: { requests: { storage: `${storageGiB}Gi` } },
              },
            },
          ],
        },
      });
      return { set, service };
    };

    // The image's entrypoint adds nothing when not root; bind to all interfaces so the Service reaches it.
    const mongo = store("Mongo", "mongodb", mongoImage, MONGO_PORT, ["mongod", "--bind_ip_all", "--dbpath", "/data/db"], "/data/db", mongoStorage, mongoResources, [
      "/tmp",
      "/data/configdb",
    ]);
    // No password on a local cluster, so protected mode (which refuses remote clients then) is off;
    // the append-only file keeps data across restarts.
    const redis = store(
      "Redis",
      "redis",
      redisImage,
      REDIS_PORT,
      ["redis-server", "--appendonly", "yes", "--dir", "/data", "--protected-mode", "no"],
      "/data",
      redisStorage,
      redisResources,
      ["/tmp"],
    );

    this.mongo = mongo.set;
    this.mongoService = mongo.service;
    this.redis = redis.set;
    this.redisService = redis.service;
    this.namespace = namespace;
    this.mongoHost = `mongodb.${namespace}.svc.cluster.local`;
    this.redisHost = `redis.${namespace}.svc.cluster.local`;

    this.secret = new SecretV1(this, "Secret", {
      metadata: { name: secretName, namespace, labels: { [PART_OF_LABEL_KEY]: names.partOf, "app.kubernetes.io/component": "data" } },
      type: "Opaque",
      data: {
        [DATA_LAYER_SECRET_KEYS.mongodbUri]: `mongodb://${this.mongoHost}:${MONGO_PORT}/${databaseName}`,
        [DATA_LAYER_SECRET_KEYS.redisUrl]: `redis://${this.redisHost}:${REDIS_PORT}/0`,
      },
    });

    this.connection = { secretName, keys: DATA_LAYER_SECRET_KEYS };
    this.resources = { mongo: mongoResources, redis: redisResources };
  }

  private checkResources(property: string, resources: StoreResources): void {
    checkPositive(this, `${property}.requests.cpuMillis`, resources.requests.cpuMillis);
    checkPositive(this, `${property}.requests.memoryMiB`, resources.requests.memoryMiB);
    checkPositive(this, `${property}.limits.cpuMillis`, resources.limits.cpuMillis);
    checkPositive(this, `${property}.limits.memoryMiB`, resources.limits.memoryMiB);
    for (const key of ["cpuMillis", "memoryMiB"] as const) {
      if (resources.limits[key] < resources.requests[key]) {
        throw new ValidationError(this, `${property}.limits.${key}`, resources.limits[key], `expected at least ${property}.requests.${key} (${resources.requests[key]})`);
      }
    }
  }
}
