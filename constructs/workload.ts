import { Construct, IConstruct } from "constructs";
import { DefaultTokenResolver, StringConcat, TerraformStack, Tokenization } from "cdktf";
import { DeploymentV1 } from "../providers/kubernetes/deployment-v1";
import { HorizontalPodAutoscalerV2 } from "../providers/kubernetes/horizontal-pod-autoscaler-v2";
import { PodDisruptionBudgetV1 } from "../providers/kubernetes/pod-disruption-budget-v1";
import { ServiceAccountV1 } from "../providers/kubernetes/service-account-v1";
import { ServiceV1 } from "../providers/kubernetes/service-v1";
import { checkDnsLabel, checkInteger, checkOrdered, checkPinnedImage, checkPositive, isUnresolved } from "./checks";
import { Placement } from "./placement";
import { ValidationError } from "./validation-error";

/** CPU and memory of a container, in the units Kubernetes quantities are written in here. */
export interface ResourceQuantities {
  /** Millicores (1000 = one vCPU). */
  readonly cpuMillis: number;
  readonly memoryMiB: number;
}

/** An HTTP GET probe. */
export interface HttpProbe {
  /** Path, starting with "/". */
  readonly path: string;
  /**
   * @default - the workload's port
   */
  readonly port?: number;
  /**
   * @default 0
   */
  readonly initialDelaySeconds?: number;
  /**
   * @default 10
   */
  readonly periodSeconds?: number;
  /**
   * @default 1
   */
  readonly timeoutSeconds?: number;
  /**
   * @default 3
   */
  readonly failureThreshold?: number;
}

/** An environment variable read from a key of a Kubernetes Secret. */
export interface SecretKeyReference {
  readonly secretName: string;
  readonly key: string;
}

/** Horizontal autoscaling on CPU between two bounds. */
export interface CpuAutoscaling {
  /** At least 1: a HorizontalPodAutoscaler cannot scale to zero. */
  readonly minReplicas: number;
  readonly maxReplicas: number;
  /**
   * Average CPU utilisation (of requests) to hold, percent.
   * @default 70
   */
  readonly targetCpuUtilizationPercent?: number;
}

