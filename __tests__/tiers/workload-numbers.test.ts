import { buildPlatform } from "../../stacks/platform-app";
import { DEV_TIER } from "../../tiers/dev";
import { ENTERPRISE_TIER } from "../../tiers/enterprise";
import { SMALL_PROD_TIER } from "../../tiers/small-prod";
import { SynthJson, resourcesOf, synthApp } from "../helpers";

// Every service's replica count in every tier, read back from the synthesized workloads stacks.

const json = synthApp((app) => buildPlatform(app, { platformName: "omega" }));

function stack(name: string): SynthJson {
  const found = json.get(name);
  if (!found) throw new Error(`no stack ${name}`);
  return found;
}

function deployments(s: SynthJson): Map<string, Record<string, any>> {
  return new Map((resourcesOf(s, "kubernetes_deployment_v1") as Record<string, any>[]).map((d) => [d.metadata.name, d]));
}

const replicas = (s: SynthJson) => Object.fromEntries([...deployments(s)].map(([name, d]) => [name, Number(d.spec.replicas)]));

const TITANS = ["gpt", "claude", "gemini", "grok", "augment"];
const LANGS = ["assembly", "c", "haskell", "idris2", "java", "lisp", "python", "system-f"];

function expected(core: Record<string, number>, titanEach: number, teams: number, langs: number): Record<string, number> {
  return {
    ...core,
    ...Object.fromEntries(TITANS.map((t) => [`titan-${t}`, titanEach])),
    ...Object.fromEntries(["code-gen", "analysis", "devops"].map((t) => [`team-${t}`, teams])),
    ...Object.fromEntries(LANGS.map((l) => [`lang-${l}`, langs])),
  };
}

describe("replicas of every service, per tier", () => {
  test("dev: one of everything, teams at their fixed count of 1, one warm pod per language", () => {
    expect(replicas(stack("dev"))).toEqual(
      expected(
        { "federation-core": 1, "context-server": 1, "agent-registry": 1, "mcp-registry": 1, orchestrator: 1, "praetorian-guard": 1, warden: 1, "capacity-manager": 1 },
        1,
        DEV_TIER.agentTeams.replicas.max,
        1,
      ),
    );
  });

  test("small-prod: 3/3/2/2/2, titans 1 each, 1/1/1, teams from 0, languages from 1", () => {
    expect(replicas(stack("small-prod-workloads"))).toEqual(
      expected(
        // The edge's token check (oauth2-proxy) runs as many replicas as the tier's gateway: 2.
        { "federation-core": 3, "context-server": 3, "agent-registry": 2, "mcp-registry": 2, orchestrator: 2, "praetorian-guard": 1, warden: 1, "capacity-manager": 1, "oauth2-proxy": 2 },
        1,
        0,
        SMALL_PROD_TIER.languageServices!.warmReplicas,
      ),
    );
  });

  test.each(["eastus", "westeurope", "southeastasia"])("enterprise %s: 5/5/3/3/3, titans 3 each, 2/2/2, languages from 2", (region) => {
    expect(replicas(stack(`enterprise-${region}-workloads`))).toEqual(
      expected(
        { "federation-core": 5, "context-server": 5, "agent-registry": 3, "mcp-registry": 3, orchestrator: 3, "praetorian-guard": 2, warden: 2, "capacity-manager": 2, "oauth2-proxy": 3 },
        3,
        0,
        ENTERPRISE_TIER.languageServices!.warmReplicas,
      ),
    );
  });
});

