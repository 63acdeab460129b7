// Plotly figures as MIME bundles: application/vnd.plotly.v1+json for front ends with a Plotly renderer, plus a
// text/html form that works offline everywhere else. The classic notebook (Debian's 6.4) has no Plotly
// renderer and loads require.js, so plotly.js is registered as the AMD module "plotly" there; JupyterLab and
// VS Code get window.Plotly. plotly.js (4.7 MB) travels once per kernel session, with the first figure.
import { readFileSync } from "node:fs";
import type { MimeBundle } from "./jupyter";

export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

/** A Plotly figure in plotly.js's JSON form. */
export interface Figure {
  readonly data: ReadonlyArray<Record<string, unknown>>;
  readonly layout?: Record<string, unknown>;
  readonly config?: Record<string, unknown>;
}

const DEFAULT_CONFIG = { responsive: true, displaylogo: false };
const DEFAULT_HEIGHT_PX = 420;

let loaderSent = false;
let plotlySource: string | undefined;
let nextDivNumber = 0;

/** Static figure: both MIME types; the html carries the plotly.js loader if no figure did yet. */
export function figureBundle(figure: Figure, divId = newDivId()): MimeBundle {
  return { [PLOTLY_MIME]: withDefaults(figure), "text/html": figureHtml(figure, divId), "text/plain": describe(figure) };
}

/**
 * The html of a figure. The first call of a kernel session prepends the loader; later ones only draw,
 * finding plotly.js already in the page (as `window.Plotly` or through require.js).
 */
export function figureHtml(figure: Figure, divId: string): string {
  const loader = loaderSent ? "" : plotlyLoaderHtml();
  loaderSent = true;
  return loader + drawHtml(figure, divId);
}

/**
 * The html of a redraw of an output that is already on the page (update_display_data): never the loader,
 * which the page already ran when the first figure arrived.
 */
export function redrawHtml(figure: Figure, divId: string): string {
  return drawHtml(figure, divId);
}

/** The next figure carries plotly.js again: for a browser page opened after the first figure was shown. */
export function resendPlotlyLoader(): void {
  loaderSent = false;
}

export function newDivId(prefix = "vntrader-plot"): string {
  nextDivNumber += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${nextDivNumber}`;
}

function withDefaults(figure: Figure): Figure {
  return {
    data: figure.data,
    layout: { height: DEFAULT_HEIGHT_PX, margin: { l: 60, r: 20, t: 40, b: 40 }, ...figure.layout },
    config: { ...DEFAULT_CONFIG, ...figure.config },
  };
}

function describe(figure: Figure): string {
  const title = (figure.layout?.title as { text?: string } | string | undefined) ?? "";
  const text = typeof title === "string" ? title : title.text ?? "";
  return `Plotly figure${text ? ` "${text}"` : ""} with ${figure.data.length} trace(s)`;
}

function drawHtml(figure: Figure, divId: string): string {
  const full = withDefaults(figure);
  const height = Number(full.layout?.height ?? DEFAULT_HEIGHT_PX);
  const id = JSON.stringify(divId);
  // A figure drawn before plotly.js arrived (e.g. the page was reloaded while the kernel lived on) says so
  // instead of staying blank.
  return (
    `<div id=${id} class="plotly-graph-div" style="height:${height}px; width:100%;"></div>` +
    `<script type="text/javascript">(function () {` +
    `var el = document.getElementById(${id}); if (!el) return;` +
    `var fig = ${scriptJson(full)};` +
    `function draw(Plotly) { Plotly.newPlot(el, fig.data, fig.layout, fig.config); }` +
    `if (window.Plotly) { draw(window.Plotly); }` +
    ` else if (typeof require === "function" && require.defined && require.defined("plotly")) { require(["plotly"], draw); }` +
    ` else { el.textContent = "plotly.js is not loaded in this page: run vntrader's resendPlotlyLoader() and draw the figure again."; }` +
    `})();</script>`
  );
}

/**
 * plotly.js inside a function with its own `module`, so its UMD header takes the CommonJS path instead of
 * registering an anonymous AMD module (which require.js rejects in the classic notebook). It sets
 * window.Plotly itself; under require.js it is also defined as the named module "plotly".
 */
function plotlyLoaderHtml(): string {
  return (
    `<script type="text/javascript">(function () {` +
    `if (!window.Plotly) { var module = { exports: {} }; var exports = module.exports;\n${plotlyJs()}\n` +
    `window.Plotly = window.Plotly || module.exports; }` +
    `if (typeof window.define === "function" && window.define.amd && window.require && window.require.undef) {` +
    ` window.require.undef("plotly"); window.define("plotly", [], function () { return window.Plotly; }); }` +
    `})();</script>`
  );
}

function plotlyJs(): string {
  if (plotlySource === undefined) {
    const source = readFileSync(require.resolve("plotly.js-dist-min/plotly.min.js"), "utf8");
    // Inside <script>, "</script" would end the element and "<!--" can start HTML's escaped-script state.
    // Both only occur inside string literals here, where the backslash escapes change nothing.
    plotlySource = source.replace(/<\/script/gi, "<\\/script").replace(/<!--/g, "<\\!--");
  }
  return plotlySource;
}

/** JSON safe to embed in a <script>: no "</script>", no U+2028/2029 line breaks. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
