import { PolicyRule } from "./policy-rule";
import { aksApiServerAccessRestricted } from "./rules/azure/aks-api-server-access-restricted";
import { aksAutomaticUpgrades } from "./rules/azure/aks-automatic-upgrades";
import { aksAzurePolicyAddon } from "./rules/azure/aks-azure-policy-addon";
import { aksDefenderEnabled } from "./rules/azure/aks-defender-enabled";
import { aksEntraIdRbac } from "./rules/azure/aks-entra-id-rbac";
import { aksLocalAccountsDisabled } from "./rules/azure/aks-local-accounts-disabled";
import { aksMonitoringEnabled } from "./rules/azure/aks-monitoring-enabled";
import { aksNetworkPolicy } from "./rules/azure/aks-network-policy";
import { aksSecretRotation } from "./rules/azure/aks-secret-rotation";
import { aksStandardTier } from "./rules/azure/aks-standard-tier";
import { aksSystemPoolIsolated } from "./rules/azure/aks-system-pool-isolated";
import { aksZoneRedundant } from "./rules/azure/aks-zone-redundant";
import { cosmosContinuousBackup } from "./rules/azure/cosmos-continuous-backup";
import { cosmosPublicNetworkDisabled } from "./rules/azure/cosmos-public-network-disabled";
import { frontDoorEndpointWaf } from "./rules/azure/front-door-endpoint-waf";
import { frontDoorTls } from "./rules/azure/front-door-tls";
import { frontDoorWafPrevention } from "./rules/azure/front-door-waf-prevention";
import { noPublicIp } from "./rules/azure/no-public-ip";
import { keyVaultNetworkDefaultDeny } from "./rules/azure/key-vault-network-default-deny";
import { keyVaultPurgeProtection } from "./rules/azure/key-vault-purge-protection";
import { keyVaultRbacAuthorization } from "./rules/azure/key-vault-rbac-authorization";
import { redisMinimumTls } from "./rules/azure/redis-minimum-tls";
import { redisNonTlsPortDisabled } from "./rules/azure/redis-non-tls-port-disabled";
import { redisPublicNetworkDisabled } from "./rules/azure/redis-public-network-disabled";
import { searchPublicNetworkDisabled } from "./rules/azure/search-public-network-disabled";
import { storageBlobSoftDelete } from "./rules/azure/storage-blob-soft-delete";
import { storageBlobVersioning } from "./rules/azure/storage-blob-versioning";
import { storageHttpsOnly } from "./rules/azure/storage-https-only";
import { storageMinimumTls } from "./rules/azure/storage-minimum-tls";
import { storageNoPublicBlobAccess } from "./rules/azure/storage-no-public-blob-access";
import { horizontalScalingBounded } from "./rules/cost/horizontal-scaling-bounded";
import { namespaceResourceQuota } from "./rules/cost/namespace-resource-quota";
import { nodePoolAutoscaleBounded } from "./rules/cost/node-pool-autoscale-bounded";
import { spotMaxPrice } from "./rules/cost/spot-max-price";
import { capabilitiesDropped } from "./rules/kubernetes/capabilities-dropped";
import { containerProbes } from "./rules/kubernetes/container-probes";
import { containerResources } from "./rules/kubernetes/container-resources";
import { helmChartPinned } from "./rules/kubernetes/helm-chart-pinned";
import { imagePinned } from "./rules/kubernetes/image-pinned";
import { namespaceNetworkPolicy } from "./rules/kubernetes/namespace-network-policy";
import { gatewayMinimumTls } from "./rules/kubernetes/gateway-minimum-tls";
import { noPublicLoadBalancer } from "./rules/kubernetes/no-public-load-balancer";
import { noHostNamespaces } from "./rules/kubernetes/no-host-namespaces";
import { noPrivilegeEscalation } from "./rules/kubernetes/no-privilege-escalation";
import { podDisruptionBudget } from "./rules/kubernetes/pod-disruption-budget";
import { readOnlyRootFilesystem } from "./rules/kubernetes/read-only-root-filesystem";
import { runAsNonRoot } from "./rules/kubernetes/run-as-non-root";
import { seccompProfile } from "./rules/kubernetes/seccomp-profile";
import { serviceAccountTokenNotMounted } from "./rules/kubernetes/service-account-token-not-mounted";
import { untrustedCodeSandboxed } from "./rules/kubernetes/untrusted-code-sandboxed";

/** The three packs of the platform; a rule's id is `<pack>-<rule name>`. */
export enum PolicyPackName {
  AZURE_BASELINE = "AzureBaseline",
  KUBERNETES_WORKLOADS = "KubernetesWorkloads",
  COST_PACK = "CostPack",
}

export const AZURE_BASELINE_RULES: readonly PolicyRule[] = [
  aksEntraIdRbac,
  aksLocalAccountsDisabled,
  aksNetworkPolicy,
  aksApiServerAccessRestricted,
  aksAzurePolicyAddon,
  aksDefenderEnabled,
  aksMonitoringEnabled,
  aksAutomaticUpgrades,
  aksZoneRedundant,
  aksStandardTier,
  aksSecretRotation,
  aksSystemPoolIsolated,
  cosmosPublicNetworkDisabled,
  cosmosContinuousBackup,
  redisNonTlsPortDisabled,
  redisMinimumTls,
  redisPublicNetworkDisabled,
  storageHttpsOnly,
  storageMinimumTls,
  storageNoPublicBlobAccess,
  storageBlobSoftDelete,
  storageBlobVersioning,
  keyVaultPurgeProtection,
  keyVaultRbacAuthorization,
  keyVaultNetworkDefaultDeny,
  searchPublicNetworkDisabled,
  frontDoorWafPrevention,
  frontDoorEndpointWaf,
  frontDoorTls,
  noPublicIp,
];

export const KUBERNETES_WORKLOADS_RULES: readonly PolicyRule[] = [
  containerResources,
  containerProbes,
  runAsNonRoot,
  readOnlyRootFilesystem,
  noPrivilegeEscalation,
  capabilitiesDropped,
  seccompProfile,
  imagePinned,
  noHostNamespaces,
  serviceAccountTokenNotMounted,
  podDisruptionBudget,
  namespaceNetworkPolicy,
  helmChartPinned,
  noPublicLoadBalancer,
  gatewayMinimumTls,
  untrustedCodeSandboxed,
];

export const COST_PACK_RULES: readonly PolicyRule[] = [spotMaxPrice, nodePoolAutoscaleBounded, horizontalScalingBounded, namespaceResourceQuota];

export const RULES_BY_PACK: Readonly<Record<PolicyPackName, readonly PolicyRule[]>> = {
  [PolicyPackName.AZURE_BASELINE]: AZURE_BASELINE_RULES,
  [PolicyPackName.KUBERNETES_WORKLOADS]: KUBERNETES_WORKLOADS_RULES,
  [PolicyPackName.COST_PACK]: COST_PACK_RULES,
};

/** Every rule id of the three packs, for checking suppressions. */
export const POLICY_RULE_IDS: readonly string[] = Object.entries(RULES_BY_PACK).flatMap(([pack, rules]) =>
  rules.map((rule) => `${pack}-${rule.name}`),
);
