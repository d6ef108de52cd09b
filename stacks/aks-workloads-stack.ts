import { Construct } from "constructs";
import { AlwaysOnCluster } from "../constructs/always-on-cluster";
import { KubeloginMode } from "../constructs/kubernetes-connection";
import { PlatformNamespaces } from "../constructs/platform-namespaces";
import { KubernetesProviders, configureKubernetesProviders } from "./kubernetes-providers";
import { PlatformStack, PlatformStackProps } from "./platform-stack";

export interface AksWorkloadsStackProps extends PlatformStackProps {
  /** The cluster, from the region's AksPlatformStack; referencing it orders the two stacks. */
  readonly cluster: AlwaysOnCluster;
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

  constructor(scope: Construct, id: string, props: AksWorkloadsStackProps) {
    super(scope, id, props);
    this.providers = configureKubernetesProviders(this, props.cluster.connection(props.kubeloginMode ?? KubeloginMode.AZURE_CLI));
    this.namespaces = new PlatformNamespaces(this, "Namespaces");
  }
}
