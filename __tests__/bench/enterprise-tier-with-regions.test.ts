import { Testing } from "cdktf";
import { enterpriseTierWithRegions } from "../../bench/enterprise-tier-with-regions";
import { buildPlatform } from "../../stacks/platform-app";
import { ENTERPRISE_TIER } from "../../tiers/enterprise";
import { DataLayerKind } from "../../tiers/tier-spec";

describe("the bench's enterprise tier with N regions", () => {
  test.each([1, 2, 3, 6])("%i region(s): builds, one AI Search replica per region as the tier spreads them", (count) => {
    const tier = enterpriseTierWithRegions(count);
    expect(tier.regions).toHaveLength(count);
    if (tier.dataLayer.kind !== DataLayerKind.MANAGED) throw new Error("expected a managed data layer");
    expect(tier.dataLayer.search?.replicas).toBe(count);
    expect(() => buildPlatform(Testing.app(), { platformName: "omega", tiers: { enterprise: tier } })).not.toThrow();
  });

  test("3 regions is the tier as shipped", () => {
    expect(enterpriseTierWithRegions(3).dataLayer).toEqual(ENTERPRISE_TIER.dataLayer);
  });
});
