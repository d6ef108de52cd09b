import { readFileSync, readdirSync } from "fs";
import { join } from "path";
import { Construct } from "constructs";
import { App, TerraformDataSource, TerraformOutput, TerraformProvider, TerraformResource, TerraformStack } from "cdktf";
import { synthAndReport } from "./synth-and-report";

/**
 * The floor for the full app: raw cdktf writing the app's own synthesized output again, with no
 * provider bindings, constructs, aspects, policy packs or cost guardrail. Every provider, resource,
 * data source and output of every stack becomes a generic cdktf element of the same type and name
 * whose configuration is the written JSON (as overrides), so the counts and the bytes are the
 * app's. The parent synthesizes the app once and names the directory in `BENCH_REPLAY_SOURCE`.
 * Reading that JSON is part of this child's time, so the floor it gives is slightly high.
 */
const SOURCE_ENV = "BENCH_REPLAY_SOURCE";

type Block = Record<string, unknown>;

interface StackJson {
  readonly terraform?: { readonly required_providers?: Record<string, { source?: string; version?: string }>; readonly backend?: Block };
  readonly provider?: Record<string, Block[]>;
  readonly resource?: Record<string, Record<string, Block>>;
  readonly data?: Record<string, Record<string, Block>>;
  readonly output?: Record<string, { value: unknown; sensitive?: boolean }>;
}

class ReplayProvider extends TerraformProvider {
  constructor(scope: Construct, id: string, type: string, source: string | undefined, version: string | undefined) {
    super(scope, id, {
      terraformResourceType: type,
      terraformGeneratorMetadata: { providerName: type, providerVersion: version },
      terraformProviderSource: source,
    });
  }
}

function override(element: TerraformResource | TerraformDataSource | TerraformProvider, config: Block): void {
  for (const [key, value] of Object.entries(config)) if (key !== "//") element.addOverride(key, value);
}

function replayStack(app: App, name: string, json: StackJson): void {
  const stack = new TerraformStack(app, name);
  if (json.terraform?.backend) stack.addOverride("terraform.backend", json.terraform.backend);
  for (const [type, configs] of Object.entries(json.provider ?? {})) {
    const required = json.terraform?.required_providers?.[type];
    configs.forEach((config, i) => override(new ReplayProvider(stack, `${type}-${i}`, type, required?.source, required?.version), config));
  }
  for (const [type, byName] of Object.entries(json.resource ?? {})) {
    for (const [id, config] of Object.entries(byName)) override(new TerraformResource(stack, id, { terraformResourceType: type }), config);
  }
  for (const [type, byName] of Object.entries(json.data ?? {})) {
    for (const [id, config] of Object.entries(byName)) override(new TerraformDataSource(stack, id, { terraformResourceType: type }), config);
  }
  for (const [id, output] of Object.entries(json.output ?? {})) new TerraformOutput(stack, id, { value: output.value, sensitive: output.sensitive });
}

const source = process.env[SOURCE_ENV];
if (!source) throw new Error(`${SOURCE_ENV}: expected the synthesized app to replay; run this script through npm run bench`);
synthAndReport((app) => {
  const stacksDir = join(source, "stacks");
  for (const name of readdirSync(stacksDir).sort()) {
    replayStack(app, name, JSON.parse(readFileSync(join(stacksDir, name, "cdk.tf.json"), "utf8")) as StackJson);
  }
});
