import { Construct } from "constructs";
import { PodDisruptionBudgetV1 } from "../providers/kubernetes/pod-disruption-budget-v1";
import { ServiceV1 } from "../providers/kubernetes/service-v1";
import { StatefulSetV1 } from "../providers/kubernetes/stateful-set-v1";
import { checkDnsLabel, checkInteger, checkPinnedImage, checkPositive } from "./checks";
import { ValidationError } from "./validation-error";
import { RESTRICTED_CONTAINER_SECURITY_CONTEXT, ResourceQuantities } from "./workload";

/** Kubo (go-ipfs) and ipfs-cluster images, pinned. */
export const IPFS_IMAGES = {
  kubo: "ipfs/kubo:v0.32.1",
  cluster: "ipfs/ipfs-cluster:v1.1.2",
} as const;

export interface IpfsClusterProps {
  /** Name of the StatefulSet and its Services: a DNS-1123 label. */
  readonly name: string;
  readonly namespace: string;
  /**
   * IPFS nodes, each with an ipfs-cluster peer in the same pod.
   * @default 3
   */
  readonly nodes?: number;
  /** Persistent volume of each node's IPFS repository. */
  readonly storageGiBPerNode: number;
  /**
   * @default "managed-csi-premium"
   */
  readonly storageClassName?: string;
  /**
   * Requests of each IPFS container (the cluster peer gets a quarter).
   * @default { cpuMillis: 250, memoryMiB: 512 }
   */
  readonly requests?: ResourceQuantities;
  /**
   * @default { cpuMillis: 1000, memoryMiB: 1024 }
   */
  readonly limits?: ResourceQuantities;
  /**
   * Kubernetes Secret holding the cluster's shared secret (key `cluster-secret`, 32 bytes hex),
   * synced from Key Vault so it never passes through Terraform.
   */
  readonly clusterSecretName: string;
  /**
   * The service account the pods run as.
   * @default - the StatefulSet's name, created elsewhere
   */
  readonly serviceAccountName?: string;
  /**
   * @default IPFS_IMAGES
   */
  readonly images?: { readonly kubo: string; readonly cluster: string };
  /**
   * @default true
   */
  readonly preventDestroy?: boolean;
}

/**
 * IPFS nodes with ipfs-cluster peers in CRDT consensus (seed 003's `ipfs-cluster-small` and the
 * storage templates), as a StatefulSet with one persistent volume per node, every pin replicated
 * on every peer, a load-balanced gateway Service (8080) and the cluster's REST API (9094), both
 * inside the cluster. Volumes outlive the StatefulSet (`whenDeleted: Retain`).
 */
export class IpfsCluster extends Construct {
  public readonly statefulSet: StatefulSetV1;
  public readonly gateway: ServiceV1;
  public readonly peers: ServiceV1;
  public readonly podDisruptionBudget?: PodDisruptionBudgetV1;
  public readonly nodes: number;
  public readonly storageGiBPerNode: number;
  public readonly requests: ResourceQuantities;
  public readonly limits: ResourceQuantities;
  public readonly gatewayHost: string;

