import { App } from "cdktf";
import { writePolicyReport } from "./policies/policy-report";
import { buildPlatform, platformOptionsFromEnv } from "./stacks/platform-app";
import { REFERENCE_PLATFORM_NAME } from "./tiers/common";

// The reference app: the eleven stacks of DESIGN.md (`cdktf synth`, `cdktf deploy <stack>`).
const app = new App();
buildPlatform(app, { platformName: REFERENCE_PLATFORM_NAME, ...platformOptionsFromEnv(process.env) });
try {
  app.synth();
} finally {
  writePolicyReport(app);
}
