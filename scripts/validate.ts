import { spawnSync } from "child_process";
import { existsSync, readdirSync } from "fs";
import { join } from "path";

/**
 * `npm run validate`: `terraform init -backend=false` and `terraform validate` for every
 * synthesized stack. It needs the Terraform registry to download providers; where the registry
 * cannot be reached it stops at the first stack and says so, rather than reporting a false pass.
 */
const outdir = process.env.CDKTF_OUTDIR ?? "cdktf.out";
const stacksDir = join(outdir, "stacks");

function run(args: string[], cwd: string): { ok: boolean; output: string } {
  const result = spawnSync("terraform", args, { cwd, encoding: "utf8" });
  if (result.error) {
    console.error(`validate: cannot run terraform (${result.error.message}); install Terraform >= 1.5 and retry`);
    process.exit(2);
  }
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

const UNREACHABLE = /could not connect to registry|no such host|dial tcp|Failed to query available provider packages|i\/o timeout/;

if (!existsSync(stacksDir)) {
  console.error(`validate: ${stacksDir} does not exist; run \`npm run synth\` first`);
  process.exit(2);
}

const stacks = readdirSync(stacksDir).sort();
let failures = 0;
for (const stack of stacks) {
  const cwd = join(stacksDir, stack);
  const init = run(["init", "-backend=false", "-input=false", "-no-color"], cwd);
  if (!init.ok) {
    if (UNREACHABLE.test(init.output)) {
      console.error(
        `validate: stopped at ${stack}: terraform init cannot download the providers (the Terraform registry is unreachable from this machine). ` +
          "Run `npm run validate` where registry.terraform.io (or a provider mirror in ~/.terraformrc) is reachable; the tests check the synthesized JSON instead.",
      );
      process.exit(3);
    }
    console.error(`validate: ${stack}: terraform init failed\n${init.output}`);
    failures++;
    continue;
  }
  const validate = run(["validate", "-no-color"], cwd);
  console.log(`${validate.ok ? "ok     " : "INVALID"} ${stack}`);
  if (!validate.ok) {
    console.error(validate.output);
    failures++;
  }
}
process.exit(failures === 0 ? 0 : 1);
