import { DataLayerKind, PlatformKind, TierSpec } from "../tiers/tier-spec";
import { HOURS_PER_MONTH } from "./price-table";

/** AlwaysOnCluster's secret rotation interval ("2m"), in minutes. */
export const DEFAULT_SECRET_ROTATION_MINUTES = 2;

/**
 * Key Vault secrets the edge's SecretProviderClass (`edge-secrets`) reads: the TLS certificate,
 * the token check's cookie secret and its client secret (constructs/platform-edge-gateway.ts).
 */
export const EDGE_SECRET_OBJECTS = 3;

/** The Key Vault operations of one regional vault a month, and how they were derived. */
export interface KeyVaultDemand {
  readonly operationsPerMonth: number;
  readonly description: string;
}

/**
 * Operations a month of the vault of an AKS tier's region: the Key Vault secrets provider re-reads
 * every object of a mounted SecretProviderClass once per pod each rotation interval. The pods that
 * mount one: federation-core, context-server and the two registries (the data layer's
 * SecretProviderClass, one object per secret ManagedDataLayer stores), and the edge's token check (`edge-secrets`).
 * Undefined where the tier has no cluster.
 */
export function keyVaultDemandForTier(tier: TierSpec): KeyVaultDemand | undefined {
  if (tier.platform !== PlatformKind.AKS || !tier.cluster) return undefined;
  const minutes = tier.cluster.secretRotationMinutes ?? DEFAULT_SECRET_ROTATION_MINUTES;
  const polls = (HOURS_PER_MONTH * 60) / minutes;
  const s = tier.services;
  const dataPods = s.federationCore.replicas + s.contextServer.replicas + s.agentRegistry.replicas + s.mcpRegistry.replicas;
  // ManagedDataLayer stores the MongoDB URI, the Redis URL and the Blob endpoint, and AI Search's
  // endpoint and key where the tier has AI Search (constructs/managed-data-layer.ts).
  const data = tier.dataLayer.kind === DataLayerKind.MANAGED ? tier.dataLayer : undefined;
  const dataObjects = data ? 3 + (data.search ? 2 : 0) : 0;
  const edgePods = tier.edge ? tier.edge.gatewayReplicas : 0;
  const reads = dataPods * dataObjects + edgePods * EDGE_SECRET_OBJECTS;
  const operationsPerMonth = reads * polls;
  return {
    operationsPerMonth,
    description:
      `derived: (${dataPods} pods x ${dataObjects} data-layer secrets + ${edgePods} token-check pods x ${EDGE_SECRET_OBJECTS} edge secrets) = ${reads} reads` +
      ` per poll x ${Number(polls.toFixed(1))} polls a month (every ${minutes} min)`,
  };
}
