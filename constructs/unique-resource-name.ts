import { createHash } from "crypto";
import { IConstruct } from "constructs";
import { TerraformStack } from "cdktf";
import { explicitPlatformName } from "./platform-name";

/** How a globally unique Azure name may be spelled. */
export interface UniqueResourceNameOptions {
  /** Longest name Azure accepts for the resource type. */
  readonly maxLength: number;
  /** Letters and digits only (storage accounts); otherwise hyphens separate the parts. */
  readonly alphanumericOnly?: boolean;
}

/**
 * A deterministic, globally unique-enough name for resources whose name is a public DNS label
 * (storage accounts, Key Vaults, Cosmos DB, Redis, AI Search): `<platform>-<stack>-<kind>-<hash>`
 * (`<stack>-<kind>-<hash>` where no platform name is set, see `setPlatformName`), where the hash is
 * the first six hex digits of SHA-256 of the construct path. The platform and stack part is cut to
 * fit; the kind and hash are never cut, so two resources of a stack never collide.
 */
export function uniqueResourceName(scope: IConstruct, kind: string, options: UniqueResourceNameOptions): string {
  const alphanumeric = options.alphanumericOnly ?? false;
  const clean = (s: string) =>
    alphanumeric ? s.toLowerCase().replace(/[^a-z0-9]/g, "") : s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  const separator = alphanumeric ? "" : "-";
  const hash = createHash("sha256").update(scope.node.path).digest("hex").slice(0, 6);
  const tail = `${separator}${clean(kind)}${separator}${hash}`;
  const platform = explicitPlatformName(scope);
  const stack = TerraformStack.of(scope).node.id;
  const head = clean(platform === undefined ? stack : `${platform}-${stack}`);
  return `${head.slice(0, Math.max(0, options.maxLength - tail.length)).replace(/-+$/, "")}${tail}`;
}
