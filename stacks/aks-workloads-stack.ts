import { Construct } from "constructs";
import { KubeloginMode } from "../constructs/kubernetes-connection";
import { Placement } from "../constructs/placement";
import { PlatformNamespaces } from "../constructs/platform-namespaces";
import { PlatformWorkloads } from "../constructs/platform-workloads";
import { AksPlatformStack } from "./aks-platform-stack";
import { KubernetesProviders, configureKubernetesProviders } from "./kubernetes-providers";
import { PlatformStack, PlatformStackProps } from "./platform-stack";
import { SEED_DATA_CONNECTION, platformWorkloadsProps, workloadNamespaces } from "./workloads-from-tier";

export interface AksWorkloadsStackProps extends PlatformStackProps {
  /** The region's infrastructure stack; referencing its cluster orders the two stacks. */
  readonly platform: AksPlatformStack;
  /**
   * How kubelogin gets its Entra ID token.
   * @default KubeloginMode.AZURE_CLI
   */
  readonly kubeloginMode?: KubeloginMode;
}

/**
 * What runs on one AKS cluster (`small-prod-workloads`, `enterprise-<region>-workloads`). It lives
 * apart from the cluster's stack because the kubernetes and helm providers must not be configured
 * from a cluster created in the same Terraform state.
 */
export class AksWorkloadsStack extends PlatformStack {
  public readonly providers: KubernetesProviders;
  public readonly namespaces: PlatformNamespaces;
  public readonly workloads: PlatformWorkloads;

  constructor(scope: Construct, id: string, props: AksWorkloadsStackProps) {
    super(scope, id, props);
    const { cluster, spotPool } = props.platform;
    this.providers = configureKubernetesProviders(this, cluster.connection(props.kubeloginMode ?? KubeloginMode.AZURE_CLI));
    this.namespaces = new PlatformNamespaces(this, "Namespaces");
    const alwaysOn = Placement.nodePool(cluster.alwaysOnPoolName);
    this.workloads = new PlatformWorkloads(
      this,
      "Workloads",
      platformWorkloadsProps(props.tier, {
        namespaces: workloadNamespaces(this.namespaces),
        connection: SEED_DATA_CONNECTION,
        keda: true,
        spotPool,
        corePlacement: alwaysOn,
        // Stateless and pre-spawned, the language services ride the spot pool rather than crowd
        // the perimeter's always-on nodes (small-prod's would be over two thirds full).
        languagePlacement: Placement.spot(spotPool),
      }),
    );
  }
}
