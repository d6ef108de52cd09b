import { Construct } from "constructs";
import { Manifest } from "../providers/kubernetes/manifest";
import { checkDnsLabel, checkInteger, checkPinnedImage, checkUuid, isUnresolved } from "./checks";
import { FrontDoorPrivateLinkOrigin } from "./front-door-private-link-origin";
import { FrontDoorRoute } from "./front-door-route";
import { IFrontDoorEdge } from "./front-door-edge";
import { SECRET_PROVIDER_CLASS_API } from "./key-vault-secret-sync";
import { WORKLOAD_IDENTITY_CLIENT_ID_ANNOTATION, WORKLOAD_IDENTITY_USE_LABEL } from "./key-vault-secret-provider-class";
import { NamespaceGuardrails, quotaFor } from "./namespace-guardrails";
import { TRAEFIK_CHART, TraefikGateway } from "./traefik-gateway";
import { ValidationError } from "./validation-error";
import { Placement } from "./placement";
import { Workload } from "./workload";

/** oauth2-proxy, the token check behind Traefik's ForwardAuth (Traefik's open-source edition has no JWT middleware). */
export const OAUTH2_PROXY_IMAGE = "quay.io/oauth2-proxy/oauth2-proxy:v7.15.6";
/** Front Door's header carrying the id of the profile a request came through. */
export const FRONT_DOOR_ID_HEADER = "X-Azure-FDID";
/** Front Door's header carrying the client's address. */
export const FRONT_DOOR_CLIENT_IP_HEADER = "X-Azure-ClientIP";

/** The Service the edge routes to (federation-core). */
export interface EdgeBackend {
  readonly serviceName: string;
  readonly namespace: string;
  readonly port: number;
  /** Labels of the backend's pods, which the edge namespace is allowed to reach. */
  readonly podLabels: Readonly<Record<string, string>>;
}

/** Where the gateway's TLS certificate and the token check's cookie key come from. */
export interface EdgeKeyVaultSource {
  readonly keyVaultName: string;
  readonly tenantId: string;
  /** Client id of the identity federated with the token check's service account, allowed to read the vault's secrets. */
  readonly identityClientId: string;
  /**
   * Vault secret holding the origin certificate as PEM (private key and chain): a Key Vault
   * certificate's secret, or a secret written with that content.
   */
  readonly certificateSecretName: string;
  /** Vault secret holding the token check's 32-character cookie key. */
  readonly cookieSecretName: string;
  /**
   * Vault secret holding a generated value oauth2-proxy's configuration check insists on as its
   * client secret, although checking bearer tokens never redeems a code (no login flow is routed
   * to it) and Entra ID never sees it.
   */
  readonly clientSecretName: string;
}

/** Entra ID access tokens the gateway accepts. */
export interface EntraTokenOptions {
  /** Entra ID tenant that issues the tokens. */
  readonly tenantId: string;
  /** Audience the tokens must carry: the client id of the API's app registration. */
  readonly audience: string;
}

export interface PlatformEdgeGatewayProps {
  /** Namespace of Traefik and the token check (created with its guardrails elsewhere or by `guardrails`). */
  readonly namespace: string;
  readonly backend: EdgeBackend;
  /** Host name Front Door sends (the origin's host header), which the certificate names. */
  readonly hostName: string;
  readonly keyVault: EdgeKeyVaultSource;
  readonly token: EntraTokenOptions;
  /** The Front Door edge the cluster is an origin of. */
  readonly frontDoor: IFrontDoorEdge;
  /** Region of the cluster (the Private Link service's location). */
  readonly location: string;
  /** Resource id of the cluster's node resource group, where AKS creates the Private Link service. */
  readonly nodeResourceGroupId: string;
  /** Name of the origin in the edge's origin group (the region). */
  readonly originName: string;
  /**
   * Create the edge's route to its origin group here (one cluster of the tier does; the route
   * serves every origin of the group).
   * @default false
   */
  readonly createRoute?: boolean;
  /**
   * Per client: sustained requests a second and the burst above it, on the backend's route.
   * @default { averagePerSecond: 50, burst: 100 }
   */
  readonly rateLimit?: { readonly averagePerSecond: number; readonly burst: number };
  /**
   * @default 1048576 (1 MiB)
   */
  readonly maxRequestBodyBytes?: number;
  /**
   * Traefik and token-check replicas.
   * @default 2
   */
  readonly replicas?: number;
  /**
   * @default OAUTH2_PROXY_IMAGE
   */
  readonly tokenCheckImage?: string;
  /**
   * Where Traefik and the token check run (the way in belongs on nodes that are never evicted).
   * @default Placement.anyNode()
   */
  readonly placement?: Placement;
}

const HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const TOKEN_CHECK = "oauth2-proxy";
const TOKEN_CHECK_PORT = 4180;
const TLS_SECRET = "edge-tls";
/** Where Workload mounts a SecretProviderClass's files. */
const SECRETS_MOUNT = "/mnt/secrets-store";
const PLS_NAME = "pls-edge-gateway";

/**
 * A cluster's way in from the Front Door edge: Traefik (pinned chart) behind an internal load
 * balancer only, with a Private Link service the AKS cloud provider creates for Front Door's
 * private endpoint; TLS 1.2+ with the origin certificate from Key Vault (Secrets Store CSI driver);
 * on the backend's route, Front Door's `X-Azure-FDID` required, a rate limit per client, a body
 * limit and an Entra ID access-token check (oauth2-proxy through ForwardAuth); the Front Door
 * origin for this cluster once the release (and so the Private Link service) exists.
 */
export class PlatformEdgeGateway extends Construct {
  public readonly gateway: TraefikGateway;
  public readonly tokenCheck: Workload;
  public readonly secretProviderClass: Manifest;
  public readonly guardrails: NamespaceGuardrails;
  public readonly origin: FrontDoorPrivateLinkOrigin;
  public readonly route?: FrontDoorRoute;
  /** The Private Link service's resource id (created by AKS when the Traefik Service is). */
  public readonly privateLinkServiceId: string;
  public readonly hostName: string;

  constructor(scope: Construct, id: string, props: PlatformEdgeGatewayProps) {
    super(scope, id);
    const rateLimit = props.rateLimit ?? { averagePerSecond: 50, burst: 100 };
    const maxBody = props.maxRequestBodyBytes ?? 1024 * 1024;
    const replicas = props.replicas ?? 2;
    const image = props.tokenCheckImage ?? OAUTH2_PROXY_IMAGE;
    const placement = props.placement ?? Placement.anyNode();
    if (placement.isSpot || placement.tolerations.length > 0 || placement.requiredNodeAffinity.length > 0 || placement.runtimeClassName !== undefined) {
      throw new ValidationError(this, "placement", placement.description, "expected a node pool or any node: Traefik's chart takes only a node selector here, and the way in must not run on evictable spot nodes");
    }
    checkDnsLabel(this, "namespace", props.namespace);
    if (!isUnresolved(props.hostName) && !HOST.test(props.hostName)) {
      throw new ValidationError(this, "hostName", props.hostName, "expected a lowercase fully qualified host name (the origin certificate's subject)");
    }
    checkUuid(this, "token.tenantId", props.token.tenantId);
    if (!isUnresolved(props.token.audience) && !/^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|api:\/\/[^\s]+)$/i.test(props.token.audience)) {
      throw new ValidationError(this, "token.audience", props.token.audience, "expected the API app registration's client id (a UUID) or its api:// application id URI");
    }
    checkPinnedImage(this, "tokenCheckImage", image);
    checkInteger(this, "replicas", replicas, 1, 20);
    checkInteger(this, "maxRequestBodyBytes", maxBody, 1, 1024 * 1024 * 1024);

    const ns = props.namespace;
    const kv = props.keyVault;
    // The driver syncs the certificate into a kubernetes.io/tls Secret (key and chain parsed from
    // the PEM) while a token-check pod mounts the volume; the token check reads its own keys as files.
    this.secretProviderClass = new Manifest(this, "TlsCertificate", {
      manifest: {
        apiVersion: SECRET_PROVIDER_CLASS_API,
        kind: "SecretProviderClass",
        metadata: { name: "edge-secrets", namespace: ns },
        spec: {
          provider: "azure",
          secretObjects: [
            {
              secretName: TLS_SECRET,
              type: "kubernetes.io/tls",
              data: [
                { objectName: kv.certificateSecretName, key: "tls.key" },
                { objectName: kv.certificateSecretName, key: "tls.crt" },
              ],
            },
          ],
          parameters: {
            usePodIdentity: "false",
            clientID: kv.identityClientId,
            keyvaultName: kv.keyVaultName,
            tenantId: kv.tenantId,
            objects: `array:\n${[kv.certificateSecretName, kv.cookieSecretName, kv.clientSecretName]
              .map((name) => `  - |\n    objectName: ${name}\n    objectType: secret\n`)
              .join("")}`,
          },
        },
      },
    });

