import { Testing } from "cdktf";
import { IFrontDoorEdge } from "../../constructs/front-door-edge";
import { FRONT_DOOR_CLIENT_IP_HEADER, FRONT_DOOR_ID_HEADER, OAUTH2_PROXY_IMAGE, PlatformEdgeGateway, PlatformEdgeGatewayProps } from "../../constructs/platform-edge-gateway";
import { Placement } from "../../constructs/placement";
import { TraefikGateway } from "../../constructs/traefik-gateway";
import { onlyResource, resourcesOf, synthJson, testStack } from "../helpers";

const TENANT = "11111111-2222-4333-8444-555555555555";
const AUDIENCE = "66666666-7777-4888-9999-000000000000";
const FRONT_DOOR: IFrontDoorEdge = {
  profileId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Cdn/profiles/fd",
  endpointId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Cdn/profiles/fd/afdEndpoints/e",
  originGroupId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Cdn/profiles/fd/originGroups/platform",
  frontDoorId: "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee",
};

function props(overrides: Partial<PlatformEdgeGatewayProps> = {}): PlatformEdgeGatewayProps {
  return {
    namespace: "edge",
    backend: { serviceName: "federation-core", namespace: "platform", port: 9405, podLabels: { "app.kubernetes.io/name": "federation-core" } },
    hostName: "eastus.origin.example.org",
    keyVault: {
      keyVaultName: "kv",
      tenantId: TENANT,
      identityClientId: "77777777-8888-4999-8aaa-bbbbbbbbbbbb",
      certificateSecretName: "edge-origin-tls",
      cookieSecretName: "edge-token-check-cookie",
      clientSecretName: "edge-token-check-client",
    },
    token: { tenantId: TENANT, audience: AUDIENCE },
    frontDoor: FRONT_DOOR,
    location: "eastus",
    nodeResourceGroupId: "/subscriptions/s/resourceGroups/MC_rg_aks_eastus",
    originName: "eastus",
    ...overrides,
  };
}

function build(overrides: Partial<PlatformEdgeGatewayProps> = {}) {
  const { stack } = testStack();
  const gateway = new PlatformEdgeGateway(stack, "Edge", props(overrides));
  return { stack, gateway, json: synthJson(stack) };
}

