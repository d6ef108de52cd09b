export * from "./tier-spec";
export * from "./common";
export * from "./dev";
export * from "./staging";
export * from "./small-prod";
export * from "./enterprise";
