import { Construct } from "constructs";
import { PostgresqlFlexibleServer } from "../providers/azurerm/postgresql-flexible-server";
import { PostgresqlFlexibleServerActiveDirectoryAdministrator } from "../providers/azurerm/postgresql-flexible-server-active-directory-administrator";
import { PostgresqlFlexibleServerConfiguration } from "../providers/azurerm/postgresql-flexible-server-configuration";
import { PostgresqlFlexibleServerDatabase } from "../providers/azurerm/postgresql-flexible-server-database";
import { checkInteger, checkOneOf, checkUuid, isUnresolved } from "./checks";
import { PostgresTemplate } from "./tenant-templates";
import { ValidationError } from "./validation-error";

/** The Entra ID principal that administers the server (a tenant's workload identity). */
export interface PostgresAdministrator {
  /** Display name of the principal: the role name clients log in as. */
  readonly principalName: string;
  readonly objectId: string;
  readonly tenantId: string;
}

export interface TenantPostgresProps {
  readonly resourceGroupName: string;
  readonly location: string;
  /** Server name: 3-63 lowercase letters, digits or hyphens, globally unique (`<name>.postgres.database.azure.com`). */
  readonly serverName: string;
  readonly template: PostgresTemplate;
  readonly administrator: PostgresAdministrator;
  /** A subnet delegated to `Microsoft.DBforPostgreSQL/flexibleServers` (private access: no public endpoint). */
  readonly delegatedSubnetId: string;
  /** The private DNS zone the server registers in (`<x>.private.postgres.database.azure.com`), linked to the VNet. */
  readonly privateDnsZoneId: string;
  /**
   * @default "maindb"
   */
  readonly databaseName?: string;
  /**
   * @default "16"
   */
  readonly version?: string;
  /**
   * @default true
   */
  readonly preventDestroy?: boolean;
}

/**
 * A tenant's PostgreSQL (seed 003's `postgres-small` / `postgres-medium`) on Azure Database for
 * PostgreSQL Flexible Server: private access only, Entra ID authentication only (no password
 * exists, so none reaches Terraform state), automated backups with point-in-time restore over the
 * template's retention, PgBouncer on port 6432, and a read replica where the template has one.
 */
export class TenantPostgres extends Construct {
  public readonly server: PostgresqlFlexibleServer;
  public readonly replica?: PostgresqlFlexibleServer;
  public readonly database: PostgresqlFlexibleServerDatabase;
  public readonly administrator: PostgresqlFlexibleServerActiveDirectoryAdministrator;
  /** Host clients connect to; port 6432 with PgBouncer, else 5432. */
  public readonly host: string;
  public readonly port: number;
  public readonly databaseName: string;

  constructor(scope: Construct, id: string, props: TenantPostgresProps) {
    super(scope, id);
    const databaseName = props.databaseName ?? "maindb";
    const version = props.version ?? "16";
    const preventDestroy = props.preventDestroy ?? true;
    const t = props.template;

    if (!isUnresolved(props.serverName) && !/^[a-z0-9]([a-z0-9-]{1,61}[a-z0-9])$/.test(props.serverName)) {
      throw new ValidationError(this, "serverName", props.serverName, "expected 3-63 lowercase letters, digits or hyphens, alphanumeric at both ends");
    }
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(databaseName)) {
      throw new ValidationError(this, "databaseName", databaseName, "expected a PostgreSQL identifier: lowercase letters, digits and underscores, at most 63");
    }
    checkOneOf(this, "version", version, ["13", "14", "15", "16", "17"]);
    checkOneOf(this, "template.storageGiB", t.storageGiB, [32, 64, 128, 256, 512]);
    checkInteger(this, "template.backupRetentionDays", t.backupRetentionDays, 7, 35);
    checkUuid(this, "administrator.objectId", props.administrator.objectId);
    checkUuid(this, "administrator.tenantId", props.administrator.tenantId);
    const burstable = t.skuName.startsWith("B_");
    if (burstable && t.pgBouncer) {
      throw new ValidationError(this, "template.skuName", t.skuName, "expected a General Purpose or Memory Optimized SKU: the built-in PgBouncer does not run on Burstable servers");
    }
    if (burstable && t.readReplica) {
      throw new ValidationError(this, "template.skuName", t.skuName, "expected a General Purpose or Memory Optimized SKU: Burstable servers cannot have read replicas");
    }

    const common = {
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      version,
      skuName: t.skuName,
      storageMb: t.storageGiB * 1024,
      // Storage only grows; growing before the disk fills keeps the server writable.
      autoGrowEnabled: true,
      delegatedSubnetId: props.delegatedSubnetId,
      privateDnsZoneId: props.privateDnsZoneId,
      publicNetworkAccessEnabled: false,
      authentication: { activeDirectoryAuthEnabled: true, passwordAuthEnabled: false, tenantId: props.administrator.tenantId },
    };
    this.server = new PostgresqlFlexibleServer(this, "Resource", {
      ...common,
      name: props.serverName,
      backupRetentionDays: t.backupRetentionDays,
      geoRedundantBackupEnabled: false,
      // Azure places the server in a zone it chooses; pinning it would force a replace on drift.
      lifecycle: { preventDestroy, ignoreChanges: ["zone"] },
    });
    this.administrator = new PostgresqlFlexibleServerActiveDirectoryAdministrator(this, "Administrator", {
      resourceGroupName: props.resourceGroupName,
      serverName: this.server.name,
      objectId: props.administrator.objectId,
      tenantId: props.administrator.tenantId,
      principalName: props.administrator.principalName,
      principalType: "ServicePrincipal",
    });
    this.database = new PostgresqlFlexibleServerDatabase(this, "Database", {
      name: databaseName,
      serverId: this.server.id,
      charset: "UTF8",
      collation: "en_US.utf8",
      lifecycle: { preventDestroy },
    });
    if (t.pgBouncer) {
      new PostgresqlFlexibleServerConfiguration(this, "PgBouncer", { name: "pgbouncer.enabled", serverId: this.server.id, value: "true" });
    }
    // Connections without TLS are refused (the server default, stated so drift shows).
    new PostgresqlFlexibleServerConfiguration(this, "RequireTls", { name: "require_secure_transport", serverId: this.server.id, value: "on" });
    if (t.readReplica) {
      this.replica = new PostgresqlFlexibleServer(this, "Replica", {
        ...common,
        name: `${props.serverName}-replica`,
        createMode: "Replica",
        sourceServerId: this.server.id,
        lifecycle: { preventDestroy, ignoreChanges: ["zone"] },
      });
    }
    this.host = this.server.fqdn;
    this.port = t.pgBouncer ? 6432 : 5432;
    this.databaseName = databaseName;
  }
}
