import { formatUsd } from "../cost/format-usd";
import {
  BlockerKind,
  ChangeOrigin,
  MonthlyCost,
  PlanReview,
  PolicyDeltaKind,
  ReviewedChange,
  describePreventDestroy,
  StackReview,
} from "./plan-review-report";
import { ConstructSource } from "./source-locator";

function cell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

function money(amount: number | undefined): string {
  return amount === undefined ? "-" : formatUsd(amount);
}

function signed(amount: number | undefined): string {
  if (amount === undefined) return "-";
  if (Math.round(amount * 100) === 0) return "$0.00";
  return amount > 0 ? `+${formatUsd(amount)}` : formatUsd(amount);
}

function where(source: ConstructSource | undefined): string {
  return source ? `${source.location.file}:${source.location.line}` : "";
}

/** A provider condition as written can be long; the JSON report has it whole. */
function short(text: string): string {
  return text.length > 140 ? `${text.slice(0, 139)}…` : text;
}

function costCell(cost: MonthlyCost): string {
  if (cost.before === undefined && cost.after === undefined) return "-";
  if (cost.before === cost.after) return money(cost.after);
  return `${money(cost.before)} → ${money(cost.after)} (${signed(cost.delta)})`;
}

const BLOCKER_TITLES: Readonly<Record<BlockerKind, string>> = {
  [BlockerKind.DATA_LOSS]: "data loss",
  [BlockerKind.POLICY_ERROR]: "new policy error",
  [BlockerKind.OVER_CEILING]: "over ceiling",
};

function changeRow(c: ReviewedChange): string {
  const why = [
    ...c.reasons,
    ...(c.replacePaths.length > 0 ? [`forced by ${c.replacePaths.map(code).join(", ")}`] : []),
    ...(c.dataHeld !== undefined ? [`**holds data**: ${c.dataHeld}${c.acknowledged !== undefined ? ` (acknowledged: ${c.acknowledged})` : ""}`] : []),
    ...(c.possibleReplacements.length > 0
      ? [`**replacement not ruled out**: ${c.possibleReplacements.map((p) => `${code(p.attribute)} (${p.rule}: ${short(p.condition)})`).join(", ")}`]
      : []),
    ...(describePreventDestroy(c.preventDestroy) !== undefined ? [describePreventDestroy(c.preventDestroy)!] : []),
  ].join("; ");
  const construct = c.constructPath ? `${code(c.constructPath)}${c.source ? `<br>${code(where(c.source))}` : ""}` : "-";
  return `| ${c.action} | ${code(c.address)} | ${construct} | ${cell(why) || "-"} | ${costCell(c.monthlyUsd)} |`;
}

function stackSection(s: StackReview): string[] {
  const out: string[] = [];
  const from = s.origin === ChangeOrigin.PLAN ? `from the plan ${code(s.planFile ?? "")}` : "from the configuration (head against base)";
  out.push(`### ${s.stack}`, "", `Tier ${code(s.tier)}, ${from}${s.dependencies.length > 0 ? `; reads ${s.dependencies.map(code).join(", ")}` : ""}. Monthly: ${costCell(s.cost)}${s.cost.ceilingMonthlyUsd !== undefined ? `, ceiling ${money(s.cost.ceilingMonthlyUsd)}` : ""}.`, "");
  if (s.changes.length > 0) {
    out.push("| action | address | construct | why | monthly |", "|---|---|---|---|---|");
    for (const c of s.changes) out.push(changeRow(c));
    out.push("");
    const detailed = s.changes.filter((c) => c.attributes.length > 0);
    if (detailed.length > 0) {
      out.push("<details><summary>Changed attributes</summary>", "");
      for (const c of detailed) {
        out.push(`${code(c.address)}:`, "");
        for (const a of c.attributes.slice(0, 40)) out.push(`- ${code(a.path)}: ${code(a.before)} → ${code(a.after)}`);
        if (c.attributes.length > 40) out.push(`- … and ${c.attributes.length - 40} more`);
        out.push("");
      }
      out.push("</details>", "");
    }
  }
  if (s.numbers.length > 0) {
    out.push("**Platform numbers**", "", "| what | resource | base | head | changed line |", "|---|---|---|---|---|");
    for (const n of s.numbers) {
      const lines = n.sourceLines.map((l) => `${code(`${l.file}:${l.line}`)} ${code(l.text)}`).join("<br>") || "-";
      out.push(`| ${cell(n.label)} | ${code(n.constructPath ?? n.address)} | ${cell(n.before ?? "-")} | ${cell(n.after ?? "-")} | ${cell(lines)} |`);
    }
    out.push("");
  }
  if (s.policy.length > 0) {
    out.push("**Policy findings against base**", "", "| | rule | level | resource | finding |", "|---|---|---|---|---|");
    for (const p of s.policy) {
      const finding = p.kind === PolicyDeltaKind.NEWLY_SUPPRESSED ? `${p.message} (suppressed: ${p.reason ?? ""})` : p.message;
      out.push(`| ${p.kind} | ${code(p.ruleId)} | ${p.level} | ${code(p.resource)}${p.source ? `<br>${code(where(p.source))}` : ""} | ${cell(finding)}${p.checkovIds.length > 0 ? ` (${p.checkovIds.join(", ")})` : ""} |`);
    }
    out.push("");
  }
  if (s.openPolicyErrors > 0) out.push(`${s.openPolicyErrors} unsuppressed policy error(s) were already open in base.`, "");
  if (s.unknowns.length > 0) {
    out.push("**Unknown until an upstream stack applies**", "");
    for (const u of s.unknowns) out.push(`- ${code(u.consumer)} ${code(u.attribute)} reads ${code(`${u.upstreamStack}.${u.output}`)}: ${cell(u.because)}`);
    out.push("");
  }
  if (s.noise.length > 0) {
    out.push(`<details><summary>${s.noise.length} update(s) collapsed as known provider noise</summary>`, "");
    for (const n of s.noise) out.push(`- ${code(n.address)}: ${n.matches.map((m) => `${code(m.attribute)} (${m.kind}: ${m.why})`).join("; ")}`);
    out.push("", "</details>", "");
  }
  for (const note of s.notes) out.push(`> ${note}`, "");
  return out;
}

