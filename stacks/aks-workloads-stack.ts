import { Construct } from "constructs";
import { Aspects } from "cdktf";
import { CostGuardrail } from "../cost/cost-guardrail";
import { estimateOptionsForTier } from "../cost/tier-cost-options";
import { KeyVaultSecretProviderClass } from "../constructs/key-vault-secret-provider-class";
import { KubeloginMode } from "../constructs/kubernetes-connection";
import { ObservabilityStack } from "../constructs/observability-stack";
import { Placement } from "../constructs/placement";
import { PlatformNamespaces } from "../constructs/platform-namespaces";
import { PlatformWorkloads } from "../constructs/platform-workloads";
import { AzurermProvider } from "../providers/azurerm/provider";
import { PlatformEdgeGateway } from "../constructs/platform-edge-gateway";
import { DEFAULT_PLATFORM_NAMESPACES } from "../constructs/platform-namespaces";
import { ValidationError } from "../constructs/validation-error";
import { AksPlatformStack, EDGE_NAMESPACE } from "./aks-platform-stack";
import { KubernetesProviders, configureKubernetesProviders } from "./kubernetes-providers";
import { PlatformStack, PlatformStackProps } from "./platform-stack";
import { observabilityProps, platformWorkloadsProps, suppressObservabilityQuota, workloadNamespaces } from "./workloads-from-tier";
import { registerResourceProviders } from "../constructs/resource-provider-registrations";

export interface AksWorkloadsStackProps extends PlatformStackProps {
  /** The region's infrastructure stack; referencing its cluster orders the two stacks. */
  readonly platform: AksPlatformStack;
  /**
   * How kubelogin gets its Entra ID token.
   * @default KubeloginMode.AZURE_CLI
   */
  readonly kubeloginMode?: KubeloginMode;
  /**
   * Where the cluster's edge gateway answers Front Door: `<region>.<originDomain>` must be named by
   * the origin certificate (in the region's Key Vault as secret `edge-origin-tls`). Required when
   * the tier has an edge.
   * @default - none
   */
  readonly edgeOriginDomain?: string;
  /**
   * Audience of the Entra ID access tokens the edge accepts (the API app registration's client id,
   * or its api:// URI). Required when the tier has an edge.
   * @default - none
   */
  readonly edgeTokenAudience?: string;
  /**
   * Create the Front Door route here (one region of the tier does, after its origin exists).
   * @default false
   */
  readonly edgeRoute?: boolean;
  /**
   * Azure subscription of the Front Door origin (with an edge).
   * @default - ARM_SUBSCRIPTION_ID at plan time
   */
  readonly subscriptionId?: string;
}

/**
 * What runs on one AKS cluster (`small-prod-workloads`, `enterprise-<region>-workloads`). It lives
 * apart from the cluster's stack because the kubernetes and helm providers must not be configured
 * from a cluster created in the same Terraform state.
 */
export class AksWorkloadsStack extends PlatformStack {
  public readonly providers: KubernetesProviders;
  public readonly namespaces: PlatformNamespaces;
  /** Syncs the data layer's Key Vault secrets into the `omega-secrets` Secret. */
  public readonly dataSecrets: KeyVaultSecretProviderClass;
  public readonly workloads: PlatformWorkloads;
  public readonly observability?: ObservabilityStack;
  /** Traefik, the token check and the Front Door origin of this cluster; absent without `tier.edge`. */
  public readonly edgeGateway?: PlatformEdgeGateway;
  /** The region of the cluster the stack deploys to (its volumes are billed there). */
  public readonly region: string;
  /**
   * Counts what the stack's objects cost (the persistent volumes its charts and claims create)
   * toward the tier's ceiling; absent for a tier without a budget.
   */
  public readonly costGuardrail?: CostGuardrail;

