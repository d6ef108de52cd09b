import { Testing } from "cdktf";
import { SandboxNodePool } from "../../constructs/sandbox-node-pool";
import { SANDBOX_NODE_PORTS, SandboxSubnet, SandboxSubnetProps } from "../../constructs/sandbox-subnet";
import { onlyResource, synthJson, testStack } from "../helpers";

const MINIMAL: SandboxSubnetProps = {
  resourceGroupName: "rg",
  location: "eastus",
  virtualNetworkName: "vnet",
  addressSpace: "10.1.0.0/16",
  subnetPrefix: "10.1.5.0/24",
  nodeSubnetPrefixes: ["10.1.0.0/22"],
  podCidr: "192.168.0.0/16",
  podPorts: [8080],
};

function synth(props: Partial<SandboxSubnetProps> = {}) {
  const { stack } = testStack();
  const subnet = new SandboxSubnet(stack, "Sandbox", { ...MINIMAL, ...props });
  const json = synthJson(stack);
  const nsg = onlyResource(json, "azurerm_network_security_group");
  const rules = new Map<string, any>((nsg.security_rule as any[]).map((r) => [r.name, r]));
  return { subnet, json, nsg, rules };
}

function build(props: Partial<SandboxSubnetProps>): () => SandboxSubnet {
  return () => {
    const { stack } = testStack();
    return new SandboxSubnet(stack, "Sandbox", { ...MINIMAL, ...props });
  };
}

/** A rule as [direction, priority, access, protocol, sources, destination, ports]. */
function shape(r: any): unknown[] {
  return [r.direction, r.priority, r.access, r.protocol, r.source_address_prefixes ?? r.source_address_prefix, r.destination_address_prefix, r.destination_port_ranges ?? r.destination_port_range];
}

