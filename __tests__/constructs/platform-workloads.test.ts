import { Testing } from "cdktf";
import { AgentTeamScaling, AgentTeams, AgentTeamsProps } from "../../constructs/agent-teams";
import { CoreService, CoreServices, CoreServicesProps } from "../../constructs/core-services";
import { DEFAULT_LANGUAGE_CATALOG, LanguageServiceFleet, LanguageServiceFleetProps } from "../../constructs/language-service-fleet";
import { NamespaceGuardrails, NamespaceGuardrailsProps, quotaFor } from "../../constructs/namespace-guardrails";
import { Placement } from "../../constructs/placement";
import { ScaleSchedule } from "../../constructs/scale-schedule";
import { Workload } from "../../constructs/workload";
import { onlyResource, resourcesOf, synthJson, testStack } from "../helpers";

const SPOT = {
  toleration: { key: "kubernetes.azure.com/scalesetpriority", operator: "Equal", value: "spot", effect: "NoSchedule" },
  nodeAffinity: { key: "kubernetes.azure.com/scalesetpriority", operator: "In", values: ["spot"] },
};

const ONE_EACH = Object.fromEntries(Object.values(CoreService).map((k) => [k, 1])) as Record<CoreService, number>;
const CORE: CoreServicesProps = {
  namespace: "platform",
  replicas: { ...ONE_EACH, [CoreService.FEDERATION_CORE]: 3 },
  titans: { models: ["gpt", "claude"], replicasEach: 2 },
  connection: { secretName: "omega-secrets", keys: { mongodbUri: "mongodb-uri", redisUrl: "redis-url" } },
};

function deploymentNamed(json: ReturnType<typeof synthJson>, name: string): Record<string, any> {
  const found = resourcesOf(json, "kubernetes_deployment_v1").find((d: any) => d.metadata.name === name);
  if (!found) throw new Error(`no deployment ${name}`);
  return found as Record<string, any>;
}

