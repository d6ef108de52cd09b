import { mkdirSync, mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { buildCostReport } from "../../cost/cost-report";
import { TerraformJson } from "../../cost/terraform-json";
import { FindingStatus, PolicyFinding } from "../../policies/policy-finding";
import { POLICY_REPORT_SCHEMA_VERSION, PolicyReport } from "../../policies/policy-report";
import { PolicyLevel } from "../../policies/policy-rule";
import { SMALL_PROD_TIER } from "../../tiers/small-prod";

/**
 * A small two-stack app, synthesized by hand in cdktf's layout (stacks/<stack>/cdk.tf.json,
 * manifest.json, policy-report.json, cost-report.json): `small-prod` (resource group, AI Search,
 * Redis with persistence, storage, the AKS cluster, a Key Vault secret) and `small-prod-workloads`
 * (the kubernetes provider on the cluster's remote state, federation-core). The plan fixtures in
 * fixtures/ are plans of these stacks.
 */

export const FIXTURES = join(__dirname, "fixtures");

/** A secret value that must never appear in any output. */
export const FIXTURE_SECRET = "s3cr3t-Fixture-Value-8c1f";

function meta(path: string, uniqueId: string) {
  return { "//": { metadata: { path, uniqueId } } };
}

export interface PlatformVariant {
  readonly searchReplicas?: number;
  readonly federationReplicas?: string;
  readonly clusterDnsPrefix?: string;
  readonly withStorage?: boolean;
  readonly newPolicyError?: boolean;
  /** Redis SKU; zones are kept only for Premium (the other SKUs have none). */
  readonly redis?: { readonly skuName: string; readonly family: string; readonly capacity: number };
  /** @default true */
  readonly withRedis?: boolean;
  /** @default true */
  readonly redisPreventDestroy?: boolean;
  /** @default "basic" */
  readonly searchSku?: string;
}

const TAGS = { environment: "small-prod", tier: "small-prod" };

export function smallProdJson(v: PlatformVariant = {}): TerraformJson {
  const resource: Record<string, Record<string, Record<string, unknown>>> = {
    azurerm_resource_group: { rg: { ...meta("small-prod/ResourceGroup/Resource", "rg"), name: "omega-small-prod", location: "eastus", tags: TAGS } },
    azurerm_search_service: {
      search: {
        ...meta("small-prod/Data/Search/Resource", "search"),
        name: "omega-small-prod-search",
        location: "eastus",
        resource_group_name: "${azurerm_resource_group.rg.name}",
        sku: v.searchSku ?? "basic",
        replica_count: v.searchReplicas ?? 1,
        partition_count: 1,
        tags: TAGS,
      },
    },
    azurerm_redis_cache: {
      redis: {
        ...meta("small-prod/Data/Redis/Resource", "redis"),
        name: "omega-small-prod-redis",
        location: "eastus",
        resource_group_name: "${azurerm_resource_group.rg.name}",
        sku_name: v.redis?.skuName ?? "Premium",
        family: v.redis?.family ?? "P",
        capacity: v.redis?.capacity ?? 1,
        ...((v.redis?.skuName ?? "Premium") === "Premium" ? { zones: ["1", "2"] } : {}),
        redis_configuration: { rdb_backup_enabled: true, rdb_backup_frequency: 60 },
        ...(v.redisPreventDestroy ?? true ? { lifecycle: { prevent_destroy: true } } : {}),
        tags: TAGS,
      },
    },
    azurerm_kubernetes_cluster: {
      cluster: {
        ...meta("small-prod/Cluster/Resource", "cluster"),
        name: "omega-aks-small-prod",
        location: "eastus",
        resource_group_name: "${azurerm_resource_group.rg.name}",
        dns_prefix: v.clusterDnsPrefix ?? "omega-aks-small-prod",
        sku_tier: "Standard",
        default_node_pool: { name: "alwayson", node_count: 3, vm_size: "Standard_D4s_v5" },
        tags: TAGS,
      },
    },
    azurerm_key_vault_secret: {
      redisurl: { ...meta("small-prod/Data/KeyVault/Secrets/redis-url", "redisurl"), name: "redis-url", value: "${azurerm_redis_cache.redis.primary_connection_string}" },
    },
  };
  if (!(v.withRedis ?? true)) {
    delete resource.azurerm_redis_cache;
    delete resource.azurerm_key_vault_secret;
  }
  if (v.withStorage ?? true) {
    resource.azurerm_storage_account = {
      storage: {
        ...meta("small-prod/Data/Storage/Resource", "storage"),
        name: "omegasmallprodst",
        location: "eastus",
        resource_group_name: "${azurerm_resource_group.rg.name}",
        account_tier: "Standard",
        account_replication_type: "GRS",
        tags: TAGS,
      },
    };
  }
  return {
    resource,
    output: {
      "cross-stack-output-host": { value: "${azurerm_kubernetes_cluster.cluster.kube_config[0].host}", sensitive: true },
    },
  };
}

export function workloadsJson(v: PlatformVariant = {}): TerraformJson {
  const remote = "data.terraform_remote_state.cross-stack-reference-input-small-prod.outputs.cross-stack-output-host";
  return {
    data: { terraform_remote_state: { "cross-stack-reference-input-small-prod": { backend: "local", config: { path: "../../../terraform.small-prod.tfstate" } } } },
    provider: { kubernetes: [{ host: `\${${remote}}` }] },
    resource: {
      kubernetes_deployment_v1: {
        federation: {
          ...meta("small-prod-workloads/Workloads/CoreServices/federation-core/Resource", "federation"),
          metadata: { name: "federation-core", namespace: "platform" },
          spec: { replicas: v.federationReplicas ?? "3", template: { spec: { container: [{ name: "federation-core", image: "omega/federation-core:1.0.0" }] } } },
        },
      },
    },
  };
}

function finding(stack: string, status: FindingStatus): PolicyFinding {
  return {
    ruleId: "AzureBaseline-SearchPublicNetworkDisabled",
    pack: "AzureBaseline",
    rule: "SearchPublicNetworkDisabled",
    level: PolicyLevel.ERROR,
    status,
    resource: `${stack}/Data/Search/Resource`,
    resourceType: "azurerm_search_service",
    address: "azurerm_search_service.search",
    message: "public_network_access_enabled is true, expected false",
    description: "A search service reachable from the internet",
    checkovIds: ["CKV_AZURE_124"],
  };
}

function policyReport(v: PlatformVariant): PolicyReport {
  const summary = { evaluations: 1, compliant: 0, notApplicable: 0, nonCompliant: 0, errors: 0, warnings: 0, suppressed: 0 };
  return {
    schemaVersion: POLICY_REPORT_SCHEMA_VERSION,
    stacks: [
      { stack: "small-prod", profile: null, packs: [], summary, findings: v.newPolicyError ? [finding("small-prod", FindingStatus.NON_COMPLIANT)] : [] },
      { stack: "small-prod-workloads", profile: null, packs: [], summary, findings: [] },
    ],
  };
}

/** Writes the two stacks as cdktf synthesizes them, with policy and cost reports, into a new directory. */
export function writeSynthDir(v: PlatformVariant = {}, options: { costReport?: boolean; policyReport?: boolean } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "plan-review-synth-"));
  const stacks = { "small-prod": smallProdJson(v), "small-prod-workloads": workloadsJson(v) };
  for (const [name, json] of Object.entries(stacks)) {
    mkdirSync(join(dir, "stacks", name), { recursive: true });
    writeFileSync(join(dir, "stacks", name, "cdk.tf.json"), JSON.stringify(json, null, 2));
  }
  const manifest = {
    stacks: {
      "small-prod": { name: "small-prod", dependencies: [], synthesizedStackPath: "stacks/small-prod/cdk.tf.json" },
      "small-prod-workloads": { name: "small-prod-workloads", dependencies: ["small-prod"], synthesizedStackPath: "stacks/small-prod-workloads/cdk.tf.json" },
    },
  };
  writeFileSync(join(dir, "manifest.json"), JSON.stringify(manifest, null, 2));
  if (options.policyReport ?? true) writeFileSync(join(dir, "policy-report.json"), JSON.stringify(policyReport(v), null, 2));
  if (options.costReport ?? true) {
    const report = buildCostReport([
      { stack: "small-prod", tier: SMALL_PROD_TIER, json: stacks["small-prod"], region: "eastus", ceilingMonthlyUsd: 2100 },
      { stack: "small-prod-workloads", tier: SMALL_PROD_TIER, json: stacks["small-prod-workloads"] },
    ]);
    writeFileSync(join(dir, "cost-report.json"), JSON.stringify(report, null, 2));
  }
  return dir;
}

