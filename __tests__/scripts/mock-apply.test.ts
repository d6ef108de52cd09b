import { hclString, hclValue } from "../../scripts/terraform/hcl";
import { pseudoVersionStamp } from "../../scripts/terraform/terraform-cli";
import { generateMockApply } from "../../scripts/terraform/mock-test";
import { MOCK_TENANT_ID, PlausibleStack, StackJson, parseReference, referencesIn, uuidFrom } from "../../scripts/terraform/plausible-values";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A platform stack in the shape cdktf writes: a cluster, a federated identity, cross-stack outputs. */
const PLATFORM: StackJson = {
  terraform: { required_providers: { azurerm: { source: "hashicorp/azurerm", version: "5.2.0" } } },
  provider: { azurerm: [{ features: [{}] }] },
  data: { azurerm_client_config: { Client: {} } },
  resource: {
    azurerm_resource_group: { Rg: { name: "omega-prod", location: "eastus" } },
    azurerm_virtual_network: { Vnet: { name: "omega-vnet", resource_group_name: "${azurerm_resource_group.Rg.name}", location: "eastus" } },
    azurerm_subnet: {
      Nodes: { name: "cluster", resource_group_name: "${azurerm_resource_group.Rg.name}", virtual_network_name: "${azurerm_virtual_network.Vnet.name}" },
    },
    azurerm_kubernetes_cluster: {
      Cluster: { name: "omega-aks", location: "eastus", resource_group_name: "${azurerm_resource_group.Rg.name}", lifecycle: { prevent_destroy: true } },
    },
    azurerm_user_assigned_identity: { Data: { name: "omega-data", location: "eastus", resource_group_name: "${azurerm_resource_group.Rg.name}" } },
    azurerm_federated_identity_credential: {
      Api: {
        name: "platform-api",
        user_assigned_identity_id: "${azurerm_user_assigned_identity.Data.id}",
        issuer: "${azurerm_kubernetes_cluster.Cluster.oidc_issuer_url}",
        subject: "system:serviceaccount:platform:api",
        resource_group_name: "${azurerm_resource_group.Rg.name}",
      },
    },
  },
  output: {
    "cross-stack-output-host": { value: "${azurerm_kubernetes_cluster.Cluster.kube_config[0].host}", sensitive: true },
    "cross-stack-output-ca": { value: "${azurerm_kubernetes_cluster.Cluster.kube_config[0].cluster_ca_certificate}", sensitive: true },
    "cross-stack-output-client": { value: "${azurerm_user_assigned_identity.Data.client_id}", sensitive: true },
    "cross-stack-output-tenant": { value: "${data.azurerm_client_config.Client.tenant_id}", sensitive: true },
  },
};

const REMOTE = "data.terraform_remote_state.cross-stack-reference-input-platform.outputs";

function workloads(serviceAccountName = "api", host = `\${${REMOTE}.cross-stack-output-host}`): StackJson {
  return {
    terraform: { required_providers: { kubernetes: { source: "hashicorp/kubernetes", version: "3.2.1" } } },
    provider: {
      kubernetes: [{ host, cluster_ca_certificate: `\${base64decode(${REMOTE}.cross-stack-output-ca)}` }],
    },
    data: { terraform_remote_state: { "cross-stack-reference-input-platform": { backend: "local", config: { path: "x" } } } },
    resource: {
      kubernetes_namespace_v1: { Platform: { metadata: { name: "platform" } } },
      kubernetes_service_account_v1: {
        Api: {
          metadata: {
            name: serviceAccountName,
            namespace: "${kubernetes_namespace_v1.Platform.metadata[0].name}",
            annotations: { "azure.workload.identity/client-id": `\${${REMOTE}.cross-stack-output-client}` },
          },
        },
      },
    },
  };
}

function stacks(consumer: StackJson = workloads()): Map<string, StackJson> {
  return new Map([
    ["platform", PLATFORM],
    ["platform-workloads", consumer],
  ]);
}

