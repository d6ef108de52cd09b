// Nightly drift: opens or updates one issue per drifted stack and closes it when the stack is clean.
//   drift-issues.ts <results.json>...   (written by `stacks.ts drift`)
// Needs GITHUB_TOKEN (issues: write), GITHUB_REPOSITORY and, for links, GITHUB_SERVER_URL and GITHUB_RUN_ID.
import { readFileSync } from "fs";
import { DriftIssue, PlanOutcome, driftActions } from "./deploy-plan";

const LABEL = "drift";

async function github(path: string, init: { method?: string; body?: unknown } = {}): Promise<unknown> {
  const response = await fetch(`${process.env.GITHUB_API_URL ?? "https://api.github.com"}/repos/${process.env.GITHUB_REPOSITORY}${path}`, {
    method: init.method ?? "GET",
    headers: { authorization: `Bearer ${process.env.GITHUB_TOKEN}`, accept: "application/vnd.github+json", "x-github-api-version": "2022-11-28" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!response.ok) throw new Error(`${init.method ?? "GET"} ${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? undefined : response.json();
}

async function main(files: string[]): Promise<void> {
  if (files.length === 0) throw new Error("usage: drift-issues.ts <results.json>...");
  if (!process.env.GITHUB_TOKEN || !process.env.GITHUB_REPOSITORY) throw new Error("GITHUB_TOKEN and GITHUB_REPOSITORY must be set");
  const results = new Map<string, PlanOutcome>();
  for (const file of files) for (const [stack, outcome] of Object.entries(JSON.parse(readFileSync(file, "utf8")) as Record<string, PlanOutcome>)) results.set(stack, outcome);
  const open = (await github(`/issues?state=open&labels=${LABEL}&per_page=100`)) as DriftIssue[];
  const run = `${process.env.GITHUB_SERVER_URL ?? "https://github.com"}/${process.env.GITHUB_REPOSITORY}/actions/runs/${process.env.GITHUB_RUN_ID ?? ""}`;
  for (const action of driftActions(results, open)) {
    const what = results.get(action.stack) === PlanOutcome.ERROR ? "the drift check could not plan it" : "`terraform plan` shows changes";
    if (action.kind === "open") {
      await github("/issues", { method: "POST", body: { title: action.title, labels: [LABEL], body: `Stack \`${action.stack}\`: ${what}. Details: ${run}` } });
    } else if (action.kind === "update") {
      await github(`/issues/${action.number}/comments`, { method: "POST", body: { body: `Still drifted: ${what}. ${run}` } });
    } else {
      await github(`/issues/${action.number}/comments`, { method: "POST", body: { body: `Clean again: no changes planned. ${run}` } });
      await github(`/issues/${action.number}`, { method: "PATCH", body: { state: "closed" } });
    }
    console.log(`${action.kind} ${action.stack}`);
  }
}

main(process.argv.slice(2)).catch((e: Error) => {
  console.error(`::error::${e.message}`);
  process.exit(1);
});
