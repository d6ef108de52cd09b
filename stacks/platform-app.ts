import { Construct } from "constructs";
import { ICosmosMongoAccount } from "../constructs/cosmos-mongo-account";
import { KubeloginMode } from "../constructs/kubernetes-connection";
import { ValidationError } from "../constructs/validation-error";
import { DEV_TIER } from "../tiers/dev";
import { ENTERPRISE_TIER } from "../tiers/enterprise";
import { SMALL_PROD_TIER } from "../tiers/small-prod";
import { STAGING_TIER } from "../tiers/staging";
import { IFrontDoorEdge } from "../constructs/front-door-edge";
import { RegionRole, TierSpec } from "../tiers/tier-spec";
import { AksPlatformStack } from "./aks-platform-stack";
import { AksWorkloadsStack } from "./aks-workloads-stack";
import { DevStack } from "./dev-stack";
import { EnterpriseGlobalStack } from "./enterprise-global-stack";
import { StagingStack } from "./staging-stack";
import { StateBackend } from "./state-backend";
import { validatePlatformOptions } from "./platform-options-validation";

/** The tiers the reference app deploys; each may be replaced, e.g. by a tier with a different budget. */
export interface PlatformTiers {
  readonly dev: TierSpec;
  readonly staging: TierSpec;
  readonly smallProd: TierSpec;
  readonly enterprise: TierSpec;
}

export const DEFAULT_TIERS: PlatformTiers = {
  dev: DEV_TIER,
  staging: STAGING_TIER,
  smallProd: SMALL_PROD_TIER,
  enterprise: ENTERPRISE_TIER,
};

export interface PlatformAppOptions {
  /**
   * The platform's name: the prefix of every stack's resource names and the default of the derived
   * names inside (database, Secret, labels, alert groups, metric and image names; see
   * `PlatformNames`). The reference app passes "omega".
   */
  readonly platformName: string;
  /**
   * @default DEFAULT_TIERS
   */
  readonly tiers?: Partial<PlatformTiers>;
  /**
   * @default StateBackend.local()
   */
  readonly stateBackend?: StateBackend;
  /**
   * @default - ARM_SUBSCRIPTION_ID at plan time
   */
  readonly subscriptionId?: string;
  /**
   * Entra ID groups that administer every cluster.
   * @default - none
   */
  readonly adminGroupObjectIds?: readonly string[];
  /**
   * CIDRs allowed to reach every cluster's API server.
   * @default - any address, authenticated by Entra ID
   */
  readonly apiServerAuthorizedIpRanges?: readonly string[];
  /**
   * @default KubeloginMode.AZURE_CLI
   */
  readonly kubeloginMode?: KubeloginMode;
  /**
   * @default "~/.kube/config"
   */
  readonly devKubeconfigPath?: string;
  /**
   * @default - `kind-<platformName>-dev` (`defaultDevKubeContext`)
   */
  readonly devKubeContext?: string;
  /**
   * Domain of the clusters' origin host names behind Front Door (`<region>.<domain>`); each
   * region's Key Vault must hold a publicly trusted certificate for its host (secret `edge-origin-tls`).
   * @default - `defaultEdgeOriginDomain(platformName)`, a placeholder under the reserved `.example` top-level domain
   */
  readonly edgeOriginDomain?: string;
  /**
   * Audience of the Entra ID access tokens the edge accepts: the API app registration's client id.
   * @default - `defaultEdgeTokenAudience(platformName)`, a placeholder application id URI
   */
  readonly edgeTokenAudience?: string;
  /**
   * Host names clients use besides the Front Door endpoint's own (both production tiers): managed
   * certificates; publish each domain's validation token and a CNAME to the endpoint.
   * @default - none: the `azurefd.net` endpoint only
   */
  readonly edgeCustomDomains?: readonly string[];
}

/** The placeholder origin domain (`origin.<platform>-platform.example`): no certificate authority issues for `.example`, so replace it. */
export function defaultEdgeOriginDomain(platformName: string): string {
  return `origin.${platformName}-platform.example`;
}
/** The placeholder token audience (`api://<platform>-platform`): replace it with your API app registration's client id. */
export function defaultEdgeTokenAudience(platformName: string): string {
  return `api://${platformName}-platform`;
}

