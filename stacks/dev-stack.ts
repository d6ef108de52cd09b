import { Construct } from "constructs";
import { LocalDataLayer } from "../constructs/local-data-layer";
import { ObservabilityStack } from "../constructs/observability-stack";
import { Placement } from "../constructs/placement";
import { PlatformNamespaces } from "../constructs/platform-namespaces";
import { PlatformWorkloads } from "../constructs/platform-workloads";
import { ValidationError } from "../constructs/validation-error";
import { DataLayerKind, PlatformKind } from "../tiers/tier-spec";
import { KubernetesProviders, configureKubernetesProviders } from "./kubernetes-providers";
import { PlatformStack, PlatformStackProps } from "./platform-stack";
import { observabilityProps, platformWorkloadsProps, suppressObservabilityQuota, workloadNamespaces } from "./workloads-from-tier";

/**
 * The kubeconfig context the dev stack targets unless told otherwise: `kind-<platformName>-dev`,
 * the context `kind create cluster --name <platformName>-dev` creates.
 */
export function defaultDevKubeContext(platformName: string): string {
  return `kind-${platformName}-dev`;
}

export interface DevStackProps extends PlatformStackProps {
  /**
   * Kubeconfig file; `~` is expanded by the providers at plan time.
   * @default "~/.kube/config"
   */
  readonly kubeconfigPath?: string;
  /**
   * Context to use. Named explicitly so a dev apply never lands on whatever context is current.
   * @default - `kind-<platformName>-dev` (`defaultDevKubeContext`)
   */
  readonly kubeContext?: string;
}

/** The platform on a local cluster (kind, minikube, Docker Desktop): no Azure. */
export class DevStack extends PlatformStack {
  public readonly providers: KubernetesProviders;
  public readonly namespaces: PlatformNamespaces;
  /** In-cluster MongoDB 7 and Redis 7 behind the same Secret and keys as the managed tiers. */
  public readonly data: LocalDataLayer;
  public readonly workloads: PlatformWorkloads;
  /** The light observability stack, where the tier asks for one. */
  public readonly observability?: ObservabilityStack;

  constructor(scope: Construct, id: string, props: DevStackProps) {
    super(scope, id, props);
    if (props.tier.platform !== PlatformKind.LOCAL_KUBERNETES) {
      throw new ValidationError(this, "tier.platform", props.tier.platform, 'expected "local-kubernetes" for the dev stack');
    }
    const configPath = props.kubeconfigPath ?? "~/.kube/config";
    const configContext = props.kubeContext ?? defaultDevKubeContext(props.platformName);
    if (configPath.trim() === "") {
      throw new ValidationError(this, "kubeconfigPath", configPath, "expected a path to a kubeconfig file");
    }
    if (configContext.trim() === "") {
      throw new ValidationError(this, "kubeContext", configContext, "expected the name of a kubeconfig context");
    }
    this.providers = configureKubernetesProviders(this, { configPath, configContext });
    this.namespaces = new PlatformNamespaces(this, "Namespaces");
    const ns = workloadNamespaces(this.namespaces);
    suppressObservabilityQuota(this.namespaces);
    const tierData = props.tier.dataLayer;
    this.data = new LocalDataLayer(this, "Data", {
      namespace: ns.platform,
      mongoImage: tierData.kind === DataLayerKind.IN_CLUSTER ? tierData.mongoImage : undefined,
      redisImage: tierData.kind === DataLayerKind.IN_CLUSTER ? tierData.redisImage : undefined,
    });
    // A local cluster has no KEDA and no spot pool: teams run a fixed count on any node.
    this.workloads = new PlatformWorkloads(
      this,
      "Workloads",
      platformWorkloadsProps(props.tier, {
        namespaces: ns,
        connection: this.data.connection,
        keda: false,
        corePlacement: Placement.anyNode(),
        languagePlacement: Placement.anyNode(),
        // The in-cluster databases share the platform namespace and its quota.
        additionalPlatformQuota: [
          { workload: this.data.resources.mongo, maxReplicas: 1 },
          { workload: this.data.resources.redis, maxReplicas: 1 },
        ],
      }),
    );
    // No Blob storage or Key Vault on a laptop: Loki keeps chunks on its volume and the chart
    // generates Grafana's admin password into a Secret.
    const observability = observabilityProps(props.tier, {
      namespace: ns.observability,
      monitoredNamespaces: [ns.platform, ns.agents, ns.languages],
    });
    if (observability) this.observability = new ObservabilityStack(this, "Observability", observability);
  }
}
