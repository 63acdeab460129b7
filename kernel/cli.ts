// `vntrader-kernel start`, `vntrader-kernel install [--user | --prefix DIR]` and `vntrader-kernel kernel --connection-file FILE`.
import { findPackageRoot } from "./executor";
import { installKernelSpec, parseInstallArgs } from "./install";
import { connectionFileFromArgs, startKernel } from "./main";
import { start } from "./start";

const USAGE =
  "usage: vntrader-kernel start                        register the kernel, open the quickstart (or run it on SIM here)\n" +
  "       vntrader-kernel install [--user | --prefix DIR]\n" +
  "       vntrader-kernel kernel --connection-file FILE";

export async function main(args: readonly string[]): Promise<number> {
  const [command, ...rest] = args;
  if (command === "install") {
    const dir = installKernelSpec(findPackageRoot(), parseInstallArgs(rest));
    process.stdout.write(`installed kernelspec "vntrader" (VN Trader (TypeScript)) in ${dir}\n`);
    return 0;
  }
  if (command === "start") return start(findPackageRoot());
  if (command === "kernel") {
    await startKernel(connectionFileFromArgs(rest));
    return -1; // keeps running until shutdown_request
  }
  process.stderr.write(`${USAGE}\n`);
  return command === "--help" || command === "-h" ? 0 : 2;
}
