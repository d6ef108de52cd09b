import { Construct } from "constructs";
import { DataAzurermClientConfig } from "@cdktf/provider-azurerm/lib/data-azurerm-client-config";
import { KeyVault } from "@cdktf/provider-azurerm/lib/key-vault";
import { KeyVaultSecret } from "@cdktf/provider-azurerm/lib/key-vault-secret";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { checkInteger, isUnresolved, parseCidr } from "./checks";
import { uniqueResourceName } from "./unique-resource-name";
import { ValidationError } from "./validation-error";

/** Key Vault pricing tiers. */
export enum KeyVaultSku {
  STANDARD = "standard",
  /** HSM-backed keys. */
  PREMIUM = "premium",
}

export interface PlatformKeyVaultProps {
  readonly resourceGroupName: string;
  readonly location: string;
  /**
   * Vault name: 3-24 letters, digits and hyphens, starting with a letter, globally unique (and
   * reserved for the soft-delete period after deletion).
   * @default - `omega-<stack>-kv-<hash of the construct path>`
   */
  readonly name?: string;
  /**
   * Entra ID tenant of the vault.
   * @default - the tenant of the azurerm provider
   */
  readonly tenantId?: string;
  /**
   * @default KeyVaultSku.STANDARD
   */
  readonly sku?: KeyVaultSku;
  /**
   * Days a deleted vault or secret can be recovered (7-90).
   * @default 90
   */
  readonly softDeleteRetentionDays?: number;
  /**
   * Reachable from the internet (Entra ID still required); off means private endpoints only, and
   * Terraform must then run from a network that reaches the vault to write its secrets.
   * @default false
   */
  readonly publicNetworkAccessEnabled?: boolean;
  /**
   * With public access on, the only addresses allowed in (e.g. the deploying runners); every
   * other address is denied. Trusted Azure services are always allowed.
   * @default - any address when public access is on
   */
  readonly allowedIpRanges?: readonly string[];
  /**
   * Principal that writes the secrets, given "Key Vault Secrets Officer" on the vault.
   * @default - the principal the azurerm provider runs as
   */
  readonly secretsOfficerPrincipalId?: string;
  /**
   * Keep `terraform destroy` from deleting the vault.
   * @default true
   */
  readonly preventDestroy?: boolean;
}

/** A secret to store: its value must be a reference to another resource's attribute, never a literal. */
export interface VaultSecretOptions {
  /** 1-127 letters, digits and hyphens. */
  readonly name: string;
  readonly value: string;
  /**
   * @default - none
   */
  readonly contentType?: string;
}

const VAULT_NAME = /^[a-zA-Z](?!.*--)[a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$/;
const SECRET_NAME = /^[a-zA-Z0-9-]{1,127}$/;

/**
 * A Key Vault for one environment's connection details, secure by default: Azure RBAC (no access
 * policies), purge protection, 90-day soft delete, no public network access, protected from
 * destroy. The principal that runs Terraform gets "Key Vault Secrets Officer" so it can write the
 * secrets; readers get "Key Vault Secrets User" from their own constructs.
 */
export class PlatformKeyVault extends Construct {
  public readonly resource: KeyVault;
  public readonly secretsOfficer: RoleAssignment;
  public readonly vaultId: string;
  public readonly vaultName: string;
  public readonly vaultUri: string;
  public readonly tenantId: string;
  private readonly secrets = new Map<string, KeyVaultSecret>();
  private secretsScope?: Construct;

  constructor(scope: Construct, id: string, props: PlatformKeyVaultProps) {
    super(scope, id);
    const name = props.name ?? uniqueResourceName(this, "kv", { maxLength: 24 });
    const sku = props.sku ?? KeyVaultSku.STANDARD;
    const softDeleteDays = props.softDeleteRetentionDays ?? 90;
    const publicNetworkAccessEnabled = props.publicNetworkAccessEnabled ?? false;
    const preventDestroy = props.preventDestroy ?? true;
    const needsClient = props.tenantId === undefined || props.secretsOfficerPrincipalId === undefined;
    const client = needsClient ? new DataAzurermClientConfig(this, "Client", {}) : undefined;
    const tenantId = props.tenantId ?? (client as DataAzurermClientConfig).tenantId;
    const officer = props.secretsOfficerPrincipalId ?? (client as DataAzurermClientConfig).objectId;

    if (!isUnresolved(name) && !VAULT_NAME.test(name)) {
      throw new ValidationError(
        this,
        "name",
        name,
        "expected 3-24 letters, digits or hyphens, starting with a letter, ending with a letter or digit, without consecutive hyphens",
      );
    }
    checkInteger(this, "softDeleteRetentionDays", softDeleteDays, 7, 90);
    if (props.allowedIpRanges && !publicNetworkAccessEnabled) {
      throw new ValidationError(this, "allowedIpRanges", props.allowedIpRanges, "expected none without publicNetworkAccessEnabled: a vault without public access has no addresses to allow");
    }
    for (const range of props.allowedIpRanges ?? []) {
      if (!isUnresolved(range)) parseCidr(this, "allowedIpRanges", range.includes("/") ? range : `${range}/32`);
    }

    this.resource = new KeyVault(this, "Resource", {
      name,
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      tenantId,
      skuName: sku,
      rbacAuthorizationEnabled: true,
      purgeProtectionEnabled: true,
      softDeleteRetentionDays: softDeleteDays,
      publicNetworkAccessEnabled,
      networkAcls: {
        bypass: "AzureServices",
        defaultAction: publicNetworkAccessEnabled && !props.allowedIpRanges ? "Allow" : "Deny",
        ipRules: props.allowedIpRanges ? [...props.allowedIpRanges] : undefined,
      },
      enabledForDeployment: false,
      enabledForDiskEncryption: false,
      enabledForTemplateDeployment: false,
    });
    if (preventDestroy) this.resource.addOverride("lifecycle.prevent_destroy", true);

    this.secretsOfficer = new RoleAssignment(this, "SecretsOfficer", {
      scope: this.resource.id,
      roleDefinitionName: "Key Vault Secrets Officer",
      principalId: officer,
    });

    this.vaultId = this.resource.id;
    this.vaultName = this.resource.name;
    this.vaultUri = this.resource.vaultUri;
    this.tenantId = tenantId;
  }

  /** Stores a secret, after the writer's role assignment exists. Secret names are unique per vault. */
  public addSecret(options: VaultSecretOptions): KeyVaultSecret {
    if (!isUnresolved(options.name) && !SECRET_NAME.test(options.name)) {
      throw new ValidationError(this, "secret name", options.name, "expected 1-127 letters, digits or hyphens");
    }
    if (this.secrets.has(options.name)) {
      throw new ValidationError(this, "secret name", options.name, "expected a name not already stored in this vault");
    }
    if (!isUnresolved(options.value)) {
      throw new ValidationError(this, `secret ${options.name} value`, "(literal)", "expected a reference to another resource's attribute, never a literal secret in the configuration");
    }
    this.secretsScope ??= new Construct(this, "Secrets");
    const secret = new KeyVaultSecret(this.secretsScope, options.name, {
      name: options.name,
      keyVaultId: this.resource.id,
      value: options.value,
      contentType: options.contentType,
      dependsOn: [this.secretsOfficer],
    });
    this.secrets.set(options.name, secret);
    return secret;
  }

  /** Names of the secrets stored so far, in the order they were added. */
  public get secretNames(): readonly string[] {
    return [...this.secrets.keys()];
  }
}
