// A small Jupyter client for tests and benches: starts the built kernel with a connection file and talks
// to it over real zeromq sockets (Dealer for shell/control/stdin, Subscriber for iopub, Request for hb).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { Dealer, Request, Subscriber } from "zeromq";
import { createMessage, decode, encode, type Message } from "../../kernel/wire";

export const ROOT = resolve(__dirname, "..", "..");
const MAIN = join(ROOT, "dist", "kernel", "main.js");

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds dist/ with tsc when the kernel sources are newer than the built entry point. */
export function ensureBuilt(): void {
  if (existsSync(MAIN) && statSync(MAIN).mtimeMs >= newestMtime(join(ROOT, "kernel"))) return;
  spawnSync(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", join(ROOT, "tsconfig.json")], { stdio: "ignore" });
  if (!existsSync(MAIN)) throw new Error(`building the kernel did not produce ${MAIN}`);
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolvePort(address.port) : reject(new Error("no port"))));
    });
  });
}

type Waiter = { match: (m: Message) => boolean; resolve: (m: Message) => void };

export class TestKernel {
  readonly iopub: Message[] = [];
  readonly stdinRequests: Message[] = [];
  private readonly waiters: Waiter[] = [];
  private readonly replies = new Map<string, Message>();
  // stdin shares the shell socket's routing id: the kernel sends input_request to the shell request's identity.
  private readonly identity = `client-${randomBytes(4).toString("hex")}`;
  private readonly sockets = { shell: new Dealer({ routingId: this.identity }), control: new Dealer(), stdin: new Dealer({ routingId: this.identity }), iopub: new Subscriber(), hb: new Request({ receiveTimeout: 1000, relaxed: true, correlate: true }) };
  private hbBusy = false;

  private constructor(
    readonly process: ChildProcess,
    readonly dir: string,
    readonly key: string,
  ) {}

  /** Starts a kernel in a fresh directory under test/.tmp and waits until kernel_info is answered. */
  static async start(env: Record<string, string> = {}): Promise<TestKernel> {
    ensureBuilt();
    const dir = join(ROOT, "test", ".tmp", `kernel-${process.pid}-${randomBytes(4).toString("hex")}`);
    mkdirSync(dir, { recursive: true });
    const ports = { shell_port: await freePort(), iopub_port: await freePort(), stdin_port: await freePort(), control_port: await freePort(), hb_port: await freePort() };
    const key = randomBytes(16).toString("hex");
    const file = join(dir, "connection.json");
    writeFileSync(file, JSON.stringify({ ...ports, ip: "127.0.0.1", transport: "tcp", signature_scheme: "hmac-sha256", key, kernel_name: "vntrader" }));
    const child = spawn(process.execPath, [MAIN, "--connection-file", file], {
      cwd: dir,
      env: { ...process.env, VNTRADER_KERNEL_LOG: join(dir, "kernel.log"), VNTRADER_KERNEL_HISTORY: join(dir, "history.jsonl"), ...env },
      stdio: ["ignore", "inherit", "inherit"],
    });
    const kernel = new TestKernel(child, dir, key);
    await kernel.connect(ports);
    return kernel;
  }

  private async connect(ports: Record<string, number>): Promise<void> {
    const address = (name: string) => `tcp://127.0.0.1:${ports[`${name}_port`]}`;
    for (const name of ["shell", "control", "stdin", "iopub", "hb"] as const) this.sockets[name].connect(address(name));
    this.sockets.iopub.subscribe();
    void this.readLoop("shell");
    void this.readLoop("control");
    void this.readLoop("stdin");
    void this.readLoop("iopub");
    await this.waitUntilReady();
  }

