import { Construct } from "constructs";
import { NetworkSecurityGroup, NetworkSecurityGroupSecurityRule } from "../providers/azurerm/network-security-group";
import { Subnet } from "../providers/azurerm/subnet";
import { SubnetNetworkSecurityGroupAssociation } from "../providers/azurerm/subnet-network-security-group-association";
import { VirtualNetwork } from "../providers/azurerm/virtual-network";
import { checkInteger, cidrsOverlap, isUnresolved, parseCidr } from "./checks";
import { nameFromPath } from "./names";
import { nsgRule } from "./nsg-rule";
import { ValidationError } from "./validation-error";

/** An inbound allowance into the services subnet: who may open connections to which addresses and ports. */
export interface ServiceIngressRule {
  /** Rule name, lowercase with hyphens. */
  readonly name: string;
  /** Source CIDRs (e.g. the API gateway's subnet). */
  readonly sources: readonly string[];
  /** Destination addresses inside the services subnet (e.g. one service's group IPs). */
  readonly destinations: readonly string[];
  readonly ports: readonly number[];
}

/** An outbound allowance of the services subnet: a service tag or CIDR and its TCP ports. */
export interface ServiceEgressRule {
  /** An Azure service tag (`AzureCosmosDB`, `AzureKeyVault`) or a CIDR block. */
  readonly destination: string;
  readonly ports: readonly number[];
}

export interface ContainerInstanceNetworkProps {
  readonly resourceGroupName: string;
  readonly location: string;
  /** Address space of the virtual network, e.g. `10.2.0.0/16`. */
  readonly addressSpace: string;
  /** Subnet of the platform's own container groups (federation-core, context-server). */
  readonly servicesSubnetPrefix: string;
  /** Subnet of the groups that run untrusted code (the language services): no outbound at all. */
  readonly isolatedSubnetPrefix: string;
  /** Subnet of the data stores' private endpoints. */
  readonly privateEndpointSubnetPrefix: string;
  /** TCP ports the isolated groups listen on; only the services subnet may reach them. */
  readonly isolatedPorts: readonly number[];
  /**
   * Where the services subnet may connect besides the virtual network. Nothing else leaves it:
   * ACI supports outbound internet from a virtual network only through a NAT gateway.
   * @default - Cosmos DB (10255) and Key Vault (443) through their service endpoints
   */
  readonly serviceEgress?: readonly ServiceEgressRule[];
  /**
   * Service endpoints on the services subnet (traffic to those services stays on the Azure
   * backbone and needs no outbound internet; stores admit the subnet by virtual network rules only
   * through them). Storage's endpoint is there for the storage account's rule; `serviceEgress`
   * opens no storage port by default (no service of the subnet uses the account yet).
   * @default ["Microsoft.AzureCosmosDB", "Microsoft.KeyVault", "Microsoft.Storage"]
   */
  readonly serviceEndpoints?: readonly string[];
  /**
   * Address ranges that may open connections to the services subnet (the way in).
   * @default - only the virtual network
   */
  readonly servicesIngressSources?: readonly string[];
  /**
   * TCP ports of the services subnet open to `servicesIngressSources` and the virtual network.
   * @default - none beyond the virtual network's default rules
   */
  readonly servicesIngressPorts?: readonly number[];
  /**
   * @default - derived from the construct path
   */
  readonly name?: string;
}

type RuleFactory = typeof nsgRule;

const ACI_DELEGATION = {
  name: "aci",
  serviceDelegation: {
    name: "Microsoft.ContainerInstance/containerGroups",
    actions: ["Microsoft.Network/virtualNetworks/subnets/action"],
  },
};

/**
 * The virtual network of container instances: a services subnet and an isolated subnet, both
 * delegated to ACI (container groups only, private IPs), and a private-endpoint subnet. Neither
 * ACI subnet has an implicit outbound address. The services subnet reaches the stores through
 * service endpoints and private endpoints and nothing on the internet; the isolated subnet (code
 * nobody vetted) can open no connection at all and answers only the services subnet.
 */
export class ContainerInstanceNetwork extends Construct {
  public readonly virtualNetwork: VirtualNetwork;
  public readonly servicesSubnet: Subnet;
  public readonly isolatedSubnet: Subnet;
  public readonly privateEndpointSubnet: Subnet;
  public readonly servicesSecurityGroup: NetworkSecurityGroup;
  public readonly isolatedSecurityGroup: NetworkSecurityGroup;
  public readonly virtualNetworkId: string;
  public readonly servicesSubnetId: string;
  public readonly isolatedSubnetId: string;
  public readonly privateEndpointSubnetId: string;
  public readonly privateEndpointSubnetPrefix: string;
  public readonly servicesSubnetPrefix: string;
  private readonly servicesRules: NetworkSecurityGroupSecurityRule[];
  private readonly rule: RuleFactory;
  private readonly ingressNames = new Set<string>();

