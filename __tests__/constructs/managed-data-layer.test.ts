import { TerraformVariable, Testing } from "cdktf";
import { ICosmosMongoAccount } from "../../constructs/cosmos-mongo-account";
import { ManagedDataLayer, ManagedDataLayerProps } from "../../constructs/managed-data-layer";
import { onlyResource, resourcesOf, synthJson, testStack } from "../helpers";
import { RedisSku, SearchSku } from "../../constructs/data-service-options";

const NETWORK = {
  subnetId: "/subscriptions/s/virtualNetworks/vnet/subnets/private-endpoints",
  subnetPrefix: "10.1.4.0/24",
  virtualNetworkId: "/subscriptions/s/virtualNetworks/vnet",
};
const SUBNET = "/subscriptions/s/virtualNetworks/vnet/subnets/services";
const ISSUER = "https://eastus.oic.prod-aks.azure.com/tenant/cluster/";
const BASE: ManagedDataLayerProps = {
  resourceGroupName: "rg",
  location: "eastus",
  cosmos: { regions: ["eastus"] },
  privateNetwork: NETWORK,
};

function synth(props: Partial<ManagedDataLayerProps> = {}) {
  const { stack } = testStack();
  const layer = new ManagedDataLayer(stack, "Data", { ...BASE, ...props });
  return { layer, json: synthJson(stack) };
}

function build(props: Partial<ManagedDataLayerProps>): () => ManagedDataLayer {
  return () => new ManagedDataLayer(testStack().stack, "Data", { ...BASE, ...props });
}

const STATEFUL = ["azurerm_cosmosdb_account", "azurerm_storage_account", "azurerm_redis_cache", "azurerm_key_vault"];

/** Storage accounts by construct id: the layer's (`Storage`) and the one Redis persists into (`RedisPersistence`). */
function account(json: ReturnType<typeof synthJson>, id: "Storage" | "RedisPersistence"): Record<string, any> | undefined {
  const entries = Object.entries(json.resource?.azurerm_storage_account ?? {}) as [string, Record<string, any>][];
  return entries.find(([name]) => name.startsWith(`Data_${id}_`))?.[1];
}

/** One of each stateful type, plus the persistence account beside the layer's storage. */
function stateful(json: ReturnType<typeof synthJson>): [string, Record<string, any>][] {
  return STATEFUL.flatMap((type) => resourcesOf(json, type).map((r): [string, Record<string, any>] => [type, r]));
}

/** The vault secrets the layer writes through ARM, by secret name: the template's value expression and the parameters. */
function vaultSecrets(json: ReturnType<typeof synthJson>): Record<string, { value: string; parameters: string }> {
  return Object.fromEntries(
    resourcesOf(json, "azurerm_resource_group_template_deployment").map((d) => {
      const resource = JSON.parse(d.template_content as string).resources[0];
      const name = /'([^']+)'\)\]$/.exec(resource.name as string)?.[1] as string;
      return [name, { value: resource.properties.value as string, parameters: d.parameters_content as string }];
    }),
  );
}

