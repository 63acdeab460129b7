// Jupyter wire format (messaging protocol 5.3): zeromq frames + key <-> typed messages. Pure: no sockets.
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";

export const PROTOCOL_VERSION = "5.3";
const DELIMITER = "<IDS|MSG>";

export interface Header {
  msg_id: string;
  session: string;
  username: string;
  date: string;
  msg_type: string;
  version: string;
  [extra: string]: unknown;
}

/** A message as the protocol defines it; `parent_header` is `{}` for messages with no parent. */
export interface Message<C = Record<string, unknown>> {
  identities: Buffer[];
  header: Header;
  parent_header: Header | Record<string, never>;
  metadata: Record<string, unknown>;
  content: C;
  buffers: Buffer[];
}

export type Rejection =
  | { kind: "malformed"; reason: string }
  | { kind: "bad-signature"; msgType: string };

export type Decoded = { ok: true; message: Message } | { ok: false; rejection: Rejection };

/** HMAC-SHA256 hex digest over the four JSON frames; the protocol says an empty key means no signing. */
export function sign(key: string, jsonFrames: readonly Buffer[]): string {
  if (key === "") return "";
  const hmac = createHmac("sha256", key);
  for (const frame of jsonFrames) hmac.update(frame);
  return hmac.digest("hex");
}

/** Constant-time comparison, so response timing leaks nothing about the expected digest. */
function signatureMatches(key: string, signature: string, jsonFrames: readonly Buffer[]): boolean {
  if (key === "") return true;
  const expected = Buffer.from(sign(key, jsonFrames), "latin1");
  const given = Buffer.from(signature, "latin1");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function parseObject(frame: Buffer, name: string): Record<string, unknown> | string {
  let value: unknown;
  try {
    value = JSON.parse(frame.toString("utf8"));
  } catch {
    return `${name} is not valid JSON`;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return `${name} is not a JSON object`;
  return value as Record<string, unknown>;
}

function isHeader(value: Record<string, unknown>): value is Header {
  return typeof value.msg_id === "string" && typeof value.msg_type === "string";
}

/** Frames as received from a ROUTER socket -> a verified message, or why it was rejected. */
export function decode(frames: readonly Buffer[], key: string): Decoded {
  const split = frames.findIndex((f) => f.length === DELIMITER.length && f.toString("latin1") === DELIMITER);
  if (split < 0) return reject(`no ${DELIMITER} delimiter`);
  const json = frames.slice(split + 2, split + 6);
  if (json.length < 4) return reject(`expected 4 JSON frames after the signature, got ${json.length}`);
  const [header, parent, metadata, content] = json.map((f, i) => parseObject(f, FRAME_NAMES[i]));
  for (const part of [header, parent, metadata, content]) if (typeof part === "string") return reject(part);
  const typedHeader = header as Record<string, unknown>;
  if (!isHeader(typedHeader)) return reject("header lacks msg_id or msg_type");
  if (!signatureMatches(key, frames[split + 1].toString("latin1"), json)) {
    return { ok: false, rejection: { kind: "bad-signature", msgType: typedHeader.msg_type } };
  }
  return {
    ok: true,
    message: {
      identities: frames.slice(0, split).map((f) => Buffer.from(f)),
      header: typedHeader,
      parent_header: parent as Message["parent_header"],
      metadata: metadata as Record<string, unknown>,
      content: content as Record<string, unknown>,
      buffers: frames.slice(split + 6).map((f) => Buffer.from(f)),
    },
  };
}

const FRAME_NAMES = ["header", "parent_header", "metadata", "content"];

function reject(reason: string): Decoded {
  return { ok: false, rejection: { kind: "malformed", reason } };
}

/** A message -> frames ready for a zeromq send (identities first, as ROUTER and PUB topics expect). */
export function encode(message: Message<unknown>, key: string): Buffer[] {
  const json = [message.header, message.parent_header, message.metadata, message.content].map((part) =>
    Buffer.from(JSON.stringify(part), "utf8"),
  );
  return [...message.identities, Buffer.from(DELIMITER), Buffer.from(sign(key, json)), ...json, ...message.buffers];
}

export interface NewMessage<C> {
  msgType: string;
  content: C;
  session: string;
  parent?: Header | Record<string, never>;
  identities?: Buffer[];
  metadata?: Record<string, unknown>;
}

/** Builds a message with a fresh, unique msg_id (jupyter_client rejects a repeated signature). */
export function createMessage<C>(spec: NewMessage<C>): Message<C> {
  return {
    identities: spec.identities ?? [],
    header: {
      msg_id: randomUUID(),
      session: spec.session,
      username: "kernel",
      date: new Date().toISOString(),
      msg_type: spec.msgType,
      version: PROTOCOL_VERSION,
    },
    parent_header: spec.parent ?? {},
    metadata: spec.metadata ?? {},
    content: spec.content,
    buffers: [],
  };
}
