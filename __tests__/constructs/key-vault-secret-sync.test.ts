import { Testing } from "cdktf";
import { KeyVaultSecretSync, KeyVaultSecretSyncProps } from "../../constructs/key-vault-secret-sync";
import { onlyResource, synthJson, testStack } from "../helpers";

const PROPS: KeyVaultSecretSyncProps = {
  name: "omega-grafana",
  namespace: "observability",
  keyVaultName: "omega-kv",
  tenantId: "tenant",
  clientId: "client",
  secretName: "grafana-admin",
  objects: [
    { objectName: "grafana-admin-user", secretKey: "admin-user" },
    { objectName: "grafana-admin-password", secretKey: "admin-password" },
  ],
};

describe("KeyVaultSecretSync", () => {
  test("minimal config snapshot", () => {
    const { stack } = testStack();
    new KeyVaultSecretSync(stack, "Sync", PROPS);
    expect(Testing.synth(stack)).toMatchSnapshot();
  });

  test("a SecretProviderClass that syncs the vault's objects into the Secret with workload identity", () => {
    const { stack } = testStack();
    new KeyVaultSecretSync(stack, "Sync", PROPS);
    const manifest = onlyResource(synthJson(stack), "kubernetes_manifest").manifest;
    expect(manifest).toMatchObject({
      apiVersion: "secrets-store.csi.x-k8s.io/v1",
      kind: "SecretProviderClass",
      metadata: { name: "omega-grafana", namespace: "observability" },
      spec: {
        provider: "azure",
        parameters: { usePodIdentity: "false", clientID: "client", keyvaultName: "omega-kv", tenantId: "tenant" },
        secretObjects: [
          {
            secretName: "grafana-admin",
            type: "Opaque",
            data: [
              { objectName: "grafana-admin-user", key: "admin-user" },
              { objectName: "grafana-admin-password", key: "admin-password" },
            ],
          },
        ],
      },
    });
    expect(manifest.spec.parameters.objects).toBe(
      "array:\n  - |\n    objectName: grafana-admin-user\n    objectType: secret\n  - |\n    objectName: grafana-admin-password\n    objectType: secret\n",
    );
  });

  test("fails without objects", () => {
    expect(() => new KeyVaultSecretSync(testStack().stack, "Sync", { ...PROPS, objects: [] })).toThrow(
      "test/Sync: invalid objects []: expected at least one Key Vault secret to sync",
    );
  });

  test("fails on a Key Vault secret name with an underscore", () => {
    expect(() => new KeyVaultSecretSync(testStack().stack, "Sync", { ...PROPS, objects: [{ objectName: "grafana_admin", secretKey: "k" }] })).toThrow(
      'test/Sync: invalid objects[0].objectName "grafana_admin": expected a Key Vault secret name: 1-127 letters, digits or hyphens',
    );
  });

  test("fails on a Secret name that is not a DNS label", () => {
    expect(() => new KeyVaultSecretSync(testStack().stack, "Sync", { ...PROPS, secretName: "Grafana" })).toThrow(
      'test/Sync: invalid secretName "Grafana": expected a DNS-1123 label: 1-63 lowercase letters, digits or hyphens, alphanumeric at both ends',
    );
  });
});
