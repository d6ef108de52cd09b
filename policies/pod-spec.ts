import { ConfigObject, at, block, blocks, isObject, strings } from "./config-values";
import { PolicyResource } from "./policy-rule";

/** The kind of object that runs pods. */
export enum WorkloadKind {
  DEPLOYMENT = "Deployment",
  STATEFUL_SET = "StatefulSet",
  DAEMON_SET = "DaemonSet",
  JOB = "Job",
  CRON_JOB = "CronJob",
  POD = "Pod",
}

/** One container of a pod template, in one shape whichever resource declared it. */
export interface ContainerView {
  readonly name: string;
  /** An init container: runs to completion before the others, so it takes no probes. */
  readonly init: boolean;
  readonly image: unknown;
  readonly requests: { readonly cpu: unknown; readonly memory: unknown };
  readonly limits: { readonly cpu: unknown; readonly memory: unknown };
  readonly hasLivenessProbe: boolean;
  readonly hasReadinessProbe: boolean;
  readonly runAsNonRoot: unknown;
  readonly runAsUser: unknown;
  readonly readOnlyRootFilesystem: unknown;
  readonly allowPrivilegeEscalation: unknown;
  readonly privileged: unknown;
  readonly capabilitiesAdd: readonly string[];
  readonly capabilitiesDrop: readonly string[];
  readonly seccompProfileType: unknown;
}

/** A pod template, in one shape for the kubernetes provider's typed resources and for manifests. */
export interface PodView {
  readonly kind: WorkloadKind;
  readonly name: unknown;
  /** The namespace as written (a literal or a reference to a namespace resource). */
  readonly namespace: unknown;
  /** Desired replicas where the kind has them. */
  readonly replicas: unknown;
  /** Labels of the pods. */
  readonly podLabels: Readonly<Record<string, unknown>>;
  readonly containers: readonly ContainerView[];
  readonly hostNetwork: unknown;
  readonly hostPid: unknown;
  readonly hostIpc: unknown;
  /** Names of volumes that mount a path of the node. */
  readonly hostPathVolumes: readonly string[];
  readonly automountServiceAccountToken: unknown;
  readonly runAsNonRoot: unknown;
  readonly runAsUser: unknown;
  readonly seccompProfileType: unknown;
  /** The pod's RuntimeClass (`kata-vm-isolation` for AKS pod sandboxing). */
  readonly runtimeClassName: unknown;
}

/** Typed kubernetes provider resources that run pods, and where their pod template lives. */
const TYPED_WORKLOADS: Readonly<Record<string, { kind: WorkloadKind; template: readonly string[] }>> = {
  kubernetes_deployment: { kind: WorkloadKind.DEPLOYMENT, template: ["spec", "template"] },
  kubernetes_deployment_v1: { kind: WorkloadKind.DEPLOYMENT, template: ["spec", "template"] },
  kubernetes_stateful_set: { kind: WorkloadKind.STATEFUL_SET, template: ["spec", "template"] },
  kubernetes_stateful_set_v1: { kind: WorkloadKind.STATEFUL_SET, template: ["spec", "template"] },
  kubernetes_daemonset: { kind: WorkloadKind.DAEMON_SET, template: ["spec", "template"] },
  kubernetes_daemon_set_v1: { kind: WorkloadKind.DAEMON_SET, template: ["spec", "template"] },
  kubernetes_job: { kind: WorkloadKind.JOB, template: ["spec", "template"] },
  kubernetes_job_v1: { kind: WorkloadKind.JOB, template: ["spec", "template"] },
  kubernetes_cron_job: { kind: WorkloadKind.CRON_JOB, template: ["spec", "job_template", "spec", "template"] },
  kubernetes_cron_job_v1: { kind: WorkloadKind.CRON_JOB, template: ["spec", "job_template", "spec", "template"] },
  kubernetes_pod: { kind: WorkloadKind.POD, template: [] },
  kubernetes_pod_v1: { kind: WorkloadKind.POD, template: [] },
};

/** Manifest kinds that run pods, and where their pod template lives. */
const MANIFEST_WORKLOADS: Readonly<Record<string, { kind: WorkloadKind; template: readonly string[] }>> = {
  Deployment: { kind: WorkloadKind.DEPLOYMENT, template: ["spec", "template"] },
  StatefulSet: { kind: WorkloadKind.STATEFUL_SET, template: ["spec", "template"] },
  DaemonSet: { kind: WorkloadKind.DAEMON_SET, template: ["spec", "template"] },
  Job: { kind: WorkloadKind.JOB, template: ["spec", "template"] },
  CronJob: { kind: WorkloadKind.CRON_JOB, template: ["spec", "jobTemplate", "spec", "template"] },
  Pod: { kind: WorkloadKind.POD, template: [] },
};

/** Resource types that may hold a pod template: the workload rules are evaluated on these. */
export const WORKLOAD_RESOURCE_TYPES: readonly string[] = [...Object.keys(TYPED_WORKLOADS), "kubernetes_manifest"];

/** The pod template of a resource, or undefined when it runs no pods (a ConfigMap manifest, ...). */
export function podSpecOf(resource: PolicyResource): PodView | undefined {
  const typed = TYPED_WORKLOADS[resource.type];
  if (typed) return podView(resource.config, typed.kind, typed.template, TYPED_FIELDS);
  if (resource.type !== "kubernetes_manifest") return undefined;
  const manifest = block(resource.config.manifest);
  const kind = typeof manifest?.kind === "string" ? MANIFEST_WORKLOADS[manifest.kind] : undefined;
  return manifest && kind ? podView(manifest, kind.kind, kind.template, MANIFEST_FIELDS) : undefined;
}

