// The package's public API, curated: every name here is recorded in api/cdktf-aks-platform.api.md
// (`npm run api` updates it; `npm test` fails when the two differ). Helpers the library uses
// internally stay unexported; tests import them from their source files.

// Tiers: the TierSpec type, the reference tiers and their shared values.
export { AGENT_TEAMS, ALL_ZONES, REFERENCE_PLATFORM_NAME, TITAN_MODELS } from "./tiers/common";
export { DEV_TIER } from "./tiers/dev";
export { ENTERPRISE_TIER } from "./tiers/enterprise";
export { SMALL_PROD_TIER } from "./tiers/small-prod";
export { STAGING_TIER } from "./tiers/staging";
export {
  ComputeCommitment,
  CosmosZoneRedundancyScope,
  DataLayerKind,
  LogStoreTopology,
  MonitoringLevel,
  PlatformKind,
  RegionRole,
  ReservationTerm,
  ScheduleDays,
  SearchPlacement,
  TierName,
  WafMode,
} from "./tiers/tier-spec";
export type {
  AgentTeamDemandSpec,
  ContainerInsightsSpec,
  EdgeSpec,
  EdgeTrafficSpec,
  AgentTeamsSpec,
  AlwaysOnPoolSpec,
  BlobStorageSpec,
  BlobTierSharesSpec,
  BudgetContactsSpec,
  BudgetSpec,
  ClusterSpec,
  ContainerInstancesSpec,
  ContainerResources,
  CoreServicesSpec,
  CosmosSpec,
  CostAssumptionsSpec,
  DataLayerSpec,
  GrafanaSpec,
  InClusterDataLayerSpec,
  LanguageServicesSpec,
  LogsSpec,
  ManagedDataLayerSpec,
  MetricsSpec,
  NodeUsageSpec,
  ObservabilitySpec,
  RedisSpec,
  ReplicaRange,
  SandboxedPoolSpec,
  SandboxedPoolSpotSpec,
  ScalingScheduleSpec,
  SearchSpec,
  ServiceSpec,
  SpotPoolSpec,
  StackCeilingsSpec,
  TierRegion,
  TierSpec,
  TitansSpec,
  TracesSpec,
  UsageRangeSpec,
} from "./tiers/tier-spec";

