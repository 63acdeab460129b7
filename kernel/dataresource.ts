// A DataFrame as application/vnd.dataresource+json (Frictionless table schema + rows), as Deno's kernel sends
// it: nteract renders it as a grid, and tests and tools read the rows without parsing HTML.
import type pl from "nodejs-polars";

/** Rows beyond this are left to the HTML table's head/tail view. */
const MAX_ROWS = 1000;

const TYPES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^(Int|UInt)\d+$/, "integer"],
  [/^Float\d+$/, "number"],
  [/^Bool/, "boolean"],
  [/^Datetime/, "datetime"],
  [/^Date$/, "date"],
  [/^(String|Utf8|Categorical)/, "string"],
];

function fieldType(dtype: unknown): string {
  const variant = String((dtype as { variant?: unknown }).variant ?? "");
  return TYPES.find(([pattern]) => pattern.test(variant))?.[1] ?? "any";
}

/** JSON-safe cells: 64-bit integers arrive as bigint, which JSON cannot carry. */
function jsonCell(value: unknown): unknown {
  return typeof value === "bigint" ? Number(value) : value;
}

export function dataResource(df: pl.DataFrame): Record<string, unknown> {
  const fields = Object.entries(df.schema).map(([name, dtype]) => ({ name, type: fieldType(dtype) }));
  const rows = (df.height > MAX_ROWS ? df.head(MAX_ROWS) : df).toRecords();
  const data = rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, jsonCell(v)])));
  return { schema: { fields }, data };
}
