/**
 * The contract between the data layer and the workloads: whichever tier they run in (in-cluster
 * MongoDB and Redis in dev, Cosmos DB and Azure Cache for Redis behind Key Vault elsewhere),
 * workloads read their connection strings from one Kubernetes Secret with the same name and keys.
 * The names of the Secret (`<platform>-secrets`; seed 004's federation-core reads `MONGODB_URI` from
 * it, key `mongodb-uri`), of the service account that carries the data layer's workload identity and
 * of the SecretProviderClass (`<platform>-data`) derive from the platform's name: `PlatformNames`.
 */

/** The namespace whose workloads read the data layer. */
export const DATA_LAYER_NAMESPACE = "platform";

/** The CSI driver of the AKS Key Vault secrets provider add-on. */
export const SECRETS_STORE_CSI_DRIVER = "secrets-store.csi.k8s.io";

/** Keys of the data layer's Secret that every tier provides. */
export interface DataLayerSecretKeys {
  /** A MongoDB connection string (`mongodb://...`). */
  readonly mongodbUri: string;
  /** A Redis URL (`redis://...` in-cluster, `rediss://...` with TLS on Azure). */
  readonly redisUrl: string;
}

export const DATA_LAYER_SECRET_KEYS: DataLayerSecretKeys = {
  mongodbUri: "mongodb-uri",
  redisUrl: "redis-url",
};

/** A Secrets Store CSI volume, in the shape of the kubernetes provider's pod `volume.csi`. */
export interface SecretsStoreCsiVolume {
  readonly driver: string;
  readonly readOnly: boolean;
  readonly volumeAttributes: Readonly<Record<string, string>>;
}

/**
 * What a pod needs so the Secrets Store CSI driver fetches the data layer's secrets with workload
 * identity. The driver creates (and keeps in sync) the Kubernetes Secret only while at least one
 * pod mounts the volume, so every pod that reads the Secret should mount it.
 */
export interface SecretsStoreMount {
  readonly secretProviderClassName: string;
  /** Run the pod as this service account: its federated credential is the one Entra ID trusts. */
  readonly serviceAccountName: string;
  /** Annotations a service account needs to carry the identity (`azure.workload.identity/client-id`). */
  readonly serviceAccountAnnotations: Readonly<Record<string, string>>;
  /** Pod label that makes the workload identity webhook project the token. */
  readonly podLabels: Readonly<Record<string, string>>;
  readonly volumeName: string;
  readonly volume: SecretsStoreCsiVolume;
  readonly mountPath: string;
}

/** Where a workload finds the data layer's connection strings, in every tier. */
export interface DataLayerConnection {
  /** The Kubernetes Secret, in the data layer's namespace. */
  readonly secretName: string;
  readonly keys: DataLayerSecretKeys;
  /** How pods mount the secrets; absent where the Secret exists on its own (dev). */
  readonly secretsStore?: SecretsStoreMount;
}

/** Anything that provides the data layer's connection to workloads. */
export interface IDataLayerConnectionProvider {
  readonly connection: DataLayerConnection;
}

/** One Key Vault secret and the key of the Kubernetes Secret it is synced to. */
export interface KeyVaultSecretObject {
  /** Name of the secret in Key Vault. */
  readonly objectName: string;
  /** Key in the Kubernetes Secret. */
  readonly secretKey: string;
}

/**
 * What the Azure side of a managed data layer tells a workloads stack: the vault, the identity
 * that may read it and the secrets to sync. Values are Terraform references (cross-stack outputs
 * in the reference app), never secret values.
 */
export interface KeyVaultSecretSource {
  readonly keyVaultName: string;
  readonly tenantId: string;
  /** Client id of the user-assigned identity federated with the cluster's service accounts. */
  readonly clientId: string;
  /** The Kubernetes Secret the objects are synced to. */
  readonly secretName: string;
  readonly keys: DataLayerSecretKeys;
  readonly objects: readonly KeyVaultSecretObject[];
  /** Namespace whose service accounts the identity trusts. */
  readonly namespace: string;
  /** Service accounts (in `namespace`) with a federated credential on the identity. */
  readonly serviceAccountNames: readonly string[];
}
