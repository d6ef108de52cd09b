import { TerraformStack, Testing } from "cdktf";
import { PlatformNamespaces } from "../../constructs/platform-namespaces";
import { Placement } from "../../constructs/placement";
import { POD_SANDBOXING } from "../../constructs/pod-sandboxing";
import { SANDBOX_NODE_TAINT, SandboxNodePool } from "../../constructs/sandbox-node-pool";
import { Workload, WorkloadProps } from "../../constructs/workload";
import { onlyResource, resourcesOf, synthJson, testStack } from "../helpers";

const MINIMAL: WorkloadProps = { name: "api", namespace: "platform", image: "omega/api:1.0.0", port: 8080 };

function synth(props: Partial<WorkloadProps> = {}) {
  const { stack } = testStack();
  const workload = new Workload(stack, "Api", { ...MINIMAL, ...props });
  const json = synthJson(stack);
  const deployment = onlyResource(json, "kubernetes_deployment_v1");
  return { workload, json, deployment, pod: deployment.spec.template.spec, container: deployment.spec.template.spec.container[0] };
}

function build(props: Partial<WorkloadProps>): () => Workload {
  return () => new Workload(testStack().stack, "Api", { ...MINIMAL, ...props });
}

describe("Workload", () => {
  test("minimal config snapshot", () => {
    const { stack } = testStack();
    new Workload(stack, "Api", MINIMAL);
    expect(Testing.synth(stack)).toMatchSnapshot();
  });

  describe("defaults", () => {
    const { json, deployment, pod, container, workload } = synth();

    test("non-root, read-only root, no escalation, no capabilities, seccomp RuntimeDefault", () => {
      expect(container.security_context).toEqual({
        run_as_non_root: true,
        read_only_root_filesystem: true,
        allow_privilege_escalation: false,
        privileged: false,
        capabilities: { drop: ["ALL"] },
        seccomp_profile: { type: "RuntimeDefault" },
      });
      expect(pod.security_context).toEqual({
        run_as_non_root: true,
        run_as_user: "10001",
        run_as_group: "10001",
        fs_group: "10001",
        seccomp_profile: { type: "RuntimeDefault" },
      });
    });

    test("a ServiceAccount of its own whose token is not mounted", () => {
      expect(onlyResource(json, "kubernetes_service_account_v1")).toMatchObject({
        metadata: { name: "api", namespace: "platform" },
        automount_service_account_token: false,
      });
      expect(pod.service_account_name).toBe("api");
      expect(pod.automount_service_account_token).toBe(false);
    });

    test("spread across zones and nodes, graceful termination", () => {
      expect(pod.topology_spread_constraint.map((c: any) => [c.topology_key, c.max_skew, c.when_unsatisfiable])).toEqual([
        ["topology.kubernetes.io/zone", 1, "ScheduleAnyway"],
        ["kubernetes.io/hostname", 1, "ScheduleAnyway"],
      ]);
      expect(pod.termination_grace_period_seconds).toBe(30);
    });

    test("one replica, requests 100m/128Mi, limits 400m/256Mi, TCP probes", () => {
      expect(deployment.spec.replicas).toBe("1");
      expect(container.resources).toEqual({ requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "400m", memory: "256Mi" } });
      expect(container.liveness_probe).toEqual({ tcp_socket: [{ port: "8080" }], period_seconds: 10 });
      expect(container.readiness_probe).toEqual({ tcp_socket: [{ port: "8080" }], period_seconds: 10 });
    });

    test("a writable /tmp and nothing else", () => {
      expect(container.volume_mount).toEqual([{ name: "writable-0", mount_path: "/tmp" }]);
      expect(pod.volume).toEqual([{ name: "writable-0", empty_dir: {} }]);
    });

    test("a ClusterIP Service on the named port, no PDB or HPA for one replica", () => {
      expect(onlyResource(json, "kubernetes_service_v1").spec).toEqual({
        type: "ClusterIP",
        selector: { "app.kubernetes.io/name": "api" },
        port: [{ name: "http", port: 8080, target_port: "http", protocol: "TCP" }],
      });
      expect(resourcesOf(json, "kubernetes_pod_disruption_budget_v1")).toHaveLength(0);
      expect(resourcesOf(json, "kubernetes_horizontal_pod_autoscaler_v2")).toHaveLength(0);
      expect(workload.serviceHost).toBe("api.platform.svc.cluster.local");
    });

    test("no placement constraints", () => {
      expect(pod.node_selector).toBeUndefined();
      expect(pod.toleration).toBeUndefined();
      expect(pod.affinity).toBeUndefined();
      expect(pod.runtime_class_name).toBeUndefined();
    });
  });

  describe("overrides", () => {
    test("two replicas get a PodDisruptionBudget allowing one down", () => {
      const { json } = synth({ replicas: 2 });
      expect(onlyResource(json, "kubernetes_pod_disruption_budget_v1").spec).toEqual({
        max_unavailable: "1",
        selector: { match_labels: { "app.kubernetes.io/name": "api" } },
      });
    });

    test("an autoscaler's floor of two also gets a PDB", () => {
      expect(resourcesOf(synth({ autoscaling: { minReplicas: 2, maxReplicas: 4 } }).json, "kubernetes_pod_disruption_budget_v1")).toHaveLength(1);
      expect(resourcesOf(synth({ autoscaling: { minReplicas: 1, maxReplicas: 4 } }).json, "kubernetes_pod_disruption_budget_v1")).toHaveLength(0);
    });

    test("the PDB can be turned off", () => {
      expect(resourcesOf(synth({ replicas: 3, podDisruptionBudget: false }).json, "kubernetes_pod_disruption_budget_v1")).toHaveLength(0);
    });

    test("CPU autoscaling adds an HPA and leaves the replica count to it", () => {
      const { json, deployment } = synth({ autoscaling: { minReplicas: 2, maxReplicas: 6, targetCpuUtilizationPercent: 60 } });
      const hpa = onlyResource(json, "kubernetes_horizontal_pod_autoscaler_v2");
      expect(hpa.spec).toMatchObject({ min_replicas: 2, max_replicas: 6, scale_target_ref: { kind: "Deployment", name: "api" } });
      expect(hpa.spec.metric[0].resource.target).toEqual({ type: "Utilization", average_utilization: 60 });
      expect(deployment.spec.replicas).toBe("2");
      expect(deployment.lifecycle).toEqual({ ignore_changes: ["spec[0].replicas"] });
    });

    test("an external scaler also keeps Terraform off the replica count", () => {
      expect(synth({ externallyScaled: true }).deployment.lifecycle).toEqual({ ignore_changes: ["spec[0].replicas"] });
    });

    test("env and secret env, sorted by name", () => {
      const { container } = synth({ env: { LOG_LEVEL: "info" }, secretEnv: { MONGODB_URI: { secretName: "omega-secrets", key: "mongodb-uri" } } });
      expect(container.env).toEqual([
        { name: "LOG_LEVEL", value: "info" },
        { name: "MONGODB_URI", value_from: { secret_key_ref: { name: "omega-secrets", key: "mongodb-uri" } } },
      ]);
    });

    test("HTTP probes", () => {
      const { container } = synth({ livenessProbe: { path: "/health/live", initialDelaySeconds: 30 }, readinessProbe: { path: "/ready", port: 9000, periodSeconds: 5 } });
      expect(container.liveness_probe).toEqual({
        http_get: { path: "/health/live", port: "8080" },
        initial_delay_seconds: 30,
        period_seconds: 10,
        timeout_seconds: 1,
        failure_threshold: 3,
      });
      expect(container.readiness_probe.http_get).toEqual({ path: "/ready", port: "9000" });
      expect(container.readiness_probe.period_seconds).toBe(5);
    });

    test("spot placement: the spot toleration and a required node affinity", () => {
      const { pod } = synth({
        placement: Placement.spot({
          toleration: { key: "kubernetes.azure.com/scalesetpriority", operator: "Equal", value: "spot", effect: "NoSchedule" },
          nodeAffinity: { key: "kubernetes.azure.com/scalesetpriority", operator: "In", values: ["spot"] },
        }),
      });
      expect(pod.toleration).toEqual([{ key: "kubernetes.azure.com/scalesetpriority", operator: "Equal", value: "spot", effect: "NoSchedule" }]);
      expect(pod.affinity.node_affinity.required_during_scheduling_ignored_during_execution.node_selector_term).toEqual([
        { match_expressions: [{ key: "kubernetes.azure.com/scalesetpriority", operator: "In", values: ["spot"] }] },
      ]);
    });

    test("node-pool placement", () => {
      expect(synth({ placement: Placement.nodePool("alwayson") }).pod.node_selector).toEqual({ "kubernetes.azure.com/agentpool": "alwayson" });
    });

    test("sandboxed placement: the Kata runtime class, the pool and its taint", () => {
      const toleration = { key: "sandbox", operator: "Equal", value: "kata", effect: "NoSchedule" };
      const placement = Placement.sandboxed({ runtimeClassName: POD_SANDBOXING.runtimeClassName, poolName: "sandbox", tolerations: [toleration] });
      const { pod } = synth({ placement });
      expect(pod.runtime_class_name).toBe("kata-vm-isolation");
      expect(pod.node_selector).toEqual({ "kubernetes.azure.com/agentpool": "sandbox" });
      expect(pod.toleration).toEqual([toleration]);
    });

    test("a SandboxNodePool's placement puts the pod in a Kata VM on that pool", () => {
      const { stack } = testStack();
      const pool = new SandboxNodePool(stack, "Sandbox", { cluster: { clusterId: "c", zones: ["1"] } });
      new Workload(stack, "Api", { ...MINIMAL, placement: pool.placement });
      const json = synthJson(stack);
      const pod = onlyResource(json, "kubernetes_deployment_v1").spec.template.spec;
      expect(pod.runtime_class_name).toBe("kata-vm-isolation");
      expect(pod.node_selector).toEqual({ "kubernetes.azure.com/agentpool": "sandbox" });
      expect(pod.toleration).toEqual([{ key: SANDBOX_NODE_TAINT.key, operator: "Equal", value: "kata", effect: "NoSchedule" }]);
      expect(onlyResource(json, "azurerm_kubernetes_cluster_node_pool")).toMatchObject({
        workload_runtime: "KataVmIsolation",
        os_sku: "AzureLinux",
        priority: "Regular",
        node_taints: ["sandbox=kata:NoSchedule"],
      });
    });

    test("a Secrets Store CSI volume for a SecretProviderClass", () => {
      const { pod, container } = synth({ secretProviderClass: "omega-data" });
      expect(pod.volume).toContainEqual({
        name: "secrets-store",
        csi: { driver: "secrets-store.csi.k8s.io", read_only: true, volume_attributes: { secretProviderClass: "omega-data" } },
      });
      expect(container.volume_mount).toContainEqual({ name: "secrets-store", mount_path: "/mnt/secrets-store", read_only: true });
    });

    test("service account annotations and token for workload identity", () => {
      const { json, pod } = synth({ serviceAccountAnnotations: { "azure.workload.identity/client-id": "id" }, automountServiceAccountToken: true });
      expect(onlyResource(json, "kubernetes_service_account_v1").metadata.annotations).toEqual({ "azure.workload.identity/client-id": "id" });
      expect(pod.automount_service_account_token).toBe(true);
    });

    test("no ServiceAccount when asked", () => {
      const { json, pod } = synth({ createServiceAccount: false });
      expect(resourcesOf(json, "kubernetes_service_account_v1")).toHaveLength(0);
      expect(pod.service_account_name).toBeUndefined();
    });
  });

  describe("validation", () => {
    test("fails on two workloads with one name in one namespace", () => {
      const { stack } = testStack();
      new Workload(stack, "Api", MINIMAL);
      expect(() => new Workload(stack, "Other", MINIMAL)).toThrow(
        `test/Other: invalid name "${MINIMAL.name}": expected a name no other Workload uses in namespace "${MINIMAL.namespace}" (test/Api has it)`,
      );
    });

    test("fails on two workloads with one name in one namespace given as a reference", () => {
      const { stack } = testStack();
      const namespaces = new PlatformNamespaces(stack, "Namespaces");
      new Workload(stack, "Api", { ...MINIMAL, namespace: namespaces.nameOf("platform") });
      expect(() => new Workload(stack, "Other", { ...MINIMAL, namespace: namespaces.nameOf("platform") })).toThrow(
        /^test\/Other: invalid name ".*": expected a name no other Workload uses in namespace kubernetes_namespace_v1\.Namespaces_platform_[0-9A-F]+\.metadata\[0\]\.name \(test\/Api has it\)$/,
      );
    });

    test("accepts one name in two namespaces, and in two stacks", () => {
      const { app, stack } = testStack();
      new Workload(stack, "Api", MINIMAL);
      expect(() => new Workload(stack, "Other", { ...MINIMAL, namespace: "agents" })).not.toThrow();
      expect(() => new Workload(new TerraformStack(app, "second"), "Api", MINIMAL)).not.toThrow();
    });

    test("fails on negative replicas", () => {
      expect(build({ replicas: -1 })).toThrow("test/Api: invalid replicas -1: expected an integer from 0 to 1000");
    });

    test("fails on a CPU limit below the request", () => {
      expect(build({ requests: { cpuMillis: 1000, memoryMiB: 256 }, limits: { cpuMillis: 500, memoryMiB: 512 } })).toThrow(
        "test/Api: invalid limits.cpuMillis 500: expected at least requests.cpuMillis (1000)",
      );
    });

    test("fails on a memory limit below the request", () => {
      expect(build({ requests: { cpuMillis: 100, memoryMiB: 2048 }, limits: { cpuMillis: 100, memoryMiB: 512 } })).toThrow(
        "test/Api: invalid limits.memoryMiB 512: expected at least requests.memoryMiB (2048)",
      );
    });

    test("fails on port 0", () => {
      expect(build({ port: 0 })).toThrow("test/Api: invalid port 0: expected an integer from 1 to 65535");
    });

    test("fails on port 65536", () => {
      expect(build({ port: 65536 })).toThrow("test/Api: invalid port 65536: expected an integer from 1 to 65535");
    });

    test("fails on an untagged image", () => {
      expect(build({ image: "omega/api" })).toThrow(
        'test/Api: invalid image "omega/api": expected an image pinned to a version tag or a digest, never :latest or untagged',
      );
    });

    test("fails on :latest", () => {
      expect(build({ image: "omega/api:latest" })).toThrow('test/Api: invalid image "omega/api:latest"');
    });

    test("fails on a registry port mistaken for a tag", () => {
      expect(build({ image: "registry:5000/omega/api" })).toThrow('test/Api: invalid image "registry:5000/omega/api"');
    });

    test("accepts a digest", () => {
      expect(build({ image: `omega/api@sha256:${"a".repeat(64)}` })).not.toThrow();
    });

    test("fails on a name that is not a DNS label", () => {
      expect(build({ name: "API" })).toThrow(
        'test/Api: invalid name "API": expected a DNS-1123 label: 1-63 lowercase letters, digits or hyphens, alphanumeric at both ends',
      );
    });

    test("fails on an invalid environment variable name", () => {
      expect(build({ env: { "1BAD": "x" } })).toThrow(
        'test/Api: invalid env "1BAD": expected environment variable names of letters, digits and underscores, not starting with a digit',
      );
    });

    test("fails on a variable set both plainly and from a secret", () => {
      expect(build({ env: { A: "x" }, secretEnv: { A: { secretName: "s", key: "k" } } })).toThrow(
        'test/Api: invalid secretEnv "A": expected a name not also set in env',
      );
    });

    test("fails on autoscaling min above max", () => {
      expect(build({ autoscaling: { minReplicas: 5, maxReplicas: 2 } })).toThrow(
        "test/Api: invalid autoscaling.minReplicas 5: expected at most autoscaling.maxReplicas (2)",
      );
    });

    test("fails on autoscaling to zero", () => {
      expect(build({ autoscaling: { minReplicas: 0, maxReplicas: 2 } })).toThrow(
        "test/Api: invalid autoscaling.minReplicas 0: expected an integer from 1 to 1000",
      );
    });

    test("fails on two scalers", () => {
      expect(build({ autoscaling: { minReplicas: 1, maxReplicas: 2 }, externallyScaled: true })).toThrow(
        'test/Api: invalid autoscaling "set": expected either autoscaling or externallyScaled, not both: two scalers would fight over the replica count',
      );
    });

    test("fails on a probe path without a slash", () => {
      expect(build({ livenessProbe: { path: "health" } })).toThrow('test/Api: invalid livenessProbe.path "health": expected a path starting with "/"');
    });

    test("fails on a writable root", () => {
      expect(build({ writablePaths: ["/"] })).toThrow('test/Api: invalid writablePaths "/": expected absolute paths other than /');
    });
  });
});