/** One AKS region: its infrastructure stack and its workloads stack. */
export interface RegionalStacks {
  readonly platform: AksPlatformStack;
  readonly workloads: AksWorkloadsStack;
}

/** The eleven stacks of the reference app (README, "The stacks"). */
export interface PlatformStacks {
  readonly dev: DevStack;
  readonly staging: StagingStack;
  readonly smallProd: RegionalStacks;
  readonly enterpriseGlobal: EnterpriseGlobalStack;
  /** Keyed by region name, in the tier's region order. */
  readonly enterpriseRegions: ReadonlyMap<string, RegionalStacks>;
}

function regionalStacks(
  scope: Construct,
  platformId: string,
  tier: TierSpec,
  regionIndex: number,
  options: PlatformAppOptions,
  cosmosAccount?: ICosmosMongoAccount,
  edge?: IFrontDoorEdge,
): RegionalStacks {
  const region = tier.regions[regionIndex];
  const platform = new AksPlatformStack(scope, platformId, {
    platformName: options.platformName,
    tier,
    region,
    stateBackend: options.stateBackend,
    subscriptionId: options.subscriptionId,
    adminGroupObjectIds: options.adminGroupObjectIds,
    apiServerAuthorizedIpRanges: options.apiServerAuthorizedIpRanges,
    cosmosAccount,
    edge,
    edgeCustomDomains: options.edgeCustomDomains,
  });
  const workloads = new AksWorkloadsStack(scope, `${platformId}-workloads`, {
    platformName: options.platformName,
    tier,
    platform,
    stateBackend: options.stateBackend,
    kubeloginMode: options.kubeloginMode,
    subscriptionId: options.subscriptionId,
    edgeOriginDomain: options.edgeOriginDomain ?? defaultEdgeOriginDomain(options.platformName),
    edgeTokenAudience: options.edgeTokenAudience ?? defaultEdgeTokenAudience(options.platformName),
    // The primary region's workloads stack routes the edge to the origin group, once its own
    // origin exists (Azure refuses a route to an empty group); the route serves every region.
    edgeRoute: tier.regions[regionIndex].role === RegionRole.PRIMARY,
  });
  return { platform, workloads };
}

/** Adds the platform's stacks to an app: dev, staging, small-prod (+workloads), enterprise global and regions. */
export function buildPlatform(scope: Construct, options: PlatformAppOptions): PlatformStacks {
  const tiers = { ...DEFAULT_TIERS, ...options.tiers };
  validatePlatformOptions(scope, options, [tiers.smallProd, tiers.enterprise].filter((t) => t.edge !== undefined));
  const common = { platformName: options.platformName, stateBackend: options.stateBackend };

  const dev = new DevStack(scope, "dev", {
    ...common,
    tier: tiers.dev,
    kubeconfigPath: options.devKubeconfigPath,
    kubeContext: options.devKubeContext,
  });
  const staging = new StagingStack(scope, "staging", { ...common, tier: tiers.staging, subscriptionId: options.subscriptionId });
  if (tiers.smallProd.regions.length !== 1) {
    throw new ValidationError(scope, "tiers.smallProd.regions", tiers.smallProd.regions.map((r) => r.name), "expected exactly one region for the single-region small-prod tier");
  }
  const smallProd = regionalStacks(scope, "small-prod", tiers.smallProd, 0, options);
  const enterpriseGlobal = new EnterpriseGlobalStack(scope, "enterprise-global", {
    ...common,
    tier: tiers.enterprise,
    subscriptionId: options.subscriptionId,
    edgeCustomDomains: options.edgeCustomDomains,
  });
  const enterpriseRegions = new Map<string, RegionalStacks>();
  tiers.enterprise.regions.forEach((region, i) => {
    enterpriseRegions.set(
      region.name,
      regionalStacks(scope, `enterprise-${region.name}`, tiers.enterprise, i, options, enterpriseGlobal.cosmos, enterpriseGlobal.edge),
    );
  });
  return { dev, staging, smallProd, enterpriseGlobal, enterpriseRegions };
}

