// `vntrader-kernel install` through the real CLI: the kernelspec Jupyter will find, and clear errors for bad
// options; and connection files checked before any socket is bound.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseConnection } from "../../kernel/connection";
import { ensureBuilt, ROOT } from "./client";

const BIN = join(ROOT, "bin", "vntrader-kernel.js");

function cli(...args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });
}

beforeAll(() => ensureBuilt(), 120_000);

describe("vntrader-kernel install", () => {
  it("writes the vntrader kernelspec with message interrupts and both logos under --prefix", () => {
    const prefix = mkdtempSync(join(tmpdir(), "vt-spec-"));
    const run = cli("install", "--prefix", prefix);
    expect(run.status).toBe(0);
    const dir = join(prefix, "share", "jupyter", "kernels", "vntrader");
    expect(run.stdout).toContain(dir);
    const spec = JSON.parse(readFileSync(join(dir, "kernel.json"), "utf8"));
    expect(spec).toEqual({
      argv: [process.execPath, join(ROOT, "dist", "kernel", "main.js"), "--connection-file", "{connection_file}"],
      display_name: "VN Trader (TypeScript)",
      language: "typescript",
      interrupt_mode: "message",
      metadata: { debugger: false },
    });
    for (const [file, size] of [["logo-32x32.png", 32], ["logo-64x64.png", 64]] as const) {
      const png = readFileSync(join(dir, file));
      expect(png.subarray(1, 4).toString()).toBe("PNG");
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
  });

  it("installs for the user under $JUPYTER_DATA_DIR by default", () => {
    const data = mkdtempSync(join(tmpdir(), "vt-data-"));
    const run = spawnSync(process.execPath, [BIN, "install"], { encoding: "utf8", env: { ...process.env, JUPYTER_DATA_DIR: data } });
    expect(run.status).toBe(0);
    expect(JSON.parse(readFileSync(join(data, "kernels", "vntrader", "kernel.json"), "utf8")).display_name).toBe("VN Trader (TypeScript)");
  });

  it("names a bad option and what to use instead", () => {
    expect(cli("install", "--system").stderr).toContain("unknown install option --system; use --user or --prefix DIR");
    expect(cli("install", "--prefix").stderr).toContain("--prefix needs a directory");
    const unknown = cli("frobnicate");
    expect(unknown.status).toBe(2);
    for (const line of ["vntrader-kernel start", "vntrader-kernel install [--user | --prefix DIR]", "vntrader-kernel kernel --connection-file FILE"]) {
      expect(unknown.stderr).toContain(line);
    }
  });
});

describe("connection files", () => {
  const valid = { shell_port: 1, iopub_port: 2, stdin_port: 3, control_port: 4, hb_port: 5, ip: "127.0.0.1", key: "k", transport: "tcp", signature_scheme: "hmac-sha256" };

  it("reads ports, key and transport", () => {
    expect(parseConnection(JSON.stringify(valid), "c.json")).toEqual({ transport: "tcp", ip: "127.0.0.1", key: "k", shell_port: 1, iopub_port: 2, stdin_port: 3, control_port: 4, hb_port: 5 });
  });

  it("refuses what it cannot honour, naming the file and the field", () => {
    expect(() => parseConnection("{", "c.json")).toThrow("connection file c.json is not JSON");
    expect(() => parseConnection(JSON.stringify({ ...valid, signature_scheme: "hmac-md5" }), "c.json")).toThrow("signature_scheme hmac-md5 is not supported");
    expect(() => parseConnection(JSON.stringify({ ...valid, hb_port: "x" }), "c.json")).toThrow('hb_port must be a positive integer, got "x"');
  });
});
