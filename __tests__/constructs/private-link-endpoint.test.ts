import { Testing } from "cdktf";
import { PRIVATE_LINK_TARGETS, PrivateDnsZones, PrivateLinkService } from "../../constructs/private-dns-zones";
import { PrivateLinkEndpoint } from "../../constructs/private-link-endpoint";
import { onlyResource, resourcesOf, synthJson, testStack } from "../helpers";

const VNET = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet";
const SUBNET = `${VNET}/subnets/private-endpoints`;
const VAULT = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv";

describe("PrivateLinkEndpoint", () => {
  test("minimal config snapshot", () => {
    const { stack } = testStack();
    const zones = new PrivateDnsZones(stack, "Zones", { resourceGroupName: "rg", virtualNetworkId: VNET });
    new PrivateLinkEndpoint(stack, "VaultEndpoint", {
      resourceGroupName: "rg",
      location: "eastus",
      subnetId: SUBNET,
      resourceId: VAULT,
      service: PrivateLinkService.KEY_VAULT,
      dnsZones: zones,
    });
    expect(Testing.synth(stack)).toMatchSnapshot();
  });

  describe("one endpoint", () => {
    const { stack } = testStack();
    const zones = new PrivateDnsZones(stack, "Zones", { resourceGroupName: "rg", virtualNetworkId: VNET });
    new PrivateLinkEndpoint(stack, "VaultEndpoint", {
      resourceGroupName: "rg",
      location: "eastus",
      subnetId: SUBNET,
      resourceId: VAULT,
      service: PrivateLinkService.KEY_VAULT,
      dnsZones: zones,
    });
    const json = synthJson(stack);
    const endpoint = onlyResource(json, "azurerm_private_endpoint");

    test("connects the vault sub-resource from the subnet, auto-approved", () => {
      expect(endpoint).toMatchObject({ name: "test-vaultendpoint", subnet_id: SUBNET, location: "eastus" });
      expect(endpoint.private_service_connection).toEqual({
        name: "test-vaultendpoint-connection",
        private_connection_resource_id: VAULT,
        subresource_names: ["vault"],
        is_manual_connection: false,
      });
    });

    test("registers in the privatelink zone, linked to the network without auto-registration", () => {
      expect(onlyResource(json, "azurerm_private_dns_zone").name).toBe("privatelink.vaultcore.azure.net");
      expect(endpoint.private_dns_zone_group).toEqual({
        name: "default",
        private_dns_zone_ids: [expect.stringMatching(/^\$\{azurerm_private_dns_zone\..+\.id\}$/)],
      });
      expect(onlyResource(json, "azurerm_private_dns_zone_virtual_network_link")).toMatchObject({
        virtual_network_id: VNET,
        registration_enabled: false,
        private_dns_zone_id: expect.stringMatching(/^\$\{azurerm_private_dns_zone\..+\.id\}$/),
      });
      expect(onlyResource(json, "azurerm_private_dns_zone_virtual_network_link").resource_group_name).toBeUndefined();
    });
  });

  test("one zone per service however many endpoints use it", () => {
    const { stack } = testStack();
    const zones = new PrivateDnsZones(stack, "Zones", { resourceGroupName: "rg", virtualNetworkId: VNET });
    for (const id of ["A", "B"]) {
      new PrivateLinkEndpoint(stack, id, {
        resourceGroupName: "rg",
        location: "eastus",
        subnetId: SUBNET,
        resourceId: `/subscriptions/s/storageAccounts/${id}`,
        service: PrivateLinkService.BLOB,
        dnsZones: zones,
      });
    }
    const json = synthJson(stack);
    expect(resourcesOf(json, "azurerm_private_endpoint")).toHaveLength(2);
    expect(resourcesOf(json, "azurerm_private_dns_zone").map((z) => z.name)).toEqual(["privatelink.blob.core.windows.net"]);
    expect(zones.services).toEqual([PrivateLinkService.BLOB]);
  });

  test("the sub-resource and zone of each data store", () => {
    expect(PRIVATE_LINK_TARGETS).toEqual({
      "cosmos-mongo": { subresource: "MongoDB", zone: "privatelink.mongo.cosmos.azure.com" },
      redis: { subresource: "redisCache", zone: "privatelink.redis.cache.windows.net" },
      search: { subresource: "searchService", zone: "privatelink.search.windows.net" },
      blob: { subresource: "blob", zone: "privatelink.blob.core.windows.net" },
      "key-vault": { subresource: "vault", zone: "privatelink.vaultcore.azure.net" },
    });
  });
});
