import { execFileSync } from "child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";

// `npm run synth` and `npm run cost` each start from an empty output directory; either must leave
// the stacks, the policy report and the cost report side by side (what the plan review reads).
// (`npm run synth` is covered by the determinism test, which runs it twice.)

const root = resolve(__dirname, "..", "..");

describe("npm run cost", () => {
  const outdir = join(mkdtempSync(join(tmpdir(), "cdktf-aks-platform-reports-")), "out");
  beforeAll(() => {
    execFileSync(process.execPath, ["-r", "./scripts/ts-register.js", "scripts/cost.ts"], {
      cwd: root,
      env: { ...process.env, CDKTF_OUTDIR: outdir },
      stdio: "pipe",
    });
  }, 120_000);
  afterAll(() => rmSync(resolve(outdir, ".."), { recursive: true, force: true }));

  test("leaves the policy report beside the cost report and the stacks", () => {
    const policy = JSON.parse(readFileSync(join(outdir, "policy-report.json"), "utf8")) as { stacks: { stack: string }[] };
    const cost = JSON.parse(readFileSync(join(outdir, "cost-report.json"), "utf8")) as { stacks: { stack: string }[] };
    expect(policy.stacks).toHaveLength(11);
    expect(cost.stacks.map((s) => s.stack).sort()).toEqual(policy.stacks.map((s) => s.stack).sort());
    for (const { stack } of policy.stacks) {
      expect([stack, existsSync(join(outdir, "stacks", stack, "cdk.tf.json")), existsSync(join(outdir, "policy-report", `${stack}.md`))]).toEqual([stack, true, true]);
    }
  });
});
