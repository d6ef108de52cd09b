import { buildPlatform } from "../stacks/platform-app";
import { REFERENCE_PLATFORM_NAME } from "../tiers/common";
import { tiersWithServicesTimes } from "./scaled-services";
import { synthAndReport } from "./synth-and-report";

const factor = Number(process.argv[2]);
synthAndReport((app) => buildPlatform(app, { platformName: REFERENCE_PLATFORM_NAME, tiers: tiersWithServicesTimes(factor) }));