// Constructs, their props and the enums and value classes the props take.
export {
  AGENT_TEAM_DEFAULT_REQUESTS,
  AgentTeamScaling,
  AgentTeams,
} from "./constructs/agent-teams";
export type { AgentTeamsProps, SpotPoolPlacement } from "./constructs/agent-teams";
export {
  AksSkuTier,
  DayOfWeek,
  MaintenanceWindow,
  NetworkPolicyEngine,
  NodeOsSku,
  NodeOsUpgradeChannel,
  NodePoolMode,
  SpotEvictionPolicy,
  TaintEffect,
  UpgradeChannel,
} from "./constructs/aks-options";
export type { NodeTaint } from "./constructs/aks-options";
export { ALERTMANAGER_SECRETS_DIR, AlertReceiver } from "./constructs/alert-receiver";
export type {
  NotifyOptions,
  PagerDutyReceiverOptions,
  SlackReceiverOptions,
  TeamsReceiverOptions,
  WebhookReceiverOptions,
} from "./constructs/alert-receiver";
export {
  AlertSeverity,
  PlatformAlert,
  SEED_ALERT_THRESHOLDS,
  defaultServiceMetrics,
} from "./constructs/alert-rules";
export type {
  AlertThresholds,
  PlatformAlertRulesOptions,
  PrometheusAlertRule,
  PrometheusRuleGroup,
  ServiceMetrics,
} from "./constructs/alert-rules";
export { AlwaysOnCluster } from "./constructs/always-on-cluster";
export type {
  AlwaysOnClusterProps,
  ContainerInsightsOptions,
  IKubernetesCluster,
  SystemPoolOptions,
} from "./constructs/always-on-cluster";
export { AZURE_REGIONS, isAzureRegion } from "./constructs/azure-regions";
export { AzureTags } from "./constructs/azure-tags";
export type { PlatformTagValues } from "./constructs/azure-tags";
export { BudgetContactRole } from "./constructs/budget-contact-role";
export {
  ContainerInstanceFleet,
  ContainerRestartPolicy,
} from "./constructs/container-instance-fleet";
export type {
  ContainerGroupIdentity,
  ContainerGroupLimits,
  ContainerGroupLogAnalytics,
  ContainerGroupReplica,
  ContainerGroupSpec,
  ContainerInstanceFleetProps,
  ContainerSecretsVault,
  ContainerServiceSpec,
} from "./constructs/container-instance-fleet";
export { ApiManagementGateway, ApiManagementVnetSku } from "./constructs/api-management-gateway";
export type { ApiManagementGatewayProps, GatewayBackend } from "./constructs/api-management-gateway";
export { renderApiGatewayPolicy } from "./constructs/api-gateway-policy";
export type { ApiGatewayPolicyOptions, EntraTokenValidationOptions, GatewayRateLimit } from "./constructs/api-gateway-policy";
export { ContainerInstanceNetwork } from "./constructs/container-instance-network";
export type {
  ContainerInstanceNetworkProps,
  ServiceEgressRule,
  ServiceIngressRule,
} from "./constructs/container-instance-network";
export { ContainerMonitoring, DiagnosticDestinationType } from "./constructs/container-monitoring";
export type {
  ContainerMonitoringProps,
  DiagnosticsOptions,
} from "./constructs/container-monitoring";
export {
  CORE_SERVICE_CATALOG,
  CoreService,
  CoreServices,
  DataDependency,
  FEDERATION_CORE,
} from "./constructs/core-services";
export type { CoreServiceDefinition, CoreServicesProps } from "./constructs/core-services";
export {
  CosmosBackupRedundancy,
  CosmosMongoAccount,
  MongoServerVersion,
  STRONG_CONSISTENCY_MAX_MILES,
} from "./constructs/cosmos-mongo-account";
export type {
  CosmosMongoAccountProps,
  ICosmosMongoAccount,
} from "./constructs/cosmos-mongo-account";
export {
  DATA_LAYER_NAMESPACE,
  DATA_LAYER_SECRET_KEYS,
  SECRETS_STORE_CSI_DRIVER,
} from "./constructs/data-layer-contract";
export type {
  DataLayerConnection,
  DataLayerSecretKeys,
  IDataLayerConnectionProvider,
  KeyVaultSecretObject,
  KeyVaultSecretSource,
  SecretsStoreCsiVolume,
  SecretsStoreMount,
} from "./constructs/data-layer-contract";
export {
  CosmosBackupPolicy,
  CosmosConsistency,
  RedisFamily,
  RedisSku,
  SearchSku,
  StorageReplication,
} from "./constructs/data-service-options";
export { DataWorkloadIdentity } from "./constructs/data-workload-identity";
export type {
  DataWorkloadIdentityProps,
  WorkloadIdentityFederation,
} from "./constructs/data-workload-identity";
export { FluxExtension } from "./constructs/flux-extension";
export type { FluxExtensionProps } from "./constructs/flux-extension";
export {
  FluxGitOpsConfiguration,
  FluxGitReference,
  FluxScope,
} from "./constructs/flux-gitops-configuration";
export type {
  FluxGitOpsConfigurationProps,
  FluxKustomization,
} from "./constructs/flux-gitops-configuration";
export { IPFS_IMAGES, IpfsCluster } from "./constructs/ipfs-cluster";
export type { IpfsClusterProps } from "./constructs/ipfs-cluster";
export {
  KeyVaultSecretProviderClass,
  WORKLOAD_IDENTITY_CLIENT_ID_ANNOTATION,
  WORKLOAD_IDENTITY_USE_LABEL,
} from "./constructs/key-vault-secret-provider-class";
export type {
  KeyVaultSecretProviderClassProps,
} from "./constructs/key-vault-secret-provider-class";
export { KeyVaultSecretSync } from "./constructs/key-vault-secret-sync";
export type {
  KeyVaultSecretSyncProps,
  SecretProviderClassSpec,
} from "./constructs/key-vault-secret-sync";
export { AKS_ENTRA_SERVER_ID, KubeloginMode } from "./constructs/kubernetes-connection";
export type {
  KubernetesConnection,
  KubernetesExecCredential,
} from "./constructs/kubernetes-connection";
export {
  DEFAULT_LANGUAGE_CATALOG,
  LanguageServiceFleet,
} from "./constructs/language-service-fleet";
export type {
  LanguageServiceCallers,
  LanguageServiceDefinition,
  LanguageServiceFleetProps,
} from "./constructs/language-service-fleet";
export { LocalDataLayer } from "./constructs/local-data-layer";
export type { LocalDataLayerProps, StoreResources } from "./constructs/local-data-layer";
export { MANAGED_DATA_SECRET_OBJECTS, ManagedDataLayer } from "./constructs/managed-data-layer";
export type {
  DataPrivateNetwork,
  ManagedCosmosOptions,
  ManagedDataLayerProps,
  ManagedKeyVaultOptions,
  ManagedRedisOptions,
  ManagedSearchOptions,
  ManagedStorageOptions,
  PrivateEgressRule,
} from "./constructs/managed-data-layer";
export { MonitoringWorkspace } from "./constructs/monitoring-workspace";
export type { MonitoringWorkspaceProps } from "./constructs/monitoring-workspace";
export { NamespaceGuardrails, quotaFor } from "./constructs/namespace-guardrails";
export type {
  NamespaceGuardrailsProps,
  NamespaceIngressAllowance,
  NamespaceQuota,
  QuotaItem,
} from "./constructs/namespace-guardrails";
export { ObservabilityStack } from "./constructs/observability-stack";
export type { ObservabilityStackProps } from "./constructs/observability-stack";
export { ObservabilityComponent, ObservabilityProfile } from "./constructs/observability-resources";
export type { ComponentResources } from "./constructs/observability-resources";
export { DEFAULT_OBSERVABILITY_CHARTS } from "./constructs/observability-release";
export type { ObservabilityCharts } from "./constructs/observability-release";
export { LokiDeploymentMode } from "./constructs/observability-logs";
export type { LokiBlobStorage, ObservabilityLogsOptions } from "./constructs/observability-logs";
export type { GrafanaAdminSecret, ObservabilityMetricsOptions } from "./constructs/observability-metrics";
export type { ObservabilityTracesOptions } from "./constructs/observability-traces";
export type { ObservabilityAlertingOptions } from "./constructs/observability-alerting";
export {
  ALLOY_CHART,
  GRAFANA_SUBCHART,
  KUBE_PROMETHEUS_STACK_CHART,
  LOKI_CHART,
  TEMPO_CHART,
} from "./constructs/pinned-chart";
export type { PinnedChart } from "./constructs/pinned-chart";
export { AKS_AGENT_POOL_LABEL, Placement } from "./constructs/placement";
export type { PodOverhead } from "./constructs/placement";
export {
  PlatformBlobStorage,
  PlatformContainer,
  StorageNetworkAccess,
} from "./constructs/platform-blob-storage";
export type { PlatformBlobStorageProps } from "./constructs/platform-blob-storage";
export { BUDGET_START_AT_CREATION, PlatformBudget } from "./constructs/platform-budget";
export type { PlatformBudgetProps } from "./constructs/platform-budget";
export { KeyVaultSku, PlatformKeyVault, VaultSecretValue } from "./constructs/platform-key-vault";
export type { PlatformKeyVaultProps, VaultSecretOptions } from "./constructs/platform-key-vault";
export {
  PART_OF_LABEL_KEY,
  PLATFORM_NAME_CONTEXT_KEY,
  PlatformNames,
  setPlatformName,
} from "./constructs/platform-name";
export {
  DEFAULT_PLATFORM_NAMESPACES,
  PlatformNamespaces,
  PodSecurityLevel,
} from "./constructs/platform-namespaces";
export type { NamespaceOptions, PlatformNamespacesProps } from "./constructs/platform-namespaces";
export { PlatformNetwork } from "./constructs/platform-network";
export type { PlatformNetworkProps } from "./constructs/platform-network";
export { PlatformRedisCache } from "./constructs/platform-redis-cache";
export type {
  PlatformRedisCacheProps,
  RedisPersistenceOptions,
} from "./constructs/platform-redis-cache";
export { PlatformResourceGroup } from "./constructs/platform-resource-group";
export type { PlatformResourceGroupProps } from "./constructs/platform-resource-group";
export { PlatformSearchService } from "./constructs/platform-search-service";
export type { PlatformSearchServiceProps } from "./constructs/platform-search-service";
export { PlatformWorkloads } from "./constructs/platform-workloads";
export type {
  PlatformWorkloadNamespaces,
  PlatformWorkloadsProps,
} from "./constructs/platform-workloads";
export { KATA_VM_SERIES, POD_SANDBOXING } from "./constructs/pod-sandboxing";
export {
  PRIVATE_LINK_TARGETS,
  PrivateDnsZones,
  PrivateLinkService,
} from "./constructs/private-dns-zones";
export type { PrivateDnsZonesProps } from "./constructs/private-dns-zones";
export { PrivateLinkEndpoint } from "./constructs/private-link-endpoint";
export type { PrivateLinkEndpointProps } from "./constructs/private-link-endpoint";
export { RedisPersistenceStorage } from "./constructs/redis-persistence-storage";
export type { RedisPersistenceStorageProps } from "./constructs/redis-persistence-storage";
export { AZURE_RESOURCE_PROVIDER_OF_TYPE, registerResourceProviders } from "./constructs/resource-provider-registrations";
export type { ResourceProviderRegistrationOptions } from "./constructs/resource-provider-registrations";
export {
  SANDBOX_NODE_LABEL,
  SANDBOX_NODE_TAINT,
  SANDBOX_POOL_DEFAULT_MAX_PODS,
  SandboxNodePool,
} from "./constructs/sandbox-node-pool";
export type { SandboxNodePoolProps, SandboxSpotOptions } from "./constructs/sandbox-node-pool";
export { SANDBOX_NODE_PORTS, SandboxSubnet } from "./constructs/sandbox-subnet";
export type { SandboxSubnetProps } from "./constructs/sandbox-subnet";
export { ScaleSchedule } from "./constructs/scale-schedule";
export type { ScaleScheduleOptions } from "./constructs/scale-schedule";
export {
  SPOT_NODE_LABEL,
  SPOT_NODE_TAINT,
  SpotAutoscalePool,
} from "./constructs/spot-autoscale-pool";
export type {
  NodeSelectorRequirement,
  PodToleration,
  SpotAutoscalePoolProps,
} from "./constructs/spot-autoscale-pool";
export { TenantPostgres } from "./constructs/tenant-postgres";
export type { PostgresAdministrator, TenantPostgresProps } from "./constructs/tenant-postgres";
export { TenantResources } from "./constructs/tenant-resources";
export type { TenantPostgresNetwork, TenantResourcesProps } from "./constructs/tenant-resources";
export {
  FLEXIBLE_SERVER_STORAGE_GIB,
  TENANT_PLANS,
  TENANT_TEMPLATES,
  TenantTemplateKind,
  tenantTemplate,
} from "./constructs/tenant-templates";
export type {
  IpfsTemplate,
  PostgresTemplate,
  SeedSize,
  TemplateBase,
  TenantPlanLimits,
  TenantTemplate,
} from "./constructs/tenant-templates";
export { TRAEFIK_CHART, TraefikGateway } from "./constructs/traefik-gateway";
export type { ForwardAuth, GatewayPrivateLinkService, GatewayRoute, RateLimit, RequiredHeader, TraefikGatewayProps } from "./constructs/traefik-gateway";
export { FRONT_DOOR_BOT_MANAGER_RULE_SET, FRONT_DOOR_DEFAULT_RULE_SET, FrontDoorEdge, FrontDoorSku, FrontDoorWafMode } from "./constructs/front-door-edge";
export type {
  FrontDoorCustomDomainOptions,
  FrontDoorEdgeProps,
  FrontDoorHealthProbeOptions,
  FrontDoorWafOptions,
  IFrontDoorEdge,
} from "./constructs/front-door-edge";
export { FrontDoorPrivateLinkOrigin } from "./constructs/front-door-private-link-origin";
export type { FrontDoorPrivateLinkOriginProps } from "./constructs/front-door-private-link-origin";
export { FrontDoorRoute } from "./constructs/front-door-route";
export type { FrontDoorRouteProps } from "./constructs/front-door-route";
export { FRONT_DOOR_CLIENT_IP_HEADER, FRONT_DOOR_ID_HEADER, PlatformEdgeGateway } from "./constructs/platform-edge-gateway";
export type { EdgeBackend, EdgeKeyVaultSource, EntraTokenOptions, PlatformEdgeGatewayProps } from "./constructs/platform-edge-gateway";
export { uniqueResourceName } from "./constructs/unique-resource-name";
export type { UniqueResourceNameOptions } from "./constructs/unique-resource-name";
export { ValidationError } from "./constructs/validation-error";
export { RESTRICTED_CONTAINER_SECURITY_CONTEXT, Workload } from "./constructs/workload";
export type {
  CpuAutoscaling,
  HttpProbe,
  ResourceQuantities,
  SecretKeyReference,
  WorkloadProps,
} from "./constructs/workload";

