import { AZURE_REGIONS, isAzureRegion } from "../constructs/azure-regions";
import { ENTERPRISE_TIER } from "../tiers/enterprise";
import { DataLayerKind, RegionRole, SearchPlacement, TierRegion, TierSpec } from "../tiers/tier-spec";

/**
 * The enterprise tier with `count` regions instead of its three, for measuring how synthesis
 * grows per region. Everything but the regions (and the Cosmos DB regions that follow them) is
 * the real tier, so the per-region cost is the real one.
 */
export function enterpriseTierWithRegions(count: number): TierSpec {
  if (!Number.isInteger(count) || count < 1) throw new Error(`region count: expected a positive integer, got ${count}`);
  // The tier's own regions first, so the 3-region case is the app `npm run synth` builds.
  const own = ENTERPRISE_TIER.regions.map((r) => r.name);
  const names = [...own, ...AZURE_REGIONS.filter((name) => !own.includes(name))].slice(0, count);
  const roles = Object.values(RegionRole);
  const regions = names.map((name, i): TierRegion => {
    if (!isAzureRegion(name)) throw new Error(`region ${name}: not in constructs/azure-regions.ts`);
    return {
      name,
      // One primary; regions past the third join as tertiaries.
      role: roles[Math.min(i, roles.length - 1)],
      // One /16 per region, so no two regions overlap however many there are.
      vnetAddressSpace: `10.${10 + i}.0.0/16`,
      clusterSubnetPrefix: `10.${10 + i}.0.0/22`,
      // The language services' sandbox pool, as in the tier's own regions.
      sandboxSubnetPrefix: `10.${10 + i}.5.0/24`,
    };
  });
  const data = ENTERPRISE_TIER.dataLayer;
  if (data.kind !== DataLayerKind.MANAGED) throw new Error("ENTERPRISE_TIER: expected a managed data layer");
  const budget = ENTERPRISE_TIER.budget;
  if (!budget) throw new Error("ENTERPRISE_TIER: expected a budget");
  // The ceilings are sized for three regions; scale them so the cost guardrail measures a
  // bigger tier rather than stopping it.
  const scale = Math.max(1, count / 3);
  return {
    ...ENTERPRISE_TIER,
    budget: {
      ...budget,
      ceilingMonthlyUsd: budget.ceilingMonthlyUsd * scale,
      stackCeilings: budget.stackCeilings
        ? { ...budget.stackCeilings, globalMonthlyUsd: budget.stackCeilings.globalMonthlyUsd * scale }
        : undefined,
    },
    regions,
    dataLayer: {
      ...data,
      // Cosmos DB replicates to the regions the tier runs in; multi-region writes need two of them.
      cosmos: { ...data.cosmos, regions: names, multiRegionWrites: data.cosmos.multiRegionWrites && count >= 2 },
      // AI Search spread one service per region keeps as many replicas per region as the tier's.
      search:
        data.search?.placement === SearchPlacement.SPREAD_ACROSS_REGIONS
          ? { ...data.search, replicas: (data.search.replicas / ENTERPRISE_TIER.regions.length) * count }
          : data.search,
    },
  };
}
