import { buildPlatform } from "../stacks/platform-app";
import { synthAndReport } from "./synth-and-report";

// Default options, not platformOptionsFromEnv: the benchmark must measure the same app whatever
// OMEGA_* variables the machine running it has set.
synthAndReport((app) => buildPlatform(app, { platformName: "omega" }));
