import { IAspect, TerraformResource } from "cdktf";
import { IConstruct } from "constructs";

/** The tags every Azure resource of the platform carries. */
export interface PlatformTagValues {
  readonly environment: string;
  readonly tier: string;
  readonly region: string;
  readonly costCenter: string;
}

interface Taggable {
  tags: Record<string, string>;
  readonly tagsInput?: Record<string, string>;
}

function isTaggableAzureResource(node: IConstruct): node is TerraformResource & Taggable {
  return (
    node instanceof TerraformResource &&
    node.terraformResourceType.startsWith("azurerm_") &&
    "tagsInput" in node
  );
}

/**
 * Adds the platform tags to every taggable azurerm resource of a scope. Tags a resource already
 * has are kept; the platform's own keys win, so cost reports can trust them.
 */
export class AzureTags implements IAspect {
  public readonly tags: Readonly<Record<string, string>>;

  constructor(values: PlatformTagValues) {
    this.tags = {
      environment: values.environment,
      tier: values.tier,
      region: values.region,
      "cost-center": values.costCenter,
    };
  }

  public visit(node: IConstruct): void {
    if (!isTaggableAzureResource(node)) return;
    node.tags = { ...(node.tagsInput ?? {}), ...this.tags };
  }
}
