import { FluxExtension } from "../../constructs/flux-extension";
import { FluxGitOpsConfiguration, FluxGitReference, FluxScope } from "../../constructs/flux-gitops-configuration";
import { IpfsCluster } from "../../constructs/ipfs-cluster";
import { TENANT_TEMPLATES, PostgresTemplate } from "../../constructs/tenant-templates";
import { TenantPostgres } from "../../constructs/tenant-postgres";
import { TraefikGateway, TraefikGatewayProps } from "../../constructs/traefik-gateway";
import { Workload } from "../../constructs/workload";
import { onlyResource, synthScope, testStack } from "../helpers";

const CLUSTER_ID = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks";
const UUID = "00000000-0000-0000-0000-000000000000";

describe("Workload: args and a Service port apart from the container port", () => {
  test("defaults keep the Service on the container port and the image's arguments", () => {
    const json = synthScope((s) => void new Workload(s, "W", { name: "w", namespace: "ns", image: "a/b:1.0.0", port: 8080 }));
    expect(onlyResource(json, "kubernetes_service_v1").spec.port[0].port).toBe(8080);
    expect(onlyResource(json, "kubernetes_deployment_v1").spec.template.spec.container[0].args).toBeUndefined();
  });
  test("overrides", () => {
    const json = synthScope((s) => void new Workload(s, "W", { name: "w", namespace: "ns", image: "a/b:1.0.0", port: 8080, servicePort: 80, args: ["serve"] }));
    expect(onlyResource(json, "kubernetes_service_v1").spec.port[0]).toEqual({ name: "http", port: 80, target_port: "http", protocol: "TCP" });
    expect(onlyResource(json, "kubernetes_deployment_v1").spec.template.spec.container[0].args).toEqual(["serve"]);
  });
  test("fails on a Service port out of range", () => {
    const { stack } = testStack();
    expect(() => new Workload(stack, "W", { name: "w", namespace: "ns", image: "a/b:1.0.0", port: 8080, servicePort: 0 })).toThrow(
      "test/W: invalid servicePort 0: expected an integer from 1 to 65535",
    );
  });
});

describe("FluxExtension and FluxGitOpsConfiguration", () => {
  const kustomizations = [{ name: "apps", path: "clusters/prod" }];

  test("defaults: the Stable train, multi-tenancy enforced; a namespace-scoped configuration on main, pruning every 300 s", () => {
    const json = synthScope((s) => {
      const ext = new FluxExtension(s, "Flux", { clusterId: CLUSTER_ID });
      new FluxGitOpsConfiguration(s, "Config", { extension: ext, name: "apps", namespace: "team", repositoryUrl: "https://example.org/repo.git", kustomizations });
    });
    const ext = onlyResource(json, "azurerm_kubernetes_cluster_extension");
    expect([ext.name, ext.extension_type, ext.release_train, ext.release_namespace, ext.configuration_settings]).toEqual([
      "flux", "microsoft.flux", "Stable", "flux-system", { "multiTenancy.enforce": "true" },
    ]);
    const config = onlyResource(json, "azurerm_kubernetes_flux_configuration");
    expect(config.cluster_id).toMatch(/^\$\{azurerm_kubernetes_cluster_extension\.Flux_[0-9A-F]+\.cluster_id\}$/);
    expect(config.scope).toBe("namespace");
    expect(config.git_repository).toEqual({ url: "https://example.org/repo.git", reference_type: "branch", reference_value: "main", sync_interval_in_seconds: 300, timeout_in_seconds: 600 });
    expect(config.kustomizations).toEqual([{ name: "apps", path: "clusters/prod", garbage_collection_enabled: true, sync_interval_in_seconds: 300 }]);
  });

  test("overrides: a pinned version, a tag, cluster scope, credentials by reference", () => {
    const json = synthScope((s) => {
      const ext = new FluxExtension(s, "Flux", { clusterId: CLUSTER_ID, version: "1.15.1" });
      new FluxGitOpsConfiguration(s, "Config", {
        extension: ext, name: "apps", namespace: "team", repositoryUrl: "ssh://git@example.org/repo.git",
        reference: FluxGitReference.tag("v1.2.3"), scope: FluxScope.CLUSTER, localAuthSecretName: "repo-auth",
        kustomizations: [{ name: "infra", path: "infra" }, { name: "apps", path: "apps", dependsOn: ["infra"], prune: false }],
      });
    });
    const ext = onlyResource(json, "azurerm_kubernetes_cluster_extension");
    expect([ext.version, ext.release_train]).toEqual(["1.15.1", undefined]);
    const config = onlyResource(json, "azurerm_kubernetes_flux_configuration");
    expect([config.scope, config.git_repository.reference_type, config.git_repository.reference_value, config.git_repository.local_auth_reference]).toEqual(["cluster", "tag", "v1.2.3", "repo-auth"]);
    expect(config.kustomizations[1]).toEqual({ name: "apps", path: "apps", garbage_collection_enabled: false, sync_interval_in_seconds: 300, depends_on: ["infra"] });
  });

  const config = (overrides: Record<string, unknown>) => {
    const { stack } = testStack();
    const ext = new FluxExtension(stack, "Flux", { clusterId: CLUSTER_ID });
    return () => new FluxGitOpsConfiguration(stack, "Config", { extension: ext, name: "apps", namespace: "team", repositoryUrl: "https://example.org/r.git", kustomizations, ...overrides });
  };
  test("fails on a plain http repository", () => {
    expect(config({ repositoryUrl: "http://example.org/r.git" })).toThrow('test/Config: invalid repositoryUrl "http://example.org/r.git": expected an https://, ssh:// or git@ URL (plain http is refused)');
  });
  test("fails on a path leaving the repository", () => {
    expect(config({ kustomizations: [{ name: "apps", path: "../secrets" }] })).toThrow('test/Config: invalid kustomizations[0].path "../secrets": expected a path inside the repository, relative to its root, without ..');
  });
  test("fails on a dependency that is not another kustomization", () => {
    expect(config({ kustomizations: [{ name: "apps", path: "apps", dependsOn: ["infra"] }] })).toThrow('test/Config: invalid kustomizations[0].dependsOn "infra": expected another kustomization of this configuration (apps)');
  });
  test("fails on a name Azure refuses", () => {
    expect(config({ name: "Apps_1" })).toThrow('test/Config: invalid name "Apps_1": expected 1-30 lowercase letters, digits or hyphens, alphanumeric at both ends');
  });
  test("fails on a release train with a pinned version", () => {
    const { stack } = testStack();
    expect(() => new FluxExtension(stack, "Flux", { clusterId: CLUSTER_ID, version: "1.15.1", releaseTrain: "Preview" })).toThrow(
      'test/Flux: invalid releaseTrain "Preview": expected no release train with a pinned version (AKS rejects both)',
    );
  });
});

