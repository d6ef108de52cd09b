import { Construct } from "constructs";
import { Placement } from "../constructs/placement";
import { PlatformNamespaces } from "../constructs/platform-namespaces";
import { PlatformWorkloads } from "../constructs/platform-workloads";
import { ValidationError } from "../constructs/validation-error";
import { PlatformKind } from "../tiers/tier-spec";
import { KubernetesProviders, configureKubernetesProviders } from "./kubernetes-providers";
import { PlatformStack, PlatformStackProps } from "./platform-stack";
import { SEED_DATA_CONNECTION, platformWorkloadsProps, workloadNamespaces } from "./workloads-from-tier";

/** The kubeconfig context the dev stack targets unless told otherwise (`kind create cluster --name omega-dev`). */
export const DEFAULT_DEV_KUBE_CONTEXT = "kind-omega-dev";

export interface DevStackProps extends PlatformStackProps {
  /**
   * Kubeconfig file; `~` is expanded by the providers at plan time.
   * @default "~/.kube/config"
   */
  readonly kubeconfigPath?: string;
  /**
   * Context to use. Named explicitly so a dev apply never lands on whatever context is current.
   * @default "kind-omega-dev"
   */
  readonly kubeContext?: string;
}

/** The platform on a local cluster (kind, minikube, Docker Desktop): no Azure. */
export class DevStack extends PlatformStack {
  public readonly providers: KubernetesProviders;
  public readonly namespaces: PlatformNamespaces;
  public readonly workloads: PlatformWorkloads;

  constructor(scope: Construct, id: string, props: DevStackProps) {
    super(scope, id, props);
    if (props.tier.platform !== PlatformKind.LOCAL_KUBERNETES) {
      throw new ValidationError(this, "tier.platform", props.tier.platform, 'expected "local-kubernetes" for the dev stack');
    }
    const configPath = props.kubeconfigPath ?? "~/.kube/config";
    const configContext = props.kubeContext ?? DEFAULT_DEV_KUBE_CONTEXT;
    if (configPath.trim() === "") {
      throw new ValidationError(this, "kubeconfigPath", configPath, "expected a path to a kubeconfig file");
    }
    if (configContext.trim() === "") {
      throw new ValidationError(this, "kubeContext", configContext, "expected the name of a kubeconfig context");
    }
    this.providers = configureKubernetesProviders(this, { configPath, configContext });
    this.namespaces = new PlatformNamespaces(this, "Namespaces");
    // A local cluster has no KEDA and no spot pool: teams run a fixed count on any node.
    this.workloads = new PlatformWorkloads(
      this,
      "Workloads",
      platformWorkloadsProps(props.tier, {
        namespaces: workloadNamespaces(this.namespaces),
        connection: SEED_DATA_CONNECTION,
        keda: false,
        corePlacement: Placement.anyNode(),
        languagePlacement: Placement.anyNode(),
      }),
    );
  }
}
