import { execFileSync } from "child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "fs";
import { hostname, homedir, tmpdir, userInfo } from "os";
import { join, relative, resolve } from "path";

// Two synthesis runs in separate processes, with different home directories, users, time zones
// and output directories, must write byte-identical files that carry nothing of the machine.

const root = resolve(__dirname, "..");

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

function synthInto(outdir: string, env: Record<string, string>): Map<string, string> {
  execFileSync(process.execPath, ["-r", "./scripts/ts-register.js", "scripts/synth.ts"], {
    cwd: root,
    env: { ...process.env, ...env, CDKTF_OUTDIR: outdir },
    stdio: "pipe",
  });
  return new Map(listFiles(outdir).map((file) => [relative(outdir, file), readFileSync(file, "utf8")]));
}

describe("determinism", () => {
  const base = mkdtempSync(join(tmpdir(), "cdktf-aks-platform-determinism-"));
  let first: Map<string, string>;
  let second: Map<string, string>;

  beforeAll(() => {
    first = synthInto(join(base, "a"), { HOME: "/home/alice", USER: "alice", TZ: "UTC" });
    second = synthInto(join(base, "b"), { HOME: "/home/bob", USER: "bob", TZ: "Asia/Tokyo" });
  }, 120_000);

  afterAll(() => rmSync(base, { recursive: true, force: true }));

  test("two runs write the same files, byte for byte", () => {
    expect([...first.keys()].sort()).toEqual([...second.keys()].sort());
    expect([...first.keys()].filter((f) => f.endsWith("cdk.tf.json"))).toHaveLength(11);
    // npm run synth leaves both reports beside the stacks, as npm run cost does.
    expect([...first.keys()].filter((f) => f.endsWith("-report.json")).sort()).toEqual(["cost-report.json", "policy-report.json"]);
    for (const [file, content] of first) {
      expect([file, content]).toEqual([file, second.get(file)]);
    }
  });

  test("the output holds no path, user, host or date of the machine", () => {
    const today = new Date().toISOString().slice(0, 10);
    const machine = [root, base, homedir(), "/home/alice", "/home/bob", today];
    // Host and user names are short words ("vm", "root"): match them as whole identifiers only.
    // "/" joins an identifier's parts too: the cost report's price ids (`vm/Standard_D4s_v5/payg`)
    // begin with the word "vm", which is this machine's host name; paths are checked below.
    const word = (w: string) => new RegExp(`(^|[^A-Za-z0-9_./-])${w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[^A-Za-z0-9_./-])`);
    const names = [hostname(), userInfo().username, "alice", "bob"];
    for (const [file, content] of first) {
      for (const value of machine) expect([file, value, content.includes(value)]).toEqual([file, value, false]);
      for (const name of names) expect([file, name, word(name).test(content)]).toEqual([file, name, false]);
      expect([file, /"\/(?:home|root|tmp|Users|work)\//.test(content)]).toEqual([file, false]);
    }
  });
});