// The reference platform: its stacks and buildPlatform.
export { AksPlatformStack } from "./stacks/aks-platform-stack";
export type { AksPlatformStackProps, PlatformEdgeResources } from "./stacks/aks-platform-stack";
export { AksWorkloadsStack } from "./stacks/aks-workloads-stack";
export type { AksWorkloadsStackProps } from "./stacks/aks-workloads-stack";
export { DevStack, defaultDevKubeContext } from "./stacks/dev-stack";
export type { DevStackProps } from "./stacks/dev-stack";
export { EnterpriseGlobalStack } from "./stacks/enterprise-global-stack";
export type { EnterpriseGlobalStackProps } from "./stacks/enterprise-global-stack";
export { configureKubernetesProviders } from "./stacks/kubernetes-providers";
export type { KubeconfigTarget, KubernetesProviders } from "./stacks/kubernetes-providers";
export { DEFAULT_TIERS, buildPlatform, defaultEdgeOriginDomain, defaultEdgeTokenAudience, platformOptionsFromEnv } from "./stacks/platform-app";
export { COST_REPORT_FILE, platformCostReport, writePlatformCostReport } from "./stacks/platform-cost-report";
export type {
  PlatformAppOptions,
  PlatformStacks,
  PlatformTiers,
  RegionalStacks,
} from "./stacks/platform-app";
export { AzureStack, GLOBAL_REGION_TAG, PlatformStack } from "./stacks/platform-stack";
export type { AzureStackProps, PlatformStackProps } from "./stacks/platform-stack";
export { StagingStack } from "./stacks/staging-stack";
export type { StagingApiAccess, StagingStackProps } from "./stacks/staging-stack";
export { StateBackend } from "./stacks/state-backend";
export type { AzureStateOptions } from "./stacks/state-backend";

