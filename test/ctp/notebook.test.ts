// notebooks/ctp.ipynb executed by Debian's nbclient through the installed kernelspec, against the simulated counter
// (its fixture links the counter into .vntrader/lib/ctp/ and writes connect_ctp.json).
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { setup } from "../notebooks/ctp.fixture";
import { ROOT } from "./harness";

interface Output { output_type: string; text?: string | string[]; ename?: string; evalue?: string; data?: Record<string, unknown> }
interface Cell { cell_type: string; source: string | string[]; outputs?: Output[] }

const EXECUTE = `
import nbformat, sys
from nbclient import NotebookClient
nb = nbformat.read(sys.argv[1], as_version=4)
NotebookClient(nb, timeout=120, kernel_name="vntrader", allow_errors=True).execute()
nbformat.write(nb, sys.argv[2])
`;

const text = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join("") : value ?? "");
let cells: Cell[];

/** The cells whose source is exactly `source`, in notebook order. */
function cellsWith(source: string): Cell[] {
  const found = cells.filter((c) => text(c.source) === source);
  if (found.length === 0) throw new Error(`no cell "${source}" in notebooks/ctp.ipynb`);
  return found;
}

const cellText = (html: string) => html.replace(/<[^>]*>/g, "").trim();

/**
 * Rows of a cell's DataFrame output, read from its text/html table (header cells by name; an index column,
 * written as <th> in the body, is skipped). Values stay text, as a user sees them.
 */
function rowsOf(c: Cell): Array<Record<string, string>> {
  const html = text(c.outputs?.find((o) => o.data?.["text/html"])?.data?.["text/html"] as string | string[] | undefined);
  const head = html.match(/<thead>([\s\S]*?)<\/thead>/)?.[1] ?? "";
  const names = [...head.matchAll(/<th[^>]*>([\s\S]*?)<\/th>/g)].map((m) => cellText(m[1])).filter((n) => n !== "");
  const body = html.match(/<tbody>([\s\S]*?)<\/tbody>/)?.[1] ?? "";
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) => {
    const values = [...row[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => cellText(m[1]));
    return Object.fromEntries(names.map((name, i) => [name, values[i]]));
  });
}

const rows = (source: string) => rowsOf(cellsWith(source).at(-1)!);

beforeAll(async () => {
  const prefix = mkdtempSync(join(tmpdir(), "ctp-kernelspec-"));
  const install = spawnSync(process.execPath, [join(ROOT, "bin", "vntrader-kernel.js"), "install", "--prefix", prefix], { encoding: "utf8" });
  if (install.status !== 0) throw new Error(`kernelspec install failed: ${install.stdout}${install.stderr}`);
  const workdir = mkdtempSync(join(tmpdir(), "ctp-notebook-"));
  await setup(workdir);
  copyFileSync(join(ROOT, "notebooks", "ctp.ipynb"), join(workdir, "ctp.ipynb"));
  const run = spawnSync("/usr/bin/python3", ["-c", EXECUTE, "ctp.ipynb", "executed.ipynb"], {
    cwd: workdir, encoding: "utf8", timeout: 170_000,
    env: { ...process.env, JUPYTER_PATH: join(prefix, "share", "jupyter"), VNTRADER_DIR: "", VNTRADER_CTP_LIB_DIR: "" },
  });
  if (run.status !== 0) throw new Error(`nbclient failed (${run.status}): ${run.stderr.slice(-3000)}`);
  cells = JSON.parse(readFileSync(join(workdir, "executed.ipynb"), "utf8")).cells;
}, 180_000);

describe("notebooks/ctp.ipynb on the simulated counter", () => {
  it("runs every cell without an error", () => {
    const errors = cells.flatMap((c) => c.outputs ?? []).filter((o) => o.output_type === "error");
    expect(errors.map((e) => `${e.ename}: ${e.evalue}`)).toEqual([]);
  });

  it("connects through the login chain and lists the counter's contracts", () => {
    const log = (cellsWith("%connect ctp")[0].outputs ?? []).map((o) => text(o.text)).join("");
    for (const line of ["交易服务器登录成功", "结算信息确认成功", "合约信息查询成功", "行情服务器登录成功", "CTP connected: 10 contracts"]) {
      expect(log).toContain(line);
    }
    expect(log).not.toContain("simulated"); // the password from connect_ctp.json is masked
    expect(rows("%contracts rb").map((r) => r.vt_symbol)).toEqual(["rb2601.SHFE"]);
  });

  it("fills the buy, then splits the SHFE close into close-today and close-yesterday, all filled", () => {
    const afterBuy = rowsOf(cellsWith("%orders")[0]);
    expect(afterBuy.map((r) => [r.offset, r.traded, r.status])).toEqual([["OPEN", "2", "ALLTRADED"]]);
    const all = rows("%orders");
    expect(all.map((r) => [r.offset, r.volume, r.traded, r.status])).toEqual([
      ["OPEN", "2", "2", "ALLTRADED"], ["CLOSETODAY", "2", "2", "ALLTRADED"], ["CLOSEYESTERDAY", "2", "2", "ALLTRADED"],
    ]);
    expect(all.every((r) => /^1_-?\d+_\d+$/.test(String(r.orderid)))).toBe(true); // FrontID_SessionID_OrderRef
  });

  it("shows SHFE positions with yesterday's volume apart", () => {
    const rebar = rows("%positions").find((r) => r.vt_symbol === "rb2601.SHFE");
    expect(rebar).toMatchObject({ direction: "LONG", volume: "5", yd_volume: "3" });
  });
});