describe("placement and scaling", () => {
  test("the perimeter runs on the always-on pool in AKS tiers and anywhere in dev", () => {
    for (const name of ["small-prod-workloads", "enterprise-eastus-workloads"]) {
      for (const [service, d] of deployments(stack(name))) {
        if (service.startsWith("team-") || service.startsWith("lang-")) continue;
        expect([name, service, d.spec.template.spec.node_selector]).toEqual([name, service, { "kubernetes.azure.com/agentpool": "alwayson" }]);
      }
    }
    for (const d of deployments(stack("dev")).values()) expect(d.spec.template.spec.node_selector).toBeUndefined();
  });

  test("agent teams tolerate the spot taint and require spot nodes", () => {
    for (const name of ["small-prod-workloads", "enterprise-westeurope-workloads"]) {
      for (const [service, d] of deployments(stack(name))) {
        if (!service.startsWith("team-")) continue;
        const pod = d.spec.template.spec;
        expect(pod.toleration).toEqual([{ key: "kubernetes.azure.com/scalesetpriority", operator: "Equal", value: "spot", effect: "NoSchedule" }]);
        expect(pod.affinity.node_affinity.required_during_scheduling_ignored_during_execution.node_selector_term[0].match_expressions).toEqual([
          { key: "kubernetes.azure.com/scalesetpriority", operator: "In", values: ["spot"] },
        ]);
      }
    }
  });

  test("teams scale with KEDA: small-prod 0..5 on demand; enterprise 0..50 with 5 from 08:00 to 18:00 New York every day", () => {
    const scalers = (s: string) =>
      (resourcesOf(stack(s), "kubernetes_manifest") as any[]).map((m) => m.manifest).filter((m) => m.kind === "ScaledObject");
    const small = scalers("small-prod-workloads");
    expect(small).toHaveLength(3);
    for (const m of small) {
      expect(m.spec).toMatchObject({ minReplicaCount: 0, maxReplicaCount: 5 });
      expect(m.spec.triggers.map((t: any) => t.type)).toEqual(["metrics-api"]);
    }
    const enterprise = scalers("enterprise-southeastasia-workloads");
    expect(enterprise).toHaveLength(3);
    for (const m of enterprise) {
      expect(m.spec).toMatchObject({ minReplicaCount: 0, maxReplicaCount: 50 });
      expect(m.spec.triggers[1]).toEqual({
        type: "cron",
        metadata: { timezone: "America/New_York", start: "0 8 * * *", end: "0 18 * * *", desiredReplicas: "5" },
      });
    }
    expect(resourcesOf(stack("dev"), "kubernetes_manifest")).toHaveLength(0);
  });

  test("the language services run in Kata VMs on the sandbox pool: small-prod's regular, enterprise's spot (both taints tolerated)", () => {
    const langs = (s: string) => [...deployments(stack(s))].filter(([svc]) => svc.startsWith("lang-"));
    const sandboxToleration = { key: "sandbox", operator: "Equal", value: "kata", effect: "NoSchedule" };
    const spotToleration = { key: "kubernetes.azure.com/scalesetpriority", operator: "Equal", value: "spot", effect: "NoSchedule" };
    for (const [name, tolerations] of [
      ["small-prod-workloads", [sandboxToleration]],
      ["enterprise-eastus-workloads", [sandboxToleration, spotToleration]],
    ] as const) {
      expect(langs(name)).toHaveLength(8);
      for (const [, d] of langs(name)) {
        const pod = d.spec.template.spec;
        expect(pod.runtime_class_name).toBe("kata-vm-isolation");
        expect(pod.node_selector).toEqual({ "kubernetes.azure.com/agentpool": "sandbox" });
        expect(pod.toleration).toEqual(tolerations);
        expect(pod.affinity).toBeUndefined();
      }
    }
    const pools = (s: string) => (resourcesOf(stack(s), "azurerm_kubernetes_cluster_node_pool") as any[]).map((p) => p.name).sort();
    expect(pools("small-prod")).toEqual(["sandbox", "spot"]);
    for (const region of ["eastus", "westeurope", "southeastasia"]) expect(pools(`enterprise-${region}`)).toEqual(["sandbox", "spot"]);
  });

  test("the languages namespace's quota counts Kata's 600 MiB a pod where the fleet is sandboxed", () => {
    const quota = (s: string) =>
      (resourcesOf(stack(s), "kubernetes_resource_quota_v1") as any[]).find((q) => q.metadata.namespace.includes("languages") || q.metadata.namespace === "languages");
    // small-prod: 8 languages x 3 pods; requests 1600 MiB x 3 + 24 x 600 MiB = 19,200 MiB, x 1.25 = 24,000 MiB.
    expect(quota("small-prod-workloads").spec.hard).toMatchObject({ "requests.memory": "24064Mi", pods: "30" });
    // enterprise: 8 languages x 10 pods; requests 1600 MiB x 10 + 80 x 600 MiB = 64,000 MiB, x 1.25 = 80,000 MiB.
    expect(quota("enterprise-eastus-workloads").spec.hard).toMatchObject({ "requests.memory": "80000Mi", pods: "100" });
  });

  test("language services: warm pools and HPA maxima per tier", () => {
    const bounds = (s: string) => [...new Set((resourcesOf(stack(s), "kubernetes_horizontal_pod_autoscaler_v2") as any[]).map((h) => `${h.spec.min_replicas}..${h.spec.max_replicas}`))];
    expect(bounds("dev")).toEqual(["1..1"]);
    expect(bounds("small-prod-workloads")).toEqual(["1..3"]);
    expect(bounds("enterprise-eastus-workloads")).toEqual(["2..10"]);
  });
});

