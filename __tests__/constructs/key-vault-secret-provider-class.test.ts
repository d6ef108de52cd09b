import { Testing } from "cdktf";
import { NamespaceV1 } from "../../providers/kubernetes/namespace-v1";
import { KeyVaultSecretSource } from "../../constructs/data-layer-contract";
import { KeyVaultSecretProviderClass, KeyVaultSecretProviderClassProps } from "../../constructs/key-vault-secret-provider-class";
import { onlyResource, resourcesOf, synthJson, testStack } from "../helpers";

const SOURCE: KeyVaultSecretSource = {
  keyVaultName: "omega-small-prod-kv-abc123",
  tenantId: "00000000-0000-0000-0000-000000000001",
  clientId: "00000000-0000-0000-0000-000000000002",
  secretName: "omega-secrets",
  keys: { mongodbUri: "mongodb-uri", redisUrl: "redis-url" },
  objects: [
    { objectName: "mongodb-uri", secretKey: "mongodb-uri" },
    { objectName: "redis-url", secretKey: "redis-url" },
  ],
  namespace: "platform",
  serviceAccountNames: ["omega-data", "federation-core"],
};

function synth(props: Partial<KeyVaultSecretProviderClassProps> = {}) {
  const { stack } = testStack();
  const spc = new KeyVaultSecretProviderClass(stack, "DataSecrets", { source: SOURCE, namespace: "platform", ...props });
  const json = synthJson(stack);
  return { spc, json, manifest: onlyResource(json, "kubernetes_manifest").manifest };
}

function build(props: Partial<KeyVaultSecretProviderClassProps>): () => KeyVaultSecretProviderClass {
  return () => new KeyVaultSecretProviderClass(testStack().stack, "DataSecrets", { source: SOURCE, namespace: "platform", ...props });
}

