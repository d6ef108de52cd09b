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
  if (typed) return typedPodView(resource.config, typed.kind, typed.template);
  if (resource.type !== "kubernetes_manifest") return undefined;
  const manifest = block(resource.config.manifest);
  const kind = typeof manifest?.kind === "string" ? MANIFEST_WORKLOADS[manifest.kind] : undefined;
  return manifest && kind ? manifestPodView(manifest, kind.kind, kind.template) : undefined;
}

function typedPodView(config: ConfigObject, kind: WorkloadKind, templatePath: readonly string[]): PodView {
  const metadata = at(config, "metadata");
  const template = templatePath.length > 0 ? at(config, ...templatePath) : config;
  const spec = at(template, "spec") ?? {};
  const podSecurity = block(spec.security_context) ?? {};
  const container = (c: ConfigObject, init: boolean): ContainerView => {
    const resources = block(c.resources) ?? {};
    const requests = block(resources.requests) ?? {};
    const limits = block(resources.limits) ?? {};
    const security = block(c.security_context) ?? {};
    const capabilities = block(security.capabilities) ?? {};
    return {
      name: String(c.name ?? ""),
      init,
      image: c.image,
      requests: { cpu: requests.cpu, memory: requests.memory },
      limits: { cpu: limits.cpu, memory: limits.memory },
      hasLivenessProbe: block(c.liveness_probe) !== undefined,
      hasReadinessProbe: block(c.readiness_probe) !== undefined,
      runAsNonRoot: security.run_as_non_root,
      runAsUser: security.run_as_user,
      readOnlyRootFilesystem: security.read_only_root_filesystem,
      allowPrivilegeEscalation: security.allow_privilege_escalation,
      privileged: security.privileged,
      capabilitiesAdd: strings(capabilities.add),
      capabilitiesDrop: strings(capabilities.drop),
      seccompProfileType: block(security.seccomp_profile)?.type,
    };
  };
  return {
    kind,
    name: metadata?.name,
    namespace: metadata?.namespace,
    replicas: kind === WorkloadKind.DEPLOYMENT || kind === WorkloadKind.STATEFUL_SET ? (at(config, "spec")?.replicas ?? 1) : undefined,
    podLabels: labelsOf(at(template, "metadata")?.labels),
    containers: [
      ...blocks(spec.init_container).map((c) => container(c, true)),
      ...blocks(spec.container).map((c) => container(c, false)),
    ],
    hostNetwork: spec.host_network,
    hostPid: spec.host_pid,
    hostIpc: spec.host_ipc,
    hostPathVolumes: blocks(spec.volume)
      .filter((v) => block(v.host_path) !== undefined)
      .map((v) => String(v.name ?? "")),
    automountServiceAccountToken: spec.automount_service_account_token,
    runAsNonRoot: podSecurity.run_as_non_root,
    runAsUser: podSecurity.run_as_user,
    seccompProfileType: block(podSecurity.seccomp_profile)?.type,
  };
}

function manifestPodView(manifest: ConfigObject, kind: WorkloadKind, templatePath: readonly string[]): PodView {
  const metadata = block(manifest.metadata);
  const template = templatePath.length > 0 ? at(manifest, ...templatePath) : manifest;
  const spec = block(template?.spec) ?? {};
  const podSecurity = block(spec.securityContext) ?? {};
  const container = (c: ConfigObject, init: boolean): ContainerView => {
    const resources = block(c.resources) ?? {};
    const requests = block(resources.requests) ?? {};
    const limits = block(resources.limits) ?? {};
    const security = block(c.securityContext) ?? {};
    const capabilities = block(security.capabilities) ?? {};
    return {
      name: String(c.name ?? ""),
      init,
      image: c.image,
      requests: { cpu: requests.cpu, memory: requests.memory },
      limits: { cpu: limits.cpu, memory: limits.memory },
      hasLivenessProbe: block(c.livenessProbe) !== undefined,
      hasReadinessProbe: block(c.readinessProbe) !== undefined,
      runAsNonRoot: security.runAsNonRoot,
      runAsUser: security.runAsUser,
      readOnlyRootFilesystem: security.readOnlyRootFilesystem,
      allowPrivilegeEscalation: security.allowPrivilegeEscalation,
      privileged: security.privileged,
      capabilitiesAdd: strings(capabilities.add),
      capabilitiesDrop: strings(capabilities.drop),
      seccompProfileType: block(security.seccompProfile)?.type,
    };
  };
  return {
    kind,
    name: metadata?.name,
    namespace: metadata?.namespace,
    replicas: kind === WorkloadKind.DEPLOYMENT || kind === WorkloadKind.STATEFUL_SET ? (block(manifest.spec)?.replicas ?? 1) : undefined,
    podLabels: labelsOf(block(template?.metadata)?.labels),
    containers: [
      ...blocks(spec.initContainers).map((c) => container(c, true)),
      ...blocks(spec.containers).map((c) => container(c, false)),
    ],
    hostNetwork: spec.hostNetwork,
    hostPid: spec.hostPID,
    hostIpc: spec.hostIPC,
    hostPathVolumes: blocks(spec.volumes)
      .filter((v) => block(v.hostPath) !== undefined)
      .map((v) => String(v.name ?? "")),
    automountServiceAccountToken: spec.automountServiceAccountToken,
    runAsNonRoot: podSecurity.runAsNonRoot,
    runAsUser: podSecurity.runAsUser,
    seccompProfileType: block(podSecurity.seccompProfile)?.type,
  };
}

function labelsOf(value: unknown): Readonly<Record<string, unknown>> {
  return isObject(value) ? value : {};
}