describe("CoreServices", () => {
  const { stack } = testStack();
  new CoreServices(stack, "Core", CORE);
  const json = synthJson(stack);

  test("minimal config snapshot", () => {
    const { stack: s } = testStack();
    new CoreServices(s, "Core", { ...CORE, titans: { models: [], replicasEach: 0 } });
    expect(Testing.synth(s)).toMatchSnapshot();
  });

  test("federation-core exactly as seed 004", () => {
    const fed = deploymentNamed(json, "federation-core");
    const c = fed.spec.template.spec.container[0];
    expect(c.image).toBe("omega/federation-core:1.0.0");
    expect(c.port).toEqual([{ name: "http", container_port: 9405, protocol: "TCP" }]);
    expect(c.resources).toEqual({ requests: { cpu: "1000m", memory: "2048Mi" }, limits: { cpu: "2000m", memory: "4096Mi" } });
    expect(c.liveness_probe).toMatchObject({ http_get: { path: "/health/live", port: "9405" }, initial_delay_seconds: 30, period_seconds: 10 });
    expect(c.readiness_probe).toMatchObject({ http_get: { path: "/health/ready", port: "9405" }, initial_delay_seconds: 10, period_seconds: 5 });
    expect(c.env).toEqual([{ name: "MONGODB_URI", value_from: { secret_key_ref: { name: "omega-secrets", key: "mongodb-uri" } } }]);
    expect(fed.spec.replicas).toBe("3");
  });

  test("one Deployment per service and per titan, with the platform label", () => {
    const names = resourcesOf(json, "kubernetes_deployment_v1").map((d: any) => d.metadata.name).sort();
    expect(names).toEqual(
      [
        "agent-registry",
        "capacity-manager",
        "context-server",
        "federation-core",
        "mcp-registry",
        "orchestrator",
        "praetorian-guard",
        "titan-claude",
        "titan-gpt",
        "warden",
      ].sort(),
    );
    for (const d of resourcesOf(json, "kubernetes_deployment_v1") as any[]) {
      expect(d.metadata.labels["app.kubernetes.io/part-of"]).toBe("omega-platform");
    }
  });

  test("a PodDisruptionBudget wherever replicas >= 2, and nowhere else", () => {
    const pdbs = resourcesOf(json, "kubernetes_pod_disruption_budget_v1").map((p: any) => p.metadata.name).sort();
    expect(pdbs).toEqual(["federation-core", "titan-claude", "titan-gpt"]);
  });

  test("context-server reads Redis, the registries read MongoDB", () => {
    expect(deploymentNamed(json, "context-server").spec.template.spec.container[0].env).toEqual([
      { name: "REDIS_URL", value_from: { secret_key_ref: { name: "omega-secrets", key: "redis-url" } } },
    ]);
    expect(deploymentNamed(json, "agent-registry").spec.template.spec.container[0].env[0].name).toBe("MONGODB_URI");
    expect(deploymentNamed(json, "orchestrator").spec.template.spec.container[0].env).toBeUndefined();
  });

  test("a replica count of 0 leaves a service out", () => {
    const { stack: s } = testStack();
    const core = new CoreServices(s, "Core", { ...CORE, replicas: { ...ONE_EACH, [CoreService.WARDEN]: 0 } });
    expect(core.workloads.has("warden")).toBe(false);
  });

  test("tier resources override the catalog's", () => {
    const { stack: s } = testStack();
    new CoreServices(s, "Core", {
      ...CORE,
      resources: { [CoreService.FEDERATION_CORE]: { requests: { cpuMillis: 250, memoryMiB: 256 }, limits: { cpuMillis: 1000, memoryMiB: 512 } } },
    });
    expect(deploymentNamed(synthJson(s), "federation-core").spec.template.spec.container[0].resources).toEqual({
      requests: { cpu: "250m", memory: "256Mi" },
      limits: { cpu: "1000m", memory: "512Mi" },
    });
  });

  test("workloads that read the data layer mount the SecretProviderClass and carry the identity", () => {
    const { stack: s } = testStack();
    new CoreServices(s, "Core", {
      ...CORE,
      connection: {
        ...CORE.connection,
        secretsStore: {
          secretProviderClassName: "omega-data",
          serviceAccountName: "omega-data",
          serviceAccountAnnotations: { "azure.workload.identity/client-id": "cid" },
          podLabels: { "azure.workload.identity/use": "true" },
          volumeName: "secrets-store",
          volume: { driver: "secrets-store.csi.k8s.io", readOnly: true, volumeAttributes: { secretProviderClass: "omega-data" } },
          mountPath: "/mnt/secrets-store",
        },
      },
    });
    const j = synthJson(s);
    const fedDeployment = deploymentNamed(j, "federation-core");
    const fed = fedDeployment.spec.template.spec;
    expect(fed.volume).toContainEqual(expect.objectContaining({ name: "secrets-store" }));
    expect(fed.automount_service_account_token).toBe(false);
    expect(fedDeployment.spec.template.metadata.labels["azure.workload.identity/use"]).toBe("true");
    const sa = (resourcesOf(j, "kubernetes_service_account_v1") as any[]).find((a) => a.metadata.name === "federation-core");
    expect(sa.metadata.annotations).toEqual({ "azure.workload.identity/client-id": "cid" });
    const orch = deploymentNamed(j, "orchestrator").spec.template.spec;
    expect(orch.volume).not.toContainEqual(expect.objectContaining({ name: "secrets-store" }));
    expect(orch.automount_service_account_token).toBe(false);
  });

  test("fails on negative replicas", () => {
    const { stack: s } = testStack();
    expect(() => new CoreServices(s, "Core", { ...CORE, replicas: { ...ONE_EACH, [CoreService.ORCHESTRATOR]: -1 } })).toThrow(
      "test/Core: invalid replicas.orchestrator -1: expected an integer from 0 to 1000",
    );
  });

  test("fails on duplicate service names in the namespace", () => {
    const { stack: s } = testStack();
    expect(() => new CoreServices(s, "Core", { ...CORE, titans: { models: ["gpt", "gpt"], replicasEach: 1 } })).toThrow(
      'test/Core: invalid titans.models "titan-gpt": expected service names unique in the namespace',
    );
  });
});

