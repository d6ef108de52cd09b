import { tiersWithServicesTimes } from "../../bench/scaled-services";
import { DEFAULT_TIERS } from "../../stacks/platform-app";

/** The benchmark's scale runs: the app with N times the agent teams of every workloads stack. */
describe("tiersWithServicesTimes", () => {
  test("factor 1 is the app npm run synth builds", () => {
    expect(tiersWithServicesTimes(1)).toEqual(DEFAULT_TIERS);
  });

  test("factor 3 gives each team two numbered copies and triples the budget ceilings", () => {
    const tiers = tiersWithServicesTimes(3);
    const teams = DEFAULT_TIERS.smallProd.agentTeams.teams;
    expect(tiers.smallProd.agentTeams.teams).toEqual(teams.flatMap((t) => [t, `${t}-2`, `${t}-3`]));
    expect(tiers.enterprise.budget?.ceilingMonthlyUsd).toBe((DEFAULT_TIERS.enterprise.budget?.ceilingMonthlyUsd ?? NaN) * 3);
    expect(tiers.enterprise.budget?.stackCeilings?.regionalMonthlyUsd).toBe((DEFAULT_TIERS.enterprise.budget?.stackCeilings?.regionalMonthlyUsd ?? NaN) * 3);
    expect(tiers.dev.budget).toBeUndefined();
    // Nothing else of a tier changes.
    expect({ ...tiers.enterprise, agentTeams: undefined, budget: undefined }).toEqual({ ...DEFAULT_TIERS.enterprise, agentTeams: undefined, budget: undefined });
  });

  test("fails on a factor that is not a positive integer", () => {
    expect(() => tiersWithServicesTimes(0)).toThrow("services factor: expected a positive integer, got 0");
    expect(() => tiersWithServicesTimes(1.5)).toThrow("services factor: expected a positive integer, got 1.5");
  });
});
