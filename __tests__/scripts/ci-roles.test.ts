// The CI identities' custom roles (issue 23, least privilege), checked against what the stacks need.
import { readFileSync } from "fs";
import { buildPlatform } from "../../stacks/platform-app";
import { synthApp } from "../helpers";

const planRole = JSON.parse(readFileSync("docs/setup/plan-reader-role.json", "utf8"));
const assignerRole = JSON.parse(readFileSync("docs/setup/role-assigner-role.json", "utf8"));
const condition = readFileSync("docs/setup/role-assigner-condition.txt", "utf8");
const readme = readFileSync("README.md", "utf8");
const json = synthApp((app) => buildPlatform(app, { platformName: "omega" }));

/** Built-in role ids (Microsoft Learn, "Azure built-in roles"). */
const BUILT_IN_ROLE_IDS: Record<string, string> = {
  "Key Vault Secrets Officer": "b86a8fe4-44ce-4948-aee5-eccb2c155cd7",
  "Key Vault Secrets User": "4633458b-17de-408a-b874-0445c86b69e6",
  "Network Contributor": "4d97b98b-1d4f-4787-a291-c67834d212e7",
  "Storage Blob Data Contributor": "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
};

/**
 * The management-plane POSTs azurerm 5.2.0 makes when it refreshes each type (internal/services/...:
 * DatabaseAccountsListKeys, ListReadOnlyKeys, ListConnectionStrings; RedisListKeys; AdminKeys Get and
 * QueryKeys ListBySearchService; storage ListKeys; SharedKeysGetSharedKeys; ListClusterUserCredentials;
 * API Management's delegation and tenant-access ListSecrets; the template deployment's ExportTemplate).
 */
const REFRESH_ACTIONS: Record<string, readonly string[]> = {
  azurerm_cosmosdb_account: ["Microsoft.DocumentDB/databaseAccounts/listKeys/action", "Microsoft.DocumentDB/databaseAccounts/readonlykeys/action", "Microsoft.DocumentDB/databaseAccounts/listConnectionStrings/action"],
  azurerm_redis_cache: ["Microsoft.Cache/redis/listKeys/action"],
  azurerm_search_service: ["Microsoft.Search/searchServices/listAdminKeys/action", "Microsoft.Search/searchServices/listQueryKeys/action"],
  azurerm_storage_account: ["Microsoft.Storage/storageAccounts/listKeys/action"],
  azurerm_log_analytics_workspace: ["Microsoft.OperationalInsights/workspaces/sharedKeys/action"],
  azurerm_kubernetes_cluster: ["Microsoft.ContainerService/managedClusters/listClusterUserCredential/action"],
  azurerm_api_management: ["Microsoft.ApiManagement/service/portalsettings/listSecrets/action", "Microsoft.ApiManagement/service/tenant/listSecrets/action"],
  azurerm_resource_group_template_deployment: ["Microsoft.Resources/deployments/exportTemplate/action"],
};

const types = new Set<string>();
const assignedRoles = new Set<string>();
for (const stack of json.values()) {
  const resources = (stack.resource ?? {}) as Record<string, Record<string, Record<string, unknown>>>;
  for (const type of Object.keys(resources)) types.add(type);
  for (const a of Object.values(resources.azurerm_role_assignment ?? {})) assignedRoles.add(String(a.role_definition_name));
}

describe("the plan identity's role", () => {
  test("reads everything and may call exactly the key-listing actions azurerm's refresh of the stacks' types needs", () => {
    const needed = [...types].flatMap((t) => REFRESH_ACTIONS[t] ?? []);
    expect(needed.length).toBeGreaterThan(10);
    expect(planRole.Actions.filter((a: string) => a !== "*/read").sort()).toEqual([...new Set(needed)].sort());
    expect(planRole.Actions).toContain("*/read");
  });

  test("writes nothing: no write, delete or other action, and only reads of the clusters' objects (the helm provider reads release Secrets)", () => {
    for (const a of planRole.Actions as string[]) expect([a, /\/(write|delete)$|^\*$|\/\*$/.test(a)]).toEqual([a, false]);
    expect(planRole.DataActions).toEqual(["Microsoft.ContainerService/managedClusters/*/read"]);
    expect(planRole.NotActions).toEqual([]);
  });
});

