import { Testing } from "cdktf";
import { DataWorkloadIdentity, DataWorkloadIdentityProps } from "../../constructs/data-workload-identity";
import { onlyResource, resourcesOf, synthJson, testStack } from "../helpers";

const BASE: DataWorkloadIdentityProps = { resourceGroupName: "rg", location: "eastus" };
const ISSUER = "https://eastus.oic.prod-aks.azure.com/tenant/cluster/";

function synth(props: Partial<DataWorkloadIdentityProps> = {}) {
  const { stack } = testStack();
  const identity = new DataWorkloadIdentity(stack, "Identity", { ...BASE, ...props });
  identity.grant("SecretsUser", "/subscriptions/s/vaults/kv", "Key Vault Secrets User");
  const json = synthJson(stack);
  return { identity, json, credentials: resourcesOf(json, "azurerm_federated_identity_credential") };
}

function build(props: Partial<DataWorkloadIdentityProps>): () => DataWorkloadIdentity {
  return () => new DataWorkloadIdentity(testStack().stack, "Identity", { ...BASE, ...props });
}

describe("DataWorkloadIdentity", () => {
  test("minimal config snapshot", () => {
    const { stack } = testStack();
    new DataWorkloadIdentity(stack, "Identity", BASE);
    expect(Testing.synth(stack)).toMatchSnapshot();
  });

  describe("defaults", () => {
    const { json, credentials, identity } = synth();

    test("a user-assigned identity without federation", () => {
      expect(onlyResource(json, "azurerm_user_assigned_identity")).toMatchObject({ name: "test-identity", location: "eastus", resource_group_name: "rg" });
      expect(credentials).toEqual([]);
      expect(identity.serviceAccountNames).toEqual([]);
    });

    test("grant gives a built-in role to the identity's service principal", () => {
      expect(onlyResource(json, "azurerm_role_assignment")).toMatchObject({
        scope: "/subscriptions/s/vaults/kv",
        role_definition_name: "Key Vault Secrets User",
        principal_type: "ServicePrincipal",
        principal_id: expect.stringMatching(/^\$\{azurerm_user_assigned_identity\..+\.principal_id\}$/),
      });
    });
  });

  describe("federation", () => {
    test("platform/omega-data by default, with the token-exchange audience", () => {
      const { credentials, identity } = synth({ federation: { oidcIssuerUrl: ISSUER } });
      expect(credentials).toHaveLength(1);
      expect(credentials[0]).toMatchObject({
        name: "platform-omega-data",
        issuer: ISSUER,
        subject: "system:serviceaccount:platform:omega-data",
        audience: ["api://AzureADTokenExchange"],
        user_assigned_identity_id: expect.stringMatching(/^\$\{azurerm_user_assigned_identity\..+\.id\}$/),
      });
      // azurerm 5 derives the resource group from the identity's id.
      expect(credentials[0].resource_group_name).toBeUndefined();
      expect(identity.namespace).toBe("platform");
    });

    test("one credential per service account, created one after another", () => {
      const { credentials } = synth({
        federation: { oidcIssuerUrl: ISSUER, namespace: "data", serviceAccountNames: ["a", "b", "c"] },
      });
      const bySubject = Object.fromEntries(credentials.map((c) => [c.subject as string, c]));
      expect(Object.keys(bySubject).sort()).toEqual(["system:serviceaccount:data:a", "system:serviceaccount:data:b", "system:serviceaccount:data:c"]);
      expect(bySubject["system:serviceaccount:data:a"].depends_on).toBeUndefined();
      expect(bySubject["system:serviceaccount:data:b"].depends_on).toEqual([expect.stringMatching(/Federation_a_/)]);
      expect(bySubject["system:serviceaccount:data:c"].depends_on).toEqual([expect.stringMatching(/Federation_b_/)]);
    });
  });

  describe("validation", () => {
    test("fails on more than 20 service accounts (Azure's limit per identity)", () => {
      const names = Array.from({ length: 21 }, (_, i) => `sa-${i}`);
      expect(build({ federation: { oidcIssuerUrl: ISSUER, serviceAccountNames: names } })).toThrow(
        "test/Identity: invalid federation.serviceAccountNames",
      );
      expect(build({ federation: { oidcIssuerUrl: ISSUER, serviceAccountNames: names } })).toThrow(
        "expected 1 to 20 service accounts (Azure's limit of federated credentials per identity)",
      );
    });

    test("fails on no service accounts", () => {
      expect(build({ federation: { oidcIssuerUrl: ISSUER, serviceAccountNames: [] } })).toThrow(
        "test/Identity: invalid federation.serviceAccountNames []: expected 1 to 20 service accounts (Azure's limit of federated credentials per identity)",
      );
    });

    test("fails on a repeated service account", () => {
      expect(build({ federation: { oidcIssuerUrl: ISSUER, serviceAccountNames: ["a", "a"] } })).toThrow(
        'test/Identity: invalid federation.serviceAccountNames "a": expected distinct service account names',
      );
    });

    test("fails on a service account name Kubernetes refuses", () => {
      expect(build({ federation: { oidcIssuerUrl: ISSUER, serviceAccountNames: ["Omega_Data"] } })).toThrow(
        'test/Identity: invalid federation.serviceAccountNames "Omega_Data": expected a DNS-1123 label',
      );
    });

    test("fails on an issuer that is not https", () => {
      expect(build({ federation: { oidcIssuerUrl: "http://issuer" } })).toThrow(
        'test/Identity: invalid federation.oidcIssuerUrl "http://issuer": expected an https:// OIDC issuer URL',
      );
    });
  });
});
