import { Construct } from "constructs";
import { LimitRangeV1 } from "../providers/kubernetes/limit-range-v1";
import { NetworkPolicyV1 } from "../providers/kubernetes/network-policy-v1";
import { ResourceQuotaV1 } from "../providers/kubernetes/resource-quota-v1";
import { checkDnsLabel, checkInteger, checkPositive, parseCidr } from "./checks";
import { ValidationError } from "./validation-error";
import { ResourceQuantities } from "./workload";

/** What a namespace may consume in total. */
export interface NamespaceQuota {
  readonly requests: ResourceQuantities;
  readonly limits: ResourceQuantities;
  readonly pods: number;
}

/** Something that runs pods (a `Workload`, an in-cluster database) and the most replicas it may reach. */
export interface QuotaItem {
  readonly workload: { readonly requests: ResourceQuantities; readonly limits: ResourceQuantities };
  readonly maxReplicas: number;
  /**
   * What the pods' RuntimeClass adds to each (Kata's `overhead.podFixed`): ResourceQuota counts it
   * in both requests and limits.
   * @default - none
   */
  readonly podOverhead?: ResourceQuantities;
}

/**
 * The quota a set of workloads needs at their maximum scale, with headroom for rolling updates
 * (surge pods) and for one-off pods; rounded up so quotas read cleanly.
 */
export function quotaFor(items: readonly QuotaItem[], headroom = 1.25): NamespaceQuota {
  const sum = (pick: (item: QuotaItem) => number) => items.reduce((total, item) => total + pick(item) * item.maxReplicas, 0);
  const up = (value: number, step: number) => Math.max(step, Math.ceil((value * headroom) / step) * step);
  const cpu = (i: QuotaItem) => i.podOverhead?.cpuMillis ?? 0;
  const memory = (i: QuotaItem) => i.podOverhead?.memoryMiB ?? 0;
  return {
    requests: {
      cpuMillis: up(sum((i) => i.workload.requests.cpuMillis + cpu(i)), 100),
      memoryMiB: up(sum((i) => i.workload.requests.memoryMiB + memory(i)), 128),
    },
    limits: {
      cpuMillis: up(sum((i) => i.workload.limits.cpuMillis + cpu(i)), 100),
      memoryMiB: up(sum((i) => i.workload.limits.memoryMiB + memory(i)), 128),
    },
    pods: Math.max(1, Math.ceil(items.reduce((n, i) => n + i.maxReplicas, 0) * headroom)),
  };
}

/** Ingress from one namespace to some of this namespace's pods, on some TCP ports only. */
export interface NamespaceIngressAllowance {
  /** Suffix of the NetworkPolicy's name (`allow-<name>`): a DNS label. */
  readonly name: string;
  readonly fromNamespace: string;
  readonly ports: readonly number[];
  /**
   * Labels of the pods it may reach.
   * @default - every pod of the namespace
   */
  readonly podLabels?: Readonly<Record<string, string>>;
}

export interface NamespaceGuardrailsProps {
  readonly namespace: string;
  /**
   * What the namespace may consume in total.
   * @default - no quota: only for namespaces whose pod count follows the node count (DaemonSets),
   * where a quota would silently keep pods off new nodes
   */
  readonly quota?: NamespaceQuota;
  /**
   * Namespaces whose pods may connect in (all ports). The namespace's own pods always may.
   * @default - none
   */
  readonly ingressFromNamespaces?: readonly string[];
  /**
   * Narrower ingress: from a namespace to labelled pods on given ports (the API server's path to
   * an admission webhook, through konnectivity-agent in kube-system).
   * @default - none
   */
  readonly ingressAllowances?: readonly NamespaceIngressAllowance[];
  /**
   * Namespaces this namespace's pods may connect to. Its own namespace is always allowed.
   * @default - none
   */
  readonly egressToNamespaces?: readonly string[];
  /**
   * TCP ports this namespace may reach outside the cluster (managed data stores, model APIs).
   * @default - none
   */
  readonly externalEgressPorts?: readonly number[];
  /**
   * Private address ranges (private endpoints of the data stores) and the ports to reach there.
   * @default - none
   */
  readonly privateEgress?: readonly { readonly cidr: string; readonly ports: readonly number[] }[];
  /**
   * Allow DNS to the cluster resolver; off for namespaces with no egress at all.
   * @default true
   */
  readonly dnsEgress?: boolean;
  /**
   * Let the namespace's pods talk to each other; off where every pod must stand alone.
   * @default true
   */
  readonly intraNamespace?: boolean;
  /**
   * Allow egress anywhere (monitoring scrapes nodes, the API server and every namespace).
   * @default false
   */
  readonly unrestrictedEgress?: boolean;
  /**
   * Requests and limits a container gets when it sets none.
   * @default { requests: 100m/128Mi, limits: 500m/512Mi }
   */
  readonly containerDefaults?: { readonly requests: ResourceQuantities; readonly limits: ResourceQuantities };
  /**
   * The largest limits one container may set.
   * @default - 4 vCPU / 8 GiB
   */
  readonly containerMax?: ResourceQuantities;
}

