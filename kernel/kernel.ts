// The shell dispatcher: one request at a time, busy/idle around each, stop_on_error for queued cells.
import { abortExecute, executeRequest } from "./handlers/execute";
import { completeRequest, inspectRequest, isCompleteRequest } from "./handlers/introspect";
import { commIgnored, commInfoRequest, commOpen, historyRequest } from "./handlers/session";
import type { Handler, Services } from "./handlers/types";
import { log } from "./log";
import { flushStreams } from "./output";
import type { StdinChannel } from "./stdin";
import type { Message } from "./wire";

const HANDLERS: Record<string, Handler> = {
  complete_request: completeRequest,
  inspect_request: inspectRequest,
  is_complete_request: isCompleteRequest,
  history_request: historyRequest,
  comm_info_request: commInfoRequest,
  comm_open: commOpen,
  comm_msg: (request) => commIgnored(request),
  comm_close: (request) => commIgnored(request),
};

export class Kernel {
  private readonly queue: Message[] = [];
  private draining = false;

  constructor(
    private readonly services: Services,
    private readonly stdin: StdinChannel,
    /** Loads the compiler and the preload cell; shared, awaited before the first request that needs them. */
    private readonly warm: () => Promise<void>,
    private readonly shutdown: (restart: boolean) => void,
  ) {}

  onRequest(channel: "shell" | "stdin", message: Message): void {
    if (channel === "stdin") {
      // Answers to input_request bypass the queue: the cell that asked is still running.
      if (message.header.msg_type === "input_reply") this.stdin.onReply(message);
      return;
    }
    this.queue.push(message);
    void this.drain();
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    while (this.queue.length > 0) await this.dispatch(this.queue.shift()!);
    this.draining = false;
  }

  private async dispatch(request: Message): Promise<void> {
    const { server } = this.services;
    const type = request.header.msg_type;
    server.publish("status", { execution_state: "busy" }, request.header);
    try {
      await this.handle(type, request);
    } catch (err) {
      log.error(`handling ${type} failed`, err);
    } finally {
      flushStreams();
      server.publish("status", { execution_state: "idle" }, request.header);
    }
  }

  private async handle(type: string, request: Message): Promise<void> {
    if (type === "execute_request") {
      await this.warm();
      const result = await executeRequest(request, this.services);
      if (result.failed && result.stopOnError) this.abortQueuedCells();
      return;
    }
    if (type === "shutdown_request") {
      // Deprecated on shell since 5.4, but older clients still send it here.
      const restart = Boolean((request.content as { restart?: unknown }).restart);
      this.services.server.reply("shell", request, "shutdown_reply", { status: "ok", restart });
      this.shutdown(restart);
      return;
    }
    const handler = HANDLERS[type];
    if (!handler) {
      log.warn(`unsupported shell message ${type}; no reply`);
      return;
    }
    if (type === "complete_request" || type === "inspect_request") await this.warm();
    await handler(request, this.services);
  }

  private abortQueuedCells(): void {
    for (const queued of this.queue.filter((m) => m.header.msg_type === "execute_request")) {
      this.queue.splice(this.queue.indexOf(queued), 1);
      const { server } = this.services;
      server.publish("status", { execution_state: "busy" }, queued.header);
      abortExecute(queued, this.services);
      server.publish("status", { execution_state: "idle" }, queued.header);
    }
  }
}
