import { readFileSync, writeFileSync } from "fs";
import { FORCE_NEW_TABLE_FILE, formatForceNewTable, generateForceNewTable } from "./terraform/force-new-source";
import { SourceUnavailableError, cacheRoot } from "./terraform/provider-cache";
import { readUsedTypes } from "./terraform/provider-bindings";

/**
 * `npm run force-new`: regenerates `review/force-new-table.ts`, the attributes that force a new
 * resource for every resource type of `providers/used-types.json`, from the pinned providers' own
 * Go source (the module `npm run validate` builds; `go mod download` fetches it from the Go module
 * proxy when the cache lacks it). Run it whenever the pinned providers or the used types change.
 *
 * `--check` regenerates and compares with the committed table, writing nothing: exit 1 names every
 * resource type that differs. Exit 3 when the source or Go cannot be obtained on this machine:
 * nothing was checked, and `.ci/run` fails on it as on a difference.
 */
const check = process.argv.includes("--check");
const log = (line: string): void => console.log(line);

function main(): void {
  const table = generateForceNewTable(cacheRoot(), readUsedTypes(), log);
  const text = formatForceNewTable(table);
  const types = Object.values(table.providers).reduce((n, p) => n + Object.keys(p.resources).length, 0);
  if (!check) {
    writeFileSync(FORCE_NEW_TABLE_FILE, text);
    log(`force-new: wrote review/force-new-table.ts (${types} resource types)`);
    return;
  }
  const committed = readFileSync(FORCE_NEW_TABLE_FILE, "utf8");
  if (committed === text) {
    log(`force-new: review/force-new-table.ts is exactly what the pinned providers' source gives (${types} resource types)`);
    return;
  }
  const before = committedTable(committed);
  const differ: string[] = [];
  for (const [name, p] of Object.entries(table.providers)) {
    const old = before?.providers[name];
    if (!old || old.moduleVersion !== p.moduleVersion) differ.push(`${name}: committed from ${old?.moduleVersion ?? "nothing"}, pinned ${p.moduleVersion}`);
    for (const type of Object.keys(p.resources)) {
      if (JSON.stringify(old?.resources[type]) !== JSON.stringify(p.resources[type])) differ.push(`${type}`);
    }
  }
  for (const [name, p] of Object.entries(before?.providers ?? {})) {
    for (const type of Object.keys(p.resources)) if (!table.providers[name]?.resources[type]) differ.push(`${type} (no longer used)`);
  }
  console.error(
    `force-new: review/force-new-table.ts differs from what the pinned providers' source gives; run npm run force-new and review the diff:\n  ${(differ.length > 0 ? differ : ["(formatting only)"]).join("\n  ")}`,
  );
  process.exit(1);
}

function committedTable(text: string): import("../review/force-new-attributes").ForceNewTable | undefined {
  const start = text.indexOf("= {");
  try {
    return JSON.parse(text.slice(start + 2).replace(/;\s*$/, ""));
  } catch {
    return undefined;
  }
}

try {
  main();
} catch (e) {
  if (e instanceof SourceUnavailableError) {
    console.error(`force-new: BLOCKED: the pinned providers' source cannot be read on this machine, so nothing was checked.\n${e.message}`);
    process.exit(3);
  }
  console.error(`force-new: ${(e as Error).stack ?? String(e)}`);
  process.exit(1);
}
