import { readFileSync } from "fs";
import { join } from "path";
import { App, AnnotationMetadataEntryType, TerraformStack } from "cdktf";
import { CostGuardrail } from "../cost/cost-guardrail";
import { formatUsd } from "../cost/format-usd";

interface ManifestAnnotation {
  readonly constructPath: string;
  readonly level: string;
  readonly message: string;
}

/**
 * What `npm run synth` prints after `app.synth()`: per stack its resources, its expected monthly
 * cost and the ceiling it is held to, then every warning the stacks carry (`npx cdktf synth`
 * prints the same from the manifest), so nothing the CLI would say is hidden.
 */
export function synthSummary(app: App, outdir: string): string {
  const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")) as { stacks: Record<string, { annotations?: ManifestAnnotation[] }> };
  const stacks = app.node.children.filter((c): c is TerraformStack => TerraformStack.isStack(c));
  const rows = stacks.map((stack) => {
    const name = stack.node.id;
    const json = JSON.parse(readFileSync(join(outdir, "stacks", name, "cdk.tf.json"), "utf8")) as { resource?: Record<string, Record<string, unknown>> };
    const resources = Object.values(json.resource ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0);
    const guardrail = CostGuardrail.of(stack);
    const estimate = CostGuardrail.estimate(stack);
    const expected = estimate ? formatUsd(estimate.total.expected) : "–";
    const ceiling =
      guardrail === undefined
        ? "–"
        : guardrail.props.stackCeilingMonthlyUsd !== undefined
          ? formatUsd(guardrail.props.stackCeilingMonthlyUsd)
          : `toward tier ${guardrail.props.tierName}`;
    const warnings = (manifest.stacks[name]?.annotations ?? []).filter((a) => a.level === AnnotationMetadataEntryType.WARN);
    return { name, resources: String(resources), expected, ceiling, warnings };
  });
  const header = { name: "stack", resources: "resources", expected: "expected/month", ceiling: "ceiling" };
  const width = (key: "name" | "resources" | "expected" | "ceiling") => Math.max(header[key].length, ...rows.map((r) => r[key].length));
  const line = (r: typeof header) =>
    `${r.name.padEnd(width("name"))}  ${r.resources.padStart(width("resources"))}  ${r.expected.padStart(width("expected"))}  ${r.ceiling}`.trimEnd();
  const out = [line(header), ...rows.map(line)];
  out.push(`${rows.length} stacks written to ${outdir}/stacks`);
  const warnings = rows.flatMap((r) => r.warnings);
  if (warnings.length === 0) {
    out.push("no warnings");
  } else {
    out.push("", `${warnings.length} warning(s) (also in ${outdir}/manifest.json, each stack's "annotations"):`);
    for (const w of warnings) out.push(`  [${w.constructPath}] ${w.message}`);
  }
  return out.join("\n");
}