  constructor(scope: Construct, id: string, props: ContainerInstanceNetworkProps) {
    super(scope, id);
    const name = props.name ?? nameFromPath(this, 64);
    const serviceEndpoints = props.serviceEndpoints ?? ["Microsoft.AzureCosmosDB", "Microsoft.KeyVault", "Microsoft.Storage"];
    const egress = props.serviceEgress ?? [
      { destination: "AzureCosmosDB", ports: [10255] },
      { destination: "AzureKeyVault", ports: [443] },
    ];
    const ingressSources = props.servicesIngressSources ?? [];
    const ingressPorts = props.servicesIngressPorts ?? [];

    this.checkLayout(props);
    if (props.isolatedPorts.length === 0) {
      throw new ValidationError(this, "isolatedPorts", [], "expected at least one port the isolated groups listen on");
    }
    props.isolatedPorts.forEach((p, i) => checkInteger(this, `isolatedPorts[${i}]`, p, 1, 65535));
    egress.forEach((rule, i) => {
      if (rule.ports.length === 0) throw new ValidationError(this, `serviceEgress[${i}].ports`, [], "expected at least one port");
      rule.ports.forEach((p, j) => checkInteger(this, `serviceEgress[${i}].ports[${j}]`, p, 1, 65535));
      if (rule.destination === "Internet" || rule.destination === "*" || rule.destination === "0.0.0.0/0") {
        throw new ValidationError(this, `serviceEgress[${i}].destination`, rule.destination, "expected a service tag or a CIDR block, not the internet: ACI supports outbound internet from a virtual network only through a NAT gateway");
      }
    });
    if (ingressSources.length > 0 && ingressPorts.length === 0) {
      throw new ValidationError(this, "servicesIngressPorts", [], "expected the ports servicesIngressSources may reach");
    }
    ingressPorts.forEach((p, i) => checkInteger(this, `servicesIngressPorts[${i}]`, p, 1, 65535));
    if (ingressSources.length > 50) throw new ValidationError(this, "servicesIngressSources", ingressSources.length, "expected at most 50 sources");

    this.virtualNetwork = new VirtualNetwork(this, "Resource", {
      name,
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      addressSpace: [props.addressSpace],
    });
    const subnet = (subnetId: string, subnetName: string, prefix: string, extra: Partial<ConstructorParameters<typeof Subnet>[2]>) =>
      new Subnet(this, subnetId, {
        name: subnetName,
        resourceGroupName: props.resourceGroupName,
        virtualNetworkName: this.virtualNetwork.name,
        addressPrefixes: [prefix],
        // No implicit outbound address: what may leave is said below.
        defaultOutboundAccessEnabled: false,
        ...extra,
      });
    this.servicesSubnet = subnet("ServicesSubnet", "services", props.servicesSubnetPrefix, {
      delegation: [ACI_DELEGATION],
      serviceEndpoint: serviceEndpoints.length > 0 ? serviceEndpoints.map((service) => ({ service })) : undefined,
    });
    this.isolatedSubnet = subnet("IsolatedSubnet", "isolated", props.isolatedSubnetPrefix, { delegation: [ACI_DELEGATION] });
    this.privateEndpointSubnet = subnet("PrivateEndpointSubnet", "private-endpoints", props.privateEndpointSubnetPrefix, {
      privateEndpointNetworkPolicies: "Enabled",
    });

    const rule: RuleFactory = nsgRule;

    const services = props.servicesSubnetPrefix;
    const isolated = props.isolatedSubnetPrefix;
    this.rule = rule;
    this.servicesRules = [
        ...ingressSources.map((source, i) => rule(`allow-ingress-${i}`, 100 + i, "Inbound", "Allow", source, services, ingressPorts)),
        // The groups of the subnet call each other; nothing else in the network reaches them
        // unless a rule above or an allowServicesIngress rule says so.
        rule("allow-services-peers", 300, "Inbound", "Allow", services, services, "*"),
        rule("deny-other-network-inbound", 4000, "Inbound", "Deny", "VirtualNetwork", services, "*", "*"),
        rule("allow-isolated-calls", 200, "Outbound", "Allow", services, isolated, props.isolatedPorts),
        rule("allow-private-endpoints", 210, "Outbound", "Allow", services, props.privateEndpointSubnetPrefix, "*"),
        ...egress.map((e, i) => rule(`allow-egress-${i}`, 300 + i, "Outbound", "Allow", services, e.destination, e.ports)),
        rule("deny-internet", 4000, "Outbound", "Deny", "*", "Internet", "*", "*"),
    ];
    this.servicesSecurityGroup = new NetworkSecurityGroup(this, "ServicesSecurityGroup", {
      name: `${name}-services`,
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      securityRule: [...this.servicesRules],
    });
    this.isolatedSecurityGroup = new NetworkSecurityGroup(this, "IsolatedSecurityGroup", {
      name: `${name}-isolated`,
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      securityRule: [
        rule("allow-services", 100, "Inbound", "Allow", services, isolated, props.isolatedPorts),
        rule("deny-other-inbound", 4000, "Inbound", "Deny", "*", "*", "*", "*"),
        // Not even DNS: compilers and interpreters need no network.
        rule("deny-all-outbound", 4000, "Outbound", "Deny", "*", "*", "*", "*"),
      ],
    });
    new SubnetNetworkSecurityGroupAssociation(this, "ServicesSecurityGroupAssociation", {
      subnetId: this.servicesSubnet.id,
      networkSecurityGroupId: this.servicesSecurityGroup.id,
    });
    new SubnetNetworkSecurityGroupAssociation(this, "IsolatedSecurityGroupAssociation", {
      subnetId: this.isolatedSubnet.id,
      networkSecurityGroupId: this.isolatedSecurityGroup.id,
    });

    this.virtualNetworkId = this.virtualNetwork.id;
    this.servicesSubnetId = this.servicesSubnet.id;
    this.isolatedSubnetId = this.isolatedSubnet.id;
    this.privateEndpointSubnetId = this.privateEndpointSubnet.id;
    this.privateEndpointSubnetPrefix = props.privateEndpointSubnetPrefix;
    this.servicesSubnetPrefix = props.servicesSubnetPrefix;
  }

