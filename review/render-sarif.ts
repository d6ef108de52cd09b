import { createHash } from "crypto";
import { BlockerKind, ChangeAction, PlanReview, PolicyDeltaKind } from "./plan-review-report";
import { ConstructSource, SourceLocation } from "./source-locator";

/**
 * The review as SARIF 2.1.0 in the subset GitHub code scanning accepts: one run, a rule per kind
 * of result, each result located at the TypeScript line that created the construct (with the
 * constructs that composed it as related locations), a partial fingerprint that survives line
 * moves. A result whose construct is not found in the sources is located at `fallbackFile`.
 */

export type SarifLevel = "error" | "warning" | "note";

export interface SarifPhysicalLocation {
  readonly artifactLocation: { readonly uri: string; readonly uriBaseId: string };
  readonly region: { readonly startLine: number; readonly startColumn?: number };
}

export interface SarifLocation {
  readonly id?: number;
  readonly physicalLocation: SarifPhysicalLocation;
  readonly message?: { readonly text: string };
}

export interface SarifRule {
  readonly id: string;
  readonly name: string;
  readonly shortDescription: { readonly text: string };
  readonly fullDescription: { readonly text: string };
  readonly defaultConfiguration: { readonly level: SarifLevel };
  readonly help: { readonly text: string };
  readonly properties: { readonly tags: readonly string[] };
}

export interface SarifResult {
  readonly ruleId: string;
  readonly ruleIndex: number;
  readonly level: SarifLevel;
  readonly message: { readonly text: string };
  readonly locations: readonly SarifLocation[];
  readonly relatedLocations?: readonly SarifLocation[];
  readonly partialFingerprints: Readonly<Record<string, string>>;
  readonly suppressions?: readonly { readonly kind: "inSource"; readonly justification: string }[];
}

export interface SarifLog {
  readonly $schema: string;
  readonly version: "2.1.0";
  readonly runs: readonly {
    readonly tool: { readonly driver: { readonly name: string; readonly informationUri: string; readonly rules: readonly SarifRule[] } };
    readonly automationDetails: { readonly id: string };
    readonly columnKind: "utf16CodeUnits";
    readonly results: readonly SarifResult[];
  }[];
}

export interface SarifOptions {
  /**
   * Where results without a construct in the sources are located (the app's entry file).
   * @default "main.ts"
   */
  readonly fallbackFile?: string;
}

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

interface RuleSpec {
  readonly id: string;
  readonly name: string;
  readonly short: string;
  readonly full: string;
  readonly level: SarifLevel;
  readonly tags: readonly string[];
}

const RULES: Readonly<Record<string, RuleSpec>> = {
  dataLoss: {
    id: "plan-review/data-loss",
    name: "DataLoss",
    short: "A resource that holds data is deleted or replaced",
    full: "The change deletes or replaces a resource whose data is lost with it (a database, a storage account, a vault, the cluster). It blocks the pull request until acknowledged in the acknowledgement file with a reason.",
    level: "error",
    tags: ["plan-review", "data-loss"],
  },
  dataLossAcknowledged: {
    id: "plan-review/data-loss-acknowledged",
    name: "DataLossAcknowledged",
    short: "An acknowledged delete or replace of a resource that holds data",
    full: "The change deletes or replaces a resource that holds data, and the acknowledgement file accepts it with a reason.",
    level: "note",
    tags: ["plan-review", "data-loss"],
  },
  replace: {
    id: "plan-review/replace",
    name: "Replace",
    short: "A resource is replaced",
    full: "Terraform destroys the resource and creates it again; whatever depends on it sees a new object.",
    level: "warning",
    tags: ["plan-review"],
  },
  overCeiling: {
    id: "plan-review/over-ceiling",
    name: "OverCeiling",
    short: "Expected monthly cost over the ceiling",
    full: "The cost model's expected monthly cost of a stack or a tier exceeds its budget ceiling.",
    level: "error",
    tags: ["plan-review", "cost"],
  },
};

function location(loc: SourceLocation, text?: string): SarifLocation {
  return {
    physicalLocation: { artifactLocation: { uri: loc.file, uriBaseId: "%SRCROOT%" }, region: { startLine: loc.line, startColumn: loc.column } },
    ...(text !== undefined ? { message: { text } } : {}),
  };
}

function fallback(file: string): SarifLocation {
  return { physicalLocation: { artifactLocation: { uri: file, uriBaseId: "%SRCROOT%" }, region: { startLine: 1 } } };
}

