// The README's main command without a terminal (as in CI): registers the kernelspec, then runs the SIM job.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(__dirname, "..", "..");

describe("vntrader-kernel start", () => {
  it("registers the kernel and, with no terminal to hold a notebook server, fills an order on SIM", () => {
    const home = mkdtempSync(join(tmpdir(), "vntrader-start-"));
    const run = spawnSync(process.execPath, [join(root, "bin", "vntrader-kernel.js"), "start"], {
      cwd: home,
      env: { ...process.env, CI: "true", JUPYTER_DATA_DIR: join(home, "jupyter"), VNTRADER_DIR: join(home, ".vntrader") },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const spec = JSON.parse(readFileSync(join(home, "jupyter", "kernels", "vntrader", "kernel.json"), "utf8"));
    expect(spec.display_name).toBe("VN Trader (TypeScript)");
    expect(spec.interrupt_mode).toBe("message");
    expect(run.stdout).toMatch(/rebar contracts on SHFE \(\d+\)/);
    expect(run.stdout).toMatch(/ALLTRADED/);
    expect(run.stdout).toMatch(/SIM works: the order filled and you hold 1 lot\(s\) of rb\d{4}\.SHFE/);
    expect(existsSync(join(home, ".vntrader", "log"))).toBe(true); // the audit trail went to VNTRADER_DIR
  });
});