// Policy packs, suppressions and the findings report.
export { applyPolicyPacks } from "./policies/apply-policy-packs";
export { applyPlatformGuardrails } from "./policies/platform-guardrails";
export type { PlatformGuardrailsOptions, StackGuardrails } from "./policies/platform-guardrails";
export { AzureBaseline } from "./policies/azure-baseline";
export { CostPack } from "./policies/cost-pack";
export { KubernetesWorkloads } from "./policies/kubernetes-workloads";
export { FindingStatus } from "./policies/policy-finding";
export type { PolicyFinding } from "./policies/policy-finding";
export { PolicyPack } from "./policies/policy-pack";
export { PolicyEnvironment, PolicyProfile } from "./policies/policy-profile";
export type { PolicyProfileOptions } from "./policies/policy-profile";
export {
  POLICY_REPORT_JSON,
  POLICY_REPORT_MARKDOWN_DIR,
  POLICY_REPORT_SCHEMA_VERSION,
  policyReport,
  renderPolicyMarkdown,
  writePolicyReport,
} from "./policies/policy-report";
export type {
  PolicyReport,
  PolicyReportSummary,
  StackPolicyReport,
} from "./policies/policy-report";
export {
  DEV_WARNING_ELSE_ERROR,
  PRODUCTION_ERROR_STAGING_WARNING,
  PRODUCTION_ONLY_ERROR,
  PolicyLevel,
  RuleStatus,
  STAGING_AND_PRODUCTION_ERROR,
  compliant,
  nonCompliant,
  notApplicable,
} from "./policies/policy-rule";
export type { PolicyResource, PolicyRule, RuleContext, RuleResult } from "./policies/policy-rule";
export { PolicySuppressions } from "./policies/policy-suppressions";
export type { AppliedSuppression, PolicySuppression } from "./policies/policy-suppressions";
export {
  AZURE_BASELINE_RULES,
  COST_PACK_RULES,
  KUBERNETES_WORKLOADS_RULES,
  POLICY_RULE_IDS,
  PolicyPackName,
  RULES_BY_PACK,
} from "./policies/rule-catalog";
export type { EvaluationCounts } from "./policies/stack-policy-results";

