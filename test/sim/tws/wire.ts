// TWS API framing for the simulator: the "API\0" + length-prefixed version-range handshake, then frames of a
// 4-byte big-endian length followed by NUL-terminated ASCII fields. Independent of the gateway's library on purpose.

export type Field = string | number | boolean | undefined | null;

/** One frame: length prefix + fields, each terminated by NUL (IB's v100+ envelope). */
export function encodeFrame(fields: readonly Field[]): Buffer {
  const body = Buffer.from(fields.map(fieldText).join("\0") + "\0", "utf8");
  const frame = Buffer.allocUnsafe(4 + body.length);
  frame.writeUInt32BE(body.length, 0);
  body.copy(frame, 4);
  return frame;
}

/** IB's encoding: empty for unset, "1"/"0" for booleans, decimal text for numbers. */
export function fieldText(value: Field): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "boolean") return value ? "1" : "0";
  return String(value);
}

export interface Handshake {
  readonly minVersion: number;
  readonly maxVersion: number;
  readonly options: string;
}

const API_PREFIX = Buffer.from("API\0", "ascii");

/** Splits a byte stream into the handshake and then field lists, however the bytes are chunked. */
export class FrameReader {
  private buffer = Buffer.alloc(0);
  private handshakeDone = false;

  /** Feeds bytes; returns the handshake (once) and the complete frames now available. */
  push(chunk: Buffer): { handshake?: Handshake; frames: string[][] } {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const frames: string[][] = [];
    let handshake: Handshake | undefined;
    if (!this.handshakeDone) {
      handshake = this.readHandshake();
      if (!handshake) return { frames };
    }
    for (;;) {
      if (this.buffer.length < 4) break;
      const length = this.buffer.readUInt32BE(0);
      if (this.buffer.length < 4 + length) break;
      const text = this.buffer.toString("utf8", 4, 4 + length);
      this.buffer = this.buffer.subarray(4 + length);
      frames.push(splitFields(text));
    }
    return { handshake, frames };
  }

  private readHandshake(): Handshake | undefined {
    if (this.buffer.length < 8) return undefined;
    if (!this.buffer.subarray(0, 4).equals(API_PREFIX)) {
      throw new Error(`handshake must start with "API\\0", got ${JSON.stringify(this.buffer.subarray(0, 4).toString("latin1"))}`);
    }
    const length = this.buffer.readUInt32BE(4);
    if (this.buffer.length < 8 + length) return undefined;
    const text = this.buffer.toString("ascii", 8, 8 + length);
    this.buffer = this.buffer.subarray(8 + length);
    this.handshakeDone = true;
    return parseVersionRange(text);
  }
}

/** "v100..193 +PACEAPI" -> {100, 193, "+PACEAPI"}; "v176" -> {176, 176}. */
export function parseVersionRange(text: string): Handshake {
  const match = /^v(\d+)(?:\.\.(\d+))?(?:\s+(.*))?$/.exec(text.trim());
  if (!match) throw new Error(`bad version range "${text}"; expected v<min>..<max>`);
  const minVersion = Number(match[1]);
  return { minVersion, maxVersion: match[2] ? Number(match[2]) : minVersion, options: match[3] ?? "" };
}

function splitFields(text: string): string[] {
  const fields = text.split("\0");
  if (fields[fields.length - 1] === "") fields.pop();
  return fields;
}

/** The client side of the handshake, for tests that speak the protocol without a library. */
export function encodeHandshake(minVersion: number, maxVersion: number): Buffer {
  const range = Buffer.from(`v${minVersion}..${maxVersion}`, "ascii");
  const length = Buffer.allocUnsafe(4);
  length.writeUInt32BE(range.length, 0);
  return Buffer.concat([API_PREFIX, length, range]);
}
