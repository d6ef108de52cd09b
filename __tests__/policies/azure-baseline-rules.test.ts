import { Lazy, TerraformStack, TerraformVariable } from "cdktf";
import { CosmosdbAccount, CosmosdbAccountConfig } from "../../providers/azurerm/cosmosdb-account";
import { KeyVault, KeyVaultConfig } from "../../providers/azurerm/key-vault";
import { RedisCache, RedisCacheConfig } from "../../providers/azurerm/redis-cache";
import { SearchService, SearchServiceConfig } from "../../providers/azurerm/search-service";
import { StorageAccount, StorageAccountConfig } from "../../providers/azurerm/storage-account";
import { aksApiServerAccessRestricted } from "../../policies/rules/azure/aks-api-server-access-restricted";
import { aksAutomaticUpgrades } from "../../policies/rules/azure/aks-automatic-upgrades";
import { aksAzurePolicyAddon } from "../../policies/rules/azure/aks-azure-policy-addon";
import { aksDefenderEnabled } from "../../policies/rules/azure/aks-defender-enabled";
import { aksEntraIdRbac } from "../../policies/rules/azure/aks-entra-id-rbac";
import { aksLocalAccountsDisabled } from "../../policies/rules/azure/aks-local-accounts-disabled";
import { aksMonitoringEnabled } from "../../policies/rules/azure/aks-monitoring-enabled";
import { aksNetworkPolicy } from "../../policies/rules/azure/aks-network-policy";
import { aksSecretRotation } from "../../policies/rules/azure/aks-secret-rotation";
import { aksStandardTier } from "../../policies/rules/azure/aks-standard-tier";
import { aksSystemPoolIsolated } from "../../policies/rules/azure/aks-system-pool-isolated";
import { aksZoneRedundant } from "../../policies/rules/azure/aks-zone-redundant";
import { cosmosContinuousBackup } from "../../policies/rules/azure/cosmos-continuous-backup";
import { cosmosPublicNetworkDisabled } from "../../policies/rules/azure/cosmos-public-network-disabled";
import { keyVaultNetworkDefaultDeny } from "../../policies/rules/azure/key-vault-network-default-deny";
import { keyVaultPurgeProtection } from "../../policies/rules/azure/key-vault-purge-protection";
import { keyVaultRbacAuthorization } from "../../policies/rules/azure/key-vault-rbac-authorization";
import { redisMinimumTls } from "../../policies/rules/azure/redis-minimum-tls";
import { redisNonTlsPortDisabled } from "../../policies/rules/azure/redis-non-tls-port-disabled";
import { redisPublicNetworkDisabled } from "../../policies/rules/azure/redis-public-network-disabled";
import { searchPublicNetworkDisabled } from "../../policies/rules/azure/search-public-network-disabled";
import { storageBlobSoftDelete } from "../../policies/rules/azure/storage-blob-soft-delete";
import { storageBlobVersioning } from "../../policies/rules/azure/storage-blob-versioning";
import { storageHttpsOnly } from "../../policies/rules/azure/storage-https-only";
import { storageMinimumTls } from "../../policies/rules/azure/storage-minimum-tls";
import { storageNoPublicBlobAccess } from "../../policies/rules/azure/storage-no-public-blob-access";
import { COMPLIANT, NOT_APPLICABLE, evaluate, nodePool, nonCompliant, secureCluster } from "./rule-harness";

const placement = { location: "eastus", resourceGroupName: "rg" };

function cosmos(stack: TerraformStack, overrides: Partial<CosmosdbAccountConfig> = {}) {
  return new CosmosdbAccount(stack, "Cosmos", {
    ...placement,
    name: "cosmos",
    offerType: "Standard",
    kind: "MongoDB",
    consistencyPolicy: { consistencyLevel: "Session" },
    geoLocation: [{ location: "eastus", failoverPriority: 0 }],
    publicNetworkAccessEnabled: false,
    backup: { type: "Continuous", tier: "Continuous30Days" },
    ...overrides,
  });
}

function redis(stack: TerraformStack, overrides: Partial<RedisCacheConfig> = {}) {
  return new RedisCache(stack, "Redis", {
    ...placement,
    name: "redis",
    capacity: 1,
    family: "P",
    skuName: "Premium",
    minimumTlsVersion: "1.2",
    nonSslPortEnabled: false,
    publicNetworkAccessEnabled: false,
    ...overrides,
  });
}