describe("AgentTeams", () => {
  const TEAMS: AgentTeamsProps = {
    namespace: "agents",
    teams: ["code-gen", "analysis"],
    minReplicas: 0,
    maxReplicas: 50,
    spotPool: SPOT,
    schedule: ScaleSchedule.daily({ timeZone: "America/New_York", startHour: 8, endHour: 18, minReplicas: 5 }),
  };
  const build = (props: Partial<AgentTeamsProps>) => () => new AgentTeams(testStack().stack, "Teams", { ...TEAMS, ...props });
  const { stack } = testStack();
  new AgentTeams(stack, "Teams", TEAMS);
  const json = synthJson(stack);

  test("minimal config snapshot", () => {
    const { stack: s } = testStack();
    new AgentTeams(s, "Teams", { namespace: "agents", teams: ["devops"], minReplicas: 0, maxReplicas: 5, spotPool: SPOT });
    expect(Testing.synth(s)).toMatchSnapshot();
  });

  test("only on spot nodes: the spot toleration and a required node affinity", () => {
    for (const name of ["team-code-gen", "team-analysis"]) {
      const pod = deploymentNamed(json, name).spec.template.spec;
      expect(pod.toleration).toEqual([SPOT.toleration]);
      expect(pod.affinity.node_affinity.required_during_scheduling_ignored_during_execution.node_selector_term[0].match_expressions).toEqual([
        SPOT.nodeAffinity,
      ]);
    }
  });

  test("a KEDA ScaledObject per team: 0..50, demand from capacity-manager, 5 from 08:00 to 18:00 New York", () => {
    const scalers = resourcesOf(json, "kubernetes_manifest").map((m: any) => m.manifest);
    expect(scalers).toHaveLength(2);
    const codeGen = scalers.find((m: any) => m.metadata.name === "team-code-gen");
    expect(codeGen).toMatchObject({
      apiVersion: "keda.sh/v1alpha1",
      kind: "ScaledObject",
      spec: { scaleTargetRef: { name: "team-code-gen" }, minReplicaCount: 0, maxReplicaCount: 50 },
    });
    expect(codeGen.spec.triggers).toEqual([
      {
        type: "metrics-api",
        metadata: {
          url: "http://capacity-manager.platform.svc.cluster.local:9405/api/v1/teams/code-gen/demand",
          valueLocation: "desiredReplicas",
          targetValue: "1",
          format: "json",
        },
      },
      { type: "cron", metadata: { timezone: "America/New_York", start: "0 8 * * *", end: "0 18 * * *", desiredReplicas: "5" } },
    ]);
  });

  test("Terraform leaves the team replica counts to KEDA", () => {
    expect(deploymentNamed(json, "team-analysis").lifecycle).toEqual({ ignore_changes: ["spec[0].replicas"] });
    expect(deploymentNamed(json, "team-analysis").spec.replicas).toBe("0");
  });

  test("fixed scaling (dev): a plain replica count at the maximum, no ScaledObject, any node", () => {
    const { stack: s } = testStack();
    new AgentTeams(s, "Teams", { namespace: "agents", teams: ["devops"], minReplicas: 0, maxReplicas: 1, scaling: AgentTeamScaling.FIXED, runOnSpot: false });
    const j = synthJson(s);
    const d = onlyResource(j, "kubernetes_deployment_v1");
    expect(d.spec.replicas).toBe("1");
    expect(d.lifecycle).toBeUndefined();
    expect(d.spec.template.spec.toleration).toBeUndefined();
    expect(resourcesOf(j, "kubernetes_manifest")).toHaveLength(0);
  });

  test("fails on spot without a spot pool", () => {
    expect(build({ spotPool: undefined })).toThrow(
      "test/Teams: invalid spotPool undefined: expected a spot pool when runOnSpot is true (set runOnSpot: false where the cluster has none)",
    );
  });

  test("fails on an unknown time zone", () => {
    expect(build({ schedule: ScaleSchedule.daily({ timeZone: "New York", startHour: 8, endHour: 18, minReplicas: 5 }) })).toThrow(
      'test/Teams: invalid schedule.timeZone "New York": expected an IANA time zone such as America/New_York',
    );
  });

  test("fails on an hour that is not a time of day", () => {
    expect(build({ schedule: ScaleSchedule.daily({ timeZone: "UTC", startHour: 25, endHour: 26, minReplicas: 5 }) })).toThrow(
      "test/Teams: invalid schedule.startHour 25: expected an integer from 0 to 23",
    );
  });

  test("fails on a window that ends before it starts", () => {
    expect(build({ schedule: ScaleSchedule.daily({ timeZone: "UTC", startHour: 18, endHour: 8, minReplicas: 5 }) })).toThrow(
      "test/Teams: invalid schedule.endHour 8: expected an hour after schedule.startHour (18)",
    );
  });

  test("fails on a window floor above the maximum", () => {
    expect(build({ schedule: ScaleSchedule.daily({ timeZone: "UTC", startHour: 8, endHour: 18, minReplicas: 60 }) })).toThrow(
      "test/Teams: invalid schedule.minReplicas 60: expected an integer from 0 to 50",
    );
  });

  test("fails on min above max", () => {
    expect(build({ minReplicas: 6, maxReplicas: 5 })).toThrow("test/Teams: invalid minReplicas 6: expected at most maxReplicas (5)");
  });

  test("fails on negative replicas", () => {
    expect(build({ minReplicas: -1 })).toThrow("test/Teams: invalid minReplicas -1: expected an integer from 0 to 1000");
  });

  test("fails on duplicate teams", () => {
    expect(build({ teams: ["devops", "devops"] })).toThrow('test/Teams: invalid teams[1] "devops": expected team names unique in the namespace');
  });

  test("fails on a schedule without KEDA", () => {
    expect(build({ scaling: AgentTeamScaling.FIXED })).toThrow(
      'test/Teams: invalid schedule "set": expected no schedule with fixed scaling: only KEDA applies schedules',
    );
  });
});

