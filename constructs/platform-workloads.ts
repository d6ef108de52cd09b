import { Construct } from "constructs";
import { AgentTeams, AgentTeamsProps } from "./agent-teams";
import { CoreServices, CoreServicesProps } from "./core-services";
import { LanguageServiceFleet, LanguageServiceFleetProps } from "./language-service-fleet";
import { NamespaceGuardrails, NamespaceIngressAllowance, NamespaceQuota, QuotaItem, quotaFor } from "./namespace-guardrails";
import { PROMETHEUS_OPERATOR_WEBHOOK } from "./observability-stack";
import { ValidationError } from "./validation-error";

/** The namespaces the platform's workloads go to. */
export interface PlatformWorkloadNamespaces {
  readonly platform: string;
  readonly agents: string;
  readonly languages: string;
  /** Where Prometheus runs; it may scrape every workload. */
  readonly observability: string;
}

export interface PlatformWorkloadsProps {
  readonly namespaces: PlatformWorkloadNamespaces;
  readonly coreServices: Omit<CoreServicesProps, "namespace">;
  readonly agentTeams: Omit<AgentTeamsProps, "namespace">;
  /**
   * @default - no language services
   */
  readonly languageServices?: Omit<LanguageServiceFleetProps, "namespace" | "callers" | "monitoringNamespace">;
  /**
   * TCP ports the platform and agents may reach outside the cluster (model APIs, Entra ID, the
   * managed data stores' public endpoints).
   * @default [443]
   */
  readonly externalEgressPorts?: readonly number[];
  /**
   * Private ranges the platform may reach (the data stores' private endpoints), with their ports.
   * @default - none
   */
  readonly privateEgress?: readonly { readonly cidr: string; readonly ports: readonly number[] }[];
  /**
   * Quota of pods the platform namespace holds besides the core services (in-cluster databases in dev).
   * @default - none
   */
  readonly additionalPlatformQuota?: readonly QuotaItem[];
  /**
   * A gateway namespace (the edge's Traefik) allowed into the platform namespace, to one core
   * service's pods on its container port only.
   * @default - none
   */
  readonly gateway?: { readonly namespace: string; readonly serviceName: string };
}

/**
 * Everything the platform runs on a cluster: the perimeter in `platform`, the agent teams in
 * `agents`, the language services in `languages`, and each namespace's guardrails (default-deny
 * NetworkPolicy with the allows the services need, a ResourceQuota sized from what runs there at
 * its maximum scale, a LimitRange).
 */
export class PlatformWorkloads extends Construct {
  public readonly coreServices: CoreServices;
  public readonly agentTeams: AgentTeams;
  public readonly languageServices?: LanguageServiceFleet;
  public readonly guardrails: ReadonlyMap<string, NamespaceGuardrails>;
  /** The quota of each namespace, as applied. */
  public readonly quotas: ReadonlyMap<string, NamespaceQuota>;

