import { existsSync, statSync, writeFileSync } from "fs";
import { basename, join } from "path";
import { cdktfAppEntry } from "./app-sources";
import {
  FetchLike,
  appendJobSummary,
  fitComment,
  pullRequestNumber,
  runArtifactsPointer,
  upsertPullRequestComment,
} from "./github-comment";
import { PlanReview } from "./plan-review-report";
import { renderMarkdown } from "./render-markdown";
import { renderSarif } from "./render-sarif";
import { ReviewInputError } from "./review-input-error";
import { PlanReviewOptions, StackPlanFile, reviewPlans } from "./review-plans";

/** Output formats of `--format`. */
export enum ReviewFormat {
  MARKDOWN = "markdown",
  JSON = "json",
  SARIF = "sarif",
}

/** Exit codes: the contract CI relies on. */
export enum ReviewExitCode {
  /** Nothing blocks. */
  OK = 0,
  /** Bad input: a missing file, not Terraform's JSON plan format, an unknown stack, a bad flag. */
  BAD_INPUT = 1,
  /** Something blocks: an unacknowledged loss of data, a new policy error, a ceiling exceeded. */
  BLOCKED = 2,
}

export const PLAN_REVIEW_USAGE = `usage: cdktf-plan-review [--synth DIR] [--base DIR] [--plan STACK=FILE]... [--format markdown|json|sarif] [--out FILE]
                         [--ack FILE] [--source DIR|FILE] [--base-source DIR] [--allow-mismatch] [--github] [--artifact NAME]

  --synth DIR        head's synthesized output (default cdktf.out)
  --base DIR         the target branch's synthesized output, to compare against
  --plan STACK=FILE  terraform show -json of a saved plan of STACK (repeatable)
  --format F         markdown (default), json or sarif
  --out FILE         write the report there instead of standard output
  --ack FILE         acknowledgement file: deletes and replaces of data-holding resources allowed, with reasons
  --source DIR|FILE  head's app: its root (entry from cdktf.json's app, else main.ts) or its entry file; only
                     files the entry imports are head's sources (default: the current directory)
  --base-source DIR  the target branch's checkout, to name the changed source lines behind changed numbers
  --allow-mismatch   review a plan whose addresses are not in head's synthesized stack (a warning, not exit 1)
  --github           also post the markdown as the pull request's review comment (updated in place) and the job summary
  --artifact NAME    name of the artifact holding the full report, for a cut comment (default plan-review)

exit 0 when nothing blocks, 2 when something does, 1 on bad input`;

/** Parsed command line. */
export interface ReviewArguments {
  readonly options: PlanReviewOptions;
  readonly format: ReviewFormat;
  readonly out?: string;
  readonly github: boolean;
  readonly artifact: string;
}

/** Parses the command line; throws `ReviewInputError` naming the bad flag and what is allowed. */
export function parseReviewArguments(argv: readonly string[]): ReviewArguments {
  let synthDir: string | undefined;
  let baseDir: string | undefined;
  let acknowledgementsFile: string | undefined;
  let sourceRoot: string | undefined;
  let baseSourceRoot: string | undefined;
  let allowMismatch = false;
  let format = ReviewFormat.MARKDOWN;
  let out: string | undefined;
  let github = false;
  let artifact = "plan-review";
  const plans: StackPlanFile[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[++i];
      if (next === undefined || next.startsWith("--")) throw new ReviewInputError(`${flag} needs a value\n${PLAN_REVIEW_USAGE}`);
      return next;
    };
    switch (flag) {
      case "--synth":
        synthDir = value();
        break;
      case "--base":
        baseDir = value();
        break;
      case "--plan": {
        const spec = value();
        const eq = spec.indexOf("=");
        if (eq <= 0 || eq === spec.length - 1) throw new ReviewInputError(`--plan ${JSON.stringify(spec)}: expected STACK=FILE`);
        plans.push({ stack: spec.slice(0, eq), file: spec.slice(eq + 1) });
        break;
      }
      case "--format": {
        const f = value();
        const found = Object.values(ReviewFormat).find((x) => x === f);
        if (!found) throw new ReviewInputError(`--format ${JSON.stringify(f)}: expected markdown, json or sarif`);
        format = found;
        break;
      }
      case "--out":
        out = value();
        break;
      case "--ack":
        acknowledgementsFile = value();
        break;
      case "--source":
        sourceRoot = value();
        break;
      case "--base-source":
        baseSourceRoot = value();
        break;
      case "--allow-mismatch":
        allowMismatch = true;
        break;
      case "--artifact":
        artifact = value();
        break;
      case "--github":
        github = true;
        break;
      default:
        throw new ReviewInputError(`unknown argument ${JSON.stringify(arg)}\n${PLAN_REVIEW_USAGE}`);
    }
  }
  return { options: { synthDir, baseDir, plans, acknowledgementsFile, sourceRoot, baseSourceRoot, allowMismatch }, format, out, github, artifact };
}

