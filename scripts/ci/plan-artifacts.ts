// What a plan job may put in an artifact (readable by anyone with read access to the repository):
// a plan's JSON with every sensitive value masked, and saved plans only encrypted to a key that only
// the environment's apply job holds. `terraform show -json` prints sensitive values in plain text
// (it marks them in before_sensitive/after_sensitive, and prior_state, planned_values and variables
// carry them unmarked), and a saved .tfplan holds the prior state with every key in it.
import { createCipheriv, createDecipheriv, createPrivateKey, createPublicKey, privateDecrypt, publicEncrypt, randomBytes, constants } from "crypto";
import { MASKED, PathStep, maskedAt, secretByName } from "../../review/sensitive-mask";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The top-level parts of a JSON plan that are kept; prior_state, planned_values, variables, relevant_attributes and checks are dropped. */
export const KEPT_PLAN_KEYS = ["format_version", "terraform_version", "applyable", "complete", "errored", "resource_changes", "resource_drift", "output_changes", "configuration"] as const;

/** A value with every leaf the masks (or a credential-like name) mark replaced by `(sensitive)`. */
export function maskValue(value: Json | undefined, masks: readonly unknown[], path: PathStep[] = []): Json | undefined {
  if (value === undefined) return undefined;
  if (path.length > 0 && (masks.some((m) => maskedAt(m, path)) || secretByName(path))) return value === null ? null : MASKED;
  if (Array.isArray(value)) return value.map((v, i) => maskValue(v, masks, [...path, i]) as Json);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskValue(v, masks, [...path, k]) as Json]));
  }
  return value;
}

function maskChange(change: { [key: string]: Json } | undefined): Json | undefined {
  if (!change) return change;
  const masks = [change.before_sensitive, change.after_sensitive];
  // A whole sensitive value (an output marked sensitive) is `true` at the root.
  const whole = masks.some((m) => m === true);
  return {
    ...change,
    before: whole && change.before !== undefined && change.before !== null ? MASKED : (maskValue(change.before, masks) ?? null),
    after: whole && change.after !== undefined && change.after !== null ? MASKED : (maskValue(change.after, masks) ?? null),
  };
}

/** `configuration` keeps only what the review reads there: resource addresses and the references of their expressions. */
function referencesOnly(expressions: Json): Json {
  if (Array.isArray(expressions)) return expressions.map(referencesOnly);
  if (expressions === null || typeof expressions !== "object") return null;
  const out: { [key: string]: Json } = {};
  for (const [k, v] of Object.entries(expressions)) {
    if (k === "references") out[k] = v;
    else if (k !== "constant_value" && v !== null && typeof v === "object") out[k] = referencesOnly(v);
  }
  return out;
}

/** The plan JSON an artifact may hold: the kept parts, every sensitive value masked. */
export function redactPlan(plan: { [key: string]: Json }): { [key: string]: Json } {
  const out: { [key: string]: Json } = {};
  for (const key of KEPT_PLAN_KEYS) if (plan[key] !== undefined) out[key] = plan[key];
  for (const key of ["resource_changes", "resource_drift"] as const) {
    const list = plan[key];
    if (Array.isArray(list)) {
      out[key] = list.map((rc) => {
        const r = rc as { [key: string]: Json };
        return { ...r, change: maskChange(r.change as { [key: string]: Json }) as Json };
      });
    }
  }
  const outputs = plan.output_changes;
  if (outputs && typeof outputs === "object" && !Array.isArray(outputs)) {
    out.output_changes = Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, maskChange(v as { [key: string]: Json }) as Json]));
  }
  const configuration = plan.configuration as { [key: string]: Json } | undefined;
  const root = configuration?.root_module as { [key: string]: Json } | undefined;
  if (root && Array.isArray(root.resources)) {
    out.configuration = {
      root_module: {
        resources: root.resources.map((r) => {
          const res = r as { [key: string]: Json };
          return { address: res.address, mode: res.mode, type: res.type, name: res.name, expressions: referencesOnly(res.expressions ?? {}) } as Json;
        }),
      },
    };
  }
  return out;
}

const MAGIC = Buffer.from("OMEGAPLAN1");

/**
 * Encrypts a saved plan to an RSA public key (PEM): a fresh AES-256-GCM key per file, wrapped with
 * RSA-OAEP (SHA-256). Only the holder of the private key (the deploy environment's secret) can
 * read it; GCM refuses a file changed after encryption.
 */
export function encryptPlan(plan: Buffer, publicKeyPem: string): Buffer {
  const key = randomBytes(32);
  const iv = randomBytes(12);
  const wrapped = publicEncrypt({ key: createPublicKey(publicKeyPem), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha256" }, key);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(plan), cipher.final()]);
  const length = Buffer.alloc(2);
  length.writeUInt16BE(wrapped.length);
  return Buffer.concat([MAGIC, length, wrapped, iv, cipher.getAuthTag(), body]);
}

/** The saved plan back, or an error naming what is wrong (not ours, another key, changed bytes). */
export function decryptPlan(file: Buffer, privateKeyPem: string): Buffer {
  if (file.length < MAGIC.length + 2 || !file.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error("not an encrypted plan of stacks.ts (wrong header)");
  let at = MAGIC.length;
  const length = file.readUInt16BE(at);
  at += 2;
  const wrapped = file.subarray(at, at + length);
  at += length;
  const iv = file.subarray(at, at + 12);
  const tag = file.subarray(at + 12, at + 28);
  const body = file.subarray(at + 28);
  let key: Buffer;
  try {
    key = privateDecrypt({ key: createPrivateKey(privateKeyPem), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha256" }, wrapped);
  } catch {
    throw new Error("the plan was encrypted to another key than this environment's OMEGA_PLAN_DECRYPTION_KEY");
  }
  const decipher = createDecipheriv("aes-256-gcm", key, iv);
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    throw new Error("the encrypted plan was changed after the plan job wrote it");
  }
}