/** The tier-file numbers of writeSourceDir's app. */
export interface SourceTier {
  readonly searchReplicas?: number;
  readonly redisSku?: string;
  /** As written in the tier file. */
  readonly ceilingMonthlyUsd?: string;
}

/**
 * TypeScript sources in which the fixture's construct paths can be found, for SARIF locations: an
 * app whose entry (cdktf.json's app, main.ts) imports the stack, which imports the data layer. Two
 * decoys that also create a "Redis" construct are not reachable from the entry and must never be
 * a location: a checkout of base inside the workspace (`base/`, as pull-request.yml lays it out)
 * and a script that builds the same constructs.
 */
export function writeSourceDir(tier: SourceTier = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "plan-review-src-"));
  mkdirSync(join(dir, "tiers"));
  writeFileSync(
    join(dir, "tiers", "small-prod.ts"),
    [
      "export const SMALL_PROD = {",
      '  name: "small-prod",',
      `  search: { sku: "basic", replicas: ${tier.searchReplicas ?? 1} },`,
      `  redis: { sku: "${tier.redisSku ?? "Premium"}", family: "P", capacity: 1 },`,
      "  budget: {",
      `    ceilingMonthlyUsd: ${tier.ceilingMonthlyUsd ?? "2_100"},`,
      "  },",
      "};",
      "",
    ].join("\n"),
  );
  mkdirSync(join(dir, "stacks"));
  writeFileSync(
    join(dir, "stacks", "small-prod-stack.ts"),
    [
      'import { DataLayer } from "./data-layer";',
      "export class SmallProdStack extends TerraformStack {",
      "  constructor(scope: Construct, id: string) {",
      "    super(scope, id);",
      '    new ResourceGroupConstruct(this, "ResourceGroup");',
      '    new DataLayer(this, "Data");',
      '    new Cluster(this, "Cluster");',
      "  }",
      "}",
      "",
    ].join("\n"),
  );
  writeFileSync(
    join(dir, "stacks", "data-layer.ts"),
    [
      "export class DataLayer extends Construct {",
      "  constructor(scope: Construct, id: string) {",
      "    super(scope, id);",
      "    // new Decoy(this, \"Redis\") in a comment is not an instantiation",
      '    new RedisConstruct(this, "Redis");',
      '    new SearchConstruct(this, "Search");',
      '    new StorageConstruct(this, "Storage");',
      "  }",
      "}",
      "export class RedisConstruct extends Construct {",
      "  constructor(scope: Construct, id: string) {",
      "    super(scope, id);",
      '    new RedisCache(this, "Resource", {});',
      "  }",
      "}",
      "",
    ].join("\n"),
  );
  writeFileSync(
    join(dir, "main.ts"),
    'import { SmallProdStack } from "./stacks/small-prod-stack";\nimport { SMALL_PROD } from "./tiers/small-prod";\nnew SmallProdStack(app, "small-prod", SMALL_PROD);\n',
  );
  writeFileSync(join(dir, "cdktf.json"), JSON.stringify({ language: "typescript", app: "npx ts-node main.ts" }));
  const decoy = [
    "export class DataLayer extends Construct {",
    "  constructor(scope: Construct, id: string) {",
    '    new RedisConstruct(this, "Redis");',
    "  }",
    "}",
    "export class RedisConstruct extends Construct {",
    "  constructor(scope: Construct, id: string) {",
    '    new RedisCache(this, "Resource", {});',
    "  }",
    "}",
    "",
  ].join("\n");
  mkdirSync(join(dir, "base", "stacks"), { recursive: true });
  writeFileSync(join(dir, "base", "stacks", "data-layer.ts"), decoy);
  mkdirSync(join(dir, "scripts"));
  writeFileSync(join(dir, "scripts", "seed-cache.ts"), decoy);
  return dir;
}

/** Writes an acknowledgement file and returns its path. */
export function writeAcknowledgements(entries: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), "plan-review-ack-"));
  const file = join(dir, "plan-review-acknowledgements.json");
  writeFileSync(file, JSON.stringify(entries, null, 2));
  return file;
}

export function fixture(name: string): string {
  return join(FIXTURES, name);
}
