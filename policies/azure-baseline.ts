import { PolicyPack } from "./policy-pack";
import { PolicyProfile } from "./policy-profile";
import { AZURE_BASELINE_RULES, PolicyPackName } from "./rule-catalog";

/** Azure security baseline: AKS, Cosmos DB, Redis, Storage, Key Vault, AI Search and the Front Door edge. */
export class AzureBaseline extends PolicyPack {
  constructor(profile: PolicyProfile) {
    super(PolicyPackName.AZURE_BASELINE, AZURE_BASELINE_RULES, profile);
  }
}