/**
 * Options from environment variables, for `cdktf synth|deploy` in CI. Only what a user sets is
 * read; nothing of the machine is baked in otherwise.
 *
 * - OMEGA_TFSTATE_RESOURCE_GROUP, OMEGA_TFSTATE_STORAGE_ACCOUNT, OMEGA_TFSTATE_CONTAINER: state in Azure Blob
 * - OMEGA_ADMIN_GROUP_OBJECT_IDS: comma-separated Entra ID group object ids
 * - OMEGA_API_SERVER_AUTHORIZED_IP_RANGES: comma-separated CIDRs allowed to reach the API servers
 * - OMEGA_KUBELOGIN_MODE: azurecli | workloadidentity | spn | msi
 * - OMEGA_DEV_KUBECONFIG, OMEGA_DEV_KUBE_CONTEXT: the dev cluster
 * - OMEGA_EDGE_ORIGIN_DOMAIN: domain of the origin host names behind Front Door
 * - OMEGA_EDGE_TOKEN_AUDIENCE: the API app registration's client id (Entra ID token audience)
 * - OMEGA_EDGE_CUSTOM_DOMAINS: comma-separated host names served by Front Door besides its endpoint
 */
export function platformOptionsFromEnv(env: Readonly<Record<string, string | undefined>>): Omit<PlatformAppOptions, "platformName"> {
  const stateVars = [env.OMEGA_TFSTATE_RESOURCE_GROUP, env.OMEGA_TFSTATE_STORAGE_ACCOUNT, env.OMEGA_TFSTATE_CONTAINER];
  const stateSet = stateVars.filter((v) => v !== undefined && v !== "").length;
  if (stateSet !== 0 && stateSet !== 3) {
    throw new Error(
      "OMEGA_TFSTATE_RESOURCE_GROUP, OMEGA_TFSTATE_STORAGE_ACCOUNT and OMEGA_TFSTATE_CONTAINER: expected all three set (state in Azure Blob) or none (local state)",
    );
  }
  const mode = env.OMEGA_KUBELOGIN_MODE;
  const modes = Object.values(KubeloginMode) as string[];
  if (mode !== undefined && !modes.includes(mode)) {
    throw new Error(`OMEGA_KUBELOGIN_MODE: invalid value ${JSON.stringify(mode)}: expected one of ${modes.join(", ")}`);
  }
  return {
    stateBackend:
      stateSet === 3
        ? StateBackend.azureBlob({
            resourceGroupName: env.OMEGA_TFSTATE_RESOURCE_GROUP as string,
            storageAccountName: env.OMEGA_TFSTATE_STORAGE_ACCOUNT as string,
            containerName: env.OMEGA_TFSTATE_CONTAINER as string,
          })
        : undefined,
    apiServerAuthorizedIpRanges: env.OMEGA_API_SERVER_AUTHORIZED_IP_RANGES
      ? env.OMEGA_API_SERVER_AUTHORIZED_IP_RANGES.split(",").map((s) => s.trim()).filter((s) => s !== "")
      : undefined,
    adminGroupObjectIds: env.OMEGA_ADMIN_GROUP_OBJECT_IDS
      ? env.OMEGA_ADMIN_GROUP_OBJECT_IDS.split(",").map((s) => s.trim()).filter((s) => s !== "")
      : undefined,
    kubeloginMode: mode as KubeloginMode | undefined,
    devKubeconfigPath: env.OMEGA_DEV_KUBECONFIG || undefined,
    devKubeContext: env.OMEGA_DEV_KUBE_CONTEXT || undefined,
    edgeOriginDomain: env.OMEGA_EDGE_ORIGIN_DOMAIN || undefined,
    edgeTokenAudience: env.OMEGA_EDGE_TOKEN_AUDIENCE || undefined,
    edgeCustomDomains: env.OMEGA_EDGE_CUSTOM_DOMAINS
      ? env.OMEGA_EDGE_CUSTOM_DOMAINS.split(",").map((s) => s.trim()).filter((s) => s !== "")
      : undefined,
  };
}
