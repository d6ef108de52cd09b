// The workflows against the README's one-time setup (issue 23): what each job reads is defined for its
// environment, each OIDC subject is federated to the identity the job logs in as, no pull-request job
// reaches production, and plan and apply jobs see the same variables. Each rule is also shown to
// catch the defect it exists for, on a copy of the real files with that defect put back.
import { readFileSync } from "fs";
import { checkWorkflows, readJobs, readSetup, readWorkflows } from "../../scripts/ci/workflow-consistency";

const readme = readFileSync("README.md", "utf8");
const workflows = readWorkflows();

function withFile(file: string, edit: (text: string) => string): Map<string, string> {
  const copy = new Map(workflows);
  const text = copy.get(file) as string;
  const edited = edit(text);
  expect(edited).not.toBe(text);
  copy.set(file, edited);
  return copy;
}

describe("the workflows agree with the README's setup", () => {
  test("no problem in the real files", () => {
    expect(checkWorkflows(workflows, readme)).toEqual([]);
  });

  test("the setup tables are read: seven environments, four identities, production admits main only", () => {
    const setup = readSetup(readme);
    expect([...setup.environments.keys()].sort()).toEqual(["enterprise", "enterprise-plan", "npm", "small-prod", "small-prod-plan", "staging", "staging-plan"]);
    expect([...setup.identities.keys()].sort()).toEqual(["deploy", "plan", "staging-deploy", "staging-plan"]);
    for (const name of ["staging", "small-prod", "small-prod-plan", "enterprise", "enterprise-plan"]) expect([name, setup.environments.get(name)?.branches]).toEqual([name, "main"]);
    expect(setup.environments.get("staging-plan")?.branches).toBe("any");
    expect(setup.identities.get("plan")).toEqual(["repo:<owner>/<repo>:environment:small-prod-plan", "repo:<owner>/<repo>:environment:enterprise-plan"]);
  });

  test("every job that logs in to Azure was found, with its environments expanded", () => {
    const login = readJobs(workflows).filter((j) => j.clientIdVariables.length > 0).map((j) => `${j.file} ${j.id}: ${j.environments.join(",")} as ${j.clientIdVariables.join(",")}`);
    expect(login).toEqual([
      "deploy-environment.yml plan-0: enterprise-plan,small-prod-plan,staging-plan as AZURE_PLAN_CLIENT_ID",
      "deploy-environment.yml apply-0: enterprise,small-prod,staging as AZURE_CLIENT_ID",
      "deploy-environment.yml plan-1: enterprise-plan,small-prod-plan,staging-plan as AZURE_PLAN_CLIENT_ID",
      "deploy-environment.yml apply-1: enterprise,small-prod,staging as AZURE_CLIENT_ID",
      "deploy-environment.yml plan-2: enterprise-plan,small-prod-plan,staging-plan as AZURE_PLAN_CLIENT_ID",
      "deploy-environment.yml apply-2: enterprise,small-prod,staging as AZURE_CLIENT_ID",
      "drift.yml detect: enterprise-plan,small-prod-plan,staging-plan as AZURE_PLAN_CLIENT_ID",
      "pull-request.yml plan: staging-plan as AZURE_PLAN_CLIENT_ID",
    ]);
  });
});

