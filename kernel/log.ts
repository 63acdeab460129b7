// The kernel's own diagnostics: appended to a log file, never shown in a cell (user output goes through iopub).
import { appendFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { threadId } from "node:worker_threads";

let logPath = process.env.VNTRADER_KERNEL_LOG ?? join(tmpdir(), `vntrader-kernel-${process.pid}.log`);

/** Puts the log beside the connection file (Jupyter's runtime dir) unless $VNTRADER_KERNEL_LOG says otherwise. */
export function setLogDirectory(dir: string): void {
  if (process.env.VNTRADER_KERNEL_LOG) return;
  logPath = join(dir, `vntrader-kernel-${process.pid}.log`);
}

export function logFile(): string {
  return logPath;
}

function write(level: string, message: string, detail?: unknown): void {
  const extra = detail instanceof Error ? `\n${detail.stack ?? detail.message}` : detail === undefined ? "" : ` ${safeJson(detail)}`;
  const line = `${new Date().toISOString()} ${level} [${threadId === 0 ? "main" : `io`}] ${message}${extra}\n`;
  try {
    mkdirSync(dirname(logPath), { recursive: true });
    appendFileSync(logPath, line);
  } catch {
    // A log that cannot be written must never take the kernel down.
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

export const log = {
  info: (message: string, detail?: unknown) => write("INFO", message, detail),
  warn: (message: string, detail?: unknown) => write("WARN", message, detail),
  error: (message: string, detail?: unknown) => write("ERROR", message, detail),
};