describe("LanguageServiceFleet", () => {
  const FLEET: LanguageServiceFleetProps = { namespace: "languages", warmReplicas: 2, maxReplicas: 10, callers: { namespaces: ["platform", "agents"] }, monitoringNamespace: "observability" };
  const { stack } = testStack();
  new LanguageServiceFleet(stack, "Fleet", FLEET);
  const json = synthJson(stack);
  const build = (props: Partial<LanguageServiceFleetProps>) => () => new LanguageServiceFleet(testStack().stack, "Fleet", { ...FLEET, ...props });

  test("minimal config snapshot", () => {
    const { stack: s } = testStack();
    new LanguageServiceFleet(s, "Fleet", { namespace: "languages", warmReplicas: 1, maxReplicas: 1, callers: { namespaces: ["platform"] }, catalog: DEFAULT_LANGUAGE_CATALOG.slice(0, 1) });
    expect(Testing.synth(s)).toMatchSnapshot();
  });

  test("eight languages with seed 001's limits where it gives them", () => {
    const limits = Object.fromEntries(
      resourcesOf(json, "kubernetes_deployment_v1").map((d: any) => [d.metadata.name, d.spec.template.spec.container[0].resources.limits]),
    );
    expect(Object.keys(limits).sort()).toEqual(
      ["lang-assembly", "lang-c", "lang-haskell", "lang-idris2", "lang-java", "lang-lisp", "lang-python", "lang-system-f"],
    );
    expect(limits["lang-c"]).toEqual({ cpu: "500m", memory: "256Mi" });
    expect(limits["lang-python"]).toEqual({ cpu: "500m", memory: "256Mi" });
    expect(limits["lang-haskell"]).toEqual({ cpu: "1000m", memory: "512Mi" });
  });

  test("GET /capabilities every 30 s, pinned images, the sandbox defaults", () => {
    for (const d of resourcesOf(json, "kubernetes_deployment_v1") as any[]) {
      const pod = d.spec.template.spec;
      const c = pod.container[0];
      expect(c.liveness_probe).toMatchObject({ http_get: { path: "/capabilities" }, period_seconds: 30 });
      expect(c.readiness_probe).toMatchObject({ http_get: { path: "/capabilities" }, period_seconds: 30 });
      expect(c.image).toMatch(/^omega\/lang-[a-z0-9-]+:\d+\.\d+\.\d+$/);
      expect(c.security_context).toMatchObject({ run_as_non_root: true, read_only_root_filesystem: true, allow_privilege_escalation: false, capabilities: { drop: ["ALL"] }, seccomp_profile: { type: "RuntimeDefault" } });
      expect(pod.automount_service_account_token).toBe(false);
    }
  });

  test("a warm pool of 2 that an HPA grows to 10, per language", () => {
    const hpas = resourcesOf(json, "kubernetes_horizontal_pod_autoscaler_v2") as any[];
    expect(hpas).toHaveLength(8);
    for (const hpa of hpas) expect(hpa.spec).toMatchObject({ min_replicas: 2, max_replicas: 10 });
  });

  test("no egress at all, ingress only from the platform's callers and the scraper", () => {
    const policies = resourcesOf(json, "kubernetes_network_policy_v1") as any[];
    expect(policies).toHaveLength(8);
    for (const p of policies) {
      expect(p.spec.policy_types).toEqual(["Ingress", "Egress"]);
      expect(p.spec.egress).toEqual([]);
      expect(p.spec.ingress[0].from).toEqual([
        { namespace_selector: { match_labels: { "kubernetes.io/metadata.name": "platform" } }, pod_selector: { match_labels: { "app.kubernetes.io/part-of": "omega-platform" } } },
        { namespace_selector: { match_labels: { "kubernetes.io/metadata.name": "agents" } }, pod_selector: { match_labels: { "app.kubernetes.io/part-of": "omega-platform" } } },
      ]);
      expect(p.spec.ingress[1].from).toEqual([{ namespace_selector: { match_labels: { "kubernetes.io/metadata.name": "observability" } } }]);
    }
  });

  test("the catalog can be extended", () => {
    const { stack: s } = testStack();
    const fleet = new LanguageServiceFleet(s, "Fleet", {
      ...FLEET,
      catalog: [...DEFAULT_LANGUAGE_CATALOG, { id: "rust", displayName: "Rust", image: "omega/lang-rust:1.0.0", baseImage: "rust:1.80-slim", limits: { cpuMillis: 1000, memoryMiB: 1024 } }],
    });
    expect(fleet.workloads.has("lang-rust")).toBe(true);
    expect(fleet.workloads.size).toBe(9);
  });

  test("sandboxed placement reaches every language", () => {
    const { stack: s } = testStack();
    new LanguageServiceFleet(s, "Fleet", {
      ...FLEET,
      placement: Placement.sandboxed({ runtimeClassName: "kata-vm-isolation", poolName: "sandbox" }),
    });
    for (const d of resourcesOf(synthJson(s), "kubernetes_deployment_v1") as any[]) {
      expect(d.spec.template.spec.runtime_class_name).toBe("kata-vm-isolation");
    }
  });

  test("fails on warm replicas above the maximum", () => {
    expect(build({ warmReplicas: 11 })).toThrow("test/Fleet: invalid warmReplicas 11: expected at most maxReplicas (10)");
  });

  test("fails on an unpinned image in the catalog", () => {
    expect(build({ catalog: [{ ...DEFAULT_LANGUAGE_CATALOG[0], image: "omega/lang-c:latest" }] })).toThrow(
      'test/Fleet/c: invalid image "omega/lang-c:latest": expected an image pinned to a version tag or a digest, never :latest or untagged',
    );
  });

  test("fails on duplicate languages", () => {
    expect(build({ catalog: [DEFAULT_LANGUAGE_CATALOG[0], DEFAULT_LANGUAGE_CATALOG[0]] })).toThrow(
      'test/Fleet: invalid catalog[1].id "c": expected language ids unique in the namespace',
    );
  });

  test("fails without callers", () => {
    expect(build({ callers: { namespaces: [] } })).toThrow("test/Fleet: invalid callers.namespaces []: expected at least one namespace allowed to call the fleet");
  });
});

