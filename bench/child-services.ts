import { buildPlatform } from "../stacks/platform-app";
import { tiersWithServicesTimes } from "./scaled-services";
import { synthAndReport } from "./synth-and-report";

const factor = Number(process.argv[2]);
synthAndReport((app) => buildPlatform(app, { tiers: tiersWithServicesTimes(factor) }));