    const issuer = `https://login.microsoftonline.com/${props.token.tenantId}/v2.0`;
    this.tokenCheck = new Workload(this, "TokenCheck", {
      name: TOKEN_CHECK,
      namespace: ns,
      image,
      port: TOKEN_CHECK_PORT,
      replicas,
      requests: { cpuMillis: 50, memoryMiB: 64 },
      limits: { cpuMillis: 250, memoryMiB: 128 },
      // Bearer tokens only: no login flow, no upstream (ForwardAuth asks /oauth2/auth: 202 or 401).
      args: [
        "--provider=oidc",
        `--oidc-issuer-url=${issuer}`,
        `--client-id=${props.token.audience}`,
        `--client-secret-file=${SECRETS_MOUNT}/${kv.clientSecretName}`,
        `--cookie-secret-file=${SECRETS_MOUNT}/${kv.cookieSecretName}`,
        "--skip-jwt-bearer-tokens=true",
        // Tokens of applications carry no email: the subject stands in, and any is accepted.
        "--email-domain=*",
        "--upstream=static://202",
        `--http-address=0.0.0.0:${TOKEN_CHECK_PORT}`,
        "--reverse-proxy=true",
        "--skip-provider-button=true",
        "--cookie-secure=true",
        "--silence-ping-logging=true",
      ],
      readinessProbe: { path: "/ready" },
      livenessProbe: { path: "/ping" },
      secretProviderClass: "edge-secrets",
      placement,
      serviceAccountAnnotations: { [WORKLOAD_IDENTITY_CLIENT_ID_ANNOTATION]: kv.identityClientId },
      // The CSI driver requests the service account's token itself; the pod never calls the API.
      podLabels: { [WORKLOAD_IDENTITY_USE_LABEL]: "true" },
    });

    this.privateLinkServiceId = `${props.nodeResourceGroupId}/providers/Microsoft.Network/privateLinkServices/${PLS_NAME}`;
    this.hostName = props.hostName;
    const tokenCheckUrl = `http://${TOKEN_CHECK}.${ns}.svc.cluster.local:${this.tokenCheck.servicePort}/oauth2/auth`;
    this.gateway = new TraefikGateway(this, "Traefik", {
      namespace: ns,
      tlsSecretName: TLS_SECRET,
      internalLoadBalancer: true,
      privateLinkService: { name: PLS_NAME },
      requiredHeader: { name: FRONT_DOOR_ID_HEADER, value: props.frontDoor.frontDoorId },
      // Behind the Private Link service every request comes from one of its NAT addresses; Front
      // Door sets X-Azure-ClientIP to the client's, and only Front Door reaches the routes.
      clientAddressHeader: FRONT_DOOR_CLIENT_IP_HEADER,
      replicas,
      nodeSelector: Object.keys(placement.nodeSelector).length > 0 ? placement.nodeSelector : undefined,
      chart: TRAEFIK_CHART,
      routes: [
        {
          name: "federation-core",
          host: props.hostName,
          serviceName: props.backend.serviceName,
          serviceNamespace: props.backend.namespace,
          servicePort: props.backend.port,
          rateLimit,
          maxRequestBodyBytes: maxBody,
          forwardAuth: { address: tokenCheckUrl, authResponseHeaders: ["X-Auth-Request-User", "X-Auth-Request-Email"] },
        },
        {
          // Front Door's probes: readiness only, GET without a token.
          name: "federation-core-health",
          host: props.hostName,
          pathPrefix: "/health/ready",
          serviceName: props.backend.serviceName,
          serviceNamespace: props.backend.namespace,
          servicePort: props.backend.port,
          rateLimit: { averagePerSecond: 10, burst: 20 },
          maxRequestBodyBytes: 1024,
          requireHeader: false,
        },
      ],
    });

    this.guardrails = new NamespaceGuardrails(this, "Guardrails", {
      namespace: ns,
      quota: quotaFor([
        { workload: { requests: { cpuMillis: 100, memoryMiB: 128 }, limits: { cpuMillis: 500, memoryMiB: 256 } }, maxReplicas: replicas },
        { workload: this.tokenCheck, maxReplicas: replicas },
      ]),
      egressToNamespaces: [props.backend.namespace],
      // Traefik watches its CRDs through the API server's public endpoint; the token check reads
      // Entra ID's signing keys; the CSI driver's identity exchange is the node's, not the pod's.
      externalEgressPorts: [443],
    });

    this.origin = new FrontDoorPrivateLinkOrigin(this, "Origin", {
      originGroupId: props.frontDoor.originGroupId,
      name: props.originName,
      hostName: props.hostName,
      privateLinkServiceId: this.privateLinkServiceId,
      location: props.location,
      // The cloud provider creates the Private Link service while Helm installs the release.
      dependsOn: [this.gateway.release],
    });
    if (props.createRoute) {
      this.route = new FrontDoorRoute(this, "Route", {
        endpointId: props.frontDoor.endpointId,
        originGroupId: props.frontDoor.originGroupId,
        originIds: [this.origin.originId],
        customDomainIds: props.frontDoor.customDomainIds,
      });
    }
  }
}