describe("PlatformEdgeGateway", () => {
  test("minimal configuration (snapshot)", () => {
    const { stack } = build();
    expect(Testing.synth(stack)).toMatchSnapshot();
  });

  test("Traefik: internal load balancer with a Private Link service, TLS 1.2 from the synced certificate, Front Door's id required", () => {
    const { json, gateway } = build();
    const release = onlyResource(json, "helm_release");
    const values = JSON.parse(release.values[0]);
    expect(values.service.annotations).toEqual({
      "service.beta.kubernetes.io/azure-load-balancer-internal": "true",
      "service.beta.kubernetes.io/azure-pls-create": "true",
      "service.beta.kubernetes.io/azure-pls-name": "pls-edge-gateway",
    });
    expect(values.tlsOptions).toEqual({ default: { minVersion: "VersionTLS12", sniStrict: true } });
    expect(values.tlsStore).toEqual({ default: { defaultCertificate: { secretName: "edge-tls" } } });
    const routes = values.extraObjects.filter((o: any) => o.kind === "IngressRoute");
    expect(routes.map((r: any) => r.spec.routes[0].match)).toEqual([
      `Host(\`eastus.origin.example.org\`) && Header(\`${FRONT_DOOR_ID_HEADER}\`, \`${FRONT_DOOR.frontDoorId}\`)`,
      "Host(`eastus.origin.example.org`) && PathPrefix(`/health/ready`)",
    ]);
    const middlewares = Object.fromEntries(values.extraObjects.filter((o: any) => o.kind === "Middleware").map((m: any) => [m.metadata.name, m.spec]));
    expect(middlewares["federation-core-rate-limit"]).toEqual({ rateLimit: { average: 50, period: "1s", burst: 100, sourceCriterion: { requestHeaderName: FRONT_DOOR_CLIENT_IP_HEADER } } });
    expect(middlewares["federation-core-body-limit"]).toEqual({ buffering: { maxRequestBodyBytes: 1048576 } });
    expect(middlewares["federation-core-auth"]).toEqual({
      forwardAuth: { address: "http://oauth2-proxy.edge.svc.cluster.local:4180/oauth2/auth", trustForwardHeader: false, authResponseHeaders: ["X-Auth-Request-User", "X-Auth-Request-Email"] },
    });
    // Rate limit before the body limit before the token check.
    expect(routes[0].spec.routes[0].middlewares.map((m: any) => m.name)).toEqual(["federation-core-rate-limit", "federation-core-body-limit", "federation-core-auth"]);
    expect(gateway.privateLinkServiceId).toBe("/subscriptions/s/resourceGroups/MC_rg_aks_eastus/providers/Microsoft.Network/privateLinkServices/pls-edge-gateway");
  });

  test("token check: oauth2-proxy validating Entra ID bearer tokens for the audience, keys read as files from Key Vault", () => {
    const { json } = build();
    const deployment = onlyResource(json, "kubernetes_deployment_v1");
    const container = deployment.spec.template.spec.container[0];
    expect(container.image).toBe(OAUTH2_PROXY_IMAGE);
    expect(container.args).toEqual(
      expect.arrayContaining([
        "--provider=oidc",
        `--oidc-issuer-url=https://login.microsoftonline.com/${TENANT}/v2.0`,
        `--client-id=${AUDIENCE}`,
        "--skip-jwt-bearer-tokens=true",
        "--cookie-secret-file=/mnt/secrets-store/edge-token-check-cookie",
        "--client-secret-file=/mnt/secrets-store/edge-token-check-client",
        "--upstream=static://202",
      ]),
    );
    expect(container.env ?? []).toEqual([]);
    const spc = onlyResource(json, "kubernetes_manifest").manifest;
    expect(spc.spec.secretObjects).toEqual([
      { secretName: "edge-tls", type: "kubernetes.io/tls", data: [{ objectName: "edge-origin-tls", key: "tls.key" }, { objectName: "edge-origin-tls", key: "tls.crt" }] },
    ]);
    expect(spc.spec.parameters.objects).toBe(
      "array:\n  - |\n    objectName: edge-origin-tls\n    objectType: secret\n  - |\n    objectName: edge-token-check-cookie\n    objectType: secret\n  - |\n    objectName: edge-token-check-client\n    objectType: secret\n",
    );
  });

  test("the origin waits for the release (the Private Link service appears with the Service); no route unless asked", () => {
    const { json } = build();
    const origin = onlyResource(json, "azurerm_cdn_frontdoor_origin");
    expect(origin.depends_on).toEqual([expect.stringMatching(/^helm_release\.Edge_Traefik_/)]);
    expect(origin.private_link.private_link_target_id).toBe("/subscriptions/s/resourceGroups/MC_rg_aks_eastus/providers/Microsoft.Network/privateLinkServices/pls-edge-gateway");
    expect(resourcesOf(json, "azurerm_cdn_frontdoor_route")).toEqual([]);
    expect(resourcesOf(build({ createRoute: true }).json, "azurerm_cdn_frontdoor_route")).toHaveLength(1);
  });

  test("placement on a node pool reaches Traefik and the token check", () => {
    const { json } = build({ placement: Placement.nodePool("alwayson") });
    expect(JSON.parse(onlyResource(json, "helm_release").values[0]).nodeSelector).toEqual({ "kubernetes.azure.com/agentpool": "alwayson" });
    expect(onlyResource(json, "kubernetes_deployment_v1").spec.template.spec.node_selector).toEqual({ "kubernetes.azure.com/agentpool": "alwayson" });
  });

  test("fails: a token audience that is neither a client id nor an api:// URI", () => {
    expect(() => build({ token: { tenantId: TENANT, audience: "omega" } })).toThrow(
      'test/Edge: invalid token.audience "omega": expected the API app registration\'s client id (a UUID) or its api:// application id URI',
    );
  });

  test("fails: a host name the certificate cannot name", () => {
    expect(() => build({ hostName: "origin" })).toThrow('test/Edge: invalid hostName "origin": expected a lowercase fully qualified host name (the origin certificate\'s subject)');
  });
});

describe("TraefikGateway: the edge's options", () => {
  const route = { name: "api", host: "api.example.org", serviceName: "api", serviceNamespace: "apps", servicePort: 80, rateLimit: { averagePerSecond: 1, burst: 2 } };

  test("fails: a Private Link service without an internal load balancer", () => {
    const { stack } = testStack();
    expect(() => new TraefikGateway(stack, "G", { namespace: "gw", tlsSecretName: "tls", routes: [route], privateLinkService: { name: "pls" } })).toThrow(
      'test/G: invalid privateLinkService "pls": expected internalLoadBalancer: true (a Private Link service fronts an internal load balancer)',
    );
  });

  test("fails: a route requiring a header the gateway does not define", () => {
    const { stack } = testStack();
    expect(() => new TraefikGateway(stack, "G", { namespace: "gw", tlsSecretName: "tls", routes: [{ ...route, requireHeader: true }] })).toThrow(
      "test/G: invalid routes[0].requireHeader true: expected requiredHeader to be set on the gateway",
    );
  });

  test("fails: a header value that would break the rule", () => {
    const { stack } = testStack();
    expect(() => new TraefikGateway(stack, "G", { namespace: "gw", tlsSecretName: "tls", routes: [route], requiredHeader: { name: "X-Key", value: "a`b" } })).toThrow(
      'test/G: invalid requiredHeader.value "a`b": expected 1-256 characters without spaces, quotes or backticks',
    );
  });
});
