import { TerraformStack, TerraformVariable } from "cdktf";
import { DaemonSetV1 } from "../../providers/kubernetes/daemon-set-v1";
import { HorizontalPodAutoscalerV2 } from "../../providers/kubernetes/horizontal-pod-autoscaler-v2";
import { JobV1 } from "../../providers/kubernetes/job-v1";
import { Manifest } from "../../providers/kubernetes/manifest";
import { NetworkPolicyV1 } from "../../providers/kubernetes/network-policy-v1";
import { PodDisruptionBudgetV1 } from "../../providers/kubernetes/pod-disruption-budget-v1";
import { StatefulSetV1 } from "../../providers/kubernetes/stateful-set-v1";
import { Release } from "../../providers/helm/release";
import { capabilitiesDropped } from "../../policies/rules/kubernetes/capabilities-dropped";
import { containerProbes } from "../../policies/rules/kubernetes/container-probes";
import { containerResources } from "../../policies/rules/kubernetes/container-resources";
import { helmChartPinned } from "../../policies/rules/kubernetes/helm-chart-pinned";
import { imagePinned } from "../../policies/rules/kubernetes/image-pinned";
import { namespaceNetworkPolicy } from "../../policies/rules/kubernetes/namespace-network-policy";
import { noHostNamespaces } from "../../policies/rules/kubernetes/no-host-namespaces";
import { noPrivilegeEscalation } from "../../policies/rules/kubernetes/no-privilege-escalation";
import { podDisruptionBudget } from "../../policies/rules/kubernetes/pod-disruption-budget";
import { readOnlyRootFilesystem } from "../../policies/rules/kubernetes/read-only-root-filesystem";
import { runAsNonRoot } from "../../policies/rules/kubernetes/run-as-non-root";
import { seccompProfile } from "../../policies/rules/kubernetes/seccomp-profile";
import { serviceAccountTokenNotMounted } from "../../policies/rules/kubernetes/service-account-token-not-mounted";
import { untrustedCodeSandboxed } from "../../policies/rules/kubernetes/untrusted-code-sandboxed";
import { PolicyEnvironment } from "../../policies/policy-profile";
import { PolicyLevel } from "../../policies/policy-rule";
import { COMPLIANT, NOT_APPLICABLE, SECURE_CONTAINER, SECURE_POD, deployment, evaluate, namespace, nonCompliant } from "./rule-harness";

/** A ConfigMap manifest: a kubernetes_manifest that runs no pods. */
function configMap(stack: TerraformStack) {
  return new Manifest(stack, "ConfigMap", {
    manifest: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings", namespace: "platform" }, data: { a: "b" } },
  });
}

/** A Deployment written as a raw manifest (camelCase keys), secure unless patched. */
function manifestDeployment(stack: TerraformStack, container: Record<string, unknown> = {}) {
  return new Manifest(stack, "ManifestDeployment", {
    manifest: {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "raw", namespace: "platform" },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: "raw" } },
        template: {
          metadata: { labels: { app: "raw" } },
          spec: {
            automountServiceAccountToken: false,
            securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
            containers: [
              {
                name: "raw",
                image: "omega/raw:2.0.1",
                resources: { requests: { cpu: "100m", memory: "64Mi" }, limits: { cpu: "200m", memory: "128Mi" } },
                livenessProbe: { tcpSocket: { port: 80 } },
                readinessProbe: { tcpSocket: { port: 80 } },
                securityContext: { readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
                ...container,
              },
            ],
          },
        },
      },
    },
  });
}

function job(stack: TerraformStack) {
  return new JobV1(stack, "Job", {
    metadata: { name: "migrate", namespace: "platform" },
    spec: { template: { metadata: {}, spec: { ...SECURE_POD, restartPolicy: "Never", container: [{ ...SECURE_CONTAINER, livenessProbe: undefined, readinessProbe: undefined }] } } },
    waitForCompletion: false,
  });
}

