import { Construct } from "constructs";
import { KubeloginMode } from "../constructs/kubernetes-connection";
import { PlatformNamespaces } from "../constructs/platform-namespaces";
import { AksPlatformStack } from "./aks-platform-stack";
import { KubernetesProviders, configureKubernetesProviders } from "./kubernetes-providers";
import { PlatformStack, PlatformStackProps } from "./platform-stack";

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

  constructor(scope: Construct, id: string, props: AksWorkloadsStackProps) {
    super(scope, id, props);
    this.providers = configureKubernetesProviders(this, props.platform.cluster.connection(props.kubeloginMode ?? KubeloginMode.AZURE_CLI));
    this.namespaces = new PlatformNamespaces(this, "Namespaces");
  }
}
