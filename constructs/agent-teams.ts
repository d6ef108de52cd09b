import { Construct } from "constructs";
import { Manifest } from "../providers/kubernetes/manifest";
import { checkDnsLabel, checkInteger, checkOrdered } from "./checks";
import { PART_OF_LABEL_KEY, PlatformNames } from "./platform-name";
import { Placement } from "./placement";
import { ScaleSchedule, isTimeZone } from "./scale-schedule";
import { NodeSelectorRequirement, PodToleration } from "./spot-autoscale-pool";
import { ValidationError } from "./validation-error";
import { ResourceQuantities, Workload } from "./workload";

/** How the teams' replica counts are driven. */
export enum AgentTeamScaling {
  /**
   * KEDA ScaledObjects (the AKS KEDA add-on): demand from capacity-manager, plus the business-hours
   * floor of a schedule. Scales to zero.
   */
  KEDA = "keda",
  /** A plain replica count (`replicas.max`), for clusters without KEDA (dev). */
  FIXED = "fixed",
}

/** What a spot pool tells its workloads; `SpotAutoscalePool` provides it. */
export interface SpotPoolPlacement {
  readonly toleration: PodToleration;
  readonly nodeAffinity: NodeSelectorRequirement;
}

export interface AgentTeamsProps {
  readonly namespace: string;
  /** Team names (`code-gen`, `analysis`, `devops`); one Deployment each, `team-<name>`. */
  readonly teams: readonly string[];
  /** Replicas per team. */
  readonly minReplicas: number;
  readonly maxReplicas: number;
  /**
   * @default AgentTeamScaling.KEDA
   */
  readonly scaling?: AgentTeamScaling;
  /**
   * A higher floor in a daily window (KEDA only).
   * @default - the floor is `minReplicas` all day
   */
  readonly schedule?: ScaleSchedule;
  /**
   * The spot pool the teams must run on.
   * @default - none; then `runOnSpot` must be false
   */
  readonly spotPool?: SpotPoolPlacement;
  /**
   * Keep the teams on spot nodes only (seed 004's auto-scale pool).
   * @default true
   */
  readonly runOnSpot?: boolean;
  /**
   * Where capacity-manager reports each team's wanted replicas, as JSON `{"desiredReplicas": n}`;
   * `{team}` is replaced by the team name. KEDA's metrics-api scaler polls it.
   * @default "http://capacity-manager.platform.svc.cluster.local:9405/api/v1/teams/{team}/demand"
   */
  readonly demandUrl?: string;
  /**
   * @default "1.0.0"
   */
  readonly imageTag?: string;
  /**
   * @default AGENT_TEAM_DEFAULT_REQUESTS (500m, 1024 MiB)
   */
  readonly requests?: ResourceQuantities;
  /**
   * @default { cpuMillis: 2000, memoryMiB: 2048 }
   */
  readonly limits?: ResourceQuantities;
}

/** Requests of each team replica unless `requests` says otherwise (the cost model sizes spot nodes from them). */
export const AGENT_TEAM_DEFAULT_REQUESTS: ResourceQuantities = { cpuMillis: 500, memoryMiB: 1024 };

/** KEDA's API group and version for ScaledObjects. */
const SCALED_OBJECT_API = "keda.sh/v1alpha1";

/**
 * The auto-scaling agent teams of seed 004 (code-gen, analysis, devops). They run only on spot
 * nodes (the spot taint's toleration plus a required node affinity) and scale between the tier's
 * bounds with KEDA: capacity-manager's demand drives them, and a schedule keeps a business-hours
 * floor.
 *
 * The ScaledObjects are `kubernetes_manifest` resources, which need their CRD at plan time. The
 * CRD comes with the AKS KEDA add-on, which the cluster's own stack enables (AlwaysOnCluster
 * `kedaEnabled`) and which cdktf deploys before this workloads stack, so it exists on a fresh
 * cluster by the time this stack plans.
 */
export class AgentTeams extends Construct {
  public readonly workloads: ReadonlyMap<string, Workload>;
  public readonly scaledObjects: ReadonlyMap<string, Manifest>;
  public readonly scaling: AgentTeamScaling;

