import { TerraformResource, TerraformStack } from "cdktf";
import { KubernetesCluster, KubernetesClusterConfig } from "../../providers/azurerm/kubernetes-cluster";
import { KubernetesClusterNodePool, KubernetesClusterNodePoolConfig } from "../../providers/azurerm/kubernetes-cluster-node-pool";
import {
  DeploymentV1,
  DeploymentV1SpecTemplateSpec,
  DeploymentV1SpecTemplateSpecContainer,
} from "../../providers/kubernetes/deployment-v1";
import { NamespaceV1 } from "../../providers/kubernetes/namespace-v1";
import { PolicyEnvironment } from "../../policies/policy-profile";
import { resolvePolicyResource } from "../../policies/policy-resource";
import { PolicyRule, RuleResult, RuleStatus } from "../../policies/policy-rule";
import { testStack } from "../helpers";

/** Options of one rule evaluation: the environment and the tier's caps. */
export interface EvaluateOptions {
  readonly environment?: PolicyEnvironment;
  readonly maxNodesPerPool?: number;
  readonly maxReplicasPerWorkload?: number;
}

/**
 * Builds a tiny stack, resolves the resource `build` returns and evaluates one rule on it, with
 * every resource of the stack as context.
 */
export function evaluate(rule: PolicyRule, build: (stack: TerraformStack) => TerraformResource, options: EvaluateOptions = {}): RuleResult {
  const { stack } = testStack();
  const target = build(stack);
  if (!rule.resourceTypes.includes(target.terraformResourceType)) {
    throw new Error(`${rule.name} is not evaluated on ${target.terraformResourceType}`);
  }
  const resources = stack.node
    .findAll()
    .filter((n): n is TerraformResource => n instanceof TerraformResource)
    .map(resolvePolicyResource);
  return rule.evaluate(resolvePolicyResource(target), {
    environment: options.environment ?? PolicyEnvironment.PRODUCTION,
    maxNodesPerPool: options.maxNodesPerPool,
    maxReplicasPerWorkload: options.maxReplicasPerWorkload,
    resources,
  });
}

export const COMPLIANT: RuleResult = { status: RuleStatus.COMPLIANT };
export const NOT_APPLICABLE: RuleResult = { status: RuleStatus.NOT_APPLICABLE };

export function nonCompliant(message: string): RuleResult {
  return { status: RuleStatus.NON_COMPLIANT, message };
}

/** An AKS cluster that passes every AzureBaseline rule; tests break one attribute at a time. */
export function secureCluster(stack: TerraformStack, overrides: Partial<Omit<KubernetesClusterConfig, "nodeProvisioningProfile">> = {}): KubernetesCluster {
  return new KubernetesCluster(stack, "Cluster", {
    name: "aks",
    location: "eastus",
    resourceGroupName: "rg",
    dnsPrefix: "aks",
    skuTier: "Standard",
    identity: { type: "SystemAssigned" },
    defaultNodePool: { name: "system", vmSize: "Standard_D4s_v5", nodeCount: 3, zones: ["1", "2", "3"], onlyCriticalAddonsEnabled: true },
    nodeProvisioningProfile: { mode: "Manual" },
    localAccountDisabled: true,
    roleBasedAccessControlEnabled: true,
    azureActiveDirectoryRoleBasedAccessControl: { azureRbacEnabled: true },
    azurePolicyEnabled: true,
    privateClusterEnabled: true,
    networkProfile: { networkPlugin: "azure", networkPolicy: "cilium", networkDataPlane: "cilium" },
    automaticUpgradeChannel: "patch",
    keyVaultSecretsProvider: { secretRotationEnabled: true },
    omsAgent: { logAnalyticsWorkspaceId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/law" },
    microsoftDefender: { logAnalyticsWorkspaceId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/law" },
    ...overrides,
  });
}

/** A node pool of a cluster. */
export function nodePool(stack: TerraformStack, overrides: Partial<KubernetesClusterNodePoolConfig> = {}): KubernetesClusterNodePool {
  return new KubernetesClusterNodePool(stack, "Pool", {
    name: "spot",
    kubernetesClusterId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks",
    vmSize: "Standard_D4s_v5",
    zones: ["1", "2", "3"],
    ...overrides,
  });
}

/** A container that passes every KubernetesWorkloads rule. */
export const SECURE_CONTAINER: DeploymentV1SpecTemplateSpecContainer = {
  name: "app",
  image: "omega/app:1.0.0",
  resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "256Mi" } },
  livenessProbe: { httpGet: { path: "/health/live", port: "8080" } },
  readinessProbe: { httpGet: { path: "/health/ready", port: "8080" } },
  securityContext: {
    runAsNonRoot: true,
    readOnlyRootFilesystem: true,
    allowPrivilegeEscalation: false,
    privileged: false,
    capabilities: { drop: ["ALL"] },
    seccompProfile: { type: "RuntimeDefault" },
  },
};

/** Pod-level settings that pass every KubernetesWorkloads rule. */
export const SECURE_POD: Omit<DeploymentV1SpecTemplateSpec, "container"> = {
  automountServiceAccountToken: false,
  securityContext: { runAsNonRoot: true, runAsUser: "10001", seccompProfile: { type: "RuntimeDefault" } },
};

export interface DeploymentOptions {
  readonly id?: string;
  readonly name?: string;
  readonly namespace?: string;
  readonly replicas?: string;
  readonly container?: Partial<DeploymentV1SpecTemplateSpecContainer>;
  readonly pod?: Partial<DeploymentV1SpecTemplateSpec>;
  /** Labels of the pods beside `app.kubernetes.io/name`. */
  readonly podLabels?: Record<string, string>;
}

/** A Deployment (kubernetes_deployment_v1) that passes every rule unless told otherwise. */
export function deployment(stack: TerraformStack, options: DeploymentOptions = {}): DeploymentV1 {
  const name = options.name ?? "app";
  const labels = { "app.kubernetes.io/name": name };
  return new DeploymentV1(stack, options.id ?? "Deployment", {
    metadata: { name, namespace: options.namespace ?? "platform" },
    spec: {
      replicas: options.replicas ?? "1",
      selector: { matchLabels: labels },
      template: {
        metadata: { labels: { ...labels, ...options.podLabels } },
        spec: { ...SECURE_POD, container: [{ ...SECURE_CONTAINER, ...options.container }], ...options.pod },
      },
    },
  });
}

/** A namespace resource. */
export function namespace(stack: TerraformStack, name = "platform"): NamespaceV1 {
  return new NamespaceV1(stack, `Namespace-${name}`, { metadata: { name } });
}
