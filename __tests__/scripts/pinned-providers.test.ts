import { buildPlatform } from "../../stacks/platform-app";
import { MINIMUM_GO, PINNED_PROVIDERS } from "../../scripts/terraform/pinned-providers";
import { goVersionAtLeast } from "../../scripts/terraform/provider-cache";
import { synthApp } from "../helpers";

describe("pinned providers", () => {
  test("each pin is the pseudo-version of its commit, after the release it names", () => {
    expect(PINNED_PROVIDERS.map((p) => [p.name, p.version])).toEqual([
      ["azurerm", "5.2.0"],
      ["kubernetes", "3.2.1"],
      ["helm", "3.2.0"],
    ]);
    for (const p of PINNED_PROVIDERS) {
      const m = /^v1\.\d+\.\d+-0\.(\d{14})-([0-9a-f]{12})$/.exec(p.moduleVersion);
      expect([p.name, m !== null]).toEqual([p.name, true]);
      expect(p.commit.startsWith((m as RegExpExecArray)[2])).toBe(true);
      expect(p.tag).toBe(`v${p.version}`);
      expect(p.module).toBe(`github.com/hashicorp/terraform-provider-${p.name}`);
    }
  });

  test("every synthesized stack pins exactly those providers, by their full source", () => {
    const json = synthApp((app) => buildPlatform(app, { platformName: "omega" }));
    expect(json.size).toBe(11);
    for (const [stack, synthesized] of json) {
      const required = (synthesized.terraform?.required_providers ?? {}) as Record<string, { source: string; version: string }>;
      expect(Object.keys(required).length).toBeGreaterThan(0);
      for (const [name, req] of Object.entries(required)) {
        const pinned = PINNED_PROVIDERS.find((p) => p.name === name);
        expect([stack, name, req]).toEqual([stack, name, { source: `hashicorp/${name}`, version: pinned?.version }]);
      }
    }
  });

  test("Go versions are compared as numbers, patch included", () => {
    expect(goVersionAtLeast("go1.26.8", MINIMUM_GO)).toBe(true);
    expect(goVersionAtLeast("go1.26.6", "1.26.6")).toBe(true);
    expect(goVersionAtLeast("go1.26.5", "1.26.6")).toBe(false);
    expect(goVersionAtLeast("go1.24.1", "1.26.6")).toBe(false);
    expect(goVersionAtLeast("go1.100.0", "1.26.6")).toBe(true);
    expect(goVersionAtLeast("go1.27", "1.26.6")).toBe(true);
    expect(goVersionAtLeast("devel", "1.26.6")).toBe(false);
  });
});
