import { IConstruct } from "constructs";
import { isAzureRegion } from "../constructs/azure-regions";
import {
  checkInteger,
  checkOneOf,
  checkOrdered,
  checkPinnedImage,
  checkPositive,
  checkSpotMaxPrice,
  checkVmSize,
  checkZones,
  cidrsOverlap,
  parseCidr,
} from "../constructs/checks";
import { isTimeZone } from "../constructs/scale-schedule";
import { KATA_VM_SERIES, kataVmSeriesOf } from "../constructs/pod-sandboxing";
import { ValidationError } from "../constructs/validation-error";
import { sandboxDemandForTier } from "../cost/sandbox-demand";
import {
  ComputeCommitment,
  ContainerResources,
  CosmosZoneRedundancyScope,
  LogStoreTopology,
  DataLayerKind,
  ManagedDataLayerSpec,
  MonitoringLevel,
  PlatformKind,
  RegionRole,
  SearchPlacement,
  ServiceSpec,
  TierName,
  TierSpec,
  WafMode,
} from "../tiers/tier-spec";
import { CosmosBackupPolicy, CosmosConsistency, RedisFamily, RedisSku, SearchSku, StorageReplication } from "../constructs/data-service-options";
import { BudgetContactRole } from "../constructs/budget-contact-role";

const MAX_REPLICAS = 1000;
/** The largest body PlatformEdgeGateway buffers (1 GiB); Front Door's WAF would count up to 4 GiB. */
const MAX_REQUEST_BODY_KIB = 1024 * 1024;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const START_DATE = /^(\d{4})-(0[1-9]|1[0-2])-01$/;

/**
 * Rejects a tier that cannot be deployed, naming the stack, the tier property, the value and what
 * is allowed. Runs when a stack is built from the tier, before any construct sees it.
 */
export function validateTier(scope: IConstruct, tier: TierSpec): void {
  checkOneOf(scope, "tier.name", tier.name, Object.values(TierName));
  checkOneOf(scope, "tier.platform", tier.platform, Object.values(PlatformKind));
  checkOneOf(scope, "tier.monitoring", tier.monitoring, Object.values(MonitoringLevel));
  checkRegions(scope, tier);
  checkCluster(scope, tier);
  checkServices(scope, tier);
  checkAgentTeams(scope, tier);
  checkLanguageServices(scope, tier);
  checkDataLayer(scope, tier);
  checkEdge(scope, tier);
  checkInteger(scope, "tier.logRetentionDays", tier.logRetentionDays, 30, 730);
  checkContainerInstances(scope, tier);
  if (tier.slaPercent !== undefined && !(tier.slaPercent > 0 && tier.slaPercent < 100)) {
    throw new ValidationError(scope, "tier.slaPercent", tier.slaPercent, "expected a percentage above 0 and below 100");
  }
  if (tier.platform !== PlatformKind.LOCAL_KUBERNETES && tier.budget === undefined) {
    throw new ValidationError(scope, "tier.budget", undefined, "expected a monthly budget for a tier that runs on Azure");
  }
  if (tier.budget) checkBudget(scope, tier);
  checkObservability(scope, tier);
  if (tier.costCenter !== undefined && !/^[a-z0-9][a-z0-9-]{0,62}$/.test(tier.costCenter)) {
    throw new ValidationError(scope, "tier.costCenter", tier.costCenter, "expected 1-63 lowercase letters, digits or hyphens");
  }
}

function checkContainerInstances(scope: IConstruct, tier: TierSpec): void {
  const layout = tier.containerInstances;
  const primary = tier.regions.find((r) => r.role === RegionRole.PRIMARY);
  if (!layout || !primary) return;
  const space = parseCidr(scope, `tier.regions[${tier.regions.indexOf(primary)}].vnetAddressSpace`, primary.vnetAddressSpace);
  const cluster = parseCidr(scope, `tier.regions[${tier.regions.indexOf(primary)}].clusterSubnetPrefix`, primary.clusterSubnetPrefix);
  const subnets = [["isolatedSubnetPrefix", layout.isolatedSubnetPrefix], ["gatewaySubnetPrefix", layout.gatewaySubnetPrefix]] as const;
  for (const [name, prefix] of subnets) {
    if (prefix === undefined) continue;
    const property = `tier.containerInstances.${name}`;
    const block = parseCidr(scope, property, prefix);
    if (block.prefix < space.prefix || !cidrsOverlap(space, block)) {
      throw new ValidationError(scope, property, prefix, `expected a block inside the primary region's vnetAddressSpace (${primary.vnetAddressSpace})`);
    }
    if (cidrsOverlap(block, cluster)) {
      throw new ValidationError(scope, property, prefix, `expected a block that does not overlap the primary region's clusterSubnetPrefix (${primary.clusterSubnetPrefix})`);
    }
  }
}