function disruptionBudget(stack: TerraformStack, namespaceName: string, labels: Record<string, string>) {
  return new PodDisruptionBudgetV1(stack, `Pdb-${namespaceName}`, {
    metadata: { name: "app", namespace: namespaceName },
    spec: { maxUnavailable: "1", selector: { matchLabels: labels } },
  });
}

function hpa(stack: TerraformStack, minReplicas: number, maxReplicas = 10) {
  return new HorizontalPodAutoscalerV2(stack, "Hpa", {
    metadata: { name: "app", namespace: "platform" },
    spec: { minReplicas, maxReplicas, scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "app" } },
  });
}

describe("KubernetesWorkloads rules", () => {
  describe("ContainerResources", () => {
    test("compliant: requests and limits on every container", () => {
      expect(evaluate(containerResources, (s) => deployment(s))).toEqual(COMPLIANT);
    });
    test("compliant: a raw Deployment manifest with resources", () => {
      expect(evaluate(containerResources, (s) => manifestDeployment(s))).toEqual(COMPLIANT);
    });
    test("non-compliant: no limits", () => {
      const result = evaluate(containerResources, (s) => deployment(s, { container: { resources: { requests: { cpu: "100m", memory: "128Mi" } } } }));
      expect(result).toEqual(nonCompliant("containers without literal resources: app: limits.cpu, app: limits.memory"));
    });
    test("non-compliant: an init container without resources", () => {
      const result = evaluate(containerResources, (s) =>
        deployment(s, { pod: { initContainer: [{ name: "init", image: "busybox:1.36.1", securityContext: SECURE_CONTAINER.securityContext }] } }),
      );
      expect(result).toEqual(
        nonCompliant("containers without literal resources: init: requests.cpu, init: requests.memory, init: limits.cpu, init: limits.memory"),
      );
    });
    test("not applicable: a manifest that runs no pods", () => {
      expect(evaluate(containerResources, configMap)).toEqual(NOT_APPLICABLE);
    });
  });

  describe("ContainerProbes", () => {
    test("compliant: liveness and readiness", () => {
      expect(evaluate(containerProbes, (s) => deployment(s))).toEqual(COMPLIANT);
    });
    test("non-compliant: no readiness probe", () => {
      expect(evaluate(containerProbes, (s) => deployment(s, { container: { readinessProbe: undefined } }))).toEqual(
        nonCompliant("containers without probes: app: readiness_probe"),
      );
    });
    test("non-compliant: a raw manifest without probes", () => {
      expect(evaluate(containerProbes, (s) => manifestDeployment(s, { livenessProbe: undefined, readinessProbe: undefined }))).toEqual(
        nonCompliant("containers without probes: raw: liveness_probe, raw: readiness_probe"),
      );
    });
    test("not applicable: a Job runs to completion", () => {
      expect(evaluate(containerProbes, job)).toEqual(NOT_APPLICABLE);
    });
  });

  describe("RunAsNonRoot", () => {
    test("compliant: run_as_non_root on the pod", () => {
      expect(evaluate(runAsNonRoot, (s) => deployment(s))).toEqual(COMPLIANT);
    });
    test("non-compliant: a container sets uid 0", () => {
      expect(evaluate(runAsNonRoot, (s) => deployment(s, { container: { securityContext: { ...SECURE_CONTAINER.securityContext, runAsUser: "0" } } }))).toEqual(
        nonCompliant("containers that may run as uid 0: app: run_as_user is 0; expected run_as_non_root true"),
      );
    });
    test("non-compliant: neither pod nor container sets it", () => {
      const result = evaluate(runAsNonRoot, (s) =>
        deployment(s, {
          pod: { securityContext: { seccompProfile: { type: "RuntimeDefault" } } },
          container: { securityContext: { ...SECURE_CONTAINER.securityContext, runAsNonRoot: undefined } },
        }),
      );
      expect(result).toEqual(nonCompliant("containers that may run as uid 0: app: run_as_non_root is not set; expected run_as_non_root true"));
    });
    test("not applicable: a manifest that runs no pods", () => {
      expect(evaluate(runAsNonRoot, configMap)).toEqual(NOT_APPLICABLE);
    });
  });

  describe("ReadOnlyRootFilesystem", () => {
    test("compliant: read-only", () => {
      expect(evaluate(readOnlyRootFilesystem, (s) => deployment(s))).toEqual(COMPLIANT);
    });
    test("non-compliant: writable", () => {
      const result = evaluate(readOnlyRootFilesystem, (s) =>
        deployment(s, { container: { securityContext: { ...SECURE_CONTAINER.securityContext, readOnlyRootFilesystem: false } } }),
      );
      expect(result).toEqual(nonCompliant("read_only_root_filesystem is not true for: app (false)"));
    });
    test("not applicable: a manifest that runs no pods", () => {
      expect(evaluate(readOnlyRootFilesystem, configMap)).toEqual(NOT_APPLICABLE);
    });
  });

  describe("NoPrivilegeEscalation", () => {
    test("compliant: escalation off, not privileged", () => {
      expect(evaluate(noPrivilegeEscalation, (s) => deployment(s))).toEqual(COMPLIANT);
    });
    test("non-compliant: escalation left at the Kubernetes default", () => {
      const result = evaluate(noPrivilegeEscalation, (s) =>
        deployment(s, { container: { securityContext: { ...SECURE_CONTAINER.securityContext, allowPrivilegeEscalation: undefined } } }),
      );
      expect(result).toEqual(nonCompliant("app: allow_privilege_escalation is not set; expected allow_privilege_escalation false and no privileged containers"));
    });
    test("non-compliant: privileged", () => {
      const result = evaluate(noPrivilegeEscalation, (s) =>
        deployment(s, { container: { securityContext: { ...SECURE_CONTAINER.securityContext, privileged: true } } }),
      );
      expect(result).toEqual(nonCompliant("app: privileged is true; expected allow_privilege_escalation false and no privileged containers"));
    });
    test("not applicable: a manifest that runs no pods", () => {
      expect(evaluate(noPrivilegeEscalation, configMap)).toEqual(NOT_APPLICABLE);
    });
  });

  describe("CapabilitiesDropped", () => {
    test("compliant: drop ALL", () => {
      expect(evaluate(capabilitiesDropped, (s) => deployment(s))).toEqual(COMPLIANT);
    });
    test("compliant: drop ALL and add back NET_BIND_SERVICE", () => {
      const result = evaluate(capabilitiesDropped, (s) =>
        deployment(s, { container: { securityContext: { ...SECURE_CONTAINER.securityContext, capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] } } } }),
      );
      expect(result).toEqual(COMPLIANT);
    });
    test("non-compliant: nothing dropped, SYS_ADMIN added", () => {
      const result = evaluate(capabilitiesDropped, (s) =>
        deployment(s, { container: { securityContext: { ...SECURE_CONTAINER.securityContext, capabilities: { add: ["SYS_ADMIN"] } } } }),
      );
      expect(result).toEqual(nonCompliant('app: capabilities.drop lacks "ALL", app: capabilities.add ["SYS_ADMIN"]'));
    });
    test("not applicable: a manifest that runs no pods", () => {
      expect(evaluate(capabilitiesDropped, configMap)).toEqual(NOT_APPLICABLE);
    });
  });

  describe("SeccompProfile", () => {
    test("compliant: RuntimeDefault on the pod", () => {
      expect(evaluate(seccompProfile, (s) => deployment(s, { container: { securityContext: { ...SECURE_CONTAINER.securityContext, seccompProfile: undefined } } }))).toEqual(
        COMPLIANT,
      );
    });
    test("non-compliant: Unconfined on the container overrides the pod", () => {
      const result = evaluate(seccompProfile, (s) =>
        deployment(s, { container: { securityContext: { ...SECURE_CONTAINER.securityContext, seccompProfile: { type: "Unconfined" } } } }),
      );
      expect(result).toEqual(nonCompliant('seccomp_profile.type is not RuntimeDefault or Localhost for: app ("Unconfined")'));
    });
    test("not applicable: a manifest that runs no pods", () => {
      expect(evaluate(seccompProfile, configMap)).toEqual(NOT_APPLICABLE);
    });
  });

  describe("ImagePinned", () => {
    test("compliant: a version tag", () => {
      expect(evaluate(imagePinned, (s) => deployment(s))).toEqual(COMPLIANT);
    });
    test("compliant: a digest", () => {
      const digest = `omega/app@sha256:${"a".repeat(64)}`;
      expect(evaluate(imagePinned, (s) => deployment(s, { container: { image: digest } }))).toEqual(COMPLIANT);
    });
    test("non-compliant: latest", () => {
      expect(evaluate(imagePinned, (s) => deployment(s, { container: { image: "omega/app:latest" } }))).toEqual(
        nonCompliant('images not pinned to a version tag or a digest: app ("omega/app:latest")'),
      );
    });
    test("non-compliant: untagged, in a raw manifest", () => {
      expect(evaluate(imagePinned, (s) => manifestDeployment(s, { image: "omega/raw" }))).toEqual(
        nonCompliant('images not pinned to a version tag or a digest: raw ("omega/raw")'),
      );
    });
    test("non-compliant: an image known only at apply time", () => {
      const result = evaluate(imagePinned, (s) => deployment(s, { container: { image: new TerraformVariable(s, "image", { type: "string" }).stringValue } }));
      expect(result).toEqual(nonCompliant('images not pinned to a version tag or a digest: app ("${var.image}" (known only at apply time))'));
    });
    test("not applicable: a manifest that runs no pods", () => {
      expect(evaluate(imagePinned, configMap)).toEqual(NOT_APPLICABLE);
    });
  });

  describe("NoHostNamespaces", () => {
    test("compliant: no host namespaces or paths", () => {
      expect(evaluate(noHostNamespaces, (s) => deployment(s))).toEqual(COMPLIANT);
    });
    test("non-compliant: a DaemonSet on the host network with a hostPath", () => {
      const result = evaluate(noHostNamespaces, (s) =>
        new DaemonSetV1(s, "Exporter", {
          metadata: { name: "node-exporter", namespace: "observability" },
          spec: {
            selector: { matchLabels: { app: "node-exporter" } },
            template: {
              metadata: { labels: { app: "node-exporter" } },
              spec: {
                ...SECURE_POD,
                hostNetwork: true,
                hostPid: true,
                container: [{ ...SECURE_CONTAINER, name: "exporter" }],
                volume: [{ name: "proc", hostPath: { path: "/proc" } }],
              },
            },
          },
        }),
      );
      expect(result).toEqual(nonCompliant('host_network is true, host_pid is true, volume "proc" is a host_path'));
    });
    test("not applicable: a manifest that runs no pods", () => {
      expect(evaluate(noHostNamespaces, configMap)).toEqual(NOT_APPLICABLE);
    });
  });

  describe("ServiceAccountTokenNotMounted", () => {
    test("compliant: token not mounted", () => {
      expect(evaluate(serviceAccountTokenNotMounted, (s) => deployment(s))).toEqual(COMPLIANT);
    });
    test("non-compliant: left at the Kubernetes default (mounted)", () => {
      expect(evaluate(serviceAccountTokenNotMounted, (s) => deployment(s, { pod: { automountServiceAccountToken: undefined } }))).toEqual(
        nonCompliant("automount_service_account_token is not set, expected false unless the pod calls the Kubernetes API"),
      );
    });
    test("not applicable: a manifest that runs no pods", () => {
      expect(evaluate(serviceAccountTokenNotMounted, configMap)).toEqual(NOT_APPLICABLE);
    });
  });

  describe("UntrustedCodeSandboxed", () => {
    const LANGUAGE = { "app.kubernetes.io/component": "language-service" };
    test("compliant: a language service in the kata-vm-isolation runtime class", () => {
      expect(evaluate(untrustedCodeSandboxed, (s) => deployment(s, { podLabels: LANGUAGE, pod: { runtimeClassName: "kata-vm-isolation" } }))).toEqual(COMPLIANT);
    });
    test("non-compliant: a language service without a runtime class", () => {
      expect(evaluate(untrustedCodeSandboxed, (s) => deployment(s, { podLabels: LANGUAGE }))).toEqual(
        nonCompliant('runtime_class_name is not set, expected "kata-vm-isolation" for pods labelled app.kubernetes.io/component=language-service'),
      );
    });
    test("non-compliant: a language service in another runtime class", () => {
      expect(evaluate(untrustedCodeSandboxed, (s) => deployment(s, { podLabels: LANGUAGE, pod: { runtimeClassName: "runc" } }))).toEqual(
        nonCompliant('runtime_class_name is "runc", expected "kata-vm-isolation" for pods labelled app.kubernetes.io/component=language-service'),
      );
    });
    test("compliant: a language service written as a manifest with runtimeClassName", () => {
      const result = evaluate(untrustedCodeSandboxed, (s) =>
        new Manifest(s, "Lang", {
          manifest: {
            apiVersion: "apps/v1",
            kind: "Deployment",
            metadata: { name: "lang", namespace: "languages" },
            spec: {
              selector: { matchLabels: LANGUAGE },
              template: { metadata: { labels: LANGUAGE }, spec: { runtimeClassName: "kata-vm-isolation", containers: [{ name: "c", image: "omega/lang-c:1.0.0" }] } },
            },
          },
        }),
      );
      expect(result).toEqual(COMPLIANT);
    });
    test("not applicable: a pod that runs no untrusted code, or a manifest that runs no pods", () => {
      expect(evaluate(untrustedCodeSandboxed, (s) => deployment(s))).toEqual(NOT_APPLICABLE);
      expect(evaluate(untrustedCodeSandboxed, configMap)).toEqual(NOT_APPLICABLE);
    });
    test("production only: dev's laptop has no Kata runtime and staging runs on ACI", () => {
      expect(untrustedCodeSandboxed.levels).toEqual({ [PolicyEnvironment.PRODUCTION]: PolicyLevel.ERROR });
    });
  });

  describe("PodDisruptionBudget", () => {
    const labels = { "app.kubernetes.io/name": "app" };
    test("compliant: three replicas and a budget selecting them, namespace by reference", () => {
      const result = evaluate(podDisruptionBudget, (s) => {
        const ns = namespace(s, "platform");
        disruptionBudget(s, "platform", labels);
        return deployment(s, { replicas: "3", namespace: ns.metadata.name });
      });
      expect(result).toEqual(COMPLIANT);
    });
    test("non-compliant: three replicas and no budget", () => {
      expect(evaluate(podDisruptionBudget, (s) => deployment(s, { replicas: "3" }))).toEqual(
        nonCompliant('3 replicas in namespace "platform" and no PodDisruptionBudget selects their pods'),
      );
    });
    test("non-compliant: the budget is in another namespace", () => {
      const result = evaluate(podDisruptionBudget, (s) => {
        disruptionBudget(s, "agents", labels);
        return deployment(s, { replicas: "2" });
      });
      expect(result).toEqual(nonCompliant('2 replicas in namespace "platform" and no PodDisruptionBudget selects their pods'));
    });
    test("non-compliant: an HPA keeps at least two replicas and no budget covers them", () => {
      const result = evaluate(podDisruptionBudget, (s) => {
        hpa(s, 2);
        return deployment(s, { replicas: "2" });
      });
      expect(result).toEqual(nonCompliant('2 replicas (the HorizontalPodAutoscaler\'s minimum) in namespace "platform" and no PodDisruptionBudget selects their pods'));
    });
    test("compliant: a StatefulSet of three with a budget", () => {
      const result = evaluate(podDisruptionBudget, (s) => {
        disruptionBudget(s, "data", { app: "mongo" });
        return new StatefulSetV1(s, "Mongo", {
          metadata: { name: "mongo", namespace: "data" },
          spec: {
            replicas: "3",
            serviceName: "mongo",
            selector: { matchLabels: { app: "mongo" } },
            template: { metadata: { labels: { app: "mongo" } }, spec: { ...SECURE_POD, container: [{ ...SECURE_CONTAINER, name: "mongo", image: "mongo:7.0.16" }] } },
          },
        });
      });
      expect(result).toEqual(COMPLIANT);
    });
    test("not applicable: one replica", () => {
      expect(evaluate(podDisruptionBudget, (s) => deployment(s, { replicas: "1" }))).toEqual(NOT_APPLICABLE);
    });
    test("not applicable: an HPA whose floor is one", () => {
      const result = evaluate(podDisruptionBudget, (s) => {
        hpa(s, 1);
        return deployment(s, { replicas: "3" });
      });
      expect(result).toEqual(NOT_APPLICABLE);
    });
    test("not applicable: a Job", () => {
      expect(evaluate(podDisruptionBudget, job)).toEqual(NOT_APPLICABLE);
    });
  });

  describe("NamespaceNetworkPolicy", () => {
    function policy(s: TerraformStack, ns: string, podSelector: Record<string, unknown>) {
      return new NetworkPolicyV1(s, `Policy-${JSON.stringify(podSelector)}`, {
        metadata: { name: "default-deny", namespace: ns },
        spec: { podSelector, policyTypes: ["Ingress", "Egress"] },
      });
    }
    test("compliant: a default deny selecting every pod, namespace by reference", () => {
      const result = evaluate(namespaceNetworkPolicy, (s) => {
        const ns = namespace(s, "platform");
        policy(s, ns.metadata.name, {});
        return ns;
      });
      expect(result).toEqual(COMPLIANT);
    });
    test("non-compliant: no policy", () => {
      expect(evaluate(namespaceNetworkPolicy, (s) => namespace(s, "observability"))).toEqual(nonCompliant('no NetworkPolicy in namespace "observability"'));
    });
    test("non-compliant: only a policy for some pods", () => {
      const result = evaluate(namespaceNetworkPolicy, (s) => {
        policy(s, "platform", { matchLabels: { app: "web" } });
        policy(s, "agents", {});
        return namespace(s, "platform");
      });
      expect(result).toEqual(
        nonCompliant('the 1 NetworkPolicies of namespace "platform" select only some pods; add one with an empty pod_selector (a default deny)'),
      );
    });
  });

  describe("HelmChartPinned", () => {
    function release(s: TerraformStack, chart: string, version?: string, repository?: string) {
      return new Release(s, "Release", { name: "prometheus", chart, version, repository, namespace: "observability" });
    }
    test("compliant: an exact version", () => {
      expect(evaluate(helmChartPinned, (s) => release(s, "kube-prometheus-stack", "65.1.1", "https://prometheus-community.github.io/helm-charts"))).toEqual(
        COMPLIANT,
      );
    });
    test("non-compliant: no version", () => {
      expect(evaluate(helmChartPinned, (s) => release(s, "kube-prometheus-stack", undefined, "https://prometheus-community.github.io/helm-charts"))).toEqual(
        nonCompliant('version is not set, expected an exact chart version such as "1.2.3"'),
      );
    });
    test("non-compliant: a version range", () => {
      expect(evaluate(helmChartPinned, (s) => release(s, "kube-prometheus-stack", "^65.0.0", "https://prometheus-community.github.io/helm-charts"))).toEqual(
        nonCompliant('version is "^65.0.0", expected an exact chart version such as "1.2.3"'),
      );
    });
    test("not applicable: a chart from a local path", () => {
      expect(evaluate(helmChartPinned, (s) => release(s, "./charts/omega"))).toEqual(NOT_APPLICABLE);
    });
  });
});
