import { readFileSync, writeFileSync } from "fs";
import { join, posix, relative, resolve } from "path";
import * as ts from "typescript";

/**
 * The package's API report: every name `index.ts` exports, with the declaration `tsc` emits for it
 * (signatures, props with their JSDoc tags stripped), grouped by source file. Checked in as
 * `api/cdktf-aks-platform.api.md` so the public surface changes only on purpose:
 *
 *   npm run api            rewrites the report
 *   npm run api -- --check exits 1 when the report is out of date (`npm test` runs the same check)
 *
 * It also lists "forgotten" types: names an exported declaration refers to that are declared in
 * this package but not exported, so a consumer could not name them.
 */

export const API_REPORT_PATH = "api/cdktf-aks-platform.api.md";

export interface ApiReport {
  readonly text: string;
  /** Exported names, in report order. */
  readonly names: readonly string[];
  /** `Type (referenced by Name)`: declared in the package, used by the public API, not exported. */
  readonly forgotten: readonly string[];
}

interface Declaration {
  readonly name: string;
  readonly file: string;
  readonly text: string;
  readonly node: ts.Statement;
}

function declaredName(statement: ts.Statement): string | undefined {
  if (
    (ts.isClassDeclaration(statement) ||
      ts.isInterfaceDeclaration(statement) ||
      ts.isEnumDeclaration(statement) ||
      ts.isFunctionDeclaration(statement) ||
      ts.isTypeAliasDeclaration(statement)) &&
    statement.name
  ) {
    return statement.name.text;
  }
  if (ts.isVariableStatement(statement)) {
    const first = statement.declarationList.declarations[0];
    return ts.isIdentifier(first.name) ? first.name.text : undefined;
  }
  return undefined;
}

/** Removes JSDoc and line comments: the report records shapes; the docs carry the prose. */
function withoutComments(text: string): string {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, text);
  let out = "";
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.SingleLineCommentTrivia || kind === ts.SyntaxKind.MultiLineCommentTrivia) continue;
    out += scanner.getTokenText();
  }
  return out
    .split("\n")
    .map((line) => line.replace(/\s+$/, ""))
    .filter((line) => line.trim() !== "")
    .join("\n");
}

/** Declarations of the whole project, emitted in memory (nothing is written to dist/). */
function emitDeclarations(root: string): Map<string, string> {
  const configPath = join(root, "tsconfig.build.json");
  const config = ts.getParsedCommandLineOfConfigFile(configPath, { noEmit: false }, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    },
  });
  if (!config) throw new Error(`cannot read ${configPath}`);
  const options: ts.CompilerOptions = { ...config.options, declaration: true, emitDeclarationOnly: true, noEmit: false, incremental: false, composite: false, tsBuildInfoFile: undefined };
  const program = ts.createProgram(config.fileNames, options);
  const outDir = options.outDir ?? join(root, "dist");
  const files = new Map<string, string>();
  const result = program.emit(undefined, (fileName, text) => {
    if (fileName.endsWith(".d.ts")) files.set(relative(outDir, fileName).split("\\").join("/"), text);
  }, undefined, true);
  const errors = ts.getPreEmitDiagnostics(program).concat(result.diagnostics).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) {
    throw new Error(ts.formatDiagnostics(errors, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => "\n" }));
  }
  return files;
}

