import { Testing } from "cdktf";
import { ContainerInstanceNetwork, ContainerInstanceNetworkProps } from "../../constructs/container-instance-network";
import { resourcesOf, synthJson, testStack } from "../helpers";

const BASE: ContainerInstanceNetworkProps = {
  resourceGroupName: "omega-staging",
  location: "eastus",
  addressSpace: "10.2.0.0/16",
  servicesSubnetPrefix: "10.2.0.0/22",
  isolatedSubnetPrefix: "10.2.5.0/24",
  privateEndpointSubnetPrefix: "10.2.4.0/24",
  isolatedPorts: [8081, 8082],
};

function build(props: Partial<ContainerInstanceNetworkProps> = {}) {
  const { stack } = testStack();
  new ContainerInstanceNetwork(stack, "Network", { ...BASE, ...props });
  return synthJson(stack);
}

describe("ContainerInstanceNetwork", () => {
  test("minimal config snapshot", () => {
    const { stack } = testStack();
    new ContainerInstanceNetwork(stack, "Network", BASE);
    expect(Testing.synth(stack)).toMatchSnapshot();
  });

  describe("defaults", () => {
    const json = build();
    const subnets = Object.fromEntries(resourcesOf(json, "azurerm_subnet").map((s: any) => [s.name, s]));
    const nsgs = Object.fromEntries(resourcesOf(json, "azurerm_network_security_group").map((n: any) => [n.name.split("-").pop(), n]));

    test("two ACI-delegated subnets and a private-endpoint subnet, none with an implicit outbound address", () => {
      expect(Object.keys(subnets).sort()).toEqual(["isolated", "private-endpoints", "services"]);
      for (const s of Object.values(subnets) as any[]) expect(s.default_outbound_access_enabled).toBe(false);
      expect(subnets.services.delegation[0].service_delegation.name).toBe("Microsoft.ContainerInstance/containerGroups");
      expect(subnets.isolated.delegation[0].service_delegation.name).toBe("Microsoft.ContainerInstance/containerGroups");
    });

    test("the services subnet reaches Cosmos DB and Key Vault through service endpoints (storage's is there for its rule, no port open), nothing on the internet", () => {
      expect(subnets.services.service_endpoint).toEqual([{ service: "Microsoft.AzureCosmosDB" }, { service: "Microsoft.KeyVault" }, { service: "Microsoft.Storage" }]);
      const rules = nsgs.services.security_rule.map((r: any) => [r.name, r.access, r.direction, r.destination_address_prefix]);
      expect(rules).toEqual([
        ["allow-services-peers", "Allow", "Inbound", "10.2.0.0/22"],
        ["deny-other-network-inbound", "Deny", "Inbound", "10.2.0.0/22"],
        ["allow-isolated-calls", "Allow", "Outbound", "10.2.5.0/24"],
        ["allow-private-endpoints", "Allow", "Outbound", "10.2.4.0/24"],
        ["allow-egress-0", "Allow", "Outbound", "AzureCosmosDB"],
        ["allow-egress-1", "Allow", "Outbound", "AzureKeyVault"],
        ["deny-internet", "Deny", "Outbound", "Internet"],
      ]);
    });

    test("the isolated subnet answers the services subnet on its ports and opens nothing", () => {
      const rules = nsgs.isolated.security_rule;
      expect(rules.find((r: any) => r.name === "allow-services")).toMatchObject({ source_address_prefix: "10.2.0.0/22", destination_port_ranges: ["8081", "8082"] });
      expect(rules.filter((r: any) => r.direction === "Outbound").map((r: any) => [r.access, r.destination_address_prefix])).toEqual([["Deny", "*"]]);
      expect(resourcesOf(json, "azurerm_subnet_network_security_group_association")).toHaveLength(2);
    });
  });

  test("an ingress source opens the given ports of the services subnet", () => {
    const json = build({ servicesIngressSources: ["10.2.6.0/24"], servicesIngressPorts: [9405] });
    const services = resourcesOf(json, "azurerm_network_security_group").find((n: any) => n.name.endsWith("-services")) as any;
    expect(services.security_rule[0]).toMatchObject({ name: "allow-ingress-0", direction: "Inbound", access: "Allow", source_address_prefix: "10.2.6.0/24", destination_port_ranges: ["9405"] });
  });

  test("nothing else in the network reaches the services subnet: its peers, then a deny for the virtual network", () => {
    const json = build();
    const services = resourcesOf(json, "azurerm_network_security_group").find((n: any) => n.name.endsWith("-services")) as any;
    const inbound = services.security_rule.filter((r: any) => r.direction === "Inbound");
    expect(inbound.map((r: any) => [r.name, r.priority, r.access, r.source_address_prefix, r.destination_port_range])).toEqual([
      ["allow-services-peers", 300, "Allow", "10.2.0.0/22", "*"],
      ["deny-other-network-inbound", 4000, "Deny", "VirtualNetwork", "*"],
    ]);
  });

  test("allowServicesIngress opens the given ports of the given addresses to the given sources, above the deny", () => {
    const { stack } = testStack();
    const network = new ContainerInstanceNetwork(stack, "Network", BASE);
    network.allowServicesIngress({ name: "allow-gateway", sources: ["10.2.6.0/27"], destinations: ["10.2.0.4", "10.2.0.5"], ports: [9405] });
    const services = resourcesOf(synthJson(stack), "azurerm_network_security_group").find((n: any) => n.name.endsWith("-services")) as any;
    expect(services.security_rule.find((r: any) => r.name === "allow-gateway")).toMatchObject({
      priority: 150,
      direction: "Inbound",
      access: "Allow",
      protocol: "Tcp",
      source_address_prefixes: ["10.2.6.0/27"],
      destination_address_prefixes: ["10.2.0.4", "10.2.0.5"],
      destination_port_ranges: ["9405"],
    });
  });

  test("fails when allowServicesIngress opens the services subnet to the internet", () => {
    const { stack } = testStack();
    const network = new ContainerInstanceNetwork(stack, "Network", BASE);
    expect(() => network.allowServicesIngress({ name: "allow-world", sources: ["Internet"], destinations: ["10.2.0.4"], ports: [9405] })).toThrow(
      'test/Network: invalid allowServicesIngress(allow-world).sources "Internet": expected addresses inside the network: the services subnet is never public',
    );
  });

  test("fails on internet egress (ACI supports it only through a NAT gateway)", () => {
    expect(() => build({ serviceEgress: [{ destination: "Internet", ports: [443] }] })).toThrow(
      'test/Network: invalid serviceEgress[0].destination "Internet": expected a service tag or a CIDR block, not the internet: ACI supports outbound internet from a virtual network only through a NAT gateway',
    );
  });

  test("fails on overlapping subnets", () => {
    expect(() => build({ isolatedSubnetPrefix: "10.2.1.0/24" })).toThrow('test/Network: invalid isolatedSubnetPrefix "10.2.1.0/24": expected a block that does not overlap servicesSubnetPrefix');
  });

  test("fails on a subnet outside the address space", () => {
    expect(() => build({ isolatedSubnetPrefix: "10.3.5.0/24" })).toThrow('test/Network: invalid isolatedSubnetPrefix "10.3.5.0/24": expected a block of /29 or larger inside addressSpace (10.2.0.0/16)');
  });

  test("fails without isolated ports", () => {
    expect(() => build({ isolatedPorts: [] })).toThrow("test/Network: invalid isolatedPorts []: expected at least one port the isolated groups listen on");
  });
});
