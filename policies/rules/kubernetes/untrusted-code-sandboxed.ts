import { LANGUAGE_SERVICE_COMPONENT } from "../../../constructs/language-service-fleet";
import { POD_SANDBOXING } from "../../../constructs/pod-sandboxing";
import { show } from "../../config-values";
import { WORKLOAD_RESOURCE_TYPES, podSpecOf } from "../../pod-spec";
import { PRODUCTION_ONLY_ERROR, PolicyRule, compliant, nonCompliant, notApplicable } from "../../policy-rule";

/**
 * Pods that run code nobody vetted (the language services, by their component label) run in Kata
 * VMs on the production clusters: AKS pod sandboxing's `kata-vm-isolation` RuntimeClass.
 */
export const untrustedCodeSandboxed: PolicyRule = {
  name: "UntrustedCodeSandboxed",
  description:
    "Code nobody vetted shares the node's kernel unless its pod runs in a Kata VM; one kernel exploit then reaches the node and every pod on it",
  fix: "give LanguageServiceFleetProps.placement a SandboxNodePool's placement (a tier's LanguageServicesSpec.sandboxedPool does); where a tier cannot carry the pool, say why in LanguageServicesSpec.unsandboxedReason",
  resourceTypes: WORKLOAD_RESOURCE_TYPES,
  checkovIds: [],
  // Production only: dev's laptop cluster has no Kata runtime, staging runs on ACI (a VM per group).
  levels: PRODUCTION_ONLY_ERROR,
  evaluate: (resource) => {
    const pod = podSpecOf(resource);
    if (!pod || pod.podLabels[LANGUAGE_SERVICE_COMPONENT.key] !== LANGUAGE_SERVICE_COMPONENT.value) return notApplicable();
    return pod.runtimeClassName === POD_SANDBOXING.runtimeClassName
      ? compliant()
      : nonCompliant(`runtime_class_name is ${show(pod.runtimeClassName)}, expected "${POD_SANDBOXING.runtimeClassName}" for pods labelled ${LANGUAGE_SERVICE_COMPONENT.key}=${LANGUAGE_SERVICE_COMPONENT.value}`);
  },
};
