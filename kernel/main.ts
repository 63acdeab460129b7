// Kernel entry point: `node dist/kernel/main.js --connection-file FILE` (what the kernelspec runs).
//
// Start-up is ordered for a fast "ready": the io thread binds the sockets and answers heartbeats and
// kernel_info at once; the TypeScript compiler (the slow part) and src/ load right after, before the first cell.
import { randomUUID } from "node:crypto";
import { dirname, join, resolve } from "node:path";
import { setDisplayPublisher } from "../src/frame/jupyter";
import { input, setStdin } from "./api";
import { CellCompiler } from "./compile";
import { publishBundle } from "./display";
import { writeErrorToCell } from "./crash";
import { CellExecutor, findPackageRoot } from "./executor";
import type { Services } from "./handlers/types";
import { History } from "./history";
import { jupyterDataDir } from "./install";
import { Kernel } from "./kernel";
import { kernelInfo } from "./kernel-info";
import { log, logFile, setLogDirectory } from "./log";
import { loadMagics } from "./magics/load";
import { captureStdio, setPublisher } from "./output";
import { buildPreload } from "./preload";
import { KernelServer } from "./server";
import { StdinChannel } from "./stdin";

interface Engine {
  setPrompter?(prompter: (question: string, options: { password: boolean }) => Promise<string>): void;
}

/** Loads src/, the magics and the compiler, then runs the preload cell. Runs once; later calls share it. */
function createWarmUp(executor: CellExecutor, compiler: CellCompiler): () => Promise<void> {
  let warming: Promise<void> | undefined;
  const warm = async () => {
    const started = Date.now();
    try {
      const preload = buildPreload(__dirname);
      const engine = preload.api?.engine as Engine | undefined;
      engine?.setPrompter?.((question, options) => input(question, options));
      loadMagics(engine);
      compiler.warm();
      const outcome = await executor.run(preload.source);
      if (outcome.kind !== "ok") log.error("the preload cell failed; cells lack some globals", outcome);
      log.info(`warm-up done in ${Date.now() - started} ms`);
    } catch (err) {
      log.error("warm-up failed; cells will report the error", err);
    }
  };
  return () => (warming ??= warm());
}

export async function startKernel(connectionFile: string): Promise<void> {
  const file = resolve(connectionFile);
  setLogDirectory(dirname(file));
  const packageRoot = findPackageRoot();
  const session = randomUUID();
  let kernel: Kernel | undefined;
  const server = await KernelServer.start(
    { connectionFile: file, session, kernelInfo: kernelInfo(packageRoot), logDirectory: dirname(file) },
    { onRequest: (channel, message) => kernel?.onRequest(channel, message), onShutdown: (restart) => stop(restart) },
  );
  log.info(`kernel listening (connection file ${file}, log ${logFile()})`);

  setPublisher((msgType, content, parent) => server.publish(msgType, content, parent));
  setDisplayPublisher((bundle, options) => publishBundle(bundle, options));
  captureStdio();
  const stdin = new StdinChannel((request, content) => server.reply("stdin", request, "input_request", content));
  setStdin(stdin);

  const compiler = new CellCompiler();
  const executor = new CellExecutor(compiler, process.cwd(), packageRoot);
  const historyFile = process.env.VNTRADER_KERNEL_HISTORY ?? join(jupyterDataDir(), "vntrader", "history.jsonl");
  const services: Services = { server, executor, history: new History(historyFile), executionCount: 0 };
  const warm = createWarmUp(executor, compiler);
  kernel = new Kernel(services, stdin, warm, (restart) => stop(restart));

  process.on("SIGINT", () => {
    // interrupt_request (via the io thread) or a signal from the front end: stop the pending await and prompt.
    executor.interrupt();
    stdin.cancel(new Error("Interrupted asynchronously"));
  });
  process.on("uncaughtException", (err) => writeErrorToCell("uncaught exception in a callback", err));
  process.on("unhandledRejection", (err) => writeErrorToCell("unhandled promise rejection", err));
  setImmediate(() => void warm());

  let stopping = false;
  async function stop(restart: boolean): Promise<void> {
    if (stopping) return;
    stopping = true;
    log.info(`shutdown requested (restart=${restart})`);
    await server.close();
    process.exit(0);
  }
}

export function connectionFileFromArgs(args: readonly string[]): string {
  const flag = args.findIndex((a) => a === "--connection-file" || a === "-f");
  const file = flag >= 0 ? args[flag + 1] : undefined;
  if (!file) throw new Error("usage: vntrader-kernel kernel --connection-file FILE (Jupyter fills in FILE)");
  return file;
}

if (require.main === module) {
  startKernel(connectionFileFromArgs(process.argv.slice(2))).catch((err: Error) => {
    log.error("kernel failed to start", err);
    process.stderr.write(`vntrader-kernel: ${err.message}\n`);
    process.exit(1);
  });
}