export interface WorkloadProps {
  /** Deployment, Service and ServiceAccount name: a DNS-1123 label. */
  readonly name: string;
  readonly namespace: string;
  /** Image pinned to a version tag or a digest. */
  readonly image: string;
  /** Container port, also the Service port unless `servicePort` is set. */
  readonly port: number;
  /**
   * Port the Service listens on, forwarding to the container port (seed 000's 80 -> 8080).
   * @default - the container port
   */
  readonly servicePort?: number;
  /**
   * Arguments of the container (the image's entrypoint keeps running them).
   * @default - the image's own
   */
  readonly args?: readonly string[];
  /**
   * Name of the port; ServiceMonitors select on it.
   * @default "http"
   */
  readonly portName?: string;
  /**
   * Replicas when nothing scales the workload (see `autoscaling`, `externallyScaled`).
   * @default 1
   */
  readonly replicas?: number;
  /**
   * @default { cpuMillis: 100, memoryMiB: 128 }
   */
  readonly requests?: ResourceQuantities;
  /**
   * Limits; never below requests.
   * @default - requests x 4 for CPU, x 2 for memory
   */
  readonly limits?: ResourceQuantities;
  /**
   * @default - a TCP check of the port every 10 s
   */
  readonly livenessProbe?: HttpProbe;
  /**
   * @default - a TCP check of the port every 10 s
   */
  readonly readinessProbe?: HttpProbe;
  /**
   * Plain environment variables (never secrets: they land in Terraform state and in the JSON).
   * @default - none
   */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * Environment variables from Secret keys.
   * @default - none
   */
  readonly secretEnv?: Readonly<Record<string, SecretKeyReference>>;
  /**
   * @default Placement.anyNode()
   */
  readonly placement?: Placement;
  /**
   * A ServiceAccount of the workload's name, so identities are per workload, not `default`.
   * @default true
   */
  readonly createServiceAccount?: boolean;
  /**
   * Annotations of that ServiceAccount (e.g. `azure.workload.identity/client-id`).
   * @default - none
   */
  readonly serviceAccountAnnotations?: Readonly<Record<string, string>>;
  /**
   * Mount the service-account token; only workloads that call the Kubernetes API or use
   * workload identity need it.
   * @default false
   */
  readonly automountServiceAccountToken?: boolean;
  /**
   * A PodDisruptionBudget allowing one pod down at a time.
   * @default - true when replicas (or the autoscaler's minimum) >= 2
   */
  readonly podDisruptionBudget?: boolean;
  /**
   * A CPU HorizontalPodAutoscaler; Terraform then leaves the replica count alone.
   * @default - none
   */
  readonly autoscaling?: CpuAutoscaling;
  /**
   * Something else (KEDA) owns the replica count; Terraform sets it once and then ignores it.
   * @default false
   */
  readonly externallyScaled?: boolean;
  /**
   * Labels on every object and pod, beside `app.kubernetes.io/name`.
   * @default - none
   */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Labels on the pods only (e.g. `azure.workload.identity/use`).
   * @default - none
   */
  readonly podLabels?: Readonly<Record<string, string>>;
  /**
   * Seconds a pod gets to finish in-flight work after SIGTERM.
   * @default 30
   */
  readonly terminationGracePeriodSeconds?: number;
  /**
   * Non-root user and group the container runs as.
   * @default 10001
   */
  readonly runAsUser?: number;
  /**
   * Writable emptyDir mounts; the root filesystem is read-only.
   * @default ["/tmp"]
   */
  readonly writablePaths?: readonly string[];
  /**
   * Mount a Secrets Store CSI volume for this SecretProviderClass (which also syncs its
   * Kubernetes Secret while a pod mounts it).
   * @default - none
   */
  readonly secretProviderClass?: string;
  /**
   * Spread pods across zones and nodes (soft constraints, so a single-node dev cluster works).
   * @default true
   */
  readonly spread?: boolean;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The container security context every platform container runs with (Pod Security `restricted`):
 * non-root, read-only root filesystem, no privilege escalation, no capabilities, seccomp RuntimeDefault.
 */
export const RESTRICTED_CONTAINER_SECURITY_CONTEXT = {
  runAsNonRoot: true,
  readOnlyRootFilesystem: true,
  allowPrivilegeEscalation: false,
  privileged: false,
  capabilities: { drop: ["ALL"] },
  seccompProfile: { type: "RuntimeDefault" },
};

function cpu(millis: number): string {
  return `${millis}m`;
}

function memory(mib: number): string {
  return `${mib}Mi`;
}

/**
 * A service as Kubernetes runs it: Deployment + Service (+ ServiceAccount, PodDisruptionBudget,
 * HorizontalPodAutoscaler), secure by default: non-root, read-only root filesystem, no privilege
 * escalation, all capabilities dropped, seccomp RuntimeDefault, no service-account token, spread
 * across zones and nodes, graceful termination.
 */
export class Workload extends Construct {
  public readonly deployment: DeploymentV1;
  public readonly service: ServiceV1;
  public readonly serviceAccount?: ServiceAccountV1;
  public readonly podDisruptionBudget?: PodDisruptionBudgetV1;
  public readonly autoscaler?: HorizontalPodAutoscalerV2;
  public readonly name: string;
  public readonly namespace: string;
  public readonly port: number;
  /** Port of the Service (the container port unless set otherwise). */
  public readonly servicePort: number;
  public readonly replicas: number;
  public readonly requests: ResourceQuantities;
  public readonly limits: ResourceQuantities;
  /** Labels that select this workload's pods. */
  public readonly selectorLabels: Readonly<Record<string, string>>;
  /** In-cluster DNS name of the Service. */
  public readonly serviceHost: string;

