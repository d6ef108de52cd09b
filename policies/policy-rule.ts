import { PolicyEnvironment } from "./policy-profile";

/** How a broken rule is reported: an error fails synthesis, a warning is printed and reported. */
export enum PolicyLevel {
  ERROR = "error",
  WARNING = "warning",
}

/** What a rule says about one resource. */
export enum RuleStatus {
  COMPLIANT = "compliant",
  NON_COMPLIANT = "non-compliant",
  /** The rule has nothing to say about this resource (a regular pool for a spot-only rule, ...). */
  NOT_APPLICABLE = "not-applicable",
}

export interface RuleResult {
  readonly status: RuleStatus;
  /** What is wrong, for a non-compliant result; names the attribute and the value found. */
  readonly message?: string;
}

/** One Terraform resource as a rule sees it: its configuration with every token resolved. */
export interface PolicyResource {
  /** Terraform resource type, e.g. `azurerm_kubernetes_cluster`. */
  readonly type: string;
  /** Terraform address, `<type>.<logical id>`. */
  readonly address: string;
  /** Construct path, e.g. `small-prod/Cluster/Resource`. */
  readonly path: string;
  /**
   * The resolved configuration as Terraform JSON (snake_case keys, blocks as objects or lists).
   * References to other resources appear as `${...}` expression strings.
   */
  readonly config: Readonly<Record<string, unknown>>;
}

/**
 * What a rule may know beyond its own resource: the profile it runs under and the other resources
 * of the stack (for rules such as "every namespace has a NetworkPolicy").
 */
export interface RuleContext {
  readonly environment: PolicyEnvironment;
  /** Most nodes an autoscaled node pool may reach; undefined for no cap. */
  readonly maxNodesPerPool?: number;
  /** Most replicas an autoscaler may set; undefined for no cap. */
  readonly maxReplicasPerWorkload?: number;
  /**
   * The stack's resources of the types the packs cover or the cross-resource rules read
   * (namespaces, NetworkPolicies, quotas, PodDisruptionBudgets, autoscalers), resolved.
   */
  readonly resources: readonly PolicyResource[];
}

/**
 * A policy rule: a pure function over one resolved resource, with the metadata the packs, the
 * annotations and the report need. Its id in findings is `<Pack>-<name>`.
 */
export interface PolicyRule {
  /** PascalCase name, unique within its pack. */
  readonly name: string;
  /** Why the rule exists, in one sentence. */
  readonly description: string;
  /**
   * How to comply with this library's constructs: the prop to set (`AlwaysOnClusterProps.systemPool`)
   * or the construct that always does, rather than the Terraform attribute the rule reads. Every
   * rule of the library's packs has one.
   * @default - none: the finding says what is wrong and why only
   */
  readonly fix?: string;
  /** Terraform resource types the rule is evaluated on. */
  readonly resourceTypes: readonly string[];
  /** Checkov checks that test the same thing, for cross-reference; empty where none matches. */
  readonly checkovIds: readonly string[];
  /** The level in each environment; an environment not listed does not run the rule. */
  readonly levels: Readonly<Partial<Record<PolicyEnvironment, PolicyLevel>>>;
  evaluate(resource: PolicyResource, context: RuleContext): RuleResult;
}

export function compliant(): RuleResult {
  return { status: RuleStatus.COMPLIANT };
}

export function nonCompliant(message: string): RuleResult {
  return { status: RuleStatus.NON_COMPLIANT, message };
}

export function notApplicable(): RuleResult {
  return { status: RuleStatus.NOT_APPLICABLE };
}

/** Levels for a rule that production enforces and staging reports; dev (a laptop) skips it. */
export const PRODUCTION_ERROR_STAGING_WARNING: PolicyRule["levels"] = {
  [PolicyEnvironment.STAGING]: PolicyLevel.WARNING,
  [PolicyEnvironment.PRODUCTION]: PolicyLevel.ERROR,
};

/** Levels for a rule that every environment on Azure enforces. */
export const STAGING_AND_PRODUCTION_ERROR: PolicyRule["levels"] = {
  [PolicyEnvironment.STAGING]: PolicyLevel.ERROR,
  [PolicyEnvironment.PRODUCTION]: PolicyLevel.ERROR,
};

/** Levels for a rule only production needs (SLA, zones, backups, Defender). */
export const PRODUCTION_ONLY_ERROR: PolicyRule["levels"] = {
  [PolicyEnvironment.PRODUCTION]: PolicyLevel.ERROR,
};

/** Levels for a rule dev reports as a warning and the shared environments enforce. */
export const DEV_WARNING_ELSE_ERROR: PolicyRule["levels"] = {
  [PolicyEnvironment.DEVELOPMENT]: PolicyLevel.WARNING,
  [PolicyEnvironment.STAGING]: PolicyLevel.ERROR,
  [PolicyEnvironment.PRODUCTION]: PolicyLevel.ERROR,
};

/** Levels for a rule every environment enforces, the laptop included. */
export const ALWAYS_ERROR: PolicyRule["levels"] = {
  [PolicyEnvironment.DEVELOPMENT]: PolicyLevel.ERROR,
  [PolicyEnvironment.STAGING]: PolicyLevel.ERROR,
  [PolicyEnvironment.PRODUCTION]: PolicyLevel.ERROR,
};