  constructor(scope: Construct, id: string, props: IpfsClusterProps) {
    super(scope, id);
    const nodes = props.nodes ?? 3;
    const storageClass = props.storageClassName ?? "managed-csi-premium";
    const requests = props.requests ?? { cpuMillis: 250, memoryMiB: 512 };
    const limits = props.limits ?? { cpuMillis: 1000, memoryMiB: 1024 };
    const images = props.images ?? IPFS_IMAGES;
    const preventDestroy = props.preventDestroy ?? true;
    const serviceAccount = props.serviceAccountName ?? props.name;

    checkDnsLabel(this, "name", props.name);
    checkDnsLabel(this, "namespace", props.namespace);
    checkDnsLabel(this, "clusterSecretName", props.clusterSecretName);
    checkDnsLabel(this, "serviceAccountName", serviceAccount);
    checkInteger(this, "nodes", nodes, 1, 15);
    checkInteger(this, "storageGiBPerNode", props.storageGiBPerNode, 1, 32767);
    checkPinnedImage(this, "images.kubo", images.kubo);
    checkPinnedImage(this, "images.cluster", images.cluster);
    checkPositive(this, "requests.cpuMillis", requests.cpuMillis);
    checkPositive(this, "requests.memoryMiB", requests.memoryMiB);
    if (limits.cpuMillis < requests.cpuMillis || limits.memoryMiB < requests.memoryMiB) {
      throw new ValidationError(this, "limits", limits, "expected limits at least as large as requests");
    }

    const selector = { "app.kubernetes.io/name": props.name };
    const metadata = { name: props.name, namespace: props.namespace, labels: selector };
    const quarter = (q: ResourceQuantities) => ({ cpu: `${Math.ceil(q.cpuMillis / 4)}m`, memory: `${Math.ceil(q.memoryMiB / 4)}Mi` });
    const quantities = (q: ResourceQuantities) => ({ cpu: `${q.cpuMillis}m`, memory: `${q.memoryMiB}Mi` });

    this.peers = new ServiceV1(this, "Peers", {
      metadata: { ...metadata, name: `${props.name}-peers` },
      spec: {
        clusterIp: "None",
        publishNotReadyAddresses: true,
        selector,
        port: [
          { name: "swarm", port: 4001, targetPort: "swarm", protocol: "TCP" },
          { name: "cluster-swarm", port: 9096, targetPort: "cluster-swarm", protocol: "TCP" },
        ],
      },
    });

    this.statefulSet = new StatefulSetV1(this, "Resource", {
      metadata,
      waitForRollout: false,
      spec: {
        replicas: String(nodes),
        serviceName: `${props.name}-peers`,
        podManagementPolicy: "Parallel",
        selector: { matchLabels: selector },
        persistentVolumeClaimRetentionPolicy: [{ whenDeleted: "Retain", whenScaled: "Retain" }],
        template: {
          metadata: { labels: selector },
          spec: {
            serviceAccountName: serviceAccount,
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            securityContext: {
              runAsNonRoot: true,
              runAsUser: "1000",
              runAsGroup: "100",
              fsGroup: "100",
              seccompProfile: { type: "RuntimeDefault" },
            },
            topologySpreadConstraint: ["topology.kubernetes.io/zone", "kubernetes.io/hostname"].map((topologyKey) => ({
              maxSkew: 1,
              topologyKey,
              whenUnsatisfiable: "ScheduleAnyway",
              labelSelector: [{ matchLabels: selector }],
            })),
            container: [
              {
                name: "ipfs",
                image: images.kubo,
                imagePullPolicy: "IfNotPresent",
                env: [{ name: "IPFS_PROFILE", value: "server" }],
                port: [
                  { name: "swarm", containerPort: 4001, protocol: "TCP" },
                  { name: "api", containerPort: 5001, protocol: "TCP" },
                  { name: "gateway", containerPort: 8080, protocol: "TCP" },
                ],
                resources: { requests: quantities(requests), limits: quantities(limits) },
                livenessProbe: { tcpSocket: [{ port: "swarm" }], initialDelaySeconds: 30, periodSeconds: 15 },
                readinessProbe: { tcpSocket: [{ port: "gateway" }], periodSeconds: 10 },
                securityContext: RESTRICTED_CONTAINER_SECURITY_CONTEXT,
                volumeMount: [
                  { name: "ipfs-data", mountPath: "/data/ipfs" },
                  { name: "tmp", mountPath: "/tmp" },
                ],
              },
              {
                name: "ipfs-cluster",
                image: images.cluster,
                imagePullPolicy: "IfNotPresent",
                env: [
                  { name: "CLUSTER_CONSENSUS", value: "crdt" },
                  { name: "CLUSTER_CRDT_TRUSTEDPEERS", value: "*" },
                  // Every peer pins everything: "automatic replication" across the nodes.
                  { name: "CLUSTER_REPLICATIONFACTORMIN", value: "-1" },
                  { name: "CLUSTER_REPLICATIONFACTORMAX", value: "-1" },
                  { name: "CLUSTER_IPFSHTTP_NODEMULTIADDRESS", value: "/ip4/127.0.0.1/tcp/5001" },
                  { name: "CLUSTER_RESTAPI_HTTPLISTENMULTIADDRESS", value: "/ip4/0.0.0.0/tcp/9094" },
                  { name: "CLUSTER_MONITORPINGINTERVAL", value: "2s" },
                  { name: "CLUSTER_PEERNAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
                  { name: "CLUSTER_SECRET", valueFrom: { secretKeyRef: { name: props.clusterSecretName, key: "cluster-secret" } } },
                ],
                port: [
                  { name: "cluster-api", containerPort: 9094, protocol: "TCP" },
                  { name: "cluster-swarm", containerPort: 9096, protocol: "TCP" },
                ],
                resources: { requests: quarter(requests), limits: quarter(limits) },
                livenessProbe: { tcpSocket: [{ port: "cluster-swarm" }], initialDelaySeconds: 30, periodSeconds: 15 },
                readinessProbe: { httpGet: { path: "/health", port: "cluster-api" }, periodSeconds: 10 },
                securityContext: RESTRICTED_CONTAINER_SECURITY_CONTEXT,
                volumeMount: [
                  { name: "cluster-data", mountPath: "/data/ipfs-cluster" },
                  { name: "tmp", mountPath: "/tmp" },
                ],
              },
            ],
            volume: [{ name: "tmp", emptyDir: {} }],
          },
        },
        volumeClaimTemplate: [
          {
            metadata: { name: "ipfs-data" },
            spec: { accessModes: ["ReadWriteOnce"], storageClassName: storageClass, resources: { requests: { storage: `${props.storageGiBPerNode}Gi` } } },
          },
          {
            metadata: { name: "cluster-data" },
            spec: { accessModes: ["ReadWriteOnce"], storageClassName: storageClass, resources: { requests: { storage: "1Gi" } } },
          },
        ],
      },
      lifecycle: { preventDestroy },
    });

    this.gateway = new ServiceV1(this, "Gateway", {
      metadata: { ...metadata, name: `${props.name}-gateway` },
      spec: {
        type: "ClusterIP",
        selector,
        port: [
          { name: "http", port: 8080, targetPort: "gateway", protocol: "TCP" },
          { name: "cluster-api", port: 9094, targetPort: "cluster-api", protocol: "TCP" },
        ],
      },
    });

    if (nodes >= 2) {
      this.podDisruptionBudget = new PodDisruptionBudgetV1(this, "DisruptionBudget", {
        metadata,
        spec: { maxUnavailable: "1", selector: { matchLabels: selector } },
      });
    }
    this.nodes = nodes;
    this.storageGiBPerNode = props.storageGiBPerNode;
    this.requests = { cpuMillis: requests.cpuMillis + Math.ceil(requests.cpuMillis / 4), memoryMiB: requests.memoryMiB + Math.ceil(requests.memoryMiB / 4) };
    this.limits = { cpuMillis: limits.cpuMillis + Math.ceil(limits.cpuMillis / 4), memoryMiB: limits.memoryMiB + Math.ceil(limits.memoryMiB / 4) };
    this.gatewayHost = `${props.name}-gateway.${props.namespace}.svc.cluster.local`;
  }
}