function changed(s: StackReview): boolean {
  return s.changes.length > 0 || s.numbers.length > 0 || s.policy.length > 0 || s.unknowns.length > 0 || s.noise.length > 0 || (s.cost.delta ?? 0) !== 0;
}

/**
 * The review as markdown for a pull-request comment or a job summary: what blocks first (so a
 * cut report never hides it), a table of stacks and tiers, then each stack that changes.
 */
export function renderMarkdown(review: PlanReview): string {
  const out: string[] = [];
  const unchecked = review.base === undefined ? (review.plans.length === 0 ? " (nothing compared: no --base, no plan)" : " (no --base: only the planned stacks compared)") : "";
  const verdict = review.blocked ? `blocked: ${review.blockers.length} item(s) must be resolved` : `nothing blocks${unchecked}`;
  out.push(`## Plan review: ${verdict}`, "");
  const plans = review.plans.length > 0 ? review.plans.map((p) => code(p.stack)).join(", ") : "none";
  out.push(`Head ${code(review.head)}${review.base !== undefined ? ` against base ${code(review.base)}` : ""}; plans: ${plans}.`, "");
  if (review.inputWarnings.length > 0) {
    out.push("### Inputs", "");
    for (const w of review.inputWarnings) out.push(`- **${w.kind}**${w.stack ? ` (${code(w.stack)})` : ""}: ${cell(w.message)}`);
    out.push("");
  }
  if (review.blockers.length > 0) {
    out.push("### Blocking", "");
    for (const b of review.blockers) out.push(`- **${BLOCKER_TITLES[b.kind]}**: ${cell(b.message)}${b.source ? ` (${code(where(b.source))})` : ""}`);
    out.push("");
  }
  if (review.acknowledgements.used.length > 0 || review.acknowledgements.unused.length > 0) {
    out.push("### Acknowledged data loss", "");
    for (const a of review.acknowledgements.used) out.push(`- ${code(a.stack)} ${code(a.address)} ${a.action}: ${cell(a.reason)}`);
    for (const a of review.acknowledgements.unused) out.push(`- unused (matches no ${a.action}; remove it): ${code(a.stack)} ${code(a.address)}`);
    out.push("");
  }
  out.push("### Stacks", "", "| tier | stack | from | create | update | replace | delete | noise | monthly | ceiling |", "|---|---|---|---|---|---|---|---|---|---|");
  for (const s of review.stacks) {
    const c = s.counts;
    out.push(
      `| ${s.tier} | ${s.stack} | ${s.origin} | ${c.create} | ${c.update} | ${c.replace} | ${c.delete + c.forget} | ${c.noise} | ${costCell(s.cost)} | ${money(s.cost.ceilingMonthlyUsd)} |`,
    );
  }
  out.push("", "| tier | stacks | monthly | ceiling |", "|---|---|---|---|");
  for (const t of review.tiers) out.push(`| ${t.tier} | ${t.stacks.length} | ${costCell(t.cost)} | ${money(t.cost.ceilingMonthlyUsd)}${t.cost.breach ? " **over**" : ""} |`);
  out.push("");
  for (const s of review.stacks.filter(changed)) out.push(...stackSection(s));
  for (const note of review.notes) out.push(`> ${note}`, "");
  out.push("Expected monthly cost in USD from the cost model (spot, schedules and the always-on pools as it models them). Sensitive values are never shown.");
  return `${out.join("\n")}\n`;
}