describe("HCL rendering", () => {
  test("strings escape interpolation and template directives", () => {
    expect(hclString('a ${b} %{c} "d"')).toBe('"a $${b} %%{c} \\"d\\""');
  });

  test("objects quote their keys; lists and scalars render as HCL", () => {
    expect(hclValue({ "a-b": [1, true, null], c: {} })).toBe('{\n  "a-b" = [\n    1,\n    true,\n    null,\n  ]\n  "c" = {}\n}');
  });
});

describe("plausible values", () => {
  test("UUIDs are valid version-4 UUIDs, stable per seed and distinct across seeds", () => {
    expect(uuidFrom("a")).toMatch(UUID);
    expect(uuidFrom("a")).toBe(uuidFrom("a"));
    expect(uuidFrom("a")).not.toBe(uuidFrom("b"));
  });

  test("references parse into an address and a path", () => {
    expect(parseReference("azurerm_kubernetes_cluster.Cluster.kube_config[0].host")).toEqual({
      address: "azurerm_kubernetes_cluster.Cluster",
      path: ["kube_config", 0, "host"],
    });
    expect(parseReference("data.terraform_remote_state.in-x.outputs.out-y")).toEqual({
      address: "data.terraform_remote_state.in-x",
      path: ["outputs", "out-y"],
    });
    expect(referencesIn("${base64decode(azurerm_kubernetes_cluster.C.kube_config[0].cluster_ca_certificate)}")).toEqual([
      { address: "azurerm_kubernetes_cluster.C", path: ["kube_config", 0, "cluster_ca_certificate"] },
    ]);
  });

  test("ids follow Azure's shape, built from the configured names through references", () => {
    const p = new PlausibleStack("platform", PLATFORM);
    expect(p.computed("azurerm_subnet.Nodes").id).toMatch(
      /^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/omega-prod\/providers\/Microsoft\.Network\/virtualNetworks\/omega-vnet\/subnets\/cluster$/,
    );
    expect(p.computed("azurerm_federated_identity_credential.Api").id).toBe(
      `${p.computed("azurerm_user_assigned_identity.Data").id as string}/federatedIdentityCredentials/platform-api`,
    );
    expect(p.computed("data.azurerm_client_config.Client").tenant_id).toBe(MOCK_TENANT_ID);
  });

  test("a container group gets an ARM id that diagnostic settings can parse and a private address", () => {
    const stack: StackJson = {
      ...PLATFORM,
      resource: {
        ...PLATFORM.resource,
        azurerm_container_group: { Api: { name: "api-0", location: "eastus", resource_group_name: "${azurerm_resource_group.Rg.name}" } },
      },
    };
    const group = new PlausibleStack("platform", stack).computed("azurerm_container_group.Api");
    expect(group.id).toMatch(/^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/omega-prod\/providers\/Microsoft\.ContainerInstance\/containerGroups\/api-0$/);
    expect(group.ip_address).toMatch(/^10\.0\.\d{1,3}\.\d{1,3}$/);
  });

  test("a PostgreSQL flexible server gets an ARM id its replica and database parse, and its FQDN", () => {
    const stack: StackJson = {
      resource: {
        azurerm_resource_group: { Rg: { name: "tenants", location: "eastus" } },
        azurerm_postgresql_flexible_server: { Pg: { name: "tenant-acme-pg", location: "eastus", resource_group_name: "${azurerm_resource_group.Rg.name}" } },
        azurerm_postgresql_flexible_server_database: { Db: { name: "maindb", server_id: "${azurerm_postgresql_flexible_server.Pg.id}" } },
      },
    };
    const plausible = new PlausibleStack("tenant-acme", stack);
    const server = plausible.computed("azurerm_postgresql_flexible_server.Pg");
    expect(server.id).toMatch(/^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/tenants\/providers\/Microsoft\.DBforPostgreSQL\/flexibleServers\/tenant-acme-pg$/);
    expect(server.fqdn).toBe("tenant-acme-pg.postgres.database.azure.com");
    expect(plausible.computed("azurerm_postgresql_flexible_server_database.Db").id).toBe(`${server.id as string}/databases/maindb`);
  });

  test("outputs resolve to the cluster's endpoint, its CA as base64 PEM and the identity's client id", () => {
    const outputs = new PlausibleStack("platform", PLATFORM).outputs();
    expect(outputs["cross-stack-output-host"]).toMatch(/^https:\/\/omega-aks-[0-9a-f]{8}\.hcp\.eastus\.azmk8s\.io:443$/);
    expect(Buffer.from(outputs["cross-stack-output-ca"] as string, "base64").toString("utf8")).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
    expect(outputs["cross-stack-output-client"]).toMatch(UUID);
  });

  test("fails on an output it cannot give a value", () => {
    const json: StackJson = { output: { x: { value: "${upper(azurerm_resource_group.Rg.name)}" } } };
    expect(() => new PlausibleStack("s", json).outputs()).toThrow(
      's: output x ("${upper(azurerm_resource_group.Rg.name)}") has no plausible value: add its attribute to plausible-values.ts',
    );
  });
});