function checkBudget(scope: IConstruct, tier: TierSpec): void {
  const budget = tier.budget;
  if (!budget) return;
  checkPositive(scope, "tier.budget.ceilingMonthlyUsd", budget.ceilingMonthlyUsd);
  checkPositive(scope, "tier.budget.seedMonthlyUsd", budget.seedMonthlyUsd);
  const { emails, roles } = budget.contacts;
  emails.forEach((email, i) => {
    if (!EMAIL.test(email)) throw new ValidationError(scope, `tier.budget.contacts.emails[${i}]`, email, "expected an email address");
  });
  roles.forEach((role, i) => checkOneOf(scope, `tier.budget.contacts.roles[${i}]`, role, Object.values(BudgetContactRole)));
  if (emails.length === 0 && roles.length === 0) {
    throw new ValidationError(scope, "tier.budget.contacts", budget.contacts, "expected at least one email or role: Azure requires a contact on every budget notification");
  }
  const start = budget.startDate;
  if (start !== undefined && (!START_DATE.test(start) || start < "2017-06-01")) {
    throw new ValidationError(scope, "tier.budget.startDate", start, "expected the first day of a month from 2017-06-01 on, as YYYY-MM-01");
  }
}

function checkObservability(scope: IConstruct, tier: TierSpec): void {
  const o = tier.observability;
  if (!o) return;
  const at = "tier.observability";
  checkInteger(scope, `${at}.metrics.prometheusReplicas`, o.metrics.prometheusReplicas, 1, 10);
  checkInteger(scope, `${at}.metrics.retentionDays`, o.metrics.retentionDays, 1, 3650);
  checkInteger(scope, `${at}.metrics.storageGiB`, o.metrics.storageGiB, 0, 65536);
  checkInteger(scope, `${at}.metrics.alertmanagerReplicas`, o.metrics.alertmanagerReplicas, 1, 9);
  checkInteger(scope, `${at}.metrics.alertmanagerStorageGiB`, o.metrics.alertmanagerStorageGiB, 0, 1024);
  checkInteger(scope, `${at}.grafana.storageGiB`, o.grafana.storageGiB, 0, 1024);
  checkOneOf(scope, `${at}.logs.topology`, o.logs.topology, Object.values(LogStoreTopology));
  checkInteger(scope, `${at}.logs.replicas`, o.logs.replicas, 1, 100);
  checkInteger(scope, `${at}.logs.retentionDays`, o.logs.retentionDays, 1, 3650);
  if (o.logs.archiveDays !== undefined) {
    checkInteger(scope, `${at}.logs.archiveDays`, o.logs.archiveDays, 1, 3650);
    checkOrdered(scope, `${at}.logs.retentionDays`, o.logs.retentionDays, `${at}.logs.archiveDays`, o.logs.archiveDays);
  }
  checkInteger(scope, `${at}.logs.storageGiB`, o.logs.storageGiB, 0, 65536);
  checkInteger(scope, `${at}.traces.retentionDays`, o.traces.retentionDays, 1, 3650);
  checkInteger(scope, `${at}.traces.storageGiB`, o.traces.storageGiB, 0, 65536);
  // The full monitoring level deploys ObservabilityStack's highly available profile.
  if (tier.monitoring === MonitoringLevel.FULL) {
    const ha = 'for monitoring "full" (the highly available profile)';
    if (o.metrics.prometheusReplicas < 2) throw new ValidationError(scope, `${at}.metrics.prometheusReplicas`, o.metrics.prometheusReplicas, `expected at least 2 ${ha}`);
    if (o.metrics.alertmanagerReplicas < 3) throw new ValidationError(scope, `${at}.metrics.alertmanagerReplicas`, o.metrics.alertmanagerReplicas, `expected at least 3 ${ha}`);
    if (o.logs.replicas < 2) throw new ValidationError(scope, `${at}.logs.replicas`, o.logs.replicas, `expected at least 2 ${ha}`);
  }
}