const DNS_PORTS = [
  { port: "53", protocol: "UDP" },
  { port: "53", protocol: "TCP" },
];

const byName = (ns: string) => ({ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": ns } } });

/**
 * What keeps a namespace inside its budget and its lane: a default-deny NetworkPolicy (ingress
 * and egress), the allows the namespace's services need, a ResourceQuota sized from the tier and
 * a LimitRange for containers that set no resources.
 */
export class NamespaceGuardrails extends Construct {
  public readonly defaultDeny: NetworkPolicyV1;
  /** The allows; absent when the namespace allows nothing (every pod stands alone). */
  public readonly allow?: NetworkPolicyV1;
  /** One NetworkPolicy per `ingressAllowances` entry, by its name. */
  public readonly ingressAllowances: ReadonlyMap<string, NetworkPolicyV1>;
  public readonly quota?: ResourceQuotaV1;
  public readonly limitRange: LimitRangeV1;

  constructor(scope: Construct, id: string, props: NamespaceGuardrailsProps) {
    super(scope, id);
    const ingressFrom = props.ingressFromNamespaces ?? [];
    const egressTo = props.egressToNamespaces ?? [];
    const externalPorts = props.externalEgressPorts ?? [];
    const privateEgress = props.privateEgress ?? [];
    const dns = props.dnsEgress ?? true;
    const intra = props.intraNamespace ?? true;
    const unrestrictedEgress = props.unrestrictedEgress ?? false;
    const defaults = props.containerDefaults ?? {
      requests: { cpuMillis: 100, memoryMiB: 128 },
      limits: { cpuMillis: 500, memoryMiB: 512 },
    };
    const max = props.containerMax ?? { cpuMillis: 4000, memoryMiB: 8192 };

    checkDnsLabel(this, "namespace", props.namespace);
    [...ingressFrom, ...egressTo].forEach((ns) => checkDnsLabel(this, "namespaces", ns));
    externalPorts.forEach((port) => checkInteger(this, "externalEgressPorts", port, 1, 65535));
    for (const rule of privateEgress) {
      parseCidr(this, "privateEgress.cidr", rule.cidr);
      rule.ports.forEach((port) => checkInteger(this, "privateEgress.ports", port, 1, 65535));
    }
    if (props.quota) this.checkQuota(props.quota);
    if (defaults.limits.cpuMillis < defaults.requests.cpuMillis || defaults.limits.memoryMiB < defaults.requests.memoryMiB) {
      throw new ValidationError(this, "containerDefaults.limits", defaults.limits, "expected limits at least as large as requests");
    }
    if (max.cpuMillis < defaults.limits.cpuMillis || max.memoryMiB < defaults.limits.memoryMiB) {
      throw new ValidationError(this, "containerMax", max, "expected at least the default limits");
    }

    const metadata = (name: string) => ({ name, namespace: props.namespace });
    this.defaultDeny = new NetworkPolicyV1(this, "DefaultDeny", {
      metadata: metadata("default-deny"),
      spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
    });

    const own = intra ? [byName(props.namespace)] : [];
    const egressPeers = [...own, ...egressTo.map(byName)];
    const ingressPeers = [...own, ...ingressFrom.map(byName)];
    const tcp = (ports: readonly number[]) => ports.map((port) => ({ port: String(port), protocol: "TCP" }));
    const egress = [
      // An egress rule with no peers and no ports matches every destination.
      ...(unrestrictedEgress ? [{}] : []),
      ...(egressPeers.length > 0 ? [{ to: egressPeers }] : []),
      ...(dns ? [{ to: [byName("kube-system")], ports: DNS_PORTS }] : []),
      ...(externalPorts.length > 0
        ? [
            {
              // Outside the cluster only: pod and service ranges stay governed by the rules above.
              to: [{ ipBlock: { cidr: "0.0.0.0/0", except: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"] } }],
              ports: tcp(externalPorts),
            },
          ]
        : []),
      ...privateEgress.map((rule) => ({ to: [{ ipBlock: { cidr: rule.cidr } }], ports: tcp(rule.ports) })),
    ];
    const ingress = ingressPeers.length > 0 ? [{ from: ingressPeers }] : [];
    if (egress.length > 0 || ingress.length > 0) {
      this.allow = new NetworkPolicyV1(this, "Allow", {
        metadata: metadata("allow-platform-traffic"),
        spec: {
          podSelector: {},
          policyTypes: [...(ingress.length > 0 ? ["Ingress"] : []), ...(egress.length > 0 ? ["Egress"] : [])],
          ingress: ingress.length > 0 ? ingress : undefined,
          egress: egress.length > 0 ? egress : undefined,
        },
      });
    }

    const allowances = new Map<string, NetworkPolicyV1>();
    (props.ingressAllowances ?? []).forEach((allowance, i) => {
      checkDnsLabel(this, `ingressAllowances[${i}].name`, allowance.name);
      checkDnsLabel(this, `ingressAllowances[${i}].fromNamespace`, allowance.fromNamespace);
      if (allowances.has(allowance.name)) {
        throw new ValidationError(this, `ingressAllowances[${i}].name`, allowance.name, "expected each allowance name once");
      }
      if (allowance.ports.length === 0) {
        throw new ValidationError(this, `ingressAllowances[${i}].ports`, [], "expected at least one TCP port");
      }
      allowance.ports.forEach((port) => checkInteger(this, `ingressAllowances[${i}].ports`, port, 1, 65535));
      allowances.set(
        allowance.name,
        new NetworkPolicyV1(this, `Allow-${allowance.name}`, {
          metadata: metadata(`allow-${allowance.name}`),
          spec: {
            podSelector: allowance.podLabels ? { matchLabels: { ...allowance.podLabels } } : {},
            policyTypes: ["Ingress"],
            ingress: [{ from: [byName(allowance.fromNamespace)], ports: tcp(allowance.ports) }],
          },
        }),
      );
    });
    this.ingressAllowances = allowances;

    const quota = props.quota;
    if (quota) {
      this.quota = new ResourceQuotaV1(this, "Quota", {
        metadata: metadata("platform-budget"),
        spec: {
          hard: {
            "requests.cpu": `${quota.requests.cpuMillis}m`,
            "requests.memory": `${quota.requests.memoryMiB}Mi`,
            "limits.cpu": `${quota.limits.cpuMillis}m`,
            "limits.memory": `${quota.limits.memoryMiB}Mi`,
            pods: String(quota.pods),
          },
        },
      });
    }

    this.limitRange = new LimitRangeV1(this, "LimitRange", {
      metadata: metadata("container-defaults"),
      spec: {
        limit: [
          {
            type: "Container",
            defaultRequest: { cpu: `${defaults.requests.cpuMillis}m`, memory: `${defaults.requests.memoryMiB}Mi` },
            default: { cpu: `${defaults.limits.cpuMillis}m`, memory: `${defaults.limits.memoryMiB}Mi` },
            max: { cpu: `${max.cpuMillis}m`, memory: `${max.memoryMiB}Mi` },
          },
        ],
      },
    });
  }

  private checkQuota(quota: NamespaceQuota): void {
    for (const [name, q] of Object.entries({ "quota.requests": quota.requests, "quota.limits": quota.limits })) {
      checkPositive(this, `${name}.cpuMillis`, q.cpuMillis);
      checkPositive(this, `${name}.memoryMiB`, q.memoryMiB);
    }
    checkInteger(this, "quota.pods", quota.pods, 1, 100000);
    if (quota.limits.cpuMillis < quota.requests.cpuMillis || quota.limits.memoryMiB < quota.requests.memoryMiB) {
      throw new ValidationError(this, "quota.limits", quota.limits, "expected limits at least as large as requests");
    }
  }
}
