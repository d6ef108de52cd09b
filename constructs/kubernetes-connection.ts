/**
 * How the kubernetes and helm providers reach a cluster. With Entra ID RBAC and local accounts
 * disabled there is no client certificate to hand out: the providers run kubelogin as an exec
 * credential plugin, which fetches an Entra ID token at plan and apply time.
 */

/** The Entra ID application id of the AKS API server, the same for every AKS cluster. */
export const AKS_ENTRA_SERVER_ID = "6dae42f8-4368-4678-94ff-3960e28e3630";

/** How kubelogin obtains its token. */
export enum KubeloginMode {
  /** Reuse the Azure CLI's login (`az login`, or `azure/login` in CI). */
  AZURE_CLI = "azurecli",
  /** Federated workload identity (AZURE_CLIENT_ID, AZURE_TENANT_ID, AZURE_FEDERATED_TOKEN_FILE). */
  WORKLOAD_IDENTITY = "workloadidentity",
  /** Service principal secret or certificate from the environment (AAD_SERVICE_PRINCIPAL_*). */
  SERVICE_PRINCIPAL = "spn",
  /** The managed identity of the machine running Terraform. */
  MANAGED_IDENTITY = "msi",
}

/** An exec credential plugin as the kubernetes and helm providers take it. */
export interface KubernetesExecCredential {
  readonly apiVersion: string;
  readonly command: string;
  readonly args: string[];
}

/** Everything a kubernetes or helm provider needs to talk to one cluster. */
export interface KubernetesConnection {
  /** API server URL. */
  readonly host: string;
  /** PEM of the cluster CA (already base64-decoded). */
  readonly clusterCaCertificate: string;
  readonly exec: KubernetesExecCredential;
}

/** The kubelogin exec credential for an AKS cluster with Entra ID integration. */
export function kubeloginExec(mode: KubeloginMode = KubeloginMode.AZURE_CLI): KubernetesExecCredential {
  return {
    apiVersion: "client.authentication.k8s.io/v1beta1",
    command: "kubelogin",
    args: ["get-token", "--login", mode, "--server-id", AKS_ENTRA_SERVER_ID],
  };
}
