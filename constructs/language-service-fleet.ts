import { Construct } from "constructs";
import { NetworkPolicyV1 } from "../providers/kubernetes/network-policy-v1";
import { checkDnsLabel, checkInteger, checkOrdered } from "./checks";
import { PART_OF_LABEL_KEY, PlatformNames } from "./platform-name";
import { Placement } from "./placement";
import { ValidationError } from "./validation-error";
import { ResourceQuantities, Workload } from "./workload";

/** One language service: a pinned image that compiles or runs untrusted code. */
export interface LanguageServiceDefinition {
  /** Service name (`lang-<id>`), a DNS-1123 label. */
  readonly id: string;
  readonly displayName: string;
  /**
   * Pinned image (tag or digest). A bare name is in the platform's namespace
   * (`<platform>/<image>`, `PlatformNames.image`); one with a slash is used as is.
   */
  readonly image: string;
  /** The base image seed 001 names, for the record. */
  readonly baseImage: string;
  /** Limits; requests are half of them, so a warm pool reserves little. */
  readonly limits: ResourceQuantities;
  /**
   * @default 8080
   */
  readonly port?: number;
}

const LANG_TAG = "1.0.0";

/**
 * Seed 001's fleet. Limits from the seed: C and Python 256 MB / 0.5 CPU, Haskell 512 MB / 1.0 CPU.
 * The rest are ours: IDRIS2 compiles through Chez Scheme like a Haskell build (512 MB / 1.0);
 * SBCL reserves a large dynamic space, capped to fit 512 MB (0.5 CPU); NASM assembles and links
 * small objects (128 MB / 0.25); the JVM needs heap plus metaspace (768 MB / 1.0); System F is a
 * small interpreter (256 MB / 0.5).
 */
export const DEFAULT_LANGUAGE_CATALOG: readonly LanguageServiceDefinition[] = [
  { id: "c", displayName: "C (GCC)", image: `lang-c:${LANG_TAG}`, baseImage: "ubuntu:22.04", limits: { cpuMillis: 500, memoryMiB: 256 } },
  { id: "python", displayName: "Python", image: `lang-python:${LANG_TAG}`, baseImage: "python:3.10-slim", limits: { cpuMillis: 500, memoryMiB: 256 } },
  { id: "haskell", displayName: "Haskell (GHC)", image: `lang-haskell:${LANG_TAG}`, baseImage: "haskell:9.2", limits: { cpuMillis: 1000, memoryMiB: 512 } },
  { id: "idris2", displayName: "IDRIS2", image: `lang-idris2:${LANG_TAG}`, baseImage: "ubuntu:22.04", limits: { cpuMillis: 1000, memoryMiB: 512 } },
  { id: "lisp", displayName: "Lisp (SBCL)", image: `lang-lisp:${LANG_TAG}`, baseImage: "ubuntu:22.04", limits: { cpuMillis: 500, memoryMiB: 512 } },
  { id: "assembly", displayName: "Assembly (NASM)", image: `lang-assembly:${LANG_TAG}`, baseImage: "ubuntu:22.04", limits: { cpuMillis: 250, memoryMiB: 128 } },
  { id: "java", displayName: "Java (OpenJDK 17)", image: `lang-java:${LANG_TAG}`, baseImage: "openjdk:17-slim", limits: { cpuMillis: 1000, memoryMiB: 768 } },
  { id: "system-f", displayName: "System F", image: `lang-system-f:${LANG_TAG}`, baseImage: "ubuntu:22.04", limits: { cpuMillis: 500, memoryMiB: 256 } },
];

const DEFAULT_LANGUAGE_PORT = 8080;

/** The `app.kubernetes.io/component` label of every language service's pods: code nobody vetted runs there. */
export const LANGUAGE_SERVICE_COMPONENT = { key: "app.kubernetes.io/component", value: "language-service" } as const;

/** What a language service's pods request: half their limits, so a warm pool reserves little. */
export function languageServiceRequests(lang: LanguageServiceDefinition): ResourceQuantities {
  return {
    cpuMillis: Math.max(1, Math.floor(lang.limits.cpuMillis / 2)),
    memoryMiB: Math.max(1, Math.floor(lang.limits.memoryMiB / 2)),
  };
}

/** The TCP ports a catalog's services listen on, each once, ascending. */
export function languageServicePorts(catalog: readonly LanguageServiceDefinition[] = DEFAULT_LANGUAGE_CATALOG): number[] {
  return [...new Set(catalog.map((lang) => lang.port ?? DEFAULT_LANGUAGE_PORT))].sort((a, b) => a - b);
}

/** Who may call the language services: pods with the platform label in these namespaces. */
export interface LanguageServiceCallers {
  readonly namespaces: readonly string[];
}

