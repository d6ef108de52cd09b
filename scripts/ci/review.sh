#!/usr/bin/env bash
# The pull request's plan review (README, "Plan review"): cost and policy reports for head (./) and
# base (./base), then cdktf-plan-review with every saved plan found in ./plans, posted as one
# updated comment and to the job summary (--github). Exit 2 (something blocks) fails the job.
set -uo pipefail
npm run cost || true            # exits 1 over a ceiling but writes everything; the review blocks on it
(cd base && CDKTF_OUTDIR="$PWD/../base.out" npm run cost) || true
# --source .: head's app (only what main.ts imports, never ./base); --base-source base: to name the
# changed tier-file lines behind changed numbers.
args=(--base base.out --source . --base-source base --format markdown --out review.md --github)
shopt -s nullglob
for plan in plans/*.plan.json; do
  stack="$(basename "$plan" .plan.json)"
  args+=(--plan "$stack=$plan")
done
[ -f plan-review-acknowledgements.json ] && args+=(--ack plan-review-acknowledgements.json)
npm run --silent review -- "${args[@]}"
