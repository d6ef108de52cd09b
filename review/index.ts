export { AcknowledgedAction, Acknowledgement, MIN_ACKNOWLEDGEMENT_REASON, parseAcknowledgements } from "./acknowledgements";
export { AppSources, SYNTH_SOURCES_JSON, SynthSources, appSources, writeSynthSources } from "./app-sources";
export { AttributeChange } from "./attribute-diff";
export { DATA_HOLDING_RESOURCES, DataHoldingResource, dataHeldBy } from "./data-holding-resources";
export {
  ConditionalForceNew,
  ForceNewTable,
  ForceNewWhen,
  ProviderForceNew,
  ReplacementPrediction,
  ResourceForceNew,
  predictReplacement,
} from "./force-new-attributes";
export { FORCE_NEW_TABLE } from "./force-new-table";
export {
  FetchLike,
  FitOptions,
  GITHUB_COMMENT_LIMIT,
  PLAN_REVIEW_COMMENT_MARKER,
  PullRequestCommentOptions,
  appendJobSummary,
  fitComment,
  upsertPullRequestComment,
} from "./github-comment";
export { NOISY_DIFFS, NoiseKind, NoiseMatch, NoisyDiff } from "./noisy-diffs";
export { PLAN_REVIEW_USAGE, ReviewExitCode, ReviewFormat, ReviewIo, renderReview, runPlanReviewCli } from "./plan-review-cli";
export * from "./plan-review-report";
export { PlatformNumber, platformNumbers } from "./platform-numbers";
export { renderMarkdown } from "./render-markdown";
export { SarifLog, SarifOptions, renderSarif } from "./render-sarif";
export { ReviewInputError } from "./review-input-error";
export { PlanReviewOptions, StackPlanFile, reviewPlans } from "./review-plans";
export { ConstructSource, SourceLocation } from "./source-locator";
export { TerraformPlan, parseTerraformPlan } from "./terraform-plan";
