// Drives Debian's classic notebook server (jupyter-notebook 6.4, /usr/bin/python3) with Debian's chromium
// through playwright-core: start a server in a directory, open a notebook, run every cell, read the page.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";
const SYSTEM_PYTHON = "/usr/bin/python3";

export interface NotebookServer {
  readonly url: string;
  readonly token: string;
  /** The server's own output, for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** Starts `python3 -m notebook` serving `dir`; `jupyterPath` is where it finds kernelspecs (JUPYTER_PATH). */
export async function startNotebookServer(dir: string, jupyterPath: string): Promise<NotebookServer> {
  const port = await freePort();
  const token = randomBytes(16).toString("hex");
  const home = mkdtempSync(join(tmpdir(), "vntrader-nbhome-"));
  const child = spawn(SYSTEM_PYTHON, [
    "-m", "notebook", "--no-browser", `--port=${port}`, "--ip=127.0.0.1", `--NotebookApp.token=${token}`,
    `--notebook-dir=${dir}`, "--NotebookApp.open_browser=False",
    // CI containers run as root; the server refuses that unless told.
    ...(process.getuid?.() === 0 ? ["--allow-root"] : []),
  ], {
    cwd: dir,
    // A private HOME and runtime dir: the user's own Jupyter config and kernels must not leak into the test.
    env: { ...process.env, HOME: home, JUPYTER_PATH: jupyterPath, JUPYTER_RUNTIME_DIR: join(home, "runtime"), JUPYTER_CONFIG_DIR: join(home, "config") },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr!.on("data", (chunk: Buffer) => { output += chunk.toString(); });
  const url = `http://127.0.0.1:${port}`;
  await waitForServer(url, token, child, () => output);
  return { url, token, log: () => output, stop: () => stopChild(child) };
}

async function waitForServer(url: string, token: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`notebook server exited with ${child.exitCode}:\n${log()}`);
    try {
      const response = await fetch(`${url}/api/status?token=${token}`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`notebook server did not answer within 30 s:\n${log()}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 5000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** Debian's chromium with a fresh profile (playwright passes it as --user-data-dir). */
export function launchChromium(): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "vntrader-chromium-")), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 1000 },
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
      "--no-first-run", "--disable-component-update", "--disable-sync",
    ],
  });
}

/** Opens a notebook, waits for its kernel, runs all cells and waits until none is running or queued. */
export async function runAllCells(page: Page, server: NotebookServer, notebook: string, timeoutMs = 120_000): Promise<void> {
  await page.goto(`${server.url}/notebooks/${notebook}?token=${server.token}`);
  await page.waitForFunction(
    () => {
      const jupyter = (window as unknown as { Jupyter?: any }).Jupyter;
      return Boolean(jupyter?.notebook?.kernel?.is_connected?.() && jupyter.notebook.kernel.info_reply?.status === "ok");
    },
    undefined,
    { timeout: 60_000 },
  );
  await page.evaluate(() => (window as unknown as { Jupyter: any }).Jupyter.notebook.execute_all_cells());
  await page.waitForFunction(
    () => {
      const cells = (window as unknown as { Jupyter: any }).Jupyter.notebook.get_cells().filter((c: any) => c.cell_type === "code");
      return cells.every((c: any) => typeof c.input_prompt_number === "number");
    },
    undefined,
    { timeout: timeoutMs, polling: 250 },
  );
}

/** The error outputs of every code cell: ename, evalue and the cell's source. */
export function cellErrors(page: Page): Promise<Array<{ source: string; ename: string; evalue: string }>> {
  return page.evaluate(() => {
    const cells = (window as unknown as { Jupyter: any }).Jupyter.notebook.get_cells().filter((c: any) => c.cell_type === "code");
    return cells.flatMap((c: any) =>
      c.output_area.outputs
        .filter((o: any) => o.output_type === "error")
        .map((o: any) => ({ source: c.get_text(), ename: o.ename, evalue: o.evalue })),
    );
  });
}

export interface PlotState {
  /** A drawn Plotly chart (its .js-plotly-plot div with an svg) is on the page. */
  readonly drawn: boolean;
  /** The svg path of the first line trace: it changes when new points are drawn. */
  readonly firstLine: string | null;
  readonly title: string | null;
}

/** What the first drawn Plotly chart on the page shows now. */
export function plotState(page: Page): Promise<PlotState> {
  return page.evaluate(() => {
    const plot = document.querySelector(".js-plotly-plot");
    const svg = plot?.querySelector("svg.main-svg");
    const line = plot?.querySelector(".scatterlayer .trace path.js-line");
    const title = plot?.querySelector(".gtitle");
    return { drawn: Boolean(plot && svg), firstLine: line?.getAttribute("d") ?? null, title: title?.textContent ?? null };
  });
}
