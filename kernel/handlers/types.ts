// What a shell handler gets: the request and the kernel's parts it may use.
import type { CellExecutor } from "../executor";
import type { History } from "../history";
import type { KernelServer } from "../server";
import type { Message } from "../wire";

export interface Services {
  readonly server: KernelServer;
  readonly executor: CellExecutor;
  readonly history: History;
  /** Increments for every execute with store_history (and not silent). */
  executionCount: number;
}

/** Resolves when the request is fully answered (reply sent, outputs published). */
export type Handler = (request: Message, services: Services) => void | Promise<void>;

/** How an execute ended, so the dispatcher can abort queued cells after an error (stop_on_error). */
export type ExecuteResult = { failed: boolean; stopOnError: boolean };
