import { App } from "cdktf";
import { writePolicyReport } from "./policies/policy-report";
import { configureCdktfStackTraces } from "./scripts/cdktf-stack-traces";
import { buildPlatform, platformOptionsFromEnv } from "./stacks/platform-app";

// The reference app: the eleven stacks of DESIGN.md (`cdktf synth`, `cdktf deploy <stack>`).
// cdktf's token creation traces cost a fifth of a synthesis; CDKTF_AKS_STACK_TRACES=1 keeps them.
configureCdktfStackTraces();
const app = new App();
buildPlatform(app, platformOptionsFromEnv(process.env));
try {
  app.synth();
} finally {
  writePolicyReport(app);
}
