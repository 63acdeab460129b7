// Where a cell's output goes: an async context carries the cell's request, so stdout, stderr and displays
// made later by its callbacks (tick handlers, timers, event handlers) still land in that cell.
//
// Deno and tslab tag async output with the latest request instead, so a tick handler's print shows up in
// whatever cell runs now; AsyncLocalStorage follows promises, timers and AsyncResource-bound handlers.
import { AsyncLocalStorage } from "node:async_hooks";
import { log } from "./log";
import type { Header, Message } from "./wire";

/** The request a piece of user code runs for. */
export interface CellContext {
  readonly request: Message;
  /** execute_reply payloads the cell asked for (the pager, from `%magic?`). */
  readonly payloads: Record<string, unknown>[];
}

type Publish = (msgType: string, content: unknown, parent: Header) => void;
type StreamName = "stdout" | "stderr";

const cellContext = new AsyncLocalStorage<CellContext>();
/** Long prints from a busy loop still reach the front end this often. */
const STREAM_FLUSH_MS = 50;

let publishRaw: Publish | undefined;
let lastCell: CellContext | undefined;
let pending: { parent: Header; name: StreamName; text: string } | undefined;
let flushScheduled = false;
let lastFlush = 0;

export function setPublisher(publish: Publish): void {
  publishRaw = publish;
}

/** Runs `work` (and everything it schedules) as part of the cell answering `request`. */
export function runInCell<T>(request: Message, work: (cell: CellContext) => T): T {
  const context: CellContext = { request, payloads: [] };
  lastCell = context;
  return cellContext.run(context, work, context);
}

/**
 * The cell output belongs to: the async context's, else the most recently started cell (as ipykernel does),
 * so output from code that lost its context is shown rather than dropped.
 */
export function currentCell(): CellContext | undefined {
  return cellContext.getStore() ?? lastCell;
}

/** Publishes an iopub message for the current cell, after any stream text written before it. */
export function publishToCell(msgType: string, content: unknown, cell = currentCell()): void {
  flushStreams();
  if (!cell || !publishRaw) {
    log.warn(`${msgType} with no cell to show it in was dropped`);
    return;
  }
  publishRaw(msgType, content, cell.request.header);
}

/** Appends stream text; consecutive writes to the same cell and stream go out as one message. */
export function writeStream(name: StreamName, text: string): void {
  const cell = currentCell();
  if (!cell || !publishRaw) return;
  const parent = cell.request.header;
  if (pending && (pending.parent !== parent || pending.name !== name)) flushStreams();
  if (pending) pending.text += text;
  else pending = { parent, name, text };
  if (Date.now() - lastFlush >= STREAM_FLUSH_MS) flushStreams();
  else scheduleFlush();
}

function scheduleFlush(): void {
  if (flushScheduled) return;
  flushScheduled = true;
  setImmediate(() => {
    flushScheduled = false;
    flushStreams();
  });
}

/** Sends buffered stream text; called before every other iopub message and at the end of each request. */
export function flushStreams(): void {
  lastFlush = Date.now();
  if (!pending || !publishRaw) return;
  const { parent, name, text } = pending;
  pending = undefined;
  publishRaw("stream", { name, text }, parent);
}

/**
 * Sends process.stdout/stderr writes (console.log, console.error, libraries) to the current cell. The global
 * console writes through these streams, so one patch covers both. Kernel diagnostics use log.ts instead.
 */
export function captureStdio(): void {
  for (const name of ["stdout", "stderr"] as const) {
    const stream = process[name];
    stream.write = ((chunk: unknown, encodingOrCallback?: unknown, callback?: unknown) => {
      const text = typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8");
      writeStream(name, text);
      const done = typeof encodingOrCallback === "function" ? encodingOrCallback : callback;
      if (typeof done === "function") queueMicrotask(() => (done as () => void)());
      return true;
    }) as typeof stream.write;
  }
}
