import { IConstruct } from "constructs";
import { AnnotationMetadataEntryType, DISABLE_STACK_TRACE_IN_METADATA } from "cdktf";
import { PolicyLevel } from "./policy-rule";

/** Set to any value to record where each finding was raised (a stack trace per finding) in the manifest. */
export const POLICY_TRACES_ENV = "CDKTF_AKS_POLICY_TRACES";

/** Whether a broken rule still counts against the stack. */
export enum FindingStatus {
  /** Reported through Annotations at the rule's level; an error fails synthesis. */
  NON_COMPLIANT = "non-compliant",
  /** Broken on purpose, with a reason; reported, never fails synthesis. */
  SUPPRESSED = "suppressed",
}

/** One rule broken by one resource. */
export interface PolicyFinding {
  /** `<Pack>-<Rule>`. */
  readonly ruleId: string;
  readonly pack: string;
  readonly rule: string;
  readonly level: PolicyLevel;
  readonly status: FindingStatus;
  /** Construct path of the resource. */
  readonly resource: string;
  readonly resourceType: string;
  /** Terraform address, `<type>.<logical id>`. */
  readonly address: string;
  /** What the rule found. */
  readonly message: string;
  /** Why the rule exists. */
  readonly description: string;
  /** How to comply: the construct prop to set; absent when the rule gives none. */
  readonly fix?: string;
  readonly checkovIds: readonly string[];
  /** The suppression's reason, for a suppressed finding. */
  readonly reason?: string;
  /** Construct path that carries the suppression. */
  readonly suppressedAt?: string;
}

/**
 * Annotates a resource with a finding: construct path and message, without the ~30-line stack
 * trace Annotations record by default (it says where the Aspect ran, not what to change, and would
 * carry this machine's paths into the manifest). `CDKTF_AKS_POLICY_TRACES=1` records it, unless
 * the stack disables traces (`DISABLE_STACK_TRACE_IN_METADATA`, as the reference stacks do).
 */
export function annotateFinding(node: IConstruct, level: PolicyLevel, text: string): void {
  const type = level === PolicyLevel.ERROR ? AnnotationMetadataEntryType.ERROR : AnnotationMetadataEntryType.WARN;
  const traces = process.env[POLICY_TRACES_ENV] !== undefined && node.node.tryGetContext(DISABLE_STACK_TRACE_IN_METADATA) !== true;
  node.node.addMetadata(type, text, { stackTrace: traces });
}
