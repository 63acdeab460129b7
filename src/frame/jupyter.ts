// The display contract between src/ and whatever front end hosts it (the kernel installs the publisher).
//
// Rich output goes through one symbol, as in Deno's kernel: an object with a method under
// `Symbol.for("Jupyter.display")` returns a MIME bundle. An object that also carries a string under
// `Symbol.for("Jupyter.displayId")` is shown with that display id, so it can later update itself in
// place by calling `publishDisplay(bundle, { displayId, update: true })`. src/ never imports kernel/:
// the kernel hands its publisher in through `setDisplayPublisher`.

export const DISPLAY = Symbol.for("Jupyter.display");
export const DISPLAY_ID = Symbol.for("Jupyter.displayId");

/** MIME type -> payload, e.g. { "text/plain": "...", "text/html": "<table>..." }. */
export type MimeBundle = Record<string, unknown>;

export interface DisplayOptions {
  /** Names the output so later updates replace it. */
  displayId?: string;
  /** true: update the existing output with this display id (update_display_data). */
  update?: boolean;
}

export type DisplayPublisher = (bundle: MimeBundle, options: DisplayOptions) => void;

export interface Displayable {
  [DISPLAY](): MimeBundle | Promise<MimeBundle>;
}

let publisher: DisplayPublisher | undefined;

/** Called once by the kernel at start-up. Outside a kernel (terminal, tests) nothing is published. */
export function setDisplayPublisher(next: DisplayPublisher | undefined): void {
  publisher = next;
}

/** True when a front end is attached, so live displays know whether redrawing is worth the work. */
export function hasDisplayPublisher(): boolean {
  return publisher !== undefined;
}

/** Sends a bundle to the front end, or drops it when there is none. */
export function publishDisplay(bundle: MimeBundle, options: DisplayOptions = {}): void {
  publisher?.(bundle, options);
}

export function isDisplayable(value: unknown): value is Displayable {
  return typeof value === "object" && value !== null && typeof (value as Displayable)[DISPLAY] === "function";
}