function checkEdge(scope: IConstruct, tier: TierSpec): void {
  const edge = tier.edge;
  if (!edge) return;
  if (tier.platform !== PlatformKind.AKS) {
    throw new ValidationError(scope, "tier.edge", tier.platform, 'expected an AKS tier: the edge reaches Traefik in each cluster over Private Link (platform "aks")');
  }
  checkOneOf(scope, "tier.edge.wafMode", edge.wafMode, Object.values(WafMode));
  // Front Door's rate limit rules count at least 10 requests a window.
  checkInteger(scope, "tier.edge.wafRateLimitPerMinute", edge.wafRateLimitPerMinute, 10, 5_000_000);
  if (!Number.isInteger(edge.maxRequestBodyKiB) || edge.maxRequestBodyKiB < 1 || edge.maxRequestBodyKiB > MAX_REQUEST_BODY_KIB) {
    throw new ValidationError(
      scope,
      "tier.edge.maxRequestBodyKiB",
      edge.maxRequestBodyKiB,
      `expected an integer from 1 to ${MAX_REQUEST_BODY_KIB} (1 GiB, the largest body the cluster's edge gateway buffers)`,
    );
  }
  checkInteger(scope, "tier.edge.routeRateLimitPerSecond", edge.routeRateLimitPerSecond, 1, 100_000);
  checkInteger(scope, "tier.edge.routeBurst", edge.routeBurst, 1, 100_000);
  checkInteger(scope, "tier.edge.gatewayReplicas", edge.gatewayReplicas, 1, 20);
  if (tier.services.federationCore.replicas === 0) {
    throw new ValidationError(scope, "tier.services.federationCore.replicas", 0, "expected federation-core to run where the tier has an edge (the edge routes to it)");
  }
}

function checkRegions(scope: IConstruct, tier: TierSpec): void {
  const local = tier.platform === PlatformKind.LOCAL_KUBERNETES;
  if (local && tier.regions.length > 0) {
    throw new ValidationError(scope, "tier.regions", tier.regions.map((r) => r.name), "expected no regions for a local tier");
  }
  if (!local && tier.regions.length === 0) {
    throw new ValidationError(scope, "tier.regions", [], "expected at least one Azure region");
  }
  if (!local && !tier.regions.some((r) => r.role === RegionRole.PRIMARY)) {
    throw new ValidationError(scope, "tier.regions", tier.regions.map((r) => r.name), "expected one region with the primary role");
  }
  const blocks: { name: string; block: ReturnType<typeof parseCidr> }[] = [];
  tier.regions.forEach((region, i) => {
    const at = `tier.regions[${i}]`;
    if (!isAzureRegion(region.name)) {
      throw new ValidationError(scope, `${at}.name`, region.name, "expected an Azure region name such as eastus or westeurope");
    }
    if (tier.regions.findIndex((r) => r.name === region.name) !== i) {
      throw new ValidationError(scope, `${at}.name`, region.name, "expected each region once");
    }
    if (region.role === RegionRole.PRIMARY && tier.regions.findIndex((r) => r.role === RegionRole.PRIMARY) !== i) {
      throw new ValidationError(scope, `${at}.role`, region.role, "expected one primary region");
    }
    const space = parseCidr(scope, `${at}.vnetAddressSpace`, region.vnetAddressSpace);
    const subnet = parseCidr(scope, `${at}.clusterSubnetPrefix`, region.clusterSubnetPrefix);
    if (subnet.prefix < space.prefix || !cidrsOverlap(space, subnet)) {
      throw new ValidationError(scope, `${at}.clusterSubnetPrefix`, region.clusterSubnetPrefix, `expected a block inside vnetAddressSpace (${region.vnetAddressSpace})`);
    }
    const clash = blocks.find((b) => cidrsOverlap(b.block, space));
    if (clash) {
      throw new ValidationError(scope, `${at}.vnetAddressSpace`, region.vnetAddressSpace, `expected a block that does not overlap region ${clash.name}, so regions can be peered`);
    }
    blocks.push({ name: region.name, block: space });
    if (region.privateEndpointSubnetPrefix !== undefined) {
      const endpoints = parseCidr(scope, `${at}.privateEndpointSubnetPrefix`, region.privateEndpointSubnetPrefix);
      if (endpoints.prefix < space.prefix || !cidrsOverlap(space, endpoints)) {
        throw new ValidationError(scope, `${at}.privateEndpointSubnetPrefix`, region.privateEndpointSubnetPrefix, `expected a block inside vnetAddressSpace (${region.vnetAddressSpace})`);
      }
      if (cidrsOverlap(endpoints, subnet)) {
        throw new ValidationError(scope, `${at}.privateEndpointSubnetPrefix`, region.privateEndpointSubnetPrefix, `expected a block that does not overlap clusterSubnetPrefix (${region.clusterSubnetPrefix})`);
      }
    }
    if (region.sandboxSubnetPrefix !== undefined) {
      const sandbox = parseCidr(scope, `${at}.sandboxSubnetPrefix`, region.sandboxSubnetPrefix);
      if (sandbox.prefix < space.prefix || !cidrsOverlap(space, sandbox)) {
        throw new ValidationError(scope, `${at}.sandboxSubnetPrefix`, region.sandboxSubnetPrefix, `expected a block inside vnetAddressSpace (${region.vnetAddressSpace})`);
      }
      const others = [
        ["clusterSubnetPrefix", region.clusterSubnetPrefix],
        ["privateEndpointSubnetPrefix", region.privateEndpointSubnetPrefix],
      ] as const;
      for (const [name, prefix] of others) {
        if (prefix !== undefined && cidrsOverlap(sandbox, parseCidr(scope, `${at}.${name}`, prefix))) {
          throw new ValidationError(scope, `${at}.sandboxSubnetPrefix`, region.sandboxSubnetPrefix, `expected a block that does not overlap ${name} (${prefix})`);
        }
      }
    }
  });
}