  constructor(scope: Construct, id: string, props: PlatformWorkloadsProps) {
    super(scope, id);
    const ns = props.namespaces;
    const externalPorts = props.externalEgressPorts ?? [443];
    const names = [ns.platform, ns.agents, ns.languages];
    if (new Set(names).size !== names.length) {
      throw new ValidationError(this, "namespaces", ns, "expected distinct platform, agents and languages namespaces");
    }

    this.coreServices = new CoreServices(this, "CoreServices", { ...props.coreServices, namespace: ns.platform });
    this.agentTeams = new AgentTeams(this, "AgentTeams", { ...props.agentTeams, namespace: ns.agents });
    if (props.languageServices) {
      this.languageServices = new LanguageServiceFleet(this, "LanguageServices", {
        ...props.languageServices,
        namespace: ns.languages,
        callers: { namespaces: [ns.platform, ns.agents] },
        monitoringNamespace: ns.observability,
      });
    }

    const teamMax = props.agentTeams.maxReplicas;
    const quotas = new Map<string, NamespaceQuota>();
    quotas.set(
      ns.platform,
      quotaFor([
        ...[...this.coreServices.workloads.values()].map((workload) => ({ workload, maxReplicas: workload.replicas })),
        ...(props.additionalPlatformQuota ?? []),
      ]),
    );
    quotas.set(ns.agents, quotaFor([...this.agentTeams.workloads.values()].map((workload) => ({ workload, maxReplicas: teamMax }))));
    if (this.languageServices) {
      const max = props.languageServices?.maxReplicas ?? 1;
      // Kata's RuntimeClass overhead counts against the quota too, where the fleet is sandboxed.
      const podOverhead = props.languageServices?.placement?.podOverhead;
      quotas.set(ns.languages, quotaFor([...this.languageServices.workloads.values()].map((workload) => ({ workload, maxReplicas: max, podOverhead }))));
    }

    let gatewayAllowance: NamespaceIngressAllowance | undefined;
    if (props.gateway) {
      const target = this.coreServices.workloads.get(props.gateway.serviceName);
      if (!target) {
        throw new ValidationError(this, "gateway.serviceName", props.gateway.serviceName, `expected one of the core services (${[...this.coreServices.workloads.keys()].join(", ")})`);
      }
      gatewayAllowance = { name: "gateway", fromNamespace: props.gateway.namespace, ports: [target.port], podLabels: target.selectorLabels };
    }

    const guardrails = new Map<string, NamespaceGuardrails>();
    // KEDA (kube-system) polls capacity-manager's demand endpoint; Prometheus scrapes everything.
    guardrails.set(
      ns.platform,
      new NamespaceGuardrails(this, "PlatformGuardrails", {
        namespace: ns.platform,
        quota: quotas.get(ns.platform) as NamespaceQuota,
        ingressFromNamespaces: [ns.agents, ns.observability, "kube-system"],
        ingressAllowances: gatewayAllowance ? [gatewayAllowance] : undefined,
        // Observability: traces to Tempo (OTLP).
        egressToNamespaces: [ns.agents, ns.languages, ns.observability],
        externalEgressPorts: externalPorts,
        privateEgress: props.privateEgress,
      }),
    );
    guardrails.set(
      ns.agents,
      new NamespaceGuardrails(this, "AgentGuardrails", {
        namespace: ns.agents,
        quota: quotas.get(ns.agents) as NamespaceQuota,
        ingressFromNamespaces: [ns.platform, ns.observability],
        egressToNamespaces: [ns.platform, ns.languages, ns.observability],
        externalEgressPorts: externalPorts,
      }),
    );
    if (this.languageServices) {
      // Each language service has its own isolation policy; the namespace itself allows nothing.
      guardrails.set(
        ns.languages,
        new NamespaceGuardrails(this, "LanguageGuardrails", {
          namespace: ns.languages,
          quota: quotas.get(ns.languages) as NamespaceQuota,
          intraNamespace: false,
          dnsEgress: false,
        }),
      );
    }
    // Monitoring scrapes every namespace, the nodes and the API server, and receives traces;
    // its DaemonSets grow with the node count, so it gets no quota (its charts set every
    // container's requests and limits instead).
    guardrails.set(
      ns.observability,
      new NamespaceGuardrails(this, "ObservabilityGuardrails", {
        namespace: ns.observability,
        ingressFromNamespaces: [ns.platform, ns.agents],
        // The API server (through konnectivity-agent in kube-system) calls the Prometheus
        // operator's admission webhook on every PrometheusRule and ServiceMonitor.
        ingressAllowances: [
          {
            name: "operator-webhook",
            fromNamespace: PROMETHEUS_OPERATOR_WEBHOOK.fromNamespace,
            ports: [PROMETHEUS_OPERATOR_WEBHOOK.port],
            podLabels: PROMETHEUS_OPERATOR_WEBHOOK.podLabels,
          },
        ],
        unrestrictedEgress: true,
      }),
    );
    this.guardrails = guardrails;
    this.quotas = quotas;
  }
}
