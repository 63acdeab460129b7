// A one-line progress display that updates in place: display_data first, then update_display_data on the same
// display id, throttled so a pull of thousands of requests does not flood the front end.
import { publishDisplay, type DisplayPublisher } from "./jupyter";
import { escapeHtml } from "./table-html";
import { newDivId } from "./plotly";

const MIN_UPDATE_INTERVAL_MS = 100;

export class ProgressDisplay {
  private readonly displayId = newDivId("vntrader-progress");
  private lastSent = 0;
  private finished = false;

  constructor(
    private readonly label: string,
    private readonly publish: DisplayPublisher = publishDisplay,
    private readonly now: () => number = Date.now,
  ) {
    this.send(`${label}: starting`, false);
  }

  /** `done` of `total` steps; updates more often than every 100 ms are skipped (the last one always shows). */
  update(done: number, total: number, message?: string): void {
    if (this.finished) return;
    const complete = total > 0 && done >= total;
    if (!complete && this.now() - this.lastSent < MIN_UPDATE_INTERVAL_MS) return;
    const percent = total > 0 ? ` (${Math.floor((100 * done) / total)}%)` : "";
    this.send(`${this.label}: ${done}/${total}${percent}${message ? ` ${message}` : ""}`, true);
  }

  /** The final line; later updates are ignored. */
  finish(text: string): void {
    if (this.finished) return;
    this.finished = true;
    this.send(`${this.label}: ${text}`, true);
  }

  private send(text: string, update: boolean): void {
    this.lastSent = this.now();
    this.publish({ "text/plain": text, "text/html": `<pre>${escapeHtml(text)}</pre>` }, { displayId: this.displayId, update });
  }
}
