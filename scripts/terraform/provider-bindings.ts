import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "fs";
import { tmpdir } from "os";
import { join, relative, sep } from "path";
import * as ts from "typescript";
import { PINNED_PROVIDERS, PinnedProvider, providerAddress } from "./pinned-providers";

/**
 * The provider bindings of the library: the Terraform types it uses (`providers/used-types.json`,
 * kept by hand), their schemas trimmed from what the pinned providers report
 * (`providers/schema.json`), and the TypeScript bindings cdktf's own generator writes from that
 * trimmed schema, committed compiled (`providers/<provider>/<type>/index.js` and `index.d.ts`).
 *
 * Compiled rather than as TypeScript sources: the type-check of `npm test` and the synthesis
 * loader then never read the generated sources, and the package ships them as they are.
 */

/** The root of the committed bindings. */
export const BINDINGS_DIR = join(__dirname, "..", "..", "providers");
export const USED_TYPES_FILE = join(BINDINGS_DIR, "used-types.json");
export const SCHEMA_FILE = join(BINDINGS_DIR, "schema.json");

/** Per provider, the resource and data-source types the library uses. */
export type UsedTypes = Readonly<Record<string, { readonly resources: readonly string[]; readonly dataSources: readonly string[] }>>;

interface BlockSchema {
  readonly [key: string]: unknown;
}
interface OneProviderSchema {
  readonly provider?: BlockSchema;
  readonly resource_schemas?: Readonly<Record<string, BlockSchema>>;
  readonly data_source_schemas?: Readonly<Record<string, BlockSchema>>;
  readonly [key: string]: unknown;
}
/** `terraform providers schema -json`, and the trimmed form with the versions the generator reads. */
export interface ProvidersSchema {
  readonly format_version: string;
  readonly provider_schemas: Readonly<Record<string, OneProviderSchema>>;
  readonly provider_versions?: Readonly<Record<string, string>>;
}

export function readUsedTypes(file = USED_TYPES_FILE): UsedTypes {
  return JSON.parse(readFileSync(file, "utf8")) as UsedTypes;
}

function sortedRecord<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  return Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Keeps, of each pinned provider, its configuration schema and the listed types; everything else
 * (the other ~1,200 azurerm resources, functions, ephemeral and list resources) is dropped. A
 * listed type the provider does not have is an error naming it.
 */
export function trimSchema(full: ProvidersSchema, used: UsedTypes, providers: readonly PinnedProvider[] = PINNED_PROVIDERS): ProvidersSchema {
  const schemas: [string, OneProviderSchema][] = [];
  const versions: [string, string][] = [];
  const missing: string[] = [];
  for (const name of Object.keys(used).sort()) {
    const pinned = providers.find((p) => p.name === name);
    if (pinned === undefined) throw new Error(`providers/used-types.json lists provider ${name}, which scripts/terraform/pinned-providers.ts does not pin`);
    const address = providerAddress(pinned);
    const schema = full.provider_schemas[address];
    if (schema === undefined) throw new Error(`the schema has no provider ${address}`);
    const pick = (kind: "resource_schemas" | "data_source_schemas", types: readonly string[]): Record<string, BlockSchema> =>
      sortedRecord(
        types.map((t) => {
          const s = schema[kind]?.[t];
          if (s === undefined) missing.push(`${address} has no ${kind === "resource_schemas" ? "resource" : "data source"} ${t}`);
          return [t, s as BlockSchema] as const;
        }),
      );
    schemas.push([
      address,
      {
        provider: schema.provider,
        resource_schemas: pick("resource_schemas", used[name].resources),
        data_source_schemas: pick("data_source_schemas", used[name].dataSources),
      },
    ]);
    versions.push([address, pinned.version]);
  }
  if (missing.length > 0) throw new Error(`providers/used-types.json lists types the pinned providers lack:\n  ${missing.join("\n  ")}`);
  return { format_version: full.format_version, provider_schemas: sortedRecord(schemas), provider_versions: sortedRecord(versions) };
}

/** The trimmed schema as committed: stable key order, one trailing newline. */
export function formatSchema(schema: ProvidersSchema): string {
  return `${JSON.stringify(schema, null, 1)}\n`;
}

function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(path);
    }
  };
  walk(root);
  return out;
}

/**
 * The generated TypeScript, by path under `providers/` (`azurerm/subnet/index.ts`, ...), from
 * cdktf's own `TerraformProviderGenerator` with each provider pinned to its exact version (what
 * the bindings write into `required_providers`). The generator's barrels (`index.ts`,
 * `lazy-index.ts`) and per-type READMEs are left out: the library imports one type per module.
 */
