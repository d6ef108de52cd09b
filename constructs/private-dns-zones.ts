import { Construct } from "constructs";
import { PrivateDnsZone } from "../providers/azurerm/private-dns-zone";
import { PrivateDnsZoneVirtualNetworkLink } from "../providers/azurerm/private-dns-zone-virtual-network-link";

/** Services the data layer reaches through Private Link, with their sub-resource and DNS zone. */
export enum PrivateLinkService {
  COSMOS_MONGO = "cosmos-mongo",
  REDIS = "redis",
  SEARCH = "search",
  BLOB = "blob",
  KEY_VAULT = "key-vault",
}

/** The private endpoint sub-resource (group id) and the privatelink DNS zone of each service (Azure public cloud). */
export const PRIVATE_LINK_TARGETS: Readonly<Record<PrivateLinkService, { readonly subresource: string; readonly zone: string }>> = {
  [PrivateLinkService.COSMOS_MONGO]: { subresource: "MongoDB", zone: "privatelink.mongo.cosmos.azure.com" },
  [PrivateLinkService.REDIS]: { subresource: "redisCache", zone: "privatelink.redis.cache.windows.net" },
  [PrivateLinkService.SEARCH]: { subresource: "searchService", zone: "privatelink.search.windows.net" },
  [PrivateLinkService.BLOB]: { subresource: "blob", zone: "privatelink.blob.core.windows.net" },
  [PrivateLinkService.KEY_VAULT]: { subresource: "vault", zone: "privatelink.vaultcore.azure.net" },
};

export interface PrivateDnsZonesProps {
  readonly resourceGroupName: string;
  /** The virtual network whose resolvers answer from the zones. */
  readonly virtualNetworkId: string;
}

/**
 * The privatelink DNS zones of one virtual network, created the first time a service asks for
 * its zone (one zone per service, however many endpoints use it) and linked to the network, so
 * the public names of the stores resolve to their private endpoints from inside it.
 */
export class PrivateDnsZones extends Construct {
  private readonly zones = new Map<PrivateLinkService, PrivateDnsZone>();

  constructor(
    scope: Construct,
    id: string,
    private readonly props: PrivateDnsZonesProps,
  ) {
    super(scope, id);
  }

  /** The zone of a service (created on first use). */
  public zoneFor(service: PrivateLinkService): PrivateDnsZone {
    const existing = this.zones.get(service);
    if (existing) return existing;
    const zone = new PrivateDnsZone(this, service, {
      name: PRIVATE_LINK_TARGETS[service].zone,
      resourceGroupName: this.props.resourceGroupName,
    });
    new PrivateDnsZoneVirtualNetworkLink(this, `${service}-link`, {
      name: `${service}-vnet`,
      privateDnsZoneId: zone.id,
      virtualNetworkId: this.props.virtualNetworkId,
      registrationEnabled: false,
    });
    this.zones.set(service, zone);
    return zone;
  }

  /** Services that have a zone so far, in creation order. */
  public get services(): readonly PrivateLinkService[] {
    return [...this.zones.keys()];
  }
}
