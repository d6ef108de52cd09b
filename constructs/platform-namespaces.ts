import { Construct } from "constructs";
import { NamespaceV1 } from "../providers/kubernetes/namespace-v1";
import { ValidationError } from "./validation-error";
import { PlatformNames } from "./platform-name";

/** Pod Security Standards levels (`pod-security.kubernetes.io/*` labels). */
export enum PodSecurityLevel {
  RESTRICTED = "restricted",
  BASELINE = "baseline",
  PRIVILEGED = "privileged",
}

/** One namespace of the platform. */
export interface NamespaceOptions {
  /** DNS-1123 label: 1-63 lowercase alphanumerics or hyphens, alphanumeric at both ends. */
  readonly name: string;
  /**
   * Pod Security Standard enforced on the namespace.
   * @default PodSecurityLevel.RESTRICTED
   */
  readonly podSecurity?: PodSecurityLevel;
}

/** The namespaces of the platform and why each has its Pod Security level. */
export const DEFAULT_PLATFORM_NAMESPACES: readonly NamespaceOptions[] = [
  { name: "platform" },
  { name: "agents" },
  { name: "languages" },
  // Node exporter and the log shipper need host paths and the host network.
  { name: "observability", podSecurity: PodSecurityLevel.PRIVILEGED },
];

export interface PlatformNamespacesProps {
  /**
   * @default DEFAULT_PLATFORM_NAMESPACES
   */
  readonly namespaces?: readonly NamespaceOptions[];
  /**
   * Value of the `app.kubernetes.io/part-of` label.
   * @default - `<platform>-platform` (`PlatformNames.partOf`)
   */
  readonly partOf?: string;
}

const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** The platform's namespaces, each labelled with the Pod Security Standard it enforces. */
export class PlatformNamespaces extends Construct {
  private readonly byName = new Map<string, NamespaceV1>();

  constructor(scope: Construct, id: string, props: PlatformNamespacesProps = {}) {
    super(scope, id);
    const namespaces = props.namespaces ?? DEFAULT_PLATFORM_NAMESPACES;
    const partOf = props.partOf ?? PlatformNames.of(this).partOf;

    for (const ns of namespaces) {
      if (!DNS_LABEL.test(ns.name)) {
        throw new ValidationError(this, "namespaces[].name", ns.name, "expected a DNS-1123 label: 1-63 lowercase letters, digits or hyphens, alphanumeric at both ends");
      }
      if (this.byName.has(ns.name)) {
        throw new ValidationError(this, "namespaces[].name", ns.name, "expected each namespace once");
      }
      const level = ns.podSecurity ?? PodSecurityLevel.RESTRICTED;
      const resource = new NamespaceV1(this, ns.name, {
        metadata: {
          name: ns.name,
          labels: {
            "app.kubernetes.io/part-of": partOf,
            "pod-security.kubernetes.io/enforce": level,
            "pod-security.kubernetes.io/audit": level,
            "pod-security.kubernetes.io/warn": level,
          },
        },
      });
      this.byName.set(ns.name, resource);
    }
  }

  /** Names of the namespaces, in declaration order. */
  public get names(): string[] {
    return [...this.byName.keys()];
  }

  /** The namespace's name as a reference, so resources in it are created after it. */
  public nameOf(name: string): string {
    const ns = this.byName.get(name);
    if (!ns) {
      throw new ValidationError(this, "namespace", name, `expected one of ${this.names.map((n) => JSON.stringify(n)).join(", ")}`);
    }
    return ns.metadata.name;
  }
}
