import { TerraformStack } from "cdktf";
import { AzurermProvider } from "../providers/azurerm/provider";
import { ResourceGroup } from "../providers/azurerm/resource-group";
import { synthAndReport } from "./synth-and-report";

// The floor any cdktf app on azurerm pays (node, the TS runner, cdktf, one provider binding);
// the full app is judged as a multiple of it.
synthAndReport((app) => {
  const stack = new TerraformStack(app, "minimal");
  new AzurermProvider(stack, "azurerm", { features: [{}] });
  new ResourceGroup(stack, "ResourceGroup", { name: "omega-bench", location: "eastus" });
});
