import { TerraformStack, Testing } from "cdktf";
import { PrivateDnsZones } from "../../constructs/private-dns-zones";
import { TENANT_PLANS, TENANT_TEMPLATES, TenantTemplateKind, tenantTemplate } from "../../constructs/tenant-templates";
import { TenantResources, TenantResourcesProps } from "../../constructs/tenant-resources";
import { buildTenants } from "../../examples/tenant-resources/main";
import { estimateCost } from "../../cost/estimator";
import { TerraformJson } from "../../cost/terraform-json";
import { SynthJson, synthApp } from "../helpers";

const all = (json: SynthJson, type: string) => Object.values(json.resource?.[type] ?? {}) as Record<string, any>[];
const one = (json: SynthJson, type: string) => {
  const found = all(json, type);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0];
};

describe("tenant templates (seed 003)", () => {
  const t = (name: string) => tenantTemplate(new TerraformStack(Testing.app(), "catalog"), "templateName", name);

  test("the catalog has the seed's six templates", () => {
    expect(TENANT_TEMPLATES.map((x) => x.name)).toEqual(["postgres-small", "postgres-medium", "ipfs-cluster-small", "small-storage", "medium-storage", "large-storage"]);
  });

  test("postgres-small: the seed's 2 vCPU, 4 GB, 10 GB, daily backups, pooling; Azure's 32 GiB floor and PgBouncer's tier surfaced", () => {
    const small = t("postgres-small");
    if (small.kind !== TenantTemplateKind.POSTGRES) throw new Error("not postgres");
    expect(small.seed).toEqual({ vCores: 2, memoryGiB: 4, storageGB: 10 });
    expect([small.skuName, small.vCores, small.memoryGiB, small.storageGiB, small.pgBouncer, small.readReplica, small.backupRetentionDays]).toEqual([
      "GP_Standard_D2ds_v5", 2, 8, 32, true, false, 30,
    ]);
    expect(small.departures).toEqual([
      "storage 10 GB -> 32 GiB: Flexible Server allocates only fixed sizes (32, 64, 128, ... GiB; 32 GiB is the smallest)",
      "memory 4 GB -> 8 GiB: the 2 vCore / 4 GiB size (B_Standard_B2s) is Burstable, and Flexible Server's built-in PgBouncer runs only on General Purpose and Memory Optimized; GP_Standard_D2ds_v5 keeps the pooling the seed asks for",
    ]);
  });

  test("postgres-medium: 4 vCPU, 16 GB, 50 GB (64 GiB allocated), a read replica, point-in-time recovery", () => {
    const medium = t("postgres-medium");
    if (medium.kind !== TenantTemplateKind.POSTGRES) throw new Error("not postgres");
    expect(medium.seed).toEqual({ vCores: 4, memoryGiB: 16, storageGB: 50 });
    expect([medium.skuName, medium.vCores, medium.memoryGiB, medium.storageGiB, medium.readReplica, medium.backupRetentionDays]).toEqual(["GP_Standard_D4ds_v5", 4, 16, 64, true, 30]);
  });

  test("ipfs-cluster-small: 3 nodes; the storage templates: one node of 5 / 25 / 100 GB", () => {
    const sizes = ["ipfs-cluster-small", "small-storage", "medium-storage", "large-storage"].map((n) => {
      const x = t(n);
      if (x.kind !== TenantTemplateKind.IPFS_CLUSTER) throw new Error("not ipfs");
      return [x.nodes, x.storageGiBPerNode];
    });
    expect(sizes).toEqual([[3, 10], [1, 5], [1, 25], [1, 100]]);
  });

  test("fails on an unknown template, naming the catalog", () => {
    expect(() => t("mysql-small")).toThrow(
      'catalog: invalid templateName "mysql-small": expected one of "postgres-small", "postgres-medium", "ipfs-cluster-small", "small-storage", "medium-storage", "large-storage"',
    );
  });
});

