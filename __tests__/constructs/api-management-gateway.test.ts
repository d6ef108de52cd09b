import { Testing } from "cdktf";
import { APIM_MAX_VALIDATED_BODY_BYTES, ApiGatewayPolicyOptions, renderApiGatewayPolicy } from "../../constructs/api-gateway-policy";
import { ApiManagementGateway, ApiManagementGatewayProps, ApiManagementVnetSku } from "../../constructs/api-management-gateway";
import { onlyResource, resourcesOf, synthJson, testStack } from "../helpers";

const TENANT = "11111111-2222-4333-8444-555555555555";
const AUDIENCE = "66666666-7777-4888-9999-000000000000";
const CLIENT = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";

const POLICY: ApiGatewayPolicyOptions = {
  tokenValidation: { tenantId: TENANT, audiences: [AUDIENCE], clientApplicationIds: [CLIENT] },
  backendIds: ["federation-core-0", "federation-core-1"],
};

const BASE: ApiManagementGatewayProps = {
  resourceGroupName: "omega-staging",
  location: "eastus",
  virtualNetworkName: "omega-staging-vnet",
  subnetPrefix: "10.2.6.0/27",
  publisherName: "Omega platform",
  publisherEmail: "platform@example.com",
  tokenValidation: POLICY.tokenValidation,
  backends: [
    { name: "federation-core-0", url: "http://10.2.0.4:9405" },
    { name: "federation-core-1", url: "http://10.2.0.5:9405" },
  ],
};

function policy(options: Partial<ApiGatewayPolicyOptions> = {}): string {
  const { stack } = testStack();
  return renderApiGatewayPolicy(stack, { ...POLICY, ...options });
}

function build(props: Partial<ApiManagementGatewayProps> = {}) {
  const { stack } = testStack();
  const gateway = new ApiManagementGateway(stack, "Gateway", { ...BASE, ...props });
  return { gateway, json: synthJson(stack) };
}

describe("renderApiGatewayPolicy", () => {
  test("the policy XML, deterministic", () => {
    expect(policy()).toMatchSnapshot();
    expect(policy()).toBe(policy());
  });

  test("defaults: rate limit per caller IP before the token check, 401 for a missing or invalid token, 100 KB bodies", () => {
    const xml = policy();
    const order = ["<rate-limit-by-key", "<validate-azure-ad-token", "<validate-content", "<set-backend-service"].map((tag) => xml.indexOf(tag));
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]))).toBe(true);
    expect(xml).toContain('<rate-limit-by-key calls="100" renewal-period="60" counter-key="@(context.Request.IpAddress)" />');
    expect(xml).toContain(`<validate-azure-ad-token tenant-id="${TENANT}" header-name="Authorization" failed-validation-httpcode="401" failed-validation-error-message="Unauthorized">`);
    expect(xml).toContain(`<client-application-ids>\n        <application-id>${CLIENT}</application-id>\n      </client-application-ids>`);
    expect(xml).toContain(`<audiences>\n        <audience>${AUDIENCE}</audience>\n      </audiences>`);
    expect(xml).not.toContain("<required-claims>");
    expect(xml).toContain(`max-size="${APIM_MAX_VALIDATED_BODY_BYTES}" size-exceeded-action="prevent"`);
  });

  test("overrides: required roles, rate limit, body size, one backend by name", () => {
    const xml = policy({
      tokenValidation: { ...POLICY.tokenValidation, requiredRoles: ["Staging.Caller", "A&B"] },
      rateLimit: { calls: 20, renewalPeriodSeconds: 10 },
      maxRequestBodyBytes: 4096,
      backendIds: ["only"],
    });
    expect(xml).toContain('<required-claims>\n        <claim name="roles" match="any">\n          <value>Staging.Caller</value>\n          <value>A&amp;B</value>\n        </claim>\n      </required-claims>');
    expect(xml).toContain('<rate-limit-by-key calls="20" renewal-period="10"');
    expect(xml).toContain('max-size="4096"');
    expect(xml).toContain('<set-backend-service backend-id="only" />');
  });

  test("several backends: chosen by the request id's hash, every one named", () => {
    expect(policy()).toContain(
      '<set-backend-service backend-id="@(new string[] { &quot;federation-core-0&quot;, &quot;federation-core-1&quot; }[(context.RequestId.GetHashCode() &amp; 0x7fffffff) % 2])" />',
    );
  });

  test("fails on a tenant id that is not a UUID", () => {
    expect(() => policy({ tokenValidation: { ...POLICY.tokenValidation, tenantId: "contoso" } })).toThrow('test: invalid tokenValidation.tenantId "contoso"');
  });

  test("fails without an audience or a client application", () => {
    expect(() => policy({ tokenValidation: { ...POLICY.tokenValidation, audiences: [] } })).toThrow("test: invalid tokenValidation.audiences []: expected at least one value");
    expect(() => policy({ tokenValidation: { ...POLICY.tokenValidation, clientApplicationIds: [] } })).toThrow(
      "test: invalid tokenValidation.clientApplicationIds []: expected at least one value",
    );
  });

  test("fails on a body limit above API Management's 102,400 bytes", () => {
    expect(() => policy({ maxRequestBodyBytes: 200_000 })).toThrow("test: invalid maxRequestBodyBytes 200000");
  });

  test("fails on a backend name API Management would refuse", () => {
    expect(() => policy({ backendIds: ["bad name"] })).toThrow('test: invalid backendIds[0] "bad name": expected a backend name of letters, digits and hyphens (at most 80)');
  });
});

