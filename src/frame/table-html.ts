// How a nodejs-polars DataFrame looks in a notebook: an escaped pandas-style <table class="dataframe"> (head
// and tail with a row-count note when long) plus polars' own box table as text/plain.
import type pl from "nodejs-polars";
import type { MimeBundle } from "./jupyter";

/** Frames longer than this show their first and last SHOWN_EACH_END rows. */
const MAX_ROWS = 60;
const SHOWN_EACH_END = 10;

/**
 * True for a nodejs-polars DataFrame, by shape rather than `instanceof`: a notebook may hold frames made by
 * another copy of the package (e.g. one a user installed next to the notebook).
 */
export function isDataFrame(value: unknown): value is pl.DataFrame {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Partial<Record<"columns" | "height" | "width" | "getColumn" | "head" | "tail", unknown>>;
  return (
    Array.isArray(candidate.columns) && typeof candidate.height === "number" && typeof candidate.width === "number" &&
    typeof candidate.getColumn === "function" && typeof candidate.head === "function" && typeof candidate.tail === "function"
  );
}

/** The MIME bundle for a DataFrame: text/html and text/plain. */
export function renderDataFrame(df: pl.DataFrame): MimeBundle {
  return { "text/html": dataFrameHtml(df), "text/plain": df.toString() };
}

export function dataFrameHtml(df: pl.DataFrame): string {
  const truncated = df.height > MAX_ROWS;
  const head = truncated ? df.head(SHOWN_EACH_END) : df;
  const header = df.columns.map((name) => `<th>${escapeHtml(name)}</th>`).join("");
  const rows = [...bodyRows(head, 0)];
  if (truncated) {
    rows.push(`<tr><th>…</th>${df.columns.map(() => "<td>…</td>").join("")}</tr>`);
    rows.push(...bodyRows(df.tail(SHOWN_EACH_END), df.height - SHOWN_EACH_END));
  }
  const note = truncated ? `<p>${df.height} rows × ${df.width} columns</p>` : "";
  return (
    `<div><table border="1" class="dataframe">` +
    `<thead><tr style="text-align: right;"><th></th>${header}</tr></thead>` +
    `<tbody>${rows.join("")}</tbody></table>${note}</div>`
  );
}

function* bodyRows(df: pl.DataFrame, firstIndex: number): Generator<string> {
  const cells = df.columns.map((name) => formatColumn(df.getColumn(name)));
  for (let row = 0; row < df.height; row += 1) {
    const tds = cells.map((column) => `<td>${escapeHtml(column[row])}</td>`).join("");
    yield `<tr><th>${firstIndex + row}</th>${tds}</tr>`;
  }
}

/** One column's values as text; datetimes through polars so a column's time zone is honoured. */
function formatColumn(series: pl.Series): string[] {
  const dtype = String(series.dtype);
  if (dtype.startsWith("DataType(Datetime")) {
    const text = series.date.strftime("%Y-%m-%d %H:%M:%S%.3f").toArray() as Array<string | null>;
    // Bars and daily data have no milliseconds: showing ".000" on every row is noise.
    const whole = text.every((t) => t === null || t.endsWith(".000"));
    return text.map((t) => (t === null ? "null" : whole ? t.slice(0, -4) : t));
  }
  if (dtype === "DataType(Date)") {
    return (series.toArray() as unknown[]).map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : formatValue(v)));
  }
  return series.toArray().map(formatValue);
}

function formatValue(value: unknown): string {
  if (value === null || value === undefined) return "null";
  // 0.1 + 0.2 style noise would otherwise show in prices computed in a notebook.
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(12)));
  if (typeof value === "string") return value;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint" || typeof value === "boolean") return String(value);
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