function checkCluster(scope: IConstruct, tier: TierSpec): void {
  const aks = tier.platform === PlatformKind.AKS;
  if (aks !== (tier.cluster !== undefined)) {
    throw new ValidationError(scope, "tier.cluster", tier.cluster === undefined ? undefined : "set", aks ? "expected a cluster spec for an AKS tier" : "expected no cluster spec outside an AKS tier");
  }
  if (!tier.cluster) return;
  const { alwaysOnPool, spotPool } = tier.cluster;
  checkVmSize(scope, "tier.cluster.alwaysOnPool.vmSize", alwaysOnPool.vmSize);
  checkInteger(scope, "tier.cluster.alwaysOnPool.nodeCount", alwaysOnPool.nodeCount, 1, MAX_REPLICAS);
  checkZones(scope, "tier.cluster.alwaysOnPool.zones", alwaysOnPool.zones);
  if (alwaysOnPool.commitment !== undefined) {
    checkOneOf(scope, "tier.cluster.alwaysOnPool.commitment", alwaysOnPool.commitment, Object.values(ComputeCommitment));
  }
  checkVmSize(scope, "tier.cluster.spotPool.vmSize", spotPool.vmSize);
  checkInteger(scope, "tier.cluster.spotPool.minCount", spotPool.minCount, 0, MAX_REPLICAS);
  checkInteger(scope, "tier.cluster.spotPool.maxCount", spotPool.maxCount, 1, MAX_REPLICAS);
  checkOrdered(scope, "tier.cluster.spotPool.minCount", spotPool.minCount, "tier.cluster.spotPool.maxCount", spotPool.maxCount);
  checkSpotMaxPrice(scope, "tier.cluster.spotPool.maxPricePerHourUsd", spotPool.maxPricePerHourUsd);
  checkZones(scope, "tier.cluster.spotPool.zones", spotPool.zones);
}

function checkService(scope: IConstruct, property: string, service: ServiceSpec): void {
  checkInteger(scope, `${property}.replicas`, service.replicas, 0, MAX_REPLICAS);
  if (service.requests) checkResources(scope, `${property}.requests`, service.requests);
  if (service.limits) checkResources(scope, `${property}.limits`, service.limits);
  if (service.requests && service.limits) {
    for (const key of ["cpuCores", "memoryMiB"] as const) {
      if (service.limits[key] < service.requests[key]) {
        throw new ValidationError(scope, `${property}.limits.${key}`, service.limits[key], `expected at least ${property}.requests.${key} (${service.requests[key]})`);
      }
    }
  }
}

