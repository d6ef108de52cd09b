import { Testing } from "cdktf";
import { AksPlatformStack } from "../../stacks/aks-platform-stack";
import { DevStack } from "../../stacks/dev-stack";
import { buildPlatform, platformOptionsFromEnv } from "../../stacks/platform-app";
import { StagingStack, apportionRequests } from "../../stacks/staging-stack";
import { StateBackend } from "../../stacks/state-backend";
import { DEV_TIER } from "../../tiers/dev";
import { ENTERPRISE_TIER } from "../../tiers/enterprise";
import { SMALL_PROD_TIER } from "../../tiers/small-prod";
import { STAGING_TIER } from "../../tiers/staging";
import { CosmosZoneRedundancyScope, DataLayerKind, ManagedDataLayerSpec, RegionRole, SearchPlacement, TierSpec } from "../../tiers/tier-spec";
import { synthApp } from "../helpers";
import { CosmosConsistency, RedisFamily, RedisSku } from "../../constructs/data-service-options";

type Mutable<T> = { -readonly [K in keyof T]: Mutable<T[K]> };

/** A deep copy of a tier that a test may change. */
function copy(tier: TierSpec): Mutable<TierSpec> {
  return JSON.parse(JSON.stringify(tier)) as Mutable<TierSpec>;
}

function smallProd(change: (tier: Mutable<TierSpec>) => void): () => void {
  const tier = copy(SMALL_PROD_TIER);
  change(tier);
  return () => new AksPlatformStack(Testing.app(), "small-prod", { platformName: "omega", tier: tier as TierSpec, region: tier.regions[0] });
}

function managedOf(tier: Mutable<TierSpec>): Mutable<ManagedDataLayerSpec> {
  if (tier.dataLayer.kind !== DataLayerKind.MANAGED) throw new Error("expected a managed data layer");
  return tier.dataLayer as Mutable<ManagedDataLayerSpec>;
}