describe("example: one-click tenant resources", () => {
  const stacks = synthApp((app) => void buildTenants(app));
  const acme = stacks.get("tenant-acme") as SynthJson;
  const globex = stacks.get("tenant-globex") as SynthJson;
  const initech = stacks.get("tenant-initech") as SynthJson;
  const umbrella = stacks.get("tenant-umbrella") as SynthJson;

  test("a host stack and one stack per tenant", () => {
    expect([...stacks.keys()].sort()).toEqual(["tenant-acme", "tenant-globex", "tenant-initech", "tenant-umbrella", "tenants-host"]);
  });

  test("postgres-small: GP_Standard_D2ds_v5, 32 GiB, 30 days of backups, PgBouncer on, Entra ID login only, private access", () => {
    const server = one(acme, "azurerm_postgresql_flexible_server");
    expect([server.sku_name, server.storage_mb, server.backup_retention_days, server.public_network_access_enabled]).toEqual(["GP_Standard_D2ds_v5", 32768, 30, false]);
    expect(server.authentication).toEqual({ active_directory_auth_enabled: true, password_auth_enabled: false, tenant_id: expect.any(String) });
    expect(server.administrator_login).toBeUndefined();
    expect(server.administrator_password).toBeUndefined();
    const settings = all(acme, "azurerm_postgresql_flexible_server_configuration").map((c) => [c.name, c.value]);
    expect(settings).toEqual(expect.arrayContaining([["pgbouncer.enabled", "true"], ["require_secure_transport", "on"]]));
    expect(one(acme, "kubernetes_config_map_v1").data.PGPORT).toBe("6432");
  });

  test("postgres-medium: GP_Standard_D4ds_v5, 64 GiB and a read replica of the same size", () => {
    const servers = all(globex, "azurerm_postgresql_flexible_server");
    expect(servers.map((s) => [s.sku_name, s.storage_mb, s.create_mode ?? "Default"])).toEqual([
      ["GP_Standard_D4ds_v5", 65536, "Default"],
      ["GP_Standard_D4ds_v5", 65536, "Replica"],
    ]);
  });

  test("ipfs-cluster-small: 3 IPFS nodes with ipfs-cluster peers in CRDT consensus, a persistent volume each, a gateway", () => {
    const set = one(initech, "kubernetes_stateful_set_v1");
    expect(set.spec.replicas).toBe("3");
    const [ipfs, cluster] = set.spec.template.spec.container;
    expect([ipfs.image, cluster.image]).toEqual(["ipfs/kubo:v0.32.1", "ipfs/ipfs-cluster:v1.1.2"]);
    expect(cluster.env.find((e: any) => e.name === "CLUSTER_CONSENSUS").value).toBe("crdt");
    expect(cluster.env.find((e: any) => e.name === "CLUSTER_SECRET").value_from.secret_key_ref).toEqual({ name: "ipfs-cluster-secret", key: "cluster-secret" });
    expect(set.spec.volume_claim_template[0].spec.resources.requests.storage).toBe("10Gi");
    expect(set.spec.persistent_volume_claim_retention_policy).toEqual([{ when_deleted: "Retain", when_scaled: "Retain" }]);
    const gateway = all(initech, "kubernetes_service_v1").find((s) => s.metadata.name === "ipfs-gateway");
    expect(gateway?.spec.port[0]).toEqual({ name: "http", port: 8080, target_port: "gateway", protocol: "TCP" });
  });

  test("medium-storage: one IPFS node with 25 GiB", () => {
    const set = one(umbrella, "kubernetes_stateful_set_v1");
    expect([set.spec.replicas, set.spec.volume_claim_template[0].spec.resources.requests.storage]).toEqual(["1", "25Gi"]);
  });

  test("per-tenant isolation: namespace, default deny, quota from the template, an identity of its own", () => {
    for (const [json, id] of [[acme, "acme"], [initech, "initech"]] as const) {
      expect(one(json, "kubernetes_namespace_v1").metadata.name).toBe(`tenant-${id}`);
      const deny = all(json, "kubernetes_network_policy_v1").find((p) => p.metadata.name === "default-deny");
      expect(deny?.spec.policy_types).toEqual(["Ingress", "Egress"]);
      expect(one(json, "azurerm_user_assigned_identity").name).toBe(`tenant-${id}`);
      expect(one(json, "azurerm_federated_identity_credential").subject).toBe(`system:serviceaccount:tenant-${id}:tenant`);
    }
    // 3 nodes x (kubo 250m/512Mi + peer 63m/128Mi) requests, x 1.25 headroom, rounded up.
    expect(one(initech, "kubernetes_resource_quota_v1").spec.hard).toEqual({
      "requests.cpu": "1200m",
      "requests.memory": "2432Mi",
      "limits.cpu": "4700m",
      "limits.memory": "4864Mi",
      pods: "4",
    });
  });

  test("data carries prevent_destroy: servers, database, vault, IPFS volumes' StatefulSet", () => {
    for (const s of all(globex, "azurerm_postgresql_flexible_server")) expect(s.lifecycle.prevent_destroy).toBe(true);
    expect(one(globex, "azurerm_postgresql_flexible_server_database").lifecycle).toEqual({ prevent_destroy: true });
    expect(one(acme, "azurerm_key_vault").lifecycle).toEqual({ prevent_destroy: true });
    expect(one(initech, "kubernetes_stateful_set_v1").lifecycle).toEqual({ prevent_destroy: true });
  });

  test("no credential in any tenant stack: no password, no Key Vault secret written by Terraform", () => {
    for (const json of [acme, globex, initech, umbrella]) {
      expect(all(json, "azurerm_key_vault_secret")).toEqual([]);
      expect(JSON.stringify(json)).not.toMatch(/password"\s*:\s*"/);
    }
  });
});

