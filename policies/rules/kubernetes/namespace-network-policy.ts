import { isExpression } from "../../config-values";
import { NAMESPACE_RESOURCE_TYPES, namespaceName, networkPolicies, selectsEverything } from "../../kubernetes-objects";
import { DEV_WARNING_ELSE_ERROR, PolicyRule, compliant, nonCompliant } from "../../policy-rule";

/** Every namespace has a NetworkPolicy that selects all of its pods (a default deny, typically). */
export const namespaceNetworkPolicy: PolicyRule = {
  name: "NamespaceNetworkPolicy",
  description: "Pods that no NetworkPolicy selects accept traffic from anywhere in the cluster, so a namespace needs a policy covering every pod",
  fix: "add NamespaceGuardrails for the namespace (a default-deny NetworkPolicy with its allowances; PlatformWorkloads does this for the platform's namespaces)",
  resourceTypes: NAMESPACE_RESOURCE_TYPES,
  checkovIds: [],
  levels: DEV_WARNING_ELSE_ERROR,
  evaluate: (resource, context) => {
    const name = namespaceName(resource);
    if (typeof name !== "string" || isExpression(name)) return nonCompliant("the namespace name is not a literal, so its NetworkPolicies cannot be found");
    const policies = networkPolicies(context.resources).filter((p) => p.namespace === name);
    if (policies.some((p) => selectsEverything(p.podSelector))) return compliant();
    return nonCompliant(
      policies.length === 0
        ? `no NetworkPolicy in namespace ${JSON.stringify(name)}`
        : `the ${policies.length} NetworkPolicies of namespace ${JSON.stringify(name)} select only some pods; add one with an empty pod_selector (a default deny)`,
    );
  },
};