function checkLanguageServices(scope: IConstruct, tier: TierSpec): void {
  const fleet = tier.languageServices;
  if (!fleet) return;
  checkInteger(scope, "tier.languageServices.warmReplicas", fleet.warmReplicas, 1, MAX_REPLICAS);
  checkInteger(scope, "tier.languageServices.maxReplicas", fleet.maxReplicas, 1, MAX_REPLICAS);
  checkOrdered(scope, "tier.languageServices.warmReplicas", fleet.warmReplicas, "tier.languageServices.maxReplicas", fleet.maxReplicas);
  const pool = fleet.sandboxedPool;
  const reason = fleet.unsandboxedReason;
  if (pool && reason !== undefined) {
    throw new ValidationError(scope, "tier.languageServices.unsandboxedReason", reason, "expected none: the tier has a sandboxedPool");
  }
  if (!pool) {
    if (tier.platform === PlatformKind.AKS && (reason === undefined || reason.trim().length < 10)) {
      throw new ValidationError(
        scope,
        "tier.languageServices.unsandboxedReason",
        reason,
        "expected a sandboxedPool (Kata VMs for code nobody vetted) or, in at least 10 characters, the reason the tier runs the language services without one",
      );
    }
    return;
  }
  const at = "tier.languageServices.sandboxedPool";
  if (tier.platform !== PlatformKind.AKS) {
    throw new ValidationError(scope, at, tier.platform, 'expected an AKS tier: pod sandboxing is a node pool of an AKS cluster (platform "aks")');
  }
  checkVmSize(scope, `${at}.vmSize`, pool.vmSize);
  if (kataVmSeriesOf(pool.vmSize) === undefined) {
    throw new ValidationError(
      scope,
      `${at}.vmSize`,
      pool.vmSize,
      `expected a size of a series pod sandboxing runs on (generation 2 with nested virtualization): ${KATA_VM_SERIES.map((s) => s.series).join(", ")}`,
    );
  }
  checkInteger(scope, `${at}.minCount`, pool.minCount, 1, MAX_REPLICAS);
  checkInteger(scope, `${at}.maxCount`, pool.maxCount, 1, MAX_REPLICAS);
  checkOrdered(scope, `${at}.minCount`, pool.minCount, `${at}.maxCount`, pool.maxCount);
  checkZones(scope, `${at}.zones`, pool.zones);
  if (pool.zones.length === 0) {
    throw new ValidationError(scope, `${at}.zones`, [], "expected at least one availability zone: the regions of AKS tiers have zones, and the pool's nodes should spread over them");
  }
  if (pool.spot) checkSpotMaxPrice(scope, `${at}.spot.maxPricePerHourUsd`, pool.spot.maxPricePerHourUsd);
  // The warm pods run all the time: a minimum below what they need leaves the first requests
  // waiting for a node to boot, and a maximum below what maxReplicas needs caps the fleet.
  const warm = sandboxDemandForTier(tier);
  if (warm && pool.minCount < warm.nodes) {
    throw new ValidationError(scope, `${at}.minCount`, pool.minCount, `expected at least ${warm.nodes}, what the warm pods need: ${warm.description}`);
  }
  const peak = sandboxDemandForTier(tier, fleet.maxReplicas);
  if (peak && pool.maxCount < peak.nodes) {
    throw new ValidationError(scope, `${at}.maxCount`, pool.maxCount, `expected at least ${peak.nodes}, what maxReplicas needs: ${peak.description}`);
  }
  tier.regions.forEach((region, i) => {
    if (region.sandboxSubnetPrefix === undefined) {
      throw new ValidationError(scope, `tier.regions[${i}].sandboxSubnetPrefix`, undefined, "expected the sandbox pool's subnet, inside vnetAddressSpace, where the tier has a languageServices.sandboxedPool");
    }
  });
}

function checkResources(scope: IConstruct, property: string, resources: ContainerResources): void {
  checkPositive(scope, `${property}.cpuCores`, resources.cpuCores);
  checkInteger(scope, `${property}.memoryMiB`, resources.memoryMiB, 1, 1024 * 1024);
}

function checkServices(scope: IConstruct, tier: TierSpec): void {
  const { titans, ...single } = tier.services;
  for (const [name, service] of Object.entries(single)) {
    checkService(scope, `tier.services.${name}`, service);
  }
  checkInteger(scope, "tier.services.titans.replicasEach", titans.replicasEach, 0, MAX_REPLICAS);
  checkNames(scope, "tier.services.titans.models", titans.models);
}