describe("tenant templates: monthly cost from the cost model", () => {
  const stacks = synthApp((app) => void buildTenants(app));
  const estimate = (stack: string) => estimateCost(stacks.get(stack) as unknown as TerraformJson, { defaultRegion: "eastus" });
  const lines = (stack: string) => estimate(stack).lines.map((l) => [l.component, l.monthlyUsd.expected]);

  test("postgres-small: the server's compute and its 32 GiB, plus the vault's private endpoint, nothing unpriced", () => {
    const e = estimate("tenant-acme");
    expect(e.unpriced).toEqual([]);
    expect(lines("tenant-acme")).toEqual(
      expect.arrayContaining([
        ["PostgreSQL Flexible Server: GP_Standard_D2ds_v5", 148.19],
        ["PostgreSQL Flexible Server: storage", 32 * 0.115],
        ["private endpoint", 7.3],
      ]),
    );
    expect(e.total.expected).toBeCloseTo(148.19 + 32 * 0.115 + 7.3, 2);
    // eastus has no Flexible Server compute price in the table: the nearest region's (West US) is used, and said.
    const compute = e.lines.find((l) => l.component === "PostgreSQL Flexible Server: GP_Standard_D2ds_v5");
    expect(compute?.notes.join(" ")).toMatch(/no eastus price in the table, the price of the nearest region with one \(West US\)/);
  });

  test("postgres-medium: the read replica is billed as a second server (compute and storage)", () => {
    const e = estimate("tenant-globex");
    expect(e.unpriced).toEqual([]);
    const d4 = 2 * 148.19;
    expect(lines("tenant-globex")).toEqual(
      expect.arrayContaining([
        ["PostgreSQL Flexible Server: GP_Standard_D4ds_v5", d4],
        ["PostgreSQL Flexible Server read replica: GP_Standard_D4ds_v5", d4],
        ["PostgreSQL Flexible Server read replica: storage", 64 * 0.115],
      ]),
    );
    expect(e.total.expected).toBeCloseTo(2 * (d4 + 64 * 0.115) + 7.3, 2);
  });

  test("IPFS templates: the volumes the table cannot price are reported with the tier they bill as, never counted as free", () => {
    expect(estimate("tenant-initech").unpriced.map((u) => u.reason)).toEqual([
      "10Gi on storage class managed-csi-premium (billed as Premium SSD P3): only Premium SSD P4 (17-32 GiB) and P10 (65-128 GiB) and Standard SSD are in the price table",
      "1Gi on storage class managed-csi-premium (billed as Premium SSD P1): only Premium SSD P4 (17-32 GiB) and P10 (65-128 GiB) and Standard SSD are in the price table",
    ]);
    const umbrella = estimate("tenant-umbrella");
    expect(umbrella.unpriced.map((u) => u.reason)).toEqual([
      "1Gi on storage class managed-csi-premium (billed as Premium SSD P1): only Premium SSD P4 (17-32 GiB) and P10 (65-128 GiB) and Standard SSD are in the price table",
    ]);
    // medium-storage's 25 GiB data volume bills as a P4, which the table has: it keeps its line.
    expect(lines("tenant-umbrella")).toContainEqual(["persistent volume: 1 x 25Gi Premium SSD (P4)", 5.28]);
  });

  test("a high-availability standby is reported unpriced, not guessed", () => {
    const acme = JSON.parse(JSON.stringify(stacks.get("tenant-acme"))) as SynthJson;
    for (const server of Object.values(acme.resource!.azurerm_postgresql_flexible_server)) (server as Record<string, unknown>).high_availability = { mode: "ZoneRedundant" };
    expect(estimateCost(acme as unknown as TerraformJson, { defaultRegion: "eastus" }).unpriced.map((u) => u.reason)).toEqual(["a high-availability standby is not in the price table"]);
  });
});

