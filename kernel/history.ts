// Input history for history_request (tail, range, search): this session in memory, earlier ones from a file.
import { appendFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { isSecretKey, MASK } from "../src/settings";
import { log } from "./log";
import { parseMagicLine } from "./magics/expand";

export interface HistoryEntry {
  session: number;
  line: number;
  input: string;
  output?: string;
}

export interface HistoryQuery {
  hist_access_type?: "tail" | "range" | "search";
  output?: boolean;
  session?: number;
  start?: number;
  stop?: number | null;
  n?: number | null;
  pattern?: string;
  unique?: boolean;
}

export type HistoryRow = [number, number, string] | [number, number, [string, string | null]];

function readEntries(file: string): HistoryEntry[] {
  if (!existsSync(file)) return [];
  const entries: HistoryEntry[] = [];
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (!line.trim()) continue;
    try {
      entries.push(JSON.parse(line) as HistoryEntry);
    } catch {
      // A torn last line (killed kernel) costs that one entry only.
    }
  }
  return entries;
}

/** Glob as IPython reads it: `*` any run, `?` one character, matched against the whole input. */
function globToRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[\\s\\S]*").replace(/\?/g, "[\\s\\S]");
  return new RegExp(`^${body}$`);
}

/** Keeps the latest entry of each distinct input, in history order. */
function latestOfEach(entries: HistoryEntry[]): HistoryEntry[] {
  const seen = new Set<string>();
  const kept: HistoryEntry[] = [];
  for (let i = entries.length - 1; i >= 0; i--) {
    if (seen.has(entries[i].input)) continue;
    seen.add(entries[i].input);
    kept.push(entries[i]);
  }
  return kept.reverse();
}

/** `%connect ctp 密码=abc` is kept as `密码=******`: history files must not hold secrets typed on magic lines. */
export function maskSecretArguments(input: string): string {
  return input
    .split("\n")
    .map((line) => (parseMagicLine(line) ? line.replace(/(\S+?)=(\S+)/g, (all, key: string) => (isSecretKey(key) ? `${key}=${MASK}` : all)) : line))
    .join("\n");
}

export class History {
  private readonly entries: HistoryEntry[];
  readonly session: number;

  constructor(private readonly file: string | undefined) {
    this.entries = file ? readEntries(file) : [];
    this.session = this.entries.reduce((max, e) => Math.max(max, e.session), 0) + 1;
  }

  add(line: number, input: string): void {
    const entry: HistoryEntry = { session: this.session, line, input: maskSecretArguments(input) };
    this.entries.push(entry);
    if (!this.file) return;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      appendFileSync(this.file, `${JSON.stringify(entry)}\n`);
    } catch (err) {
      log.warn(`history not saved to ${this.file}`, err);
    }
  }

  /** Records the text/plain result of a line, for `output: true` queries. */
  setOutput(line: number, output: string): void {
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const entry = this.entries[i];
      if (entry.session === this.session && entry.line === line) {
        entry.output = output;
        return;
      }
    }
  }

  query(q: HistoryQuery): HistoryRow[] {
    const rows = this.select(q);
    return rows.map((e) => (q.output ? [e.session, e.line, [e.input, e.output ?? null]] : [e.session, e.line, e.input]));
  }

  private select(q: HistoryQuery): HistoryEntry[] {
    if (q.hist_access_type === "range") {
      // session 0 is this one; negative counts back from it (IPython's convention).
      const session = !q.session ? this.session : q.session < 0 ? this.session + q.session : q.session;
      const start = q.start ?? 0;
      return this.entries.filter((e) => e.session === session && e.line >= start && (q.stop == null || e.line < q.stop));
    }
    let found = this.entries;
    if (q.hist_access_type === "search") {
      const pattern = globToRegExp(q.pattern ?? "*");
      found = found.filter((e) => pattern.test(e.input));
      if (q.unique) found = latestOfEach(found);
    }
    return q.n ? found.slice(-q.n) : q.hist_access_type === "search" ? found : found.slice(-10);
  }
}