function checkNames(scope: IConstruct, property: string, names: readonly string[]): void {
  names.forEach((name, i) => {
    if (!/^[a-z0-9]([a-z0-9-]{0,40}[a-z0-9])?$/.test(name) || names.indexOf(name) !== i) {
      throw new ValidationError(scope, `${property}[${i}]`, name, "expected distinct lowercase names of letters, digits and hyphens (at most 42)");
    }
  });
}

function checkAgentTeams(scope: IConstruct, tier: TierSpec): void {
  const { teams, replicas, schedule } = tier.agentTeams;
  checkNames(scope, "tier.agentTeams.teams", teams);
  checkInteger(scope, "tier.agentTeams.replicas.min", replicas.min, 0, MAX_REPLICAS);
  checkInteger(scope, "tier.agentTeams.replicas.max", replicas.max, 0, MAX_REPLICAS);
  checkOrdered(scope, "tier.agentTeams.replicas.min", replicas.min, "tier.agentTeams.replicas.max", replicas.max);
  if (!schedule) return;
  if (!isTimeZone(schedule.timeZone)) {
    throw new ValidationError(scope, "tier.agentTeams.schedule.timeZone", schedule.timeZone, "expected an IANA time zone such as America/New_York");
  }
  checkInteger(scope, "tier.agentTeams.schedule.startHour", schedule.startHour, 0, 23);
  checkInteger(scope, "tier.agentTeams.schedule.endHour", schedule.endHour, 1, 24);
  checkOrdered(scope, "tier.agentTeams.schedule.startHour", schedule.startHour + 1, "tier.agentTeams.schedule.endHour", schedule.endHour);
  checkInteger(scope, "tier.agentTeams.schedule.minReplicasInWindow", schedule.minReplicasInWindow, replicas.min, replicas.max);
  checkInteger(scope, "tier.agentTeams.schedule.minReplicasOutsideWindow", schedule.minReplicasOutsideWindow, replicas.min, replicas.max);
}

function checkDataLayer(scope: IConstruct, tier: TierSpec): void {
  const data = tier.dataLayer;
  const local = tier.platform === PlatformKind.LOCAL_KUBERNETES;
  if (local !== (data.kind === DataLayerKind.IN_CLUSTER)) {
    throw new ValidationError(scope, "tier.dataLayer.kind", data.kind, local ? 'expected "in-cluster" for a local tier' : 'expected "managed" for an Azure tier');
  }
  if (data.kind === DataLayerKind.IN_CLUSTER) {
    checkPinnedImage(scope, "tier.dataLayer.mongoImage", data.mongoImage);
    checkPinnedImage(scope, "tier.dataLayer.redisImage", data.redisImage);
    return;
  }
  checkManagedData(scope, data, tier.regions.length);
}