describe("guardrails in every cluster stack", () => {
  test.each(["dev", "small-prod-workloads", "enterprise-eastus-workloads"])("%s: PDBs for replicas >= 2, default deny in all four namespaces (and the edge's in AKS tiers), quotas where pods do not follow nodes", (name) => {
    const s = stack(name);
    const edge = name === "dev" ? [] : ["edge"];
    const withTwo = [...deployments(s)].filter(([, d]) => Number(d.spec.replicas) >= 2).map(([svc]) => svc).sort();
    const pdbs = (resourcesOf(s, "kubernetes_pod_disruption_budget_v1") as any[]).map((p) => p.metadata.name).sort();
    expect(pdbs).toEqual(withTwo);
    const policies = resourcesOf(s, "kubernetes_network_policy_v1") as any[];
    const namespaceOf = (p: any) => String(p.metadata.namespace).replace(/^.*Namespaces_([a-z]+)_.*$/, "$1");
    expect(policies.filter((p) => p.metadata.name === "default-deny").map(namespaceOf).sort()).toEqual(["agents", ...edge, "languages", "observability", "platform"]);
    expect(policies.filter((p) => p.metadata.name.endsWith("-isolation"))).toHaveLength(8);
    // Observability runs DaemonSets that grow with the node count: a quota would keep them off new nodes.
    expect((resourcesOf(s, "kubernetes_resource_quota_v1") as any[]).map(namespaceOf).sort()).toEqual(["agents", ...edge, "languages", "platform"]);
    expect(resourcesOf(s, "kubernetes_limit_range_v1")).toHaveLength(4 + edge.length);
    const observability = policies.find((p) => p.metadata.name === "allow-platform-traffic" && namespaceOf(p) === "observability");
    expect(observability.spec.egress[0]).toEqual({});
    expect(observability.spec.ingress[0].from.map((f: any) => String(f.namespace_selector.match_labels["kubernetes.io/metadata.name"]).replace(/^.*Namespaces_([a-z]+)_.*$/, "$1"))).toEqual([
      "observability",
      "platform",
      "agents",
    ]);
  });

  test("every container sets requests and limits within its namespace's quota", () => {
    for (const name of ["small-prod-workloads", "enterprise-eastus-workloads"]) {
      for (const d of deployments(stack(name)).values()) {
        const r = d.spec.template.spec.container[0].resources;
        expect(Object.keys(r.requests).sort()).toEqual(["cpu", "memory"]);
        expect(Object.keys(r.limits).sort()).toEqual(["cpu", "memory"]);
      }
    }
  });

  test("the platform quota covers the perimeter at its replica counts with 25% headroom", () => {
    const quota = (resourcesOf(stack("small-prod-workloads"), "kubernetes_resource_quota_v1") as any[]).find((q) =>
      String(q.metadata.namespace).includes("platform"),
    );
    // 3 x 1000m (federation-core) + 17 x 250m (the rest) = 7250m, x 1.25 = 9062.5 -> 9100m.
    expect(quota.spec.hard["requests.cpu"]).toBe("9100m");
    // 3 x 2048Mi + 17 x 512Mi = 14848Mi, x 1.25 = 18560Mi -> 18560Mi (a multiple of 128).
    expect(quota.spec.hard["requests.memory"]).toBe("18560Mi");
  });
});

