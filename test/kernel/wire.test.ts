// Wire codec against byte fixtures: a message signed by jupyter_client's Session (Python), tampering, bad framing.
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createMessage, decode, encode, PROTOCOL_VERSION, sign } from "../../kernel/wire";

// Captured from jupyter_client 7.4.9: Session(key=b"7c2f-secret").serialize(msg, ident=[b"client-ident"]).
const KEY = "7c2f-secret";
const FIXTURE = [
  "client-ident",
  "<IDS|MSG>",
  "9592c711de2d0350ad3e54a7e660e0af28fe30f04e54a9b90698d33e206653d0",
  '{"msg_id": "m-1", "msg_type": "execute_request", "username": "alice", "session": "sess-1", "date": "2026-11-24T06:00:00.000000Z", "version": "5.3"}',
  "{}",
  "{}",
  '{"code": "1 + 1", "silent": false, "store_history": true, "user_expressions": {}, "allow_stdin": true, "stop_on_error": true}',
].map((text) => Buffer.from(text, "utf8"));

function withFrame(index: number, text: string): Buffer[] {
  return FIXTURE.map((frame, i) => (i === index ? Buffer.from(text, "utf8") : frame));
}

describe("decode", () => {
  it("accepts a message signed by jupyter_client and keeps its routing identity", () => {
    const decoded = decode(FIXTURE, KEY);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.message.identities.map((b) => b.toString())).toEqual(["client-ident"]);
    expect(decoded.message.header.msg_type).toBe("execute_request");
    expect(decoded.message.content).toMatchObject({ code: "1 + 1", allow_stdin: true });
    expect(decoded.message.buffers).toEqual([]);
  });

  it("rejects a tampered content frame as a bad signature", () => {
    const decoded = decode(withFrame(6, FIXTURE[6].toString().replace("1 + 1", "process.exit()")), KEY);
    expect(decoded).toEqual({ ok: false, rejection: { kind: "bad-signature", msgType: "execute_request" } });
  });

  it("rejects the right message under another key, and a truncated signature", () => {
    expect(decode(FIXTURE, "other-key").ok).toBe(false);
    expect(decode(withFrame(2, FIXTURE[2].toString().slice(0, 63)), KEY)).toMatchObject({ ok: false, rejection: { kind: "bad-signature" } });
  });

  it("with an empty key accepts any signature, as the protocol says", () => {
    expect(decode(withFrame(2, ""), "").ok).toBe(true);
  });

  it("names what is wrong with malformed frames", () => {
    expect(decode(FIXTURE.filter((_, i) => i !== 1), KEY)).toEqual({ ok: false, rejection: { kind: "malformed", reason: "no <IDS|MSG> delimiter" } });
    expect(decode(FIXTURE.slice(0, 5), KEY)).toMatchObject({ ok: false, rejection: { reason: "expected 4 JSON frames after the signature, got 2" } });
    expect(decode(withFrame(6, "{not json"), KEY)).toMatchObject({ ok: false, rejection: { reason: "content is not valid JSON" } });
    expect(decode(withFrame(3, "[]"), KEY)).toMatchObject({ ok: false, rejection: { reason: "header is not a JSON object" } });
    expect(decode(withFrame(3, '{"msg_id":"x"}'), KEY)).toMatchObject({ ok: false, rejection: { reason: "header lacks msg_id or msg_type" } });
  });

  it("keeps extra binary buffers after the content frame", () => {
    const decoded = decode([...FIXTURE, Buffer.from([0, 1, 2])], KEY);
    expect(decoded.ok && decoded.message.buffers[0]).toEqual(Buffer.from([0, 1, 2]));
  });
});

describe("encode", () => {
  it("signs exactly the four JSON frames with HMAC-SHA256, after the identities", () => {
    const parent = (decode(FIXTURE, KEY) as { ok: true; message: { header: never } }).message.header;
    const reply = createMessage({ msgType: "execute_reply", content: { status: "ok", execution_count: 1 }, session: "k", parent, identities: [Buffer.from("client-ident")] });
    const frames = encode(reply, KEY);
    expect(frames[0].toString()).toBe("client-ident");
    expect(frames[1].toString()).toBe("<IDS|MSG>");
    const expected = createHmac("sha256", KEY).update(Buffer.concat(frames.slice(3, 7))).digest("hex");
    expect(frames[2].toString()).toBe(expected);
    expect(JSON.parse(frames[4].toString())).toEqual(JSON.parse(FIXTURE[3].toString()));
    expect(decode(frames, KEY).ok).toBe(true);
  });

  it("uses an empty signature with an empty key", () => {
    expect(sign("", [Buffer.from("{}")])).toBe("");
    expect(encode(createMessage({ msgType: "status", content: {}, session: "k" }), "")[1].toString()).toBe("");
  });

  it("gives every message a unique id, protocol version 5.3 and an ISO date", () => {
    const ids = new Set(Array.from({ length: 1000 }, () => createMessage({ msgType: "status", content: {}, session: "k" }).header.msg_id));
    expect(ids.size).toBe(1000);
    const header = createMessage({ msgType: "status", content: {}, session: "k" }).header;
    expect(header.version).toBe(PROTOCOL_VERSION);
    expect(PROTOCOL_VERSION).toBe("5.3");
    expect(new Date(header.date).toISOString()).toBe(header.date);
  });

  it("round-trips unicode content byte for byte", () => {
    const message = createMessage({ msgType: "stream", content: { name: "stdout", text: "螺纹钢 rb2510 ✓" }, session: "k" });
    const decoded = decode(encode(message, KEY), KEY);
    expect(decoded.ok && decoded.message.content).toEqual({ name: "stdout", text: "螺纹钢 rb2510 ✓" });
  });
});
