import { App } from "cdktf";
import { AzurermProvider } from "../../providers/azurerm/provider";
import { FluxExtension } from "../../constructs/flux-extension";
import { FluxGitOpsConfiguration, FluxGitReference, FluxScope } from "../../constructs/flux-gitops-configuration";
import { KubeloginMode } from "../../constructs/kubernetes-connection";
import { NamespaceGuardrails, quotaFor } from "../../constructs/namespace-guardrails";
import { PlatformNamespaces } from "../../constructs/platform-namespaces";
import { TraefikGateway } from "../../constructs/traefik-gateway";
import { ResourceQuantities, Workload } from "../../constructs/workload";
import { PolicySuppressions } from "../../policies/policy-suppressions";
import { PolicyProfile } from "../../policies/policy-profile";
import { configureKubernetesProviders } from "../../stacks/kubernetes-providers";
import { ExampleClusterStack, ExampleStack } from "../example-stacks";
import { registerResourceProviders } from "../../constructs/resource-provider-registrations";

/**
 * Seed 002, session 05: the Mojo/Refinory services on Kubernetes behind Traefik, with GitOps.
 *
 * - Decision 4 (namespace isolation, production on its own cluster): `refinory-nonprod` runs the
 *   `refinory-dev` and `refinory-staging` namespaces side by side, `refinory-prod` runs
 *   `refinory-production` alone.
 * - Decision 3 (GitOps with automated sync): each environment namespace gets a namespace-scoped
 *   Flux configuration syncing `clusters/<cluster>/<environment>` of the repository, pruning what
 *   Git removes. Terraform keeps the cluster, the Flux extension and configurations (repository,
 *   branch, paths, intervals, scope), the namespaces with their quotas and network policies,
 *   Traefik with its routes, TLS and rate limits, and the four services' Deployments with the
 *   seed's requests, limits and autoscaling bounds (the cost pack checks them at synth, which it can
 *   only do for what Terraform renders). Git owns everything else in the namespace: application
 *   configuration, jobs, extra services. A namespace-scoped configuration can change nothing
 *   outside its namespace, and the quota bounds what Git may add. No object is owned by both.
 * - "Scaling vs cost" (contradiction 3): CPU HPAs with bounds per environment; the production
 *   policy profile caps any autoscaler at 10 replicas, so a larger bound fails synthesis.
 * - Images: the seed names Dockerfiles, not images; `refinory/<service>:0.5.0` (session 05) is ours.
 */
export const REFINORY_REPOSITORY = "https://github.com/obinexus/refinory-deploy.git";
export const MAX_REPLICAS_PER_WORKLOAD = 10;

export interface RefinoryService {
  readonly name: string;
  readonly requests: ResourceQuantities;
  readonly limits: ResourceQuantities;
  /** Routed through Traefik under this prefix; absent for services nothing calls from outside. */
  readonly pathPrefix?: string;
}

/** Seed 002's resource allocation table. */
export const REFINORY_SERVICES: readonly RefinoryService[] = [
  { name: "discord-bot", requests: { cpuMillis: 100, memoryMiB: 128 }, limits: { cpuMillis: 500, memoryMiB: 512 } },
  { name: "event-gateway", requests: { cpuMillis: 100, memoryMiB: 128 }, limits: { cpuMillis: 500, memoryMiB: 512 }, pathPrefix: "/events" },
  { name: "refinory-ai", requests: { cpuMillis: 500, memoryMiB: 1024 }, limits: { cpuMillis: 2000, memoryMiB: 4096 }, pathPrefix: "/ai" },
  { name: "jdk-workspace", requests: { cpuMillis: 500, memoryMiB: 512 }, limits: { cpuMillis: 2000, memoryMiB: 2048 }, pathPrefix: "/workspace" },
];

export interface RefinoryEnvironment {
  readonly name: string;
  readonly host: string;
  readonly minReplicas: number;
  readonly maxReplicas: number;
  /** Requests per second per client IP at the gateway. */
  readonly rateLimit: { readonly averagePerSecond: number; readonly burst: number };
}

export const REFINORY_CLUSTERS: readonly { readonly id: string; readonly addressSpace: string; readonly nodeCount: number; readonly environments: readonly RefinoryEnvironment[] }[] = [
  {
    id: "nonprod",
    addressSpace: "10.70.0.0/16",
    nodeCount: 2,
    environments: [
      { name: "dev", host: "dev.refinory.obinexus.org", minReplicas: 1, maxReplicas: 2, rateLimit: { averagePerSecond: 10, burst: 20 } },
      { name: "staging", host: "staging.refinory.obinexus.org", minReplicas: 1, maxReplicas: 3, rateLimit: { averagePerSecond: 20, burst: 40 } },
    ],
  },
  {
    id: "prod",
    addressSpace: "10.71.0.0/16",
    nodeCount: 3,
    environments: [
      { name: "production", host: "refinory.obinexus.org", minReplicas: 2, maxReplicas: 6, rateLimit: { averagePerSecond: 50, burst: 100 } },
    ],
  },
];