describe("KeyVaultSecretProviderClass", () => {
  test("minimal config snapshot", () => {
    const { stack } = testStack();
    new KeyVaultSecretProviderClass(stack, "DataSecrets", { source: SOURCE, namespace: "platform" });
    expect(Testing.synth(stack)).toMatchSnapshot();
  });

  describe("defaults", () => {
    const { manifest, json, spc } = synth();

    test("a SecretProviderClass omega-data in platform for the Azure provider", () => {
      expect(manifest).toMatchObject({
        apiVersion: "secrets-store.csi.x-k8s.io/v1",
        kind: "SecretProviderClass",
        metadata: { name: "omega-data", namespace: "platform" },
        spec: { provider: "azure" },
      });
    });

    test("workload identity, not pod identity: the identity's client id, the vault and its tenant", () => {
      expect(manifest.spec.parameters).toMatchObject({
        usePodIdentity: "false",
        clientID: SOURCE.clientId,
        keyvaultName: SOURCE.keyVaultName,
        tenantId: SOURCE.tenantId,
      });
    });

    test("fetches each secret and syncs it into Secret omega-secrets under its key", () => {
      expect(manifest.spec.parameters.objects).toBe(
        "array:\n  - |\n    objectName: mongodb-uri\n    objectType: secret\n  - |\n    objectName: redis-url\n    objectType: secret\n",
      );
      expect(manifest.spec.secretObjects).toEqual([
        {
          secretName: "omega-secrets",
          type: "Opaque",
          data: [
            { objectName: "mongodb-uri", key: "mongodb-uri" },
            { objectName: "redis-url", key: "redis-url" },
          ],
        },
      ]);
    });

    test("the service account omega-data carries the client id and hands out no token by default", () => {
      expect(onlyResource(json, "kubernetes_service_account_v1")).toMatchObject({
        metadata: { name: "omega-data", namespace: "platform", annotations: { "azure.workload.identity/client-id": SOURCE.clientId } },
        automount_service_account_token: false,
      });
    });

    test("the connection: Secret name and keys, and how a pod mounts the volume", () => {
      expect(spc.connection).toEqual({
        secretName: "omega-secrets",
        keys: { mongodbUri: "mongodb-uri", redisUrl: "redis-url" },
        secretsStore: {
          secretProviderClassName: "omega-data",
          serviceAccountName: "omega-data",
          serviceAccountAnnotations: { "azure.workload.identity/client-id": SOURCE.clientId },
          podLabels: { "azure.workload.identity/use": "true" },
          volumeName: "secrets-store",
          volume: { driver: "secrets-store.csi.k8s.io", readOnly: true, volumeAttributes: { secretProviderClass: "omega-data" } },
          mountPath: "/mnt/secrets-store",
        },
      });
    });
  });

  describe("overrides", () => {
    test("another federated service account, created elsewhere; another name and mount path", () => {
      const { manifest, json, spc } = synth({ serviceAccountName: "federation-core", createServiceAccount: false, name: "data", mountPath: "/secrets" });
      expect(resourcesOf(json, "kubernetes_service_account_v1")).toEqual([]);
      expect(manifest.metadata.name).toBe("data");
      expect(spc.connection.secretsStore).toMatchObject({ serviceAccountName: "federation-core", secretProviderClassName: "data", mountPath: "/secrets" });
    });

    test("a namespace given as a reference (the workloads stack's namespace resource) is taken as is", () => {
      const { stack } = testStack();
      const namespace = new NamespaceV1(stack, "Platform", { metadata: { name: "platform" } });
      new KeyVaultSecretProviderClass(stack, "DataSecrets", { source: SOURCE, namespace: namespace.metadata.name });
      const json = synthJson(stack);
      expect(onlyResource(json, "kubernetes_manifest").manifest.metadata.namespace).toMatch(/^\$\{kubernetes_namespace_v1\..+\.metadata\[0\]\.name\}$/);
      expect(onlyResource(json, "kubernetes_service_account_v1").metadata.namespace).toMatch(/^\$\{kubernetes_namespace_v1\./);
    });
  });

  describe("validation", () => {
    test("fails without a namespace: a literal default gave the first apply no dependency on the namespace", () => {
      expect(() => new KeyVaultSecretProviderClass(testStack().stack, "DataSecrets", { source: SOURCE } as unknown as KeyVaultSecretProviderClassProps)).toThrow(
        'test/DataSecrets: invalid namespace undefined: expected the namespace resource\'s name ("platform" as a reference), so the objects are created after the namespace',
      );
    });

    test("fails on a service account the identity does not trust", () => {
      expect(build({ serviceAccountName: "warden" })).toThrow(
        'test/DataSecrets: invalid serviceAccountName "warden": expected one of the federated service accounts (omega-data, federation-core): Entra ID trusts no other',
      );
    });

    test("fails on a namespace the identity is not federated with", () => {
      expect(build({ namespace: "agents" })).toThrow(
        'test/DataSecrets: invalid namespace "agents": expected "platform": the identity trusts service accounts of that namespace only',
      );
    });

    test("fails when a contract key has no secret", () => {
      expect(build({ source: { ...SOURCE, objects: [SOURCE.objects[0]] } })).toThrow(
        'test/DataSecrets: invalid source.objects "redis-url": expected an object synced to every key of the data layer contract',
      );
    });

    test("fails without objects", () => {
      expect(build({ source: { ...SOURCE, objects: [] } })).toThrow("test/DataSecrets: invalid source.objects []: expected at least one Key Vault secret to sync");
    });

    test("fails on a name Kubernetes refuses", () => {
      expect(build({ name: "Omega_Data" })).toThrow('test/DataSecrets: invalid name "Omega_Data": expected a DNS-1123 label');
    });

    test("fails on a relative mount path", () => {
      expect(build({ mountPath: "secrets" })).toThrow('test/DataSecrets: invalid mountPath "secrets": expected an absolute path other than /');
    });
  });
});
