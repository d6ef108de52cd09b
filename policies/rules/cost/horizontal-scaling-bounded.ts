import { numberOf, show } from "../../config-values";
import { HPA_RESOURCE_TYPES, KEDA_DEFAULT_MAX_REPLICAS, autoscalerOf } from "../../kubernetes-objects";
import { DEV_WARNING_ELSE_ERROR, PolicyRule, compliant, nonCompliant, notApplicable } from "../../policy-rule";

/** HPAs and KEDA ScaledObjects set a maximum within the tier's cap, and a minimum below it. */
export const horizontalScalingBounded: PolicyRule = {
  name: "HorizontalScalingBounded",
  description: "An autoscaler without a tight maximum turns a traffic spike or a runaway metric into a node-pool scale-out nobody budgeted",
  fix: "set WorkloadProps.autoscaling.maxReplicas (AgentTeamsProps.maxReplicas for agent teams) at most the profile's PolicyProfileOptions.maxReplicasPerWorkload",
  resourceTypes: [...HPA_RESOURCE_TYPES, "kubernetes_manifest"],
  checkovIds: [],
  levels: DEV_WARNING_ELSE_ERROR,
  evaluate: (resource, context) => {
    const scaler = autoscalerOf(resource, context.resources);
    if (!scaler) return notApplicable();
    if (scaler.kind === "ScaledObject" && scaler.maxReplicas === undefined) {
      return nonCompliant(`spec.maxReplicaCount is not set (KEDA then allows ${KEDA_DEFAULT_MAX_REPLICAS} replicas)`);
    }
    const max = numberOf(scaler.maxReplicas);
    const min = numberOf(scaler.minReplicas);
    if (max === undefined) return nonCompliant(`the maximum replica count is ${show(scaler.maxReplicas)}, expected a literal`);
    if (min !== undefined && min > max) return nonCompliant(`the minimum replica count ${min} is above the maximum ${max}`);
    const cap = context.maxReplicasPerWorkload;
    return cap === undefined || max <= cap
      ? compliant()
      : nonCompliant(`the maximum replica count ${max} is above the tier's cap of ${cap} replicas per workload`);
  },
};