describe("tier validation", () => {
  test("the four shipped tiers are valid", () => {
    expect(() => buildPlatform(Testing.app(), { platformName: "omega" })).not.toThrow();
  });

  test("fails on an edge whose WAF rate limit Front Door cannot count", () => {
    expect(smallProd((t) => ((t.edge as Mutable<NonNullable<TierSpec["edge"]>>).wafRateLimitPerMinute = 5))).toThrow(
      "small-prod: invalid tier.edge.wafRateLimitPerMinute 5: expected an integer from 10 to 5000000",
    );
  });

  test("fails on an edge with an unknown WAF mode", () => {
    expect(smallProd((t) => ((t.edge as Mutable<NonNullable<TierSpec["edge"]>>).wafMode = "Off" as never))).toThrow(
      'small-prod: invalid tier.edge.wafMode "Off": expected one of "Prevention", "Detection"',
    );
  });

  test("fails on an edge without federation-core to route to", () => {
    expect(smallProd((t) => (t.services.federationCore.replicas = 0))).toThrow(
      "small-prod: invalid tier.services.federationCore.replicas 0: expected federation-core to run where the tier has an edge (the edge routes to it)",
    );
  });

  test("fails on an edge in a tier that is not on AKS", () => {
    const tier = { ...copy(STAGING_TIER), edge: SMALL_PROD_TIER.edge } as TierSpec;
    expect(() => new StagingStack(Testing.app(), "staging", { platformName: "omega", tier })).toThrow(
      'staging: invalid tier.edge "container-instances": expected an AKS tier: the edge reaches Traefik in each cluster over Private Link (platform "aks")',
    );
  });

  test("fails on negative replicas", () => {
    expect(smallProd((t) => (t.services.federationCore.replicas = -1))).toThrow(
      "small-prod: invalid tier.services.federationCore.replicas -1: expected an integer from 0 to 1000",
    );
  });

  test("fails on fractional titan replicas", () => {
    expect(smallProd((t) => (t.services.titans.replicasEach = 1.5))).toThrow(
      "small-prod: invalid tier.services.titans.replicasEach 1.5: expected an integer from 0 to 1000",
    );
  });

  test("fails on a zero CPU limit", () => {
    expect(smallProd((t) => (t.services.warden.limits = { cpuCores: 0, memoryMiB: 512 }))).toThrow(
      "small-prod: invalid tier.services.warden.limits.cpuCores 0: expected a positive number",
    );
  });

  test("fails when agent-team min is above max", () => {
    expect(smallProd((t) => (t.agentTeams.replicas = { min: 6, max: 5 }))).toThrow(
      "small-prod: invalid tier.agentTeams.replicas.min 6: expected at most tier.agentTeams.replicas.max (5)",
    );
  });

  test("fails when spot min is above max", () => {
    expect(smallProd((t) => (t.cluster!.spotPool.minCount = 10))).toThrow(
      "small-prod: invalid tier.cluster.spotPool.minCount 10: expected at most tier.cluster.spotPool.maxCount (5)",
    );
  });

  test("fails on an always-on pool of zero nodes", () => {
    expect(smallProd((t) => (t.cluster!.alwaysOnPool.nodeCount = 0))).toThrow(
      "small-prod: invalid tier.cluster.alwaysOnPool.nodeCount 0: expected an integer from 1 to 1000",
    );
  });

  test("fails on a spot price of zero", () => {
    expect(smallProd((t) => (t.cluster!.spotPool.maxPricePerHourUsd = 0))).toThrow(
      "small-prod: invalid tier.cluster.spotPool.maxPricePerHourUsd 0: expected a positive price in USD per hour, or -1 to pay up to the on-demand price",
    );
  });

  test("fails on a VM size that is not an Azure size", () => {
    expect(smallProd((t) => (t.cluster!.alwaysOnPool.vmSize = "D4s_v5"))).toThrow(
      'small-prod: invalid tier.cluster.alwaysOnPool.vmSize "D4s_v5": expected an Azure VM size such as Standard_D4s_v5',
    );
  });

  test("fails on a region that is not an Azure region name", () => {
    expect(smallProd((t) => (t.regions[0].name = "us-east-1"))).toThrow(
      'small-prod: invalid tier.regions[0].name "us-east-1": expected an Azure region name such as eastus or westeurope',
    );
  });

  test("fails on a region name with a space", () => {
    expect(smallProd((t) => (t.regions[0].name = "East US"))).toThrow('small-prod: invalid tier.regions[0].name "East US"');
  });

  test("fails on a cluster subnet outside the region's address space", () => {
    expect(smallProd((t) => (t.regions[0].clusterSubnetPrefix = "10.9.0.0/22"))).toThrow(
      'small-prod: invalid tier.regions[0].clusterSubnetPrefix "10.9.0.0/22": expected a block inside vnetAddressSpace (10.1.0.0/16)',
    );
  });

  test("fails on a budget of zero", () => {
    expect(smallProd((t) => (t.budget!.ceilingMonthlyUsd = 0))).toThrow(
      "small-prod: invalid tier.budget.ceilingMonthlyUsd 0: expected a positive number",
    );
  });

  test("fails on a budget that is not a number", () => {
    expect(smallProd((t) => (t.budget!.ceilingMonthlyUsd = Number.NaN))).toThrow(
      "small-prod: invalid tier.budget.ceilingMonthlyUsd NaN: expected a positive number",
    );
  });

  test("fails on an Azure tier without a budget", () => {
    expect(smallProd((t) => delete t.budget)).toThrow(
      "small-prod: invalid tier.budget undefined: expected a monthly budget for a tier that runs on Azure",
    );
  });

  test("fails on an SLA of 100%", () => {
    expect(smallProd((t) => (t.slaPercent = 100))).toThrow(
      "small-prod: invalid tier.slaPercent 100: expected a percentage above 0 and below 100",
    );
  });

  test("fails on log retention below 30 days", () => {
    expect(smallProd((t) => (t.logRetentionDays = 7))).toThrow(
      "small-prod: invalid tier.logRetentionDays 7: expected an integer from 30 to 730",
    );
  });

  test("fails on an AKS tier without a cluster", () => {
    expect(smallProd((t) => delete t.cluster)).toThrow(
      "small-prod: invalid tier.cluster undefined: expected a cluster spec for an AKS tier",
    );
  });

  describe("the sandboxed language pool", () => {
    type Pool = Mutable<NonNullable<NonNullable<TierSpec["languageServices"]>["sandboxedPool"]>>;
    const pool = (t: Mutable<TierSpec>) => t.languageServices!.sandboxedPool as Pool;

    test("small-prod's is valid: Standard_D4s_v5 1..3 over three zones, in 10.1.5.0/24", () => {
      expect(smallProd(() => undefined)).not.toThrow();
      expect(SMALL_PROD_TIER.languageServices?.sandboxedPool).toEqual({ vmSize: "Standard_D4s_v5", minCount: 1, maxCount: 3, zones: ["1", "2", "3"] });
      expect(SMALL_PROD_TIER.regions[0].sandboxSubnetPrefix).toBe("10.1.5.0/24");
    });

    test("fails on a size without nested virtualization", () => {
      expect(smallProd((t) => (pool(t).vmSize = "Standard_B4ms"))).toThrow(
        'small-prod: invalid tier.languageServices.sandboxedPool.vmSize "Standard_B4ms": expected a size of a series pod sandboxing runs on (generation 2 with nested virtualization): Dsv3, Dsv5, Dasv5',
      );
    });

    test("fails on a minimum below what the warm pods need", () => {
      expect(
        smallProd((t) => {
          t.languageServices!.warmReplicas = 2;
        }),
      ).toThrow(
        "small-prod: invalid tier.languageServices.sandboxedPool.minCount 1: expected at least 2, what the warm pods need: 2 pod(s) x 8 languages with the Kata overhead (600 MiB a pod): " +
          "5250m / 12800 MiB requested, 2 node(s) of 3790m / 14962 MiB (Standard_D4s_v5, 50 pods a node)",
      );
    });

    test("fails on a maximum below what maxReplicas needs", () => {
      expect(smallProd((t) => (pool(t).maxCount = 2))).toThrow(
        "small-prod: invalid tier.languageServices.sandboxedPool.maxCount 2: expected at least 3, what maxReplicas needs: 3 pod(s) x 8 languages with the Kata overhead (600 MiB a pod): " +
          "7875m / 19200 MiB requested, 3 node(s) of 3790m / 14962 MiB (Standard_D4s_v5, 50 pods a node)",
      );
    });

    test("fails on a minimum of 0, and on one above the maximum", () => {
      expect(smallProd((t) => (pool(t).minCount = 0))).toThrow("small-prod: invalid tier.languageServices.sandboxedPool.minCount 0: expected an integer from 1 to 1000");
      expect(smallProd((t) => (pool(t).minCount = 4))).toThrow(
        "small-prod: invalid tier.languageServices.sandboxedPool.minCount 4: expected at most tier.languageServices.sandboxedPool.maxCount (3)",
      );
    });

    test("fails on unknown or no zones", () => {
      expect(smallProd((t) => (pool(t).zones = ["1", "4"]))).toThrow(
        'small-prod: invalid tier.languageServices.sandboxedPool.zones ["1","4"]: expected distinct availability zones from "1", "2", "3"',
      );
      expect(smallProd((t) => (pool(t).zones = []))).toThrow(
        "small-prod: invalid tier.languageServices.sandboxedPool.zones []: expected at least one availability zone: the regions of AKS tiers have zones, and the pool's nodes should spread over them",
      );
    });

    test("fails without the sandbox subnet in a region", () => {
      expect(smallProd((t) => delete t.regions[0].sandboxSubnetPrefix)).toThrow(
        "small-prod: invalid tier.regions[0].sandboxSubnetPrefix undefined: expected the sandbox pool's subnet, inside vnetAddressSpace, where the tier has a languageServices.sandboxedPool",
      );
    });

    test("fails on a sandbox subnet outside the network or over another subnet", () => {
      expect(smallProd((t) => (t.regions[0].sandboxSubnetPrefix = "10.9.5.0/24"))).toThrow(
        'small-prod: invalid tier.regions[0].sandboxSubnetPrefix "10.9.5.0/24": expected a block inside vnetAddressSpace (10.1.0.0/16)',
      );
      expect(smallProd((t) => (t.regions[0].sandboxSubnetPrefix = "10.1.2.0/24"))).toThrow(
        'small-prod: invalid tier.regions[0].sandboxSubnetPrefix "10.1.2.0/24": expected a block that does not overlap clusterSubnetPrefix (10.1.0.0/22)',
      );
      expect(smallProd((t) => (t.regions[0].sandboxSubnetPrefix = "10.1.4.0/25"))).toThrow(
        'small-prod: invalid tier.regions[0].sandboxSubnetPrefix "10.1.4.0/25": expected a block that does not overlap privateEndpointSubnetPrefix (10.1.4.0/24)',
      );
    });

    test("fails on a sandboxed pool outside AKS", () => {
      const tier = copy(DEV_TIER);
      tier.languageServices!.sandboxedPool = { vmSize: "Standard_D4s_v5", minCount: 1, maxCount: 1, zones: ["1"] };
      expect(() => new DevStack(Testing.app(), "dev", { platformName: "omega", tier: tier as TierSpec })).toThrow(
        'dev: invalid tier.languageServices.sandboxedPool "local-kubernetes": expected an AKS tier: pod sandboxing is a node pool of an AKS cluster (platform "aks")',
      );
    });

    test("fails on an AKS tier that neither sandboxes the fleet nor says why", () => {
      expect(smallProd((t) => delete t.languageServices!.sandboxedPool)).toThrow(
        "small-prod: invalid tier.languageServices.unsandboxedReason undefined: expected a sandboxedPool (Kata VMs for code nobody vetted) or, in at least 10 characters, the reason the tier runs the language services without one",
      );
    });

    test("fails on a reason not to sandbox beside a sandboxed pool", () => {
      expect(smallProd((t) => (t.languageServices!.unsandboxedReason = "no budget for it"))).toThrow(
        'small-prod: invalid tier.languageServices.unsandboxedReason "no budget for it": expected none: the tier has a sandboxedPool',
      );
    });

    test("fails on a spot cap that is neither positive nor -1", () => {
      expect(smallProd((t) => (pool(t).spot = { maxPricePerHourUsd: 0 }))).toThrow(
        "small-prod: invalid tier.languageServices.sandboxedPool.spot.maxPricePerHourUsd 0: expected a positive price in USD per hour, or -1 to pay up to the on-demand price",
      );
    });

    test("enterprise has one, on spot nodes", () => {
      expect(ENTERPRISE_TIER.languageServices?.sandboxedPool).toEqual({
        vmSize: "Standard_D4s_v5",
        minCount: 2,
        maxCount: 10,
        zones: ["1", "2", "3"],
        spot: { maxPricePerHourUsd: -1 },
      });
      expect(ENTERPRISE_TIER.languageServices?.unsandboxedReason).toBeUndefined();
    });
  });

  test("fails on AI Search replicas that do not spread evenly over the tier's regions", () => {
    const tier = copy(ENTERPRISE_TIER);
    managedOf(tier).search = { sku: managedOf(tier).search!.sku, replicas: 4, partitions: 1, placement: SearchPlacement.SPREAD_ACROSS_REGIONS };
    expect(() => buildPlatform(Testing.app(), { platformName: "omega", tiers: { enterprise: tier as TierSpec } })).toThrow(
      "enterprise-global: invalid tier.dataLayer.search.replicas 4: expected a multiple of the tier's 3 region(s), at least 3 and at most 36, to spread across regions",
    );
  });

  test("fails on zone redundancy in the write region only with writes in every region", () => {
    const tier = copy(ENTERPRISE_TIER);
    managedOf(tier).cosmos.multiRegionWrites = true;
    expect(() => buildPlatform(Testing.app(), { platformName: "omega", tiers: { enterprise: tier as TierSpec } })).toThrow(
      'enterprise-global: invalid tier.dataLayer.cosmos.zoneRedundancyScope "write-region": expected "every-region" with multiRegionWrites: every region is a write region',
    );
  });

  test("fails on a zone-redundancy scope without zone redundancy", () => {
    const tier = copy(ENTERPRISE_TIER);
    managedOf(tier).cosmos.zoneRedundant = false;
    expect(() => buildPlatform(Testing.app(), { platformName: "omega", tiers: { enterprise: tier as TierSpec } })).toThrow(
      'enterprise-global: invalid tier.dataLayer.cosmos.zoneRedundancyScope "write-region": expected no scope without zoneRedundant: no region is zone redundant',
    );
  });

  test("fails on container logs sent to Log Analytics with no volume to price them by", () => {
    const tier = copy(ENTERPRISE_TIER);
    tier.containerInsights = { containerLogs: true, intervalMinutes: 5, excludeSystemNamespaces: true };
    expect(() => new AksPlatformStack(Testing.app(), "enterprise-eastus", { platformName: "omega", tier: tier as TierSpec, region: tier.regions[0] })).toThrow(
      "enterprise-eastus: invalid tier.costAssumptions.containerLogGbPerDay undefined: expected GB a day of container logs (or logAnalyticsGbPerDay): the tier's clusters send container logs to Log Analytics and their volume cannot be derived",
    );
  });

  test("fails on a Container Insights interval Azure does not accept", () => {
    const tier = copy(ENTERPRISE_TIER);
    tier.containerInsights = { containerLogs: false, intervalMinutes: 60, excludeSystemNamespaces: true };
    expect(() => new AksPlatformStack(Testing.app(), "enterprise-eastus", { platformName: "omega", tier: tier as TierSpec, region: tier.regions[0] })).toThrow(
      "enterprise-eastus: invalid tier.containerInsights.intervalMinutes 60: expected an integer from 1 to 30",
    );
  });

  test("fails on Container Insights for a tier without AKS", () => {
    const tier = copy(STAGING_TIER);
    tier.containerInsights = { containerLogs: false, intervalMinutes: 5, excludeSystemNamespaces: true };
    expect(() => new StagingStack(Testing.app(), "staging", { platformName: "omega", tier: tier as TierSpec })).toThrow(
      'staging: invalid tier.containerInsights {"containerLogs":false,"intervalMinutes":5,"excludeSystemNamespaces":true}: expected none: Container Insights runs on AKS tiers only',
    );
  });

  test("a zone-redundancy scope of every region keeps every region zone redundant", () => {
    const tier = copy(ENTERPRISE_TIER);
    managedOf(tier).cosmos.zoneRedundancyScope = CosmosZoneRedundancyScope.EVERY_REGION;
    // Zones in every region add $292.00 a month, which takes the tier over its $15,000 ceiling
    // (platform-costs.test.ts); this test is about the accounts' zones, so it lifts the ceiling.
    tier.budget = { ...tier.budget!, ceilingMonthlyUsd: 15_500 };
    const json = synthApp((app) => buildPlatform(app, { platformName: "omega", tiers: { enterprise: tier as TierSpec } }));
    const account = Object.values((json.get("enterprise-global") as any).resource.azurerm_cosmosdb_account)[0] as any;
    expect(account.geo_location.map((g: any) => g.zone_redundant)).toEqual([true, true, true]);
  });

  test("fails on Strong consistency with multiple write regions (seed 004's enterprise request)", () => {
    const tier = copy(ENTERPRISE_TIER);
    managedOf(tier).cosmos.consistency = CosmosConsistency.STRONG;
    managedOf(tier).cosmos.multiRegionWrites = true;
    expect(() => buildPlatform(Testing.app(), { platformName: "omega", tiers: { enterprise: tier as TierSpec } })).toThrow(
      'enterprise-global: invalid tier.dataLayer.cosmos.consistency "Strong": expected a level other than Strong with multiRegionWrites: Azure does not allow Strong consistency with multiple write regions',
    );
  });

  test("fails on Strong consistency with enterprise's single write region: eastus and southeastasia are over 5,000 miles apart", () => {
    const tier = copy(ENTERPRISE_TIER);
    managedOf(tier).cosmos.consistency = CosmosConsistency.STRONG;
    expect(() => buildPlatform(Testing.app(), { platformName: "omega", tiers: { enterprise: tier as TierSpec } })).toThrow(
      'enterprise-global/Cosmos: invalid consistency "Strong": expected a level other than Strong across eastus and southeastasia (about 9800 miles apart): Azure blocks Strong consistency between regions more than 5,000 miles apart unless the subscription is allowed it (set acknowledgeStrongConsistencyOverDistance)',
    );
  });

  test("fails on throughput below 400 RU/s", () => {
    expect(smallProd((t) => (managedOf(t).cosmos.throughputRuPerSecond = 300))).toThrow(
      "small-prod: invalid tier.dataLayer.cosmos.throughputRuPerSecond 300: expected an integer from 400 to 1000000",
    );
  });

  test("fails on throughput that is not a multiple of 100", () => {
    expect(smallProd((t) => (managedOf(t).cosmos.throughputRuPerSecond = 1050))).toThrow(
      "small-prod: invalid tier.dataLayer.cosmos.throughputRuPerSecond 1050: expected a multiple of 100 RU/s",
    );
  });

  test("fails on a P family with the Basic SKU", () => {
    expect(smallProd((t) => (managedOf(t).redis = { sku: RedisSku.BASIC, family: RedisFamily.P, capacity: 1 }))).toThrow(
      'small-prod: invalid tier.dataLayer.redis.family "P": expected "C" for the Basic SKU',
    );
  });

  test("fails on shards without Premium", () => {
    expect(
      smallProd((t) => (managedOf(t).redis = { sku: RedisSku.STANDARD, family: RedisFamily.C, capacity: 1, shardCount: 2 })),
    ).toThrow("small-prod: invalid tier.dataLayer.redis.shardCount 2: expected no shards: clustering needs the Premium SKU");
  });

  test("fails on a Premium size above P5", () => {
    expect(smallProd((t) => (managedOf(t).redis.capacity = 6))).toThrow(
      "small-prod: invalid tier.dataLayer.redis.capacity 6: expected an integer from 1 to 5",
    );
  });

  test("fails on an AI Search partition count Azure does not offer", () => {
    expect(smallProd((t) => (managedOf(t).search!.partitions = 5))).toThrow(
      "small-prod: invalid tier.dataLayer.search.partitions 5: expected one of 1, 2, 3, 4, 6, 12",
    );
  });

  test("fails on an unknown schedule time zone", () => {
    const tier = copy(ENTERPRISE_TIER);
    tier.agentTeams.schedule!.timeZone = "Eastern";
    expect(() => new AksPlatformStack(Testing.app(), "enterprise-eastus", { platformName: "omega", tier: tier as TierSpec, region: tier.regions[0] })).toThrow(
      'enterprise-eastus: invalid tier.agentTeams.schedule.timeZone "Eastern": expected an IANA time zone such as America/New_York',
    );
  });

  test("fails on a schedule window that ends before it starts", () => {
    const tier = copy(ENTERPRISE_TIER);
    tier.agentTeams.schedule!.endHour = 8;
    expect(() => new AksPlatformStack(Testing.app(), "enterprise-eastus", { platformName: "omega", tier: tier as TierSpec, region: tier.regions[0] })).toThrow(
      "enterprise-eastus: invalid tier.agentTeams.schedule.startHour 9: expected at most tier.agentTeams.schedule.endHour (8)",
    );
  });

  test("fails on a business-hours floor above the team maximum", () => {
    const tier = copy(ENTERPRISE_TIER);
    tier.agentTeams.schedule!.minReplicasInWindow = 60;
    expect(() => new AksPlatformStack(Testing.app(), "enterprise-eastus", { platformName: "omega", tier: tier as TierSpec, region: tier.regions[0] })).toThrow(
      "enterprise-eastus: invalid tier.agentTeams.schedule.minReplicasInWindow 60: expected an integer from 0 to 50",
    );
  });

  test("fails on two primary regions", () => {
    const tier = copy(ENTERPRISE_TIER);
    tier.regions[2].role = RegionRole.PRIMARY;
    expect(() => buildPlatform(Testing.app(), { platformName: "omega", tiers: { enterprise: tier as TierSpec } })).toThrow(
      'enterprise-global: invalid tier.regions[2].role "primary": expected one primary region',
    );
  });

  test("fails on a tier without a primary region", () => {
    const tier = copy(SMALL_PROD_TIER);
    tier.regions[0].role = RegionRole.SECONDARY;
    expect(() => new AksPlatformStack(Testing.app(), "small-prod", { platformName: "omega", tier: tier as TierSpec, region: tier.regions[0] })).toThrow(
      'small-prod: invalid tier.regions ["eastus"]: expected one region with the primary role',
    );
  });

  test("fails on overlapping regional address spaces", () => {
    const tier = copy(ENTERPRISE_TIER);
    tier.regions[1].vnetAddressSpace = "10.10.0.0/16";
    tier.regions[1].clusterSubnetPrefix = "10.10.0.0/22";
    expect(() => buildPlatform(Testing.app(), { platformName: "omega", tiers: { enterprise: tier as TierSpec } })).toThrow(
      'enterprise-global: invalid tier.regions[1].vnetAddressSpace "10.10.0.0/16": expected a block that does not overlap region eastus, so regions can be peered',
    );
  });

  test("fails on an unpinned in-cluster image", () => {
    const tier = copy(DEV_TIER);
    (tier.dataLayer as { mongoImage: string }).mongoImage = "mongo:latest";
    expect(() => new DevStack(Testing.app(), "dev", { platformName: "omega", tier: tier as TierSpec })).toThrow(
      'dev: invalid tier.dataLayer.mongoImage "mongo:latest": expected an image pinned to a version tag or a digest, never :latest or untagged',
    );
  });

  test("fails on regions in a local tier", () => {
    const tier = copy(DEV_TIER);
    tier.regions = [...SMALL_PROD_TIER.regions];
    expect(() => new DevStack(Testing.app(), "dev", { platformName: "omega", tier: tier as TierSpec })).toThrow(
      'dev: invalid tier.regions ["eastus"]: expected no regions for a local tier',
    );
  });

  test("a group allocation is split by the containers' limits in ACI's steps, adding up exactly", () => {
    const app = Testing.app();
    // Seed 001's Lisp, Assembly, Java and System F in 1 vCPU / 1 GB.
    const shares = apportionRequests(app, "allocation", { cpuCores: 1, memoryGb: 1 }, [
      { cpuMillis: 500, memoryMiB: 512 },
      { cpuMillis: 250, memoryMiB: 128 },
      { cpuMillis: 1000, memoryMiB: 768 },
      { cpuMillis: 500, memoryMiB: 256 },
    ]);
    expect(shares.map((s) => s.cpuMillis)).toEqual([220, 110, 450, 220]);
    expect(shares.reduce((n, s) => n + s.cpuMillis, 0)).toBe(1000);
    // 0.1 GB steps, floored to whole MiB: 3 + 1 + 5 + 1 steps.
    expect(shares.map((s) => s.memoryMiB)).toEqual([307, 102, 512, 102]);
  });

  test("fails on a group allocation larger than its containers' limits together", () => {
    expect(() => apportionRequests(Testing.app(), "tier.containerInstances.languageGroupAllocation", { cpuCores: 4, memoryGb: 1 }, [{ cpuMillis: 500, memoryMiB: 512 }])).toThrow(
      'app: invalid tier.containerInstances.languageGroupAllocation {"cpuCores":4,"memoryGb":1}: expected vCPU in 0.01 steps of at least one step per container and at most the sum of their limits',
    );
  });

  test("fails on a staging tier without the gateway's subnet", () => {
    const tier = copy(STAGING_TIER);
    delete tier.containerInstances!.gatewaySubnetPrefix;
    expect(() => new StagingStack(Testing.app(), "staging", { platformName: "omega", tier: tier as TierSpec })).toThrow(
      "staging: invalid tier.containerInstances.gatewaySubnetPrefix undefined: expected the API gateway's subnet (/29 or larger) for the staging stack's way in",
    );
  });

  test("the staging stack takes the app registrations as typed input instead of variables", () => {
    const app = Testing.app();
    const staging = new StagingStack(app, "staging", {
      platformName: "omega",
      tier: STAGING_TIER,
      apiAccess: {
        tenantId: "11111111-2222-4333-8444-555555555555",
        audiences: ["api://omega-staging"],
        clientApplicationIds: ["aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"],
        requiredRoles: ["Staging.Caller"],
        publisherEmail: "platform@example.com",
      },
    });
    expect(staging.gateway.policyXml).toContain('tenant-id="11111111-2222-4333-8444-555555555555"');
    expect(staging.gateway.policyXml).toContain("<value>Staging.Caller</value>");
    expect(JSON.parse(Testing.synth(staging)).variable).toBeUndefined();
  });

  test("fails on a stack given the wrong kind of tier", () => {
    expect(() => new StagingStack(Testing.app(), "staging", { platformName: "omega", tier: SMALL_PROD_TIER })).toThrow(
      'staging: invalid tier.platform "aks": expected "container-instances" for the staging stack',
    );
    expect(() => new DevStack(Testing.app(), "dev", { platformName: "omega", tier: STAGING_TIER })).toThrow(
      'dev: invalid tier.platform "container-instances": expected "local-kubernetes" for the dev stack',
    );
  });

  test("fails on a region the tier does not have", () => {
    expect(() => new AksPlatformStack(Testing.app(), "small-prod", { platformName: "omega", tier: SMALL_PROD_TIER, region: ENTERPRISE_TIER.regions[1] })).toThrow(
      'small-prod: invalid region.name "westeurope": expected one of the tier\'s regions (eastus)',
    );
  });

  test("fails on a two-region small-prod tier", () => {
    const tier = copy(SMALL_PROD_TIER);
    tier.regions = [...ENTERPRISE_TIER.regions.slice(0, 2)];
    expect(() => buildPlatform(Testing.app(), { platformName: "omega", tiers: { smallProd: tier as TierSpec } })).toThrow(
      'app: invalid tiers.smallProd.regions ["eastus","westeurope"]: expected exactly one region for the single-region small-prod tier',
    );
  });
});

