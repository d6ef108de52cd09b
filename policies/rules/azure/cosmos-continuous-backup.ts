import { at, show } from "../../config-values";
import { PRODUCTION_ONLY_ERROR, PolicyRule, compliant, nonCompliant } from "../../policy-rule";

/** Continuous backup: point-in-time restore, instead of a support ticket for a periodic snapshot. */
export const cosmosContinuousBackup: PolicyRule = {
  name: "CosmosContinuousBackup",
  description: "Periodic backup restores only through a support request to the last snapshot; continuous backup restores any second of the retention window",
  fix: "leave CosmosMongoAccountProps.backup at its default, continuous (30 days), instead of periodic",
  resourceTypes: ["azurerm_cosmosdb_account"],
  checkovIds: [],
  levels: PRODUCTION_ONLY_ERROR,
  evaluate: (resource) => {
    const type = at(resource.config, "backup")?.type;
    return type === "Continuous"
      ? compliant()
      : nonCompliant(`backup.type is ${show(type)} (the provider defaults to Periodic), expected "Continuous"`);
  },
};
