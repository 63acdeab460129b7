// Reads and checks a Jupyter connection file (ports, transport, signing key) before any socket is bound.
import { readFileSync } from "node:fs";

export interface ConnectionInfo {
  transport: "tcp" | "ipc";
  ip: string;
  key: string;
  shell_port: number;
  iopub_port: number;
  stdin_port: number;
  control_port: number;
  hb_port: number;
}

export type Channel = "shell" | "iopub" | "stdin" | "control" | "hb";
export const CHANNELS: readonly Channel[] = ["shell", "iopub", "stdin", "control", "hb"];

/** The address zeromq binds for a channel, e.g. tcp://127.0.0.1:5555 or ipc://kernel-ipc-1. */
export function channelAddress(info: ConnectionInfo, channel: Channel): string {
  const port = info[`${channel}_port`];
  return info.transport === "tcp" ? `tcp://${info.ip}:${port}` : `ipc://${info.ip}-${port}`;
}

export function parseConnection(text: string, source: string): ConnectionInfo {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text) as Record<string, unknown>;
  } catch (err) {
    throw new Error(`connection file ${source} is not JSON (${(err as Error).message}); Jupyter writes it when it starts a kernel`);
  }
  const scheme = raw.signature_scheme ?? "hmac-sha256";
  if (scheme !== "hmac-sha256") {
    throw new Error(`connection file ${source}: signature_scheme ${String(scheme)} is not supported, use hmac-sha256`);
  }
  const transport = raw.transport ?? "tcp";
  if (transport !== "tcp" && transport !== "ipc") throw new Error(`connection file ${source}: unknown transport ${String(transport)}`);
  const info = { transport, ip: String(raw.ip ?? "127.0.0.1"), key: String(raw.key ?? "") } as ConnectionInfo;
  for (const channel of CHANNELS) {
    const port = raw[`${channel}_port`];
    if (typeof port !== "number" || !Number.isInteger(port) || port <= 0) {
      throw new Error(`connection file ${source}: ${channel}_port must be a positive integer, got ${JSON.stringify(port)}`);
    }
    info[`${channel}_port`] = port;
  }
  return info;
}

export function readConnectionFile(path: string): ConnectionInfo {
  return parseConnection(readFileSync(path, "utf8"), path);
}
