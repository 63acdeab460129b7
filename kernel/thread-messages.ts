// What the io thread (sockets) and the main thread (cells) say to each other through postMessage.
import type { Channel } from "./connection";
import type { Message } from "./wire";

/** Messages cross the thread boundary by structured clone, which turns Buffers into Uint8Arrays. */
export type PortableMessage = Message<unknown>;

export type ToMain =
  | { type: "ready" }
  | { type: "fatal"; reason: string }
  | { type: "request"; channel: "shell" | "stdin"; message: PortableMessage }
  | { type: "shutdown"; restart: boolean };

export type ToIo =
  | { type: "send"; channel: Exclude<Channel, "hb">; message: PortableMessage }
  | { type: "close" };

export interface IoThreadData {
  connectionFile: string;
  session: string;
  kernelInfo: Record<string, unknown>;
  logDirectory: string;
}

/** Restores Buffers after a structured clone (identities and buffers arrive as Uint8Arrays). */
export function revive(message: PortableMessage): Message {
  const toBuffer = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);
  return {
    ...(message as Message),
    identities: message.identities.map(toBuffer),
    buffers: message.buffers.map(toBuffer),
  };
}
