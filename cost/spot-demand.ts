import { AGENT_TEAM_DEFAULT_REQUESTS } from "../constructs/agent-teams";
import { DEFAULT_LANGUAGE_CATALOG, languageServiceRequests } from "../constructs/language-service-fleet";
import { OBSERVABILITY_RESOURCES, ObservabilityComponent } from "../constructs/observability-stack";
import { observabilityProfile, scaleSchedule } from "../stacks/workloads-from-tier";
import { TierSpec } from "../tiers/tier-spec";
import { NodePoolUsage } from "./estimate-options";
import { VM_SHAPES, allocatable } from "./vm-shapes";

/** Requests of the pods on the spot pool in one period. */
export interface SpotLoad {
  readonly cpuMillis: number;
  readonly memoryMiB: number;
  readonly nodes: number;
  /** How the load is made up, for the cost line. */
  readonly description: string;
}

/** What the spot pool runs, in and outside the agent teams' window, and the nodes that takes. */
export interface SpotDemand {
  readonly outside: SpotLoad;
  readonly inWindow?: SpotLoad;
  /** Share of the month inside the window. */
  readonly windowShare: number;
  readonly windowDescription?: string;
  /** What one node leaves pods, after AKS's reservation and the observability daemon sets. */
  readonly perNode: { readonly cpuMillis: number; readonly memoryMiB: number };
}

function hour(h: number): string {
  return `${String(h).padStart(2, "0")}:00`;
}

/**
 * What one node of `vmSize` leaves the tier's pods: its allocatable (with `maxPods`' memory
 * reservation) minus the observability DaemonSets every node runs (node exporter, the log shipper
 * and its reloader). Undefined for a size the cost model has no shape of.
 */
export function podCapacityPerNode(tier: TierSpec, vmSize: string, maxPods?: number): { cpuMillis: number; memoryMiB: number } | undefined {
  const shape = VM_SHAPES[vmSize];
  if (!shape) return undefined;
  const node = allocatable(shape, maxPods);
  const table = tier.observability ? OBSERVABILITY_RESOURCES[observabilityProfile(tier.monitoring)] : undefined;
  const daemons = table
    ? [ObservabilityComponent.NODE_EXPORTER, ObservabilityComponent.LOG_SHIPPER, ObservabilityComponent.LOG_SHIPPER_RELOADER].map((c) => table[c].requests)
    : [];
  return {
    cpuMillis: node.cpuMillis - daemons.reduce((n, r) => n + r.cpuMillis, 0),
    memoryMiB: node.memoryMiB - daemons.reduce((n, r) => n + r.memoryMiB, 0),
  };
}

/**
 * The spot pool's nodes, derived from the pods the workloads stack places there (requests x
 * replicas over a node's allocatable): the agent teams at the schedule's floor plus the tier's
 * assumed demand above it, and the language services' warm pools where the tier has no sandboxed
 * pool for them (cost/sandbox-demand.ts counts them there). Undefined for a tier without a spot pool.
 */
export function spotDemandForTier(tier: TierSpec): SpotDemand | undefined {
  const pool = tier.cluster?.spotPool;
  if (!pool) return undefined;
  const perNode = podCapacityPerNode(tier, pool.vmSize);
  if (!perNode) return undefined;

  const langs = tier.languageServices?.sandboxedPool ? undefined : tier.languageServices;
  const langCpu = langs ? DEFAULT_LANGUAGE_CATALOG.reduce((n, l) => n + languageServiceRequests(l).cpuMillis, 0) * langs.warmReplicas : 0;
  const langMemory = langs ? DEFAULT_LANGUAGE_CATALOG.reduce((n, l) => n + languageServiceRequests(l).memoryMiB, 0) * langs.warmReplicas : 0;
  const teams = tier.agentTeams;
  const demand = tier.costAssumptions?.agentTeamDemand;
  const schedule = teams.schedule;
  const team = AGENT_TEAM_DEFAULT_REQUESTS;

  const load = (replicasPerTeam: number): SpotLoad => {
    const replicas = Math.min(teams.replicas.max, replicasPerTeam) * teams.teams.length;
    const cpuMillis = replicas * team.cpuMillis + langCpu;
    const memoryMiB = replicas * team.memoryMiB + langMemory;
    const needed = Math.max(Math.ceil(cpuMillis / perNode.cpuMillis), Math.ceil(memoryMiB / perNode.memoryMiB));
    const nodes = Math.min(pool.maxCount, Math.max(pool.minCount, needed));
    const parts = [
      ...(replicas > 0 ? [`${replicas} agent-team pods x ${team.cpuMillis}m`] : []),
      ...(langs ? [`${langs.warmReplicas} warm pod(s) x ${DEFAULT_LANGUAGE_CATALOG.length} languages (${langCpu}m)`] : []),
    ];
    return {
      cpuMillis,
      memoryMiB,
      nodes,
      description: `${parts.length > 0 ? parts.join(" + ") : "no pods"}: ${cpuMillis}m / ${memoryMiB} MiB requested, ${nodes} node(s) of ${perNode.cpuMillis}m / ${Math.floor(perNode.memoryMiB)} MiB`,
    };
  };

  const outsideFloor = schedule ? schedule.minReplicasOutsideWindow : teams.replicas.min;
  const outside = load(outsideFloor + (schedule ? demand?.replicasAboveFloorOutsideWindow ?? 0 : demand?.replicasAboveFloorInWindow ?? 0));
  if (!schedule) return { outside, windowShare: 0, perNode };
  const window = scaleSchedule(schedule);
  const inWindow = load(schedule.minReplicasInWindow + (demand?.replicasAboveFloorInWindow ?? 0));
  return {
    outside,
    inWindow,
    windowShare: window.shareOfWeek,
    windowDescription: `${hour(schedule.startHour)}-${hour(schedule.endHour)} ${schedule.timeZone}, ${window.daysPerWeek === 5 ? "Monday to Friday" : "every day"}`,
    perNode,
  };
}

/** The spot pool's usage for the estimator. */
export function spotPoolUsage(demand: SpotDemand): NodePoolUsage {
  return {
    averageNodes: demand.outside.nodes,
    derivation: demand.outside.description,
    busyWindow: demand.inWindow
      ? {
          shareOfTime: demand.windowShare,
          averageNodes: demand.inWindow.nodes,
          description: `agent-team schedule ${demand.windowDescription}`,
          derivation: demand.inWindow.description,
        }
      : undefined,
  };
}
