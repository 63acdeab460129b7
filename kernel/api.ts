// What every cell sees from the kernel: display, clearOutput, input, html/markdown, and the runtime
// helpers that magic expansion calls ($vt_*). Imported into each session by the preload cell.
import { performance } from "node:perf_hooks";
import { DISPLAY, type Displayable, type DisplayOptions } from "../src/frame/jupyter";
import { display as showValue } from "./display";
import { helpText, requireMagic, type MagicContext } from "./magics/registry";
import { currentCell, publishToCell, writeStream, type CellContext } from "./output";
import type { StdinChannel } from "./stdin";

let stdin: StdinChannel | undefined;

/** Installed by the kernel at start-up. */
export function setStdin(channel: StdinChannel): void {
  stdin = channel;
}

function requireCell(what: string): CellContext {
  const cell = currentCell();
  if (!cell) throw new Error(`${what} works only while the kernel runs a cell`);
  return cell;
}

/**
 * Shows a value in this cell: anything with a `Symbol.for("Jupyter.display")` method, DataFrames, or plain values.
 * @example display(df); display(chart, { displayId: "pnl" }); display(next, { displayId: "pnl", update: true })
 */
export function display(value: unknown, options: DisplayOptions = {}): void | Promise<void> {
  return showValue(value, options);
}

/** Clears this cell's output; `wait` keeps it until new output arrives (no flicker in loops). */
export function clearOutput(wait = false): void {
  publishToCell("clear_output", { wait });
}

/**
 * Asks the user a question in the front end and resolves with the answer.
 * @example const token = await input("Auth code: ", { password: true })
 */
export function input(prompt: string, options: { password?: boolean } = {}): Promise<string> {
  if (!stdin) return Promise.reject(new Error("input() works only inside the kernel"));
  return stdin.ask(requireCell("input()"), prompt, options.password === true);
}

function mimeTemplate(mime: string): (strings: TemplateStringsArray, ...values: unknown[]) => Displayable {
  return (strings, ...values) => {
    const text = String.raw({ raw: strings }, ...values);
    return { [DISPLAY]: () => ({ [mime]: text, "text/plain": text }) };
  };
}

/** @example html`<b>${name}</b>` is shown as HTML (the value is displayed like any other). */
export const html = mimeTemplate("text/html");
/** @example markdown`# ${title}` is shown as Markdown. */
export const markdown = mimeTemplate("text/markdown");

function magicContext(): MagicContext {
  return {
    print: (text) => writeStream("stdout", text),
    display: (value, options) => showValue(value, options),
    input: (prompt, options) => input(prompt, options),
  };
}

/** Runs a line magic (what `%name args` expands to). */
export async function $vt_magic(name: string, args: string): Promise<any> {
  return requireMagic(name).run(args, magicContext());
}

/** `%name?`: the magic's help in the front end's pager. */
export function $vt_page(name: string): void {
  requireCell("the pager").payloads.push({ source: "page", data: { "text/plain": helpText(requireMagic(name)) }, start: 0 });
}

const timers: number[] = [];

function printWallTime(started: number): void {
  const ms = performance.now() - started;
  writeStream("stdout", `Wall time: ${ms < 1000 ? `${ms.toFixed(2)} ms` : `${(ms / 1000).toFixed(3)} s`}\n`);
}

/** `%time EXPR`: the expression's value, after printing how long it took. */
export async function $vt_time<T>(work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    printWallTime(started);
  }
}

/** `%time STATEMENT` (a declaration that must stay at top level): start and end around it. */
export function $vt_timeStart(): void {
  timers.push(performance.now());
}

export function $vt_timeEnd(): void {
  const started = timers.pop();
  if (started !== undefined) printWallTime(started);
}