  private async waitUntilReady(): Promise<void> {
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const reply = await this.request("shell", "kernel_info_request", {}, 500).catch(() => undefined);
      // The iopub subscription must be live too, or the first cell's busy message could be lost.
      if (reply && this.iopub.some((m) => m.parent_header.msg_id === reply.parent_header.msg_id)) return;
    }
    throw new Error(`kernel did not become ready; see ${join(this.dir, "kernel.log")}`);
  }

  private async readLoop(channel: "shell" | "control" | "stdin" | "iopub"): Promise<void> {
    try {
      for await (const frames of this.sockets[channel]) {
        const decoded = decode(frames as Buffer[], this.key);
        if (!decoded.ok) throw new Error(`kernel sent a bad ${channel} message: ${JSON.stringify(decoded.rejection)}`);
        const message = decoded.message;
        if (channel === "iopub") this.iopub.push(message);
        else if (channel === "stdin") this.stdinRequests.push(message);
        else this.replies.set(String(message.parent_header.msg_id), message);
        for (const waiter of [...this.waiters]) {
          if (waiter.match(message)) {
            this.waiters.splice(this.waiters.indexOf(waiter), 1);
            waiter.resolve(message);
          }
        }
      }
    } catch {
      // Socket closed at the end of a test.
    }
  }

  /** Resolves with the first message (already received or arriving) that matches. */
  waitFor(match: (m: Message) => boolean, timeoutMs = 15_000, seen: Message[] = []): Promise<Message> {
    const found = seen.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolveMessage, reject) => {
      const waiter = { match, resolve: (m: Message) => (clearTimeout(timer), resolveMessage(m)) };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`no matching message within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Sends a request; `sign` false sends it with a forged signature. Returns the msg_id. */
  async send(channel: "shell" | "control" | "stdin", msgType: string, content: unknown, options: { forge?: boolean } = {}): Promise<string> {
    const message = createMessage({ msgType, content, session: "test-client" });
    const frames = encode(message, this.key);
    if (options.forge) frames[1] = Buffer.from("0".repeat(64));
    await this.sockets[channel].send(frames);
    return message.header.msg_id;
  }

  async request(channel: "shell" | "control", msgType: string, content: unknown, timeoutMs = 15_000): Promise<Message> {
    const id = await this.send(channel, msgType, content);
    return this.replies.get(id) ?? this.waitFor((m) => m.parent_header.msg_id === id && m.header.msg_type.endsWith("_reply"), timeoutMs);
  }

  /** iopub messages whose parent is `msgId` (busy/idle and execute_input excluded). */
  outputsOf(msgId: string): Message[] {
    return this.iopub.filter((m) => m.parent_header.msg_id === msgId && !["status", "execute_input"].includes(m.header.msg_type));
  }

  /** Runs a cell; resolves when its reply and its idle status have both arrived. */
  async execute(code: string, extra: Record<string, unknown> = {}): Promise<{ id: string; reply: Message; outputs: Message[] }> {
    const id = await this.send("shell", "execute_request", { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true, ...extra });
    const reply = await this.replyTo(id);
    await this.idleOf(id);
    return { id, reply, outputs: this.outputsOf(id) };
  }

  replyTo(id: string, timeoutMs = 15_000): Promise<Message> {
    return this.waitFor((m) => m.parent_header.msg_id === id && m.header.msg_type.endsWith("_reply"), timeoutMs, [...this.replies.values()]);
  }

  idleOf(id: string, timeoutMs = 15_000): Promise<Message> {
    const idle = (m: Message) => m.parent_header.msg_id === id && m.header.msg_type === "status" && (m.content as { execution_state?: string }).execution_state === "idle";
    return this.waitFor(idle, timeoutMs, this.iopub);
  }

  /** Heartbeat round trip in ms, or undefined when no echo came within a second. */
  async heartbeat(): Promise<number | undefined> {
    if (this.hbBusy) throw new Error("one heartbeat at a time");
    this.hbBusy = true;
    const started = performance.now();
    try {
      await this.sockets.hb.send("ping");
      const [echo] = await this.sockets.hb.receive();
      return echo.toString() === "ping" ? performance.now() - started : undefined;
    } catch {
      return undefined;
    } finally {
      this.hbBusy = false;
    }
  }

  /** Sends shutdown_request on control, waits for the reply and the process to exit, closes the sockets. */
  async shutdown(): Promise<{ reply: Message | undefined; exitCode: number | null }> {
    const exited = new Promise<number | null>((r) => (this.process.exitCode !== null ? r(this.process.exitCode) : this.process.once("exit", (code) => r(code))));
    const reply = this.process.exitCode === null ? await this.request("control", "shutdown_request", { restart: false }, 5000).catch(() => undefined) : undefined;
    const exitCode = await Promise.race([exited, new Promise<null>((r) => setTimeout(() => r(null), 5000))]);
    if (this.process.exitCode === null) this.process.kill("SIGKILL");
    for (const socket of Object.values(this.sockets)) socket.close();
    return { reply, exitCode };
  }
}
