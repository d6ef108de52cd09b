// What a plan job may upload (issue 23, defect 3): masked plan JSON, and saved plans only encrypted.
import { generateKeyPairSync } from "crypto";
import { readFileSync } from "fs";
import { KEPT_PLAN_KEYS, decryptPlan, encryptPlan, maskValue, redactPlan } from "../../scripts/ci/plan-artifacts";
import { parseTerraformPlan } from "../../review/terraform-plan";

const KEY = "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MEFCQ0RFRkdISUpLTE1OT1A=";

/** A plan as `terraform show -json` prints it: the Redis key in prior_state, planned_values, variables and the change. */
const SHOWN = {
  format_version: "1.2",
  terraform_version: "1.11.4",
  applyable: true,
  complete: true,
  errored: false,
  variables: { staging_api_tenant_id: { value: "tenant" } },
  prior_state: { values: { root_module: { resources: [{ address: "azurerm_redis_cache.r", values: { primary_access_key: KEY } }] } } },
  planned_values: { root_module: { resources: [{ address: "azurerm_redis_cache.r", values: { primary_access_key: KEY, capacity: 2 } }] } },
  relevant_attributes: [{ resource: "azurerm_redis_cache.r", attribute: ["primary_access_key"] }],
  resource_changes: [
    {
      address: "azurerm_redis_cache.r",
      mode: "managed",
      type: "azurerm_redis_cache",
      name: "r",
      change: {
        actions: ["update"],
        before: { capacity: 1, primary_access_key: KEY, redis_configuration: [{ rdb_storage_connection_string: "BlobEndpoint=x;AccountKey=k" }], tags: { a: "b" } },
        after: { capacity: 2, primary_access_key: KEY, redis_configuration: [{ rdb_storage_connection_string: "BlobEndpoint=x;AccountKey=k" }], tags: { a: "b" } },
        after_unknown: {},
        before_sensitive: { primary_access_key: true, redis_configuration: [{}] },
        after_sensitive: { primary_access_key: true, redis_configuration: [{}] },
      },
    },
  ],
  output_changes: { url: { actions: ["update"], before: `rediss://:${KEY}@h`, after: `rediss://:${KEY}@h2`, before_sensitive: true, after_sensitive: true } },
  configuration: {
    root_module: {
      resources: [{ address: "azurerm_redis_cache.r", mode: "managed", type: "azurerm_redis_cache", name: "r", expressions: { capacity: { constant_value: 2 }, name: { references: ["var.x"] } } }],
    },
  },
};

describe("redactPlan", () => {
  const redacted = redactPlan(JSON.parse(JSON.stringify(SHOWN)));

  test("no sensitive value survives anywhere in the file", () => {
    const text = JSON.stringify(redacted);
    expect(text).not.toContain(KEY);
    expect(text).not.toContain("AccountKey=k");
  });

  test("keeps what the review reads and drops prior_state, planned_values, variables and relevant_attributes", () => {
    expect(Object.keys(redacted).sort()).toEqual([...KEPT_PLAN_KEYS].filter((k) => k !== "resource_drift").sort());
    const change = (redacted.resource_changes as any[])[0].change;
    expect(change.before).toEqual({ capacity: 1, primary_access_key: "(sensitive)", redis_configuration: [{ rdb_storage_connection_string: "(sensitive)" }], tags: { a: "b" } });
    expect(change.after.capacity).toBe(2);
    expect(change.before_sensitive).toEqual(SHOWN.resource_changes[0].change.before_sensitive);
    expect((redacted.output_changes as any).url).toMatchObject({ before: "(sensitive)", after: "(sensitive)" });
    expect((redacted.configuration as any).root_module.resources[0].expressions).toEqual({ capacity: {}, name: { references: ["var.x"] } });
  });

  test("the review still reads the redacted plan", () => {
    const plan = parseTerraformPlan(JSON.stringify(redacted), "redacted.plan.json");
    expect(plan.resourceChanges.map((c) => c.address)).toEqual(["azurerm_redis_cache.r"]);
  });

  test("a null stays null; an unmarked, ordinary leaf is kept", () => {
    expect(maskValue({ password: null, size: 3 }, [{}])).toEqual({ password: null, size: 3 });
  });
});

describe("saved plans in artifacts are encrypted to the apply job's key", () => {
  const pair = () => generateKeyPairSync("rsa", { modulusLength: 2048, publicKeyEncoding: { type: "spki", format: "pem" }, privateKeyEncoding: { type: "pkcs8", format: "pem" } });
  const { publicKey, privateKey } = pair();
  const plan = Buffer.from(`a saved plan with ${KEY} in its prior state`);

  test("round trip; the ciphertext does not contain the plan", () => {
    const sealed = encryptPlan(plan, publicKey);
    expect(sealed.includes(Buffer.from(KEY))).toBe(false);
    expect(decryptPlan(sealed, privateKey).equals(plan)).toBe(true);
  });

  test("fails with another environment's key", () => {
    expect(() => decryptPlan(encryptPlan(plan, publicKey), pair().privateKey)).toThrow("the plan was encrypted to another key than this environment's OMEGA_PLAN_DECRYPTION_KEY");
  });

  test("fails on a file changed after encryption", () => {
    const sealed = encryptPlan(plan, publicKey);
    sealed[sealed.length - 1] ^= 1;
    expect(() => decryptPlan(sealed, privateKey)).toThrow("the encrypted plan was changed after the plan job wrote it");
  });

  test("fails on a file that is not an encrypted plan", () => {
    expect(() => decryptPlan(plan, privateKey)).toThrow("not an encrypted plan of stacks.ts (wrong header)");
  });
});

describe("the workflows upload nothing else", () => {
  test("plan artifacts: masked JSON, encrypted plans and their digests; pull requests only the JSON", () => {
    const deploy = readFileSync(".github/workflows/deploy-environment.yml", "utf8");
    const paths = [...deploy.matchAll(/path: \|\n((?: {12}.*\n)+)/g)].map((m) => m[1].trim().split(/\s+/));
    expect(paths).toEqual([0, 1, 2].map(() => ["plans/*.plan.json", "plans/*.tfplan.enc", "plans/plans.sha256"]));
    const pr = readFileSync(".github/workflows/pull-request.yml", "utf8");
    expect(pr).toContain("          path: plans/*.plan.json\n");
    expect(pr).not.toContain("OMEGA_PLAN_ENCRYPTION_KEY");
    expect(deploy).not.toMatch(/path: plans\/\n/);
  });

  test("stacks.ts writes the raw show -json nowhere and keeps saved plans outside the artifact directory", () => {
    const source = readFileSync("scripts/ci/stacks.ts", "utf8");
    expect(source).toContain("JSON.stringify(redactPlan(shown))");
    expect(source).toContain('const planFile = resolve(privatePlans(), `${name}.tfplan`);');
    expect(source).not.toContain("resolve(dir, `${name}.tfplan`)");
    expect(source).not.toContain(".txt`");
  });
});