describe("platform options", () => {
  test("an Azure Blob state backend keys each stack's state by its name", () => {
    const json = synthApp((app) =>
      buildPlatform(app, { platformName: "omega",
        stateBackend: StateBackend.azureBlob({ resourceGroupName: "tfstate", storageAccountName: "omegatfstate", containerName: "state" }),
      }),
    );
    expect(json.get("small-prod")?.terraform?.backend).toEqual({
      azurerm: {
        resource_group_name: "tfstate",
        storage_account_name: "omegatfstate",
        container_name: "state",
        key: "small-prod.tfstate",
        use_azuread_auth: true,
      },
    });
    const remote = (json.get("small-prod-workloads")?.data?.terraform_remote_state as Record<string, any>)[
      "cross-stack-reference-input-small-prod"
    ];
    expect(remote.backend).toBe("azurerm");
    expect(remote.config.key).toBe("small-prod.tfstate");
  });

  test("local state lives at the project root, addressed relative to each stack directory", () => {
    const json = synthApp((app) => buildPlatform(app, { platformName: "omega" }));
    expect(json.get("enterprise-eastus")?.terraform?.backend).toEqual({
      local: { path: "../../../terraform.enterprise-eastus.tfstate" },
    });
  });

  test("reads only the variables a user sets", () => {
    expect(platformOptionsFromEnv({})).toEqual({
      stateBackend: undefined,
      adminGroupObjectIds: undefined,
      kubeloginMode: undefined,
      devKubeconfigPath: undefined,
      devKubeContext: undefined,
    });
    const options = platformOptionsFromEnv({
      OMEGA_ADMIN_GROUP_OBJECT_IDS: "a, b,",
      OMEGA_KUBELOGIN_MODE: "workloadidentity",
      OMEGA_DEV_KUBE_CONTEXT: "minikube",
    });
    expect(options.adminGroupObjectIds).toEqual(["a", "b"]);
    expect(options.kubeloginMode).toBe("workloadidentity");
    expect(options.devKubeContext).toBe("minikube");
  });

  test("fails on an unknown kubelogin mode", () => {
    expect(() => platformOptionsFromEnv({ OMEGA_KUBELOGIN_MODE: "devicecode" })).toThrow(
      'OMEGA_KUBELOGIN_MODE: invalid value "devicecode": expected one of azurecli, workloadidentity, spn, msi',
    );
  });

  test("fails on a partial state backend configuration", () => {
    expect(() => platformOptionsFromEnv({ OMEGA_TFSTATE_STORAGE_ACCOUNT: "x" })).toThrow(
      "OMEGA_TFSTATE_RESOURCE_GROUP, OMEGA_TFSTATE_STORAGE_ACCOUNT and OMEGA_TFSTATE_CONTAINER: expected all three set (state in Azure Blob) or none (local state)",
    );
  });
});

