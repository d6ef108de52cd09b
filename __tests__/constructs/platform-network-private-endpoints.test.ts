import { PlatformNetwork, PlatformNetworkProps } from "../../constructs/platform-network";
import { resourcesOf, synthJson, testStack } from "../helpers";

// The optional private endpoint subnet of PlatformNetwork (the data layer's private endpoints).
const BASE: PlatformNetworkProps = {
  resourceGroupName: "rg",
  location: "eastus",
  addressSpace: "10.1.0.0/16",
  clusterSubnetPrefix: "10.1.0.0/22",
};

function build(props: Partial<PlatformNetworkProps>): () => PlatformNetwork {
  return () => new PlatformNetwork(testStack().stack, "Network", { ...BASE, ...props });
}

describe("PlatformNetwork private endpoint subnet", () => {
  test("none by default", () => {
    const { stack } = testStack();
    const network = new PlatformNetwork(stack, "Network", BASE);
    expect(resourcesOf(synthJson(stack), "azurerm_subnet")).toHaveLength(1);
    expect(network.privateEndpointSubnetId).toBeUndefined();
  });

  test("a subnet for endpoints, with network policies applied and no default outbound access", () => {
    const { stack } = testStack();
    const network = new PlatformNetwork(stack, "Network", { ...BASE, privateEndpointSubnetPrefix: "10.1.4.0/24" });
    const subnets = resourcesOf(synthJson(stack), "azurerm_subnet");
    const endpoints = subnets.find((s) => s.name === "private-endpoints");
    expect(endpoints).toMatchObject({
      address_prefixes: ["10.1.4.0/24"],
      private_endpoint_network_policies: "Enabled",
      default_outbound_access_enabled: false,
    });
    expect(network.privateEndpointSubnetId).toMatch(/^\$\{TfToken\[/);
    expect(network.privateEndpointSubnetPrefix).toBe("10.1.4.0/24");
  });

  test("fails on a subnet outside the address space", () => {
    expect(build({ privateEndpointSubnetPrefix: "10.2.4.0/24" })).toThrow(
      'test/Network: invalid privateEndpointSubnetPrefix "10.2.4.0/24": expected a block of /29 or larger inside addressSpace (10.1.0.0/16)',
    );
  });

  test("fails on a subnet that overlaps the cluster subnet", () => {
    expect(build({ privateEndpointSubnetPrefix: "10.1.2.0/24" })).toThrow(
      'test/Network: invalid privateEndpointSubnetPrefix "10.1.2.0/24": expected a block that does not overlap clusterSubnetPrefix (10.1.0.0/22)',
    );
  });

  test("fails on a block smaller than /29", () => {
    expect(build({ privateEndpointSubnetPrefix: "10.1.4.0/30" })).toThrow('test/Network: invalid privateEndpointSubnetPrefix "10.1.4.0/30"');
  });
});

describe("PlatformNetwork.dataPrivateNetwork", () => {
  test("gives a ManagedDataLayer the endpoint subnet, its prefix and the network, without assertions", () => {
    const { stack } = testStack();
    const network = new PlatformNetwork(stack, "Network", { ...BASE, privateEndpointSubnetPrefix: "10.1.4.0/24" });
    const data = network.dataPrivateNetwork();
    expect(data).toEqual({ subnetId: network.privateEndpointSubnetId, subnetPrefix: "10.1.4.0/24", virtualNetworkId: network.virtualNetworkId });
  });

  test("fails on a network without a private endpoint subnet", () => {
    const { stack } = testStack();
    const network = new PlatformNetwork(stack, "Network", BASE);
    expect(() => network.dataPrivateNetwork()).toThrow(
      "test/Network: invalid privateEndpointSubnetPrefix undefined: expected a subnet for the data layer's private endpoints: set PlatformNetworkProps.privateEndpointSubnetPrefix to use dataPrivateNetwork()",
    );
  });
});
