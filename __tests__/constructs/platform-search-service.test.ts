import { Testing } from "cdktf";
import { PlatformSearchService, PlatformSearchServiceProps } from "../../constructs/platform-search-service";
import { onlyResource, synthJson, testStack } from "../helpers";
import { SearchSku } from "../../constructs/data-service-options";

const BASE: PlatformSearchServiceProps = { resourceGroupName: "rg", location: "eastus" };

function synth(props: Partial<PlatformSearchServiceProps> = {}) {
  const { stack } = testStack();
  const search = new PlatformSearchService(stack, "Search", { ...BASE, ...props });
  return { search, resource: onlyResource(synthJson(stack), "azurerm_search_service") };
}

function build(props: Partial<PlatformSearchServiceProps>): () => PlatformSearchService {
  return () => new PlatformSearchService(testStack().stack, "Search", { ...BASE, ...props });
}

describe("PlatformSearchService", () => {
  test("minimal config snapshot", () => {
    const { stack } = testStack();
    new PlatformSearchService(stack, "Search", BASE);
    expect(Testing.synth(stack)).toMatchSnapshot();
  });

  describe("defaults", () => {
    const { resource, search } = synth();

    test("Basic, one replica, one partition", () => {
      expect(resource).toMatchObject({ sku: "basic", replica_count: 1, partition_count: 1 });
      expect([search.sku, search.replicas, search.partitions]).toEqual([SearchSku.BASIC, 1, 1]);
    });

    test("no public network access; API keys and Entra ID both accepted", () => {
      expect(resource.public_network_access_enabled).toBe(false);
      expect(resource.local_authentication_enabled).toBe(true);
      expect(resource.authentication_failure_mode).toBe("http401WithBearerChallenge");
      expect(resource.identity).toEqual({ type: "SystemAssigned" });
    });

    test("endpoint and admin key are references", () => {
      expect(search.endpoint).toMatch(/^https:\/\/\$\{TfToken\[.+\]\}\.search\.windows\.net$/);
      expect(search.adminKey).toMatch(/^\$\{TfToken\[/);
      expect(resource.name).toMatch(/^omega-test-search-[0-9a-f]{6}$/);
    });
  });

  describe("overrides", () => {
    test("seed 004's enterprise service: Standard with 3 replicas", () => {
      expect(synth({ sku: SearchSku.STANDARD, replicas: 3 }).resource).toMatchObject({ sku: "standard", replica_count: 3, partition_count: 1 });
    });

    test("Basic up to 3 replicas and 3 partitions", () => {
      expect(synth({ replicas: 3, partitions: 3 }).resource).toMatchObject({ replica_count: 3, partition_count: 3 });
    });

    test("Entra ID only, public access on", () => {
      const { resource } = synth({ apiKeysEnabled: false, publicNetworkAccessEnabled: true, name: "my-search" });
      expect(resource).toMatchObject({ local_authentication_enabled: false, public_network_access_enabled: true, name: "my-search" });
      expect(resource.authentication_failure_mode).toBeUndefined();
    });
  });

  describe("validation", () => {
    test("fails on 4 replicas with Basic", () => {
      expect(build({ replicas: 4 })).toThrow("test/Search: invalid replicas 4: expected an integer from 1 to 3");
    });

    test("fails on 4 partitions with Basic", () => {
      expect(build({ partitions: 4 })).toThrow("test/Search: invalid partitions 4: expected an integer from 1 to 3");
    });

    test("fails on 13 replicas with Standard", () => {
      expect(build({ sku: SearchSku.STANDARD, replicas: 13 })).toThrow("test/Search: invalid replicas 13: expected an integer from 1 to 12");
    });

    test("fails on a partition count that does not divide 12", () => {
      expect(build({ sku: SearchSku.STANDARD, partitions: 5 })).toThrow("test/Search: invalid partitions 5: expected one of 1, 2, 3, 4, 6, 12");
    });

    test("fails beyond 36 search units", () => {
      expect(build({ sku: SearchSku.STANDARD, replicas: 12, partitions: 4 })).toThrow(
        "test/Search: invalid replicas 12: expected replicas x partitions (12 x 4) of at most 36 search units",
      );
    });

    test("fails on zero replicas", () => {
      expect(build({ replicas: 0 })).toThrow("test/Search: invalid replicas 0: expected an integer from 1 to 3");
    });

    test("fails on a service name Azure refuses", () => {
      expect(build({ name: "Search" })).toThrow(
        'test/Search: invalid name "Search": expected 2-60 lowercase letters, digits or hyphens, starting and ending with a letter or digit, without consecutive hyphens',
      );
    });
  });
});
