import { BlobVolume } from "../estimate-options";
import { PricingContext } from "../pricing-context";
import { TerraformResourceRef, block, blocks, booleanAttribute, numberAttribute } from "../terraform-json";

/**
 * Days a blob is assumed kept where no rule deletes it: a year, seed 001's archive horizon. Only
 * the shares depend on it; the stored volume is the tier's `storedDataGb`.
 */
export const KEPT_WITHOUT_DELETE_RULE_DAYS = 365;

/** Shares of stored data per access tier, and how they were derived. */
export interface LifecycleShares {
  readonly hot: number;
  readonly cool: number;
  readonly archive: number;
  readonly description: string;
}

function days(value: unknown): number | undefined {
  return typeof value === "number" ? value : undefined;
}

/**
 * The access-tier shares a storage account's lifecycle policy gives data written at a constant
 * rate: a blob is hot until the rule cools it, cool until it archives it, archived until it is
 * deleted (or for `KEPT_WITHOUT_DELETE_RULE_DAYS`); each enabled rule weighs the same. Undefined
 * where the configuration holds no policy for the account.
 */
export function lifecycleShares(account: TerraformResourceRef, context: PricingContext): LifecycleShares | undefined {
  const policy = context
    .resourcesOfType("azurerm_storage_management_policy")
    .find((p) => context.referenced(p.config.storage_account_id)?.address === account.address);
  if (!policy) return undefined;
  const rules = blocks(policy.config.rule).filter((r) => booleanAttribute(r, "enabled") !== false);
  if (rules.length === 0) return undefined;
  let hot = 0;
  let cool = 0;
  let archive = 0;
  const parts: string[] = [];
  for (const rule of rules) {
    const base = block(block(rule.actions)?.base_blob);
    const kept = days(numberAttribute(base, "delete_after_days_since_modification_greater_than")) ?? KEPT_WITHOUT_DELETE_RULE_DAYS;
    const toCool = Math.min(kept, days(numberAttribute(base, "tier_to_cool_after_days_since_modification_greater_than")) ?? kept);
    const toArchive = Math.max(toCool, Math.min(kept, days(numberAttribute(base, "tier_to_archive_after_days_since_modification_greater_than")) ?? kept));
    hot += toCool / kept;
    cool += (toArchive - toCool) / kept;
    archive += (kept - toArchive) / kept;
    parts.push(`${String(rule.name ?? "rule")}: cool after ${toCool} d, archive after ${toArchive} d, kept ${kept} d`);
  }
  const n = rules.length;
  return {
    hot: hot / n,
    cool: cool / n,
    archive: archive / n,
    description: `shares derived from the lifecycle policy (${parts.join("; ")}), data written at a constant rate, rules weighted equally`,
  };
}

/** `gb` spread by `shares`. */
export function spread(gb: number, shares: LifecycleShares): BlobVolume {
  return { hotGb: gb * shares.hot, coolGb: gb * shares.cool, archiveGb: gb * shares.archive };
}
