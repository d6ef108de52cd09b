import { Testing } from "cdktf";
import { KubernetesProvider } from "../../providers/kubernetes/provider";
import { Workload } from "../../constructs/workload";
import { ExampleStack } from "../../examples/example-stacks";
import { MAX_REPLICAS_PER_WORKLOAD, REFINORY_REPOSITORY, buildRefinory } from "../../examples/refinory-gitops/main";
import { PolicyProfile } from "../../policies/policy-profile";
import { policyReport } from "../../policies/policy-report";
import { SynthJson, synthApp } from "../helpers";

const all = (json: SynthJson, type: string) => Object.values(json.resource?.[type] ?? {}) as Record<string, any>[];

describe("example: the Mojo/Refinory services with GitOps (seed 002)", () => {
  const stacks = synthApp((app) => void buildRefinory(app));
  const nonprod = stacks.get("refinory-nonprod-workloads") as SynthJson;
  const prod = stacks.get("refinory-prod-workloads") as SynthJson;

  test("decision 4: dev and staging share a cluster in their own namespaces; production has a cluster of its own", () => {
    expect([...stacks.keys()]).toEqual(["refinory-nonprod", "refinory-nonprod-workloads", "refinory-prod", "refinory-prod-workloads"]);
    const names = (json: SynthJson) => all(json, "kubernetes_namespace_v1").map((n) => n.metadata.name).sort();
    expect(names(nonprod)).toEqual(["refinory-dev", "refinory-edge", "refinory-staging"]);
    expect(names(prod)).toEqual(["refinory-edge", "refinory-production"]);
    expect(all(stacks.get("refinory-nonprod") as SynthJson, "azurerm_kubernetes_cluster")).toHaveLength(1);
    expect(all(stacks.get("refinory-prod") as SynthJson, "azurerm_kubernetes_cluster")).toHaveLength(1);
  });

  test("the seed's resource allocation table, in every environment", () => {
    const table: Record<string, [string, string, string, string]> = {
      "discord-bot": ["100m", "128Mi", "500m", "512Mi"],
      "event-gateway": ["100m", "128Mi", "500m", "512Mi"],
      "refinory-ai": ["500m", "1024Mi", "2000m", "4096Mi"],
      "jdk-workspace": ["500m", "512Mi", "2000m", "2048Mi"],
    };
    for (const json of [nonprod, prod]) {
      const deployments = all(json, "kubernetes_deployment_v1");
      expect(deployments).toHaveLength(json === nonprod ? 8 : 4);
      for (const d of deployments) {
        const r = d.spec.template.spec.container[0].resources;
        expect([r.requests.cpu, r.requests.memory, r.limits.cpu, r.limits.memory]).toEqual(table[d.metadata.name]);
      }
    }
  });

  test("decision 3: the Flux extension on each cluster, a namespace-scoped configuration per environment that syncs and prunes", () => {
    const extension = all(stacks.get("refinory-prod") as SynthJson, "azurerm_kubernetes_cluster_extension")[0];
    expect(extension.extension_type).toBe("microsoft.flux");
    expect(extension.release_namespace).toBe("flux-system");
    const configs = all(nonprod, "azurerm_kubernetes_flux_configuration");
    expect(configs.map((c) => [c.name, c.scope, c.git_repository.url, c.git_repository.reference_type, c.git_repository.reference_value, c.kustomizations[0].path, c.kustomizations[0].garbage_collection_enabled])).toEqual([
      ["refinory-dev", "namespace", REFINORY_REPOSITORY, "branch", "main", "clusters/nonprod/dev", true],
      ["refinory-staging", "namespace", REFINORY_REPOSITORY, "branch", "main", "clusters/nonprod/staging", true],
    ]);
    expect(all(prod, "azurerm_kubernetes_flux_configuration").map((c) => c.kustomizations[0].path)).toEqual(["clusters/prod/production"]);
  });

  test("Traefik in front with TLS and a rate limit per environment", () => {
    const values = JSON.parse(all(prod, "helm_release")[0].values[0]);
    const limits = values.extraObjects.filter((o: any) => o.kind === "Middleware" && o.spec.rateLimit).map((o: any) => o.spec.rateLimit);
    expect(limits).toEqual([
      { average: 50, period: "1s", burst: 100 },
      { average: 50, period: "1s", burst: 100 },
      { average: 50, period: "1s", burst: 100 },
    ]);
    expect(values.tlsStore.default.defaultCertificate.secretName).toBe("refinory-tls");
    expect(values.ports.websecure.http.tls.enabled).toBe(true);
  });

  test("autoscaling with cost constraints: HPA bounds per environment, within the profile's cap", () => {
    const bounds = (json: SynthJson) => [...new Set(all(json, "kubernetes_horizontal_pod_autoscaler_v2").map((h) => `${h.spec.min_replicas}..${h.spec.max_replicas}`))];
    expect(bounds(nonprod)).toEqual(["1..2", "1..3"]);
    expect(bounds(prod)).toEqual(["2..6"]);
  });

  test("fails synthesis's policy check when an autoscaler bound is above the cap (CostPack-HorizontalScalingBounded)", () => {
    const app = Testing.app();
    const stack = new ExampleStack(app, "refinory-over-cap", PolicyProfile.production({ maxReplicasPerWorkload: MAX_REPLICAS_PER_WORKLOAD }));
    new KubernetesProvider(stack, "kubernetes", { configPath: "~/.kube/config" });
    new Workload(stack, "Ai", { name: "refinory-ai", namespace: "refinory-production", image: "refinory/refinory-ai:0.5.0", port: 8080, autoscaling: { minReplicas: 2, maxReplicas: 20 } });
    expect(() => app.synth()).toThrow(
      /\[refinory-over-cap\/Ai\/Autoscaler\] CostPack-HorizontalScalingBounded: the maximum replica count 20 is above the tier's cap of 10 replicas per workload/,
    );
    const finding = policyReport(app).stacks[0].findings.find((f) => f.ruleId === "CostPack-HorizontalScalingBounded");
    expect(finding?.status).toBe("non-compliant");
    expect(finding?.message).toBe("the maximum replica count 20 is above the tier's cap of 10 replicas per workload");
  });
});
