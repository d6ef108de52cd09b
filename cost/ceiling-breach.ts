import { CostLine, CostRange, biggestLines } from "./cost-estimate";
import { formatUsd } from "./format-usd";

/** What is held to a ceiling: a stack, or a tier made of stacks. */
export interface CeilingSubject {
  /** `stack small-prod`, `tier enterprise (enterprise-global, ...)`. */
  readonly label: string;
  readonly total: CostRange;
  readonly lines: readonly CostLine[];
  readonly ceilingMonthlyUsd: number;
  /** Where the ceiling is set, for the message (`tier.budget.ceilingMonthlyUsd`). */
  readonly ceilingSource: string;
}

/**
 * The guardrail's error when the expected monthly cost exceeds the ceiling: the subject, the
 * estimate, the ceiling and the three biggest lines. Undefined within the ceiling.
 */
export function ceilingBreach(subject: CeilingSubject): string | undefined {
  const { total, ceilingMonthlyUsd } = subject;
  if (!(total.expected > ceilingMonthlyUsd)) return undefined;
  const top = biggestLines(subject.lines, 3)
    .map((l, i) => `${i + 1}. ${l.component} (${l.address}) ${formatUsd(l.monthlyUsd.expected)}`)
    .join("; ");
  return (
    `cost guardrail: ${subject.label} is expected to cost ${formatUsd(total.expected)} a month ` +
    `(min ${formatUsd(total.min)}, max ${formatUsd(total.max)}), over its ceiling of ${formatUsd(ceilingMonthlyUsd)} ` +
    `(${subject.ceilingSource}); biggest lines: ${top}`
  );
}
