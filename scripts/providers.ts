import { spawnSync } from "child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { dirname, join } from "path";
import { PINNED_PROVIDERS, providerAddress } from "./terraform/pinned-providers";
import {
  BINDINGS_DIR,
  ProvidersSchema,
  SCHEMA_FILE,
  compileBindings,
  formatSchema,
  generateTypeScript,
  readCommittedBindings,
  readUsedTypes,
  trimSchema,
} from "./terraform/provider-bindings";
import { SourceUnavailableError, cacheRoot, ensureProviders, goPlatform, writeMirror } from "./terraform/provider-cache";
import { ensureTerraform, runTerraform } from "./terraform/terraform-cli";

/**
 * `npm run providers`: the provider bindings, from the pinned providers' own schemas.
 *
 * 1. Builds (or reuses) the pinned providers from the Go module proxy, as `npm run validate` does.
 * 2. `terraform providers schema -json` against the local mirror, trimmed to the types listed in
 *    `providers/used-types.json`, written to `providers/schema.json`.
 * 3. Generates TypeScript from that schema with cdktf's own generator, compiles it to JavaScript and
 *    declarations, and replaces `providers/<provider>/` with the result.
 *
 * `--from-schema` skips steps 1 and 2 (no Go, no Terraform: the committed schema is the input).
 * `--check` regenerates from the committed schema and compares with the committed bindings,
 * writing nothing: exit 1 names every file that differs.
 *
 * Exit 0 on success, 1 on a failure, 3 when a provider cannot be obtained on this machine (the
 * module and the proxy's answer are printed).
 */
const args = process.argv.slice(2);
const fromSchema = args.includes("--from-schema") || args.includes("--check");
const check = args.includes("--check");
const started = Date.now();
const log = (line: string): void => console.log(line);
const elapsed = (): string => `${((Date.now() - started) / 1000).toFixed(1)}s`;

async function fullSchema(): Promise<ProvidersSchema> {
  const root = cacheRoot();
  const terraform = await ensureTerraform(root, log);
  const builds = await ensureProviders(root, log, PINNED_PROVIDERS);
  const cliConfig = writeMirror(root, builds, goPlatform());
  const dir = mkdtempSync(join(tmpdir(), "provider-schema-"));
  try {
    const requiredProviders = Object.fromEntries(PINNED_PROVIDERS.map((p) => [p.name, { source: `${p.namespace}/${p.name}`, version: p.version }]));
    writeFileSync(join(dir, "main.tf.json"), JSON.stringify({ terraform: { required_providers: requiredProviders } }, null, 2));
    const init = await runTerraform(terraform, ["init", "-backend=false", "-input=false", "-no-color"], dir, cliConfig);
    if (!init.ok) throw new Error(`terraform init for the schema failed:\n${init.output}`);
    const out = spawnSync(terraform.path, ["providers", "schema", "-json"], {
      cwd: dir,
      encoding: "utf8",
      maxBuffer: 1 << 30,
      env: { ...process.env, TF_CLI_CONFIG_FILE: cliConfig, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" },
    });
    if (out.status !== 0) throw new Error(`terraform providers schema -json failed:\n${out.stderr}`);
    const schema = JSON.parse(out.stdout) as ProvidersSchema;
    for (const p of PINNED_PROVIDERS) {
      const s = schema.provider_schemas[providerAddress(p)];
      log(
        `schema of ${providerAddress(p)} ${p.version}: ${Object.keys(s?.resource_schemas ?? {}).length} resources, ` +
          `${Object.keys(s?.data_source_schemas ?? {}).length} data sources`,
      );
    }
    return schema;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Removes a provider folder's generated files (`*.js`, `*.d.ts`) and the folders they leave empty. */
function clearGenerated(dir: string): void {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      clearGenerated(path);
      if (readdirSync(path).length === 0) rmSync(path, { recursive: true });
    } else if (/\.(js|d\.ts)$/.test(entry)) rmSync(path);
  }
}

async function main(): Promise<void> {
  const used = readUsedTypes();
  let schema: ProvidersSchema;
  if (fromSchema) {
    schema = JSON.parse(readFileSync(SCHEMA_FILE, "utf8")) as ProvidersSchema;
    const trimmedAgain = trimSchema(schema, used);
    if (formatSchema(trimmedAgain) !== readFileSync(SCHEMA_FILE, "utf8")) {
      throw new Error(
        "providers/schema.json does not hold exactly the types of providers/used-types.json: run `npm run providers` " +
          "(a type added to the list needs the providers' full schema)",
      );
    }
  } else {
    schema = trimSchema(await fullSchema(), used);
    writeFileSync(SCHEMA_FILE, formatSchema(schema));
    log(`wrote providers/schema.json (${(Buffer.byteLength(formatSchema(schema)) / 1024).toFixed(0)} KiB) [${elapsed()}]`);
  }
  const sources = await generateTypeScript(schema);
  log(`generated ${sources.size} TypeScript files (${[...sources.values()].reduce((n, s) => n + s.split("\n").length, 0)} lines) [${elapsed()}]`);
  const compiled = compileBindings(sources);
  const bytes = [...compiled.values()].reduce((n, s) => n + Buffer.byteLength(s), 0);
  log(`compiled to ${compiled.size} files (${(bytes / 1024 / 1024).toFixed(1)} MiB of JavaScript and declarations) [${elapsed()}]`);

  if (check) {
    const committed = readCommittedBindings();
    const differ = [...new Set([...compiled.keys(), ...committed.keys()])].filter((f) => compiled.get(f) !== committed.get(f)).sort();
    if (differ.length > 0) {
      console.error(`providers: ${differ.length} committed binding files differ from what providers/schema.json generates:\n  ${differ.slice(0, 40).join("\n  ")}`);
      process.exit(1);
    }
    log(`the committed bindings are exactly what providers/schema.json generates [${elapsed()}]`);
    return;
  }
  for (const name of Object.keys(schema.provider_schemas).map((a) => a.split("/").pop() as string)) {
    const dir = join(BINDINGS_DIR, name);
    mkdirSync(dir, { recursive: true });
    clearGenerated(dir);
  }
  for (const [rel, text] of compiled) {
    const path = join(BINDINGS_DIR, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  log(`wrote providers/<provider>/ [${elapsed()}]`);
}

main().catch((e: unknown) => {
  if (e instanceof SourceUnavailableError) {
    console.error(`providers: BLOCKED: a pinned provider cannot be obtained on this machine.\n${e.message}`);
    process.exit(3);
  }
  console.error(`providers: ${(e as Error).stack ?? String(e)}`);
  process.exit(1);
});
