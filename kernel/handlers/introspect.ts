// complete_request, inspect_request, is_complete_request: TypeScript through the converter, magics here.
import { isCompleteCode } from "../compile";
import { transformOf } from "../magics/builtin";
import { expandMagics, parseMagicLine } from "../magics/expand";
import { findMagic, helpText, listMagics } from "../magics/registry";
import type { Message } from "../wire";
import type { Services } from "./types";

/** The protocol counts cursor_pos in Unicode code points (5.2); JavaScript strings index UTF-16 units. */
export function codePointsToUtf16(text: string, cursor: number): number {
  return Array.from(text).slice(0, cursor).join("").length;
}

export function utf16ToCodePoints(text: string, index: number): number {
  return Array.from(text.slice(0, index)).length;
}

interface Cursor {
  code: string;
  /** UTF-16 offset of the cursor. */
  offset: number;
  /** The cursor's line, and where it starts in `code`. */
  line: string;
  lineStart: number;
}

function readCursor(request: Message): Cursor {
  const c = request.content as { code?: unknown; cursor_pos?: unknown };
  const code = typeof c.code === "string" ? c.code : "";
  const offset = typeof c.cursor_pos === "number" ? codePointsToUtf16(code, c.cursor_pos) : code.length;
  const lineStart = code.lastIndexOf("\n", offset - 1) + 1;
  const lineEnd = code.indexOf("\n", offset);
  return { code, offset, line: code.slice(lineStart, lineEnd < 0 ? code.length : lineEnd), lineStart };
}

/** The code with every magic line except the cursor's expanded, and the cursor moved to match. */
function expandAround(cursor: Cursor): { code: string; offset: number } {
  const before = expandMagics(cursor.code.slice(0, cursor.lineStart), transformOf);
  const lineEnd = cursor.lineStart + cursor.line.length;
  const after = expandMagics(cursor.code.slice(lineEnd), transformOf);
  return { code: before + cursor.line + after, offset: before.length + (cursor.offset - cursor.lineStart) };
}

interface Completion {
  matches: string[];
  start: number;
  end: number;
}

/** `%na|` completes magic names; `%name args|` asks the magic for its last word. */
function completeMagic(cursor: Cursor): Completion | undefined {
  const typed = cursor.line.slice(0, cursor.offset - cursor.lineStart);
  const name = /^\s*(?:[^=%'"`]+=\s*)?%([\w-]*)$/.exec(typed);
  if (name) {
    const matches = listMagics().map((m) => m.name).filter((n) => n.startsWith(name[1]));
    return { matches, start: cursor.offset - name[1].length, end: cursor.offset };
  }
  const magic = parseMagicLine(typed);
  if (!magic || magic.page) return undefined;
  const complete = findMagic(magic.name)?.complete;
  if (!complete) return { matches: [], start: cursor.offset, end: cursor.offset };
  const args = typed.slice(typed.indexOf(`%${magic.name}`) + magic.name.length + 2);
  const word = /\S*$/.exec(args)?.[0] ?? "";
  return { matches: complete(args), start: cursor.offset - word.length, end: cursor.offset };
}

export function completeRequest(request: Message, services: Services): void {
  const cursor = readCursor(request);
  let completion = completeMagic(cursor);
  if (!completion) {
    const expanded = expandAround(cursor);
    const info = services.executor.complete(expanded.code, expanded.offset);
    const shift = cursor.offset - expanded.offset;
    completion = { matches: info.candidates, start: info.start + shift, end: info.end + shift };
  }
  services.server.reply("shell", request, "complete_reply", {
    status: "ok",
    matches: completion.matches,
    cursor_start: utf16ToCodePoints(cursor.code, completion.start),
    cursor_end: utf16ToCodePoints(cursor.code, completion.end),
    metadata: {},
  });
}

interface QuickInfoLike {
  displayParts?: { text: string }[];
  documentation?: { text: string }[];
  tags?: { name: string; text?: { text: string }[] }[];
}

function quickInfoText(info: QuickInfoLike): string {
  const join = (parts?: { text: string }[]) => (parts ?? []).map((p) => p.text).join("");
  const tags = (info.tags ?? []).map((t) => `@${t.name} ${join(t.text)}`.trim());
  return [join(info.displayParts), join(info.documentation), ...tags].filter(Boolean).join("\n\n");
}

function inspectText(cursor: Cursor, services: Services): string | undefined {
  const magic = parseMagicLine(cursor.line);
  if (magic) {
    const found = findMagic(magic.name);
    return found ? helpText(found) : undefined;
  }
  const expanded = expandAround(cursor);
  // At the end of a name the cursor sits just past it; TypeScript finds the token one character back.
  const info = (services.executor.inspect(expanded.code, expanded.offset) ??
    services.executor.inspect(expanded.code, Math.max(0, expanded.offset - 1))) as QuickInfoLike | undefined;
  return info ? quickInfoText(info) : undefined;
}

export function inspectRequest(request: Message, services: Services): void {
  const text = inspectText(readCursor(request), services);
  services.server.reply("shell", request, "inspect_reply", {
    status: "ok",
    found: text !== undefined,
    data: text === undefined ? {} : { "text/plain": text },
    metadata: {},
  });
}

/**
 * complete, incomplete (with an indent hint) or invalid, for consoles deciding whether Enter runs the code:
 * incomplete when the parser only misses something at the very end, invalid when it fails earlier.
 */
export function isComplete(code: string): { status: "complete" | "incomplete" | "invalid"; indent?: string } {
  let expanded: string;
  try {
    expanded = expandMagics(code, transformOf);
  } catch {
    return { status: "invalid" };
  }
  const errorStarts = parseErrorStarts(expanded);
  if (errorStarts.length === 0) return { status: "complete" };
  if (errorStarts.some((start) => start < expanded.length)) return { status: "invalid" };
  // Two trailing blank lines force execution (and so the parser's error), as in IPython and tslab.
  if (/\n\s*\n\s*$/.test(expanded)) return { status: "invalid" };
  return { status: "incomplete", indent: isCompleteCode(expanded).indent ?? "" };
}

const MODULE_PREFIX = "export {};\n";
const UNTERMINATED_TEMPLATE = 1160;
const UNTERMINATED_STRING = 1002;

/** Offsets (in `code`) of the parser's errors; parsed as a module like tslab's cells, so top-level await parses. */
function parseErrorStarts(code: string): number[] {
  const ts = require("@tslab/typescript-for-tslab") as typeof import("@tslab/typescript-for-tslab");
  const file = ts.createSourceFile("cell.ts", MODULE_PREFIX + code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const diagnostics = (file as unknown as { parseDiagnostics?: { start: number; code: number }[] }).parseDiagnostics ?? [];
  // An open template literal may go on over the next lines (missing its end); a quoted string cannot (invalid).
  return diagnostics.map((d) =>
    d.code === UNTERMINATED_TEMPLATE ? code.length : d.code === UNTERMINATED_STRING ? 0 : d.start - MODULE_PREFIX.length,
  );
}

export function isCompleteRequest(request: Message, services: Services): void {
  const code = (request.content as { code?: unknown }).code;
  services.server.reply("shell", request, "is_complete_reply", isComplete(typeof code === "string" ? code : ""));
}
