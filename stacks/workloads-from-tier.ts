import { AgentTeamScaling, SpotPoolPlacement } from "../constructs/agent-teams";
import { CoreService } from "../constructs/core-services";
import { DataLayerConnection } from "../constructs/data-layer-contract";
import {
  GrafanaAdminSecret,
  LokiBlobStorage,
  LokiDeploymentMode,
  ObservabilityProfile,
  ObservabilityStackProps,
} from "../constructs/observability-stack";
import { Placement } from "../constructs/placement";
import { PlatformNamespaces } from "../constructs/platform-namespaces";
import { PolicySuppressions } from "../policies/policy-suppressions";
import { PlatformWorkloadsProps } from "../constructs/platform-workloads";
import { ScaleSchedule } from "../constructs/scale-schedule";
import { ResourceQuantities } from "../constructs/workload";
import { ContainerResources, LogStoreTopology, MonitoringLevel, ScheduleDays, ServiceSpec, TierSpec } from "../tiers/tier-spec";

/** What differs between a cluster of the platform's and a local one. */
export interface WorkloadsTarget {
  readonly namespaces: PlatformWorkloadsProps["namespaces"];
  readonly connection: DataLayerConnection;
  /** KEDA on the cluster (AKS add-on); without it teams run a fixed count. */
  readonly keda: boolean;
  /** The spot pool for agent teams; absent on a cluster without one. */
  readonly spotPool?: SpotPoolPlacement;
  /** Where the perimeter runs. */
  readonly corePlacement: Placement;
  /** Where the language services run. */
  readonly languagePlacement: Placement;
  readonly privateEgress?: PlatformWorkloadsProps["privateEgress"];
  readonly additionalPlatformQuota?: PlatformWorkloadsProps["additionalPlatformQuota"];
  /** The edge gateway's namespace and the core service it reaches. */
  readonly gateway?: PlatformWorkloadsProps["gateway"];
}

/** The workload namespaces of the default platform namespaces, as references (so they are created first). */
export function workloadNamespaces(namespaces: PlatformNamespaces): PlatformWorkloadsProps["namespaces"] {
  return {
    platform: namespaces.nameOf("platform"),
    agents: namespaces.nameOf("agents"),
    languages: namespaces.nameOf("languages"),
    observability: namespaces.nameOf("observability"),
  };
}

/**
 * The observability namespace has no ResourceQuota on purpose (see PlatformWorkloads); record the
 * decision where the policy packs report it.
 */
export function suppressObservabilityQuota(namespaces: PlatformNamespaces): void {
  PolicySuppressions.addToConstruct(namespaces.node.findChild("observability"), [
    {
      id: "CostPack-NamespaceResourceQuota",
      reason: "node exporter and the log shipper are DaemonSets that grow with the node count; a quota would silently keep them off new nodes. Every chart component sets requests and limits",
    },
  ]);
}

function quantities(resources: ContainerResources | undefined): ResourceQuantities | undefined {
  return resources ? { cpuMillis: Math.round(resources.cpuCores * 1000), memoryMiB: resources.memoryMiB } : undefined;
}

function resourcesOf(service: ServiceSpec) {
  return service.requests || service.limits ? { requests: quantities(service.requests), limits: quantities(service.limits) } : undefined;
}

/** A tier's agent-team schedule as the KEDA schedule it renders to. */
export function scaleSchedule(schedule: NonNullable<TierSpec["agentTeams"]["schedule"]>): ScaleSchedule {
  const window = {
    timeZone: schedule.timeZone,
    startHour: schedule.startHour,
    endHour: schedule.endHour,
    minReplicas: schedule.minReplicasInWindow,
  };
  return (schedule.days ?? ScheduleDays.EVERY_DAY) === ScheduleDays.WEEKDAYS ? ScaleSchedule.weekdays(window) : ScaleSchedule.daily(window);
}

