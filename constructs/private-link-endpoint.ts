import { Construct } from "constructs";
import { PrivateEndpoint } from "../providers/azurerm/private-endpoint";
import { PRIVATE_LINK_TARGETS, PrivateDnsZones, PrivateLinkService } from "./private-dns-zones";
import { nameFromPath } from "./names";

export interface PrivateLinkEndpointProps {
  readonly resourceGroupName: string;
  readonly location: string;
  /** The subnet the endpoint's network interface goes into. */
  readonly subnetId: string;
  /** The resource the endpoint connects to. */
  readonly resourceId: string;
  readonly service: PrivateLinkService;
  /** Where the endpoint registers its A records. */
  readonly dnsZones: PrivateDnsZones;
  /**
   * @default - derived from the construct path
   */
  readonly name?: string;
}

/**
 * A private endpoint for one data store, auto-approved (same subscription), that registers its
 * address in the service's privatelink DNS zone so the store's public name resolves privately.
 */
export class PrivateLinkEndpoint extends Construct {
  public readonly resource: PrivateEndpoint;
  public readonly service: PrivateLinkService;

  constructor(scope: Construct, id: string, props: PrivateLinkEndpointProps) {
    super(scope, id);
    const name = props.name ?? nameFromPath(this, 80);
    const target = PRIVATE_LINK_TARGETS[props.service];
    const zone = props.dnsZones.zoneFor(props.service);

    this.resource = new PrivateEndpoint(this, "Resource", {
      name,
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      subnetId: props.subnetId,
      privateServiceConnection: {
        name: `${name}-connection`,
        privateConnectionResourceId: props.resourceId,
        subresourceNames: [target.subresource],
        isManualConnection: false,
      },
      privateDnsZoneGroup: { name: "default", privateDnsZoneIds: [zone.id] },
    });
    this.service = props.service;
  }
}
