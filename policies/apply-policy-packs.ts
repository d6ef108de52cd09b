import { Aspects, TerraformStack } from "cdktf";
import { checkInteger } from "../constructs/checks";
import { ValidationError } from "../constructs/validation-error";
import { AzureBaseline } from "./azure-baseline";
import { CostPack } from "./cost-pack";
import { KubernetesWorkloads } from "./kubernetes-workloads";
import { PolicyPack } from "./policy-pack";
import { PolicyProfile } from "./policy-profile";
import { StackPolicyResults } from "./stack-policy-results";

/**
 * Runs the three packs (AzureBaseline, KubernetesWorkloads, CostPack) on every resource of a
 * stack at synthesis, including resources added after this call. Call it once per stack;
 * `writePolicyReport` writes what they found. `applyPlatformGuardrails` does both, and adds a cost
 * ceiling: prefer it.
 */
export function applyPolicyPacks(stack: TerraformStack, profile: PolicyProfile): readonly PolicyPack[] {
  if (profile.maxNodesPerPool !== undefined) checkInteger(stack, "policyProfile.maxNodesPerPool", profile.maxNodesPerPool, 1, 1000);
  if (profile.maxReplicasPerWorkload !== undefined) {
    checkInteger(stack, "policyProfile.maxReplicasPerWorkload", profile.maxReplicasPerWorkload, 1, 10000);
  }
  const results = StackPolicyResults.of(stack);
  if (results.packs.length > 0) {
    throw new ValidationError(stack, "policyPacks", results.packs.map((p) => p.pack.name), "expected the policy packs to be applied once per stack");
  }
  const packs = [new AzureBaseline(profile), new KubernetesWorkloads(profile), new CostPack(profile)];
  for (const pack of packs) {
    results.register(pack, stack);
    Aspects.of(stack).add(pack);
  }
  return packs;
}
