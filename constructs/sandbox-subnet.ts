import { Construct } from "constructs";
import { NetworkSecurityGroup, NetworkSecurityGroupSecurityRule } from "../providers/azurerm/network-security-group";
import { Subnet } from "../providers/azurerm/subnet";
import { SubnetNetworkSecurityGroupAssociation } from "../providers/azurerm/subnet-network-security-group-association";
import { checkInteger, cidrsOverlap, isUnresolved, parseCidr } from "./checks";
import { nameFromPath } from "./names";
import { nsgRule } from "./nsg-rule";
import { ValidationError } from "./validation-error";

/** Node ports pods elsewhere call: the kubelet (metrics-server, Prometheus, logs and exec) and the node exporter. */
export const SANDBOX_NODE_PORTS: readonly number[] = [10250, 9100];

export interface SandboxSubnetProps {
  readonly resourceGroupName: string;
  readonly location: string;
  /** The cluster's virtual network (AKS puts every node pool of a cluster in one). */
  readonly virtualNetworkName: string;
  /** That network's address space, e.g. `10.1.0.0/16`. */
  readonly addressSpace: string;
  /** The subnet's prefix, inside `addressSpace`, e.g. `10.1.5.0/24`. */
  readonly subnetPrefix: string;
  /**
   * The cluster's other node subnets: their nodes, and the Private Link NAT addresses in front of an
   * internal load balancer, reach the pool's nodes.
   */
  readonly nodeSubnetPrefixes: readonly string[];
  /**
   * The cluster's overlay pod CIDR. With Azure CNI overlay, pod-to-pod traffic keeps the pods'
   * addresses (it is SNATed to the node only when it leaves the pod CIDR), so the subnet's
   * security group sees callers by pod address, not by their nodes' subnet.
   */
  readonly podCidr: string;
  /** TCP ports the pool's pods listen on: the sandboxed services' and the DaemonSets' metrics ports. */
  readonly podPorts: readonly number[];
  /**
   * TCP ports of the nodes themselves that pods elsewhere call.
   * @default SANDBOX_NODE_PORTS - the kubelet (10250) and the node exporter (9100)
   */
  readonly nodePorts?: readonly number[];
  /**
   * Address blocks nothing on the pool may open connections to (the data stores' private endpoints).
   * @default - none
   */
  readonly deniedOutboundPrefixes?: readonly string[];
  /**
   * @default "sandbox"
   */
  readonly name?: string;
  /**
   * Name of the network security group.
   * @default - derived from the construct path
   */
  readonly securityGroupName?: string;
}

/**
 * The subnet of a sandbox node pool and its network security group. Inbound: the cluster's node
 * subnets and this one (all ports, which AKS's Azure CNI overlay requires between nodes and from
 * nodes to pods), pods to the pool's pods on `podPorts` and to its nodes on `nodePorts`, Azure load
 * balancer probes; everything else is denied. Outbound: what `deniedOutboundPrefixes` names is
 * denied; the rest keeps Azure's default rules, since the nodes must reach the API server, the
 * container registry and Entra ID (AKS's outbound rules are FQDNs a security group cannot name)
 * through the cluster's load balancer, while the sandboxed pods have no egress at all (their
 * NetworkPolicies allow none). No implicit outbound address.
 */
export class SandboxSubnet extends Construct {
  public readonly subnet: Subnet;
  public readonly securityGroup: NetworkSecurityGroup;
  public readonly association: SubnetNetworkSecurityGroupAssociation;
  /**
   * The subnet's id, read from the association, so a node pool given it joins the subnet only once
   * the security group guards it.
   */
  public readonly subnetId: string;
  public readonly subnetPrefix: string;
  /** The group's rules, as written. */
  public readonly rules: readonly NetworkSecurityGroupSecurityRule[];

