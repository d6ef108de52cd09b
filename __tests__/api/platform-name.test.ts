import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { App, TerraformStack, Testing } from "cdktf";
import { AzurermProvider } from "../../providers/azurerm/provider";
import { CosmosMongoAccount } from "../../constructs/cosmos-mongo-account";
import { LocalDataLayer } from "../../constructs/local-data-layer";
import { PlatformBlobStorage } from "../../constructs/platform-blob-storage";
import { PlatformNames, PLATFORM_NAME_CONTEXT_KEY, setPlatformName } from "../../constructs/platform-name";
import { PlatformNamespaces } from "../../constructs/platform-namespaces";
import { PlatformRedisCache } from "../../constructs/platform-redis-cache";
import { writePolicyReport } from "../../policies/policy-report";
import { buildPlatform } from "../../stacks/platform-app";
import { onlyResource, resourcesOf, synthJson } from "../helpers";

/** Every file `app.synth()` (and the policy report) writes, as text, by path relative to the outdir. */
function synthesizeAll(build: (app: App) => void): Map<string, string> {
  const outdir = mkdtempSync(join(tmpdir(), "platform-name-"));
  try {
    const app = new App({ outdir, stackTraces: false });
    build(app);
    try {
      app.synth();
    } finally {
      writePolicyReport(app);
    }
    const files = new Map<string, string>();
    const walk = (dir: string, rel: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path, `${rel}${name}/`);
        else files.set(`${rel}${name}`, readFileSync(path, "utf8"));
      }
    };
    walk(outdir, "");
    return files;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

function linesWith(files: Map<string, string>, pattern: RegExp): string[] {
  return [...files].flatMap(([path, text]) =>
    text
      .split("\n")
      .filter((line) => pattern.test(line))
      .map((line) => `${path}: ${line.trim()}`),
  );
}

describe("a platform of one's own name", () => {
  // The whole reference platform, eleven stacks, under a consumer's name.
  const files = synthesizeAll((app) => buildPlatform(app, { platformName: "acme" }));
  const stack = (name: string) => JSON.parse(files.get(`stacks/${name}/cdk.tf.json`) ?? "null");

  test('buildPlatform with platformName "acme" writes no "omega" anywhere: stacks, manifest, policy report', () => {
    expect([...files.keys()].filter((f) => f.endsWith("cdk.tf.json"))).toHaveLength(11);
    expect(files.has("manifest.json")).toBe(true);
    expect(files.has("policy-report.json")).toBe(true);
    expect(linesWith(files, /omega/i)).toEqual([]);
  });

  test("the consumer's name is where the reference app's was: resource names, database, Secret, labels, tags, images", () => {
    const smallProd = stack("small-prod");
    expect(onlyResource(smallProd, "azurerm_resource_group").name).toBe("acme-small-prod");
    expect(onlyResource(smallProd, "azurerm_kubernetes_cluster").name).toBe("acme-aks-small-prod");
    expect(onlyResource(smallProd, "azurerm_redis_cache").name).toMatch(/^acme-small-prod-redis-[0-9a-f]{6}$/);
    expect(onlyResource(smallProd, "azurerm_cosmosdb_mongo_database").name).toBe("acme");
    expect(onlyResource(smallProd, "azurerm_resource_group").tags).toMatchObject({ "cost-center": "acme-platform" });

    const workloads = JSON.stringify(stack("small-prod-workloads"));
    expect(workloads).toContain('"acme-secrets"');
    expect(workloads).toContain('"app.kubernetes.io/part-of":"acme-platform"');
    expect(workloads).toContain('"image":"acme/federation-core:1.0.0"');
    expect(workloads).toContain("acme_db_connection_errors_total");

    const dev = stack("dev");
    expect(dev.provider.kubernetes[0].config_context).toBe("kind-acme-dev");
  });
});

describe("constructs without a platform name", () => {
  test("derive their names from their stack's id, never from another platform's name", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "shop");
    new AzurermProvider(stack, "azurerm", { features: [{}] });
    const cosmos = new CosmosMongoAccount(stack, "Cosmos", { resourceGroupName: "rg", regions: ["westeurope"] });
    new PlatformRedisCache(stack, "Redis", { resourceGroupName: "rg", location: "westeurope" });
    new PlatformBlobStorage(stack, "Storage", { resourceGroupName: "rg", location: "westeurope" });
    new PlatformNamespaces(stack, "Namespaces");
    const data = new LocalDataLayer(stack, "Data", { namespace: "platform" });
    const json = synthJson(stack);

    expect(JSON.stringify(json)).not.toMatch(/omega/i);
    expect(PlatformNames.of(stack)).toMatchObject({ name: "shop", explicit: false });
    expect(onlyResource(json, "azurerm_cosmosdb_account").name).toMatch(/^shop-cosmos-[0-9a-f]{6}$/);
    expect(cosmos.databaseName).toBe("shop");
    expect(onlyResource(json, "azurerm_redis_cache").name).toMatch(/^shop-redis-[0-9a-f]{6}$/);
    expect(onlyResource(json, "azurerm_storage_account").name).toMatch(/^shopst[0-9a-f]{6}$/);
    const partOf = resourcesOf(json, "kubernetes_namespace_v1").map((ns: any) => ns.metadata.labels["app.kubernetes.io/part-of"]);
    expect(new Set(partOf)).toEqual(new Set(["shop-platform"]));
    expect(data.connection.secretName).toBe("shop-secrets");
  });

  test("take the name set on their stack with setPlatformName, or from the App's context", () => {
    const app = Testing.app();
    const named = new TerraformStack(app, "eu");
    setPlatformName(named, "acme");
    expect(PlatformNames.of(named)).toMatchObject({ name: "acme", explicit: true, partOf: "acme-platform", dataSecretName: "acme-secrets" });

    const fromContext = new TerraformStack(Testing.app({ context: { [PLATFORM_NAME_CONTEXT_KEY]: "globex" } }), "us");
    new AzurermProvider(fromContext, "azurerm", { features: [{}] });
    new PlatformRedisCache(fromContext, "Redis", { resourceGroupName: "rg", location: "eastus" });
    expect(onlyResource(synthJson(fromContext), "azurerm_redis_cache").name).toMatch(/^globex-us-redis-[0-9a-f]{6}$/);
  });

  test("fails on a platform name that cannot prefix Azure and Kubernetes names", () => {
    const stack = new TerraformStack(Testing.app(), "eu");
    expect(() => setPlatformName(stack, "Acme Corp")).toThrow(
      'eu: invalid platformName "Acme Corp": expected 2-20 lowercase letters, digits or hyphens, starting with a letter and ending with a letter or digit',
    );
    const bad = new TerraformStack(Testing.app({ context: { [PLATFORM_NAME_CONTEXT_KEY]: "-x" } }), "us");
    expect(() => PlatformNames.of(bad)).toThrow(
      'us: invalid context cdktf-aks-platform:platformName "-x": expected 2-20 lowercase letters, digits or hyphens, starting with a letter and ending with a letter or digit',
    );
  });
});