describe("generated mocked apply", () => {
  const files = generateMockApply("platform-workloads", stacks());
  const outputs = new PlausibleStack("platform", PLATFORM).outputs();

  test("mocks the providers and feeds the remote state with the producing stack's outputs", () => {
    expect(files.test).toContain('mock_provider "kubernetes" {}');
    expect(files.test).toContain("target = data.terraform_remote_state.cross-stack-reference-input-platform");
    expect(files.test).toContain(`"cross-stack-output-client" = "${outputs["cross-stack-output-client"] as string}"`);
    expect(files.reads).toEqual({ "cross-stack-reference-input-platform": "platform" });
  });

  test("asserts the provider connection is the producing cluster's host and decoded CA", () => {
    expect(JSON.parse(files.wiring as string).output.validate_provider_kubernetes_0_host).toEqual({
      value: `\${${REMOTE}.cross-stack-output-host}`,
      sensitive: true,
    });
    expect(files.test).toContain(`condition     = output.validate_provider_kubernetes_0_host == "${outputs["cross-stack-output-host"] as string}"`);
    const pem = Buffer.from(outputs["cross-stack-output-ca"] as string, "base64").toString("utf8");
    expect(files.test).toContain(`output.validate_provider_kubernetes_0_cluster_ca_certificate == ${hclString(pem)}`);
  });

  test("a provider reading the wrong output still renders, and its assertion expects the cluster's host", () => {
    const wrong = generateMockApply("platform-workloads", stacks(workloads("api", `\${${REMOTE}.cross-stack-output-client}`)));
    expect(JSON.parse(wrong.wiring as string).output.validate_provider_kubernetes_0_host.value).toContain("cross-stack-output-client");
    expect(wrong.test).toContain(`output.validate_provider_kubernetes_0_host == "${outputs["cross-stack-output-host"] as string}"`);
  });

  test("asserts each workload-identity service account carries the federated identity's client id", () => {
    expect(files.test).toContain(
      `kubernetes_service_account_v1.Api.metadata[0].annotations["azure.workload.identity/client-id"] == "${outputs["cross-stack-output-client"] as string}"`,
    );
    expect(files.assertions).toBe(3);
  });

  test("fails on a service account no stack federates", () => {
    expect(() => generateMockApply("platform-workloads", stacks(workloads("web")))).toThrow(
      "platform-workloads: kubernetes_service_account_v1.Api asks for workload identity as system:serviceaccount:platform:web, but neither it nor a stack it reads federates an identity for that subject",
    );
  });

  test("accepts a service account whose identity its own stack federates (a tenant stack)", () => {
    const tenant: StackJson = {
      resource: {
        azurerm_resource_group: { Rg: { name: "tenants", location: "eastus" } },
        azurerm_user_assigned_identity: { Id: { name: "tenant-acme", resource_group_name: "${azurerm_resource_group.Rg.name}", location: "eastus" } },
        azurerm_federated_identity_credential: {
          Cred: { name: "tenant-acme-tenant", user_assigned_identity_id: "${azurerm_user_assigned_identity.Id.id}", subject: "system:serviceaccount:tenant-acme:tenant" },
        },
        kubernetes_service_account_v1: {
          Sa: { metadata: { name: "tenant", namespace: "tenant-acme", annotations: { "azure.workload.identity/client-id": "${azurerm_user_assigned_identity.Id.client_id}" } } },
        },
      },
    };
    const own = generateMockApply("tenant-acme", new Map([["tenant-acme", tenant]]));
    const clientId = new PlausibleStack("tenant-acme", tenant).computed("azurerm_user_assigned_identity.Id").client_id as string;
    expect(clientId).toMatch(UUID);
    expect(own.test).toContain(`kubernetes_service_account_v1.Sa.metadata[0].annotations["azure.workload.identity/client-id"] == "${clientId}"`);
    expect(own.assertions).toBe(1);
  });

  test("the platform stack gets plausible ids and its copy drops prevent_destroy so the test can tear down", () => {
    const platform = generateMockApply("platform", stacks());
    expect(platform.test).toContain("target = azurerm_kubernetes_cluster.Cluster");
    expect(platform.test).toContain("target = data.azurerm_client_config.Client");
    expect(platform.wiring).toBeUndefined();
    const config = JSON.parse(platform.config) as StackJson;
    expect(config.resource?.azurerm_kubernetes_cluster.Cluster.lifecycle).toBeUndefined();
    expect(PLATFORM.resource?.azurerm_kubernetes_cluster.Cluster.lifecycle).toEqual({ prevent_destroy: true });
  });

  test("input variables get their default, an email for *_email, else a stable UUID", () => {
    const withVariables: StackJson = {
      ...PLATFORM,
      variable: {
        staging_api_tenant_id: { type: "string" },
        staging_api_publisher_email: { type: "string" },
        retention_days: { type: "number", default: 30 },
      },
    };
    const { test } = generateMockApply("platform", new Map([["platform", withVariables]]));
    expect(test).toContain(
      ["variables {", "  retention_days = 30", '  staging_api_publisher_email = "platform-team@example.com"', `  staging_api_tenant_id = "${uuidFrom("variable/staging_api_tenant_id")}"`, "}"].join("\n"),
    );
    expect(generateMockApply("platform", stacks()).test).not.toContain("variables {");
  });

  test("an API Management instance and its public IP get ARM ids the instance parses, and a gateway URL", () => {
    const stack = new PlausibleStack("staging", {
      resource: {
        azurerm_resource_group: { Rg: { name: "omega-staging", location: "eastus" } },
        azurerm_public_ip: { Ip: { name: "apim-ip", resource_group_name: "${azurerm_resource_group.Rg.name}", location: "eastus" } },
        azurerm_api_management: { Apim: { name: "omega-staging-apim", resource_group_name: "${azurerm_resource_group.Rg.name}", location: "eastus" } },
      },
    });
    expect(stack.computed("azurerm_public_ip.Ip").id).toMatch(/^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/omega-staging\/providers\/Microsoft\.Network\/publicIPAddresses\/apim-ip$/);
    expect(stack.computed("azurerm_api_management.Apim")).toMatchObject({
      id: expect.stringMatching(/\/providers\/Microsoft\.ApiManagement\/service\/omega-staging-apim$/),
      gateway_url: "https://omega-staging-apim.azure-api.net",
    });
  });

  test("fails on a remote state that is not a cdktf cross-stack reference", () => {
    const consumer = { ...workloads(), data: { terraform_remote_state: { shared: { backend: "local", config: {} } } } };
    expect(() => generateMockApply("platform-workloads", stacks(consumer))).toThrow(
      "platform-workloads: data.terraform_remote_state.shared is not a cdktf cross-stack reference; give the mocked apply its outputs",
    );
  });
});

describe("building Terraform from the Go module proxy", () => {
  test("a module's release time becomes the timestamp of its nested modules' pseudo-versions", () => {
    expect(pseudoVersionStamp("2025-04-09T13:10:05Z")).toBe("20250409131005");
  });
});
