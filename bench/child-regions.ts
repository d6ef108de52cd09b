import { buildPlatform } from "../stacks/platform-app";
import { enterpriseTierWithRegions } from "./enterprise-tier-with-regions";
import { synthAndReport } from "./synth-and-report";

const count = Number(process.argv[2]);
synthAndReport((app) => buildPlatform(app, { platformName: "omega", tiers: { enterprise: enterpriseTierWithRegions(count) } }));