  constructor(scope: Construct, id: string, props: WorkloadProps) {
    super(scope, id);

    const portName = props.portName ?? "http";
    const replicas = props.replicas ?? 1;
    const requests = props.requests ?? { cpuMillis: 100, memoryMiB: 128 };
    const limits = props.limits ?? { cpuMillis: requests.cpuMillis * 4, memoryMiB: requests.memoryMiB * 2 };
    const placement = props.placement ?? Placement.anyNode();
    const createServiceAccount = props.createServiceAccount ?? true;
    const automountToken = props.automountServiceAccountToken ?? false;
    // The floor an autoscaler keeps is what a disruption must not break.
    const pdb = props.podDisruptionBudget ?? (props.autoscaling?.minReplicas ?? replicas) >= 2;
    const grace = props.terminationGracePeriodSeconds ?? 30;
    const runAs = props.runAsUser ?? 10001;
    const writablePaths = props.writablePaths ?? ["/tmp"];
    const spread = props.spread ?? true;
    const externallyScaled = props.externallyScaled ?? false;

    checkDnsLabel(this, "name", props.name);
    checkDnsLabel(this, "namespace", props.namespace);
    claimWorkloadName(this, props.name, props.namespace);
    checkPinnedImage(this, "image", props.image);
    checkInteger(this, "port", props.port, 1, 65535);
    const servicePort = props.servicePort ?? props.port;
    checkInteger(this, "servicePort", servicePort, 1, 65535);
    if (!/^[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$/.test(portName)) {
      throw new ValidationError(this, "portName", portName, "expected an IANA service name: 1-15 lowercase letters, digits or hyphens");
    }
    checkInteger(this, "replicas", replicas, 0, 1000);
    this.checkResources(requests, limits);
    for (const [name, probe] of [["livenessProbe", props.livenessProbe], ["readinessProbe", props.readinessProbe]] as const) {
      if (probe) this.checkProbe(name, probe);
    }
    for (const name of [...Object.keys(props.env ?? {}), ...Object.keys(props.secretEnv ?? {})]) {
      if (!ENV_NAME.test(name)) {
        throw new ValidationError(this, "env", name, "expected environment variable names of letters, digits and underscores, not starting with a digit");
      }
    }
    const duplicate = Object.keys(props.env ?? {}).find((k) => k in (props.secretEnv ?? {}));
    if (duplicate) {
      throw new ValidationError(this, "secretEnv", duplicate, "expected a name not also set in env");
    }
    if (props.autoscaling) {
      checkInteger(this, "autoscaling.minReplicas", props.autoscaling.minReplicas, 1, 1000);
      checkInteger(this, "autoscaling.maxReplicas", props.autoscaling.maxReplicas, 1, 1000);
      checkOrdered(this, "autoscaling.minReplicas", props.autoscaling.minReplicas, "autoscaling.maxReplicas", props.autoscaling.maxReplicas);
      checkInteger(this, "autoscaling.targetCpuUtilizationPercent", props.autoscaling.targetCpuUtilizationPercent ?? 70, 1, 100);
      if (externallyScaled) {
        throw new ValidationError(this, "autoscaling", "set", "expected either autoscaling or externallyScaled, not both: two scalers would fight over the replica count");
      }
    }
    checkInteger(this, "terminationGracePeriodSeconds", grace, 0, 3600);
    checkInteger(this, "runAsUser", runAs, 1, 2147483647);
    for (const path of writablePaths) {
      if (!path.startsWith("/") || path === "/") {
        throw new ValidationError(this, "writablePaths", path, "expected absolute paths other than /");
      }
    }

    const selectorLabels = { "app.kubernetes.io/name": props.name };
    const labels = { ...(props.labels ?? {}), ...selectorLabels };
    const metadata = { name: props.name, namespace: props.namespace, labels };

    if (createServiceAccount) {
      this.serviceAccount = new ServiceAccountV1(this, "ServiceAccount", {
        metadata: { ...metadata, annotations: props.serviceAccountAnnotations ? { ...props.serviceAccountAnnotations } : undefined },
        // Pods opt in below; the account itself never hands out a token by default.
        automountServiceAccountToken: false,
      });
    } else if (props.serviceAccountAnnotations) {
      throw new ValidationError(this, "serviceAccountAnnotations", props.serviceAccountAnnotations, "expected none without createServiceAccount");
    }

    const tcpProbe = { tcpSocket: [{ port: String(props.port) }], periodSeconds: 10 };
    const httpProbe = (probe: HttpProbe) => ({
      httpGet: { path: probe.path, port: String(probe.port ?? props.port) },
      initialDelaySeconds: probe.initialDelaySeconds ?? 0,
      periodSeconds: probe.periodSeconds ?? 10,
      timeoutSeconds: probe.timeoutSeconds ?? 1,
      failureThreshold: probe.failureThreshold ?? 3,
    });

    const volumes = writablePaths.map((path, i) => ({ name: `writable-${i}`, emptyDir: {}, path }));
    const env = [
      ...Object.entries(props.env ?? {}).map(([name, value]) => ({ name, value })),
      ...Object.entries(props.secretEnv ?? {}).map(([name, ref]) => ({
        name,
        valueFrom: { secretKeyRef: { name: ref.secretName, key: ref.key } },
      })),
    ].sort((a, b) => a.name.localeCompare(b.name));

    const spreadConstraints = spread
      ? ["topology.kubernetes.io/zone", "kubernetes.io/hostname"].map((topologyKey) => ({
          maxSkew: 1,
          topologyKey,
          whenUnsatisfiable: "ScheduleAnyway",
          labelSelector: [{ matchLabels: selectorLabels }],
        }))
      : undefined;

    this.deployment = new DeploymentV1(this, "Resource", {
      metadata,
      // The rollout is watched by the cluster, not by terraform apply.
      waitForRollout: false,
      spec: {
        replicas: String(props.autoscaling ? props.autoscaling.minReplicas : replicas),
        selector: { matchLabels: selectorLabels },
        strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "0" } },
        template: {
          metadata: { labels: { ...(props.podLabels ?? {}), ...labels } },
          spec: {
            serviceAccountName: createServiceAccount ? props.name : undefined,
            automountServiceAccountToken: automountToken,
            enableServiceLinks: false,
            terminationGracePeriodSeconds: grace,
            nodeSelector: Object.keys(placement.nodeSelector).length > 0 ? { ...placement.nodeSelector } : undefined,
            runtimeClassName: placement.runtimeClassName,
            toleration: placement.tolerations.length > 0 ? placement.tolerations.map((t) => ({ ...t })) : undefined,
            affinity:
              placement.requiredNodeAffinity.length > 0
                ? {
                    nodeAffinity: {
                      requiredDuringSchedulingIgnoredDuringExecution: {
                        nodeSelectorTerm: [
                          { matchExpressions: placement.requiredNodeAffinity.map((r) => ({ key: r.key, operator: r.operator, values: [...r.values] })) },
                        ],
                      },
                    },
                  }
                : undefined,
            topologySpreadConstraint: spreadConstraints,
            securityContext: {
              runAsNonRoot: true,
              runAsUser: String(runAs),
              runAsGroup: String(runAs),
              fsGroup: String(runAs),
              seccompProfile: { type: "RuntimeDefault" },
            },
            container: [
              {
                name: props.name,
                image: props.image,
                imagePullPolicy: "IfNotPresent",
                args: props.args && props.args.length > 0 ? [...props.args] : undefined,
                port: [{ name: portName, containerPort: props.port, protocol: "TCP" }],
                env: env.length > 0 ? env : undefined,
                resources: {
                  requests: { cpu: cpu(requests.cpuMillis), memory: memory(requests.memoryMiB) },
                  limits: { cpu: cpu(limits.cpuMillis), memory: memory(limits.memoryMiB) },
                },
                livenessProbe: props.livenessProbe ? httpProbe(props.livenessProbe) : tcpProbe,
                readinessProbe: props.readinessProbe ? httpProbe(props.readinessProbe) : tcpProbe,
                securityContext: RESTRICTED_CONTAINER_SECURITY_CONTEXT,
                volumeMount: [
                  ...volumes.map((v) => ({ name: v.name, mountPath: v.path })),
                  ...(props.secretProviderClass ? [{ name: "secrets-store", mountPath: "/mnt/secrets-store", readOnly: true }] : []),
                ],
              },
            ],
            volume: [
              ...volumes.map((v) => ({ name: v.name, emptyDir: {} })),
              ...(props.secretProviderClass
                ? [
                    {
                      name: "secrets-store",
                      csi: {
                        driver: "secrets-store.csi.k8s.io",
                        readOnly: true,
                        volumeAttributes: { secretProviderClass: props.secretProviderClass },
                      },
                    },
                  ]
                : []),
            ],
          },
        },
      },
    });
    if (props.autoscaling || externallyScaled) {
      // The autoscaler owns the count after creation; a plan must not reset it.
      this.deployment.addOverride("lifecycle.ignore_changes", ["spec[0].replicas"]);
    }

