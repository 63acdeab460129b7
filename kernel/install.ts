// Writes the `vntrader` kernelspec (kernel.json + logos) where Jupyter looks for kernels.
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { homedir, platform } from "node:os";
import { join } from "node:path";

export const KERNEL_NAME = "vntrader";
const LOGOS = ["logo-32x32.png", "logo-64x64.png"];

export type InstallTarget = { kind: "user" } | { kind: "prefix"; dir: string };

/** kernel.json: node runs the built kernel; interrupts go as messages (the kernel answers them from its io thread). */
export function kernelSpec(packageRoot: string, node = process.execPath): Record<string, unknown> {
  return {
    argv: [node, join(packageRoot, "dist", "kernel", "main.js"), "--connection-file", "{connection_file}"],
    display_name: "VN Trader (TypeScript)",
    language: "typescript",
    interrupt_mode: "message",
    metadata: { debugger: false },
  };
}

/** Jupyter's per-user data directory ($JUPYTER_DATA_DIR wins), as jupyter_core computes it. */
export function jupyterDataDir(): string {
  if (process.env.JUPYTER_DATA_DIR) return process.env.JUPYTER_DATA_DIR;
  if (platform() === "darwin") return join(homedir(), "Library", "Jupyter");
  if (platform() === "win32") return join(process.env.APPDATA ?? homedir(), "jupyter");
  return join(process.env.XDG_DATA_HOME ?? join(homedir(), ".local", "share"), "jupyter");
}

export function kernelsDir(target: InstallTarget): string {
  return target.kind === "user" ? join(jupyterDataDir(), "kernels") : join(target.dir, "share", "jupyter", "kernels");
}

/** Installs (or overwrites) the kernelspec; returns the directory written. */
export function installKernelSpec(packageRoot: string, target: InstallTarget): string {
  const main = join(packageRoot, "dist", "kernel", "main.js");
  if (!existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` in ${packageRoot} first`);
  const dir = join(kernelsDir(target), KERNEL_NAME);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "kernel.json"), `${JSON.stringify(kernelSpec(packageRoot), null, 2)}\n`);
  for (const logo of LOGOS) copyFileSync(join(packageRoot, "kernel", "assets", logo), join(dir, logo));
  return dir;
}

/** Reads `[--user | --prefix DIR]`; the default is the user's directory, which needs no privileges. */
export function parseInstallArgs(args: readonly string[]): InstallTarget {
  const prefix = args.indexOf("--prefix");
  if (prefix >= 0) {
    const dir = args[prefix + 1];
    if (!dir || dir.startsWith("--")) throw new Error("--prefix needs a directory, e.g. --prefix /usr/local");
    return { kind: "prefix", dir };
  }
  const unknown = args.find((a) => a !== "--user");
  if (unknown) throw new Error(`unknown install option ${unknown}; use --user or --prefix DIR`);
  return { kind: "user" };
}
