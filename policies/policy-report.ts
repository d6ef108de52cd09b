import { mkdirSync, writeFileSync } from "fs";
import { join } from "path";
import { IConstruct } from "constructs";
import { App, TerraformResource, TerraformStack } from "cdktf";
import { FindingStatus, PolicyFinding } from "./policy-finding";
import { PolicyEnvironment } from "./policy-profile";
import { PolicyLevel } from "./policy-rule";
import { EvaluationCounts, StackPolicyResults, compareCodeUnits } from "./stack-policy-results";

/** Bumped when a field changes meaning or disappears; consumers (plan review) check it. */
export const POLICY_REPORT_SCHEMA_VERSION = 1;

/** File names under the app's output directory. */
export const POLICY_REPORT_JSON = "policy-report.json";
export const POLICY_REPORT_MARKDOWN_DIR = "policy-report";

export interface PolicyReportSummary extends EvaluationCounts {
  /** Unsuppressed error findings: synthesis fails when this is above zero. */
  readonly errors: number;
  /** Unsuppressed warning findings. */
  readonly warnings: number;
  readonly suppressed: number;
}

/** What the packs found in one stack. */
export interface StackPolicyReport {
  readonly stack: string;
  /** The profile the packs ran under; null when no pack ran on the stack. */
  readonly profile: {
    readonly name: string;
    readonly environment: PolicyEnvironment;
    readonly maxNodesPerPool: number | null;
    readonly maxReplicasPerWorkload: number | null;
  } | null;
  readonly packs: readonly string[];
  readonly summary: PolicyReportSummary;
  readonly findings: readonly PolicyFinding[];
}

/** `cdktf.out/policy-report.json`. */
export interface PolicyReport {
  readonly schemaVersion: number;
  readonly stacks: readonly StackPolicyReport[];
}

/**
 * The findings of every stack of an app. Packs that have not yet visited every resource (a stack
 * after the one whose errors stopped `app.synth()`) finish their evaluation first, so the report
 * is complete exactly when it is most needed.
 */
export function policyReport(app: IConstruct): PolicyReport {
  const stacks = app.node.findAll().filter((n): n is TerraformStack => TerraformStack.isStack(n));
  return {
    schemaVersion: POLICY_REPORT_SCHEMA_VERSION,
    stacks: stacks
      .map((stack) => stackReport(stack))
      .sort((a, b) => compareCodeUnits(a.stack, b.stack)),
  };
}

function stackReport(stack: TerraformStack): StackPolicyReport {
  const results = StackPolicyResults.find(stack);
  for (const { pack, scope } of results?.packs ?? []) {
    for (const node of scope.node.findAll()) if (node instanceof TerraformResource) pack.visit(node);
  }
  const findings = results?.findings ?? [];
  const open = findings.filter((f) => f.status === FindingStatus.NON_COMPLIANT);
  const profile = results?.packs[0]?.pack.profile;
  return {
    stack: stack.node.id,
    profile: profile
      ? {
          name: profile.name,
          environment: profile.environment,
          maxNodesPerPool: profile.maxNodesPerPool ?? null,
          maxReplicasPerWorkload: profile.maxReplicasPerWorkload ?? null,
        }
      : null,
    packs: (results?.packs ?? []).map((p) => p.pack.name),
    summary: {
      ...(results?.evaluationCounts ?? { evaluations: 0, compliant: 0, notApplicable: 0, nonCompliant: 0 }),
      errors: open.filter((f) => f.level === PolicyLevel.ERROR).length,
      warnings: open.filter((f) => f.level === PolicyLevel.WARNING).length,
      suppressed: findings.length - open.length,
    },
    findings,
  };
}

function cell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

/** The markdown summary of one stack: a line of counts and a table of findings. */
export function renderPolicyMarkdown(report: StackPolicyReport): string {
  const s = report.summary;
  const lines = [
    `# Policy report: ${report.stack}`,
    "",
    report.profile
      ? `Profile \`${report.profile.name}\` (${report.profile.environment}); packs ${report.packs.join(", ")}.`
      : "No policy pack ran on this stack.",
    "",
    `${s.evaluations} evaluations: ${s.compliant} compliant, ${s.notApplicable} not applicable, ` +
      `${s.errors} errors, ${s.warnings} warnings, ${s.suppressed} suppressed.`,
    "",
  ];
  if (report.findings.length === 0) {
    lines.push("No findings.");
  } else {
    lines.push("| Rule | Resource | Level | Status | Reason | Checkov |", "|---|---|---|---|---|---|");
    for (const f of report.findings) {
      // A suppressed finding shows why it is accepted; an open one shows what is wrong.
      const reason =
        f.status === FindingStatus.SUPPRESSED
          ? `${f.reason} (suppressed at \`${f.suppressedAt}\`; found: ${f.message})`
          : `${f.message}${f.fix ? `. Fix: ${f.fix}` : ""}`;
      lines.push(
        `| ${cell(f.ruleId)} | \`${cell(f.resource)}\` | ${f.level} | ${f.status} | ${cell(reason)} | ${cell(f.checkovIds.join(", ") || "-")} |`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}

/**
 * Writes `<outdir>/policy-report.json` (every stack) and `<outdir>/policy-report/<stack>.md`.
 * `applyPlatformGuardrails` has `app.synth()` write it; with `applyPolicyPacks` alone, call it
 * after `app.synth()`, in a `finally` so the report also exists when errors fail synthesis.
 */
export function writePolicyReport(app: App, outdir: string = app.outdir): PolicyReport {
  const report = policyReport(app);
  mkdirSync(join(outdir, POLICY_REPORT_MARKDOWN_DIR), { recursive: true });
  writeFileSync(join(outdir, POLICY_REPORT_JSON), `${JSON.stringify(report, null, 2)}\n`);
  for (const stack of report.stacks) {
    writeFileSync(join(outdir, POLICY_REPORT_MARKDOWN_DIR, `${stack.stack}.md`), renderPolicyMarkdown(stack));
  }
  return report;
}