describe("ManagedDataLayer", () => {
  test("minimal config snapshot", () => {
    const { stack } = testStack();
    new ManagedDataLayer(stack, "Data", BASE);
    expect(Testing.synth(stack)).toMatchSnapshot();
  });

  describe("defaults", () => {
    const { layer, json } = synth();

    test("Cosmos DB, Premium Redis, storage (the layer's and Redis's own), Key Vault and an identity; no AI Search unless asked", () => {
      // Two storage accounts (the layer's and Redis's own) and two identities (the workloads' and
      // the one Redis writes its snapshots with, allowed on its account before the cache exists).
      for (const type of [...STATEFUL, "azurerm_user_assigned_identity"]) {
        expect([type, resourcesOf(json, type).length]).toEqual([type, type === "azurerm_storage_account" || type === "azurerm_user_assigned_identity" ? 2 : 1]);
      }
      expect(layer.redisPersistenceStorage).toBeDefined();
      expect(resourcesOf(json, "azurerm_search_service")).toEqual([]);
      expect(onlyResource(json, "azurerm_redis_cache")).toMatchObject({ sku_name: "Premium", family: "P", capacity: 1 });
    });

    test("every store without public network access, behind a private endpoint in the subnet", () => {
      for (const type of STATEFUL.filter((t) => t !== "azurerm_storage_account")) {
        expect([type, onlyResource(json, type).public_network_access_enabled]).toEqual([type, false]);
      }
      expect(account(json, "Storage")?.public_network_access_enabled).toBe(false);
      const endpoints = resourcesOf(json, "azurerm_private_endpoint");
      expect(endpoints.map((e) => (e.private_service_connection as { subresource_names: string[] }).subresource_names[0]).sort()).toEqual([
        "MongoDB",
        "blob",
        "redisCache",
        "vault",
      ]);
      for (const e of endpoints) expect(e.subnet_id).toBe(NETWORK.subnetId);
    });

    test("Redis persists into an account of its own that admits trusted services only and keeps no deleted or superseded snapshots", () => {
      const rdb = account(json, "RedisPersistence");
      expect(rdb).toMatchObject({ public_network_access_enabled: true, network_rules: { default_action: "Deny", bypass: ["AzureServices"] } });
      expect(rdb?.blob_properties).toEqual({ versioning_enabled: false });
      expect(onlyResource(json, "azurerm_redis_cache").redis_configuration).toMatchObject({
        rdb_backup_enabled: true,
        rdb_storage_connection_string: expect.stringMatching(/^BlobEndpoint=\$\{azurerm_storage_account\.Data_RedisPersistence_[0-9A-F]{8}\.primary_blob_endpoint\}$/),
      });
    });

    test("prevent_destroy on every stateful resource", () => {
      for (const [type, resource] of stateful(json)) expect([type, resource.lifecycle?.prevent_destroy]).toEqual([type, true]);
    });

    test("the Key Vault holds each store's connection details, written by ARM from the stores' ids: no data-plane call, no value in Terraform", () => {
      expect(resourcesOf(json, "azurerm_key_vault_secret")).toEqual([]);
      const byName = vaultSecrets(json);
      expect(Object.keys(byName).sort()).toEqual(["blob-endpoint", "mongodb-uri", "redis-url"]);
      expect(byName["mongodb-uri"].value).toBe("[listConnectionStrings(parameters('source'), '2024-11-15').connectionStrings[0].connectionString]");
      expect(byName["mongodb-uri"].parameters).toMatch(/"source" = \{"value" = azurerm_cosmosdb_account\.[^.]+\.id\}/);
      expect(byName["redis-url"].value).toBe(
        "[format('rediss://:{0}@{1}:{2}', uriComponent(listKeys(parameters('source'), '2024-11-01').primaryKey), reference(parameters('source'), '2024-11-01').hostName, reference(parameters('source'), '2024-11-01').sslPort)]",
      );
      expect(byName["redis-url"].parameters).toMatch(/"source" = \{"value" = azurerm_redis_cache\.[^.]+\.id\}/);
      expect(byName["blob-endpoint"].value).toBe("[parameters('source')]");
      expect(byName["blob-endpoint"].parameters).toMatch(/"source" = \{"value" = azurerm_storage_account\.[^.]+\.primary_blob_endpoint\}/);
      for (const secret of Object.values(byName)) expect(secret.parameters).not.toMatch(/access_key|connection_string|primary_key/);
    });

    test("the identity reads secrets and writes blobs; it is federated with no cluster unless asked", () => {
      const roles = resourcesOf(json, "azurerm_role_assignment").map((r) => r.role_definition_name).sort();
      // No Secrets Officer: nothing is granted to whoever runs Terraform (a saved plan would freeze the plan identity).
      expect(roles).toEqual(["Key Vault Secrets User", "Storage Blob Data Contributor", "Storage Blob Data Contributor"]);
      expect(resourcesOf(json, "azurerm_federated_identity_credential")).toEqual([]);
    });

    test("the secret source: vault, tenant, client id, Secret omega-secrets and its keys", () => {
      const source = layer.secretSource;
      expect(source.secretName).toBe("omega-secrets");
      expect(source.keys).toEqual({ mongodbUri: "mongodb-uri", redisUrl: "redis-url" });
      expect(source.objects).toEqual([
        { objectName: "mongodb-uri", secretKey: "mongodb-uri" },
        { objectName: "redis-url", secretKey: "redis-url" },
        { objectName: "blob-endpoint", secretKey: "blob-endpoint" },
      ]);
      for (const value of [source.keyVaultName, source.tenantId, source.clientId]) expect(value).toMatch(/^\$\{TfToken\[/);
      expect(source.namespace).toBe("platform");
      expect(source.serviceAccountNames).toEqual([]);
    });

    test("egress the workloads need: the endpoint subnet on Cosmos, Redis TLS and HTTPS ports", () => {
      expect(layer.privateEgress).toEqual([{ cidr: "10.1.4.0/24", ports: [443, 6380, 10255] }]);
    });
  });

  describe("overrides", () => {
    test("AI Search: its endpoint and key in the vault, its private endpoint", () => {
      const { json, layer } = synth({ search: { sku: SearchSku.STANDARD, replicas: 3 } });
      expect(onlyResource(json, "azurerm_search_service")).toMatchObject({ sku: "standard", replica_count: 3, public_network_access_enabled: false });
      expect(Object.keys(vaultSecrets(json)).sort()).toEqual([
        "blob-endpoint",
        "mongodb-uri",
        "redis-url",
        "search-api-key",
        "search-endpoint",
      ]);
      expect(layer.privateEndpoints.size).toBe(5);
    });

    test("workload identity: one federated credential per service account", () => {
      const { json, layer } = synth({ workloadIdentity: { oidcIssuerUrl: ISSUER, serviceAccountNames: ["omega-data", "federation-core"] } });
      expect(resourcesOf(json, "azurerm_federated_identity_credential").map((c) => c.subject).sort()).toEqual([
        "system:serviceaccount:platform:federation-core",
        "system:serviceaccount:platform:omega-data",
      ]);
      expect(layer.secretSource.serviceAccountNames).toEqual(["omega-data", "federation-core"]);
    });

    test("a Cosmos DB account from another stack: connected, not created", () => {
      const { stack } = testStack();
      const external: ICosmosMongoAccount = {
        accountId: "/subscriptions/s/databaseAccounts/global",
        accountName: "global",
        databaseName: "omega",
        connectionString: new TerraformVariable(stack, "connection", { type: "string", sensitive: true }).stringValue,
      };
      const layer = new ManagedDataLayer(stack, "Data", { ...BASE, cosmos: undefined, cosmosAccount: external });
      const json = synthJson(stack);
      // ARM reads the global account's connection string by its id, across resource groups.
      expect(vaultSecrets(json)["mongodb-uri"].parameters).toContain('"source" = {"value" = "/subscriptions/s/databaseAccounts/global"}');
      expect(resourcesOf(json, "azurerm_cosmosdb_account")).toEqual([]);
      expect(layer.cosmosAccount).toBeUndefined();
      const endpoint = resourcesOf(json, "azurerm_private_endpoint").find(
        (e) => (e.private_service_connection as { subresource_names: string[] }).subresource_names[0] === "MongoDB",
      );
      expect((endpoint?.private_service_connection as { private_connection_resource_id: string }).private_connection_resource_id).toBe(external.accountId);
    });

    test("staging: public endpoints, no private network, Basic cache without persistence", () => {
      const { json, layer } = synth({ privateNetwork: undefined, publicNetworkAccessEnabled: true, redis: { sku: RedisSku.BASIC } });
      expect(resourcesOf(json, "azurerm_private_endpoint")).toEqual([]);
      expect(resourcesOf(json, "azurerm_private_dns_zone")).toEqual([]);
      const redis = onlyResource(json, "azurerm_redis_cache");
      expect(redis).toMatchObject({ sku_name: "Basic", public_network_access_enabled: true, redis_configuration: {} });
      expect(redis.lifecycle).toBeUndefined();
      expect(onlyResource(json, "azurerm_storage_account")).toMatchObject({ public_network_access_enabled: true });
      expect(onlyResource(json, "azurerm_storage_account").network_rules).toBeUndefined();
      expect(layer.privateEgress).toEqual([]);
    });

    test("service-endpoint subnets: Cosmos DB, Key Vault and storage admit only them, Redis has no public access, no private endpoint", () => {
      const { json, layer } = synth({ privateNetwork: undefined, serviceEndpointSubnetIds: [SUBNET], redis: { sku: RedisSku.BASIC } });
      expect(resourcesOf(json, "azurerm_private_endpoint")).toEqual([]);
      const cosmos = onlyResource(json, "azurerm_cosmosdb_account");
      expect(cosmos).toMatchObject({ public_network_access_enabled: true, is_virtual_network_filter_enabled: true, virtual_network_rule: [{ id: SUBNET }] });
      expect(cosmos.ip_range_filter).toBeUndefined();
      expect(onlyResource(json, "azurerm_key_vault")).toMatchObject({
        public_network_access_enabled: true,
        network_acls: { default_action: "Deny", bypass: "AzureServices", virtual_network_subnet_ids: [SUBNET] },
      });
      expect(onlyResource(json, "azurerm_key_vault").network_acls.ip_rules).toBeUndefined();
      expect(onlyResource(json, "azurerm_storage_account")).toMatchObject({
        public_network_access_enabled: true,
        network_rules: { default_action: "Deny", bypass: ["AzureServices"], virtual_network_subnet_ids: [SUBNET] },
      });
      expect(onlyResource(json, "azurerm_redis_cache").public_network_access_enabled).toBe(false);
      expect(layer.publicNetworkAccessEnabled).toBe(false);
      expect(layer.serviceEndpointSubnetIds).toEqual([SUBNET]);
      // Containers by account id (ARM), never by account name (the blob data plane).
      for (const container of resourcesOf(json, "azurerm_storage_container")) {
        expect(container.storage_account_id).toMatch(/^\$\{azurerm_storage_account\./);
        expect(container.storage_account_name).toBeUndefined();
      }
    });

    test("no persistence: no persistence account", () => {
      const { json } = synth({ redisPersistence: false });
      expect(onlyResource(json, "azurerm_storage_account").public_network_access_enabled).toBe(false);
      expect(account(json, "RedisPersistence")).toBeUndefined();
      expect(onlyResource(json, "azurerm_redis_cache").lifecycle).toBeUndefined();
    });

    test("destroy protection off everywhere", () => {
      const { json } = synth({ preventDestroy: false });
      for (const [type, resource] of stateful(json)) expect([type, resource.lifecycle?.prevent_destroy]).toEqual([type, undefined]);
    });
  });

  describe("validation", () => {
    test("fails with both an account to create and one to connect to", () => {
      const external = { accountId: "a", accountName: "n", databaseName: "d", connectionString: "c" };
      expect(build({ cosmosAccount: external })).toThrow(
        'test/Data: invalid cosmos "set": expected exactly one of cosmos (an account to create) and cosmosAccount (an account from another stack)',
      );
    });

    test("fails with neither", () => {
      expect(build({ cosmos: undefined })).toThrow("test/Data: invalid cosmos undefined: expected exactly one of cosmos");
    });

    test("fails without a private network while public access is off", () => {
      expect(build({ privateNetwork: undefined })).toThrow(
        "test/Data: invalid privateNetwork undefined: expected a private network (or serviceEndpointSubnetIds) while publicNetworkAccessEnabled is false: nothing could reach the stores",
      );
    });

    test("fails on an empty list of service-endpoint subnets", () => {
      expect(build({ privateNetwork: undefined, serviceEndpointSubnetIds: [] })).toThrow(
        "test/Data: invalid serviceEndpointSubnetIds []: expected at least one subnet id, or leave it unset",
      );
    });

    test("fails on service-endpoint subnets with public access for every address", () => {
      expect(build({ privateNetwork: undefined, publicNetworkAccessEnabled: true, serviceEndpointSubnetIds: [SUBNET] })).toThrow(
        `test/Data: invalid serviceEndpointSubnetIds ["${SUBNET}"]: expected none with publicNetworkAccessEnabled: the subnets restrict the public endpoints, which publicNetworkAccessEnabled opens to every address`,
      );
    });

    test("fails on service-endpoint subnets with a private network", () => {
      expect(build({ serviceEndpointSubnetIds: [SUBNET] })).toThrow(
        `test/Data: invalid serviceEndpointSubnetIds ["${SUBNET}"]: expected none with privateNetwork: the stores are reached through their private endpoints and keep no public endpoint`,
      );
    });

    test("fails on service-endpoint subnets with AI Search, which takes no virtual network rules", () => {
      expect(build({ privateNetwork: undefined, serviceEndpointSubnetIds: [SUBNET], search: { sku: SearchSku.BASIC } })).toThrow(
        `test/Data: invalid serviceEndpointSubnetIds ["${SUBNET}"]: expected none with search: AI Search takes no virtual network rules, so it would be unreachable; use privateNetwork`,
      );
    });

    test("fails on persistence for a non-Premium cache", () => {
      expect(build({ redis: { sku: RedisSku.STANDARD }, redisPersistence: true })).toThrow(
        "test/Data: invalid redisPersistence true: expected false for a non-Premium cache: RDB persistence needs the Premium SKU",
      );
    });

    test("fails on an unknown region", () => {
      expect(build({ location: "East US" })).toThrow('test/Data: invalid location "East US": expected an Azure region name such as eastus or westeurope');
    });

    test("fails on an endpoint subnet prefix that is not a CIDR block", () => {
      expect(build({ privateNetwork: { ...NETWORK, subnetPrefix: "10.1.4.0" } })).toThrow(
        'test/Data: invalid privateNetwork.subnetPrefix "10.1.4.0": expected an IPv4 CIDR block such as 10.0.0.0/16',
      );
    });

    test("passes the stores' own validation through (Strong with multi-region writes)", () => {
      expect(build({ cosmos: { regions: ["eastus", "westeurope"], multiRegionWrites: true, consistency: "Strong" as never } })).toThrow(
        'test/Data/Cosmos: invalid consistency "Strong": expected a level other than Strong with multiRegionWrites',
      );
    });
  });
});