// The cost model: estimates, the guardrail and the cost report.
export { UnpricedKind } from "./cost/cost-estimate";
export type {
  CostEstimate,
  CostLine,
  CostRange,
  FreeResource,
  UnpricedResource,
} from "./cost/cost-estimate";
export { CostGuardrail } from "./cost/cost-guardrail";
export type { CostGuardrailProps } from "./cost/cost-guardrail";
export { buildCostReport, formatCostReport, formatTierTable } from "./cost/cost-report";
export type {
  CostReport,
  StackCostInput,
  StackCostReport,
  TierCostReport,
} from "./cost/cost-report";
export type {
  BlobVolume,
  BusyWindowUsage,
  EdgeTrafficUsage,
  EstimateOptions,
  NodePoolUsage,
  ReservationChoices,
  UsageRange,
} from "./cost/estimate-options";
export { estimateCost } from "./cost/estimator";
export { PriceBasis, PriceUnit } from "./cost/price-table";
export type { PriceEntry } from "./cost/price-table";
export type { TerraformJson } from "./cost/terraform-json";
export { estimateOptionsForTier } from "./cost/tier-cost-options";

// The plan review (what cdktf-plan-review runs).
export { AcknowledgedAction } from "./review/acknowledgements";
export type { Acknowledgement } from "./review/acknowledgements";
export { SYNTH_SOURCES_JSON, writeSynthSources } from "./review/app-sources";
export type { SynthSources } from "./review/app-sources";
export type { AttributeChange } from "./review/attribute-diff";
export type { DataHoldingResource } from "./review/data-holding-resources";
export { predictReplacement } from "./review/force-new-attributes";
export type {
  ConditionalForceNew,
  ForceNewTable,
  ForceNewWhen,
  ProviderForceNew,
  ReplacementPrediction,
  ResourceForceNew,
} from "./review/force-new-attributes";
export { FORCE_NEW_TABLE } from "./review/force-new-table";
export { NoiseKind } from "./review/noisy-diffs";
export type { NoiseMatch, NoisyDiff } from "./review/noisy-diffs";
export { ReviewExitCode, ReviewFormat, renderReview } from "./review/plan-review-cli";
export {
  BlockerKind,
  ChangeAction,
  ChangeOrigin,
  InputWarningKind,
  PLAN_REVIEW_FORMAT_VERSION,
  PolicyDeltaKind,
  PreventDestroy,
  describePreventDestroy,
} from "./review/plan-review-report";
export type {
  Blocker,
  CeilingSource,
  ChangedSourceLine,
  CollapsedNoise,
  CostDelta,
  CostSummary,
  InputWarning,
  PossibleReplacement,
  MonthlyCost,
  NumberChange,
  PlanReview,
  PolicyDelta,
  ReviewedChange,
  StackReview,
  TierReview,
  UnknownValue,
} from "./review/plan-review-report";
export { renderMarkdown } from "./review/render-markdown";
export { renderSarif } from "./review/render-sarif";
export type {
  SarifLevel,
  SarifLocation,
  SarifLog,
  SarifOptions,
  SarifPhysicalLocation,
  SarifResult,
  SarifRule,
} from "./review/render-sarif";
export { ReviewInputError } from "./review/review-input-error";
export { reviewPlans } from "./review/review-plans";
export type { PlanReviewOptions, StackPlanFile } from "./review/review-plans";
export type { PathStep } from "./review/sensitive-mask";
export type { ConstructSource, SourceLocation } from "./review/source-locator";
export { parseTerraformPlan } from "./review/terraform-plan";
export type {
  PlanAction,
  PlanChange,
  PlanConfigResource,
  PlanResourceChange,
  TerraformPlan,
} from "./review/terraform-plan";