    this.service = new ServiceV1(this, "Service", {
      metadata,
      spec: {
        type: "ClusterIP",
        selector: selectorLabels,
        port: [{ name: portName, port: servicePort, targetPort: portName, protocol: "TCP" }],
      },
    });

    if (pdb) {
      this.podDisruptionBudget = new PodDisruptionBudgetV1(this, "DisruptionBudget", {
        metadata,
        spec: { maxUnavailable: "1", selector: { matchLabels: selectorLabels } },
      });
    }

    if (props.autoscaling) {
      this.autoscaler = new HorizontalPodAutoscalerV2(this, "Autoscaler", {
        metadata,
        spec: {
          minReplicas: props.autoscaling.minReplicas,
          maxReplicas: props.autoscaling.maxReplicas,
          scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: props.name },
          metric: [
            {
              type: "Resource",
              resource: {
                name: "cpu",
                target: { type: "Utilization", averageUtilization: props.autoscaling.targetCpuUtilizationPercent ?? 70 },
              },
            },
          ],
        },
      });
    }

    this.name = props.name;
    this.namespace = props.namespace;
    this.port = props.port;
    this.servicePort = servicePort;
    this.replicas = props.autoscaling ? props.autoscaling.minReplicas : replicas;
    this.requests = requests;
    this.limits = limits;
    this.selectorLabels = selectorLabels;
    this.serviceHost = `${props.name}.${props.namespace}.svc.cluster.local`;
  }

  private checkResources(requests: ResourceQuantities, limits: ResourceQuantities): void {
    checkPositive(this, "requests.cpuMillis", requests.cpuMillis);
    checkPositive(this, "requests.memoryMiB", requests.memoryMiB);
    checkPositive(this, "limits.cpuMillis", limits.cpuMillis);
    checkPositive(this, "limits.memoryMiB", limits.memoryMiB);
    if (limits.cpuMillis < requests.cpuMillis) {
      throw new ValidationError(this, "limits.cpuMillis", limits.cpuMillis, `expected at least requests.cpuMillis (${requests.cpuMillis})`);
    }
    if (limits.memoryMiB < requests.memoryMiB) {
      throw new ValidationError(this, "limits.memoryMiB", limits.memoryMiB, `expected at least requests.memoryMiB (${requests.memoryMiB})`);
    }
  }

  private checkProbe(name: string, probe: HttpProbe): void {
    if (!probe.path.startsWith("/")) {
      throw new ValidationError(this, `${name}.path`, probe.path, 'expected a path starting with "/"');
    }
    if (probe.port !== undefined) checkInteger(this, `${name}.port`, probe.port, 1, 65535);
    checkInteger(this, `${name}.periodSeconds`, probe.periodSeconds ?? 10, 1, 3600);
    checkInteger(this, `${name}.initialDelaySeconds`, probe.initialDelaySeconds ?? 0, 0, 3600);
    checkInteger(this, `${name}.timeoutSeconds`, probe.timeoutSeconds ?? 1, 1, 3600);
    checkInteger(this, `${name}.failureThreshold`, probe.failureThreshold ?? 3, 1, 100);
  }
}