describe("capacity", () => {
  // Allocatable per node after AKS reservations (kube-reserved CPU, 20 MB x 250 pods + 50 MB of memory,
  // 100 Mi eviction threshold), from the AKS "resource reservations" documentation.
  const ALLOCATABLE: Record<string, { cpuMillis: number; memoryMiB: number }> = {
    Standard_D4s_v5: { cpuMillis: 3860, memoryMiB: 16384 - 5050 - 100 },
    Standard_D8s_v5: { cpuMillis: 7820, memoryMiB: 32768 - 5050 - 100 },
  };
  const parse = (q: string) => Number(q.replace(/(m|Mi)$/, ""));

  test.each([
    ["small-prod-workloads", SMALL_PROD_TIER],
    ["enterprise-eastus-workloads", ENTERPRISE_TIER],
  ] as const)("%s: what runs on the always-on pool fits it with a third left for add-ons and monitoring", (name, tier) => {
    const pool = tier.cluster!.alwaysOnPool;
    const node = ALLOCATABLE[pool.vmSize];
    let cpu = 0;
    let memory = 0;
    const onPool = [...deployments(stack(name))].filter(([, d]) => d.spec.template.spec.node_selector?.["kubernetes.azure.com/agentpool"] === "alwayson");
    expect(onPool.length).toBeGreaterThanOrEqual(13);
    for (const [, d] of onPool) {
      const r = d.spec.template.spec.container[0].resources.requests;
      cpu += parse(r.cpu) * Number(d.spec.replicas);
      memory += parse(r.memory) * Number(d.spec.replicas);
    }
    expect(cpu).toBeLessThanOrEqual(node.cpuMillis * pool.nodeCount * (2 / 3));
    expect(memory).toBeLessThanOrEqual(node.memoryMiB * pool.nodeCount * (2 / 3));
  });
});

describe("Grafana's admin login", () => {
  test.each(["small-prod", "enterprise-eastus"])(
    "%s: generated by the chart into its own Secret, so the atomic release waits for nothing no stack creates; never a Helm value",
    (name) => {
      const workloads = stack(`${name}-workloads`);
      const classes = (resourcesOf(workloads, "kubernetes_manifest") as any[]).map((m) => m.manifest).filter((m) => m.kind === "SecretProviderClass");
      // The data layer's and the edge gateway's (its certificate and token-check keys): none for Grafana.
      expect(classes.map((m) => m.metadata.name).sort()).toEqual(["edge-secrets", "omega-data"]);
      const metrics = (resourcesOf(workloads, "helm_release") as any[]).find((r) => r.chart === "kube-prometheus-stack");
      expect(metrics).toMatchObject({ atomic: true, timeout: 900 });
      const values = JSON.parse(metrics.values[0]);
      expect(values.grafana.admin).toBeUndefined();
      expect(values.grafana.adminPassword).toBeUndefined();
      expect(values.grafana.extraSecretMounts).toBeUndefined();
      // Loki, Tempo and Alloy install after it.
      // (The edge's Traefik is not part of the observability stack and waits for none of it.)
      const after = (resourcesOf(workloads, "helm_release") as any[]).filter((r) => r.chart !== "kube-prometheus-stack" && r.chart !== "traefik");
      expect(after.map((r) => r.chart).sort()).toEqual(["alloy", "loki", "tempo"]);
      for (const release of after) expect(release.depends_on).toEqual([expect.stringMatching(/^helm_release\.Observability_Metrics_/)]);
      const platform = stack(name);
      const subjects = (resourcesOf(platform, "azurerm_federated_identity_credential") as any[]).map((c) => c.subject);
      expect(subjects).toContain("system:serviceaccount:observability:loki");
      expect(subjects).not.toContain("system:serviceaccount:observability:grafana");
    },
  );
});