export function buildRefinory(app: App): ExampleStack[] {
  const profile = PolicyProfile.production({ maxReplicasPerWorkload: MAX_REPLICAS_PER_WORKLOAD });
  const stacks: ExampleStack[] = [];
  for (const spec of REFINORY_CLUSTERS) {
    const id = `refinory-${spec.id}`;
    const platform = new ExampleClusterStack(app, id, {
      project: "refinory",
      location: "eastus",
      vnetAddressSpace: spec.addressSpace,
      clusterSubnetPrefix: spec.addressSpace.replace("/16", "/22"),
      vmSize: "Standard_D4s_v5",
      nodeCount: spec.nodeCount,
      profile,
    });
    const flux = new FluxExtension(platform, "Flux", { clusterId: platform.cluster.clusterId });

    const workloads = new ExampleStack(app, `${id}-workloads`, profile);
    configureKubernetesProviders(workloads, platform.cluster.connection(KubeloginMode.AZURE_CLI));
    // The Flux configurations are ARM resources of the cluster; they live here, after the namespaces they sync into.
    registerResourceProviders(new AzurermProvider(workloads, "azurerm", { features: [{}] }));
    const edge = `refinory-edge`;
    const namespaces = new PlatformNamespaces(workloads, "Namespaces", {
      namespaces: [...spec.environments.map((e) => ({ name: `refinory-${e.name}` })), { name: edge }],
      partOf: "refinory",
    });
    const routes = [];
    for (const env of spec.environments) {
      const nsName = `refinory-${env.name}`;
      const ns = namespaces.nameOf(nsName);
      const services = REFINORY_SERVICES.map(
        (svc) =>
          new Workload(workloads, `${env.name}-${svc.name}`, {
            name: svc.name,
            namespace: ns,
            image: `refinory/${svc.name}:0.5.0`,
            port: 8080,
            requests: svc.requests,
            limits: svc.limits,
            readinessProbe: { path: "/health/ready" },
            livenessProbe: { path: "/health/live" },
            autoscaling: { minReplicas: env.minReplicas, maxReplicas: env.maxReplicas, targetCpuUtilizationPercent: 70 },
            labels: { "app.kubernetes.io/part-of": "refinory", environment: env.name },
          }),
      );
      new NamespaceGuardrails(workloads, `${env.name}-guardrails`, {
        namespace: ns,
        quota: quotaFor(services.map((w) => ({ workload: w, maxReplicas: env.maxReplicas }))),
        ingressFromNamespaces: [edge],
        // Discord, model APIs and the registry are outside the cluster, over TLS.
        externalEgressPorts: [443],
      });
      new FluxGitOpsConfiguration(workloads, `${env.name}-gitops`, {
        extension: flux,
        name: `refinory-${env.name}`,
        namespace: ns,
        scope: FluxScope.NAMESPACE,
        repositoryUrl: REFINORY_REPOSITORY,
        reference: FluxGitReference.branch("main"),
        kustomizations: [{ name: "apps", path: `clusters/${spec.id}/${env.name}`, prune: true, syncIntervalSeconds: 300 }],
      });
      for (const svc of REFINORY_SERVICES) {
        if (!svc.pathPrefix) continue;
        routes.push({
          name: `${env.name}-${svc.name}`,
          host: env.host,
          pathPrefix: svc.pathPrefix,
          stripPrefix: true,
          serviceName: svc.name,
          serviceNamespace: nsName,
          servicePort: 8080,
          rateLimit: env.rateLimit,
        });
      }
    }
    const gateway = new TraefikGateway(workloads, "Traefik", {
      namespace: namespaces.nameOf(edge),
      tlsSecretName: "refinory-tls",
      routes,
    });
    PolicySuppressions.addToConstruct(gateway, [
      {
        id: "KubernetesWorkloads-NoPublicLoadBalancer",
        reason: "seed 002's Traefik is the platform's own way in from the internet (TLS and rate limits there); it has no Front Door or WAF in front",
      },
    ]);
    new NamespaceGuardrails(workloads, "edge-guardrails", {
      namespace: namespaces.nameOf(edge),
      quota: quotaFor([{ workload: { requests: { cpuMillis: 100, memoryMiB: 128 }, limits: { cpuMillis: 500, memoryMiB: 256 } }, maxReplicas: gateway.replicas }]),
      egressToNamespaces: spec.environments.map((e) => `refinory-${e.name}`),
      externalEgressPorts: [443],
    });
    stacks.push(platform, workloads);
  }
  return stacks;
}

if (require.main === module) {
  const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? `${__dirname}/cdktf.out` });
  buildRefinory(app);
  app.synth();
}
