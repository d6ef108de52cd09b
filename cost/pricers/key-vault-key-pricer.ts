import { UnpricedKind } from "../cost-estimate";
import { PricerOutcome, ResourcePricer } from "../pricing-context";
import { stringAttribute } from "../terraform-json";

/** `azurerm_key_vault_key`: software keys cost only their operations (on the vault's line); HSM keys are unpriced. */
export const priceKeyVaultKey: ResourcePricer = (resource): PricerOutcome => {
  const keyType = stringAttribute(resource.config, "key_type");
  if (keyType === undefined) return { lines: [], unpriced: [{ kind: UnpricedKind.UNRESOLVED, reason: "key type only known at apply time" }] };
  if (keyType.endsWith("-HSM")) {
    return { lines: [], unpriced: [{ kind: UnpricedKind.NO_PRICE, reason: `no price for ${keyType} keys in the price table` }] };
  }
  return { lines: [], freeReason: "software-protected key: its operations are priced on the vault's line" };
};
