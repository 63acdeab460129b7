// One send in flight per zeromq socket: zeromq.js 6 rejects a second concurrent send with EBUSY.
import { log } from "./log";

interface Sendable {
  send(frames: Buffer[]): Promise<void>;
}

export class SendQueue {
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly socket: Sendable, private readonly name: string) {}

  /** Resolves once these frames are handed to zeromq; a failed send is logged and does not block later ones. */
  push(frames: Buffer[]): Promise<void> {
    const sent = this.tail.then(() => this.socket.send(frames));
    this.tail = sent.catch((err: unknown) => log.error(`send on ${this.name} failed`, err));
    return this.tail;
  }

  /** Waits for everything queued so far, e.g. the shutdown_reply before the sockets close. */
  drain(): Promise<void> {
    return this.tail;
  }
}
