// `vntrader-kernel start` (npm start): registers the kernel for this user and opens the quickstart notebook in
// Jupyter. Without Jupyter, or without a terminal to hold a notebook server (CI, piped output), it runs the same
// job on SIM in the terminal and says how to get Jupyter.
import { spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import { runSimDemo } from "../src/demo";
import { installKernelSpec } from "./install";

const INSTALL_HINT =
  "Jupyter is not installed. On Debian/Ubuntu: sudo apt-get install jupyter-notebook (or pip install notebook); " +
  "then `npm start` opens notebooks/quickstart.ipynb with the kernel \"VN Trader (TypeScript)\".";

function hasJupyterNotebook(): boolean {
  const probe = spawnSync("jupyter", ["notebook", "--version"], { stdio: "ignore" });
  return probe.status === 0;
}

function openNotebook(packageRoot: string): Promise<number> {
  const notebook = join(packageRoot, "notebooks", "quickstart.ipynb");
  process.stdout.write(`opening ${notebook} in Jupyter (Ctrl-C stops the server)\n`);
  // Jupyter refuses to run as root unless told to (containers and fresh machines often are root).
  const asRoot = process.getuid?.() === 0 ? ["--allow-root"] : [];
  const server = spawn("jupyter", ["notebook", ...asRoot, notebook], { stdio: "inherit" });
  return new Promise((resolve) => server.on("exit", (code) => resolve(code ?? 0)));
}

export async function start(packageRoot: string): Promise<number> {
  const dir = installKernelSpec(packageRoot, { kind: "user" });
  process.stdout.write(`installed kernelspec "vntrader" (VN Trader (TypeScript)) in ${dir}\n`);
  const jupyter = hasJupyterNotebook();
  if (jupyter && process.stdout.isTTY && !process.env.CI) return openNotebook(packageRoot);
  process.stdout.write(jupyter
    ? "no terminal to hold a notebook server here; running the quickstart's job on SIM in the terminal instead\n\n"
    : `${INSTALL_HINT}\nMeanwhile, the same job on SIM in the terminal:\n\n`);
  return (await runSimDemo()) ? 0 : 1;
}
