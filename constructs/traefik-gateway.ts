import { Construct } from "constructs";
import { Release } from "../providers/helm/release";
import { NetworkPolicyV1 } from "../providers/kubernetes/network-policy-v1";
import { checkDnsLabel, checkInteger, isUnresolved } from "./checks";
import { PinnedChart, checkPinnedChart, pinnedReleaseConfig } from "./pinned-chart";
import { ValidationError } from "./validation-error";
import { ResourceQuantities } from "./workload";

/** Traefik Proxy v3.7.11 (the values this library sets were checked against the chart's values.yaml at that version). */
export const TRAEFIK_CHART: PinnedChart = {
  chart: "traefik",
  repository: "https://traefik.github.io/charts",
  version: "41.3.0",
};

/** Requests a client may make through one route: Traefik's RateLimit middleware (per source IP). */
export interface RateLimit {
  /** Sustained requests per second. */
  readonly averagePerSecond: number;
  /** Requests allowed above the average in a burst. */
  readonly burst: number;
}

/** One way in: requests for `host` under `pathPrefix` go to a Service, within a rate limit. */
export interface GatewayRoute {
  /** Name of the route's IngressRoute and Middleware: a DNS-1123 label. */
  readonly name: string;
  /** Host name clients use (`api.example.org`). */
  readonly host: string;
  /**
   * @default "/"
   */
  readonly pathPrefix?: string;
  /** Remove `pathPrefix` before forwarding (the service serves from `/`). @default false */
  readonly stripPrefix?: boolean;
  readonly serviceName: string;
  /** Namespace of the Service; the route's objects are created there (Traefik refuses cross-namespace references). */
  readonly serviceNamespace: string;
  readonly servicePort: number;
  readonly rateLimit: RateLimit;
  /**
   * Largest request body Traefik accepts on this route, bytes (its Buffering middleware answers
   * 413 above it, chunked bodies included).
   * @default - no limit at the gateway
   */
  readonly maxRequestBodyBytes?: number;
  /**
   * Check every request with an authentication service before it reaches the Service (Traefik's
   * ForwardAuth middleware): a 2xx answer lets it through, anything else is returned to the client.
   * @default - no check at the gateway
   */
  readonly forwardAuth?: ForwardAuth;
  /**
   * Match only requests that carry the gateway's `requiredHeader`.
   * @default true
   */
  readonly requireHeader?: boolean;
}

/** An authentication service Traefik asks about each request (ForwardAuth). */
export interface ForwardAuth {
  /** URL of the check, e.g. `http://oauth2-proxy.edge.svc.cluster.local:4180/oauth2/auth`. */
  readonly address: string;
  /**
   * Headers of the check's answer copied onto the forwarded request.
   * @default - none
   */
  readonly authResponseHeaders?: readonly string[];
}

/**
 * A Private Link service the AKS cloud provider creates in front of the gateway's internal load
 * balancer (the Service's `azure-pls-*` annotations), in the cluster's node resource group.
 */
export interface GatewayPrivateLinkService {
  /** Name of the Private Link service: 1-80 letters, digits, periods, underscores and hyphens. */
  readonly name: string;
  /**
   * Subnet of the service's NAT addresses; it must allow Private Link services (network policies
   * for Private Link services disabled).
   * @default - the load balancer's subnet
   */
  readonly subnetName?: string;
}

/** A header every routed request must carry with this exact value. */
export interface RequiredHeader {
  readonly name: string;
  readonly value: string;
}