describe("TraefikGateway", () => {
  const route = { name: "api", host: "api.example.org", serviceName: "api", serviceNamespace: "apps", servicePort: 80, rateLimit: { averagePerSecond: 10, burst: 20 } };
  const props: TraefikGatewayProps = { namespace: "edge", tlsSecretName: "tls", routes: [route] };

  test("defaults: 2 replicas with a disruption budget, HTTPS only, CRD provider without cross-namespace references, entry points open", () => {
    const json = synthScope((s) => void new TraefikGateway(s, "Gw", props));
    const release = onlyResource(json, "helm_release");
    expect([release.chart, release.repository, release.version, release.namespace, release.atomic]).toEqual(["traefik", "https://traefik.github.io/charts", "41.3.0", "edge", true]);
    const values = JSON.parse(release.values[0]);
    expect(values.deployment.replicas).toBe(2);
    expect(values.podDisruptionBudget).toEqual({ enabled: true, maxUnavailable: 1 });
    expect(values.providers.kubernetesCRD).toEqual({ enabled: true, allowCrossNamespace: false, allowExternalNameServices: false });
    expect(values.providers.kubernetesIngress).toEqual({ enabled: false });
    expect(values.extraObjects.map((o: any) => `${o.kind} ${o.metadata.namespace}/${o.metadata.name}`)).toEqual(["Middleware apps/api-rate-limit", "IngressRoute apps/api"]);
    expect(onlyResource(json, "kubernetes_network_policy_v1").spec.ingress).toEqual([{ ports: [{ port: "8000", protocol: "TCP" }, { port: "8443", protocol: "TCP" }] }]);
  });

  test("an internal load balancer on request", () => {
    const json = synthScope((s) => void new TraefikGateway(s, "Gw", { ...props, internalLoadBalancer: true }));
    expect(JSON.parse(onlyResource(json, "helm_release").values[0]).service.annotations).toEqual({ "service.beta.kubernetes.io/azure-load-balancer-internal": "true" });
  });

  test("fails without routes, on a host that is not a name, on a duplicate route", () => {
    const { stack } = testStack();
    expect(() => new TraefikGateway(stack, "A", { ...props, routes: [] })).toThrow("test/A: invalid routes []: expected at least one route");
    expect(() => new TraefikGateway(stack, "B", { ...props, routes: [{ ...route, host: "API" }] })).toThrow('test/B: invalid routes[0].host "API": expected a lowercase fully qualified host name');
    expect(() => new TraefikGateway(stack, "C", { ...props, routes: [route, route] })).toThrow('test/C: invalid routes[1].name "api": expected each route name once');
  });
});

describe("TenantPostgres", () => {
  const small = TENANT_TEMPLATES[0] as PostgresTemplate;
  const base = {
    resourceGroupName: "rg", location: "eastus", serverName: "tenant-a-pg", template: small,
    administrator: { principalName: "tenant-a", objectId: UUID, tenantId: UUID }, delegatedSubnetId: "subnet", privateDnsZoneId: "zone",
  };
  test("fails on a Burstable SKU with PgBouncer (Azure runs it only on General Purpose and Memory Optimized)", () => {
    const { stack } = testStack();
    expect(() => new TenantPostgres(stack, "Pg", { ...base, template: { ...small, skuName: "B_Standard_B2s" } })).toThrow(
      'test/Pg: invalid template.skuName "B_Standard_B2s": expected a General Purpose or Memory Optimized SKU: the built-in PgBouncer does not run on Burstable servers',
    );
  });
  test("fails on a storage size Flexible Server does not allocate", () => {
    const { stack } = testStack();
    expect(() => new TenantPostgres(stack, "Pg", { ...base, template: { ...small, storageGiB: 10 } })).toThrow(
      "test/Pg: invalid template.storageGiB 10: expected one of 32, 64, 128, 256, 512",
    );
  });
});

describe("IpfsCluster", () => {
  test("fails on an unpinned image", () => {
    const { stack } = testStack();
    expect(() => new IpfsCluster(stack, "Ipfs", { name: "ipfs", namespace: "t", storageGiBPerNode: 10, clusterSecretName: "s", images: { kubo: "ipfs/kubo:latest", cluster: "ipfs/ipfs-cluster:v1.1.2" } })).toThrow(
      'test/Ipfs: invalid images.kubo "ipfs/kubo:latest": expected an image pinned to a version tag or a digest, never :latest or untagged',
    );
  });
});
