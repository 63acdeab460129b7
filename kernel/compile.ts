// TypeScript cells -> JavaScript through tslab's converter (its compiler fork), created lazily because it
// is the slow part of start-up (~0.7-1.3 s), and instrumented so type errors come back as data.
import type { CompletionInfo, Converter, ConvertResult, Diagnostic, IsCompleteResult } from "tslab/dist/converter";
import type { ConverterSet } from "tslab/dist/executor";
import { dirname } from "node:path";
import { log } from "./log";

type TsModule = typeof import("@tslab/typescript-for-tslab");
type ConverterModule = typeof import("tslab/dist/converter");

export type { CompletionInfo, Diagnostic };

let converterModule: ConverterModule | undefined;

function loadConverterModule(): ConverterModule {
  if (!converterModule) {
    tuneWatchHost();
    converterModule = require("tslab/dist/converter") as ConverterModule;
  }
  return converterModule;
}

interface SourceFileLike {
  fileName: string;
  isDeclarationFile: boolean;
}

interface ProgramLike {
  getSourceFiles(): readonly SourceFileLike[];
  getCompilerOptions(): object;
}

/**
 * Two changes to the compiler host tslab builds, each measured (~2-4x faster per cell):
 * - only Node's @types as ambient globals: tslab loads every @types package it finds, and stray ones (chai,
 *   estree) cost time on every cell and leak globals. Imported packages still find their own @types.
 * - an abstract builder program instead of the emit-and-diagnostics builder, whose per-file signature
 *   bookkeeping is redone for every cell and buys nothing here (tslab asks for fresh diagnostics each time).
 *   tslab also asks the builder for a cell's source dependencies: every non-declaration file of the program
 *   (the cell and the local .ts files cells imported). tslab reads a cell's top-level names from its binder
 *   output before asking for diagnostics; the other builder bound every file as a side effect, so the cell's
 *   files are bound here (binding is idempotent: the checker skips bound files).
 * The compiler's exports are read-only getters, so tslab is handed a module object inheriting them all.
 */
function tuneWatchHost(): void {
  const tslabDir = dirname(require.resolve("tslab/dist/converter"));
  const path = require.resolve("@tslab/typescript-for-tslab", { paths: [tslabDir] });
  const ts = require(path) as TsModule;
  const createHost = ts.createWatchCompilerHost as (...args: unknown[]) => unknown;
  const bind = (ts as unknown as { bindSourceFile(file: SourceFileLike, options: object): void }).bindSourceFile;
  const createProgram = (...args: unknown[]) => {
    const builder = (ts.createAbstractBuilder as (...a: unknown[]) => { getProgram(): ProgramLike }).apply(ts, args);
    const program = builder.getProgram();
    const cellFiles = program.getSourceFiles().filter((f) => !f.isDeclarationFile);
    for (const file of cellFiles) bind(file, program.getCompilerOptions());
    return Object.assign(builder, { getAllDependencies: () => cellFiles.map((f) => f.fileName) });
  };
  const tunedHost = (...args: unknown[]) => {
    if (Array.isArray(args[0]) && typeof args[1] === "object" && args[1] !== null) {
      args[1] = { ...(args[1] as object), types: ["node"] };
      args[3] = createProgram;
    }
    return createHost.apply(ts, args);
  };
  const cached = require.cache[path];
  if (cached) {
    cached.exports = Object.create(ts, { __esModule: { value: true }, createWatchCompilerHost: { value: tunedHost } });
  }
}

/** The converter plus the diagnostics of its latest conversion (tslab's executor only prints them). */
export class CellCompiler {
  private converter: Converter | undefined;
  private lastDiagnostics: Diagnostic[] = [];

  /** Creates the converter now (start-up warm-up) instead of on the first cell. */
  warm(): void {
    this.get();
  }

  private get(): Converter {
    if (!this.converter) {
      const started = Date.now();
      this.converter = loadConverterModule().createConverter();
      log.info(`TypeScript converter ready in ${Date.now() - started} ms`);
    }
    return this.converter;
  }

  /** Diagnostics that stopped the latest cell; empty when it compiled. */
  diagnostics(): readonly Diagnostic[] {
    return this.lastDiagnostics;
  }

  /** What tslab's executor expects; there is no browser mode here, so both slots compile for Node. */
  converterSet(): ConverterSet {
    const converter: Converter = {
      convert: (prevDecl, src): ConvertResult => {
        const result = this.get().convert(prevDecl, src);
        this.lastDiagnostics = result.diagnostics;
        return result;
      },
      inspect: (prevDecl, src, position) => this.get().inspect(prevDecl, src, position),
      complete: (prevDecl, src, position) => this.get().complete(prevDecl, src, position),
      addModule: (name, content, meta) => this.get().addModule(name, content, meta),
      close: () => this.converter?.close(),
    };
    return { node: converter, browser: converter, close: () => converter.close() };
  }

  /** Resets the per-cell diagnostics before a run. */
  startCell(): void {
    this.lastDiagnostics = [];
  }
}

/** Whether the code is a finished statement list (parse only, no type check), with an indent hint. */
export function isCompleteCode(code: string): IsCompleteResult {
  return loadConverterModule().isCompleteCode(code);
}
