import { DEFAULT_TIERS, PlatformTiers } from "../stacks/platform-app";
import { TierSpec } from "../tiers/tier-spec";

/**
 * The default tiers with `factor` times the agent teams in every workloads stack: team `code-gen`
 * becomes `code-gen`, `code-gen-2`, ... `code-gen-<factor>`. Each team is its own Deployment,
 * autoscaler and the objects around it, the unit by which a workloads stack grows, so the
 * synthesis cost per added resource is the real one. Factor 1 is the app `npm run synth` builds.
 */
export function tiersWithServicesTimes(factor: number): PlatformTiers {
  if (!Number.isInteger(factor) || factor < 1) throw new Error(`services factor: expected a positive integer, got ${factor}`);
  const scale = (tier: TierSpec): TierSpec => ({
    ...tier,
    // The ceilings are sized for the tier's own teams; scale them so the cost guardrail measures a
    // bigger tier rather than stopping it (a budget's amount changes no resource count).
    budget: tier.budget
      ? {
          ...tier.budget,
          ceilingMonthlyUsd: tier.budget.ceilingMonthlyUsd * factor,
          stackCeilings: tier.budget.stackCeilings
            ? {
                regionalMonthlyUsd: tier.budget.stackCeilings.regionalMonthlyUsd * factor,
                globalMonthlyUsd: tier.budget.stackCeilings.globalMonthlyUsd * factor,
              }
            : undefined,
        }
      : undefined,
    agentTeams: {
      ...tier.agentTeams,
      teams: tier.agentTeams.teams.flatMap((team) => Array.from({ length: factor }, (_, i) => (i === 0 ? team : `${team}-${i + 1}`))),
    },
  });
  return {
    dev: scale(DEFAULT_TIERS.dev),
    staging: scale(DEFAULT_TIERS.staging),
    smallProd: scale(DEFAULT_TIERS.smallProd),
    enterprise: scale(DEFAULT_TIERS.enterprise),
  };
}
