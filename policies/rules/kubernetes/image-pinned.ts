import { Construct } from "constructs";
import { checkPinnedImage } from "../../../constructs/checks";
import { ValidationError } from "../../../constructs/validation-error";
import { isExpression, show } from "../../config-values";
import { WORKLOAD_RESOURCE_TYPES, podSpecOf } from "../../pod-spec";
import { ALWAYS_ERROR, PolicyRule, compliant, nonCompliant, notApplicable } from "../../policy-rule";

/** The same test the constructs apply (constructs/checks.ts), as a yes or no. */
function pinned(image: unknown): boolean {
  if (typeof image !== "string" || isExpression(image)) return false;
  try {
    checkPinnedImage(PINNING_SCOPE, "image", image);
    return true;
  } catch (error) {
    if (error instanceof ValidationError) return false;
    throw error;
  }
}

// checkPinnedImage names a construct in its error; the rule only needs the verdict, so a
// detached root construct stands in for one.
const PINNING_SCOPE = new Construct(undefined as unknown as Construct, "image-pinned");

/** Images pinned to a version tag or a digest: never `:latest`, never untagged. */
export const imagePinned: PolicyRule = {
  name: "ImagePinned",
  description: "A floating image changes under a running deployment: rollbacks do not roll back and two pods of one ReplicaSet can run different code",
  fix: "set WorkloadProps.image to a version tag or a sha256 digest, never :latest or untagged",
  resourceTypes: WORKLOAD_RESOURCE_TYPES,
  checkovIds: ["CKV_K8S_14"],
  levels: ALWAYS_ERROR,
  evaluate: (resource) => {
    const pod = podSpecOf(resource);
    if (!pod) return notApplicable();
    const failing = pod.containers.filter((c) => !pinned(c.image)).map((c) => `${c.name} (${show(c.image)})`);
    return failing.length === 0
      ? compliant()
      : nonCompliant(`images not pinned to a version tag or a digest: ${failing.join(", ")}`);
  },
};
