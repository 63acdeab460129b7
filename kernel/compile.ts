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
    limitAmbientTypes();
    converterModule = require("tslab/dist/converter") as ConverterModule;
  }
  return converterModule;
}

/**
 * tslab loads every @types package it finds as ambient globals. Only Node's belong in a cell: fewer files make
 * each incremental check faster, and stray @types (chai, estree) would leak globals. Imported packages still
 * find their own @types through module resolution. The compiler's exports are read-only getters, so tslab is
 * handed a module object that inherits them all and adds `types: ["node"]` to its watch host's options.
 */
function limitAmbientTypes(): void {
  const tslabDir = dirname(require.resolve("tslab/dist/converter"));
  const path = require.resolve("@tslab/typescript-for-tslab", { paths: [tslabDir] });
  const ts = require(path) as TsModule;
  const createHost = ts.createWatchCompilerHost as (...args: unknown[]) => unknown;
  const withNodeTypes = (...args: unknown[]) => {
    if (Array.isArray(args[0]) && typeof args[1] === "object" && args[1] !== null) {
      args[1] = { ...(args[1] as object), types: ["node"] };
    }
    return createHost.apply(ts, args);
  };
  const cached = require.cache[path];
  if (cached) {
    cached.exports = Object.create(ts, { __esModule: { value: true }, createWatchCompilerHost: { value: withNodeTypes } });
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
