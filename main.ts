import { App } from "cdktf";
import { configureCdktfStackTraces } from "./scripts/cdktf-stack-traces";
import { buildPlatform, platformOptionsFromEnv } from "./stacks/platform-app";
import { REFERENCE_PLATFORM_NAME } from "./tiers/common";

// The reference app: the eleven stacks of the README's "The stacks" (`cdktf synth`, `cdktf deploy <stack>`).
// cdktf's token creation traces cost a fifth of a synthesis; CDKTF_AKS_STACK_TRACES=1 keeps them.
configureCdktfStackTraces();
const app = new App();
buildPlatform(app, { platformName: REFERENCE_PLATFORM_NAME, ...platformOptionsFromEnv(process.env) });
app.synth();