  constructor(scope: Construct, id: string, props: AksWorkloadsStackProps) {
    super(scope, id, props);
    const { cluster, spotPool, dataLayer, observabilityIdentity } = props.platform;
    this.region = props.platform.region.name;
    const budget = props.tier.budget;
    if (budget) {
      this.costGuardrail = new CostGuardrail({
        tierName: props.tier.name,
        tierCeilingMonthlyUsd: budget.ceilingMonthlyUsd,
        tierCeilingSource: "tier.budget.ceilingMonthlyUsd",
        estimateOptions: estimateOptionsForTier(props.tier, this.region),
      });
      Aspects.of(this).add(this.costGuardrail);
    }
    this.providers = configureKubernetesProviders(this, cluster.connection(props.kubeloginMode ?? KubeloginMode.AZURE_CLI));
    const edge = props.platform.edge;
    this.namespaces = new PlatformNamespaces(this, "Namespaces", {
      namespaces: edge ? [...DEFAULT_PLATFORM_NAMESPACES, { name: EDGE_NAMESPACE }] : DEFAULT_PLATFORM_NAMESPACES,
    });
    const ns = workloadNamespaces(this.namespaces);
    suppressObservabilityQuota(this.namespaces);
    this.dataSecrets = new KeyVaultSecretProviderClass(this, "DataSecrets", { source: dataLayer.secretSource, namespace: ns.platform });
    this.workloads = new PlatformWorkloads(
      this,
      "Workloads",
      platformWorkloadsProps(props.tier, {
        namespaces: ns,
        connection: this.dataSecrets.connection,
        keda: true,
        spotPool,
        corePlacement: Placement.nodePool(cluster.alwaysOnPoolName),
        // Stateless and pre-spawned, the language services ride the spot pool rather than crowd
        // the perimeter's always-on nodes (the Kata pool is not built yet: POD_SANDBOXING).
        languagePlacement: Placement.spot(spotPool),
        privateEgress: dataLayer.privateEgress,
        gateway: edge ? { namespace: EDGE_NAMESPACE, serviceName: "federation-core" } : undefined,
      }),
    );
    if (edge && props.tier.edge) {
      if (!props.edgeOriginDomain) {
        throw new ValidationError(this, "edgeOriginDomain", props.edgeOriginDomain, "expected the domain of the origin host names (<region>.<domain>) when the tier has an edge");
      }
      if (!props.edgeTokenAudience) {
        throw new ValidationError(this, "edgeTokenAudience", props.edgeTokenAudience, "expected the API app registration's client id when the tier has an edge");
      }
      // The Front Door origin and route are Azure resources: they live here because the origin can
      // only be created after Helm installs Traefik, whose Service makes AKS create the Private
      // Link service the origin connects to.
      registerResourceProviders(new AzurermProvider(this, "azurerm", { features: [{}], subscriptionId: props.subscriptionId }));
      const federationCore = this.workloads.coreServices.workloads.get("federation-core");
      if (!federationCore) throw new ValidationError(this, "tier.services.federationCore.replicas", 0, "expected federation-core to run where the tier has an edge");
      const region = props.platform.region.name;
      this.edgeGateway = new PlatformEdgeGateway(this, "Edge", {
        namespace: this.namespaces.nameOf(EDGE_NAMESPACE),
        backend: { serviceName: federationCore.name, namespace: ns.platform, port: federationCore.servicePort, podLabels: federationCore.selectorLabels },
        hostName: `${region}.${props.edgeOriginDomain}`,
        keyVault: {
          keyVaultName: dataLayer.keyVault.vaultName,
          tenantId: dataLayer.keyVault.tenantId,
          identityClientId: edge.identity.clientId,
          certificateSecretName: edge.certificateSecretName,
          cookieSecretName: edge.cookieSecretName,
          clientSecretName: edge.clientSecretName,
        },
        token: { tenantId: dataLayer.keyVault.tenantId, audience: props.edgeTokenAudience },
        frontDoor: edge.frontDoor,
        location: region,
        nodeResourceGroupId: cluster.nodeResourceGroupId,
        originName: region,
        createRoute: props.edgeRoute ?? false,
        rateLimit: { averagePerSecond: props.tier.edge.routeRateLimitPerSecond, burst: props.tier.edge.routeBurst },
        maxRequestBodyBytes: props.tier.edge.maxRequestBodyKiB * 1024,
        replicas: props.tier.edge.gatewayReplicas,
        // The way in runs beside the perimeter, never on evictable spot nodes.
        placement: Placement.nodePool(cluster.alwaysOnPoolName),
      });
    }
    const observability = observabilityProps(props.tier, {
      namespace: ns.observability,
      monitoredNamespaces: [ns.platform, ns.agents, ns.languages],
      clusterName: cluster.clusterName,
      logStorage: {
        storageAccountName: dataLayer.storage.accountName,
        containerName: "logs",
        workloadIdentityClientId: observabilityIdentity.clientId,
      },
      // No grafanaAdmin: the chart generates the admin password into its own Secret
      // (kube-prometheus-stack-grafana, kept across upgrades), never in Terraform state or Helm
      // values. A login synced from Key Vault would make the atomic release wait for vault
      // secrets that nothing creates, time out and roll back with Loki, Tempo and Alloy behind it.
    });
    if (observability) this.observability = new ObservabilityStack(this, "Observability", observability);
  }
}