  /**
   * Lets `sources` open TCP connections to `destinations` (addresses in the services subnet) on
   * `ports`: the only way from elsewhere in the network into the services subnet (priorities
   * 150-199, in call order).
   */
  public allowServicesIngress(ingress: ServiceIngressRule): void {
    const at = `allowServicesIngress(${ingress.name})`;
    if (!/^[a-z][a-z0-9-]{0,62}$/.test(ingress.name) || this.ingressNames.has(ingress.name)) {
      throw new ValidationError(this, `${at}.name`, ingress.name, "expected a unique lowercase name of letters, digits and hyphens");
    }
    if (ingress.sources.length === 0) throw new ValidationError(this, `${at}.sources`, [], "expected at least one source");
    if (ingress.destinations.length === 0) throw new ValidationError(this, `${at}.destinations`, [], "expected at least one destination");
    if (ingress.ports.length === 0) throw new ValidationError(this, `${at}.ports`, [], "expected at least one port");
    ingress.ports.forEach((p, i) => checkInteger(this, `${at}.ports[${i}]`, p, 1, 65535));
    for (const source of ingress.sources) {
      if (["*", "Internet", "0.0.0.0/0"].includes(source)) {
        throw new ValidationError(this, `${at}.sources`, source, "expected addresses inside the network: the services subnet is never public");
      }
    }
    const priority = 150 + this.ingressNames.size;
    if (priority > 199) throw new ValidationError(this, `${at}`, ingress.name, "expected at most 50 ingress rules");
    this.ingressNames.add(ingress.name);
    const r = this.rule(ingress.name, priority, "Inbound", "Allow", "", "", ingress.ports);
    this.servicesRules.push({
      ...r,
      sourceAddressPrefix: undefined,
      destinationAddressPrefix: undefined,
      sourceAddressPrefixes: [...ingress.sources],
      destinationAddressPrefixes: [...ingress.destinations],
    });
    this.servicesSecurityGroup.putSecurityRule([...this.servicesRules]);
  }

  private checkLayout(props: ContainerInstanceNetworkProps): void {
    const all = [props.addressSpace, props.servicesSubnetPrefix, props.isolatedSubnetPrefix, props.privateEndpointSubnetPrefix];
    if (all.some((v) => isUnresolved(v))) return;
    const space = parseCidr(this, "addressSpace", props.addressSpace);
    const blocks: [string, { network: number; prefix: number }][] = (
      [
        ["servicesSubnetPrefix", props.servicesSubnetPrefix],
        ["isolatedSubnetPrefix", props.isolatedSubnetPrefix],
        ["privateEndpointSubnetPrefix", props.privateEndpointSubnetPrefix],
      ] as const
    ).map(([property, cidr]) => {
      const block = parseCidr(this, property, cidr);
      if (block.prefix < space.prefix || !cidrsOverlap(space, block) || block.prefix > 29) {
        throw new ValidationError(this, property, cidr, `expected a block of /29 or larger inside addressSpace (${props.addressSpace})`);
      }
      return [property, block];
    });
    for (let i = 0; i < blocks.length; i++) {
      for (let j = 0; j < i; j++) {
        if (cidrsOverlap(blocks[i][1], blocks[j][1])) {
          throw new ValidationError(this, blocks[i][0], (props as unknown as Record<string, string>)[blocks[i][0]], `expected a block that does not overlap ${blocks[j][0]}`);
        }
      }
    }
  }
}
