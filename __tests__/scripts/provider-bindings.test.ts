import { readFileSync, readdirSync, statSync } from "fs";
import { join, relative } from "path";
import { PINNED_PROVIDERS, providerAddress } from "../../scripts/terraform/pinned-providers";
import {
  BINDINGS_DIR,
  GENERATED_HEADER,
  ProvidersSchema,
  SCHEMA_FILE,
  bindingFolder,
  bindingOfImport,
  compileBindings,
  formatSchema,
  generateTypeScript,
  readCommittedBindings,
  readUsedTypes,
  trimSchema,
} from "../../scripts/terraform/provider-bindings";

const ROOT = join(__dirname, "..", "..");
const SOURCE_DIRS = ["tiers", "constructs", "stacks", "policies", "cost", "review", "scripts", "bench", "examples", "__tests__"];

function sourceFiles(): string[] {
  const out: string[] = ["main.ts", "index.ts"].map((f) => join(ROOT, f));
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      if (entry === "node_modules" || entry === "cdktf.out" || entry === "__snapshots__") continue;
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry.endsWith(".ts")) out.push(path);
    }
  };
  SOURCE_DIRS.forEach((d) => walk(join(ROOT, d)));
  return out;
}

/** Binding folders (`azurerm/subnet`) the code imports, with the first file that does. */
function importedBindings(): Map<string, string> {
  const imported = new Map<string, string>();
  for (const file of sourceFiles()) {
    for (const m of readFileSync(file, "utf8").matchAll(/(?:from|require\()\s*"([^"]+)"/g)) {
      const binding = bindingOfImport(m[1]);
      if (binding && !imported.has(binding.folder)) imported.set(binding.folder, relative(ROOT, file));
    }
  }
  return imported;
}

const schema = JSON.parse(readFileSync(SCHEMA_FILE, "utf8")) as ProvidersSchema;
const used = readUsedTypes();

describe("provider bindings", () => {
  test("the code imports exactly the types providers/used-types.json lists (and each provider's configuration)", () => {
    const listed = new Set<string>();
    for (const [provider, types] of Object.entries(used)) {
      types.resources.forEach((t) => listed.add(bindingFolder(provider, t, "resource")));
      types.dataSources.forEach((t) => listed.add(bindingFolder(provider, t, "dataSource")));
    }
    const imported = importedBindings();
    const unlisted = [...imported].filter(([folder]) => !folder.endsWith("/provider") && !listed.has(folder)).map(([f, file]) => `${f} (imported by ${file})`);
    const unused = [...listed].filter((folder) => !imported.has(folder));
    expect({ unlisted, unused }).toEqual({ unlisted: [], unused: [] });
    // The three providers' configuration bindings are all used too.
    expect(PINNED_PROVIDERS.map((p) => `${p.name}/provider`).filter((f) => !imported.has(f))).toEqual([]);
  });

  test("the committed schema holds exactly the listed types, in its committed form", () => {
    expect(formatSchema(trimSchema(schema, used))).toBe(readFileSync(SCHEMA_FILE, "utf8"));
    for (const p of PINNED_PROVIDERS) {
      expect(schema.provider_versions?.[providerAddress(p)]).toBe(p.version);
      const own = schema.provider_schemas[providerAddress(p)];
      expect(Object.keys(own.resource_schemas ?? {}).sort()).toEqual([...used[p.name].resources].sort());
      expect(Object.keys(own.data_source_schemas ?? {}).sort()).toEqual([...used[p.name].dataSources].sort());
    }
  });

  test("fails on a listed type the providers lack, naming it", () => {
    const bad = { ...used, azurerm: { ...used.azurerm, resources: [...used.azurerm.resources, "azurerm_no_such_thing"] } };
    expect(() => trimSchema(schema, bad)).toThrow(
      "providers/used-types.json lists types the pinned providers lack:\n  registry.terraform.io/hashicorp/azurerm has no resource azurerm_no_such_thing",
    );
  });

  test("regenerating the bindings from the committed schema changes nothing", async () => {
    const compiled = compileBindings(await generateTypeScript(schema));
    const committed = readCommittedBindings();
    expect([...compiled.keys()]).toEqual([...committed.keys()]);
    const differ = [...compiled.keys()].filter((f) => compiled.get(f) !== committed.get(f));
    expect(differ).toEqual([]);
    for (const text of committed.values()) expect(text.startsWith(`${GENERATED_HEADER}\n`)).toBe(true);
  }, 300_000);

  test("the bindings pin each provider's source and exact version into required_providers", () => {
    for (const p of PINNED_PROVIDERS) {
      const js = readFileSync(join(BINDINGS_DIR, p.name, "provider", "index.js"), "utf8");
      expect(js).toContain(`providerVersionConstraint: '${p.version}'`);
      expect(js).toContain(`terraformProviderSource: '${p.namespace}/${p.name}'`);
    }
  });
});
