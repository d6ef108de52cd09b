import { at, show } from "../../config-values";
import { PolicyRule, STAGING_AND_PRODUCTION_ERROR, compliant, nonCompliant } from "../../policy-rule";

const ENGINES = ["azure", "calico", "cilium"];

/** A network policy engine, without which NetworkPolicy objects are accepted and ignored. */
export const aksNetworkPolicy: PolicyRule = {
  name: "AksNetworkPolicy",
  description: "Without a network policy engine the cluster accepts NetworkPolicy objects and enforces none of them",
  fix: "leave AlwaysOnClusterProps.networkPolicy at its default, NetworkPolicyEngine.CILIUM",
  resourceTypes: ["azurerm_kubernetes_cluster"],
  checkovIds: ["CKV_AZURE_7"],
  levels: STAGING_AND_PRODUCTION_ERROR,
  evaluate: (resource) => {
    const engine = at(resource.config, "network_profile")?.network_policy;
    return typeof engine === "string" && ENGINES.includes(engine)
      ? compliant()
      : nonCompliant(`network_profile.network_policy is ${show(engine)}, expected one of ${ENGINES.join(", ")}`);
  },
};