describe("the deploy identity's right to assign roles", () => {
  test("the role holds role assignments only", () => {
    expect(assignerRole.Actions.sort()).toEqual(["Microsoft.Authorization/roleAssignments/delete", "Microsoft.Authorization/roleAssignments/read", "Microsoft.Authorization/roleAssignments/write"]);
    expect(assignerRole.DataActions).toEqual([]);
  });

  test("the condition admits exactly the roles the stacks assign (and the Secrets Officer a vault may be given), for writes and deletes", () => {
    expect([...assignedRoles].sort()).toEqual(["Key Vault Secrets User", "Network Contributor", "Storage Blob Data Contributor"]);
    for (const role of assignedRoles) expect([role, BUILT_IN_ROLE_IDS[role]]).toEqual([role, expect.any(String)]);
    const expected = [...new Set([...[...assignedRoles].map((r) => BUILT_IN_ROLE_IDS[r]), BUILT_IN_ROLE_IDS["Key Vault Secrets Officer"]])].sort();
    const lists = [...condition.matchAll(/GuidEquals \{([^}]+)\}/g)].map((m) => m[1].split(",").map((g) => g.trim()).sort());
    expect(lists).toEqual([expected, expected]);
    expect(condition).toContain("@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId]");
    expect(condition).toContain("@Resource[Microsoft.Authorization/roleAssignments:RoleDefinitionId]");
  });
});

describe("the README's setup uses the files", () => {
  test("each file is created or used by a command of the checklist", () => {
    expect(readme).toContain("az role definition create --role-definition @docs/setup/plan-reader-role.json");
    expect(readme).toContain("az role definition create --role-definition @docs/setup/role-assigner-role.json");
    expect(readme).toContain("--condition @docs/setup/role-assigner-condition.txt --condition-version 2.0");
    expect(readme).toContain("--template-file docs/setup/vault-secret.json");
  });

  test("the vault template writes a securestring through Resource Manager", () => {
    const template = JSON.parse(readFileSync("docs/setup/vault-secret.json", "utf8"));
    expect(template.parameters.value.type).toBe("securestring");
    expect(template.resources).toEqual([expect.objectContaining({ type: "Microsoft.KeyVault/vaults/secrets" })]);
  });
});

describe("the quota checklist", () => {
  const VCPUS: Record<string, number> = { Standard_D4s_v5: 4, Standard_D8s_v5: 8 };
  const quotaTable = readme.slice(readme.indexOf("| tier | region | Standard DSv5 Family vCPUs |"));
  const row = (tier: string) => {
    const line = quotaTable.split("\n").find((l) => l.trim().startsWith(`| ${tier} |`));
    if (!line) throw new Error(`no quota row for ${tier}`);
    return line.split("|").slice(1, -1).map((c) => c.trim());
  };
  /** Regular vCPUs: always-on pools at their size plus the upgrade surge; spot: the spot pools at their maximum. */
  const needs = (stackName: string) => {
    const r = (json.get(stackName)?.resource ?? {}) as Record<string, Record<string, any>>;
    let regular = 0;
    let spot = 0;
    for (const c of Object.values(r.azurerm_kubernetes_cluster ?? {})) {
      const p = c.default_node_pool;
      const surge = Math.ceil((p.node_count * parseInt(p.upgrade_settings.max_surge, 10)) / 100);
      regular += (p.node_count + surge) * VCPUS[p.vm_size];
    }
    for (const p of Object.values(r.azurerm_kubernetes_cluster_node_pool ?? {})) {
      if (p.priority === "Spot") spot += p.max_count * VCPUS[p.vm_size];
      else regular += (p.max_count ?? p.node_count) * VCPUS[p.vm_size];
    }
    let aci = 0;
    for (const g of Object.values(r.azurerm_container_group ?? {})) for (const c of g.container) aci += c.cpu;
    return { regular, spot, aci: Math.round(aci * 100) / 100 };
  };

  test("what each tier can reach, per region, is what the README asks to request", () => {
    expect(needs("staging")).toEqual({ regular: 0, spot: 0, aci: Number(row("staging")[4]) });
    expect(needs("small-prod")).toEqual({ regular: Number(row("small-prod")[2]), spot: Number(row("small-prod")[3]), aci: 0 });
    for (const region of ["eastus", "westeurope", "southeastasia"]) {
      expect([region, needs(`enterprise-${region}`)]).toEqual([region, { regular: Number(row("enterprise")[2]), spot: Number(row("enterprise")[3]), aci: 0 }]);
    }
  });
});