describe("NamespaceGuardrails", () => {
  const QUOTA = { requests: { cpuMillis: 1000, memoryMiB: 2048 }, limits: { cpuMillis: 2000, memoryMiB: 4096 }, pods: 10 };
  const PROPS: NamespaceGuardrailsProps = { namespace: "platform", quota: QUOTA, ingressFromNamespaces: ["agents"], egressToNamespaces: ["languages"], externalEgressPorts: [443] };
  const { stack } = testStack();
  new NamespaceGuardrails(stack, "Guard", PROPS);
  const json = synthJson(stack);
  const policy = (name: string) => (resourcesOf(json, "kubernetes_network_policy_v1") as any[]).find((p) => p.metadata.name === name);

  test("minimal config snapshot", () => {
    const { stack: s } = testStack();
    new NamespaceGuardrails(s, "Guard", { namespace: "platform", quota: QUOTA });
    expect(Testing.synth(s)).toMatchSnapshot();
  });

  test("a default-deny policy for ingress and egress", () => {
    expect(policy("default-deny").spec).toEqual({ pod_selector: {}, policy_types: ["Ingress", "Egress"] });
  });

  test("allows: own namespace and the named ones, DNS, external 443 outside private ranges", () => {
    const allow = policy("allow-platform-traffic").spec;
    const ns = (n: string) => ({ namespace_selector: { match_labels: { "kubernetes.io/metadata.name": n } } });
    expect(allow.ingress).toEqual([{ from: [ns("platform"), ns("agents")] }]);
    expect(allow.egress).toEqual([
      { to: [ns("platform"), ns("languages")] },
      { to: [ns("kube-system")], ports: [{ port: "53", protocol: "UDP" }, { port: "53", protocol: "TCP" }] },
      {
        to: [{ ip_block: { cidr: "0.0.0.0/0", except: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"] } }],
        ports: [{ port: "443", protocol: "TCP" }],
      },
    ]);
  });

  test("a ResourceQuota and a LimitRange", () => {
    expect(onlyResource(json, "kubernetes_resource_quota_v1").spec.hard).toEqual({
      "requests.cpu": "1000m",
      "requests.memory": "2048Mi",
      "limits.cpu": "2000m",
      "limits.memory": "4096Mi",
      pods: "10",
    });
    expect(onlyResource(json, "kubernetes_limit_range_v1").spec.limit[0]).toMatchObject({
      type: "Container",
      default_request: { cpu: "100m", memory: "128Mi" },
      default: { cpu: "500m", memory: "512Mi" },
      max: { cpu: "4000m", memory: "8192Mi" },
    });
  });

  test("a namespace that allows nothing gets only the default deny", () => {
    const { stack: s } = testStack();
    new NamespaceGuardrails(s, "Guard", { namespace: "languages", quota: QUOTA, intraNamespace: false, dnsEgress: false });
    expect((resourcesOf(synthJson(s), "kubernetes_network_policy_v1") as any[]).map((p) => p.metadata.name)).toEqual(["default-deny"]);
  });

  test("quotaFor sizes a namespace from its workloads at maximum scale, with 25% headroom", () => {
    const { stack: s } = testStack();
    const w = new Workload(s, "W", { name: "w", namespace: "platform", image: "w:1.0.0", port: 80, requests: { cpuMillis: 1000, memoryMiB: 2048 }, limits: { cpuMillis: 2000, memoryMiB: 4096 } });
    expect(quotaFor([{ workload: w, maxReplicas: 4 }])).toEqual({
      requests: { cpuMillis: 5000, memoryMiB: 10240 },
      limits: { cpuMillis: 10000, memoryMiB: 20480 },
      pods: 5,
    });
  });

  test("quotaFor adds a RuntimeClass's pod overhead (Kata's 600Mi) to every pod's requests and limits", () => {
    const { stack: s } = testStack();
    const w = new Workload(s, "W", { name: "w", namespace: "languages", image: "w:1.0.0", port: 80, requests: { cpuMillis: 250, memoryMiB: 128 }, limits: { cpuMillis: 500, memoryMiB: 256 } });
    expect(quotaFor([{ workload: w, maxReplicas: 4, podOverhead: { cpuMillis: 0, memoryMiB: 600 } }])).toEqual({
      requests: { cpuMillis: 1300, memoryMiB: 3712 },
      limits: { cpuMillis: 2500, memoryMiB: 4352 },
      pods: 5,
    });
  });

  test("fails on quota limits below requests", () => {
    const { stack: s } = testStack();
    expect(() => new NamespaceGuardrails(s, "Guard", { namespace: "platform", quota: { ...QUOTA, limits: { cpuMillis: 500, memoryMiB: 4096 } } })).toThrow(
      'test/Guard: invalid quota.limits {"cpuMillis":500,"memoryMiB":4096}: expected limits at least as large as requests',
    );
  });

  test("fails on an external port outside 1-65535", () => {
    const { stack: s } = testStack();
    expect(() => new NamespaceGuardrails(s, "Guard", { ...PROPS, externalEgressPorts: [70000] })).toThrow(
      "test/Guard: invalid externalEgressPorts 70000: expected an integer from 1 to 65535",
    );
  });
});