  constructor(scope: Construct, id: string, props: AgentTeamsProps) {
    super(scope, id);
    const scaling = props.scaling ?? AgentTeamScaling.KEDA;
    const runOnSpot = props.runOnSpot ?? true;
    const demandUrl = props.demandUrl ?? "http://capacity-manager.platform.svc.cluster.local:9405/api/v1/teams/{team}/demand";
    const imageTag = props.imageTag ?? "1.0.0";
    const names = PlatformNames.of(this);
    const requests = props.requests ?? AGENT_TEAM_DEFAULT_REQUESTS;
    const limits = props.limits ?? { cpuMillis: 2000, memoryMiB: 2048 };

    checkDnsLabel(this, "namespace", props.namespace);
    checkInteger(this, "minReplicas", props.minReplicas, 0, 1000);
    checkInteger(this, "maxReplicas", props.maxReplicas, 1, 1000);
    checkOrdered(this, "minReplicas", props.minReplicas, "maxReplicas", props.maxReplicas);
    props.teams.forEach((team, i) => {
      checkDnsLabel(this, `teams[${i}]`, team);
      if (props.teams.indexOf(team) !== i) {
        throw new ValidationError(this, `teams[${i}]`, team, "expected team names unique in the namespace");
      }
    });
    if (runOnSpot && !props.spotPool) {
      throw new ValidationError(this, "spotPool", undefined, "expected a spot pool when runOnSpot is true (set runOnSpot: false where the cluster has none)");
    }
    if (props.schedule) this.checkSchedule(props.schedule, props.minReplicas, props.maxReplicas, scaling);
    if (!/^https?:\/\/\S+$/.test(demandUrl) || !demandUrl.includes("{team}")) {
      throw new ValidationError(this, "demandUrl", demandUrl, "expected an http(s) URL containing {team}");
    }

    const placement = runOnSpot && props.spotPool ? Placement.spot(props.spotPool) : Placement.anyNode();
    const workloads = new Map<string, Workload>();
    const scaledObjects = new Map<string, Manifest>();
    for (const team of props.teams) {
      const name = `team-${team}`;
      const workload = new Workload(this, team, {
        name,
        namespace: props.namespace,
        image: `${names.image(`agent-team-${team}`)}:${imageTag}`,
        port: 9405,
        replicas: scaling === AgentTeamScaling.FIXED ? props.maxReplicas : props.minReplicas,
        requests,
        limits,
        livenessProbe: { path: "/health/live", periodSeconds: 10 },
        readinessProbe: { path: "/health/ready", periodSeconds: 5 },
        placement,
        labels: { [PART_OF_LABEL_KEY]: names.partOf, "app.kubernetes.io/component": "agent-team" },
        externallyScaled: scaling === AgentTeamScaling.KEDA,
        // Spot evictions give 30 s notice; teams checkpoint within it.
        terminationGracePeriodSeconds: 25,
      });
      workloads.set(name, workload);
      if (scaling === AgentTeamScaling.KEDA) {
        scaledObjects.set(name, this.scaledObject(team, name, props, demandUrl.replace("{team}", team)));
      }
    }
    this.workloads = workloads;
    this.scaledObjects = scaledObjects;
    this.scaling = scaling;
  }

  private scaledObject(team: string, name: string, props: AgentTeamsProps, url: string): Manifest {
    const triggers: Record<string, unknown>[] = [
      {
        type: "metrics-api",
        metadata: { url, valueLocation: "desiredReplicas", targetValue: "1", format: "json" },
      },
    ];
    if (props.schedule) {
      triggers.push({
        type: "cron",
        metadata: {
          timezone: props.schedule.timeZone,
          start: props.schedule.startCron,
          end: props.schedule.endCron,
          desiredReplicas: String(props.schedule.minReplicas),
        },
      });
    }
    return new Manifest(this, `${team}-scaler`, {
      manifest: {
        apiVersion: SCALED_OBJECT_API,
        kind: "ScaledObject",
        metadata: { name, namespace: props.namespace, labels: { [PART_OF_LABEL_KEY]: PlatformNames.of(this).partOf } },
        spec: {
          scaleTargetRef: { name },
          minReplicaCount: props.minReplicas,
          maxReplicaCount: props.maxReplicas,
          pollingInterval: 30,
          // Ten quiet minutes before a team goes, so bursts do not churn spot nodes.
          cooldownPeriod: 600,
          triggers,
        },
      },
    });
  }

  private checkSchedule(schedule: ScaleSchedule, min: number, max: number, scaling: AgentTeamScaling): void {
    if (scaling !== AgentTeamScaling.KEDA) {
      throw new ValidationError(this, "schedule", "set", "expected no schedule with fixed scaling: only KEDA applies schedules");
    }
    if (!isTimeZone(schedule.timeZone)) {
      throw new ValidationError(this, "schedule.timeZone", schedule.timeZone, "expected an IANA time zone such as America/New_York");
    }
    checkInteger(this, "schedule.startHour", schedule.startHour, 0, 23);
    checkInteger(this, "schedule.endHour", schedule.endHour, 1, 24);
    if (schedule.endHour <= schedule.startHour) {
      throw new ValidationError(this, "schedule.endHour", schedule.endHour, `expected an hour after schedule.startHour (${schedule.startHour})`);
    }
    checkInteger(this, "schedule.minReplicas", schedule.minReplicas, min, max);
  }
}