export async function generateTypeScript(schema: ProvidersSchema): Promise<Map<string, string>> {
  // Loaded here, not at the top: only generation needs cdktf's generator. @cdktf/commons runs
  // `terraform version` as it loads, which complains on stderr when the user has no ~/.terraformrc;
  // the generator needs no CLI configuration.
  const cliConfig = process.env.TF_CLI_CONFIG_FILE;
  process.env.TF_CLI_CONFIG_FILE = "/dev/null";
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const generator = require("@cdktf/provider-generator") as typeof import("@cdktf/provider-generator");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const commons = require("@cdktf/commons") as typeof import("@cdktf/commons");
  if (cliConfig === undefined) delete process.env.TF_CLI_CONFIG_FILE;
  else process.env.TF_CLI_CONFIG_FILE = cliConfig;
  const code = new generator.CodeMaker();
  for (const address of Object.keys(schema.provider_schemas)) {
    const pinned = PINNED_PROVIDERS.find((p) => providerAddress(p) === address) as PinnedProvider;
    const constraint = new commons.TerraformProviderConstraint(`${pinned.namespace}/${pinned.name}@${pinned.version}`);
    // One generator per provider, as `cdktf get` does: a generator caches parsed types by name,
    // and every provider's configuration type is named "provider".
    const providerGenerator = new generator.TerraformProviderGenerator(code, schema as unknown as import("@cdktf/commons").ProviderSchema);
    providerGenerator.generate(new commons.ConstructsMakerProviderTarget(constraint, commons.LANGUAGES[0]));
  }
  const staging = mkdtempSync(join(tmpdir(), "provider-bindings-"));
  try {
    await code.save(staging);
    const root = join(staging, "providers");
    const files = new Map<string, string>();
    for (const path of listFiles(root)) {
      const rel = relative(root, path).split(sep).join("/");
      if (/^[^/]+\/(index|lazy-index)\.ts$/.test(rel) || rel.endsWith("/README.md")) continue;
      files.set(rel, readFileSync(path, "utf8"));
    }
    return files;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

const COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  declaration: true,
  // The generator's output type-checks (cdktf's own tests check it); emitting without a check
  // keeps regeneration to seconds. Declarations are still derived from the sources' types.
  noCheck: true,
  skipLibCheck: true,
  strict: true,
  esModuleInterop: true,
  newLine: ts.NewLineKind.LineFeed,
  removeComments: false,
  sourceMap: false,
  types: [],
  lib: ["lib.es2022.d.ts"],
};

/**
 * Compiles the generated TypeScript to CommonJS and declarations, by path under `providers/`.
 * Each output starts with a line that says it is generated and how to regenerate it.
 */
export function compileBindings(sources: ReadonlyMap<string, string>, rootDir = BINDINGS_DIR): Map<string, string> {
  const byAbsolute = new Map([...sources].map(([rel, text]) => [join(rootDir, rel), text]));
  const host = ts.createCompilerHost(COMPILER_OPTIONS, true);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (f) => byAbsolute.get(f) ?? readFile(f);
  host.fileExists = (f) => byAbsolute.has(f) || fileExists(f);
  host.getSourceFile = (f, lang, onError, create) => {
    const text = byAbsolute.get(f);
    return text !== undefined ? ts.createSourceFile(f, text, lang, true) : getSourceFile(f, lang, onError, create);
  };
  const out = new Map<string, string>();
  host.writeFile = (f, text) => {
    out.set(relative(rootDir, f).split(sep).join("/"), `${GENERATED_HEADER}\n${text.endsWith("\n") ? text : `${text}\n`}`);
  };
  const program = ts.createProgram({ rootNames: [...byAbsolute.keys()], options: { ...COMPILER_OPTIONS, rootDir, outDir: rootDir }, host });
  const emitted = program.emit();
  const errors = emitted.diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) throw new Error(ts.formatDiagnostics(errors, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => rootDir, getNewLine: () => "\n" }));
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
}

export const GENERATED_HEADER = "// Generated by `npm run providers` from providers/schema.json with @cdktf/provider-generator; do not edit.";

/** The committed bindings (`*.js`, `*.d.ts` under each provider's folder), by path under `providers/`. */
export function readCommittedBindings(rootDir = BINDINGS_DIR): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of readdirSync(rootDir).sort()) {
    const dir = join(rootDir, name);
    if (!statSync(dir).isDirectory()) continue;
    for (const path of listFiles(dir)) {
      if (!/\.(js|d\.ts)$/.test(path)) continue;
      files.set(relative(rootDir, path).split(sep).join("/"), readFileSync(path, "utf8"));
    }
  }
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The folder of a type's binding under `providers/<provider>/`, as the generator names it. */
export function bindingFolder(provider: string, type: string, kind: "resource" | "dataSource"): string {
  const bare = type.startsWith(`${provider}_`) ? type.slice(provider.length + 1) : type;
  return `${provider}/${kind === "dataSource" ? `data-${provider}-` : ""}${bare.replace(/_/g, "-")}`;
}

/** The provider and folder an import specifier of a binding names, or undefined for other imports. */
export function bindingOfImport(specifier: string): { provider: string; folder: string } | undefined {
  const m = /(?:^|\/)providers\/([a-z0-9]+)\/([a-z0-9-]+)$/.exec(specifier);
  return m ? { provider: m[1], folder: `${m[1]}/${m[2]}` } : undefined;
}
