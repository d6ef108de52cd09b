import { Construct } from "constructs";
import { Manifest } from "../providers/kubernetes/manifest";
import { ServiceAccountV1 } from "../providers/kubernetes/service-account-v1";
import { checkDnsLabel, isUnresolved } from "./checks";
import {
  DataLayerConnection,
  IDataLayerConnectionProvider,
  KeyVaultSecretSource,
  SECRETS_STORE_CSI_DRIVER,
  SecretsStoreMount,
} from "./data-layer-contract";
import { secretProviderClassManifest } from "./key-vault-secret-sync";
import { ValidationError } from "./validation-error";
import { PlatformNames } from "./platform-name";

/** The annotation that names the Entra ID application (client id) a service account acts as. */
export const WORKLOAD_IDENTITY_CLIENT_ID_ANNOTATION = "azure.workload.identity/client-id";

/** The pod label that opts a pod into workload identity token projection. */
export const WORKLOAD_IDENTITY_USE_LABEL = "azure.workload.identity/use";

export interface KeyVaultSecretProviderClassProps {
  /** The vault, identity and secrets, from `ManagedDataLayer.secretSource` (across stacks). */
  readonly source: KeyVaultSecretSource;
  /**
   * The namespace the identity is federated with (`source.namespace`), as a reference to the
   * namespace resource's name (`PlatformNamespaces.nameOf`), so the class and its service account
   * are created after the namespace. Required: a literal default gave Terraform no dependency, and
   * a first apply raced the namespace's creation.
   */
  readonly namespace: string;
  /**
   * @default - `<platform>-data` (`PlatformNames.dataSecretProviderClass`)
   */
  readonly name?: string;
  /**
   * The service account pods run as to mount the secrets; one of `source.serviceAccountNames`.
   * @default - `<platform>-data` (`PlatformNames.dataServiceAccount`)
   */
  readonly serviceAccountName?: string;
  /**
   * Create that service account, annotated with the identity's client id.
   * @default true
   */
  readonly createServiceAccount?: boolean;
  /**
   * Where pods mount the secret files (the Secret is what workloads read; the files are a side effect).
   * @default "/mnt/secrets-store"
   */
  readonly mountPath?: string;
}

/** Renders the driver's `objects` parameter: a YAML array of YAML documents, one per secret. */

/**
 * The Kubernetes side of a managed data layer: a SecretProviderClass for the Azure Key Vault
 * provider of the Secrets Store CSI driver (workload identity, `usePodIdentity: "false"`) that
 * syncs the vault's secrets into the data layer's Secret, and the service account that carries the
 * identity. The CRD comes with the AKS Key Vault secrets provider add-on, which the cluster's own
 * stack enables, so it exists before a workloads stack plans this `kubernetes_manifest`.
 */
export class KeyVaultSecretProviderClass extends Construct implements IDataLayerConnectionProvider {
  public readonly resource: Manifest;
  public readonly serviceAccount?: ServiceAccountV1;
  public readonly name: string;
  public readonly namespace: string;
  /** The Secret name and keys, and how a pod mounts the volume that keeps the Secret in sync. */
  public readonly connection: DataLayerConnection;

  constructor(scope: Construct, id: string, props: KeyVaultSecretProviderClassProps) {
    super(scope, id);
    const source = props.source;
    const namespace = props.namespace;
    const names = PlatformNames.of(this);
    const name = props.name ?? names.dataSecretProviderClass;
    const serviceAccountName = props.serviceAccountName ?? names.dataServiceAccount;
    const createServiceAccount = props.createServiceAccount ?? true;
    const mountPath = props.mountPath ?? "/mnt/secrets-store";

    if ((namespace as unknown) === undefined) {
      throw new ValidationError(this, "namespace", undefined, `expected the namespace resource's name ("${source.namespace}" as a reference), so the objects are created after the namespace`);
    }
    checkDnsLabel(this, "namespace", namespace);
    checkDnsLabel(this, "name", name);
    checkDnsLabel(this, "serviceAccountName", serviceAccountName);
    checkDnsLabel(this, "source.secretName", source.secretName);
    if (!isUnresolved(namespace) && !isUnresolved(source.namespace) && namespace !== source.namespace) {
      throw new ValidationError(this, "namespace", namespace, `expected "${source.namespace}": the identity trusts service accounts of that namespace only`);
    }
    if (!isUnresolved(source.serviceAccountNames) && !source.serviceAccountNames.includes(serviceAccountName)) {
      throw new ValidationError(
        this,
        "serviceAccountName",
        serviceAccountName,
        `expected one of the federated service accounts (${source.serviceAccountNames.join(", ")}): Entra ID trusts no other`,
      );
    }
    if (source.objects.length === 0) {
      throw new ValidationError(this, "source.objects", [], "expected at least one Key Vault secret to sync");
    }
    for (const key of [source.keys.mongodbUri, source.keys.redisUrl]) {
      if (!source.objects.some((o) => o.secretKey === key)) {
        throw new ValidationError(this, "source.objects", key, "expected an object synced to every key of the data layer contract");
      }
    }
    if (!mountPath.startsWith("/") || mountPath === "/") {
      throw new ValidationError(this, "mountPath", mountPath, "expected an absolute path other than /");
    }

    const annotations = { [WORKLOAD_IDENTITY_CLIENT_ID_ANNOTATION]: source.clientId };
    if (createServiceAccount) {
      this.serviceAccount = new ServiceAccountV1(this, "ServiceAccount", {
        metadata: { name: serviceAccountName, namespace, annotations },
        // Pods that mount the secrets opt in to the token; the account hands out none by default.
        automountServiceAccountToken: false,
      });
    }

    this.resource = new Manifest(this, "Resource", {
      manifest: secretProviderClassManifest({
        name,
        namespace,
        keyVaultName: source.keyVaultName,
        tenantId: source.tenantId,
        clientId: source.clientId,
        secretName: source.secretName,
        objects: source.objects,
      }),
    });

    const secretsStore: SecretsStoreMount = {
      secretProviderClassName: name,
      serviceAccountName,
      serviceAccountAnnotations: annotations,
      podLabels: { [WORKLOAD_IDENTITY_USE_LABEL]: "true" },
      volumeName: "secrets-store",
      volume: { driver: SECRETS_STORE_CSI_DRIVER, readOnly: true, volumeAttributes: { secretProviderClass: name } },
      mountPath,
    };
    this.name = name;
    this.namespace = namespace;
    this.connection = { secretName: source.secretName, keys: source.keys, secretsStore };
  }
}
