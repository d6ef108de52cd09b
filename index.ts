export * from "./tiers";
export * from "./constructs";
export * from "./stacks";
