// Asking the user through the front end: input_request on stdin, answered by input_reply (password prompts).
import type { CellContext } from "./output";
import type { Message } from "./wire";

type SendRequest = (request: Message, content: { prompt: string; password: boolean }) => void;

export class InputNotAllowedError extends Error {
  override readonly name = "InputNotAllowedError";
}

export class StdinChannel {
  private pending: { resolve(value: string): void; reject(error: Error): void } | undefined;

  constructor(private readonly send: SendRequest) {}

  /** Sends the prompt on behalf of `cell` and resolves with what the user typed. */
  ask(cell: CellContext, prompt: string, password: boolean): Promise<string> {
    if ((cell.request.content as { allow_stdin?: unknown }).allow_stdin !== true) {
      return Promise.reject(
        new InputNotAllowedError(
          `cannot ask "${prompt.trim()}": this front end does not accept input (allow_stdin is false, as in ` +
            "nbconvert runs); give the value another way, e.g. as an argument or in a settings file",
        ),
      );
    }
    if (this.pending) return Promise.reject(new Error("another input prompt is still waiting for an answer"));
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.send(cell.request, { prompt, password });
    });
  }

  /** An input_reply arrived on stdin. */
  onReply(message: Message): void {
    const pending = this.pending;
    this.pending = undefined;
    pending?.resolve(String((message.content as { value?: unknown }).value ?? ""));
  }

  /** Interrupt: the prompt is abandoned. */
  cancel(reason: Error): void {
    const pending = this.pending;
    this.pending = undefined;
    pending?.reject(reason);
  }
}
