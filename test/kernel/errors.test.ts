// How failures read in a cell: type errors with a caret in the user's own line, usage errors and refused
// orders without a stack, interrupts, and real faults with the cell's frames only.
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../kernel/compile";
import { diagnosticsError, runtimeError } from "../../kernel/errors";
import { MagicUsageError } from "../../kernel/magics/registry";
import { TradingError } from "../../src/core/errors";

function diagnostic(line: number, character: number, length: number, messageText: string): Diagnostic {
  return { start: { offset: 0, line, character }, end: { offset: 0, line, character: character + length }, messageText, category: 1, code: 2304 };
}

describe("diagnosticsError", () => {
  it("names line and column and points at the code", () => {
    const error = diagnosticsError([diagnostic(1, 6, 1, "Type 'number' is not assignable to type 'string'.")], "const a = 1;\nconst s: string = a;");
    expect(error).toEqual({
      ename: "TypeScriptError",
      evalue: "Type 'number' is not assignable to type 'string'.",
      traceback: ["2:7 - Type 'number' is not assignable to type 'string'.", "    const s: string = a;", "          ^"],
    });
  });

  it("finds the flagged {expr} in the user's magic line, not in its expansion", () => {
    const code = "const df = %contracts {nope}";
    const compiled = 'const df = await $vt_magic("contracts", `${nope}`);';
    const error = diagnosticsError([diagnostic(0, compiled.indexOf("nope"), 4, "Cannot find name 'nope'.")], code, compiled);
    expect(error.traceback).toEqual(["1:24 - Cannot find name 'nope'.", `    ${code}`, `    ${" ".repeat(23)}^`]);
  });

  it("counts the others when there are several", () => {
    expect(diagnosticsError([diagnostic(0, 0, 1, "first"), diagnostic(0, 2, 1, "second")], "a b").evalue).toBe("first (and 1 more)");
  });
});

describe("runtimeError", () => {
  it("shows a magic's usage error as the problem and the usage line", () => {
    expect(runtimeError(new MagicUsageError("%tick VT_SYMBOL", "VT_SYMBOL is missing"))).toEqual({
      ename: "UsageError",
      evalue: "VT_SYMBOL is missing",
      traceback: ["UsageError: VT_SYMBOL is missing", "usage: %tick VT_SYMBOL"],
    });
  });

  it("shows a refused order as its code and message, without a stack", () => {
    const error = runtimeError(new TradingError("RISK_REFUSED", "volume 500 is over the limit of 100"));
    expect(error).toEqual({
      ename: "TradingError",
      evalue: "RISK_REFUSED: volume 500 is over the limit of 100",
      traceback: ["TradingError RISK_REFUSED: volume 500 is over the limit of 100"],
    });
  });

  it("reads both interrupt messages as a KeyboardInterrupt that kept the variables", () => {
    for (const message of ["Script execution was interrupted by `SIGINT`", "Interrupted asynchronously"]) {
      expect(runtimeError(new Error(message))).toMatchObject({ ename: "KeyboardInterrupt", evalue: "the cell was interrupted; variables it had set are kept" });
    }
  });

  it("keeps the cell's frames and drops the kernel's", () => {
    const error = new TypeError("deep");
    error.stack = [
      "TypeError: deep",
      "    at f (evalmachine.<anonymous>:3:22)",
      "    at evalmachine.<anonymous>:5:3",
      "    at sigintHandlersWrap (node:vm:280:12)",
      "    at CellExecutor.run (/app/dist/kernel/executor.js:60:1)",
    ].join("\n");
    expect(runtimeError(error).traceback).toEqual(["TypeError: deep", "    at f (<cell>:3:22)", "    at <cell>:5:3"]);
  });

  it("shows a thrown non-Error value as it is", () => {
    expect(runtimeError({ code: 7 })).toEqual({ ename: "Uncaught", evalue: "{ code: 7 }", traceback: ["Uncaught { code: 7 }"] });
  });
});
