// Reads and writes CTP structs in plain buffers using the generated layout tables (structs.ts).
import { TradingError } from "../../core/errors";
import { STRUCTS, type FieldSpec, type StructName } from "./structs";

export type FieldValue = string | number;
export type StructValues = Record<string, FieldValue>;

const gbk = new TextDecoder("gbk");
const fieldMaps = new Map<StructName, ReadonlyMap<string, FieldSpec>>();

/** The layout table, or an error naming the generator list it is missing from. */
function spec(name: StructName): (typeof STRUCTS)[StructName] {
  const found = STRUCTS[name];
  if (!found) throw new Error(`${name} has no layout table in structs.ts; add it to TS_STRUCTS in native/ctp/gen/generate.mjs`);
  return found;
}

function fieldMap(name: StructName): ReadonlyMap<string, FieldSpec> {
  let map = fieldMaps.get(name);
  if (!map) {
    map = new Map(spec(name).fields.map((f) => [f[0], f]));
    fieldMaps.set(name, map);
  }
  return map;
}

/** A NUL-terminated char array: ASCII read directly, anything else decoded as GBK (what CTP fronts send). */
export function readCString(buf: Buffer, start: number, length: number): string {
  let end = start;
  let ascii = true;
  const limit = start + length;
  while (end < limit && buf[end] !== 0) {
    if (buf[end] > 0x7f) ascii = false;
    end += 1;
  }
  return ascii ? buf.toString("latin1", start, end) : gbk.decode(buf.subarray(start, end));
}

function readField(buf: Buffer, base: number, [, kind, offset, length]: FieldSpec): FieldValue {
  const at = base + offset;
  switch (kind) {
    case "s": return readCString(buf, at, length);
    case "c": return buf[at] === 0 ? "" : String.fromCharCode(buf[at]);
    case "i": return buf.readInt32LE(at);
    case "d": return buf.readDoubleLE(at);
    case "h": return buf.readInt16LE(at);
  }
}

/** Every field of struct `name` found at `base` in `buf`, by its CTP field name. */
export function decodeStruct(name: StructName, buf: Buffer, base = 0): StructValues {
  const out: StructValues = {};
  for (const field of spec(name).fields) out[field[0]] = readField(buf, base, field);
  return out;
}

/** Field offsets by name, for a hot path that reads a few fields of a large struct without decodeStruct. */
export class StructReader {
  private readonly fields: ReadonlyMap<string, FieldSpec>;

  constructor(readonly struct: StructName) {
    this.fields = fieldMap(struct);
  }

  offset(field: string): number {
    const spec = this.fields.get(field);
    if (!spec) throw new Error(`${this.struct} has no field ${field}`);
    return spec[2];
  }
}

function reject(struct: StructName, field: string, problem: string): never {
  throw new TradingError("BAD_REQUEST", `${struct}.${field} ${problem}`);
}

function writeField(buf: Buffer, struct: StructName, [name, kind, offset, length]: FieldSpec, value: FieldValue): void {
  if (kind === "s" || kind === "c") {
    if (typeof value !== "string") reject(struct, name, `must be text, got ${typeof value}`);
    if (!/^[\x20-\x7e]*$/.test(value)) reject(struct, name, "must be printable ASCII (CTP ids, codes and passwords are)");
    const room = kind === "c" ? 1 : length - 1;
    if (value.length > room) reject(struct, name, `is ${value.length} characters; CTP allows at most ${room}`);
    buf.write(value, offset, "latin1");
    return;
  }
  if (typeof value !== "number" || !Number.isFinite(value)) reject(struct, name, `must be a finite number, got ${String(value)}`);
  if (kind === "d") buf.writeDoubleLE(value, offset);
  else if (!Number.isInteger(value)) reject(struct, name, `must be a whole number, got ${value}`);
  else if (kind === "i") buf.writeInt32LE(value, offset);
  else buf.writeInt16LE(value, offset);
}

/**
 * A zero-filled struct with the given fields set. Unknown fields, over-long text, non-ASCII text and
 * non-numbers are refused here, before anything reaches the native side.
 */
export function encodeStruct(name: StructName, values: StructValues): Buffer {
  const buf = Buffer.alloc(spec(name).size);
  const fields = fieldMap(name);
  for (const [key, value] of Object.entries(values)) {
    const spec = fields.get(key);
    if (!spec) reject(name, key, "is not a field of this struct");
    writeField(buf, name, spec, value);
  }
  return buf;
}