/** The app's entry file from cdktf.json (`node ... main.ts`), where unlocated SARIF results point. */
export function appEntryFile(sourceRoot: string): string {
  if (existsSync(sourceRoot) && statSync(sourceRoot).isFile()) return basename(sourceRoot);
  if (existsSync(join(sourceRoot, "cdktf.json"))) return cdktfAppEntry(sourceRoot) ?? "cdktf.json";
  return "main.ts";
}

/** Renders a review in a format. */
export function renderReview(review: PlanReview, format: ReviewFormat, sourceRoot: string): string {
  switch (format) {
    case ReviewFormat.JSON:
      return `${JSON.stringify(review, null, 2)}\n`;
    case ReviewFormat.SARIF:
      return `${JSON.stringify(renderSarif(review, { fallbackFile: appEntryFile(sourceRoot) }), null, 2)}\n`;
    default:
      return renderMarkdown(review);
  }
}

/** Where the command writes, so tests can capture it. */
export interface ReviewIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
  readonly fetch?: FetchLike;
}

const PROCESS_IO: ReviewIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
};

async function publish(review: PlanReview, args: ReviewArguments, io: ReviewIo): Promise<void> {
  const markdown = renderMarkdown(review);
  const pointer = runArtifactsPointer(io.env, args.artifact);
  if (io.env.GITHUB_STEP_SUMMARY) appendJobSummary(markdown, io.env.GITHUB_STEP_SUMMARY, pointer);
  const pullNumber = pullRequestNumber(io.env);
  const missing = [!io.env.GITHUB_TOKEN && "GITHUB_TOKEN", !io.env.GITHUB_REPOSITORY && "GITHUB_REPOSITORY", pullNumber === undefined && "a pull request (GITHUB_EVENT_PATH or GITHUB_REF)"].filter(Boolean);
  if (missing.length > 0) {
    io.stderr(`::warning::plan review not posted as a comment: no ${missing.join(", ")}\n`);
    return;
  }
  try {
    const result = await upsertPullRequestComment({
      token: io.env.GITHUB_TOKEN!,
      repository: io.env.GITHUB_REPOSITORY!,
      pullNumber: pullNumber!,
      body: fitComment(markdown, { fullReport: pointer }),
      apiUrl: io.env.GITHUB_API_URL,
      fetch: io.fetch,
    });
    io.stderr(`plan review comment ${result.action} (id ${result.id}) on pull request #${pullNumber}\n`);
  } catch (error) {
    // The summary and the artifact still carry the report; the review's verdict must not be lost.
    io.stderr(`::warning::plan review comment not posted: ${(error as Error).message}\n`);
  }
}

/** Runs `cdktf-plan-review` with these arguments; resolves to the exit code. */
export async function runPlanReviewCli(argv: readonly string[], io: ReviewIo = PROCESS_IO): Promise<number> {
  try {
    if (argv.includes("--help") || argv.includes("-h")) {
      io.stdout(`${PLAN_REVIEW_USAGE}\n`);
      return ReviewExitCode.OK;
    }
    const args = parseReviewArguments(argv);
    const review = reviewPlans(args.options);
    const text = renderReview(review, args.format, args.options.sourceRoot ?? process.cwd());
    if (args.out) {
      writeFileSync(args.out, text);
      const summary = review.blocked ? `${review.blockers.length} blocking item(s)` : "nothing blocks";
      io.stdout(`plan review (${args.format}) written to ${args.out}: ${summary}\n`);
    } else {
      io.stdout(text);
    }
    if (args.github) await publish(review, args, io);
    if (review.blocked) {
      for (const b of review.blockers) io.stderr(`blocking: ${b.message}\n`);
      return ReviewExitCode.BLOCKED;
    }
    return ReviewExitCode.OK;
  } catch (error) {
    if (error instanceof ReviewInputError) {
      io.stderr(`cdktf-plan-review: ${error.message}\n`);
      return ReviewExitCode.BAD_INPUT;
    }
    io.stderr(`cdktf-plan-review: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
    return ReviewExitCode.BAD_INPUT;
  }
}