export interface TraefikGatewayProps {
  /** Namespace of the Traefik release (its own, so its pods can be given a quota and policies). */
  readonly namespace: string;
  /**
   * A `kubernetes.io/tls` Secret in `namespace`: the default certificate of every route, created
   * outside Terraform (Key Vault through the CSI driver, or cert-manager) so no key lands in state.
   */
  readonly tlsSecretName: string;
  readonly routes: readonly GatewayRoute[];
  /**
   * @default 2
   */
  readonly replicas?: number;
  /**
   * @default { requests: 100m/128Mi, limits: 500m/256Mi }
   */
  readonly resources?: { readonly requests: ResourceQuantities; readonly limits: ResourceQuantities };
  /**
   * An internal Azure load balancer (private IP) instead of a public one.
   * @default false
   */
  readonly internalLoadBalancer?: boolean;
  /**
   * A Private Link service in front of the internal load balancer; needs `internalLoadBalancer`.
   * @default - none
   */
  readonly privateLinkService?: GatewayPrivateLinkService;
  /**
   * A header each route (unless it opts out) requires, such as Front Door's `X-Azure-FDID` with the
   * profile's id: requests that did not come through that edge match no route (404).
   * @default - none
   */
  readonly requiredHeader?: RequiredHeader;
  /**
   * A request header carrying the client's address, set by a proxy in front (Front Door's
   * `X-Azure-ClientIP`): rate limits count per value of it instead of per source address, which
   * behind a Private Link service is one of its few NAT addresses. Only trust a header that the
   * proxy overwrites and that only the proxy can send (see `requiredHeader`).
   * @default - the source address
   */
  readonly clientAddressHeader?: string;
  /**
   * Nodes the Traefik pods may run on (a `nodeSelector`), e.g. the always-on pool so the way in is
   * never on evictable spot nodes.
   * @default - any node
   */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /**
   * @default TRAEFIK_CHART
   */
  readonly chart?: PinnedChart;
  /**
   * @default "traefik"
   */
  readonly releaseName?: string;
}

const PLS_NAME = /^[a-zA-Z0-9]([a-zA-Z0-9._-]{0,78}[a-zA-Z0-9_])?$/;
const HEADER_NAME = /^[A-Za-z0-9-]{1,128}$/;
const HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/**
 * Traefik as the way into a cluster: HTTPS only (HTTP redirects, TLS 1.2 at least), one default
 * certificate, and per route a Host/PathPrefix rule and a rate limit. Routes and middlewares are
 * Traefik CRDs rendered by the chart (`extraObjects`), so no CRD has to exist at plan time: Helm
 * installs the chart's CRDs before its templates.
 */
export class TraefikGateway extends Construct {
  public readonly release: Release;
  /** Lets clients reach the entry points (8000, 8443) from anywhere; the namespace's default deny keeps the rest shut. */
  public readonly entrypointPolicy: NetworkPolicyV1;
  public readonly namespace: string;
  public readonly routes: readonly GatewayRoute[];
  public readonly replicas: number;
  /** The values given to the chart (for tests and reviews). */
  public readonly values: Record<string, unknown>;

