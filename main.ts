import { App } from "cdktf";
import { buildPlatform, platformOptionsFromEnv } from "./stacks/platform-app";

// The reference app: the eleven stacks of the README's "The stacks" (`cdktf synth`, `cdktf deploy <stack>`).
const app = new App();
buildPlatform(app, platformOptionsFromEnv(process.env));
app.synth();
