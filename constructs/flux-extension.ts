import { Construct } from "constructs";
import { KubernetesClusterExtension } from "../providers/azurerm/kubernetes-cluster-extension";
import { isUnresolved } from "./checks";
import { ValidationError } from "./validation-error";

export interface FluxExtensionProps {
  /** ARM id of the AKS cluster (`AlwaysOnCluster.clusterId`). */
  readonly clusterId: string;
  /**
   * Extension version; set it to hold Flux at a version (AKS then stops upgrading it).
   * @default - the newest of the release train, upgraded by AKS
   */
  readonly version?: string;
  /**
   * @default "Stable"
   */
  readonly releaseTrain?: string;
  /**
   * Extra `configuration_settings` of the microsoft.flux extension (e.g. `image-automation-controller.enabled`).
   * @default - AKS defaults, with multi-tenancy enforced
   */
  readonly configurationSettings?: Readonly<Record<string, string>>;
}

/**
 * The AKS cluster extension that installs Flux v2 (`microsoft.flux`) into `flux-system`. One per
 * cluster; `FluxGitOpsConfiguration`s on top of it say what to sync.
 */
export class FluxExtension extends Construct {
  public readonly resource: KubernetesClusterExtension;
  public readonly clusterId: string;

  constructor(scope: Construct, id: string, props: FluxExtensionProps) {
    super(scope, id);
    const releaseTrain = props.releaseTrain ?? "Stable";
    if (props.version !== undefined && !isUnresolved(props.version) && !/^\d+\.\d+\.\d+$/.test(props.version)) {
      throw new ValidationError(this, "version", props.version, "expected an exact extension version such as 1.15.1");
    }
    if (props.version !== undefined && props.releaseTrain !== undefined) {
      throw new ValidationError(this, "releaseTrain", props.releaseTrain, "expected no release train with a pinned version (AKS rejects both)");
    }
    this.resource = new KubernetesClusterExtension(this, "Resource", {
      name: "flux",
      clusterId: props.clusterId,
      extensionType: "microsoft.flux",
      releaseNamespace: "flux-system",
      releaseTrain: props.version === undefined ? releaseTrain : undefined,
      version: props.version,
      configurationSettings: {
        // A namespace-scoped configuration may only reconcile objects in its own namespace.
        "multiTenancy.enforce": "true",
        ...(props.configurationSettings ?? {}),
      },
    });
    this.clusterId = props.clusterId;
  }
}
