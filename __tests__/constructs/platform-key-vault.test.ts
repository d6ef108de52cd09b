import { Testing } from "cdktf";
import { StorageAccount } from "../../providers/azurerm/storage-account";
import { KeyVaultSku, PlatformKeyVault, PlatformKeyVaultProps, VaultSecretValue } from "../../constructs/platform-key-vault";
import { onlyResource, resourcesOf, synthJson, testStack } from "../helpers";

const SUBNET = "/subscriptions/s/virtualNetworks/vnet/subnets/services";
const BASE: PlatformKeyVaultProps = { resourceGroupName: "rg", location: "eastus" };

function synth(props: Partial<PlatformKeyVaultProps> = {}) {
  const { stack } = testStack();
  const vault = new PlatformKeyVault(stack, "Vault", { ...BASE, ...props });
  const json = synthJson(stack);
  return { vault, json, resource: onlyResource(json, "azurerm_key_vault") };
}

function build(props: Partial<PlatformKeyVaultProps>): () => PlatformKeyVault {
  return () => new PlatformKeyVault(testStack().stack, "Vault", { ...BASE, ...props });
}

describe("PlatformKeyVault", () => {
  test("minimal config snapshot", () => {
    const { stack } = testStack();
    new PlatformKeyVault(stack, "Vault", BASE);
    expect(Testing.synth(stack)).toMatchSnapshot();
  });

  describe("defaults", () => {
    const { resource, json, vault } = synth();

    test("Azure RBAC, purge protection, 90-day soft delete, standard SKU", () => {
      expect(resource).toMatchObject({
        rbac_authorization_enabled: true,
        purge_protection_enabled: true,
        soft_delete_retention_days: 90,
        sku_name: "standard",
      });
      expect(resource.access_policy).toBeUndefined();
    });

    test("no public network access; the firewall denies all but trusted Azure services", () => {
      expect(resource.public_network_access_enabled).toBe(false);
      expect(resource.network_acls).toEqual({ bypass: "AzureServices", default_action: "Deny" });
    });

    test("not exposed to VM deployment, disk encryption or templates", () => {
      expect(resource).toMatchObject({ enabled_for_deployment: false, enabled_for_disk_encryption: false, enabled_for_template_deployment: false });
    });

    test("protected from destroy", () => {
      expect(resource.lifecycle).toEqual({ prevent_destroy: true });
    });

    test("the provider's tenant; no Secrets Officer, and nothing granted to whoever runs Terraform", () => {
      expect(resource.tenant_id).toMatch(/^\$\{data\.azurerm_client_config\..+\.tenant_id\}$/);
      // A saved plan freezes data.azurerm_client_config at plan time: its object_id is the plan identity's.
      expect(resourcesOf(json, "azurerm_role_assignment")).toEqual([]);
      expect(JSON.stringify(json)).not.toContain("object_id");
      expect(vault.secretsOfficer).toBeUndefined();
      expect(vault.secretNames).toEqual([]);
    });

    test("a deterministic name of at most 24 characters", () => {
      expect(resource.name).toMatch(/^omega-test-kv-[0-9a-f]{6}$/);
    });
  });

  describe("secrets", () => {
    test("writes a secret through Azure Resource Manager: the value is an ARM expression, never in Terraform", () => {
      const { stack } = testStack();
      const vault = new PlatformKeyVault(stack, "Vault", BASE);
      const account = new StorageAccount(stack, "Account", {
        name: "st",
        resourceGroupName: "rg",
        location: "eastus",
        accountTier: "Standard",
        accountReplicationType: "LRS",
      });
      vault.addSecret({ name: "blob-endpoint", value: VaultSecretValue.reference(account.primaryBlobEndpoint), contentType: "url" });
      vault.addSecret({ name: "storage-key", value: VaultSecretValue.cosmosMongoConnectionString(account.id) });
      const json = synthJson(stack);
      expect(resourcesOf(json, "azurerm_key_vault_secret")).toEqual([]);
      const [endpoint, key] = resourcesOf(json, "azurerm_resource_group_template_deployment");
      expect(endpoint).toMatchObject({
        name: expect.stringMatching(/^kv-secret-blob-endpoint-[0-9a-f]{8}$/),
        resource_group_name: "rg",
        deployment_mode: "Incremental",
      });
      const template = JSON.parse(endpoint.template_content as string);
      expect(template.resources).toEqual([
        {
          type: "Microsoft.KeyVault/vaults/secrets",
          apiVersion: "2023-07-01",
          name: "[format('{0}/{1}', parameters('vaultName'), 'blob-endpoint')]",
          properties: { value: "[parameters('source')]", contentType: "url" },
        },
      ]);
      expect(endpoint.parameters_content).toMatch(/^\$\{jsonencode\(\{"vaultName" = \{"value" = azurerm_key_vault\..+\.name\}, "source" = \{"value" = azurerm_storage_account\..+\.primary_blob_endpoint\}\}\)\}$/);
      // A key is read by ARM from the resource id: only the id is a parameter.
      expect(JSON.parse(key.template_content as string).resources[0].properties.value).toBe(
        "[listConnectionStrings(parameters('source'), '2024-11-15').connectionStrings[0].connectionString]",
      );
      expect(key.parameters_content).toContain("azurerm_storage_account.Account.id");
      expect(vault.secretNames).toEqual(["blob-endpoint", "storage-key"]);
    });

    test("fails on a literal secret value", () => {
      const vault = new PlatformKeyVault(testStack().stack, "Vault", BASE);
      expect(() => vault.addSecret({ name: "password", value: "hunter2" as unknown as VaultSecretValue })).toThrow(
        'test/Vault: invalid secret password value "string": expected a VaultSecretValue (computed by Azure Resource Manager from the source resource), never a literal or a Terraform value',
      );
    });

    test("fails on a secret name Key Vault refuses", () => {
      const vault = new PlatformKeyVault(testStack().stack, "Vault", BASE);
      expect(() => vault.addSecret({ name: "mongodb_uri", value: VaultSecretValue.reference(vault.vaultUri) })).toThrow(
        'test/Vault: invalid secret name "mongodb_uri": expected 1-127 letters, digits or hyphens',
      );
    });

    test("fails on a secret stored twice", () => {
      const vault = new PlatformKeyVault(testStack().stack, "Vault", BASE);
      vault.addSecret({ name: "uri", value: VaultSecretValue.reference(vault.vaultUri) });
      expect(() => vault.addSecret({ name: "uri", value: VaultSecretValue.reference(vault.vaultUri) })).toThrow(
        'test/Vault: invalid secret name "uri": expected a name not already stored in this vault',
      );
    });
  });

  describe("overrides", () => {
    test("tenant and officer given: no client lookup", () => {
      const officer = "00000000-0000-4000-8000-0000000000aa";
      const { json, resource } = synth({ tenantId: "t", secretsOfficerPrincipalId: officer, sku: KeyVaultSku.PREMIUM, softDeleteRetentionDays: 7 });
      expect(json.data).toBeUndefined();
      expect(resource).toMatchObject({ tenant_id: "t", sku_name: "premium", soft_delete_retention_days: 7 });
      expect(onlyResource(json, "azurerm_role_assignment")).toMatchObject({ role_definition_name: "Key Vault Secrets Officer", principal_id: officer });
    });

    test("fails on a Secrets Officer that is not an object id", () => {
      expect(() => synth({ secretsOfficerPrincipalId: "ops-team" })).toThrow(
        'test/Vault: invalid secretsOfficerPrincipalId "ops-team": expected an Entra ID object id (a UUID) of a group or principal',
      );
    });

    test("public access for the deploying runners only", () => {
      const { resource } = synth({ publicNetworkAccessEnabled: true, allowedIpRanges: ["203.0.113.0/24"] });
      expect(resource.public_network_access_enabled).toBe(true);
      expect(resource.network_acls).toEqual({ bypass: "AzureServices", default_action: "Deny", ip_rules: ["203.0.113.0/24"] });
    });

    test("public access for one subnet's service endpoint only", () => {
      const { resource } = synth({ publicNetworkAccessEnabled: true, allowedSubnetIds: [SUBNET] });
      expect(resource.public_network_access_enabled).toBe(true);
      expect(resource.network_acls).toEqual({ bypass: "AzureServices", default_action: "Deny", virtual_network_subnet_ids: [SUBNET] });
    });

    test("public access for any address", () => {
      expect(synth({ publicNetworkAccessEnabled: true }).resource.network_acls).toEqual({ bypass: "AzureServices", default_action: "Allow" });
    });

    test("destroy protection off", () => {
      const { resource, json } = synth({ preventDestroy: false, name: "my-vault" });
      expect(resource.lifecycle).toBeUndefined();
      expect(resource.name).toBe("my-vault");
      expect(resourcesOf(json, "azurerm_resource_group_template_deployment")).toEqual([]);
    });
  });

  describe("validation", () => {
    test("fails on a name longer than 24 characters", () => {
      expect(build({ name: "omega-enterprise-eastus-kv" })).toThrow(
        'test/Vault: invalid name "omega-enterprise-eastus-kv": expected 3-24 letters, digits or hyphens, starting with a letter, ending with a letter or digit, without consecutive hyphens',
      );
    });

    test("fails on consecutive hyphens", () => {
      expect(build({ name: "omega--kv" })).toThrow('test/Vault: invalid name "omega--kv"');
    });

    test("fails on a soft-delete period out of range", () => {
      expect(build({ softDeleteRetentionDays: 120 })).toThrow("test/Vault: invalid softDeleteRetentionDays 120: expected an integer from 7 to 90");
    });

    test("fails on allowed addresses without public access", () => {
      expect(build({ allowedIpRanges: ["203.0.113.0/24"] })).toThrow(
        'test/Vault: invalid allowedIpRanges ["203.0.113.0/24"]: expected none without publicNetworkAccessEnabled: a vault without public access has no addresses to allow',
      );
    });

    test("fails on allowed subnets without public access", () => {
      expect(build({ allowedSubnetIds: [SUBNET] })).toThrow(
        `test/Vault: invalid allowedSubnetIds ["${SUBNET}"]: expected none without publicNetworkAccessEnabled: a vault without public access ignores virtual network rules (private endpoints only)`,
      );
    });

    test("fails on an empty list of allowed subnets", () => {
      expect(build({ publicNetworkAccessEnabled: true, allowedSubnetIds: [] })).toThrow("test/Vault: invalid allowedSubnetIds []: expected at least one subnet id, or leave it unset");
    });

    test("fails on an allowed range that is not a CIDR block", () => {
      expect(build({ publicNetworkAccessEnabled: true, allowedIpRanges: ["203.0.113.5/24"] })).toThrow(
        'test/Vault: invalid allowedIpRanges "203.0.113.5/24": expected the network address of the block (host bits zero)',
      );
    });
  });
});
