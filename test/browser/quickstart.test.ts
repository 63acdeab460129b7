// The quickstart in a real browser: Debian's classic notebook server with the installed vntrader kernelspec,
// driven by Debian's chromium. Runs every cell, then checks by screenshot and by the drawn svg that the live
// chart renders and keeps moving after the cells have finished.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { ensureBuilt } from "../kernel/client";
import {
  cellErrors, launchChromium, plotState, runAllCells, startNotebookServer, type NotebookServer,
} from "./notebook-browser";

const ROOT = resolve(__dirname, "../..");
const SHOTS = join(ROOT, "test/.tmp/browser");

/** Installs the kernelspec the way a user does (`vntrader-kernel install --prefix`), into a throwaway prefix. */
function installKernelspec(prefix: string): string {
  const run = spawnSync(process.execPath, [join(ROOT, "bin/vntrader-kernel.js"), "install", "--prefix", prefix], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`kernelspec install failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
  return join(prefix, "share/jupyter");
}

describe("quickstart in the classic notebook", () => {
  let server: NotebookServer;
  let browser: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ensureBuilt(); // the kernelspec runs dist/kernel/main.js
    const workdir = mkdtempSync(join(tmpdir(), "vntrader-quickstart-"));
    copyFileSync(join(ROOT, "notebooks/quickstart.ipynb"), join(workdir, "quickstart.ipynb"));
    const jupyterPath = installKernelspec(mkdtempSync(join(tmpdir(), "vntrader-prefix-")));
    server = await startNotebookServer(workdir, jupyterPath);
    browser = await launchChromium();
    page = await browser.newPage();
    mkdirSync(SHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("runs every cell without an error and the live chart renders and moves", async () => {
    await runAllCells(page, server, "quickstart.ipynb");
    expect(await cellErrors(page)).toEqual([]);

    await page.locator(".js-plotly-plot").first().waitFor({ state: "visible", timeout: 30_000 });
    // Each redraw replaces the chart's elements, so shoot the cell's output box, which stays put.
    const chart = page.locator("div.cell:has(.js-plotly-plot) div.output").first();
    await chart.scrollIntoViewIfNeeded();
    const box = (await chart.boundingBox())!;
    const shoot = (path: string) => page.screenshot({ path, clip: box });
    const first = await plotState(page);
    expect(first.drawn).toBe(true);
    expect(first.firstLine).toMatch(/^M/);
    expect(first.title).toMatch(/^rb\d+\.SHFE/);
    const shotA = await shoot(join(SHOTS, "quickstart-chart-1.png"));

    await page.waitForTimeout(3000);
    const second = await plotState(page);
    const shotB = await shoot(join(SHOTS, "quickstart-chart-2.png"));
    await page.screenshot({ path: join(SHOTS, "quickstart-page.png"), fullPage: true });

    expect(second.drawn).toBe(true);
    expect(second.firstLine).not.toBe(first.firstLine);
    expect(Buffer.compare(shotA, shotB)).not.toBe(0);
    // The order cell returned a vt_orderid and the orders table shows it filled.
    const text = await page.locator("#notebook-container").innerText();
    expect(text).toMatch(/'SIM\.\d+'|SIM\.\d+/);
    expect(text).toContain("ALLTRADED");
    expect(readFileSync(join(SHOTS, "quickstart-chart-2.png")).length).toBeGreaterThan(1000);
  }, 180_000);
});
