import { Construct } from "constructs";
import { Manifest } from "../providers/kubernetes/manifest";
import { checkDnsLabel } from "./checks";
import { KeyVaultSecretObject } from "./data-layer-contract";
import { ValidationError } from "./validation-error";

/** The Secrets Store CSI driver's API for SecretProviderClass objects. */
export const SECRET_PROVIDER_CLASS_API = "secrets-store.csi.x-k8s.io/v1";

/** Where a SecretProviderClass reads from and what it syncs. */
export interface SecretProviderClassSpec {
  readonly name: string;
  readonly namespace: string;
  readonly keyVaultName: string;
  readonly tenantId: string;
  /** Client id of the user-assigned identity the pod's service account is federated with. */
  readonly clientId: string;
  /** The Kubernetes Secret the driver keeps in sync while a pod mounts the class. */
  readonly secretName: string;
  readonly objects: readonly KeyVaultSecretObject[];
}

/** The SecretProviderClass manifest for the Azure Key Vault provider, with workload identity. */
export function secretProviderClassManifest(spec: SecretProviderClassSpec): Record<string, unknown> {
  const objects = spec.objects.map((o) => `  - |\n    objectName: ${o.objectName}\n    objectType: secret\n`);
  return {
    apiVersion: SECRET_PROVIDER_CLASS_API,
    kind: "SecretProviderClass",
    metadata: { name: spec.name, namespace: spec.namespace },
    spec: {
      provider: "azure",
      secretObjects: [
        {
          secretName: spec.secretName,
          type: "Opaque",
          data: spec.objects.map((o) => ({ objectName: o.objectName, key: o.secretKey })),
        },
      ],
      parameters: {
        usePodIdentity: "false",
        clientID: spec.clientId,
        keyvaultName: spec.keyVaultName,
        tenantId: spec.tenantId,
        objects: `array:\n${objects.join("")}`,
      },
    },
  };
}

export type KeyVaultSecretSyncProps = SecretProviderClassSpec;

/**
 * Syncs Key Vault secrets into a Kubernetes Secret through the Secrets Store CSI driver, for a
 * workload that is not the data layer's (Grafana's admin login). The values are never in
 * Terraform: an operator or a rotation job sets them in the vault. The CRD comes with the AKS Key
 * Vault secrets provider add-on, enabled in the cluster's own stack.
 */
export class KeyVaultSecretSync extends Construct {
  public readonly resource: Manifest;
  public readonly name: string;
  public readonly secretName: string;

  constructor(scope: Construct, id: string, props: KeyVaultSecretSyncProps) {
    super(scope, id);
    checkDnsLabel(this, "name", props.name);
    checkDnsLabel(this, "namespace", props.namespace);
    checkDnsLabel(this, "secretName", props.secretName);
    if (props.objects.length === 0) {
      throw new ValidationError(this, "objects", [], "expected at least one Key Vault secret to sync");
    }
    props.objects.forEach((o, i) => {
      if (!/^[0-9a-zA-Z-]{1,127}$/.test(o.objectName)) {
        throw new ValidationError(this, `objects[${i}].objectName`, o.objectName, "expected a Key Vault secret name: 1-127 letters, digits or hyphens");
      }
    });
    this.resource = new Manifest(this, "Resource", { manifest: secretProviderClassManifest(props) });
    this.name = props.name;
    this.secretName = props.secretName;
  }
}
