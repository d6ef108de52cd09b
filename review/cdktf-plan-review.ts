#!/usr/bin/env node
import { runPlanReviewCli } from "./plan-review-cli";

// The `cdktf-plan-review` bin: exit 0 when nothing blocks, 2 when something does, 1 on bad input.
void runPlanReviewCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