function related(source: ConstructSource | undefined): SarifLocation[] | undefined {
  if (!source || source.chain.length < 2) return undefined;
  return source.chain.slice(0, -1).map((loc, i) => ({ ...location(loc, `composed by ${loc.className} ${JSON.stringify(loc.id ?? "")}`), id: i + 1 }));
}

function fingerprint(...parts: string[]): string {
  return createHash("sha256").update(parts.join("\0")).digest("hex").slice(0, 32);
}

/** Renders the review as a SARIF log. */
export function renderSarif(review: PlanReview, options: SarifOptions = {}): SarifLog {
  const fallbackFile = options.fallbackFile ?? "main.ts";
  const rules: SarifRule[] = [];
  const ruleIndex = new Map<string, number>();
  const rule = (spec: RuleSpec): number => {
    const known = ruleIndex.get(spec.id);
    if (known !== undefined) return known;
    rules.push({
      id: spec.id,
      name: spec.name,
      shortDescription: { text: spec.short },
      fullDescription: { text: spec.full },
      defaultConfiguration: { level: spec.level },
      help: { text: spec.full },
      properties: { tags: spec.tags },
    });
    ruleIndex.set(spec.id, rules.length - 1);
    return rules.length - 1;
  };
  const results: SarifResult[] = [];
  const add = (spec: RuleSpec, level: SarifLevel, text: string, source: ConstructSource | undefined, key: string, suppression?: string) => {
    const index = rule(spec);
    const why = source ? text : `${text} (construct not found in the sources; located at the app's entry)`;
    const relatedLocations = related(source);
    results.push({
      ruleId: spec.id,
      ruleIndex: index,
      level,
      message: { text: why },
      locations: [source ? location(source.location) : fallback(fallbackFile)],
      ...(relatedLocations ? { relatedLocations } : {}),
      partialFingerprints: { "planReview/v1": fingerprint(spec.id, key) },
      ...(suppression !== undefined ? { suppressions: [{ kind: "inSource" as const, justification: suppression }] } : {}),
    });
  };

  for (const s of review.stacks) {
    for (const c of s.changes) {
      const verb =
        c.action === ChangeAction.DELETE ? "deleted" : c.action === ChangeAction.UPDATE && c.possibleReplacements.length > 0 ? "updated, replacement not ruled out," : "replaced";
      const key = `${s.stack}\0${c.address}`;
      if (c.dataHeld !== undefined) {
        const text = `${s.stack}: ${c.address} (${c.constructPath ?? "no construct path"}) is ${verb}, losing ${c.dataHeld}`;
        if (c.acknowledged !== undefined) add(RULES.dataLossAcknowledged, "note", `${text}; acknowledged: ${c.acknowledged}`, c.source, key);
        else add(RULES.dataLoss, "error", `${text}; acknowledge it in the acknowledgement file or change the code`, c.source, key);
      } else if (c.action === ChangeAction.REPLACE) {
        const forced = c.replacePaths.length > 0 ? ` (forced by ${c.replacePaths.join(", ")})` : "";
        add(RULES.replace, "warning", `${s.stack}: ${c.address} (${c.constructPath ?? "no construct path"}) is replaced${forced}`, c.source, key);
      }
    }
    for (const p of s.policy) {
      if (p.kind === PolicyDeltaKind.RESOLVED) continue;
      const spec: RuleSpec = {
        id: p.ruleId,
        name: p.ruleId.replace(/[^A-Za-z0-9]/g, ""),
        short: p.description,
        full: `${p.description}${p.checkovIds.length > 0 ? ` (Checkov ${p.checkovIds.join(", ")})` : ""}`,
        level: p.level === "error" ? "error" : "warning",
        tags: ["plan-review", "policy"],
      };
      const suppression = p.kind === PolicyDeltaKind.NEWLY_SUPPRESSED ? p.reason ?? "suppressed" : undefined;
      add(spec, spec.level, `${s.stack}: ${p.resource}: ${p.message}`, p.source, `${s.stack}\0${p.resource}`, suppression);
    }
  }
  for (const b of review.blockers.filter((x) => x.kind === BlockerKind.OVER_CEILING)) {
    add(RULES.overCeiling, "error", b.message, undefined, `${b.stack ?? ""}\0${b.tier ?? ""}`);
  }
  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "cdktf-plan-review", informationUri: "https://www.npmjs.com/package/cdktf-aks-platform", rules } },
        automationDetails: { id: "cdktf-plan-review/" },
        columnKind: "utf16CodeUnits",
        results,
      },
    ],
  };
}