export function buildApiReport(root: string): ApiReport {
  const dts = emitDeclarations(root);
  const parse = (file: string) => ts.createSourceFile(file, dts.get(file) ?? "", ts.ScriptTarget.Latest, true);

  // Every top-level declaration of the package, by file and name.
  const declarations = new Map<string, Map<string, Declaration>>();
  // Names a consumer might need to write: exported from their file, or interfaces, classes and
  // enums. A file's own unexported type alias (a local shorthand) is not counted.
  const declaredAnywhere = new Map<string, string>();
  for (const file of dts.keys()) {
    const source = parse(file);
    const byName = new Map<string, Declaration>();
    for (const statement of source.statements) {
      const name = declaredName(statement);
      if (name === undefined) continue;
      byName.set(name, { name, file, text: withoutComments(statement.getText(source)), node: statement });
      const isExported = ts.canHaveModifiers(statement) && (ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
      if ((isExported || !ts.isTypeAliasDeclaration(statement)) && !declaredAnywhere.has(name)) declaredAnywhere.set(name, file);
    }
    declarations.set(file, byName);
  }

  const index = parse("index.d.ts");
  if (index.statements.length === 0) throw new Error("tsc emitted no index.d.ts");
  const sections: string[] = [];
  const names: string[] = [];
  const exported = new Set<string>();
  const forgotten = new Set<string>();
  const published: Declaration[] = [];
  for (const statement of index.statements) {
    if (!ts.isExportDeclaration(statement) || !statement.moduleSpecifier || !ts.isStringLiteral(statement.moduleSpecifier)) {
      throw new Error(`index.ts may hold only named re-exports (export { … } from "./…"), found: ${statement.getText(index)}`);
    }
    if (!statement.exportClause || !ts.isNamedExports(statement.exportClause)) {
      throw new Error(`index.ts must name what it exports, found: ${statement.getText(index)}`);
    }
    const file = posix.normalize(`${statement.moduleSpecifier.text}.d.ts`);
    const byName = declarations.get(file);
    if (!byName) throw new Error(`index.ts re-exports from ${statement.moduleSpecifier.text}, which emitted no declarations`);
    const lines: string[] = [];
    for (const element of statement.exportClause.elements) {
      const name = (element.propertyName ?? element.name).text;
      const declaration = byName.get(name);
      if (!declaration) throw new Error(`${file} has no top-level declaration of ${name}`);
      names.push(element.name.text);
      exported.add(name);
      published.push(declaration);
      lines.push(declaration.text);
    }
    sections.push(`## ${statement.moduleSpecifier.text.replace(/^\.\//, "")}${statement.isTypeOnly ? " (types)" : ""}\n\n\`\`\`ts\n${lines.join("\n\n")}\n\`\`\``);
  }

  for (const declaration of published) {
    const visit = (node: ts.Node): void => {
      if (ts.isTypeReferenceNode(node) || ts.isExpressionWithTypeArguments(node)) {
        const target = ts.isTypeReferenceNode(node) ? node.typeName : node.expression;
        const name = ts.isIdentifier(target) ? target.text : ts.isQualifiedName(target) ? target.left.getText() : undefined;
        if (name !== undefined && declaredAnywhere.has(name) && !exported.has(name)) forgotten.add(`${name} (referenced by ${declaration.name})`);
      }
      if (ts.isTypeQueryNode(node) && ts.isIdentifier(node.exprName)) {
        const name = node.exprName.text;
        if (declaredAnywhere.has(name) && !exported.has(name)) forgotten.add(`${name} (referenced by ${declaration.name})`);
      }
      ts.forEachChild(node, visit);
    };
    visit(declaration.node);
  }

  const header = [
    "# API report: cdktf-aks-platform",
    "",
    "Every name the package exports, with the declaration `tsc` emits for it (comments stripped), by the",
    "file that declares it. Generated by `npm run api`; `npm test` fails when this file and the code",
    "differ, so the public API changes only on purpose. A change here that removes or narrows",
    "something is a breaking change (see the README's \"Releases\").",
    "",
    `${names.length} exports.`,
  ];
  return { text: `${header.join("\n")}\n\n${sections.join("\n\n")}\n`, names, forgotten: [...forgotten].sort() };
}

function main(args: string[]): number {
  const root = resolve(__dirname, "..");
  const report = buildApiReport(root);
  const path = join(root, API_REPORT_PATH);
  if (report.forgotten.length > 0) {
    console.error(`the public API refers to types it does not export:\n  ${report.forgotten.join("\n  ")}`);
    return 1;
  }
  if (args.includes("--check")) {
    const current = readFileSync(path, "utf8");
    if (current !== report.text) {
      console.error(`${API_REPORT_PATH} is out of date: the exported API changed. Review the change and run \`npm run api\`.`);
      return 1;
    }
    console.log(`${API_REPORT_PATH} matches the code (${report.names.length} exports)`);
    return 0;
  }
  writeFileSync(path, report.text);
  console.log(`wrote ${relative(process.cwd(), path) || path} (${report.names.length} exports)`);
  return 0;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
