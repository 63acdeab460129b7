// Main-thread side of the kernel's sockets: starts the io thread, hands it outgoing messages, receives requests.
import { extname, join } from "node:path";
import { Worker } from "node:worker_threads";
import type { Channel } from "./connection";
import { log } from "./log";
import { revive, type IoThreadData, type ToIo, type ToMain } from "./thread-messages";
import { createMessage, type Header, type Message } from "./wire";

export interface ServerEvents {
  onRequest(channel: "shell" | "stdin", message: Message): void;
  onShutdown(restart: boolean): void;
}

/** The io thread from dist/ (.js), or through tsx when running from source (bin's fallback without a build). */
function startIoThread(data: IoThreadData): Worker {
  const entry = join(__dirname, `io-thread${extname(__filename)}`);
  if (extname(entry) === ".js") return new Worker(entry, { workerData: data });
  const loader = `require(${JSON.stringify(require.resolve("tsx/cjs"))}); require(${JSON.stringify(entry)});`;
  return new Worker(loader, { eval: true, workerData: data });
}

export class KernelServer {
  private constructor(private readonly worker: Worker, readonly session: string) {}

  /** Binds every socket in the io thread; resolves once the kernel can be reached. */
  static start(data: IoThreadData, events: ServerEvents): Promise<KernelServer> {
    const worker = startIoThread(data);
    const server = new KernelServer(worker, data.session);
    return new Promise((resolve, reject) => {
      worker.on("message", (message: ToMain) => {
        if (message.type === "ready") resolve(server);
        else if (message.type === "fatal") reject(new Error(message.reason));
        else if (message.type === "shutdown") events.onShutdown(message.restart);
        else events.onRequest(message.channel, revive(message.message));
      });
      worker.on("error", (err) => {
        log.error("io thread crashed", err);
        reject(err);
      });
    });
  }

  send(channel: Exclude<Channel, "hb">, message: Message<unknown>): void {
    this.worker.postMessage({ type: "send", channel, message } satisfies ToIo);
  }

  /** Publishes on iopub with `parent` as the parent header (the cell the output belongs to). */
  publish(msgType: string, content: unknown, parent: Header | Record<string, never>): void {
    this.send("iopub", createMessage({ msgType, content, session: this.session, parent }));
  }

  /** Answers a shell or stdin request on its own channel, routed back by its identities. */
  reply(channel: "shell" | "stdin", request: Message, msgType: string, content: unknown): void {
    this.send(channel, createMessage({ msgType, content, session: this.session, parent: request.header, identities: request.identities }));
  }

  /** Flushes queued sends, closes the sockets and ends the io thread. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      this.worker.once("exit", () => resolve());
      this.worker.postMessage({ type: "close" } satisfies ToIo);
    });
  }
}
