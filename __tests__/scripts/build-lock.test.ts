import { spawnSync } from "child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { withBuildLock } from "../../scripts/terraform/provider-cache";

describe("withBuildLock: one toolchain build per machine at a time", () => {
  const dir = mkdtempSync(join(tmpdir(), "build-lock-"));

  test("two builds of the same thing run one after the other, never together", async () => {
    const lock = join(dir, "serial.lock");
    const events: string[] = [];
    const build = (name: string) => async () => {
      events.push(`${name} start`);
      await new Promise((r) => setTimeout(r, 30));
      events.push(`${name} end`);
      return name;
    };
    const log: string[] = [];
    const results = await Promise.all([withBuildLock(lock, "x", (l) => log.push(l), build("a"), 5), withBuildLock(lock, "x", (l) => log.push(l), build("b"), 5)]);
    expect(results).toEqual(["a", "b"]);
    expect(events).toEqual(["a start", "a end", "b start", "b end"]);
    expect(log).toEqual([`waiting for another build of x on this machine (pid ${process.pid}) to finish`]);
    expect(existsSync(lock)).toBe(false);
  });

  test("a lock left by a process that no longer runs is taken over", async () => {
    const lock = join(dir, "stale.lock");
    const dead = spawnSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf8" });
    const deadPid = Number(dead.stdout.trim());
    mkdirSync(lock);
    writeFileSync(join(lock, "pid"), String(deadPid));
    const log: string[] = [];
    await expect(withBuildLock(lock, "y", (l) => log.push(l), async () => "built", 5)).resolves.toBe("built");
    expect(log).toEqual([`taking over the build lock of y: its holder (pid ${deadPid}) no longer runs`]);
  });

  test("the lock is released when the build fails", async () => {
    const lock = join(dir, "failing.lock");
    await expect(withBuildLock(lock, "z", () => undefined, async () => Promise.reject(new Error("go build failed")), 5)).rejects.toThrow("go build failed");
    expect(existsSync(lock)).toBe(false);
  });
});
