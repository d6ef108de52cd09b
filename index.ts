export * from "./tiers";
export * from "./constructs";
export * from "./stacks";
export * from "./cost";
export * from "./policies";
export * from "./review";
export { applyPlatformGuardrails, PlatformGuardrailsOptions, StackGuardrails } from "./policies/platform-guardrails";
