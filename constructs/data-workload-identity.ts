import { Construct } from "constructs";
import { FederatedIdentityCredential } from "../providers/azurerm/federated-identity-credential";
import { RoleAssignment } from "../providers/azurerm/role-assignment";
import { UserAssignedIdentity } from "../providers/azurerm/user-assigned-identity";
import { checkDnsLabel, isUnresolved } from "./checks";
import { DATA_LAYER_NAMESPACE } from "./data-layer-contract";
import { nameFromPath } from "./names";
import { ValidationError } from "./validation-error";
import { PlatformNames } from "./platform-name";

/** Azure allows at most 20 federated credentials on one user-assigned identity. */
export const MAX_FEDERATED_CREDENTIALS = 20;

/** The audience Entra ID expects in a Kubernetes service account token it exchanges. */
export const WORKLOAD_IDENTITY_AUDIENCE = "api://AzureADTokenExchange";

/** Service accounts of one cluster that may act as the identity. */
export interface WorkloadIdentityFederation {
  /** The cluster's OIDC issuer URL (`AlwaysOnCluster.oidcIssuerUrl`). */
  readonly oidcIssuerUrl: string;
  /**
   * @default "platform"
   */
  readonly namespace?: string;
  /**
   * Service accounts in `namespace`: each pod that mounts the data layer's secrets runs as one.
   * @default - [`<platform>-data`] (`PlatformNames.dataServiceAccount`)
   */
  readonly serviceAccountNames?: readonly string[];
}

export interface DataWorkloadIdentityProps {
  readonly resourceGroupName: string;
  readonly location: string;
  /**
   * @default - derived from the construct path
   */
  readonly name?: string;
  /**
   * Federation with a cluster's service accounts (workload identity).
   * @default - none: the identity is for Azure compute that attaches it directly (container groups)
   */
  readonly federation?: WorkloadIdentityFederation;
}

/**
 * A user-assigned managed identity for the workloads that read the data layer, federated with a
 * cluster's service accounts (`system:serviceaccount:<namespace>:<name>`), so pods exchange their
 * projected token for an Entra ID token: no client secret anywhere. Grant it roles with `grant`.
 */
export class DataWorkloadIdentity extends Construct {
  public readonly resource: UserAssignedIdentity;
  public readonly federatedCredentials: readonly FederatedIdentityCredential[];
  public readonly identityId: string;
  public readonly clientId: string;
  public readonly principalId: string;
  public readonly namespace: string;
  public readonly serviceAccountNames: readonly string[];
  private grants?: Construct;

  constructor(scope: Construct, id: string, props: DataWorkloadIdentityProps) {
    super(scope, id);
    const name = props.name ?? nameFromPath(this, 128);
    const federation = props.federation;
    const namespace = federation?.namespace ?? DATA_LAYER_NAMESPACE;
    const serviceAccounts = federation ? (federation.serviceAccountNames ?? [PlatformNames.of(this).dataServiceAccount]) : [];

    if (federation) {
      checkDnsLabel(this, "federation.namespace", namespace);
      if (serviceAccounts.length === 0 || serviceAccounts.length > MAX_FEDERATED_CREDENTIALS) {
        throw new ValidationError(this, "federation.serviceAccountNames", serviceAccounts, `expected 1 to ${MAX_FEDERATED_CREDENTIALS} service accounts (Azure's limit of federated credentials per identity)`);
      }
      serviceAccounts.forEach((account, i) => {
        checkDnsLabel(this, "federation.serviceAccountNames", account);
        if (serviceAccounts.indexOf(account) !== i) {
          throw new ValidationError(this, "federation.serviceAccountNames", account, "expected distinct service account names");
        }
      });
      if (!isUnresolved(federation.oidcIssuerUrl) && !federation.oidcIssuerUrl.startsWith("https://")) {
        throw new ValidationError(this, "federation.oidcIssuerUrl", federation.oidcIssuerUrl, "expected an https:// OIDC issuer URL");
      }
    }

    this.resource = new UserAssignedIdentity(this, "Resource", {
      name,
      location: props.location,
      resourceGroupName: props.resourceGroupName,
    });

    const credentials: FederatedIdentityCredential[] = [];
    const federationScope = federation ? new Construct(this, "Federation") : undefined;
    for (const account of serviceAccounts) {
      credentials.push(
        new FederatedIdentityCredential(federationScope as Construct, account, {
          name: `${namespace}-${account}`,
          userAssignedIdentityId: this.resource.id,
          audience: [WORKLOAD_IDENTITY_AUDIENCE],
          issuer: (federation as WorkloadIdentityFederation).oidcIssuerUrl,
          subject: `system:serviceaccount:${namespace}:${account}`,
          // Azure rejects concurrent writes of credentials on one identity: create them one by one.
          dependsOn: credentials.length > 0 ? [credentials[credentials.length - 1]] : undefined,
        }),
      );
    }

    this.federatedCredentials = credentials;
    this.identityId = this.resource.id;
    this.clientId = this.resource.clientId;
    this.principalId = this.resource.principalId;
    this.namespace = namespace;
    this.serviceAccountNames = serviceAccounts;
  }

  /** Gives the identity a built-in role on a resource (by role name, e.g. "Key Vault Secrets User"). */
  public grant(id: string, scope: string, roleDefinitionName: string): RoleAssignment {
    this.grants ??= new Construct(this, "Grants");
    return new RoleAssignment(this.grants, id, {
      scope,
      roleDefinitionName,
      principalId: this.principalId,
      principalType: "ServicePrincipal",
    });
  }
}
