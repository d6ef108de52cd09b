import { App, Testing } from "cdktf";
import { Workload } from "../../constructs/workload";
import { buildObinexus, obinexusServices } from "../../examples/obinexus-iaas/main";
import { imagePinned } from "../../policies/rules/kubernetes/image-pinned";
import { policyReport } from "../../policies/policy-report";
import { evaluate, deployment, nonCompliant } from "../policies/rule-harness";
import { SynthJson, synthApp, testStack } from "../helpers";

/** The image seed 000 deploys, floating on the latest tag. */
const SEED_IMAGE = "obinexus/polycall:latest";

function byName(json: SynthJson, type: string, name: string): Record<string, any> {
  const found = Object.values(json.resource?.[type] ?? {}).find((r: any) => r.metadata?.name === name);
  if (!found) throw new Error(`no ${type} named ${name}`);
  return found as Record<string, any>;
}

describe("example: OBINexus IaaS (seed 000)", () => {
  const stacks = synthApp((app) => void buildObinexus(app));
  const workloads = stacks.get("obinexus-iaas-workloads") as SynthJson;

  test("two stacks: the cluster, and what runs on it", () => {
    expect([...stacks.keys()]).toEqual(["obinexus-iaas", "obinexus-iaas-workloads"]);
  });

  test("polycall-service as the seed has it: namespace obinexus-iaas, 3 replicas, limits 256Mi / 500m, port 8080, args", () => {
    const d = byName(workloads, "kubernetes_deployment_v1", "polycall-service");
    expect(d.metadata.namespace).toMatch(/kubernetes_namespace_v1\.Namespaces_obinexus-iaas_/);
    expect(d.spec.replicas).toBe("3");
    const c = d.spec.template.spec.container[0];
    expect(c.resources.limits).toEqual({ cpu: "500m", memory: "256Mi" });
    expect(c.port).toEqual([{ name: "http", container_port: 8080, protocol: "TCP" }]);
    expect(c.args).toEqual(["config", "--hotwire", "enable"]);
    expect(d.spec.template.metadata.labels.app).toBe("polycall");
  });

  test("the seed's ClusterIP Service on 80 forwards to the container's 8080", () => {
    const s = byName(workloads, "kubernetes_service_v1", "polycall-service");
    expect(s.spec.type).toBe("ClusterIP");
    expect(s.spec.port).toEqual([{ name: "http", port: 80, target_port: "http", protocol: "TCP" }]);
  });

  test("the seed's image obinexus/polycall:latest is rejected by Workload, with the exact error", () => {
    const { stack } = testStack("obinexus");
    const [polycall] = obinexusServices();
    expect(() => new Workload(stack, "Polycall", { ...polycall, image: SEED_IMAGE })).toThrow(
      'obinexus/Polycall: invalid image "obinexus/polycall:latest": expected an image pinned to a version tag or a digest, never :latest or untagged',
    );
  });

  test("and by the KubernetesWorkloads-ImagePinned rule on a Deployment written as in the seed", () => {
    expect(evaluate(imagePinned, (s) => deployment(s, { container: { name: "polycall", image: SEED_IMAGE } }))).toEqual(
      nonCompliant('images not pinned to a version tag or a digest: polycall ("obinexus/polycall:latest")'),
    );
  });

  test("the example pins it", () => {
    expect(byName(workloads, "kubernetes_deployment_v1", "polycall-service").spec.template.spec.container[0].image).toBe("obinexus/polycall:1.0.0");
  });

  test("ObiCall and PolyBuild have PolyCall's shape", () => {
    for (const name of ["obicall-runtime", "polybuild-orchestrator"]) {
      const d = byName(workloads, "kubernetes_deployment_v1", name);
      expect(d.spec.replicas).toBe("3");
      expect(d.spec.template.spec.container[0].resources.limits).toEqual({ cpu: "500m", memory: "256Mi" });
      expect(byName(workloads, "kubernetes_service_v1", name).spec.port[0].port).toBe(80);
    }
  });

  test("the gateway routes each access tier (Open / Business / Heart) to each service with the tier's rate limit, TLS only", () => {
    const release = Object.values(workloads.resource?.helm_release ?? {})[0] as Record<string, any>;
    expect(release.chart).toBe("traefik");
    expect(release.version).toBe("41.3.0");
    const values = JSON.parse(release.values[0]);
    const limits = values.extraObjects
      .filter((o: any) => o.kind === "Middleware" && o.spec.rateLimit)
      .map((o: any) => [o.metadata.name, o.spec.rateLimit.average, o.spec.rateLimit.burst]);
    expect(limits).toEqual([
      ["open-polycall-rate-limit", 5, 10],
      ["open-obicall-rate-limit", 5, 10],
      ["open-polybuild-rate-limit", 5, 10],
      ["business-polycall-rate-limit", 50, 100],
      ["business-obicall-rate-limit", 50, 100],
      ["business-polybuild-rate-limit", 50, 100],
      ["heart-polycall-rate-limit", 200, 400],
      ["heart-obicall-rate-limit", 200, 400],
      ["heart-polybuild-rate-limit", 200, 400],
      ["developer-portal-rate-limit", 20, 40],
    ]);
    const routes = values.extraObjects.filter((o: any) => o.kind === "IngressRoute");
    expect(routes.find((r: any) => r.metadata.name === "heart-polycall").spec.routes[0].match).toBe(
      "Host(`iaas.computing.obinexus.org`) && PathPrefix(`/heart/polycall`)",
    );
    expect(routes.find((r: any) => r.metadata.name === "developer-portal").spec.routes[0].match).toBe("Host(`dev.iaas.computing.obinexus.org`)");
    expect(routes.every((r: any) => JSON.stringify(r.spec.entryPoints) === '["websecure"]')).toBe(true);
    expect(values.ports.web.http.redirections.entryPoint).toEqual({ to: "websecure", scheme: "https", permanent: true });
    expect(values.tlsOptions.default.minVersion).toBe("VersionTLS12");
    expect(values.tlsStore.default.defaultCertificate.secretName).toBe("obinexus-tls");
  });

  test("every namespace has a default deny and a quota; no policy error is left", () => {
    const app = Testing.app();
    buildObinexus(app as App);
    Testing.synth(app.node.findChild("obinexus-iaas-workloads") as any);
    const report = policyReport(app);
    const open = report.stacks.flatMap((s) => s.findings.filter((f) => f.status === "non-compliant" && f.level === "error"));
    expect(open).toEqual([]);
    const policies = Object.values(workloads.resource?.kubernetes_network_policy_v1 ?? {}).map((p: any) => `${p.metadata.namespace}/${p.metadata.name}`);
    expect(policies.filter((p) => p.endsWith("/default-deny"))).toHaveLength(2);
    expect(Object.keys(workloads.resource?.kubernetes_resource_quota_v1 ?? {})).toHaveLength(2);
  });
});