/** The workloads a tier runs on a cluster, as props for `PlatformWorkloads`. */
export function platformWorkloadsProps(tier: TierSpec, target: WorkloadsTarget): PlatformWorkloadsProps {
  const s = tier.services;
  // CoreService's values are the keys of the tier's `services`.
  const byKey = Object.fromEntries(Object.values(CoreService).map((k) => [k, s[k]])) as Record<CoreService, ServiceSpec>;
  const replicas = Object.fromEntries(Object.entries(byKey).map(([k, v]) => [k, v.replicas])) as Record<CoreService, number>;
  const resources = Object.fromEntries(
    Object.entries(byKey).flatMap(([k, v]) => {
      const r = resourcesOf(v);
      return r ? [[k, r]] : [];
    }),
  );
  const teams = tier.agentTeams;
  const schedule = teams.schedule;
  return {
    namespaces: target.namespaces,
    coreServices: {
      replicas,
      titans: s.titans,
      connection: target.connection,
      placement: target.corePlacement,
      resources,
    },
    agentTeams: {
      teams: teams.teams,
      minReplicas: target.keda && schedule ? schedule.minReplicasOutsideWindow : teams.replicas.min,
      maxReplicas: teams.replicas.max,
      scaling: target.keda ? AgentTeamScaling.KEDA : AgentTeamScaling.FIXED,
      schedule: target.keda && schedule ? scaleSchedule(schedule) : undefined,
      spotPool: target.spotPool,
      runOnSpot: target.spotPool !== undefined,
    },
    languageServices: tier.languageServices
      ? {
          warmReplicas: tier.languageServices.warmReplicas,
          maxReplicas: tier.languageServices.maxReplicas,
          placement: target.languagePlacement,
        }
      : undefined,
    privateEgress: target.privateEgress,
    additionalPlatformQuota: target.additionalPlatformQuota,
    gateway: target.gateway,
  };
}

/** Where a tier's observability stack goes and what it connects to. */
export interface ObservabilityTarget {
  readonly namespace: string;
  readonly monitoredNamespaces: readonly string[];
  readonly clusterName?: string;
  readonly logStorage?: LokiBlobStorage;
  readonly grafanaAdmin?: GrafanaAdminSecret;
}

const PROFILES: Record<MonitoringLevel, ObservabilityProfile> = {
  [MonitoringLevel.OPTIONAL]: ObservabilityProfile.LIGHT,
  [MonitoringLevel.BASIC]: ObservabilityProfile.LIGHT,
  [MonitoringLevel.STANDARD]: ObservabilityProfile.STANDARD,
  [MonitoringLevel.FULL]: ObservabilityProfile.HIGHLY_AVAILABLE,
};

/** The observability profile a tier's monitoring level deploys. */
export function observabilityProfile(level: MonitoringLevel): ObservabilityProfile {
  return PROFILES[level];
}

/** A tier's observability stack as props for `ObservabilityStack`; undefined where the tier has none. */
export function observabilityProps(tier: TierSpec, target: ObservabilityTarget): ObservabilityStackProps | undefined {
  const o = tier.observability;
  if (!o) return undefined;
  return {
    namespace: target.namespace,
    monitoredNamespaces: target.monitoredNamespaces,
    clusterName: target.clusterName,
    profile: PROFILES[tier.monitoring],
    prometheusReplicas: o.metrics.prometheusReplicas,
    metricsRetentionDays: o.metrics.retentionDays,
    prometheusStorageGiB: o.metrics.storageGiB,
    alertmanagerReplicas: o.metrics.alertmanagerReplicas,
    alertmanagerStorageGiB: o.metrics.alertmanagerStorageGiB,
    grafanaStorageGiB: o.grafana.storageGiB,
    grafanaAdmin: target.grafanaAdmin,
    logsMode: o.logs.topology === LogStoreTopology.DISTRIBUTED ? LokiDeploymentMode.DISTRIBUTED : LokiDeploymentMode.MONOLITHIC,
    logsReplicas: o.logs.replicas,
    logsRetentionDays: o.logs.retentionDays,
    logsArchiveDays: o.logs.archiveDays,
    logsStorageGiB: o.logs.storageGiB,
    logStorage: target.logStorage,
    tracesRetentionDays: o.traces.retentionDays,
    tracesStorageGiB: o.traces.storageGiB,
  };
}
