// Runs compiled cells with tslab's executor: locals persist across cells, top-level await, interruptible
// (vm breakOnSigint for blocking code, a rejecting promise for a pending await). Outcomes come back as data.
import { dirname, resolve } from "node:path";
import type { Executor } from "tslab/dist/executor";
import type { CellCompiler, CompletionInfo, Diagnostic } from "./compile";

export type Outcome =
  | { kind: "ok"; value: unknown; hasValue: boolean }
  | { kind: "compile-error"; diagnostics: readonly Diagnostic[] }
  | { kind: "runtime-error"; error: unknown };

interface Capture {
  value: unknown;
  hasValue: boolean;
  error: unknown;
  hasError: boolean;
}

const PACKAGE_NAME = "vntrader-kernel";

function emptyCapture(): Capture {
  return { value: undefined, hasValue: false, error: undefined, hasError: false };
}

export class CellExecutor {
  private executor: Executor | undefined;
  private capture = emptyCapture();

  constructor(
    private readonly compiler: CellCompiler,
    private readonly rootDir: string,
    private readonly packageRoot: string,
  ) {}

  private get(): Executor {
    if (!this.executor) {
      const { createExecutor } = require("tslab/dist/executor") as typeof import("tslab/dist/executor");
      // tslab reports through a console: `log` receives the last expression's value, `error` the thrown value
      // (or printf-style diagnostics, which compile.ts records as data instead).
      this.executor = createExecutor(this.rootDir, this.compiler.converterSet(), {
        log: (value: unknown) => Object.assign(this.capture, { value, hasValue: true }),
        error: (error: unknown) => {
          if (!this.capture.hasError) Object.assign(this.capture, { error, hasError: true });
        },
      });
      this.mapPackageRequire();
    }
    return this.executor;
  }

  /** Lets cells `require("vntrader-kernel")` (and its subpaths) even from a notebook outside the package. */
  private mapPackageRequire(): void {
    const holder = globalThis as unknown as { __tslab__: { require: NodeJS.Require } };
    const original = holder.__tslab__.require;
    const fromPackage = (id: string) =>
      resolve(this.packageRoot, id === PACKAGE_NAME ? "." : id.slice(PACKAGE_NAME.length + 1));
    holder.__tslab__.require = new Proxy(original, {
      apply: (target, thisArg, args: [string]) =>
        typeof args[0] === "string" && (args[0] === PACKAGE_NAME || args[0].startsWith(`${PACKAGE_NAME}/`))
          ? require(fromPackage(args[0]))
          : Reflect.apply(target, thisArg, args),
    });
  }

  /** Compiles and runs one cell. Never throws: every failure is an Outcome. */
  async run(code: string): Promise<Outcome> {
    this.capture = emptyCapture();
    this.compiler.startCell();
    let succeeded: boolean;
    try {
      succeeded = await this.get().execute(code);
    } catch (error) {
      // A fault of the compiler or executor itself: still one error in the cell, with its stack.
      return { kind: "runtime-error", error };
    }
    const diagnostics = this.compiler.diagnostics();
    if (diagnostics.length > 0) return { kind: "compile-error", diagnostics };
    if (!succeeded || this.capture.hasError) return { kind: "runtime-error", error: this.capture.error };
    return { kind: "ok", value: this.capture.value, hasValue: this.capture.hasValue };
  }

  /** Stops a pending top-level await (blocking code is stopped by SIGINT itself through breakOnSigint). */
  interrupt(): void {
    this.executor?.interrupt();
    for (const stop of this.pendingWaits.splice(0)) stop();
  }

  private readonly pendingWaits: Array<() => void> = [];

  /** Awaits `promise` (a cell's unawaited result) in a way the stop button can end, like a top-level await. */
  async awaitInterruptibly<T>(promise: Promise<T>): Promise<T> {
    let stop: () => void = () => undefined;
    const interrupted = new Promise<never>((_, reject) => {
      stop = () => reject(new Error("Interrupted asynchronously"));
    });
    this.pendingWaits.push(stop);
    try {
      return await Promise.race([promise, interrupted]);
    } finally {
      const index = this.pendingWaits.indexOf(stop);
      if (index >= 0) this.pendingWaits.splice(index, 1);
    }
  }

  complete(code: string, position: number): CompletionInfo {
    return this.get().complete(code, position);
  }

  inspect(code: string, position: number): ReturnType<Executor["inspect"]> {
    return this.get().inspect(code, position);
  }
}

/** The package root: two levels above this file in dist/kernel, one level above kernel/ when run from source. */
export function findPackageRoot(): string {
  const here = dirname(__filename);
  return dirname(here).endsWith("dist") ? dirname(dirname(here)) : dirname(here);
}