function checkManagedData(scope: IConstruct, data: ManagedDataLayerSpec, regions: number): void {
  const { cosmos, redis, search } = data;
  checkInteger(scope, "tier.dataLayer.cosmos.throughputRuPerSecond", cosmos.throughputRuPerSecond, 400, 1_000_000);
  if (cosmos.throughputRuPerSecond % 100 !== 0) {
    throw new ValidationError(scope, "tier.dataLayer.cosmos.throughputRuPerSecond", cosmos.throughputRuPerSecond, "expected a multiple of 100 RU/s");
  }
  if (cosmos.regions.length === 0) {
    throw new ValidationError(scope, "tier.dataLayer.cosmos.regions", [], "expected at least one Azure region");
  }
  cosmos.regions.forEach((region, i) => {
    if (!isAzureRegion(region) || cosmos.regions.indexOf(region) !== i) {
      throw new ValidationError(scope, `tier.dataLayer.cosmos.regions[${i}]`, region, "expected distinct Azure region names");
    }
  });
  checkOneOf(scope, "tier.dataLayer.cosmos.consistency", cosmos.consistency, Object.values(CosmosConsistency));
  checkOneOf(scope, "tier.dataLayer.cosmos.backup", cosmos.backup, Object.values(CosmosBackupPolicy));
  if (cosmos.autoscale && cosmos.throughputRuPerSecond % 1000 !== 0) {
    throw new ValidationError(scope, "tier.dataLayer.cosmos.throughputRuPerSecond", cosmos.throughputRuPerSecond, "expected a multiple of 1000 RU/s with autoscale (the autoscale maximum)");
  }
  if (cosmos.multiRegionWrites && cosmos.consistency === CosmosConsistency.STRONG) {
    throw new ValidationError(
      scope,
      "tier.dataLayer.cosmos.consistency",
      cosmos.consistency,
      "expected a level other than Strong with multiRegionWrites: Azure does not allow Strong consistency with multiple write regions",
    );
  }
  if (cosmos.multiRegionWrites && cosmos.regions.length < 2) {
    throw new ValidationError(scope, "tier.dataLayer.cosmos.multiRegionWrites", true, "expected at least two regions for multi-region writes");
  }

  checkOneOf(scope, "tier.dataLayer.redis.sku", redis.sku, Object.values(RedisSku));
  const premium = redis.sku === RedisSku.PREMIUM;
  const family = premium ? RedisFamily.P : RedisFamily.C;
  if (redis.family !== family) {
    throw new ValidationError(scope, "tier.dataLayer.redis.family", redis.family, `expected "${family}" for the ${redis.sku} SKU`);
  }
  if (premium) checkInteger(scope, "tier.dataLayer.redis.capacity", redis.capacity, 1, 5);
  else checkInteger(scope, "tier.dataLayer.redis.capacity", redis.capacity, 0, 6);
  if (redis.zones !== undefined) {
    checkZones(scope, "tier.dataLayer.redis.zones", redis.zones);
    if (!premium && redis.zones.length > 0) {
      throw new ValidationError(scope, "tier.dataLayer.redis.zones", redis.zones, "expected no zones: zone redundancy needs the Premium SKU");
    }
  }
  if (redis.shardCount !== undefined) {
    if (!premium) {
      throw new ValidationError(scope, "tier.dataLayer.redis.shardCount", redis.shardCount, "expected no shards: clustering needs the Premium SKU");
    }
    checkInteger(scope, "tier.dataLayer.redis.shardCount", redis.shardCount, 1, 10);
  }

  if (cosmos.zoneRedundancyScope !== undefined) {
    checkOneOf(scope, "tier.dataLayer.cosmos.zoneRedundancyScope", cosmos.zoneRedundancyScope, Object.values(CosmosZoneRedundancyScope));
    if (cosmos.zoneRedundancyScope === CosmosZoneRedundancyScope.WRITE_REGION && !cosmos.zoneRedundant) {
      throw new ValidationError(scope, "tier.dataLayer.cosmos.zoneRedundancyScope", cosmos.zoneRedundancyScope, "expected no scope without zoneRedundant: no region is zone redundant");
    }
    if (cosmos.zoneRedundancyScope === CosmosZoneRedundancyScope.WRITE_REGION && cosmos.multiRegionWrites) {
      throw new ValidationError(
        scope,
        "tier.dataLayer.cosmos.zoneRedundancyScope",
        cosmos.zoneRedundancyScope,
        'expected "every-region" with multiRegionWrites: every region is a write region',
      );
    }
  }

  checkOneOf(scope, "tier.dataLayer.storage.replication", data.storage.replication, Object.values(StorageReplication));
  if (search) {
    checkOneOf(scope, "tier.dataLayer.search.sku", search.sku, Object.values(SearchSku));
    const placement = search.placement ?? SearchPlacement.EVERY_REGION;
    checkOneOf(scope, "tier.dataLayer.search.placement", placement, Object.values(SearchPlacement));
    if (placement === SearchPlacement.SPREAD_ACROSS_REGIONS) {
      const n = Math.max(1, regions);
      if (!Number.isInteger(search.replicas) || search.replicas < n || search.replicas % n !== 0 || search.replicas / n > 12) {
        throw new ValidationError(
          scope,
          "tier.dataLayer.search.replicas",
          search.replicas,
          `expected a multiple of the tier's ${n} region(s), at least ${n} and at most ${12 * n}, to spread across regions`,
        );
      }
    } else {
      checkInteger(scope, "tier.dataLayer.search.replicas", search.replicas, 1, 12);
    }
    checkOneOf(scope, "tier.dataLayer.search.partitions", search.partitions, [1, 2, 3, 4, 6, 12]);
  }
}
