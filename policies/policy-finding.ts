import { PolicyLevel } from "./policy-rule";

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
  readonly checkovIds: readonly string[];
  /** The suppression's reason, for a suppressed finding. */
  readonly reason?: string;
  /** Construct path that carries the suppression. */
  readonly suppressedAt?: string;
}
