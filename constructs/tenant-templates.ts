import { IConstruct } from "constructs";
import { ValidationError } from "./validation-error";

/** What a one-click template deploys. */
export enum TenantTemplateKind {
  /** Azure Database for PostgreSQL Flexible Server. */
  POSTGRES = "postgres",
  /** IPFS nodes with ipfs-cluster peers in CRDT consensus, on the cluster. */
  IPFS_CLUSTER = "ipfs-cluster",
}

/** What seed 003 promises for a template, kept beside what Azure can deliver. */
export interface SeedSize {
  readonly vCores?: number;
  readonly memoryGiB?: number;
  readonly storageGB: number;
}

/** What every tenant template has. */
export interface TemplateBase {
  /** Template name as the one-click UI sends it (`postgres-small`). */
  readonly name: string;
  readonly seed: SeedSize;
  /** Where the template departs from seed 003, and why. */
  readonly departures: readonly string[];
}

export interface PostgresTemplate extends TemplateBase {
  readonly kind: TenantTemplateKind.POSTGRES;
  /** Flexible Server SKU (`GP_Standard_D2ds_v5`). */
  readonly skuName: string;
  readonly vCores: number;
  readonly memoryGiB: number;
  /** Storage Azure allocates: one of Flexible Server's fixed sizes (32, 64, 128, ... GiB). */
  readonly storageGiB: number;
  /** Days of automated backups (daily snapshots plus WAL): any point in them can be restored. */
  readonly backupRetentionDays: number;
  /** PgBouncer built into the server, on port 6432. */
  readonly pgBouncer: boolean;
  readonly readReplica: boolean;
}

export interface IpfsTemplate extends TemplateBase {
  readonly kind: TenantTemplateKind.IPFS_CLUSTER;
  /** IPFS nodes, each with an ipfs-cluster peer beside it. */
  readonly nodes: number;
  /** Persistent volume of each node's IPFS repository. */
  readonly storageGiBPerNode: number;
  readonly requestsPerNode: { readonly cpuMillis: number; readonly memoryMiB: number };
  readonly limitsPerNode: { readonly cpuMillis: number; readonly memoryMiB: number };
}

export type TenantTemplate = PostgresTemplate | IpfsTemplate;

/** Flexible Server's allowed storage sizes below 1 TiB, in GiB (`storage_mb` / 1024). */
export const FLEXIBLE_SERVER_STORAGE_GIB = [32, 64, 128, 256, 512] as const;

/** The smallest Flexible Server size that holds `gb`. */
export function flexibleServerStorageFor(gb: number): number {
  const size = FLEXIBLE_SERVER_STORAGE_GIB.find((s) => s >= gb);
  if (size === undefined) throw new Error(`no Flexible Server storage size below 1 TiB holds ${gb} GB`);
  return size;
}

const STORAGE_DEPARTURE = (seedGb: number, gib: number) =>
  `storage ${seedGb} GB -> ${gib} GiB: Flexible Server allocates only fixed sizes (32, 64, 128, ... GiB; 32 GiB is the smallest)`;

const IPFS_NODE = {
  requestsPerNode: { cpuMillis: 250, memoryMiB: 512 },
  limitsPerNode: { cpuMillis: 1000, memoryMiB: 1024 },
};

/**
 * Seed 003's one-click templates as Azure and the cluster can run them. Every change to the seed's
 * numbers is listed in `departures`.
 */
export const TENANT_TEMPLATES: readonly TenantTemplate[] = [
  {
    kind: TenantTemplateKind.POSTGRES,
    name: "postgres-small",
    seed: { vCores: 2, memoryGiB: 4, storageGB: 10 },
    skuName: "GP_Standard_D2ds_v5",
    vCores: 2,
    memoryGiB: 8,
    storageGiB: flexibleServerStorageFor(10),
    backupRetentionDays: 30,
    pgBouncer: true,
    readReplica: false,
    departures: [
      STORAGE_DEPARTURE(10, 32),
      "memory 4 GB -> 8 GiB: the 2 vCore / 4 GiB size (B_Standard_B2s) is Burstable, and Flexible Server's built-in PgBouncer runs only on General Purpose and Memory Optimized; GP_Standard_D2ds_v5 keeps the pooling the seed asks for",
    ],
  },
  {
    kind: TenantTemplateKind.POSTGRES,
    name: "postgres-medium",
    seed: { vCores: 4, memoryGiB: 16, storageGB: 50 },
    skuName: "GP_Standard_D4ds_v5",
    vCores: 4,
    memoryGiB: 16,
    storageGiB: flexibleServerStorageFor(50),
    backupRetentionDays: 30,
    pgBouncer: true,
    readReplica: true,
    departures: [STORAGE_DEPARTURE(50, 64)],
  },
  {
    kind: TenantTemplateKind.IPFS_CLUSTER,
    name: "ipfs-cluster-small",
    seed: { storageGB: 10 },
    nodes: 3,
    storageGiBPerNode: 10,
    ...IPFS_NODE,
    departures: ["seed 003 gives no size per node: 10 GiB each (ours), like the smallest storage template"],
  },
  ...([
    ["small-storage", 5],
    ["medium-storage", 25],
    ["large-storage", 100],
  ] as const).map(([name, gb]): IpfsTemplate => ({
    kind: TenantTemplateKind.IPFS_CLUSTER,
    name,
    seed: { storageGB: gb },
    nodes: 1,
    storageGiBPerNode: gb,
    ...IPFS_NODE,
    departures: [],
  })),
];

/** The template of that name; an unknown name throws a ValidationError listing the catalog. */
export function tenantTemplate(scope: IConstruct, property: string, name: string, catalog: readonly TenantTemplate[] = TENANT_TEMPLATES): TenantTemplate {
  const found = catalog.find((t) => t.name === name);
  if (!found) {
    throw new ValidationError(scope, property, name, `expected one of ${catalog.map((t) => JSON.stringify(t.name)).join(", ")}`);
  }
  return found;
}

/** The most one tenant may get on a plan (seed 003's Free / Basic / Pro / Enterprise tiers give no numbers; ours). */
export interface TenantPlanLimits {
  readonly name: string;
  readonly maxVCores: number;
  readonly maxStorageGiB: number;
}

export const TENANT_PLANS: Readonly<Record<"free" | "basic" | "pro", TenantPlanLimits>> = {
  free: { name: "free", maxVCores: 1, maxStorageGiB: 10 },
  basic: { name: "basic", maxVCores: 2, maxStorageGiB: 64 },
  pro: { name: "pro", maxVCores: 8, maxStorageGiB: 512 },
};

/** vCores and storage a template takes: the replica counts twice. */
export function templateFootprint(template: TenantTemplate): { vCores: number; storageGiB: number } {
  if (template.kind === TenantTemplateKind.POSTGRES) {
    const copies = template.readReplica ? 2 : 1;
    return { vCores: template.vCores * copies, storageGiB: template.storageGiB * copies };
  }
  return {
    vCores: (template.limitsPerNode.cpuMillis * template.nodes) / 1000,
    storageGiB: template.storageGiBPerNode * template.nodes,
  };
}
