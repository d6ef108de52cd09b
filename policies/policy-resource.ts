import { DefaultTokenResolver, StringConcat, TerraformResource, TerraformStack, Tokenization } from "cdktf";
import { block } from "./config-values";
import { PolicyResource } from "./policy-rule";

const RESOLVER = new DefaultTokenResolver(new StringConcat());

/**
 * A resource's configuration as Terraform will receive it: `toTerraform()` (overrides included)
 * with every token resolved in its stack, so rules compare final values, not token strings.
 * Resolution does not prepare cross-stack references: it has no side effects on the tree.
 */
export function resolvePolicyResource(resource: TerraformResource): PolicyResource {
  const stack = TerraformStack.of(resource);
  const json = Tokenization.resolve(resource.toTerraform(), { scope: stack, preparing: false, resolver: RESOLVER }) as unknown;
  const byType = block(block(json)?.resource);
  const byId = block(byType?.[resource.terraformResourceType]);
  const config = { ...(byId?.[resource.friendlyUniqueId] as Record<string, unknown> | undefined) };
  delete config["//"];
  return {
    type: resource.terraformResourceType,
    address: `${resource.terraformResourceType}.${resource.friendlyUniqueId}`,
    path: resource.node.path,
    config,
  };
}