describe("each rule catches its defect", () => {
  test("fails on a plan job reading the deploy identity's variable (issue 23, defect 1)", () => {
    const broken = withFile("deploy-environment.yml", (t) => t.replace(/(plan-0:[\s\S]*?)ARM_CLIENT_ID: \$\{\{ vars\.AZURE_PLAN_CLIENT_ID \}\}/, "$1ARM_CLIENT_ID: ${{ vars.AZURE_CLIENT_ID }}"));
    expect(checkWorkflows(broken, readme)).toEqual(
      ["enterprise-plan", "small-prod-plan", "staging-plan"].map((e) => `deploy-environment.yml job plan-0 reads vars.AZURE_CLIENT_ID, which the README defines neither for environment ${e} nor for the repository`),
    );
  });

  test("fails on a subject the identity is not federated with", () => {
    const narrowed = readme.replace("`repo:<owner>/<repo>:environment:small-prod-plan`, `repo:<owner>/<repo>:environment:enterprise-plan`", "`repo:<owner>/<repo>:environment:small-prod-plan`");
    expect(narrowed).not.toBe(readme);
    const problems = checkWorkflows(workflows, narrowed);
    expect(problems).toContain("drift.yml job detect presents repo:<owner>/<repo>:environment:enterprise-plan, which the README does not federate to plan, the identity of environment enterprise-plan");
    expect(problems.filter((p) => p.includes("enterprise-plan, which the README does not federate"))).toHaveLength(4);
  });

  test("fails on a pull-request job in a production environment (issue 23, defect 2)", () => {
    const broken = withFile("pull-request.yml", (t) => t.replace("    environment: staging-plan\n", "    environment: small-prod-plan\n"));
    expect(checkWorkflows(broken, readme)).toEqual([
      "pull-request.yml job plan runs for pull requests in environment small-prod-plan, which admits main only: the job could never get its token",
      "pull-request.yml job plan runs for unreviewed branches as plan, which environments small-prod-plan, enterprise-plan (main only) also use",
    ]);
  });

  test("fails on a staging-plan identity shared with a main-only environment", () => {
    const shared = readme.replace("| `staging-plan` | any | no | `staging-plan` |", "| `staging-plan` | any | no | `plan` |");
    expect(shared).not.toBe(readme);
    expect(checkWorkflows(workflows, shared)).toContain("pull-request.yml job plan runs for unreviewed branches as plan, which environments small-prod-plan, enterprise-plan (main only) also use");
  });

  test("fails on a plan job without a variable its apply job has (issue 23, defect 10)", () => {
    const broken = withFile("pull-request.yml", (t) => t.replace("      OMEGA_API_SERVER_AUTHORIZED_IP_RANGES: ${{ vars.OMEGA_API_SERVER_AUTHORIZED_IP_RANGES }}\n", ""));
    expect(checkWorkflows(broken, readme)).toEqual(["pull-request.yml job plan sees other variables than the apply jobs: missing OMEGA_API_SERVER_AUTHORIZED_IP_RANGES"]);
  });

  test("fails on a secret the environment does not hold", () => {
    const without = readme.replace("| `small-prod` | `main` | yes | `deploy` | `AZURE_CLIENT_ID`, `AZURE_SUBSCRIPTION_ID`, `OMEGA_TFSTATE_RESOURCE_GROUP`, `OMEGA_TFSTATE_STORAGE_ACCOUNT`, `OMEGA_TFSTATE_CONTAINER` | `OMEGA_PLAN_DECRYPTION_KEY` |", "| `small-prod` | `main` | yes | `deploy` | `AZURE_CLIENT_ID`, `AZURE_SUBSCRIPTION_ID`, `OMEGA_TFSTATE_RESOURCE_GROUP`, `OMEGA_TFSTATE_STORAGE_ACCOUNT`, `OMEGA_TFSTATE_CONTAINER` | – |");
    expect(without).not.toBe(readme);
    expect(checkWorkflows(workflows, without)).toEqual([0, 1, 2].map((l) => `deploy-environment.yml job apply-${l} reads secrets.OMEGA_PLAN_DECRYPTION_KEY, which the README does not define for environment small-prod`));
  });

  test("fails on a login without an environment, and on a production environment open to any branch", () => {
    const broken = withFile("drift.yml", (t) => t.replace("    environment: ${{ matrix.environment }}-plan\n", ""));
    expect(checkWorkflows(broken, readme)).toContain("drift.yml job detect logs in to Azure without an environment: its OIDC subject is federated to no identity");
    const open = readme.replace("| `enterprise-plan` | `main` |", "| `enterprise-plan` | any |");
    expect(checkWorkflows(workflows, open)).toContain("environment enterprise-plan admits any: only staging-plan may admit branches other than main");
  });
});
