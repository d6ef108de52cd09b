import { IConstruct } from "constructs";

/**
 * A deterministic resource name from a construct path: lowercase alphanumerics and hyphens,
 * trimmed to `maxLength`. The path already carries the stack name, so names differ per stack.
 */
export function nameFromPath(scope: IConstruct, maxLength: number): string {
  const name = scope.node.path
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return name.slice(0, maxLength).replace(/-+$/g, "");
}