describe("SandboxSubnet", () => {
  test("minimal config snapshot", () => {
    const { stack } = testStack();
    new SandboxSubnet(stack, "Sandbox", MINIMAL);
    expect(Testing.synth(stack)).toMatchSnapshot();
  });

  describe("defaults", () => {
    const { subnet, json, nsg, rules } = synth();

    test("a subnet named sandbox in the network, without an implicit outbound address", () => {
      expect(onlyResource(json, "azurerm_subnet")).toEqual({
        name: "sandbox",
        resource_group_name: "rg",
        virtual_network_name: "vnet",
        address_prefixes: ["10.1.5.0/24"],
        default_outbound_access_enabled: false,
      });
      expect(subnet.subnetPrefix).toBe("10.1.5.0/24");
    });

    test("its security group is associated, and a pool given subnetId joins only after the association", () => {
      expect(nsg).toMatchObject({ location: "eastus", resource_group_name: "rg", name: "test-sandbox" });
      const association = onlyResource(json, "azurerm_subnet_network_security_group_association");
      expect(association.subnet_id).toMatch(/^\$\{azurerm_subnet\.Sandbox_[0-9A-F]+\.id\}$/);
      expect(association.network_security_group_id).toMatch(/^\$\{azurerm_network_security_group\.Sandbox_SecurityGroup_[0-9A-F]+\.id\}$/);
      const { stack } = testStack();
      const own = new SandboxSubnet(stack, "Sandbox", MINIMAL);
      new SandboxNodePool(stack, "Pool", { cluster: { clusterId: "c", zones: ["1"] }, vnetSubnetId: own.subnetId });
      expect(onlyResource(synthJson(stack), "azurerm_kubernetes_cluster_node_pool").vnet_subnet_id).toMatch(
        /^\$\{azurerm_subnet_network_security_group_association\.Sandbox_SecurityGroupAssociation_[0-9A-F]+\.subnet_id\}$/,
      );
      expect(subnet.rules).toHaveLength(6);
    });

    test("inbound: the node subnets and itself everywhere, pods to the pods' and the nodes' ports, load balancer probes, nothing else", () => {
      expect([...rules.values()].filter((r) => r.direction === "Inbound").map(shape)).toEqual([
        ["Inbound", 100, "Allow", "*", ["10.1.0.0/22", "10.1.5.0/24"], "10.1.5.0/24", "*"],
        ["Inbound", 110, "Allow", "*", ["10.1.0.0/22", "10.1.5.0/24"], "192.168.0.0/16", "*"],
        ["Inbound", 200, "Allow", "Tcp", "192.168.0.0/16", "192.168.0.0/16", ["8080"]],
        ["Inbound", 210, "Allow", "Tcp", "192.168.0.0/16", "10.1.5.0/24", ["9100", "10250"]],
        ["Inbound", 300, "Allow", "*", "AzureLoadBalancer", "*", "*"],
        ["Inbound", 4000, "Deny", "*", "*", "*", "*"],
      ]);
      expect(SANDBOX_NODE_PORTS).toEqual([10250, 9100]);
    });

    test("outbound: Azure's defaults, nothing denied", () => {
      expect([...rules.values()].filter((r) => r.direction === "Outbound")).toEqual([]);
    });
  });

  describe("overrides", () => {
    test("denied destinations (the data stores' private endpoints) come first outbound", () => {
      const { rules } = synth({ deniedOutboundPrefixes: ["10.1.4.0/24"] });
      expect(shape(rules.get("deny-outbound-0"))).toEqual(["Outbound", 100, "Deny", "*", "*", "10.1.4.0/24", "*"]);
    });

    test("pod and node ports are listed once, ascending", () => {
      const { rules } = synth({ podPorts: [12345, 8080, 8080], nodePorts: [10250] });
      expect(rules.get("allow-pod-ports").destination_port_ranges).toEqual(["8080", "12345"]);
      expect(rules.get("allow-node-ports").destination_port_ranges).toEqual(["10250"]);
    });

    test("name and group name", () => {
      const { json, nsg } = synth({ name: "kata", securityGroupName: "nsg-kata" });
      expect(onlyResource(json, "azurerm_subnet").name).toBe("kata");
      expect(nsg.name).toBe("nsg-kata");
    });
  });

  describe("validation", () => {
    test("fails on a subnet outside the address space", () => {
      expect(build({ subnetPrefix: "10.2.5.0/24" })).toThrow('test/Sandbox: invalid subnetPrefix "10.2.5.0/24": expected a block of /29 or larger inside addressSpace (10.1.0.0/16)');
    });

    test("fails on a subnet over a node subnet", () => {
      expect(build({ subnetPrefix: "10.1.1.0/24" })).toThrow('test/Sandbox: invalid subnetPrefix "10.1.1.0/24": expected a block that does not overlap the node subnet 10.1.0.0/22');
    });

    test("fails on a denied block inside the subnet", () => {
      expect(build({ deniedOutboundPrefixes: ["10.1.5.0/28"] })).toThrow(
        'test/Sandbox: invalid deniedOutboundPrefixes[0] "10.1.5.0/28": expected a block outside subnetPrefix (10.1.5.0/24)',
      );
    });

    test("fails on a pod CIDR inside the network", () => {
      expect(build({ podCidr: "10.1.128.0/17" })).toThrow('test/Sandbox: invalid podCidr "10.1.128.0/17": expected the overlay CIDR, outside addressSpace (10.1.0.0/16)');
    });

    test("fails without node subnets", () => {
      expect(build({ nodeSubnetPrefixes: [] })).toThrow("test/Sandbox: invalid nodeSubnetPrefixes []: expected the cluster's other node subnets (at least the default pool's)");
    });

    test("fails without pod ports, and on a port out of range", () => {
      expect(build({ podPorts: [] })).toThrow("test/Sandbox: invalid podPorts []: expected at least one port the pool's pods listen on");
      expect(build({ nodePorts: [70000] })).toThrow("test/Sandbox: invalid nodePorts[0] 70000: expected an integer from 1 to 65535");
    });
  });
});