function storage(stack: TerraformStack, overrides: Partial<StorageAccountConfig> = {}) {
  return new StorageAccount(stack, "Storage", {
    ...placement,
    name: "omegastorage",
    accountTier: "Standard",
    accountReplicationType: "ZRS",
    httpsTrafficOnlyEnabled: true,
    minTlsVersion: "TLS1_2",
    allowNestedItemsToBePublic: false,
    blobProperties: { versioningEnabled: true, deleteRetentionPolicy: { days: 30 } },
    ...overrides,
  });
}

function keyVault(stack: TerraformStack, overrides: Partial<KeyVaultConfig> = {}) {
  return new KeyVault(stack, "Vault", {
    ...placement,
    name: "omega-kv",
    skuName: "standard",
    tenantId: "00000000-0000-0000-0000-000000000000",
    purgeProtectionEnabled: true,
    rbacAuthorizationEnabled: true,
    networkAcls: { defaultAction: "Deny", bypass: "AzureServices" },
    ...overrides,
  });
}

function search(stack: TerraformStack, overrides: Partial<SearchServiceConfig> = {}) {
  return new SearchService(stack, "Search", { ...placement, name: "omega-search", sku: "standard", publicNetworkAccessEnabled: false, ...overrides });
}

describe("AzureBaseline rules", () => {
  describe("AksEntraIdRbac", () => {
    test("compliant: Kubernetes RBAC with Entra ID and Azure RBAC", () => {
      expect(evaluate(aksEntraIdRbac, (s) => secureCluster(s))).toEqual(COMPLIANT);
    });
    test("non-compliant: no Entra ID integration", () => {
      expect(evaluate(aksEntraIdRbac, (s) => secureCluster(s, { azureActiveDirectoryRoleBasedAccessControl: undefined }))).toEqual(
        nonCompliant("azure_active_directory_role_based_access_control is not set: no Entra ID integration"),
      );
    });
    test("non-compliant: Entra ID without Azure RBAC", () => {
      expect(evaluate(aksEntraIdRbac, (s) => secureCluster(s, { azureActiveDirectoryRoleBasedAccessControl: { azureRbacEnabled: false } }))).toEqual(
        nonCompliant("azure_active_directory_role_based_access_control.azure_rbac_enabled is false, expected true"),
      );
    });
    test("non-compliant: Kubernetes RBAC off", () => {
      expect(evaluate(aksEntraIdRbac, (s) => secureCluster(s, { roleBasedAccessControlEnabled: false }))).toEqual(
        nonCompliant("role_based_access_control_enabled is false, expected true"),
      );
    });
  });

  describe("AksLocalAccountsDisabled", () => {
    test("compliant: local accounts disabled", () => {
      expect(evaluate(aksLocalAccountsDisabled, (s) => secureCluster(s))).toEqual(COMPLIANT);
    });
    test("non-compliant: left at the provider default", () => {
      expect(evaluate(aksLocalAccountsDisabled, (s) => secureCluster(s, { localAccountDisabled: undefined }))).toEqual(
        nonCompliant("local_account_disabled is not set, expected true"),
      );
    });
    test("compliant when the value is a token that resolves to true", () => {
      const lazyTrue = Lazy.anyValue({ produce: () => true }) as unknown as boolean;
      expect(evaluate(aksLocalAccountsDisabled, (s) => secureCluster(s, { localAccountDisabled: lazyTrue }))).toEqual(COMPLIANT);
    });
    test("non-compliant when the value is only known at apply time", () => {
      const result = evaluate(aksLocalAccountsDisabled, (s) => {
        const variable = new TerraformVariable(s, "local", { type: "bool" });
        return secureCluster(s, { localAccountDisabled: variable.booleanValue });
      });
      expect(result).toEqual(nonCompliant('local_account_disabled is "${var.local}" (known only at apply time), expected true'));
    });
  });

  describe("AksNetworkPolicy", () => {
    test("compliant: Cilium", () => {
      expect(evaluate(aksNetworkPolicy, (s) => secureCluster(s))).toEqual(COMPLIANT);
    });
    test("non-compliant: no engine", () => {
      expect(evaluate(aksNetworkPolicy, (s) => secureCluster(s, { networkProfile: { networkPlugin: "azure" } }))).toEqual(
        nonCompliant("network_profile.network_policy is not set, expected one of azure, calico, cilium"),
      );
    });
  });

  describe("AksApiServerAccessRestricted", () => {
    test("compliant: private cluster", () => {
      expect(evaluate(aksApiServerAccessRestricted, (s) => secureCluster(s))).toEqual(COMPLIANT);
    });
    test("compliant: public with authorized ranges", () => {
      const result = evaluate(aksApiServerAccessRestricted, (s) =>
        secureCluster(s, { privateClusterEnabled: false, apiServerAccessProfile: { authorizedIpRanges: ["203.0.113.0/24"] } }),
      );
      expect(result).toEqual(COMPLIANT);
    });
    test("non-compliant: public to any address", () => {
      expect(evaluate(aksApiServerAccessRestricted, (s) => secureCluster(s, { privateClusterEnabled: false }))).toEqual(
        nonCompliant(
          "the API server is public to any address: private_cluster_enabled is not true and api_server_access_profile.authorized_ip_ranges is empty",
        ),
      );
    });
    test("non-compliant: an authorized range that is everything", () => {
      const result = evaluate(aksApiServerAccessRestricted, (s) =>
        secureCluster(s, { privateClusterEnabled: false, apiServerAccessProfile: { authorizedIpRanges: ["0.0.0.0/0"] } }),
      );
      expect(result).toEqual(nonCompliant('api_server_access_profile.authorized_ip_ranges contains "0.0.0.0/0", which is any address'));
    });
  });

  describe("AksAzurePolicyAddon", () => {
    test("compliant: add-on on", () => {
      expect(evaluate(aksAzurePolicyAddon, (s) => secureCluster(s))).toEqual(COMPLIANT);
    });
    test("non-compliant: add-on off", () => {
      expect(evaluate(aksAzurePolicyAddon, (s) => secureCluster(s, { azurePolicyEnabled: false }))).toEqual(
        nonCompliant("azure_policy_enabled is false, expected true"),
      );
    });
  });

  describe("AksDefenderEnabled", () => {
    test("compliant: Defender with a workspace", () => {
      expect(evaluate(aksDefenderEnabled, (s) => secureCluster(s))).toEqual(COMPLIANT);
    });
    test("non-compliant: no Defender", () => {
      expect(evaluate(aksDefenderEnabled, (s) => secureCluster(s, { microsoftDefender: undefined }))).toEqual(
        nonCompliant("microsoft_defender is not set: no Defender for Containers on the cluster"),
      );
    });
  });

  describe("AksMonitoringEnabled", () => {
    test("compliant: Container Insights to Log Analytics", () => {
      expect(evaluate(aksMonitoringEnabled, (s) => secureCluster(s))).toEqual(COMPLIANT);
    });
    test("non-compliant: no oms_agent", () => {
      expect(evaluate(aksMonitoringEnabled, (s) => secureCluster(s, { omsAgent: undefined }))).toEqual(
        nonCompliant("oms_agent.log_analytics_workspace_id is not set: no Container Insights"),
      );
    });
  });

  describe("AksAutomaticUpgrades", () => {
    test("compliant: patch channel", () => {
      expect(evaluate(aksAutomaticUpgrades, (s) => secureCluster(s))).toEqual(COMPLIANT);
    });
    test("non-compliant: channel none", () => {
      expect(evaluate(aksAutomaticUpgrades, (s) => secureCluster(s, { automaticUpgradeChannel: "none" }))).toEqual(
        nonCompliant('automatic_upgrade_channel is "none", expected one of patch, stable, rapid, node-image'),
      );
    });
  });

  describe("AksZoneRedundant", () => {
    test("compliant: default pool over three zones", () => {
      expect(evaluate(aksZoneRedundant, (s) => secureCluster(s))).toEqual(COMPLIANT);
    });
    test("non-compliant: default pool in one zone", () => {
      const result = evaluate(aksZoneRedundant, (s) =>
        secureCluster(s, { defaultNodePool: { name: "system", vmSize: "Standard_D4s_v5", zones: ["1"] } }),
      );
      expect(result).toEqual(nonCompliant('default_node_pool.zones is ["1"], expected at least two availability zones'));
    });
    test("compliant: a node pool over two zones", () => {
      expect(evaluate(aksZoneRedundant, (s) => nodePool(s, { zones: ["1", "2"] }))).toEqual(COMPLIANT);
    });
    test("non-compliant: a node pool without zones", () => {
      expect(evaluate(aksZoneRedundant, (s) => nodePool(s, { zones: undefined }))).toEqual(
        nonCompliant("zones is [], expected at least two availability zones"),
      );
    });
  });

  describe("AksStandardTier", () => {
    test("compliant: Standard", () => {
      expect(evaluate(aksStandardTier, (s) => secureCluster(s))).toEqual(COMPLIANT);
    });
    test("non-compliant: the Free default", () => {
      expect(evaluate(aksStandardTier, (s) => secureCluster(s, { skuTier: undefined }))).toEqual(
        nonCompliant("sku_tier is not set (the provider defaults to Free), expected Standard or Premium"),
      );
    });
  });

  describe("AksSecretRotation", () => {
    test("compliant: rotation on", () => {
      expect(evaluate(aksSecretRotation, (s) => secureCluster(s))).toEqual(COMPLIANT);
    });
    test("non-compliant: provider without rotation", () => {
      expect(evaluate(aksSecretRotation, (s) => secureCluster(s, { keyVaultSecretsProvider: { secretRotationEnabled: false } }))).toEqual(
        nonCompliant("key_vault_secrets_provider.secret_rotation_enabled is false, expected true"),
      );
    });
    test("non-compliant: no secrets provider", () => {
      expect(evaluate(aksSecretRotation, (s) => secureCluster(s, { keyVaultSecretsProvider: undefined }))).toEqual(
        nonCompliant("key_vault_secrets_provider is not set: no Secrets Store CSI driver"),
      );
    });
  });

  describe("AksSystemPoolIsolated", () => {
    test("compliant: only critical add-ons on the system pool", () => {
      expect(evaluate(aksSystemPoolIsolated, (s) => secureCluster(s))).toEqual(COMPLIANT);
    });
    test("non-compliant: applications may share the system pool", () => {
      const result = evaluate(aksSystemPoolIsolated, (s) =>
        secureCluster(s, { defaultNodePool: { name: "alwayson", vmSize: "Standard_D4s_v5", zones: ["1", "2", "3"] } }),
      );
      expect(result).toEqual(nonCompliant("default_node_pool.only_critical_addons_enabled is not set: application pods may run on the system pool"));
    });
  });

  describe("CosmosPublicNetworkDisabled", () => {
    test("compliant: public access off", () => {
      expect(evaluate(cosmosPublicNetworkDisabled, (s) => cosmos(s))).toEqual(COMPLIANT);
    });
    test("non-compliant: the provider default", () => {
      expect(evaluate(cosmosPublicNetworkDisabled, (s) => cosmos(s, { publicNetworkAccessEnabled: undefined }))).toEqual(
        nonCompliant(
          "public_network_access_enabled is not set (the provider defaults to true) without a virtual network filter (is_virtual_network_filter_enabled with a virtual_network_rule): every address may connect",
        ),
      );
    });
    test("compliant: public endpoint behind a virtual network filter that admits only subnets", () => {
      const filtered = { publicNetworkAccessEnabled: true, isVirtualNetworkFilterEnabled: true, virtualNetworkRule: [{ id: "/subscriptions/x/subnets/services" }] };
      expect(evaluate(cosmosPublicNetworkDisabled, (s) => cosmos(s, filtered))).toEqual(COMPLIANT);
    });
    test("non-compliant: a filter without subnets, or with IP ranges besides them", () => {
      expect(evaluate(cosmosPublicNetworkDisabled, (s) => cosmos(s, { publicNetworkAccessEnabled: true, isVirtualNetworkFilterEnabled: true }))).toEqual(
        nonCompliant(
          "public_network_access_enabled is true (the provider defaults to true) without a virtual network filter (is_virtual_network_filter_enabled with a virtual_network_rule): every address may connect",
        ),
      );
      const withRanges = { publicNetworkAccessEnabled: true, isVirtualNetworkFilterEnabled: true, virtualNetworkRule: [{ id: "subnet" }], ipRangeFilter: ["0.0.0.0/0"] };
      expect(evaluate(cosmosPublicNetworkDisabled, (s) => cosmos(s, withRanges))).toEqual(
        nonCompliant("public_network_access_enabled is true (the provider defaults to true) and ip_range_filter admits 0.0.0.0/0 besides the virtual network filter"),
      );
    });
  });

  describe("CosmosContinuousBackup", () => {
    test("compliant: continuous", () => {
      expect(evaluate(cosmosContinuousBackup, (s) => cosmos(s))).toEqual(COMPLIANT);
    });
    test("non-compliant: periodic", () => {
      expect(evaluate(cosmosContinuousBackup, (s) => cosmos(s, { backup: { type: "Periodic" } }))).toEqual(
        nonCompliant('backup.type is "Periodic" (the provider defaults to Periodic), expected "Continuous"'),
      );
    });
  });

  describe("RedisNonTlsPortDisabled", () => {
    test("compliant: port off", () => {
      expect(evaluate(redisNonTlsPortDisabled, (s) => redis(s))).toEqual(COMPLIANT);
    });
    test("compliant: left at the provider default (off)", () => {
      expect(evaluate(redisNonTlsPortDisabled, (s) => redis(s, { nonSslPortEnabled: undefined }))).toEqual(COMPLIANT);
    });
    test("non-compliant: port on", () => {
      expect(evaluate(redisNonTlsPortDisabled, (s) => redis(s, { nonSslPortEnabled: true }))).toEqual(
        nonCompliant("non_ssl_port_enabled is true, expected false"),
      );
    });
  });

  describe("RedisMinimumTls", () => {
    test("compliant: 1.2", () => {
      expect(evaluate(redisMinimumTls, (s) => redis(s))).toEqual(COMPLIANT);
    });
    test("compliant: left out, azurerm 5's default (1.2, the only value it accepts)", () => {
      expect(evaluate(redisMinimumTls, (s) => redis(s, { minimumTlsVersion: undefined }))).toEqual(COMPLIANT);
    });
    test("non-compliant: TLS 1.0", () => {
      expect(evaluate(redisMinimumTls, (s) => redis(s, { minimumTlsVersion: "1.0" }))).toEqual(
        nonCompliant('minimum_tls_version is "1.0", expected "1.2" (azurerm 5\'s default when it is left out)'),
      );
    });
  });

  describe("RedisPublicNetworkDisabled", () => {
    test("compliant: public access off", () => {
      expect(evaluate(redisPublicNetworkDisabled, (s) => redis(s))).toEqual(COMPLIANT);
    });
    test("non-compliant: public access on", () => {
      expect(evaluate(redisPublicNetworkDisabled, (s) => redis(s, { publicNetworkAccessEnabled: true }))).toEqual(
        nonCompliant("public_network_access_enabled is true (the provider defaults to true), expected false"),
      );
    });
  });

  describe("StorageHttpsOnly", () => {
    test("compliant: HTTPS only", () => {
      expect(evaluate(storageHttpsOnly, (s) => storage(s))).toEqual(COMPLIANT);
    });
    test("non-compliant: HTTP allowed", () => {
      expect(evaluate(storageHttpsOnly, (s) => storage(s, { httpsTrafficOnlyEnabled: false }))).toEqual(
        nonCompliant("https_traffic_only_enabled is false, expected true"),
      );
    });
  });

  describe("StorageMinimumTls", () => {
    test("compliant: TLS 1.2", () => {
      expect(evaluate(storageMinimumTls, (s) => storage(s))).toEqual(COMPLIANT);
    });
    test("non-compliant: TLS 1.0", () => {
      expect(evaluate(storageMinimumTls, (s) => storage(s, { minTlsVersion: "TLS1_0" }))).toEqual(
        nonCompliant('min_tls_version is "TLS1_0", expected "TLS1_2" or "TLS1_3"'),
      );
    });
  });

  describe("StorageNoPublicBlobAccess", () => {
    test("compliant: nested items may not be public", () => {
      expect(evaluate(storageNoPublicBlobAccess, (s) => storage(s))).toEqual(COMPLIANT);
    });
    test("compliant: left out, azurerm 5's default (false)", () => {
      expect(evaluate(storageNoPublicBlobAccess, (s) => storage(s, { allowNestedItemsToBePublic: undefined }))).toEqual(COMPLIANT);
    });
    test("non-compliant: public containers allowed", () => {
      expect(evaluate(storageNoPublicBlobAccess, (s) => storage(s, { allowNestedItemsToBePublic: true }))).toEqual(
        nonCompliant("allow_nested_items_to_be_public is true, expected false (azurerm 5's default when it is left out)"),
      );
    });
  });

  describe("StorageBlobSoftDelete", () => {
    test("compliant: 30 days", () => {
      expect(evaluate(storageBlobSoftDelete, (s) => storage(s))).toEqual(COMPLIANT);
    });
    test("non-compliant: no retention policy", () => {
      expect(evaluate(storageBlobSoftDelete, (s) => storage(s, { blobProperties: { versioningEnabled: true } }))).toEqual(
        nonCompliant("blob_properties.delete_retention_policy is not set: deleted blobs are not kept"),
      );
    });
    test("not applicable: a file-only account", () => {
      expect(evaluate(storageBlobSoftDelete, (s) => storage(s, { accountKind: "FileStorage", accountTier: "Premium", blobProperties: undefined }))).toEqual(
        NOT_APPLICABLE,
      );
    });
  });

  describe("StorageBlobVersioning", () => {
    test("compliant: versioning on", () => {
      expect(evaluate(storageBlobVersioning, (s) => storage(s))).toEqual(COMPLIANT);
    });
    test("non-compliant: versioning off", () => {
      expect(evaluate(storageBlobVersioning, (s) => storage(s, { blobProperties: { versioningEnabled: false } }))).toEqual(
        nonCompliant("blob_properties.versioning_enabled is false, expected true"),
      );
    });
    test("not applicable: a file-only account", () => {
      expect(evaluate(storageBlobVersioning, (s) => storage(s, { accountKind: "FileStorage", accountTier: "Premium", blobProperties: undefined }))).toEqual(
        NOT_APPLICABLE,
      );
    });
  });

  describe("KeyVaultPurgeProtection", () => {
    test("compliant: purge protection on", () => {
      expect(evaluate(keyVaultPurgeProtection, (s) => keyVault(s))).toEqual(COMPLIANT);
    });
    test("non-compliant: off", () => {
      expect(evaluate(keyVaultPurgeProtection, (s) => keyVault(s, { purgeProtectionEnabled: false }))).toEqual(
        nonCompliant("purge_protection_enabled is false, expected true"),
      );
    });
  });

  describe("KeyVaultRbacAuthorization", () => {
    test("compliant: RBAC authorization", () => {
      expect(evaluate(keyVaultRbacAuthorization, (s) => keyVault(s))).toEqual(COMPLIANT);
    });
    test("non-compliant: access policies", () => {
      expect(evaluate(keyVaultRbacAuthorization, (s) => keyVault(s, { rbacAuthorizationEnabled: false }))).toEqual(
        nonCompliant("rbac_authorization_enabled is false, expected true"),
      );
    });
  });

  describe("KeyVaultNetworkDefaultDeny", () => {
    test("compliant: deny by default", () => {
      expect(evaluate(keyVaultNetworkDefaultDeny, (s) => keyVault(s))).toEqual(COMPLIANT);
    });
    test("non-compliant: allow by default", () => {
      expect(evaluate(keyVaultNetworkDefaultDeny, (s) => keyVault(s, { networkAcls: { defaultAction: "Allow", bypass: "AzureServices" } }))).toEqual(
        nonCompliant('network_acls.default_action is "Allow", expected "Deny"'),
      );
    });
  });

  describe("SearchPublicNetworkDisabled", () => {
    test("compliant: public access off", () => {
      expect(evaluate(searchPublicNetworkDisabled, (s) => search(s))).toEqual(COMPLIANT);
    });
    test("non-compliant: the provider default", () => {
      expect(evaluate(searchPublicNetworkDisabled, (s) => search(s, { publicNetworkAccessEnabled: undefined }))).toEqual(
        nonCompliant("public_network_access_enabled is not set (the provider defaults to true), expected false"),
      );
    });
  });
});
