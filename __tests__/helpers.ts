import { mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { App, TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import { PLATFORM_NAME_CONTEXT_KEY } from "../constructs/platform-name";

/** Synthesized Terraform JSON of one stack. */
export interface SynthJson {
  readonly provider?: Record<string, Record<string, unknown>[]>;
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
  readonly output?: Record<string, Record<string, unknown>>;
  readonly variable?: Record<string, Record<string, unknown>>;
  readonly terraform?: Record<string, unknown>;
}

export function synthJson(stack: TerraformStack): SynthJson {
  return JSON.parse(Testing.synth(stack)) as SynthJson;
}

/**
 * A fresh test app and stack, for constructs that need a scope. The app names the platform "omega",
 * as the reference app does, unless `platformName` says otherwise (`null`: no name set).
 */
export function testStack(id = "test", platformName: string | null = "omega"): { app: App; stack: TerraformStack } {
  const app = Testing.app(platformName === null ? {} : { context: { [PLATFORM_NAME_CONTEXT_KEY]: platformName } });
  return { app, stack: new TerraformStack(app, id) };
}

/** Builds constructs in a stack of a test app that names the platform "omega" and returns the synthesized JSON. */
export function synthScope(build: (scope: Construct) => void): SynthJson {
  // "stack", the id Testing.synthScope gives its stack.
  const { stack } = testStack("stack");
  build(stack);
  return synthJson(stack);
}

/** All resources of a type, without the cdktf metadata. */
export function resourcesOf(json: SynthJson, type: string): Record<string, unknown>[] {
  return Object.values(json.resource?.[type] ?? {}).map((r) => {
    const { ["//"]: _meta, ...rest } = r;
    return rest;
  });
}

/** The single resource of a type; fails the test if there is not exactly one. */
export function onlyResource(json: SynthJson, type: string): Record<string, any> {
  const all = resourcesOf(json, type);
  if (all.length !== 1) throw new Error(`expected exactly one ${type}, found ${all.length}`);
  return all[0] as Record<string, any>;
}

/** Number of resources in a synthesized stack. */
export function resourceCount(json: SynthJson): number {
  return Object.values(json.resource ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0);
}

/**
 * Synthesizes a whole app the way `cdktf synth` does (cross-stack references become remote-state
 * lookups) into a temporary directory, and returns each stack's JSON by stack name.
 */
export function synthApp(build: (app: App) => void): Map<string, SynthJson> {
  const outdir = mkdtempSync(join(tmpdir(), "cdktf-aks-platform-test-"));
  try {
    const app = new App({ outdir, stackTraces: false });
    build(app);
    app.synth();
    return new Map(
      app.node.children.map((s) => [
        s.node.id,
        JSON.parse(readFileSync(join(outdir, "stacks", s.node.id, "cdk.tf.json"), "utf8")) as SynthJson,
      ]),
    );
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
