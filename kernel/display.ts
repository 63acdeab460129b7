// Turns any value into a MIME bundle (Deno's one-symbol protocol, DataFrames by shape, util.inspect
// otherwise) and publishes display_data / update_display_data for the current cell.
import { inspect } from "node:util";
import { DISPLAY, DISPLAY_ID, isDisplayable, type DisplayOptions, type MimeBundle } from "../src/frame/jupyter";
import { isDataFrame, renderDataFrame } from "../src/frame/table-html";
import { dataResource } from "./dataresource";
import { publishToCell } from "./output";

export interface Formatted {
  data: MimeBundle;
  /** Set when the value names its own output (Symbol.for("Jupyter.displayId")), so it can update in place. */
  displayId?: string;
}

/** Plain text as a terminal would show it, without ANSI colours (front ends render text/plain as is). */
export function plainText(value: unknown): string {
  return typeof value === "string" ? inspect(value) : inspect(value, { colors: false, depth: 4, maxArrayLength: 100 });
}

function withPlainText(bundle: MimeBundle, value: unknown): MimeBundle {
  // Every execute_result needs text/plain; an object that forgot it still gets a readable one.
  return typeof bundle["text/plain"] === "string" ? bundle : { ...bundle, "text/plain": plainText(value) };
}

function displayIdOf(value: unknown): string | undefined {
  const id = typeof value === "object" && value !== null ? (value as Record<symbol, unknown>)[DISPLAY_ID] : undefined;
  return typeof id === "string" ? id : undefined;
}

/** The bundle for `value`; a Promise only when the object's own display method is async. */
export function format(value: unknown): Formatted | Promise<Formatted> {
  // Before the symbol check: nodejs-polars defines its own Jupyter.display method (written for Deno), which
  // fails in this version; the table renderer in src/frame is the one we show.
  if (isDataFrame(value)) return { data: { ...renderDataFrame(value), "application/vnd.dataresource+json": dataResource(value) } };
  if (isDisplayable(value)) {
    const displayId = displayIdOf(value);
    const bundle = value[DISPLAY]();
    if (bundle instanceof Promise) return bundle.then((b) => ({ data: withPlainText(b, value), displayId }));
    return { data: withPlainText(bundle, value), displayId };
  }
  return { data: { "text/plain": plainText(value) } };
}

/** display_data (or update_display_data when `update`), with transient.display_id when there is an id. */
export function publishBundle(data: MimeBundle, options: DisplayOptions = {}): void {
  if (options.update && !options.displayId) {
    throw new Error("display(..., { update: true }) needs a displayId naming the output to update");
  }
  const transient = options.displayId ? { display_id: options.displayId } : {};
  publishToCell(options.update ? "update_display_data" : "display_data", { data, metadata: {}, transient });
}

/**
 * Shows `value` in the cell (or in the cell that registered the running callback).
 * @example display(df); display(chart, { displayId: "pnl" }); display(next, { displayId: "pnl", update: true })
 */
export function display(value: unknown, options: DisplayOptions = {}): void | Promise<void> {
  const show = (formatted: Formatted) =>
    publishBundle(formatted.data, { ...options, displayId: options.displayId ?? formatted.displayId });
  const formatted = format(value);
  return formatted instanceof Promise ? formatted.then(show) : show(formatted);
}