describe("TenantResources validation", () => {
  function build(overrides: Partial<TenantResourcesProps>) {
    const app = Testing.app();
    const stack = new TerraformStack(app, "tenant");
    const base: TenantResourcesProps = {
      tenantId: "acme",
      templateName: "postgres-small",
      plan: TENANT_PLANS.basic,
      resourceGroupName: "tenants",
      location: "eastus",
      oidcIssuerUrl: "https://eastus.oic.prod-aks.azure.com/x/y/",
      entraTenantId: "00000000-0000-0000-0000-000000000000",
      keyVaultPrivateEndpoint: { subnetId: "subnet", dnsZones: new PrivateDnsZones(stack, "Dns", { resourceGroupName: "tenants", virtualNetworkId: "vnet" }) },
      postgresNetwork: { delegatedSubnetId: "subnet", privateDnsZoneId: "zone", subnetPrefix: "10.80.8.0/24" },
    };
    return new TenantResources(stack, "Tenant", { ...base, ...overrides });
  }

  test("fails on a tenant id that is not a DNS label", () => {
    expect(() => build({ tenantId: "Acme_Corp" })).toThrow(
      'tenant/Tenant: invalid tenantId "Acme_Corp": expected a DNS label of 1-20 lowercase letters, digits or hyphens, alphanumeric at both ends',
    );
  });

  test("fails on an unknown template", () => {
    expect(() => build({ templateName: "postgres-huge" })).toThrow(
      'tenant/Tenant: invalid templateName "postgres-huge": expected one of "postgres-small", "postgres-medium", "ipfs-cluster-small", "small-storage", "medium-storage", "large-storage"',
    );
  });

  test("fails on a template over the plan's limits", () => {
    expect(() => build({ templateName: "postgres-medium", plan: TENANT_PLANS.basic })).toThrow(
      'tenant/Tenant: invalid templateName "postgres-medium": expected a template within the basic plan\'s 2 vCores (it takes 8)',
    );
    expect(() => build({ templateName: "large-storage", plan: TENANT_PLANS.free })).toThrow(
      'tenant/Tenant: invalid templateName "large-storage": expected a template within the free plan\'s 10 GiB (it takes 100 GiB)',
    );
  });

  test("fails on a PostgreSQL template without a network", () => {
    expect(() => build({ postgresNetwork: undefined })).toThrow(
      "tenant/Tenant: invalid postgresNetwork undefined: expected a delegated subnet and private DNS zone for the PostgreSQL template postgres-small",
    );
  });
});

describe("a tenant built twice", () => {
  function props(stack: TerraformStack, overrides: Partial<TenantResourcesProps> = {}): TenantResourcesProps {
    return {
      tenantId: "acme",
      templateName: "small-storage",
      plan: TENANT_PLANS.basic,
      resourceGroupName: "tenants",
      location: "eastus",
      oidcIssuerUrl: "https://eastus.oic.prod-aks.azure.com/x/y/",
      entraTenantId: "00000000-0000-0000-0000-000000000000",
      keyVaultPrivateEndpoint: { subnetId: "subnet", dnsZones: new PrivateDnsZones(stack, `Dns${stack.node.children.length}`, { resourceGroupName: "tenants", virtualNetworkId: "vnet" }) },
      ...overrides,
    };
  }

  test("fails on the same tenant on the same cluster, in another stack of the app", () => {
    const app = Testing.app();
    const first = new TerraformStack(app, "tenant-a");
    new TenantResources(first, "Tenant", props(first));
    const second = new TerraformStack(app, "tenant-b");
    expect(() => new TenantResources(second, "Tenant", props(second, { resourceGroupName: "other" }))).toThrow(
      'tenant-b/Tenant: invalid tenantId "acme": expected a tenant not already built in this app: tenant-a/Tenant builds it, and a second one creates namespace tenant-acme on the same cluster, which fails at apply',
    );
  });

  test("fails on the same tenant's identity twice in one resource group", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "tenants");
    new TenantResources(stack, "First", props(stack));
    expect(() => new TenantResources(stack, "Second", props(stack, { oidcIssuerUrl: "https://westeurope.oic.prod-aks.azure.com/x/z/" }))).toThrow(
      'tenants/Second: invalid tenantId "acme": expected a tenant not already built in this app: tenants/First builds it, and a second one creates identity tenant-acme in the same resource group, which fails at apply',
    );
  });

  test("the same tenant id on another cluster in another resource group is another tenant", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "tenants");
    new TenantResources(stack, "East", props(stack));
    const west = new TenantResources(stack, "West", props(stack, { resourceGroupName: "tenants-west", oidcIssuerUrl: "https://westeurope.oic.prod-aks.azure.com/x/z/", location: "westeurope" }));
    expect(west.namespace).toBe("tenant-acme");
  });
});
