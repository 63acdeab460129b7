// The kernel end to end over real zeromq sockets: liveness while busy, interrupts that keep state, output
// routed to the cell that registered a callback, forged messages dropped, stdin prompts, comms, shutdown.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestKernel } from "./client";

let kernel: TestKernel;

beforeAll(async () => {
  kernel = await TestKernel.start();
}, 90_000);

afterAll(async () => {
  await kernel?.shutdown();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const text = (m: { content: unknown }) => JSON.stringify(m.content);

describe("a busy cell does not look like a dead kernel", () => {
  it("answers heartbeats and kernel_info on control while a cell blocks the main thread", async () => {
    const id = await kernel.send("shell", "execute_request", { code: "const t0 = Date.now(); while (Date.now() - t0 < 1500) {}", silent: false, store_history: true, allow_stdin: false });
    await sleep(400);
    const rtt = await kernel.heartbeat();
    expect(rtt).toBeDefined();
    expect(rtt!).toBeLessThan(500);
    const info = await kernel.request("control", "kernel_info_request", {}, 500);
    expect(info.content).toMatchObject({ status: "ok", protocol_version: "5.3" });
    const reply = await kernel.replyTo(id);
    expect(reply.content).toMatchObject({ status: "ok" });
  });
});

describe("interrupt", () => {
  /** Starts `code`, presses the stop button (interrupt_request on control) once it runs, returns both replies. */
  async function interruptWhileRunning(code: string) {
    const id = await kernel.send("shell", "execute_request", { code, silent: false, store_history: true, allow_stdin: false });
    await sleep(400);
    const interrupt = await kernel.request("control", "interrupt_request", {}, 2000);
    const reply = await kernel.replyTo(id, 5000);
    await kernel.idleOf(id);
    return { id, interrupt, reply };
  }

  it("stops a blocking loop and keeps the variables", async () => {
    await kernel.execute("let counter = 41");
    const { id, interrupt, reply } = await interruptWhileRunning("counter += 0; while (true) {}");
    expect(interrupt.content).toEqual({ status: "ok" });
    expect(reply.content).toMatchObject({ status: "error", ename: "KeyboardInterrupt" });
    expect(kernel.outputsOf(id).filter((m) => m.header.msg_type === "error")).toHaveLength(1);
    const after = await kernel.execute("counter + 1");
    expect(after.outputs.map((m) => m.content)).toContainEqual({ execution_count: expect.any(Number), data: { "text/plain": "42" }, metadata: {} });
  });

  it("stops a pending await, and a cell whose unawaited result never settles", async () => {
    for (const code of ["await new Promise(() => {})", "new Promise(() => {})"]) {
      expect((await interruptWhileRunning(code)).reply.content).toMatchObject({ status: "error", ename: "KeyboardInterrupt" });
    }
    expect((await kernel.execute("counter")).reply.content).toMatchObject({ status: "ok" });
  });
});

describe("output routing", () => {
  it("sends a timer's output to the cell that set the timer, not the cell running when it fires", async () => {
    const a = await kernel.execute('setTimeout(() => console.log("from A"), 300); "registered"');
    const b = await kernel.execute('await new Promise((r) => setTimeout(r, 700)); console.log("from B")');
    const streamsOf = (id: string) => kernel.outputsOf(id).filter((m) => m.header.msg_type === "stream").map((m) => (m.content as { text: string }).text).join("");
    expect(streamsOf(a.id)).toBe("from A\n");
    expect(streamsOf(b.id)).toBe("from B\n");
  });

  it("sends an event handler's output to the cell that registered it", async () => {
    const a = await kernel.execute('engine.events.register("eKernelTest.", (e: any) => console.log("handler got", e.data)); 1');
    const b = await kernel.execute('engine.events.put("eKernelTest." as any, 7 as any); await new Promise((r) => setTimeout(r, 100)); 2');
    expect(kernel.outputsOf(a.id).map(text).join()).toContain("handler got 7");
    expect(kernel.outputsOf(b.id).map(text).join()).not.toContain("handler got");
  });
});

describe("callback failures", () => {
  it("shows an exception thrown by a timer in the cell that set it, and the kernel lives on", async () => {
    const a = await kernel.execute('setTimeout(() => { throw new Error("late failure") }, 100); "armed"');
    const b = await kernel.execute("await new Promise((r) => setTimeout(r, 400)); 'still alive'");
    expect(kernel.outputsOf(a.id).map(text).join()).toContain("late failure");
    expect(kernel.outputsOf(b.id).map(text).join()).not.toContain("late failure");
    expect(b.reply.content).toMatchObject({ status: "ok" });
  });

  it("shows what an unawaited promise resolves to", async () => {
    const { outputs } = await kernel.execute("Promise.resolve(5)");
    expect(outputs.map((m) => m.content)).toEqual([{ execution_count: expect.any(Number), data: { "text/plain": "5" }, metadata: {} }]);
  });
});

describe("security", () => {
  it("drops and logs a message with a forged signature, never running it", async () => {
    const forged = await kernel.send("shell", "execute_request", { code: "(globalThis as any).tampered = true", silent: false, store_history: true, allow_stdin: false }, { forge: true });
    await expect(kernel.replyTo(forged, 700)).rejects.toThrow("no matching message");
    const check = await kernel.execute("typeof (globalThis as any).tampered");
    expect(check.outputs.map(text).join()).toContain("'undefined'");
    expect(readFileSync(join(kernel.dir, "kernel.log"), "utf8")).toContain('dropped a shell message {"kind":"bad-signature","msgType":"execute_request"}');
  });
});

describe("execute", () => {
  it("counts only stored, non-silent executions", async () => {
    const first = (await kernel.execute("1")).reply.content as { execution_count: number };
    const silent = await kernel.execute("2", { silent: true });
    const unstored = await kernel.execute("3", { store_history: false });
    const next = (await kernel.execute("4")).reply.content as { execution_count: number };
    expect(silent.outputs).toEqual([]);
    expect(unstored.outputs.map(text).join()).toContain('"3"');
    expect(next.execution_count).toBe(first.execution_count + 1);
  });

  it("reports a type error as one error message naming the line", async () => {
    const { reply, outputs } = await kernel.execute("const n: number = 1;\nconst s: string = n;");
    expect(outputs.map((m) => m.header.msg_type)).toEqual(["error"]);
    expect(outputs[0].content).toMatchObject({ ename: "TypeScriptError", evalue: "Type 'number' is not assignable to type 'string'." });
    expect((outputs[0].content as { traceback: string[] }).traceback[0]).toBe("2:7 - Type 'number' is not assignable to type 'string'.");
    expect(reply.content).toMatchObject({ status: "error", ename: "TypeScriptError" });
  });

  it("shows a magic's bad arguments as usage, without a stack", async () => {
    const { outputs } = await kernel.execute("%help too many");
    expect(outputs.map((m) => m.content)).toEqual([
      { ename: "UsageError", evalue: 'one magic name expected, got "too many"', traceback: ['UsageError: one magic name expected, got "too many"', "usage: %help [MAGIC]"] },
    ]);
  });

  it("aborts cells queued behind a failing one (stop_on_error) and runs them when asked not to stop", async () => {
    const failing = await kernel.send("shell", "execute_request", { code: 'await new Promise((r) => setTimeout(r, 300)); throw new Error("first fails")', silent: false, store_history: true, allow_stdin: false, stop_on_error: true });
    const queued = await kernel.send("shell", "execute_request", { code: "(globalThis as any).ranAfterFailure = true", silent: false, store_history: true, allow_stdin: false });
    expect((await kernel.replyTo(failing)).content).toMatchObject({ status: "error", evalue: "first fails" });
    expect((await kernel.replyTo(queued)).content).toMatchObject({ status: "error", ename: "ExecutionAborted" });
    expect((await kernel.execute("(globalThis as any).ranAfterFailure === true")).outputs.map(text).join()).toContain("false");
    const lenient = await kernel.send("shell", "execute_request", { code: 'throw new Error("ignored")', silent: false, store_history: true, allow_stdin: false, stop_on_error: false });
    const next = await kernel.send("shell", "execute_request", { code: "'ran'", silent: false, store_history: true, allow_stdin: false });
    await kernel.replyTo(lenient);
    expect((await kernel.replyTo(next)).content).toMatchObject({ status: "ok" });
  });

  it("imports a local TypeScript module and the package itself, type-checked", async () => {
    writeFileSync(join(kernel.dir, "helper.ts"), "export function twice(n: number): number { return n * 2; }\n");
    const local = await kernel.execute('import { twice } from "./helper";\ntwice(21)');
    expect(local.outputs.map(text).join()).toContain('"text/plain":"42"');
    const wrong = await kernel.execute('twice("x")');
    expect(wrong.outputs[0].content).toMatchObject({ ename: "TypeScriptError" });
    const pkg = await kernel.execute('require("vntrader-kernel").engine === engine');
    expect(pkg.outputs.map(text).join()).toContain('"text/plain":"true"');
  });

  it("binds a magic's value on the left of an assignment", async () => {
    await kernel.execute("const help = %help time");
    const { outputs } = await kernel.execute("help[Symbol.for('Jupyter.display')]()['text/plain'].split('\\n')[0]");
    expect(outputs.map(text).join()).toContain("%time: run a statement or expression once");
  });
});

describe("stdin", () => {
  it("asks for a password through input_request and uses the answer", async () => {
    const id = await kernel.send("shell", "execute_request", { code: 'const pw = await input("Password: ", { password: true }); pw.length', silent: false, store_history: true, allow_stdin: true });
    const prompt = await kernel.waitFor((m) => m.header.msg_type === "input_request" && m.parent_header.msg_id === id, 5000, kernel.stdinRequests);
    expect(prompt.content).toEqual({ prompt: "Password: ", password: true });
    await kernel.send("stdin", "input_reply", { value: "hunter22" });
    await kernel.replyTo(id);
    await kernel.idleOf(id);
    expect(kernel.outputsOf(id).map(text).join()).toContain('"text/plain":"8"');
    expect(kernel.outputsOf(id).map(text).join()).not.toContain("hunter22");
  });

  it("says clearly that the front end cannot answer when allow_stdin is false", async () => {
    const { outputs } = await kernel.execute('await input("Code: ")', { allow_stdin: false });
    expect(outputs[0].content).toMatchObject({ ename: "InputNotAllowedError" });
    expect((outputs[0].content as { evalue: string }).evalue).toContain("allow_stdin is false");
  });
});

describe("comms and introspection", () => {
  it("closes a comm_open for an unknown target and lists no comms", async () => {
    const id = await kernel.send("shell", "comm_open", { comm_id: "c-1", target_name: "jupyter.widget", data: {} });
    const close = await kernel.waitFor((m) => m.header.msg_type === "comm_close" && m.parent_header.msg_id === id, 5000, kernel.iopub);
    expect(close.content).toEqual({ comm_id: "c-1", data: {} });
    const info = await kernel.request("shell", "comm_info_request", {});
    expect(info.header.msg_type).toBe("comm_info_reply");
    expect(info.content).toEqual({ status: "ok", comms: {} });
  });

  it("completes magic names and shows a magic's help on inspect", async () => {
    const complete = await kernel.request("shell", "complete_request", { code: "%lsm", cursor_pos: 4 });
    expect(complete.content).toEqual({ status: "ok", matches: ["lsmagic"], cursor_start: 1, cursor_end: 4, metadata: {} });
    const inspect = await kernel.request("shell", "inspect_request", { code: "%time 1", cursor_pos: 3, detail_level: 0 });
    expect(inspect.content).toMatchObject({ status: "ok", found: true });
    expect((inspect.content as { data: Record<string, string> }).data["text/plain"]).toContain("usage: %time STATEMENT");
  });

  it("asks a magic to complete its arguments", async () => {
    const reply = await kernel.request("shell", "complete_request", { code: "%help lsm", cursor_pos: 9 });
    expect(reply.content).toMatchObject({ matches: ["lsmagic"], cursor_start: 6, cursor_end: 9 });
  });

  it("counts cursor positions in code points around non-BMP characters", async () => {
    const code = 'const s = "😀"; Math.flo';
    const reply = await kernel.request("shell", "complete_request", { code, cursor_pos: Array.from(code).length });
    expect(reply.content).toMatchObject({ matches: ["floor"], cursor_start: Array.from(code).length - 3 });
  });
});

describe("shutdown", () => {
  it("replies on control before the process exits", async () => {
    const { reply, exitCode } = await kernel.shutdown();
    expect(reply?.content).toEqual({ status: "ok", restart: false });
    expect(exitCode).toBe(0);
  });
});
