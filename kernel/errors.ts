// How a failed cell reads: one `error` message with ename/evalue/traceback. User mistakes (type errors, bad
// magic arguments, refused orders, interrupts) get a short message without a stack; real faults keep theirs.
import type { Diagnostic } from "./compile";
import { plainText } from "./display";

export interface ErrorContent {
  ename: string;
  evalue: string;
  traceback: string[];
}

/**
 * Where a diagnostic sits in the user's line. `compiled` is that line after magic expansion: `{expr}` is copied
 * verbatim into the expansion, so the flagged text is looked up in the user's line; undefined if not found.
 */
function userColumn(d: Diagnostic, source: string, compiled: string | undefined): number | undefined {
  if (source === compiled) return d.start.character;
  if (compiled === undefined || d.end.line !== d.start.line) return undefined;
  const flagged = compiled.slice(d.start.character, d.end.character);
  const at = flagged ? source.indexOf(flagged) : -1;
  return at >= 0 ? at : undefined;
}

/** Type errors as `line:col - message`, each followed by the offending line of the cell and a caret. */
export function diagnosticsError(diagnostics: readonly Diagnostic[], code: string, compiled = code): ErrorContent {
  const lines = code.split("\n");
  const compiledLines = compiled.split("\n");
  const traceback: string[] = [];
  for (const d of diagnostics) {
    const source = d.fileName ? undefined : lines[d.start.line];
    const column = source === undefined ? undefined : userColumn(d, source, compiledLines[d.start.line]);
    const where = d.fileName ? `${d.fileName} ` : "";
    traceback.push(`${where}${d.start.line + 1}:${(column ?? d.start.character) + 1} - ${d.messageText}`);
    if (source === undefined) continue;
    traceback.push(`    ${source}`);
    if (column !== undefined) traceback.push(`    ${" ".repeat(column)}^`);
  }
  const first = diagnostics[0];
  const more = diagnostics.length > 1 ? ` (and ${diagnostics.length - 1} more)` : "";
  return { ename: "TypeScriptError", evalue: `${first.messageText}${more}`, traceback };
}

interface UsageErrorShape {
  usage: string;
  problem: string;
}

/** Magic usage errors are recognised by shape, so every magic module's MagicUsageError class qualifies. */
function isUsageError(error: unknown): error is Error & UsageErrorShape {
  const e = error as Partial<UsageErrorShape & Error> | null;
  return typeof e === "object" && e !== null && e.name === "MagicUsageError" && typeof e.usage === "string" && typeof e.problem === "string";
}

function isTradingError(error: unknown): error is Error & { code: string } {
  return error instanceof Error && error.name === "TradingError" && typeof (error as { code?: unknown }).code === "string";
}

const INTERRUPT_MESSAGES = ["Script execution was interrupted by `SIGINT`", "Interrupted asynchronously"];

function isInterrupt(error: unknown): boolean {
  return error instanceof Error && INTERRUPT_MESSAGES.some((m) => error.message.startsWith(m));
}

/** Frames below the cell: the vm call, tslab's executor, the kernel. The user never needs them. */
const KERNEL_FRAME = /sigintHandlersWrap|node:vm|node:internal|node_modules[\\/]tslab|[\\/](dist[\\/])?kernel[\\/]/;

/** `Name: message` and the stack frames of the cell and what it called, cell frames shown as `<cell>`. */
function traceback(error: Error): string[] {
  const frames: string[] = [];
  for (const line of (error.stack ?? "").split("\n")) {
    if (!/^\s+at /.test(line)) continue;
    if (KERNEL_FRAME.test(line)) break;
    frames.push(line.replace(/evalmachine\.<anonymous>/g, "<cell>"));
  }
  return [`${error.name}: ${error.message}`, ...frames];
}

export function runtimeError(error: unknown): ErrorContent {
  if (isUsageError(error)) {
    return { ename: "UsageError", evalue: error.problem, traceback: [`UsageError: ${error.problem}`, `usage: ${error.usage}`] };
  }
  if (isTradingError(error)) {
    return { ename: "TradingError", evalue: `${error.code}: ${error.message}`, traceback: [`TradingError ${error.code}: ${error.message}`] };
  }
  if (isInterrupt(error)) {
    const evalue = "the cell was interrupted; variables it had set are kept";
    return { ename: "KeyboardInterrupt", evalue, traceback: [`KeyboardInterrupt: ${evalue}`] };
  }
  if (error instanceof Error) {
    return { ename: error.name, evalue: error.message, traceback: traceback(error) };
  }
  const evalue = plainText(error);
  return { ename: "Uncaught", evalue, traceback: [`Uncaught ${evalue}`] };
}