export interface LanguageServiceFleetProps {
  readonly namespace: string;
  /** Pre-spawned pods per language, always running. */
  readonly warmReplicas: number;
  /** Most pods per language. */
  readonly maxReplicas: number;
  /** Namespaces whose platform pods may call the fleet. */
  readonly callers: LanguageServiceCallers;
  /**
   * Namespace whose pods may scrape the services' port (Prometheus).
   * @default - none
   */
  readonly monitoringNamespace?: string;
  /**
   * The languages; extend with `[...DEFAULT_LANGUAGE_CATALOG, mine]` or replace.
   * @default DEFAULT_LANGUAGE_CATALOG
   */
  readonly catalog?: readonly LanguageServiceDefinition[];
  /**
   * Where the pods run; `Placement.sandboxed(...)` puts them in Kata VMs.
   * @default Placement.anyNode()
   */
  readonly placement?: Placement;
  /**
   * Average CPU utilisation at which the pool grows.
   * @default 60
   */
  readonly targetCpuUtilizationPercent?: number;
}

/**
 * Seed 001's language services. Each runs code nobody vetted, so on top of the workload defaults
 * (non-root, read-only root, no capabilities, seccomp RuntimeDefault, no token) each gets a
 * NetworkPolicy with no egress at all and ingress only from the platform's own callers, and a
 * warm pool that an HPA grows under load (`GET /capabilities` every 30 s as health check).
 */
export class LanguageServiceFleet extends Construct {
  public readonly workloads: ReadonlyMap<string, Workload>;
  public readonly networkPolicies: ReadonlyMap<string, NetworkPolicyV1>;
  public readonly catalog: readonly LanguageServiceDefinition[];

  constructor(scope: Construct, id: string, props: LanguageServiceFleetProps) {
    super(scope, id);
    const names = PlatformNames.of(this);
    const catalog = props.catalog ?? DEFAULT_LANGUAGE_CATALOG;
    const placement = props.placement ?? Placement.anyNode();
    const target = props.targetCpuUtilizationPercent ?? 60;

    checkDnsLabel(this, "namespace", props.namespace);
    checkInteger(this, "warmReplicas", props.warmReplicas, 1, 1000);
    checkInteger(this, "maxReplicas", props.maxReplicas, 1, 1000);
    checkOrdered(this, "warmReplicas", props.warmReplicas, "maxReplicas", props.maxReplicas);
    if (props.callers.namespaces.length === 0) {
      throw new ValidationError(this, "callers.namespaces", [], "expected at least one namespace allowed to call the fleet");
    }
    props.callers.namespaces.forEach((ns, i) => checkDnsLabel(this, `callers.namespaces[${i}]`, ns));
    if (props.monitoringNamespace !== undefined) checkDnsLabel(this, "monitoringNamespace", props.monitoringNamespace);
    if (catalog.length === 0) {
      throw new ValidationError(this, "catalog", [], "expected at least one language service");
    }

    const workloads = new Map<string, Workload>();
    const policies = new Map<string, NetworkPolicyV1>();
    catalog.forEach((lang, i) => {
      const name = `lang-${lang.id}`;
      checkDnsLabel(this, `catalog[${i}].id`, name);
      if (workloads.has(name)) {
        throw new ValidationError(this, `catalog[${i}].id`, lang.id, "expected language ids unique in the namespace");
      }
      const port = lang.port ?? DEFAULT_LANGUAGE_PORT;
      const workload = new Workload(this, lang.id, {
        name,
        namespace: props.namespace,
        image: names.image(lang.image),
        port,
        requests: languageServiceRequests(lang),
        limits: lang.limits,
        livenessProbe: { path: "/capabilities", periodSeconds: 30, timeoutSeconds: 5 },
        readinessProbe: { path: "/capabilities", periodSeconds: 30, timeoutSeconds: 5 },
        autoscaling: { minReplicas: props.warmReplicas, maxReplicas: props.maxReplicas, targetCpuUtilizationPercent: target },
        placement,
        labels: {
          [PART_OF_LABEL_KEY]: names.partOf,
          [LANGUAGE_SERVICE_COMPONENT.key]: LANGUAGE_SERVICE_COMPONENT.value,
        },
        // Compilers write scratch files; nothing else is writable.
        writablePaths: ["/tmp", "/workspace"],
        terminationGracePeriodSeconds: 10,
      });
      workloads.set(name, workload);
      policies.set(
        name,
        new NetworkPolicyV1(this, `${lang.id}-isolation`, {
          metadata: { name: `${name}-isolation`, namespace: props.namespace },
          spec: {
            podSelector: { matchLabels: { ...workload.selectorLabels } },
            policyTypes: ["Ingress", "Egress"],
            ingress: [
              {
                from: props.callers.namespaces.map((ns) => ({
                  namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": ns } },
                  podSelector: { matchLabels: { [PART_OF_LABEL_KEY]: names.partOf } },
                })),
                ports: [{ port: String(port), protocol: "TCP" }],
              },
              ...(props.monitoringNamespace
                ? [
                    {
                      from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": props.monitoringNamespace } } }],
                      ports: [{ port: String(port), protocol: "TCP" }],
                    },
                  ]
                : []),
            ],
            // Listed as a policy type with no rules: no egress at all, not even DNS.
            egress: [],
          },
        }),
      );
    });
    this.workloads = workloads;
    this.networkPolicies = policies;
    this.catalog = catalog;
  }
}
