import { App } from "cdktf";
import { KubeloginMode } from "../../constructs/kubernetes-connection";
import { NamespaceGuardrails, quotaFor } from "../../constructs/namespace-guardrails";
import { PlatformNamespaces } from "../../constructs/platform-namespaces";
import { SpotAutoscalePool } from "../../constructs/spot-autoscale-pool";
import { GatewayRoute, TraefikGateway } from "../../constructs/traefik-gateway";
import { Workload, WorkloadProps } from "../../constructs/workload";
import { PolicySuppressions } from "../../policies/policy-suppressions";
import { configureKubernetesProviders } from "../../stacks/kubernetes-providers";
import { ExampleClusterStack, ExampleStack } from "../example-stacks";

/**
 * Seed 000, OBINexus IaaS (iaas.computing.obinexus.org): PolyCall, ObiCall and PolyBuild behind one
 * API gateway with the seed's tiered access (Open / Business / Heart), and the developer portal.
 *
 * Assumptions the seed leaves open, written down:
 * - The seed's `obinexus/polycall:latest` floats: the library rejects it (`Workload` and
 *   KubernetesWorkloads-ImagePinned). It is pinned here to `obinexus/polycall:1.0.0`; the same
 *   version scheme names ObiCall and PolyBuild images.
 * - ObiCall and PolyBuild have PolyCall's shape (3 replicas, port 8080 behind a Service on 80,
 *   limits 256Mi / 500m); requests are a quarter of the limits for CPU, half for memory.
 * - Tiered access is a route per tier under the public host, each with its own rate limit
 *   (ours; the seed gives no numbers): Open 5 req/s (burst 10), Business 50 (100), Heart 200 (400).
 *   Who may use Business and Heart is the services' authentication (Node-Zero), not the gateway's.
 * - The developer portal is a static site (pinned unprivileged nginx serving the built docs) at
 *   dev.iaas.computing.obinexus.org.
 * - The TLS certificate is a `kubernetes.io/tls` Secret `obinexus-tls` in `obinexus-gateway`,
 *   created outside Terraform (Key Vault CSI sync or cert-manager), so no key is in state.
 */
export const OBINEXUS = {
  namespace: "obinexus-iaas",
  gatewayNamespace: "obinexus-gateway",
  publicHost: "iaas.computing.obinexus.org",
  portalHost: "dev.iaas.computing.obinexus.org",
  // Seed 000 deploys obinexus/polycall with the latest tag, which Workload and the ImagePinned rule
  // reject (the example's tests show both); the example pins a release.
  polycallImage: "obinexus/polycall:1.0.0",
  tiers: [
    { name: "open", averagePerSecond: 5, burst: 10 },
    { name: "business", averagePerSecond: 50, burst: 100 },
    { name: "heart", averagePerSecond: 200, burst: 400 },
  ],
} as const;

/** Seed 000's polycall-service, and the two services "of the same shape". */
export function obinexusServices(): WorkloadProps[] {
  const shape = {
    namespace: OBINEXUS.namespace,
    replicas: 3,
    port: 8080,
    servicePort: 80,
    requests: { cpuMillis: 125, memoryMiB: 128 },
    limits: { cpuMillis: 500, memoryMiB: 256 },
  };
  return [
    { ...shape, name: "polycall-service", image: OBINEXUS.polycallImage, args: ["config", "--hotwire", "enable"], labels: { app: "polycall" } },
    { ...shape, name: "obicall-runtime", image: "obinexus/obicall:1.0.0", labels: { app: "obicall" } },
    { ...shape, name: "polybuild-orchestrator", image: "obinexus/polybuild:1.0.0", labels: { app: "polybuild" } },
  ];
}