  constructor(scope: Construct, id: string, props: TraefikGatewayProps) {
    super(scope, id);
    const replicas = props.replicas ?? 2;
    const resources = props.resources ?? { requests: { cpuMillis: 100, memoryMiB: 128 }, limits: { cpuMillis: 500, memoryMiB: 256 } };
    const chart = props.chart ?? TRAEFIK_CHART;
    const internal = props.internalLoadBalancer ?? false;

    checkDnsLabel(this, "namespace", props.namespace);
    checkDnsLabel(this, "tlsSecretName", props.tlsSecretName);
    checkInteger(this, "replicas", replicas, 1, 100);
    checkPinnedChart(this, "chart", chart);
    const pls = props.privateLinkService;
    if (pls) {
      if (!internal) throw new ValidationError(this, "privateLinkService", pls.name, "expected internalLoadBalancer: true (a Private Link service fronts an internal load balancer)");
      if (!isUnresolved(pls.name) && !PLS_NAME.test(pls.name)) {
        throw new ValidationError(this, "privateLinkService.name", pls.name, "expected 1-80 letters, digits, periods, underscores or hyphens");
      }
    }
    if (props.clientAddressHeader !== undefined && !HEADER_NAME.test(props.clientAddressHeader)) {
      throw new ValidationError(this, "clientAddressHeader", props.clientAddressHeader, "expected an HTTP header name (letters, digits, hyphens)");
    }
    const required = props.requiredHeader;
    if (required) {
      if (!HEADER_NAME.test(required.name)) throw new ValidationError(this, "requiredHeader.name", required.name, "expected an HTTP header name (letters, digits, hyphens)");
      if (!isUnresolved(required.value) && !/^[A-Za-z0-9._~:\/-]{1,256}$/.test(required.value)) {
        throw new ValidationError(this, "requiredHeader.value", required.value, "expected 1-256 characters without spaces, quotes or backticks");
      }
    }
    if (props.routes.length === 0) throw new ValidationError(this, "routes", [], "expected at least one route");
    const names = new Set<string>();
    props.routes.forEach((r, i) => {
      const at = `routes[${i}]`;
      checkDnsLabel(this, `${at}.name`, r.name);
      if (names.has(r.name)) throw new ValidationError(this, `${at}.name`, r.name, "expected each route name once");
      names.add(r.name);
      if (!isUnresolved(r.host) && !HOST.test(r.host)) throw new ValidationError(this, `${at}.host`, r.host, "expected a lowercase fully qualified host name");
      const prefix = r.pathPrefix ?? "/";
      if (!/^\/[A-Za-z0-9._~\/-]*$/.test(prefix)) throw new ValidationError(this, `${at}.pathPrefix`, prefix, 'expected a path starting with "/"');
      checkDnsLabel(this, `${at}.serviceName`, r.serviceName);
      checkDnsLabel(this, `${at}.serviceNamespace`, r.serviceNamespace);
      checkInteger(this, `${at}.servicePort`, r.servicePort, 1, 65535);
      checkInteger(this, `${at}.rateLimit.averagePerSecond`, r.rateLimit.averagePerSecond, 1, 100000);
      checkInteger(this, `${at}.rateLimit.burst`, r.rateLimit.burst, 1, 100000);
      if (r.maxRequestBodyBytes !== undefined) checkInteger(this, `${at}.maxRequestBodyBytes`, r.maxRequestBodyBytes, 1, 1024 * 1024 * 1024);
      if (r.forwardAuth && !isUnresolved(r.forwardAuth.address) && !/^https?:\/\/[^\s`"]+$/.test(r.forwardAuth.address)) {
        throw new ValidationError(this, `${at}.forwardAuth.address`, r.forwardAuth.address, "expected an http:// or https:// URL");
      }
      if (r.requireHeader === true && !required) throw new ValidationError(this, `${at}.requireHeader`, true, "expected requiredHeader to be set on the gateway");
    });

    const extraObjects = props.routes.flatMap((r) => {
      const prefix = r.pathPrefix ?? "/";
      const middlewares = [{ name: `${r.name}-rate-limit`, namespace: r.serviceNamespace }];
      const objects: Record<string, unknown>[] = [
        {
          apiVersion: "traefik.io/v1alpha1",
          kind: "Middleware",
          metadata: { name: `${r.name}-rate-limit`, namespace: r.serviceNamespace },
          spec: {
            rateLimit: {
              average: r.rateLimit.averagePerSecond,
              period: "1s",
              burst: r.rateLimit.burst,
              ...(props.clientAddressHeader ? { sourceCriterion: { requestHeaderName: props.clientAddressHeader } } : {}),
            },
          },
        },
      ];
      const middleware = (suffix: string, spec: Record<string, unknown>) => {
        middlewares.push({ name: `${r.name}-${suffix}`, namespace: r.serviceNamespace });
        objects.push({ apiVersion: "traefik.io/v1alpha1", kind: "Middleware", metadata: { name: `${r.name}-${suffix}`, namespace: r.serviceNamespace }, spec });
      };
      if (r.maxRequestBodyBytes !== undefined) middleware("body-limit", { buffering: { maxRequestBodyBytes: r.maxRequestBodyBytes } });
      if (r.forwardAuth) {
        middleware("auth", {
          forwardAuth: { address: r.forwardAuth.address, trustForwardHeader: false, authResponseHeaders: [...(r.forwardAuth.authResponseHeaders ?? [])] },
        });
      }
      if (r.stripPrefix && prefix !== "/") {
        middlewares.push({ name: `${r.name}-strip-prefix`, namespace: r.serviceNamespace });
        objects.push({
          apiVersion: "traefik.io/v1alpha1",
          kind: "Middleware",
          metadata: { name: `${r.name}-strip-prefix`, namespace: r.serviceNamespace },
          spec: { stripPrefix: { prefixes: [prefix] } },
        });
      }
      objects.push({
        apiVersion: "traefik.io/v1alpha1",
        kind: "IngressRoute",
        metadata: { name: r.name, namespace: r.serviceNamespace },
        spec: {
          entryPoints: ["websecure"],
          routes: [
            {
              kind: "Rule",
              match: [
                `Host(\`${r.host}\`)`,
                ...(prefix === "/" ? [] : [`PathPrefix(\`${prefix}\`)`]),
                ...(required && (r.requireHeader ?? true) ? [`Header(\`${required.name}\`, \`${required.value}\`)`] : []),
              ].join(" && "),
              middlewares,
              services: [{ name: r.serviceName, port: r.servicePort }],
            },
          ],
          // The TLSStore's default certificate serves every route.
          tls: {},
        },
      });
      return objects;
    });

    const values: Record<string, unknown> = {
      deployment: { replicas },
      podDisruptionBudget: replicas >= 2 ? { enabled: true, maxUnavailable: 1 } : { enabled: false },
      ingressClass: { enabled: false },
      providers: {
        kubernetesCRD: { enabled: true, allowCrossNamespace: false, allowExternalNameServices: false },
        kubernetesIngress: { enabled: false },
      },
      ports: {
        web: { http: { redirections: { entryPoint: { to: "websecure", scheme: "https", permanent: true } } } },
        websecure: { http: { tls: { enabled: true } } },
      },
      tlsOptions: { default: { minVersion: "VersionTLS12", sniStrict: true } },
      tlsStore: { default: { defaultCertificate: { secretName: props.tlsSecretName } } },
      service: internal
        ? {
            annotations: {
              "service.beta.kubernetes.io/azure-load-balancer-internal": "true",
              ...(pls
                ? {
                    "service.beta.kubernetes.io/azure-pls-create": "true",
                    "service.beta.kubernetes.io/azure-pls-name": pls.name,
                    ...(pls.subnetName ? { "service.beta.kubernetes.io/azure-pls-ip-configuration-subnet": pls.subnetName } : {}),
                  }
                : {}),
            },
          }
        : {},
      resources: {
        requests: { cpu: `${resources.requests.cpuMillis}m`, memory: `${resources.requests.memoryMiB}Mi` },
        limits: { cpu: `${resources.limits.cpuMillis}m`, memory: `${resources.limits.memoryMiB}Mi` },
      },
      ...(props.nodeSelector ? { nodeSelector: { ...props.nodeSelector } } : {}),
      extraObjects,
    };

    this.release = new Release(this, "Resource", {
      name: props.releaseName ?? "traefik",
      namespace: props.namespace,
      ...pinnedReleaseConfig(chart, values),
    });
    this.entrypointPolicy = new NetworkPolicyV1(this, "Entrypoints", {
      metadata: { name: "traefik-entrypoints", namespace: props.namespace },
      spec: {
        podSelector: { matchLabels: { "app.kubernetes.io/name": "traefik" } },
        policyTypes: ["Ingress"],
        ingress: [{ ports: [{ port: "8000", protocol: "TCP" }, { port: "8443", protocol: "TCP" }] }],
      },
    });
    this.namespace = props.namespace;
    this.routes = props.routes;
    this.replicas = replicas;
    this.values = values;
  }
}