/** Per stack: `<namespace>/<name>` of each Workload, to the path of the Workload that has it. */
const WORKLOAD_NAMES = new WeakMap<IConstruct, Map<string, string>>();

/**
 * Two Workloads of one name in one namespace would write the same Deployment, Service and
 * ServiceAccount: Terraform would plan both and the second create would fail on the cluster. A
 * namespace given as a reference (`PlatformNamespaces.nameOf`) is compared by the resource it
 * refers to.
 */
function claimWorkloadName(workload: Workload, name: string, namespace: string): void {
  if (isUnresolved(name)) return;
  const ns = isUnresolved(namespace) ? referenceKey(workload, namespace) : namespace;
  const stack = TerraformStack.of(workload);
  const names = WORKLOAD_NAMES.get(stack) ?? new Map<string, string>();
  WORKLOAD_NAMES.set(stack, names);
  const key = `${ns}/${name}`;
  const other = names.get(key);
  if (other !== undefined) {
    const where = namespace === ns ? JSON.stringify(namespace) : ns;
    throw new ValidationError(workload, "name", name, `expected a name no other Workload uses in namespace ${where} (${other} has it)`);
  }
  names.set(key, workload.node.path);
}

/** A namespace reference as its Terraform expression, without registering cross-stack references. */
function referenceKey(scope: IConstruct, value: string): string {
  const expression = String(Tokenization.resolve(value, { scope, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) }));
  return expression.replace(/^\$\{(.*)\}$/, "$1");
}
