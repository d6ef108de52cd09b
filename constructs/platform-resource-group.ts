import { Construct } from "constructs";
import { ResourceGroup } from "../providers/azurerm/resource-group";
import { isAzureRegion } from "./azure-regions";
import { isUnresolved } from "./checks";
import { ValidationError } from "./validation-error";

export interface PlatformResourceGroupProps {
  /** 1-90 letters, digits, underscores, hyphens, periods and parentheses, not ending in a period. */
  readonly name: string;
  /** Azure region name. */
  readonly location: string;
}

const RESOURCE_GROUP_NAME = /^[-\w.()]{0,89}[-\w()]$/;

/** The resource group that holds one environment's Azure resources. */
export class PlatformResourceGroup extends Construct {
  public readonly resource: ResourceGroup;
  public readonly name: string;
  public readonly id: string;
  public readonly location: string;

  constructor(scope: Construct, id: string, props: PlatformResourceGroupProps) {
    super(scope, id);
    if (!isUnresolved(props.name) && !RESOURCE_GROUP_NAME.test(props.name)) {
      throw new ValidationError(
        this,
        "name",
        props.name,
        "expected 1-90 letters, digits, underscores, hyphens, periods or parentheses, not ending in a period",
      );
    }
    if (!isUnresolved(props.location) && !isAzureRegion(props.location)) {
      throw new ValidationError(this, "location", props.location, "expected an Azure region name such as eastus or westeurope");
    }
    this.resource = new ResourceGroup(this, "Resource", { name: props.name, location: props.location });
    this.name = this.resource.name;
    this.id = this.resource.id;
    this.location = props.location;
  }
}
