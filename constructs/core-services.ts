import { Construct } from "constructs";
import { checkDnsLabel, checkInteger } from "./checks";
import { DataLayerConnection } from "./data-layer-contract";
import { Placement } from "./placement";
import { ValidationError } from "./validation-error";
import { HttpProbe, ResourceQuantities, SecretKeyReference, Workload } from "./workload";
import { PART_OF_LABEL_KEY, PlatformNames } from "./platform-name";

/** Which connection a core service reads from the data layer's Secret. */
export enum DataDependency {
  NONE = "none",
  /** `MONGODB_URI` (Cosmos DB for MongoDB, or in-cluster MongoDB in dev). */
  MONGODB = "mongodb",
  /** `REDIS_URL` (Azure Cache for Redis, or in-cluster Redis in dev). */
  REDIS = "redis",
}

/** How one perimeter service runs; the catalog below holds the platform's. */
export interface CoreServiceDefinition {
  /** Service name, a DNS-1123 label. */
  readonly name: string;
  /**
   * Image repository; the tag comes from `CoreServicesProps.imageTag`. A bare name is in the
   * platform's namespace (`<platform>/<name>`, `PlatformNames.image`); one with a slash is used as is.
   */
  readonly repository: string;
  readonly port: number;
  readonly requests: ResourceQuantities;
  readonly limits: ResourceQuantities;
  readonly livenessProbe: HttpProbe;
  readonly readinessProbe: HttpProbe;
  readonly data: readonly DataDependency[];
}

/** Seed 004's federation-core, exactly: port 9405, 1000m/2Gi requests, 2000m/4Gi limits, its probes. */
export const FEDERATION_CORE: CoreServiceDefinition = {
  name: "federation-core",
  repository: "federation-core",
  port: 9405,
  requests: { cpuMillis: 1000, memoryMiB: 2048 },
  limits: { cpuMillis: 2000, memoryMiB: 4096 },
  livenessProbe: { path: "/health/live", initialDelaySeconds: 30, periodSeconds: 10 },
  readinessProbe: { path: "/health/ready", initialDelaySeconds: 10, periodSeconds: 5 },
  data: [DataDependency.MONGODB],
};

/**
 * The rest of the perimeter follows federation-core's shape (port, probes) with smaller requests:
 * at federation-core's 1000m each, small-prod's 20 pods would ask 20 vCPU of a 3 x D4s_v5 pool
 * (12 vCPU), so the seed's own tiers could not schedule.
 */
function perimeterService(name: string, data: readonly DataDependency[] = []): CoreServiceDefinition {
  return {
    ...FEDERATION_CORE,
    name,
    repository: name,
    requests: { cpuMillis: 250, memoryMiB: 512 },
    limits: { cpuMillis: 1000, memoryMiB: 1024 },
    data,
  };
}

/** Names of the always-on services (seed 004), keyed as in the tier's `services`. */
export enum CoreService {
  FEDERATION_CORE = "federationCore",
  CONTEXT_SERVER = "contextServer",
  AGENT_REGISTRY = "agentRegistry",
  MCP_REGISTRY = "mcpRegistry",
  ORCHESTRATOR = "orchestrator",
  PRAETORIAN_GUARD = "praetorianGuard",
  WARDEN = "warden",
  CAPACITY_MANAGER = "capacityManager",
}

/** The platform's perimeter. Seed 004's data arrows: registries to Cosmos DB, context servers to Redis. */
export const CORE_SERVICE_CATALOG: Readonly<Record<CoreService, CoreServiceDefinition>> = {
  [CoreService.FEDERATION_CORE]: FEDERATION_CORE,
  [CoreService.CONTEXT_SERVER]: perimeterService("context-server", [DataDependency.REDIS]),
  [CoreService.AGENT_REGISTRY]: perimeterService("agent-registry", [DataDependency.MONGODB]),
  [CoreService.MCP_REGISTRY]: perimeterService("mcp-registry", [DataDependency.MONGODB]),
  [CoreService.ORCHESTRATOR]: perimeterService("orchestrator"),
  [CoreService.PRAETORIAN_GUARD]: perimeterService("praetorian-guard"),
  [CoreService.WARDEN]: perimeterService("warden"),
  [CoreService.CAPACITY_MANAGER]: perimeterService("capacity-manager"),
};

