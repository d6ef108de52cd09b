import { numberOf, show } from "../../config-values";
import { PRODUCTION_ERROR_STAGING_WARNING, PolicyRule, compliant, nonCompliant, notApplicable } from "../../policy-rule";

/** Spot pools cap what a node-hour may cost. */
export const spotMaxPrice: PolicyRule = {
  name: "SpotMaxPrice",
  description: "A spot pool without a price cap (-1) pays up to the on-demand price when spot prices rise, so its savings are not guaranteed",
  fix: "set SpotAutoscalePoolProps.spotMaxPricePerHourUsd (SandboxNodePoolProps.spot.maxPricePerHourUsd on a sandbox pool) to a cap in USD per hour (the default, -1, pays up to the on-demand price)",
  resourceTypes: ["azurerm_kubernetes_cluster_node_pool"],
  checkovIds: [],
  levels: PRODUCTION_ERROR_STAGING_WARNING,
  evaluate: (resource) => {
    if (resource.config.priority !== "Spot") return notApplicable();
    const price = numberOf(resource.config.spot_max_price);
    return price !== undefined && price > 0
      ? compliant()
      : nonCompliant(`spot_max_price is ${show(resource.config.spot_max_price)} (-1 or unset pays up to on-demand), expected a price in USD per hour`);
  },
};
