import { execFileSync } from "child_process";
import { resolve } from "path";

// Packs the library, installs the tarball with its pinned peers into a scratch CommonJS app and
// synthesizes a stack there, then follows the README's npm section verbatim from an empty directory
// (cdktf init --template=typescript, TypeScript 5.9, the tarball, the README's main.ts, npx cdktf
// synth, npm test) (scripts/consumer-check.ts). Slow, about 2-4 minutes: npm pack runs the build,
// cdktf init installs its scaffold, and the installs copy the provider packages from the npm cache.

const root = resolve(__dirname, "..");

function runConsumerCheck(): string {
  try {
    return execFileSync(process.execPath, ["-r", "./scripts/ts-register.js", "scripts/consumer-check.ts"], {
      cwd: root,
      encoding: "utf8",
      stdio: "pipe",
      timeout: 590_000,
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const e = error as { status?: number | null; signal?: string | null; stdout?: string; stderr?: string };
    throw new Error(
      `scripts/consumer-check.ts exited with ${e.status ?? e.signal}\n--- stdout ---\n${e.stdout ?? ""}\n--- stderr ---\n${e.stderr ?? ""}`,
    );
  }
}

describe("package consumer", () => {
  test(
    "the npm pack tarball installs with its pinned peers, synthesizes in a scratch CommonJS app, and the README's npm section works verbatim from an empty directory (cdktf init)",
    () => {
      const output = runConsumerCheck();
      const lines = output.split("\n");
      const expectLine = (pattern: RegExp) => expect(lines.some((line) => pattern.test(line))).toBe(true);

      expectLine(/^ok - tarball contains package\.json, dist\/index\.js, dist\/index\.d\.ts, LICENSE, CHANGELOG\.md and README\.md$/);
      expectLine(/^ok - tarball has no test files, no main\.js, no bench\/scripts, no \.ts sources other than \.d\.ts, no node_modules$/);
      expectLine(/^ok - package\.json main, types and exports targets are all in the tarball/);
      expectLine(/^ok - installed cdktf-aks-platform@\S+ from the tarball with peers .*cdktf@0\.21\.0/);
      expectLine(/^ok - consumer has one copy each of .*cdktf, constructs \(nothing under node_modules\/cdktf-aks-platform\/node_modules\)$/);
      expectLine(/^ok - every require\/import in the installed dist\/ .* resolves inside the package or to a declared peer$/);
      expectLine(/^ok - require\("cdktf-aks-platform"\) loads the installed tarball/);
      expectLine(/^ok - cdk\.tf\.json has azurerm_kubernetes_cluster\.\S+ /);
      expectLine(/^ok - cdk\.tf\.json has azurerm_kubernetes_cluster_node_pool\.\S+ with priority Spot/);
      expectLine(/^ok - a TypeScript consumer type-checks against node_modules\/cdktf-aks-platform\/dist\/index\.d\.ts/);
      expectLine(/^ok - node_modules\/\.bin\/cdktf-plan-review reviews the consumer's cdktf\.out \(exit 0, SARIF 2\.1\.0\) and exits 1 on a missing plan file$/);
      expectLine(/^ok - the README's setup block ran verbatim in an empty directory .*cdktf init's project .*noUnusedLocals\), TypeScript 5\.9\.\d+, cdktf-cli 0\.21\.0/);
      expectLine(/^ok - the README's main\.ts type-checks under cdktf init's tsconfig\.json \(strict, noUnusedLocals, noUnusedParameters\)/);
      expectLine(/^ok - the README's synth block ran verbatim \(npx cdktf synth, npm test\) .* has the cluster \(5 nodes\) and the spot pool/);
      expect(lines).toContain("consumer-check passed");
      expect(output).not.toMatch(/FAILED/);
    },
    600_000,
  );
});
