import { PlatformKind, TierName, TierSpec } from "../tiers/tier-spec";

/**
 * Which environment a stack belongs to; it decides which rules run and at what level. Dev runs
 * on a laptop and is held to fewer rules, production to all of them.
 */
export enum PolicyEnvironment {
  DEVELOPMENT = "development",
  STAGING = "staging",
  PRODUCTION = "production",
}

/** How a profile is named and the caps the cost rules hold autoscalers to. */
export interface PolicyProfileOptions {
  /**
   * Shown in the report.
   * @default - the environment's name
   */
  readonly name?: string;
  /**
   * Most nodes an autoscaled node pool may reach.
   * @default - no cap; autoscaled pools must still set a maximum
   */
  readonly maxNodesPerPool?: number;
  /**
   * Most replicas an HPA or a KEDA ScaledObject may set.
   * @default - no cap; autoscalers must still set a maximum
   */
  readonly maxReplicasPerWorkload?: number;
}

/** What the policy packs hold a stack to: an environment and the tier's caps. */
export class PolicyProfile {
  /** A laptop cluster: the rules that cost nothing to follow, mostly as warnings. */
  public static development(options: PolicyProfileOptions = {}): PolicyProfile {
    return new PolicyProfile(PolicyEnvironment.DEVELOPMENT, options);
  }

  /** A shared pre-production environment: security rules as errors, production-only ones as warnings. */
  public static staging(options: PolicyProfileOptions = {}): PolicyProfile {
    return new PolicyProfile(PolicyEnvironment.STAGING, options);
  }

  /** Production: every rule. */
  public static production(options: PolicyProfileOptions = {}): PolicyProfile {
    return new PolicyProfile(PolicyEnvironment.PRODUCTION, options);
  }

  /**
   * The profile of a tier: dev is development, staging is staging, small-prod and enterprise are
   * production. The caps are the tier's largest autoscaled pool and its largest replica count.
   */
  public static forTier(tier: TierSpec): PolicyProfile {
    const options = { ...capsOfTier(tier), name: tier.name };
    switch (tier.name) {
      case TierName.DEV:
        return PolicyProfile.development(options);
      case TierName.STAGING:
        return PolicyProfile.staging(options);
      case TierName.SMALL_PROD:
      case TierName.ENTERPRISE:
        return PolicyProfile.production(options);
    }
  }

  public readonly environment: PolicyEnvironment;
  public readonly maxNodesPerPool?: number;
  public readonly maxReplicasPerWorkload?: number;
  /** Shown in the report; the tier name for `forTier`. */
  public readonly name: string;

  private constructor(environment: PolicyEnvironment, options: PolicyProfileOptions) {
    this.environment = environment;
    this.maxNodesPerPool = options.maxNodesPerPool;
    this.maxReplicasPerWorkload = options.maxReplicasPerWorkload;
    this.name = options.name ?? environment;
  }
}

function capsOfTier(tier: TierSpec): Pick<PolicyProfileOptions, "maxNodesPerPool" | "maxReplicasPerWorkload"> {
  const cluster = tier.platform === PlatformKind.AKS ? tier.cluster : undefined;
  const pools = cluster
    ? [cluster.spotPool.maxCount, cluster.alwaysOnPool.nodeCount, tier.languageServices?.sandboxedPool?.maxCount ?? 0]
    : [];
  const s = tier.services;
  const replicas = [
    tier.agentTeams.replicas.max,
    tier.languageServices?.maxReplicas ?? 0,
    s.titans.replicasEach,
    ...[s.federationCore, s.contextServer, s.agentRegistry, s.mcpRegistry, s.orchestrator, s.praetorianGuard, s.warden, s.capacityManager].map(
      (service) => service.replicas,
    ),
  ];
  return {
    maxNodesPerPool: pools.length > 0 ? Math.max(...pools) : undefined,
    maxReplicasPerWorkload: Math.max(...replicas),
  };
}
