import { Construct } from "constructs";
import { Release } from "@cdktf/provider-helm/lib/release";
import { NetworkPolicyV1 } from "@cdktf/provider-kubernetes/lib/network-policy-v1";
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
   * @default TRAEFIK_CHART
   */
  readonly chart?: PinnedChart;
  /**
   * @default "traefik"
   */
  readonly releaseName?: string;
}

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
    });

    const extraObjects = props.routes.flatMap((r) => {
      const prefix = r.pathPrefix ?? "/";
      const middlewares = [{ name: `${r.name}-rate-limit`, namespace: r.serviceNamespace }];
      const objects: Record<string, unknown>[] = [
        {
          apiVersion: "traefik.io/v1alpha1",
          kind: "Middleware",
          metadata: { name: `${r.name}-rate-limit`, namespace: r.serviceNamespace },
          spec: { rateLimit: { average: r.rateLimit.averagePerSecond, period: "1s", burst: r.rateLimit.burst } },
        },
      ];
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
              match: prefix === "/" ? `Host(\`${r.host}\`)` : `Host(\`${r.host}\`) && PathPrefix(\`${prefix}\`)`,
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
      service: internal ? { annotations: { "service.beta.kubernetes.io/azure-load-balancer-internal": "true" } } : {},
      resources: {
        requests: { cpu: `${resources.requests.cpuMillis}m`, memory: `${resources.requests.memoryMiB}Mi` },
        limits: { cpu: `${resources.limits.cpuMillis}m`, memory: `${resources.limits.memoryMiB}Mi` },
      },
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
