import { isExpression } from "../../config-values";
import { NAMESPACE_RESOURCE_TYPES, namespaceName, resourceQuotas } from "../../kubernetes-objects";
import { DEV_WARNING_ELSE_ERROR, PolicyRule, compliant, nonCompliant } from "../../policy-rule";

/** Every namespace has a ResourceQuota. */
export const namespaceResourceQuota: PolicyRule = {
  name: "NamespaceResourceQuota",
  description: "Without a ResourceQuota one namespace's runaway deployment or autoscaler can claim the whole cluster, and the node autoscaler will pay for it",
  fix: "add NamespaceGuardrails for the namespace with NamespaceGuardrailsProps.quota (PlatformWorkloads does this for the platform's namespaces)",
  resourceTypes: NAMESPACE_RESOURCE_TYPES,
  checkovIds: [],
  levels: DEV_WARNING_ELSE_ERROR,
  evaluate: (resource, context) => {
    const name = namespaceName(resource);
    if (typeof name !== "string" || isExpression(name)) return nonCompliant("the namespace name is not a literal, so its ResourceQuota cannot be found");
    const quotas = resourceQuotas(context.resources).filter((q) => q.namespace === name && Object.keys(q.hard).length > 0);
    return quotas.length > 0 ? compliant() : nonCompliant(`no ResourceQuota with hard limits in namespace ${JSON.stringify(name)}`);
  },
};
