// Errors nobody awaited (a throwing tick handler or timer): logged, and shown in the cell that owns the code.
import { inspect } from "node:util";
import { log } from "./log";
import { writeStream } from "./output";

/** Keeps the kernel alive: one bad callback must not end the session and lose every variable. */
export function writeErrorToCell(what: string, error: unknown): void {
  log.error(what, error);
  const text = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : inspect(error);
  writeStream("stderr", `${what}: ${text}\n`);
}
