import { show } from "../../config-values";
import { WORKLOAD_RESOURCE_TYPES, podSpecOf } from "../../pod-spec";
import { PRODUCTION_ERROR_STAGING_WARNING, PolicyRule, compliant, nonCompliant, notApplicable } from "../../policy-rule";

/** No Kubernetes API token in pods that do not call the API; those that do are suppressed with a reason. */
export const serviceAccountTokenNotMounted: PolicyRule = {
  name: "ServiceAccountTokenNotMounted",
  description: "A mounted service-account token lets anyone who gets code execution in the pod call the Kubernetes API as that account",
  fix: "leave WorkloadProps.automountServiceAccountToken at its default, false, unless the pod calls the Kubernetes API",
  resourceTypes: WORKLOAD_RESOURCE_TYPES,
  // Checkov has this check for Kubernetes manifests only, not for the Terraform kubernetes provider.
  checkovIds: ["CKV_K8S_38"],
  levels: PRODUCTION_ERROR_STAGING_WARNING,
  evaluate: (resource) => {
    const pod = podSpecOf(resource);
    if (!pod) return notApplicable();
    // Kubernetes mounts the token unless the pod (or its account) says otherwise; the pod is what Terraform sees.
    return pod.automountServiceAccountToken === false
      ? compliant()
      : nonCompliant(`automount_service_account_token is ${show(pod.automountServiceAccountToken)}, expected false unless the pod calls the Kubernetes API`);
  },
};
