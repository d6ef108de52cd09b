import { readFileSync } from "fs";
import { distTag, releaseProblems } from "../../scripts/ci/release";

const facts = {
  tag: "v1.2.0",
  version: "1.2.0",
  changelog: "# Changelog\n\n## [Unreleased]\n\n## [1.2.0] - 2026-12-01\n\n### Added\n",
  repositoryUrl: "git+https://github.com/acme/cdktf-aks-platform.git",
  githubRepository: "acme/cdktf-aks-platform",
};

describe("the publish workflow's release check", () => {
  test("a tag v<version> with its changelog section, from the repository package.json names, may publish", () => {
    expect(releaseProblems(facts)).toEqual([]);
  });

  test("fails when the tag is not v<package.json version>", () => {
    expect(releaseProblems({ ...facts, tag: "v1.2.1" })).toEqual(["release tag v1.2.1 is not v1.2.0, the version in package.json"]);
  });

  test("fails when CHANGELOG.md has no section for the version", () => {
    expect(releaseProblems({ ...facts, changelog: "## [1.2.00] - x\n## [1.1.0] - y\n" })).toEqual(['CHANGELOG.md has no "## [1.2.0]" section']);
  });

  test("fails when package.json's repository is not the repository that publishes (npm refuses the provenance)", () => {
    expect(releaseProblems({ ...facts, githubRepository: "fork/cdktf-aks-platform" })).toEqual([
      'package.json repository.url is "git+https://github.com/acme/cdktf-aks-platform.git"; npm provenance needs git+https://github.com/fork/cdktf-aks-platform.git',
    ]);
  });

  test("pre-releases go to the next dist-tag, releases to latest", () => {
    expect(distTag("true")).toBe("next");
    expect(distTag("false")).toBe("latest");
  });

  test("the workflow publishes with provenance from an OIDC token on a published release, after npm test", () => {
    const text = readFileSync(".github/workflows/publish.yml", "utf8");
    expect(text).toContain("on:\n  release:\n    types: [published]\n");
    expect(text).toContain("      id-token: write\n");
    expect(text).toMatch(/run: npm publish --provenance --access public --tag /);
    expect(text.indexOf("- run: npm test")).toBeGreaterThan(text.indexOf("release.ts check"));
    expect(text.indexOf("npm publish")).toBeGreaterThan(text.indexOf("- run: npm test"));
  });

  test("the package this repository publishes carries its own metadata: license text, changelog, repository", () => {
    const pkg = JSON.parse(readFileSync("package.json", "utf8")) as Record<string, unknown> & { repository: { url: string }; files: string[] };
    expect(pkg.license).toBe("Apache-2.0");
    expect(readFileSync("LICENSE", "utf8")).toContain("Apache License\n                           Version 2.0, January 2004");
    expect(pkg.repository.url).toMatch(/^git\+https:\/\/github\.com\/[^/]+\/cdktf-aks-platform\.git$/);
    expect(pkg.files).toEqual(expect.arrayContaining(["LICENSE", "CHANGELOG.md", "README.md"]));
    expect(readFileSync("CHANGELOG.md", "utf8")).toMatch(/^## \[Unreleased\]$/m);
  });
});
