/** Values every tier shares; tier files import these rather than repeat them. */

/** The five models of the Pantheon (seed 004). */
export const TITAN_MODELS: readonly string[] = ["gpt", "claude", "gemini", "grok", "augment"];

/** The agent teams of seed 004. */
export const AGENT_TEAMS: readonly string[] = ["code-gen", "analysis", "devops"];

/** Availability zones of a zone-redundant production region. */
export const ALL_ZONES: readonly string[] = ["1", "2", "3"];

/** The reference app's platform name (`buildPlatform`'s `platformName`). */
export const REFERENCE_PLATFORM_NAME = "omega";