describe("ApiManagementGateway", () => {
  test("minimal config snapshot", () => {
    const { stack } = testStack();
    new ApiManagementGateway(stack, "Gateway", BASE);
    expect(Testing.synth(stack)).toMatchSnapshot();
  });

  describe("defaults", () => {
    const { json } = build();

    test("Developer, one unit, External mode in its own subnet, behind a Standard static public IP with a DNS label", () => {
      const apim = onlyResource(json, "azurerm_api_management");
      expect(apim).toMatchObject({ sku_name: "Developer_1", virtual_network_type: "External", publisher_email: "platform@example.com" });
      expect(apim.name).toMatch(/^omega-test-apim-[0-9a-f]{6}$/);
      expect(apim.depends_on).toEqual([expect.stringMatching(/^azurerm_subnet_network_security_group_association\./)]);
      expect(onlyResource(json, "azurerm_public_ip")).toMatchObject({ sku: "Standard", allocation_method: "Static", domain_name_label: apim.name });
      expect(onlyResource(json, "azurerm_subnet")).toMatchObject({ name: "api-gateway", address_prefixes: ["10.2.6.0/27"], virtual_network_name: "omega-staging-vnet" });
    });

    test("the subnet's security group: clients on 443, the management endpoint, the load balancer, then deny; the required outbound", () => {
      const rules = onlyResource(json, "azurerm_network_security_group").security_rule as any[];
      expect(rules.filter((r) => r.direction === "Inbound").map((r) => [r.name, r.priority, r.access])).toEqual([
        ["allow-clients-https", 100, "Allow"],
        ["allow-management-endpoint", 110, "Allow"],
        ["allow-azure-load-balancer", 120, "Allow"],
        ["deny-other-inbound", 4000, "Deny"],
      ]);
      expect(rules.filter((r) => r.direction === "Outbound").map((r) => r.destination_address_prefix)).toEqual([
        "Storage",
        "Sql",
        "AzureKeyVault",
        "AzureMonitor",
        "AzureActiveDirectory",
        "Internet",
      ]);
      expect(rules.find((r) => r.destination_address_prefix === "Internet").destination_port_ranges).toEqual(["80"]);
    });

    test("one API at /federation over HTTPS without subscription keys, wildcard operations, the rendered policy after the backends", () => {
      expect(onlyResource(json, "azurerm_api_management_api")).toMatchObject({ name: "federation", path: "federation", protocols: ["https"], subscription_required: false, revision: "1" });
      expect((resourcesOf(json, "azurerm_api_management_api_operation") as any[]).map((o) => o.url_template)).toEqual(["/*", "/*", "/*", "/*", "/*"]);
      const p = onlyResource(json, "azurerm_api_management_api_policy");
      expect(p.xml_content).toBe(policy());
      expect(p.depends_on).toHaveLength(2);
      expect((resourcesOf(json, "azurerm_api_management_backend") as any[]).map((b) => [b.name, b.url])).toEqual([
        ["federation-core-0", "http://10.2.0.4:9405"],
        ["federation-core-1", "http://10.2.0.5:9405"],
      ]);
    });
  });

  test("overrides: Premium with two units, client sources, path", () => {
    const { json } = build({ sku: ApiManagementVnetSku.PREMIUM, capacity: 2, clientSources: ["203.0.113.0/24", "198.51.100.0/24"], apiPath: "core" });
    expect(onlyResource(json, "azurerm_api_management").sku_name).toBe("Premium_2");
    const clients = (onlyResource(json, "azurerm_network_security_group").security_rule as any[]).find((r) => r.name === "allow-clients-https");
    expect(clients.source_address_prefixes).toEqual(["203.0.113.0/24", "198.51.100.0/24"]);
    expect(onlyResource(json, "azurerm_api_management_api").path).toBe("core");
  });

  test("fails on a second Developer unit", () => {
    expect(() => build({ capacity: 2 })).toThrow("test/Gateway: invalid capacity 2");
  });

  test("fails on a subnet smaller than /29", () => {
    expect(() => build({ subnetPrefix: "10.2.6.0/30" })).toThrow('test/Gateway: invalid subnetPrefix "10.2.6.0/30": expected a /29 or larger block: API Management\'s minimum subnet');
  });

  test("fails on a backend URL with a trailing slash", () => {
    expect(() => build({ backends: [{ name: "a", url: "http://10.2.0.4:9405/" }] })).toThrow(
      'test/Gateway: invalid backends[0].url "http://10.2.0.4:9405/": expected an http(s) URL without a trailing slash',
    );
  });

  test("fails without backends", () => {
    expect(() => build({ backends: [] })).toThrow("test/Gateway: invalid backends []: expected at least one backend");
  });

  test("fails on a publisher email that is not one", () => {
    expect(() => build({ publisherEmail: "nobody" })).toThrow('test/Gateway: invalid publisherEmail "nobody": expected an email address');
  });
});
