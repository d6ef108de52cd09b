import { spawnSync } from "child_process";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { ACTIONLINT, actionlintDir, reusable } from "../../scripts/ci/actionlint";
import {
  CdktfManifest,
  PlanOutcome,
  dependencyLevels,
  digestManifest,
  driftActions,
  driftTitle,
  planOutcome,
  sha256,
  stacksOf,
  verifyPlans,
} from "../../scripts/ci/deploy-plan";

const entry = (name: string, dependencies: string[] = []) => ({ name, dependencies, workingDirectory: `stacks/${name}` });

/** The eleven stacks and their cross-stack reads, as cdktf writes them to manifest.json. */
const MANIFEST: CdktfManifest = {
  stacks: Object.fromEntries(
    [
      entry("dev"),
      entry("staging"),
      entry("small-prod"),
      entry("small-prod-workloads", ["small-prod"]),
      entry("enterprise-global"),
      ...["eastus", "westeurope", "southeastasia"].flatMap((r) => [entry(`enterprise-${r}`, ["enterprise-global"]), entry(`enterprise-${r}-workloads`, [`enterprise-${r}`])]),
    ].map((s) => [s.name, s]),
  ),
};

describe("stacks per environment, in dependency order", () => {
  test("staging is one level; small-prod two; enterprise three (global, regions, workloads)", () => {
    expect(dependencyLevels(MANIFEST, "staging")).toEqual([["staging"]]);
    expect(dependencyLevels(MANIFEST, "small-prod")).toEqual([["small-prod"], ["small-prod-workloads"]]);
    expect(dependencyLevels(MANIFEST, "enterprise")).toEqual([
      ["enterprise-global"],
      ["enterprise-eastus", "enterprise-southeastasia", "enterprise-westeurope"],
      ["enterprise-eastus-workloads", "enterprise-southeastasia-workloads", "enterprise-westeurope-workloads"],
    ]);
  });

  test("dev is deployed by no environment", () => {
    for (const env of ["staging", "small-prod", "enterprise"]) expect(stacksOf(MANIFEST, env)).not.toContain("dev");
  });

  test("matches the app's real manifest", () => {
    const out = mkdtempSync(join(tmpdir(), "ci-manifest-"));
    const run = spawnSync(process.execPath, ["-r", "./scripts/ts-register.js", "scripts/synth.ts"], { env: { ...process.env, CDKTF_OUTDIR: out }, encoding: "utf8" });
    expect(run.status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as CdktfManifest;
    for (const env of ["staging", "small-prod", "enterprise"]) expect(dependencyLevels(manifest, env)).toEqual(dependencyLevels(MANIFEST, env));
    // The clusters whose Front Door connections the deploy approves after their workloads stack.
    const edge = (env: string) =>
      spawnSync(process.execPath, ["-r", "./scripts/ts-register.js", "scripts/ci/stacks.ts", "edge-clusters", env], { env: { ...process.env, CDKTF_OUTDIR: out }, encoding: "utf8" }).stdout;
    expect(edge("small-prod")).toBe("omega-small-prod omega-aks-small-prod\n");
    expect(edge("enterprise").trim().split("\n").sort()).toEqual(
      ["eastus", "southeastasia", "westeurope"].map((r) => `omega-enterprise-${r} omega-aks-enterprise-${r}`),
    );
    expect(edge("staging")).toBe("");
  });

  test("fails on an unknown environment", () => {
    expect(() => stacksOf(MANIFEST, "prod")).toThrow('unknown environment "prod": expected one of staging, small-prod, enterprise');
  });

  test("fails on a stack that reads a stack of another environment", () => {
    const crossed: CdktfManifest = { stacks: { ...MANIFEST.stacks, "small-prod": entry("small-prod", ["enterprise-global"]) } };
    expect(() => dependencyLevels(crossed, "small-prod")).toThrow("stack small-prod reads enterprise-global, outside environment small-prod");
  });

  test("fails on a cycle", () => {
    const cyclic: CdktfManifest = { stacks: { staging: entry("staging", ["staging"]) } };
    expect(() => dependencyLevels(cyclic, "staging")).toThrow("dependency cycle: staging -> staging");
  });
});

describe("applying exactly the reviewed plans", () => {
  const plans = new Map([
    ["small-prod.tfplan", Buffer.from("plan one")],
    ["small-prod-workloads.tfplan", Buffer.from("plan two")],
  ]);
  const manifest = digestManifest(plans);
  const digest = sha256(manifest);

  test("the manifest is sha256sum's format, sorted by file", () => {
    expect(manifest).toBe(`${sha256("plan two")}  small-prod-workloads.tfplan\n${sha256("plan one")}  small-prod.tfplan\n`);
  });

  test("the same bytes under the reviewed digest pass", () => {
    expect(verifyPlans(manifest, digest, plans)).toEqual([]);
  });

  test("fails on a plan changed after review, a missing one, an extra one and another manifest", () => {
    const changed = new Map<string, Buffer | undefined>([
      ["small-prod.tfplan", Buffer.from("plan one, edited")],
      ["small-prod-workloads.tfplan", undefined],
      ["enterprise-global.tfplan", Buffer.from("x")],
    ]);
    expect(verifyPlans(manifest, sha256("another manifest"), changed)).toEqual([
      `the plan manifest's sha256 is ${digest}, not the reviewed ${sha256("another manifest")}`,
      "small-prod-workloads.tfplan: listed in the manifest but missing",
      `small-prod.tfplan: sha256 ${sha256("plan one, edited")}, reviewed ${sha256("plan one")}`,
      "enterprise-global.tfplan: not in the reviewed manifest",
    ]);
  });
});

describe("drift issues", () => {
  test("terraform plan -detailed-exitcode: 0 clean, 2 changes, else an error", () => {
    expect([0, 2, 1, 127].map(planOutcome)).toEqual([PlanOutcome.NO_CHANGES, PlanOutcome.CHANGES, PlanOutcome.ERROR, PlanOutcome.ERROR]);
  });

  test("opens one per newly drifted stack, comments on a still drifted one, closes a clean one; a failed plan is never closed", () => {
    const results = new Map([
      ["staging", PlanOutcome.CHANGES],
      ["small-prod", PlanOutcome.NO_CHANGES],
      ["small-prod-workloads", PlanOutcome.CHANGES],
      ["enterprise-global", PlanOutcome.ERROR],
      ["enterprise-eastus", PlanOutcome.NO_CHANGES],
    ]);
    const open = [
      { number: 7, title: driftTitle("small-prod") },
      { number: 8, title: driftTitle("small-prod-workloads") },
      { number: 9, title: "something else" },
    ];
    expect(driftActions(results, open)).toEqual([
      { kind: "open", stack: "enterprise-global", title: "Drift: stack enterprise-global differs from its configuration" },
      { kind: "close", stack: "small-prod", number: 7 },
      { kind: "update", stack: "small-prod-workloads", number: 8 },
      { kind: "open", stack: "staging", title: "Drift: stack staging differs from its configuration" },
    ]);
  });
});

describe("actionlint from the Go module proxy", () => {
  test("cached per version beside the providers, reused only for the same module and version", () => {
    expect(actionlintDir("/cache")).toBe(`/cache/tools/actionlint/${ACTIONLINT.version.slice(1)}`);
    expect(reusable({ module: ACTIONLINT.module, version: ACTIONLINT.version }, true)).toBe(true);
    expect(reusable({ module: ACTIONLINT.module, version: "v1.7.7" }, true)).toBe(false);
    expect(reusable({ module: ACTIONLINT.module, version: ACTIONLINT.version }, false)).toBe(false);
    expect(reusable(undefined, true)).toBe(false);
  });
});

describe("the workflows stay thin", () => {
  const workflows = readdirSync(".github/workflows").map((f) => [f, readFileSync(join(".github/workflows", f), "utf8")] as const);

  test("every multi-line run step is a script call: no shell logic in YAML", () => {
    for (const [file, text] of workflows) expect([file, /run: \|/.test(text)]).toEqual([file, false]);
  });

  test("deploys are never cancelled in progress and each environment has its own group", () => {
    const deploy = readFileSync(".github/workflows/deploy.yml", "utf8");
    for (const env of ["staging", "small-prod", "enterprise"]) expect(deploy).toContain(`group: deploy-${env}\n      cancel-in-progress: false`);
    expect(deploy).not.toContain("cancel-in-progress: true");
  });

  test("apply jobs run in the environment with reviewers and apply by the digest their plan job output", () => {
    const text = readFileSync(".github/workflows/deploy-environment.yml", "utf8");
    for (const level of [0, 1, 2]) {
      expect(text).toContain(`  apply-${level}:\n    needs: plan-${level}\n`);
      expect(text).toContain(`stacks.ts apply "\${{ inputs.environment }}" ${level} plans "\${{ needs.plan-${level}.outputs.digest }}"`);
    }
    expect(text.match(/environment: \$\{\{ inputs\.environment \}\}\n/g)).toHaveLength(3);
    expect(text.match(/environment: \$\{\{ inputs\.environment \}\}-plan\n/g)).toHaveLength(3);
  });

  test("the federated token script refuses to run without a token source", () => {
    const dir = mkdtempSync(join(tmpdir(), "fed-"));
    writeFileSync(join(dir, "x"), "");
    const run = spawnSync("bash", ["scripts/ci/federated-token.sh", "once"], {
      env: { PATH: process.env.PATH, AZURE_FEDERATED_TOKEN_FILE: join(dir, "token") },
      encoding: "utf8",
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("the job needs permissions: id-token: write");
  });

  test("the Private Link approval script needs the cluster and approves only the platform's own requests", () => {
    const run = spawnSync("bash", ["scripts/ci/approve-edge-private-links.sh"], { env: { PATH: process.env.PATH }, encoding: "utf8" });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("usage: approve-edge-private-links.sh <cluster resource group> <cluster name> [wait seconds]");
    const text = readFileSync("scripts/ci/approve-edge-private-links.sh", "utf8");
    // The request message FrontDoorPrivateLinkOrigin sends by default.
    expect(text).toContain('"Front Door "*": approve for the platform edge")');
    expect(text).toContain("--connection-status Approved");
  });
});

describe("issue 23: what CI plans, and with whom", () => {
  test("pull requests plan staging only, in staging-plan, with the plan identity; every level of it", () => {
    const pr = readFileSync(".github/workflows/pull-request.yml", "utf8");
    expect(pr.match(/environment: /g)).toHaveLength(1);
    expect(pr).toContain("    environment: staging-plan\n");
    expect(pr).toContain('scripts/ci/stacks.ts plan-all staging plans');
    // Comments may name the production environments; no line of YAML does.
    const yaml = pr.split("\n").filter((l) => !l.trim().startsWith("#")).join("\n");
    expect(yaml).not.toMatch(/small-prod|enterprise/);
    expect(pr).toContain("ARM_CLIENT_ID: ${{ vars.AZURE_PLAN_CLIENT_ID }}");
  });

  test("the deploy's plan jobs log in as the plan identity, its apply jobs as the deploy identity", () => {
    const text = readFileSync(".github/workflows/deploy-environment.yml", "utf8");
    for (const level of [0, 1, 2]) {
      const plan = text.slice(text.indexOf(`  plan-${level}:`), text.indexOf(`  apply-${level}:`));
      const apply = text.slice(text.indexOf(`  apply-${level}:`), level < 2 ? text.indexOf(`  plan-${level + 1}:`) : undefined);
      expect(plan).toContain("ARM_CLIENT_ID: ${{ vars.AZURE_PLAN_CLIENT_ID }}");
      expect(plan).not.toContain("vars.AZURE_CLIENT_ID");
      expect(plan).not.toContain("secrets.");
      expect(apply).toContain("ARM_CLIENT_ID: ${{ vars.AZURE_CLIENT_ID }}");
      expect(apply).toContain("OMEGA_PLAN_DECRYPTION_KEY: ${{ secrets.OMEGA_PLAN_DECRYPTION_KEY }}");
    }
  });

  test("plans take no state lock (a reader cannot); applies do", () => {
    const source = readFileSync("scripts/ci/stacks.ts", "utf8");
    expect(source).toContain('["plan", "-input=false", "-no-color", "-lock=false", "-detailed-exitcode", `-out=${planFile}`]');
    expect(source).toContain('["apply", "-input=false", "-no-color", "-lock-timeout=10m", planFile]');
  });

  test("a workloads plan waits for a CRD a cluster add-on is still installing, and only for that", () => {
    const { MISSING_CRD } = require("../../scripts/ci/stacks") as { MISSING_CRD: RegExp };
    expect(MISSING_CRD.test('Error: API did not recognize GroupVersionKind from manifest (CRD may not be installed)')).toBe(true);
    expect(MISSING_CRD.test('no matches for kind "ScaledObject" in version "keda.sh/v1alpha1"')).toBe(true);
    expect(MISSING_CRD.test("Error: building AzureRM Client: obtain subscription() from Azure CLI: parsing json result")).toBe(false);
  });
});
