import { appendFileSync, readFileSync } from "fs";

/**
 * Publishing the markdown review on GitHub: one pull-request comment, found again by a marker and
 * updated in place on every run, and the job summary. A report longer than a comment may be is
 * cut at a line, with a pointer to the full report (the workflow's artifact).
 */

/** Hidden in the rendered comment; finds the review's previous comment. */
export const PLAN_REVIEW_COMMENT_MARKER = "<!-- cdktf-plan-review -->";

/** GitHub's limit on an issue or pull-request comment body, in characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

/** GitHub's limit on a step's job summary, in bytes. */
export const GITHUB_STEP_SUMMARY_LIMIT = 1_048_576;

export interface FitOptions {
  /**
   * Where the full report is, named in the note that ends a cut report (an artifact name or URL).
   */
  readonly fullReport: string;
  /**
   * @default GITHUB_COMMENT_LIMIT
   */
  readonly limit?: number;
}

function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function size(text: string): number {
  // UTF-8 bytes: never fewer than the characters GitHub counts, however it counts them.
  return Buffer.byteLength(text, "utf8");
}

/**
 * The comment body: the marker and the markdown, cut at the last whole line that fits with a
 * closing note when the whole would exceed the limit. Open `<details>` blocks are closed so the
 * note is not hidden.
 */
export function fitComment(markdown: string, options: FitOptions): string {
  const limit = options.limit ?? GITHUB_COMMENT_LIMIT;
  const whole = `${PLAN_REVIEW_COMMENT_MARKER}\n${markdown}`;
  if (size(whole) <= limit) return whole;
  const total = markdown.length;
  const note = (shown: number) =>
    `\n\n---\n**Report cut**: ${grouped(shown)} of ${grouped(total)} characters shown, over the ${grouped(limit)}-character limit. The full report is in ${options.fullReport}.\n`;
  const lines = markdown.split("\n");
  let kept = lines.length;
  for (;;) {
    kept = Math.max(0, kept - Math.max(1, Math.ceil(kept / 20)));
    const body = lines.slice(0, kept).join("\n");
    const open = (body.match(/<details>/g) ?? []).length - (body.match(/<\/details>/g) ?? []).length;
    const closed = `${body}${"\n</details>".repeat(Math.max(0, open))}`;
    const candidate = `${PLAN_REVIEW_COMMENT_MARKER}\n${closed}${note(body.length)}`;
    if (size(candidate) <= limit || kept === 0) return candidate;
  }
}

/** The part of `fetch` the client uses, so tests can stand in for GitHub. */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
) => Promise<{ ok: boolean; status: number; json(): Promise<unknown>; text(): Promise<string> }>;

export interface PullRequestCommentOptions {
  /** A token allowed to write pull-request comments (`GITHUB_TOKEN` with `pull-requests: write`). */
  readonly token: string;
  /** `owner/name`. */
  readonly repository: string;
  readonly pullNumber: number;
  /** The full comment body, marker included (`fitComment`). */
  readonly body: string;
  /**
   * @default "https://api.github.com" (GITHUB_API_URL on GitHub Enterprise)
   */
  readonly apiUrl?: string;
  /**
   * @default - the global fetch
   */
  readonly fetch?: FetchLike;
}

export interface CommentResult {
  readonly action: "created" | "updated";
  readonly id: number;
}

/**
 * Creates the review comment on a pull request, or updates the one that carries the marker.
 * Throws with GitHub's status and message when a call fails.
 */
export async function upsertPullRequestComment(options: PullRequestCommentOptions): Promise<CommentResult> {
  const call: FetchLike = options.fetch ?? (globalThis.fetch as unknown as FetchLike);
  const api = (options.apiUrl ?? "https://api.github.com").replace(/\/$/, "");
  const headers = {
    Accept: "application/vnd.github+json",
    Authorization: `Bearer ${options.token}`,
    "X-GitHub-Api-Version": "2022-11-28",
    "Content-Type": "application/json",
  };
  const request = async (method: string, url: string, body?: unknown): Promise<unknown> => {
    const response = await call(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!response.ok) throw new Error(`GitHub ${method} ${url}: ${response.status} ${(await response.text()).slice(0, 300)}`);
    return response.json();
  };
  const issue = `${api}/repos/${options.repository}/issues/${options.pullNumber}`;
  for (let page = 1; ; page++) {
    const comments = (await request("GET", `${issue}/comments?per_page=100&page=${page}`)) as { id: number; body?: string }[];
    const previous = comments.find((c) => (c.body ?? "").includes(PLAN_REVIEW_COMMENT_MARKER));
    if (previous) {
      await request("PATCH", `${api}/repos/${options.repository}/issues/comments/${previous.id}`, { body: options.body });
      return { action: "updated", id: previous.id };
    }
    if (comments.length < 100) break;
  }
  const created = (await request("POST", `${issue}/comments`, { body: options.body })) as { id: number };
  return { action: "created", id: created.id };
}

/** Appends markdown to the step's job summary file (`GITHUB_STEP_SUMMARY`), cut to its limit. */
export function appendJobSummary(markdown: string, file: string, fullReport: string): void {
  const body = fitComment(markdown, { fullReport, limit: GITHUB_STEP_SUMMARY_LIMIT }).replace(`${PLAN_REVIEW_COMMENT_MARKER}\n`, "");
  appendFileSync(file, `${body}\n`);
}

/** The pull request a workflow run is for: the event payload's, else `refs/pull/<n>/merge`. */
export function pullRequestNumber(env: NodeJS.ProcessEnv): number | undefined {
  if (env.GITHUB_EVENT_PATH) {
    try {
      const event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, "utf8")) as { pull_request?: { number?: unknown }; number?: unknown };
      const n = event.pull_request?.number ?? event.number;
      if (typeof n === "number") return n;
    } catch {
      // Fall back to the ref.
    }
  }
  const match = /^refs\/pull\/(\d+)\//.exec(env.GITHUB_REF ?? "");
  return match ? Number(match[1]) : undefined;
}

/** Where the workflow run's artifacts are, for the note of a cut report. */
export function runArtifactsPointer(env: NodeJS.ProcessEnv, artifactName: string): string {
  if (env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID) {
    return `the artifact \`${artifactName}\` of [this workflow run](${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID})`;
  }
  return `the artifact \`${artifactName}\``;
}