describe("tier values checked where the tier sets them, not in the construct they reach (issue 27)", () => {
  type Edge = Mutable<NonNullable<TierSpec["edge"]>>;
  test("fails on a body limit above what the edge gateway buffers", () => {
    expect(smallProd((t) => ((t.edge as Edge).maxRequestBodyKiB = 2 * 1024 * 1024))).toThrow(
      "small-prod: invalid tier.edge.maxRequestBodyKiB 2097152: expected an integer from 1 to 1048576 (1 GiB, the largest body the cluster's edge gateway buffers)",
    );
  });

  test("fails on a VM size the cluster would reject", () => {
    expect(smallProd((t) => (t.cluster!.alwaysOnPool.vmSize = "Standard_foo"))).toThrow(
      'small-prod: invalid tier.cluster.alwaysOnPool.vmSize "Standard_foo": expected an Azure VM size such as Standard_D4s_v5 (Standard_<family><vCPUs><features>[_<version>])',
    );
  });

  test("fails on an unknown commitment instead of pricing it as 'no sourced undefined price'", () => {
    expect(smallProd((t) => (t.cluster!.alwaysOnPool.commitment = "reserved-5y" as never))).toThrow(
      'small-prod: invalid tier.cluster.alwaysOnPool.commitment "reserved-5y": expected one of "none", "savings-plan-1y", "savings-plan-3y", "reserved-1y", "reserved-3y"',
    );
  });

  test("fails on data-layer values the stores would reject", () => {
    expect(smallProd((t) => (managedOf(t).redis.zones = ["1", "4"]))).toThrow('small-prod: invalid tier.dataLayer.redis.zones ["1","4"]: expected distinct availability zones from "1", "2", "3"');
    expect(
      smallProd((t) => {
        managedOf(t).cosmos.autoscale = true;
        managedOf(t).cosmos.throughputRuPerSecond = 1500;
      }),
    ).toThrow("small-prod: invalid tier.dataLayer.cosmos.throughputRuPerSecond 1500: expected a multiple of 1000 RU/s with autoscale (the autoscale maximum)");
    expect(smallProd((t) => (managedOf(t).storage.replication = "XYZ" as never))).toThrow(
      'small-prod: invalid tier.dataLayer.storage.replication "XYZ": expected one of "LRS", "ZRS", "GRS", "RAGRS", "GZRS", "RAGZRS"',
    );
    expect(smallProd((t) => (managedOf(t).search!.sku = "mega" as never))).toThrow(
      'small-prod: invalid tier.dataLayer.search.sku "mega": expected one of "basic", "standard", "standard2", "standard3", "storage_optimized_l1", "storage_optimized_l2"',
    );
  });

  test("fails on budget contacts and a start date the budget would reject", () => {
    expect(smallProd((t) => (t.budget!.contacts.emails = ["finance"]))).toThrow('small-prod: invalid tier.budget.contacts.emails[0] "finance": expected an email address');
    expect(smallProd((t) => (t.budget!.contacts = { emails: [], roles: [] }))).toThrow(
      'small-prod: invalid tier.budget.contacts {"emails":[],"roles":[]}: expected at least one email or role: Azure requires a contact on every budget notification',
    );
    expect(smallProd((t) => (t.budget!.startDate = "2026-12-05"))).toThrow('small-prod: invalid tier.budget.startDate "2026-12-05": expected the first day of a month from 2017-06-01 on, as YYYY-MM-01');
  });

  test("fails on observability numbers the stack would reject", () => {
    expect(smallProd((t) => (t.observability!.metrics.prometheusReplicas = 0))).toThrow(
      "small-prod: invalid tier.observability.metrics.prometheusReplicas 0: expected an integer from 1 to 10",
    );
    expect(smallProd((t) => (t.observability!.logs.archiveDays = 1))).toThrow(
      "small-prod: invalid tier.observability.logs.retentionDays 30: expected at most tier.observability.logs.archiveDays (1)",
    );
  });

  test("fails on a private endpoint subnet outside the network or on the cluster subnet", () => {
    expect(smallProd((t) => (t.regions[0].privateEndpointSubnetPrefix = "10.200.0.0/24"))).toThrow(
      'small-prod: invalid tier.regions[0].privateEndpointSubnetPrefix "10.200.0.0/24": expected a block inside vnetAddressSpace (10.1.0.0/16)',
    );
    expect(smallProd((t) => (t.regions[0].privateEndpointSubnetPrefix = t.regions[0].clusterSubnetPrefix))).toThrow(
      'small-prod: invalid tier.regions[0].privateEndpointSubnetPrefix "10.1.0.0/22": expected a block that does not overlap clusterSubnetPrefix (10.1.0.0/22)',
    );
  });

  test("fails on container-instance subnets outside the primary region's network", () => {
    const tier = copy(STAGING_TIER);
    (tier.containerInstances as Mutable<NonNullable<TierSpec["containerInstances"]>>).isolatedSubnetPrefix = "10.250.0.0/24";
    expect(() => new StagingStack(Testing.app(), "staging", { platformName: "omega", tier: tier as TierSpec })).toThrow(
      'staging: invalid tier.containerInstances.isolatedSubnetPrefix "10.250.0.0/24": expected a block inside the primary region\'s vnetAddressSpace (10.2.0.0/16)',
    );
  });
});
