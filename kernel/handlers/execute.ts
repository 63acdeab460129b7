// execute_request: execute_input, the cell's outputs, one execute_result or one error, then execute_reply.
import { format, publishBundle } from "../display";
import { diagnosticsError, runtimeError, type ErrorContent } from "../errors";
import type { Outcome } from "../executor";
import { transformOf } from "../magics/builtin";
import { expandMagics } from "../magics/expand";
import { flushStreams, publishToCell, runInCell, type CellContext } from "../output";
import type { Message } from "../wire";
import type { ExecuteResult, Services } from "./types";

interface ExecuteContent {
  code: string;
  silent: boolean;
  storeHistory: boolean;
  stopOnError: boolean;
}

function readContent(request: Message): ExecuteContent {
  const c = request.content as Record<string, unknown>;
  const silent = c.silent === true;
  return {
    code: typeof c.code === "string" ? c.code : "",
    silent,
    // A silent execute never counts or enters history, whatever store_history says (protocol spec).
    storeHistory: !silent && c.store_history !== false,
    stopOnError: c.stop_on_error !== false,
  };
}

/** Expands magics, compiles and runs; expansion mistakes (a bad `{`) become the cell's error too. */
type CellOutcome = (Outcome & { compiled: string }) | { kind: "expand-error"; error: unknown };

async function runCell(code: string, services: Services): Promise<CellOutcome> {
  let compiled: string;
  try {
    compiled = expandMagics(code, transformOf);
  } catch (error) {
    return { kind: "expand-error", error };
  }
  return { ...(await services.executor.run(compiled)), compiled };
}

function errorOf(outcome: Exclude<CellOutcome, { kind: "ok" }>, code: string): ErrorContent {
  if (outcome.kind === "compile-error") return diagnosticsError(outcome.diagnostics, code, outcome.compiled);
  if (outcome.kind === "expand-error" && outcome.error instanceof SyntaxError) {
    return { ename: "SyntaxError", evalue: outcome.error.message, traceback: [`SyntaxError: ${outcome.error.message}`] };
  }
  return runtimeError(outcome.error);
}

/** The last expression: execute_result, or display_data when the value names its own output (live charts). */
async function publishValue(value: unknown, count: number, services: Services, cell: CellContext): Promise<void> {
  // A promise as the last expression shows what it resolves to (`display(x)`, an async call left unawaited).
  const settled = value instanceof Promise ? await services.executor.awaitInterruptibly(value) : value;
  if (settled === undefined) return;
  const formatted = await format(settled);
  if (formatted.displayId) {
    publishBundle(formatted.data, { displayId: formatted.displayId });
  } else {
    publishToCell("execute_result", { execution_count: count, data: formatted.data, metadata: {} }, cell);
  }
  const text = formatted.data["text/plain"];
  if (typeof text === "string") services.history.setOutput(count, text);
}

export async function executeRequest(request: Message, services: Services): Promise<ExecuteResult> {
  const content = readContent(request);
  if (content.storeHistory) services.executionCount += 1;
  const count = services.executionCount;
  const { server } = services;
  if (!content.silent) server.publish("execute_input", { code: content.code, execution_count: count }, request.header);
  if (content.storeHistory) services.history.add(count, content.code);

  const { error, payloads } = await runInCell(request, async (cell) => {
    const outcome = await runCell(content.code, services);
    if (outcome.kind !== "ok") return { error: errorOf(outcome, content.code), payloads: cell.payloads };
    try {
      if (outcome.hasValue && !content.silent) await publishValue(outcome.value, count, services, cell);
    } catch (err) {
      return { error: runtimeError(err), payloads: cell.payloads };
    }
    return { error: undefined, payloads: cell.payloads };
  });

  flushStreams();
  // A silent execute broadcasts nothing on iopub (protocol spec); its reply still carries the error.
  if (error && !content.silent) server.publish("error", error, request.header);
  const reply = error
    ? { status: "error", execution_count: count, ...error }
    : { status: "ok", execution_count: count, payload: payloads, user_expressions: {} };
  server.reply("shell", request, "execute_reply", reply);
  return { failed: error !== undefined, stopOnError: content.stopOnError };
}

/** A queued cell skipped because an earlier one failed (stop_on_error); "aborted" is deprecated, so error. */
export function abortExecute(request: Message, services: Services): void {
  const evalue = "not run: an earlier cell failed (stop_on_error)";
  services.server.reply("shell", request, "execute_reply", {
    status: "error",
    execution_count: services.executionCount,
    ename: "ExecutionAborted",
    evalue,
    traceback: [`ExecutionAborted: ${evalue}`],
  });
}