export interface CoreServicesProps {
  readonly namespace: string;
  /** Replicas per service; 0 leaves a service out. */
  readonly replicas: Readonly<Record<CoreService, number>>;
  /** Titan models (one Deployment each, `titan-<model>`) and replicas of each. */
  readonly titans: { readonly models: readonly string[]; readonly replicasEach: number };
  /**
   * Where the data layer's connection strings are (`LocalDataLayer` or the Key Vault
   * SecretProviderClass): the same Secret and keys in every tier.
   */
  readonly connection: DataLayerConnection;
  /**
   * @default Placement.anyNode()
   */
  readonly placement?: Placement;
  /**
   * Tag of every perimeter image.
   * @default "1.0.0"
   */
  readonly imageTag?: string;
  /**
   * Requests and limits per service, for tiers that set their own (dev).
   * @default - the catalog's
   */
  readonly resources?: Partial<Record<CoreService, { readonly requests?: ResourceQuantities; readonly limits?: ResourceQuantities }>>;
}

/**
 * The always-on perimeter of seed 004 (federation-core, context-server, registries, orchestrator,
 * the Pantheon, praetorian-guard, warden, capacity-manager). Never scales to zero; a
 * PodDisruptionBudget guards every service with two or more replicas.
 */
export class CoreServices extends Construct {
  /** The workloads by service name (`federation-core`, `titan-gpt`, …). */
  public readonly workloads: ReadonlyMap<string, Workload>;

  constructor(scope: Construct, id: string, props: CoreServicesProps) {
    super(scope, id);
    const placement = props.placement ?? Placement.anyNode();
    // Managed tiers: pods that read the data mount the Key Vault volume (the driver syncs the
    // Secret only while one does) and carry the workload identity.
    const store = props.connection.secretsStore;
    const imageTag = props.imageTag ?? "1.0.0";
    const names = PlatformNames.of(this);
    checkDnsLabel(this, "namespace", props.namespace);
    checkInteger(this, "titans.replicasEach", props.titans.replicasEach, 0, 1000);

    const definitions: { key?: CoreService; definition: CoreServiceDefinition; replicas: number }[] = [
      ...Object.values(CoreService).map((key) => ({ key, definition: CORE_SERVICE_CATALOG[key], replicas: props.replicas[key] })),
      ...props.titans.models.map((model) => ({
        definition: perimeterService(`titan-${model}`),
        replicas: props.titans.replicasEach,
      })),
    ];

    const workloads = new Map<string, Workload>();
    for (const { key, definition, replicas } of definitions) {
      const property = key ? `replicas.${key}` : `titans.replicasEach`;
      checkInteger(this, property, replicas, 0, 1000);
      if (replicas === 0) continue;
      if (workloads.has(definition.name)) {
        throw new ValidationError(this, "titans.models", definition.name, "expected service names unique in the namespace");
      }
      const override = key ? props.resources?.[key] : undefined;
      const usesData = definition.data.length > 0;
      const secretEnv: Record<string, SecretKeyReference> = {};
      if (definition.data.includes(DataDependency.MONGODB)) {
        secretEnv.MONGODB_URI = { secretName: props.connection.secretName, key: props.connection.keys.mongodbUri };
      }
      if (definition.data.includes(DataDependency.REDIS)) {
        secretEnv.REDIS_URL = { secretName: props.connection.secretName, key: props.connection.keys.redisUrl };
      }
      workloads.set(
        definition.name,
        new Workload(this, definition.name, {
          name: definition.name,
          namespace: props.namespace,
          image: `${names.image(definition.repository)}:${imageTag}`,
          port: definition.port,
          replicas,
          requests: override?.requests ?? definition.requests,
          limits: override?.limits ?? definition.limits,
          livenessProbe: definition.livenessProbe,
          readinessProbe: definition.readinessProbe,
          secretEnv,
          placement,
          labels: { [PART_OF_LABEL_KEY]: names.partOf, "app.kubernetes.io/component": "perimeter" },
          secretProviderClass: usesData ? store?.secretProviderClassName : undefined,
          serviceAccountAnnotations: usesData ? store?.serviceAccountAnnotations : undefined,
          // The workload identity webhook projects its own token volume and the CSI driver gets
          // its token from the kubelet, so the API token stays unmounted.
          podLabels: usesData ? store?.podLabels : undefined,
        }),
      );
    }
    this.workloads = workloads;
  }
}