export function buildObinexus(app: App): { platform: ExampleClusterStack; workloads: ExampleStack } {
  const platform = new ExampleClusterStack(app, "obinexus-iaas", {
    project: "obinexus",
    location: "eastus",
    vnetAddressSpace: "10.60.0.0/16",
    clusterSubnetPrefix: "10.60.0.0/22",
    vmSize: "Standard_D4s_v5",
    nodeCount: 3,
  });
  // "Kubernetes cluster deployment with auto-scaling": a spot pool the autoscaler grows from zero.
  const spot = new SpotAutoscalePool(platform, "SpotPool", { cluster: platform.cluster, minCount: 0, maxCount: 5, spotMaxPricePerHourUsd: 0.1 });
  void spot;

  const workloads = new ExampleStack(app, "obinexus-iaas-workloads");
  configureKubernetesProviders(workloads, platform.cluster.connection(KubeloginMode.AZURE_CLI));
  const namespaces = new PlatformNamespaces(workloads, "Namespaces", {
    namespaces: [{ name: OBINEXUS.namespace }, { name: OBINEXUS.gatewayNamespace }],
    partOf: "obinexus-iaas",
  });
  const ns = namespaces.nameOf(OBINEXUS.namespace);
  const gatewayNs = namespaces.nameOf(OBINEXUS.gatewayNamespace);

  const services = obinexusServices().map((props) => new Workload(workloads, props.name, { ...props, namespace: ns }));
  const portal = new Workload(workloads, "developer-portal", {
    name: "developer-portal",
    namespace: ns,
    image: "nginxinc/nginx-unprivileged:1.27.3-alpine",
    port: 8080,
    replicas: 2,
    requests: { cpuMillis: 50, memoryMiB: 64 },
    limits: { cpuMillis: 200, memoryMiB: 128 },
    readinessProbe: { path: "/" },
    livenessProbe: { path: "/" },
    // nginx writes its pid and caches; the site itself is in the image.
    writablePaths: ["/tmp", "/var/cache/nginx"],
  });

  const [polycall, obicall, polybuild] = services;
  const tierRoutes: GatewayRoute[] = OBINEXUS.tiers.flatMap((tier) =>
    [polycall, obicall, polybuild].map((svc) => ({
      name: `${tier.name}-${svc.name.split("-")[0]}`,
      host: OBINEXUS.publicHost,
      pathPrefix: `/${tier.name}/${svc.name.split("-")[0]}`,
      stripPrefix: true,
      serviceName: svc.name,
      serviceNamespace: OBINEXUS.namespace,
      servicePort: svc.servicePort,
      rateLimit: { averagePerSecond: tier.averagePerSecond, burst: tier.burst },
    })),
  );
  const gateway = new TraefikGateway(workloads, "Gateway", {
    namespace: gatewayNs,
    tlsSecretName: "obinexus-tls",
    routes: [
      ...tierRoutes,
      {
        name: "developer-portal",
        host: OBINEXUS.portalHost,
        serviceName: portal.name,
        serviceNamespace: OBINEXUS.namespace,
        servicePort: portal.servicePort,
        rateLimit: { averagePerSecond: 20, burst: 40 },
      },
    ],
  });

  PolicySuppressions.addToConstruct(gateway, [
    {
      id: "KubernetesWorkloads-NoPublicLoadBalancer",
      reason: "seed 000's gateway (tiered access, developer portal) is the platform's own way in from the internet; it has no Front Door or WAF in front",
    },
  ]);
  new NamespaceGuardrails(workloads, "ServiceGuardrails", {
    namespace: ns,
    quota: quotaFor([...services, portal].map((w) => ({ workload: w, maxReplicas: w.replicas }))),
    ingressFromNamespaces: [OBINEXUS.gatewayNamespace],
  });
  new NamespaceGuardrails(workloads, "GatewayGuardrails", {
    namespace: gatewayNs,
    quota: quotaFor([{ workload: { requests: { cpuMillis: 100, memoryMiB: 128 }, limits: { cpuMillis: 500, memoryMiB: 256 } }, maxReplicas: gateway.replicas }]),
    egressToNamespaces: [OBINEXUS.namespace],
    // Traefik watches its CRDs through the API server's public endpoint.
    externalEgressPorts: [443],
  });
  return { platform, workloads };
}

if (require.main === module) {
  const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? `${__dirname}/cdktf.out` });
  buildObinexus(app);
  app.synth();
}
