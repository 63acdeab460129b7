// The simulator's wire protocol seen from a bare socket: handshake, START_API, and the version gates of
// error (4) and historicalData (17 / 108) at server versions below and from 194/196.
import { connect, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { TwsSimulator } from "../sim/tws/server";
import { FrameReader, encodeFrame, encodeHandshake } from "../sim/tws/wire";

let sim: TwsSimulator | undefined;
let socket: Socket | undefined;
afterEach(async () => {
  socket?.destroy();
  await sim?.stop();
});

/** Connects, offers v100..maxVersion, starts the API and collects every frame after the version reply. */
async function rawClient(maxVersion: number): Promise<{ version: string[]; frames: string[][]; send(fields: (string | number)[]): void }> {
  sim = new TwsSimulator({ clock: () => Date.UTC(2024, 6, 1) });
  const port = await sim.start();
  const reader = new FrameReader();
  const frames: string[][] = [];
  socket = connect(port, "127.0.0.1");
  // the server's frames have no "API\0" prefix: feed a fake handshake so the same reader splits them
  reader.push(encodeHandshake(1, 1));
  socket.on("data", (chunk) => frames.push(...reader.push(chunk).frames));
  await new Promise((resolve) => socket!.once("connect", resolve));
  socket.write(encodeHandshake(100, maxVersion));
  const deadline = Date.now() + 2000;
  while (frames.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  const version = frames.shift()!;
  const send = (fields: (string | number)[]) => socket!.write(encodeFrame(fields));
  send([71, 2, 7, ""]);
  return { version, frames, send };
}

async function until(frames: string[][], test: (f: string[]) => boolean): Promise<string[]> {
  const deadline = Date.now() + 2000;
  for (;;) {
    const found = frames.find(test);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no such frame in ${JSON.stringify(frames)}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const HISTORY_SPY = (reqId: number) => [20, reqId, 756733, "", "", "", "", "", "", "SMART", "", "", "", "", 0, "20240103-00:00:00", "1 day", "5 D", 0, "TRADES", 2, 0, ""];

describe("TWS simulator wire protocol", () => {
  it("at 193: version reply, next id, accounts, farm notices with a version field, history with start/end", async () => {
    const client = await rawClient(193);
    expect(client.version).toEqual(["193", "20240701 00:00:00 UTC"]);
    expect(await until(client.frames, (f) => f[0] === "9")).toEqual(["9", "1", "1"]);
    expect(await until(client.frames, (f) => f[0] === "15")).toEqual(["15", "1", "DU1234567"]);
    expect(await until(client.frames, (f) => f[0] === "4" && f[3] === "2104")).toEqual(["4", "2", "-1", "2104", "Market data farm connection is OK:usfarm", ""]);
    client.send(HISTORY_SPY(5));
    const bars = await until(client.frames, (f) => f[0] === "17");
    expect(bars.slice(0, 5)).toEqual(["17", "5", "20231229 00:00:00 UTC", "20240103 00:00:00 UTC", "3"]); // Fri 29, Mon 1, Tue 2
    expect(bars[5]).toBe("20231229");
    expect(bars).toHaveLength(5 + 3 * 8);
    expect(client.frames.some((f) => f[0] === "108")).toBe(false);
  });

  it("at 200: errors without a version field plus a time, history ended by 108", async () => {
    const client = await rawClient(200);
    expect(client.version[0]).toBe("200");
    expect(await until(client.frames, (f) => f[0] === "4" && f[2] === "2104")).toEqual(["4", "-1", "2104", "Market data farm connection is OK:usfarm", "", String(Date.UTC(2024, 6, 1))]);
    client.send(HISTORY_SPY(6));
    const bars = await until(client.frames, (f) => f[0] === "17");
    expect(bars.slice(0, 3)).toEqual(["17", "6", "3"]);
    expect(await until(client.frames, (f) => f[0] === "108")).toEqual(["108", "6", "20231229 00:00:00 UTC", "20240103 00:00:00 UTC"]);
  });

  it("refuses a client whose range is below what it speaks", async () => {
    sim = new TwsSimulator();
    const port = await sim.start();
    socket = connect(port, "127.0.0.1");
    await new Promise((resolve) => socket!.once("connect", resolve));
    socket.write(encodeHandshake(100, 150));
    await new Promise((resolve) => socket!.once("close", resolve));
    expect(sim.stats.connections).toBe(0);
  });
});
