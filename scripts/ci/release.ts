// The publish workflow's checks, so the workflow stays thin:
//
//   release.ts check <tag>    exit 1 unless the release tag is v<package.json version>, CHANGELOG.md
//                             has a "## [<version>]" section, and package.json's repository.url is
//                             git+https://github.com/$GITHUB_REPOSITORY.git (npm refuses provenance
//                             for a package whose repository is not the repository that built it)
//   release.ts dist-tag <prerelease>
//                             prints the npm dist-tag: "next" for a GitHub pre-release, else "latest"
import { readFileSync } from "fs";
import { join, resolve } from "path";

export interface ReleaseFacts {
  readonly tag: string;
  readonly version: string;
  readonly changelog: string;
  readonly repositoryUrl: string | undefined;
  /** owner/name, as GITHUB_REPOSITORY holds it. */
  readonly githubRepository: string;
}

/** Every reason the release must not be published; empty when it may. */
export function releaseProblems(facts: ReleaseFacts): string[] {
  const problems: string[] = [];
  if (facts.tag !== `v${facts.version}`) problems.push(`release tag ${facts.tag} is not v${facts.version}, the version in package.json`);
  const heading = new RegExp(`^## \\[${facts.version.replace(/[.+]/g, "\\$&")}\\]`, "m");
  if (!heading.test(facts.changelog)) problems.push(`CHANGELOG.md has no "## [${facts.version}]" section`);
  const expected = `git+https://github.com/${facts.githubRepository}.git`;
  if (facts.repositoryUrl !== expected) {
    problems.push(`package.json repository.url is ${JSON.stringify(facts.repositoryUrl)}; npm provenance needs ${expected}`);
  }
  return problems;
}

export function distTag(prerelease: string): string {
  return prerelease === "true" ? "next" : "latest";
}

function main(args: string[]): number {
  const root = resolve(__dirname, "..", "..");
  const [command, value] = args;
  if (command === "dist-tag") {
    console.log(distTag(value ?? ""));
    return 0;
  }
  if (command !== "check" || value === undefined) {
    console.error("usage: release.ts check <tag> | release.ts dist-tag <prerelease>");
    return 2;
  }
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string; repository?: { url?: string } };
  const problems = releaseProblems({
    tag: value,
    version: pkg.version,
    changelog: readFileSync(join(root, "CHANGELOG.md"), "utf8"),
    repositoryUrl: pkg.repository?.url,
    githubRepository: process.env.GITHUB_REPOSITORY ?? "",
  });
  for (const problem of problems) console.error(`::error::${problem}`);
  if (problems.length === 0) console.log(`release ${value}: tag, version, changelog and repository agree`);
  return problems.length === 0 ? 0 : 1;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