  constructor(scope: Construct, id: string, props: SandboxSubnetProps) {
    super(scope, id);
    const name = props.name ?? "sandbox";
    const groupName = props.securityGroupName ?? nameFromPath(this, 80);
    const nodePorts = props.nodePorts ?? SANDBOX_NODE_PORTS;
    const denied = props.deniedOutboundPrefixes ?? [];

    this.checkLayout(props, denied);
    if (props.podPorts.length === 0) {
      throw new ValidationError(this, "podPorts", [], "expected at least one port the pool's pods listen on");
    }
    props.podPorts.forEach((p, i) => checkInteger(this, `podPorts[${i}]`, p, 1, 65535));
    nodePorts.forEach((p, i) => checkInteger(this, `nodePorts[${i}]`, p, 1, 65535));

    const self = props.subnetPrefix;
    const nodes = [...props.nodeSubnetPrefixes, self];
    const pods = props.podCidr;
    const unique = (ports: readonly number[]) => [...new Set(ports)].sort((a, b) => a - b);
    this.rules = [
      // AKS's Azure CNI overlay, where a subnet's security group denies: node to node and node to
      // pod on all ports and protocols (kube-proxy and Cilium forwarding, the load balancer's traffic).
      nsgRule("allow-node-subnets", 100, "Inbound", "Allow", nodes, self, "*", "*"),
      nsgRule("allow-nodes-to-pods", 110, "Inbound", "Allow", nodes, pods, "*", "*"),
      nsgRule("allow-pod-ports", 200, "Inbound", "Allow", pods, pods, unique(props.podPorts)),
      nsgRule("allow-node-ports", 210, "Inbound", "Allow", pods, self, unique(nodePorts)),
      nsgRule("allow-azure-load-balancer", 300, "Inbound", "Allow", "AzureLoadBalancer", "*", "*", "*"),
      nsgRule("deny-other-inbound", 4000, "Inbound", "Deny", "*", "*", "*", "*"),
      ...denied.map((prefix, i) => nsgRule(`deny-outbound-${i}`, 100 + i, "Outbound", "Deny", "*", prefix, "*", "*")),
    ];

    this.subnet = new Subnet(this, "Resource", {
      name,
      resourceGroupName: props.resourceGroupName,
      virtualNetworkName: props.virtualNetworkName,
      addressPrefixes: [self],
      // Nodes leave through the cluster's load balancer; no implicit default outbound address.
      defaultOutboundAccessEnabled: false,
    });
    this.securityGroup = new NetworkSecurityGroup(this, "SecurityGroup", {
      name: groupName,
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      securityRule: [...this.rules],
    });
    this.association = new SubnetNetworkSecurityGroupAssociation(this, "SecurityGroupAssociation", {
      subnetId: this.subnet.id,
      networkSecurityGroupId: this.securityGroup.id,
    });
    this.subnetId = this.association.subnetId;
    this.subnetPrefix = self;
  }

  private checkLayout(props: SandboxSubnetProps, denied: readonly string[]): void {
    if (props.nodeSubnetPrefixes.length === 0) {
      throw new ValidationError(this, "nodeSubnetPrefixes", [], "expected the cluster's other node subnets (at least the default pool's)");
    }
    const blocks = [props.addressSpace, props.subnetPrefix, props.podCidr, ...props.nodeSubnetPrefixes, ...denied];
    if (blocks.some(isUnresolved)) return;
    const space = parseCidr(this, "addressSpace", props.addressSpace);
    const subnet = parseCidr(this, "subnetPrefix", props.subnetPrefix);
    if (subnet.prefix < space.prefix || !cidrsOverlap(space, subnet) || subnet.prefix > 29) {
      throw new ValidationError(this, "subnetPrefix", props.subnetPrefix, `expected a block of /29 or larger inside addressSpace (${props.addressSpace})`);
    }
    props.nodeSubnetPrefixes.forEach((prefix, i) => {
      if (cidrsOverlap(subnet, parseCidr(this, `nodeSubnetPrefixes[${i}]`, prefix))) {
        throw new ValidationError(this, "subnetPrefix", props.subnetPrefix, `expected a block that does not overlap the node subnet ${prefix}`);
      }
    });
    denied.forEach((prefix, i) => {
      if (cidrsOverlap(subnet, parseCidr(this, `deniedOutboundPrefixes[${i}]`, prefix))) {
        throw new ValidationError(this, `deniedOutboundPrefixes[${i}]`, prefix, `expected a block outside subnetPrefix (${props.subnetPrefix})`);
      }
    });
    if (cidrsOverlap(space, parseCidr(this, "podCidr", props.podCidr))) {
      throw new ValidationError(this, "podCidr", props.podCidr, `expected the overlay CIDR, outside addressSpace (${props.addressSpace})`);
    }
  }
}
