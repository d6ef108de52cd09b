import { UnpricedKind } from "../cost-estimate";
import { PricerOutcome, ResourcePricer, fixed, usd } from "../pricing-context";
import { stringAttribute } from "../terraform-json";

/** `azurerm_key_vault`: no fixed fee; the assumed operations a month. */
export const priceKeyVault: ResourcePricer = (resource, context): PricerOutcome => {
  const sku = stringAttribute(resource.config, "sku_name") ?? "standard";
  const { region, note } = context.regionOf(resource);
  const quote = context.quote("key-vault/operations", region);
  if (!quote) return { lines: [], unpriced: [{ kind: UnpricedKind.NO_PRICE, reason: "no Key Vault price" }] };
  const operations = context.options.keyVaultOperationsPerMonth;
  return {
    lines: [
      context.line(resource, {
        component: `Key Vault operations (${sku})`,
        region,
        quantity: `${Math.round(operations)} operations / 10,000 x ${usd(quote.usd)}`,
        monthlyUsd: fixed((operations / 10_000) * quote.usd),
        quotes: [quote],
        notes: [
          ...(note ? [note] : []),
          context.options.keyVaultOperationsDerivation ??
            (context.options.keyVaultOperationsAssumed ? `assumed ${operations} operations a month` : "no operations assumed: pass keyVaultOperationsPerMonth"),
          ...(sku === "premium" ? ["HSM-protected keys are billed per key on top (priced on azurerm_key_vault_key)"] : []),
        ],
      }),
    ],
  };
};
