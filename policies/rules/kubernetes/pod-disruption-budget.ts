import { numberOf, show } from "../../config-values";
import { autoscalers, disruptionBudgets, namespaceKey, selectorMatches } from "../../kubernetes-objects";
import { WORKLOAD_RESOURCE_TYPES, WorkloadKind, podSpecOf } from "../../pod-spec";
import { PRODUCTION_ERROR_STAGING_WARNING, PolicyRule, compliant, nonCompliant, notApplicable } from "../../policy-rule";

/** Workloads with two replicas or more have a PodDisruptionBudget covering their pods. */
export const podDisruptionBudget: PolicyRule = {
  name: "PodDisruptionBudget",
  description: "Without a PodDisruptionBudget a node upgrade may drain every replica of a service at once",
  fix: "leave WorkloadProps.podDisruptionBudget at its default (on from 2 replicas) or set it to true",
  resourceTypes: WORKLOAD_RESOURCE_TYPES,
  checkovIds: [],
  levels: PRODUCTION_ERROR_STAGING_WARNING,
  evaluate: (resource, context) => {
    const pod = podSpecOf(resource);
    if (!pod || (pod.kind !== WorkloadKind.DEPLOYMENT && pod.kind !== WorkloadKind.STATEFUL_SET)) return notApplicable();
    const namespace = namespaceKey(pod.namespace, context.resources);
    // An autoscaler owns the count once it exists: its floor is what a drain meets.
    const scaler = autoscalers(context.resources).find(
      (a) => a.namespace === namespace && a.targetKind === pod.kind && a.targetName === pod.name,
    );
    const floor = numberOf(scaler ? scaler.minReplicas : pod.replicas);
    if (floor === undefined) {
      return nonCompliant(`replicas ${show(scaler ? scaler.minReplicas : pod.replicas)} cannot be checked; set a literal or add a PodDisruptionBudget`);
    }
    if (floor < 2) return notApplicable();
    const covered = disruptionBudgets(context.resources).some(
      (pdb) => pdb.namespace === namespace && selectorMatches(pdb.selector, pod.podLabels),
    );
    return covered
      ? compliant()
      : nonCompliant(`${floor} replicas${scaler ? ` (the ${scaler.kind}'s minimum)` : ""} in namespace ${JSON.stringify(namespace)} and no PodDisruptionBudget selects their pods`);
  },
};
