import { Construct } from "constructs";
import { VirtualNetwork } from "../providers/azurerm/virtual-network";
import { Subnet } from "../providers/azurerm/subnet";
import { cidrsOverlap, isUnresolved, parseCidr } from "./checks";
import { nameFromPath } from "./names";
import type { DataPrivateNetwork } from "./managed-data-layer";
import { ValidationError } from "./validation-error";

export interface PlatformNetworkProps {
  readonly resourceGroupName: string;
  readonly location: string;
  /** Address space of the virtual network, e.g. `10.1.0.0/16`. */
  readonly addressSpace: string;
  /** Prefix of the cluster (node) subnet inside `addressSpace`, e.g. `10.1.0.0/22`. */
  readonly clusterSubnetPrefix: string;
  /**
   * @default - derived from the construct path
   */
  readonly name?: string;
  /**
   * CIDR blocks the cluster uses for pods and services; none may overlap the address space.
   * @default - none checked
   */
  readonly reservedClusterCidrs?: readonly string[];
  /**
   * Prefix of a subnet for private endpoints (the data stores'), inside `addressSpace` and apart
   * from the cluster subnet.
   * @default - no private endpoint subnet
   */
  readonly privateEndpointSubnetPrefix?: string;
  /**
   * Let Private Link services take their NAT addresses in the cluster subnet (the one the AKS
   * cloud provider creates in front of an internal load balancer, for Front Door's private endpoint).
   * @default false
   */
  readonly clusterSubnetHostsPrivateLinkService?: boolean;
}

/**
 * The virtual network of a regional platform and its cluster subnet. With Azure CNI overlay the
 * subnet only numbers nodes, so a /22 holds a thousand of them.
 */
export class PlatformNetwork extends Construct {
  public readonly virtualNetwork: VirtualNetwork;
  public readonly clusterSubnet: Subnet;
  public readonly virtualNetworkId: string;
  public readonly clusterSubnetId: string;
  public readonly privateEndpointSubnet?: Subnet;
  public readonly privateEndpointSubnetId?: string;
  public readonly privateEndpointSubnetPrefix?: string;

  constructor(scope: Construct, id: string, props: PlatformNetworkProps) {
    super(scope, id);
    const name = props.name ?? nameFromPath(this, 64);

    if (!isUnresolved(props.addressSpace) && !isUnresolved(props.clusterSubnetPrefix)) {
      const space = parseCidr(this, "addressSpace", props.addressSpace);
      const subnet = parseCidr(this, "clusterSubnetPrefix", props.clusterSubnetPrefix);
      if (subnet.prefix < space.prefix || !cidrsOverlap(space, subnet) || subnet.prefix > 29) {
        throw new ValidationError(
          this,
          "clusterSubnetPrefix",
          props.clusterSubnetPrefix,
          `expected a block of /29 or larger inside addressSpace (${props.addressSpace})`,
        );
      }
      const endpoints = props.privateEndpointSubnetPrefix;
      if (endpoints !== undefined && !isUnresolved(endpoints)) {
        const block = parseCidr(this, "privateEndpointSubnetPrefix", endpoints);
        if (block.prefix < space.prefix || !cidrsOverlap(space, block) || block.prefix > 29) {
          throw new ValidationError(this, "privateEndpointSubnetPrefix", endpoints, `expected a block of /29 or larger inside addressSpace (${props.addressSpace})`);
        }
        if (cidrsOverlap(subnet, block)) {
          throw new ValidationError(this, "privateEndpointSubnetPrefix", endpoints, `expected a block that does not overlap clusterSubnetPrefix (${props.clusterSubnetPrefix})`);
        }
      }
      for (const reserved of props.reservedClusterCidrs ?? []) {
        if (cidrsOverlap(space, parseCidr(this, "reservedClusterCidrs", reserved))) {
          throw new ValidationError(
            this,
            "addressSpace",
            props.addressSpace,
            `expected a block that does not overlap the cluster's pod or service CIDR ${reserved}`,
          );
        }
      }
    }

    this.virtualNetwork = new VirtualNetwork(this, "Resource", {
      name,
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      addressSpace: [props.addressSpace],
    });
    this.clusterSubnet = new Subnet(this, "ClusterSubnet", {
      name: "cluster",
      resourceGroupName: props.resourceGroupName,
      virtualNetworkName: this.virtualNetwork.name,
      addressPrefixes: [props.clusterSubnetPrefix],
      // Nodes leave through the cluster's load balancer; no implicit default outbound address.
      defaultOutboundAccessEnabled: false,
      ...(props.clusterSubnetHostsPrivateLinkService ? { privateLinkServiceNetworkPoliciesEnabled: false } : {}),
    });
    this.virtualNetworkId = this.virtualNetwork.id;
    this.clusterSubnetId = this.clusterSubnet.id;
    if (props.privateEndpointSubnetPrefix !== undefined) {
      this.privateEndpointSubnet = new Subnet(this, "PrivateEndpointSubnet", {
        name: "private-endpoints",
        resourceGroupName: props.resourceGroupName,
        virtualNetworkName: this.virtualNetwork.name,
        addressPrefixes: [props.privateEndpointSubnetPrefix],
        // Endpoints only answer; nothing in this subnet initiates outbound traffic.
        defaultOutboundAccessEnabled: false,
        // Network security groups and route tables apply to the endpoints too.
        privateEndpointNetworkPolicies: "Enabled",
      });
      this.privateEndpointSubnetId = this.privateEndpointSubnet.id;
      this.privateEndpointSubnetPrefix = props.privateEndpointSubnetPrefix;
    }
  }

  /**
   * Where a `ManagedDataLayer` on this network puts its private endpoints
   * (`ManagedDataLayerProps.privateNetwork`): the private-endpoint subnet, its prefix and this
   * virtual network, whose DNS resolves them. Fails on a network built without
   * `privateEndpointSubnetPrefix`.
   */
  public dataPrivateNetwork(): DataPrivateNetwork {
    if (this.privateEndpointSubnetId === undefined || this.privateEndpointSubnetPrefix === undefined) {
      throw new ValidationError(
        this,
        "privateEndpointSubnetPrefix",
        undefined,
        "expected a subnet for the data layer's private endpoints: set PlatformNetworkProps.privateEndpointSubnetPrefix to use dataPrivateNetwork()",
      );
    }
    return { subnetId: this.privateEndpointSubnetId, subnetPrefix: this.privateEndpointSubnetPrefix, virtualNetworkId: this.virtualNetworkId };
  }
}
