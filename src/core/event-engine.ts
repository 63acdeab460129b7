// The event engine: a FIFO queue drained in batches on the Node event loop, handlers by type plus general
// handlers, and a timer event. Unlike vn.py's, an exception in one handler is reported and dispatch goes on.
import { AsyncResource } from "node:async_hooks";
import { LogLevel } from "./constant";
import { EVENT_LOG, EVENT_TIMER, type Event, type EventPayload, type Handler } from "./event";
import { createLog } from "./object";

export interface EventEngineOptions {
  /** Period of the "eTimer" event in milliseconds (vn.py: 1 s). 0 turns the timer off. */
  timerIntervalMs?: number;
  /** At most this many events per loop turn, so sockets and heartbeats are served between batches. */
  batchSize?: number;
}

type AnyHandler = (event: Event) => void;

/**
 * Handlers run in the async context they were registered in (AsyncResource.bind), so output from a
 * tick handler registered by a notebook cell is attributed to that cell, not to whichever cell runs now.
 */
export class EventEngine {
  private readonly handlers = new Map<string, Array<{ original: AnyHandler; bound: AnyHandler }>>();
  private readonly general: Array<{ original: AnyHandler; bound: AnyHandler }> = [];
  private queue: Event[] = [];
  private head = 0;
  private scheduled = false;
  private active = false;
  private timer: NodeJS.Timeout | undefined;
  private idleWaiters: Array<() => void> = [];
  private readonly timerIntervalMs: number;
  private readonly batchSize: number;
  /** Handler failures so far; each is also reported as an ERROR log event. */
  handlerErrors = 0;

  constructor(options: EventEngineOptions = {}) {
    this.timerIntervalMs = options.timerIntervalMs ?? 1000;
    this.batchSize = options.batchSize ?? 20_000;
  }

  start(): void {
    if (this.active) return;
    this.active = true;
    if (this.timerIntervalMs > 0) {
      this.timer = setInterval(() => this.put(EVENT_TIMER, undefined), this.timerIntervalMs);
      this.timer.unref();
    }
    this.schedule();
  }

  /** Stops the timer and dispatch; queued events are kept and run if the engine starts again. */
  stop(): void {
    this.active = false;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  get isActive(): boolean {
    return this.active;
  }

  put<T extends string>(type: T, data: EventPayload<T>): void {
    this.queue.push({ type, data } as Event);
    this.schedule();
  }

  register<T extends string>(type: T, handler: Handler<T>): void {
    const list = this.handlers.get(type) ?? [];
    if (list.some((entry) => entry.original === handler)) return;
    list.push(bind(handler as AnyHandler));
    this.handlers.set(type, list);
  }

  unregister<T extends string>(type: T, handler: Handler<T>): void {
    const list = this.handlers.get(type);
    if (!list) return;
    const remaining = list.filter((entry) => entry.original !== handler);
    if (remaining.length) this.handlers.set(type, remaining);
    else this.handlers.delete(type);
  }

  registerGeneral(handler: Handler): void {
    if (this.general.some((entry) => entry.original === handler)) return;
    this.general.push(bind(handler));
  }

  unregisterGeneral(handler: Handler): void {
    const index = this.general.findIndex((entry) => entry.original === handler);
    if (index >= 0) this.general.splice(index, 1);
  }

  /** Resolves once every event queued so far (and any they caused) has been dispatched. */
  whenIdle(): Promise<void> {
    if (this.pending === 0 || !this.active) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  get pending(): number {
    return this.queue.length - this.head;
  }

  private schedule(): void {
    if (this.scheduled || !this.active) return;
    this.scheduled = true;
    setImmediate(() => this.drain());
  }

  private drain(): void {
    this.scheduled = false;
    if (!this.active) return;
    const end = Math.min(this.queue.length, this.head + this.batchSize);
    while (this.head < end && this.active) {
      const event = this.queue[this.head++];
      this.dispatch(event);
    }
    if (this.head === this.queue.length) {
      this.queue = [];
      this.head = 0;
      this.notifyIdle();
    } else {
      this.schedule();
    }
  }

  private dispatch(event: Event): void {
    const list = this.handlers.get(event.type);
    if (list) for (const entry of list) this.call(entry.bound, event);
    for (const entry of this.general) this.call(entry.bound, event);
  }

  private call(handler: AnyHandler, event: Event): void {
    try {
      handler(event);
    } catch (error) {
      this.reportHandlerError(error, event, handler);
    }
  }

  private reportHandlerError(error: unknown, event: Event, handler: AnyHandler): void {
    this.handlerErrors += 1;
    const reason = error instanceof Error ? error.stack ?? error.message : String(error);
    const name = handler.name.replace(/^bound /, "") || "anonymous handler";
    // A failing log handler must not feed itself: its failure goes to stderr (the kernel log) instead.
    if (event.type === EVENT_LOG) {
      process.stderr.write(`event engine: log handler ${name} failed: ${reason}\n`);
      return;
    }
    const msg = `handler ${name} failed on event ${event.type}; dispatch continues. ${reason}`;
    this.put(EVENT_LOG, createLog("EventEngine", msg, LogLevel.ERROR));
  }

  private notifyIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

function bind(handler: AnyHandler): { original: AnyHandler; bound: AnyHandler } {
  return { original: handler, bound: AsyncResource.bind(handler) };
}