/** The field names of a pod template: snake_case in the typed resources, camelCase in manifests. */
interface PodFieldNames {
  readonly securityContext: string;
  readonly livenessProbe: string;
  readonly readinessProbe: string;
  readonly runAsNonRoot: string;
  readonly runAsUser: string;
  readonly readOnlyRootFilesystem: string;
  readonly allowPrivilegeEscalation: string;
  readonly seccompProfile: string;
  readonly initContainers: string;
  readonly containers: string;
  readonly hostNetwork: string;
  readonly hostPid: string;
  readonly hostIpc: string;
  readonly volumes: string;
  readonly hostPath: string;
  readonly automountServiceAccountToken: string;
  readonly runtimeClassName: string;
}

const TYPED_FIELDS: PodFieldNames = {
  securityContext: "security_context",
  livenessProbe: "liveness_probe",
  readinessProbe: "readiness_probe",
  runAsNonRoot: "run_as_non_root",
  runAsUser: "run_as_user",
  readOnlyRootFilesystem: "read_only_root_filesystem",
  allowPrivilegeEscalation: "allow_privilege_escalation",
  seccompProfile: "seccomp_profile",
  initContainers: "init_container",
  containers: "container",
  hostNetwork: "host_network",
  hostPid: "host_pid",
  hostIpc: "host_ipc",
  volumes: "volume",
  hostPath: "host_path",
  automountServiceAccountToken: "automount_service_account_token",
  runtimeClassName: "runtime_class_name",
};

const MANIFEST_FIELDS: PodFieldNames = {
  securityContext: "securityContext",
  livenessProbe: "livenessProbe",
  readinessProbe: "readinessProbe",
  runAsNonRoot: "runAsNonRoot",
  runAsUser: "runAsUser",
  readOnlyRootFilesystem: "readOnlyRootFilesystem",
  allowPrivilegeEscalation: "allowPrivilegeEscalation",
  seccompProfile: "seccompProfile",
  initContainers: "initContainers",
  containers: "containers",
  hostNetwork: "hostNetwork",
  hostPid: "hostPID",
  hostIpc: "hostIPC",
  volumes: "volumes",
  hostPath: "hostPath",
  automountServiceAccountToken: "automountServiceAccountToken",
  runtimeClassName: "runtimeClassName",
};

function podView(object: ConfigObject, kind: WorkloadKind, templatePath: readonly string[], f: PodFieldNames): PodView {
  const metadata = at(object, "metadata");
  const template = templatePath.length > 0 ? at(object, ...templatePath) : object;
  const spec = at(template, "spec") ?? {};
  const podSecurity = block(spec[f.securityContext]) ?? {};
  const container = (c: ConfigObject, init: boolean): ContainerView => {
    const resources = block(c.resources) ?? {};
    const requests = block(resources.requests) ?? {};
    const limits = block(resources.limits) ?? {};
    const security = block(c[f.securityContext]) ?? {};
    const capabilities = block(security.capabilities) ?? {};
    return {
      name: String(c.name ?? ""),
      init,
      image: c.image,
      requests: { cpu: requests.cpu, memory: requests.memory },
      limits: { cpu: limits.cpu, memory: limits.memory },
      hasLivenessProbe: block(c[f.livenessProbe]) !== undefined,
      hasReadinessProbe: block(c[f.readinessProbe]) !== undefined,
      runAsNonRoot: security[f.runAsNonRoot],
      runAsUser: security[f.runAsUser],
      readOnlyRootFilesystem: security[f.readOnlyRootFilesystem],
      allowPrivilegeEscalation: security[f.allowPrivilegeEscalation],
      privileged: security.privileged,
      capabilitiesAdd: strings(capabilities.add),
      capabilitiesDrop: strings(capabilities.drop),
      seccompProfileType: block(security[f.seccompProfile])?.type,
    };
  };
  return {
    kind,
    name: metadata?.name,
    namespace: metadata?.namespace,
    replicas: kind === WorkloadKind.DEPLOYMENT || kind === WorkloadKind.STATEFUL_SET ? (at(object, "spec")?.replicas ?? 1) : undefined,
    podLabels: labelsOf(at(template, "metadata")?.labels),
    containers: [
      ...blocks(spec[f.initContainers]).map((c) => container(c, true)),
      ...blocks(spec[f.containers]).map((c) => container(c, false)),
    ],
    hostNetwork: spec[f.hostNetwork],
    hostPid: spec[f.hostPid],
    hostIpc: spec[f.hostIpc],
    hostPathVolumes: blocks(spec[f.volumes])
      .filter((v) => block(v[f.hostPath]) !== undefined)
      .map((v) => String(v.name ?? "")),
    automountServiceAccountToken: spec[f.automountServiceAccountToken],
    runAsNonRoot: podSecurity[f.runAsNonRoot],
    runAsUser: podSecurity[f.runAsUser],
    seccompProfileType: block(podSecurity[f.seccompProfile])?.type,
    runtimeClassName: spec[f.runtimeClassName],
  };
}

function labelsOf(value: unknown): Readonly<Record<string, unknown>> {
  return isObject(value) ? value : {};
}
