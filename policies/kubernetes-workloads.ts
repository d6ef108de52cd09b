import { PolicyPack } from "./policy-pack";
import { PolicyProfile } from "./policy-profile";
import { KUBERNETES_WORKLOADS_RULES, PolicyPackName } from "./rule-catalog";

/** Pod security and availability of what runs on the clusters, namespaces and Helm releases. */
export class KubernetesWorkloads extends PolicyPack {
  constructor(profile: PolicyProfile) {
    super(PolicyPackName.KUBERNETES_WORKLOADS, KUBERNETES_WORKLOADS_RULES, profile);
  }
}
