// The audit trail: one JSON line per order or cancel request, accepted or refused, appended to
// `.vntrader/log/audit_YYYYMMDD.jsonl` (the machine's local date; owner-only). Lines are buffered and written
// at the end of the current turn of the event loop (and on exit), so auditing costs an order microseconds,
// not a disk write; every key passes settings.ts's isSecretKey (maskSecrets' rule), so a secret never reaches the file.
import { appendFileSync, chmodSync, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isTradingError } from "../core/errors";
import { MASK, isSecretKey, type SettingsStore } from "../settings";
import { localDay } from "./counters";

export type AuditKind = "order" | "cancel";

export interface AuditEntry {
  readonly kind: AuditKind;
  readonly outcome: "accepted" | "refused";
  readonly gateway?: string;
  /** What was asked: the order as given, or the vt_orderid to cancel. */
  readonly request: Record<string, unknown>;
  readonly vt_orderids?: readonly string[];
  /** For a refusal: the error code, the rule when a risk rule refused, and the message the user saw. */
  readonly code?: string;
  readonly rule?: string;
  readonly message?: string;
  /** Who asked when it was not the user directly, e.g. "kill" or "cancel_all". */
  readonly source?: string;
}

export class AuditTrail {
  private pending: string[] = [];
  private pendingDay = "";
  private pendingDayStart = 0;
  private scheduled = false;
  /** Files already made owner-only this session (chmod once per file, not per flush). */
  private readonly securedFiles = new Set<string>();

  constructor(
    private readonly store: SettingsStore,
    private readonly onError: (message: string) => void,
  ) {
    openTrails.add(this);
  }

  /** The file today's lines go to. */
  fileFor(time: number = Date.now()): string {
    return join(this.store.path("log"), `audit_${localDay(time)}.jsonl`);
  }

  record(entry: AuditEntry): void {
    const now = Date.now();
    const day = localDay(now);
    if (day !== this.pendingDay) {
      this.flush(); // lines of yesterday go to yesterday's file
      this.pendingDay = day;
      this.pendingDayStart = now;
    }
    // Only the request holds what a user typed; the other fields are the engine's own (ids, codes, messages).
    this.pending.push(JSON.stringify({ time: new Date(now).toISOString(), ...entry, request: scrub(entry.request) }));
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Writes buffered lines now. Errors are reported, never thrown into an order path. */
  flush(): void {
    this.scheduled = false;
    if (this.pending.length === 0) return;
    const lines = `${this.pending.join("\n")}\n`;
    this.pending = [];
    try {
      this.append(lines);
    } catch {
      this.securedFiles.clear(); // the folder may have been removed: create it again and retry once
      try {
        this.append(lines);
      } catch (error) {
        this.onError(`the audit trail could not be written: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  private append(lines: string): void {
    const file = this.fileFor(this.pendingDayStart);
    if (!this.securedFiles.has(file)) this.store.folder("log");
    appendFileSync(file, lines, { encoding: "utf8", mode: 0o600 });
    if (!this.securedFiles.has(file)) {
      chmodSync(file, 0o600); // mode applies only when the file is created; an older file may be wider
      this.securedFiles.add(file);
    }
  }

  /** The last `count` lines of today's file (after writing what is buffered), oldest first, for a notebook. */
  recent(count = 10): Array<Record<string, unknown>> {
    this.flush();
    const file = this.fileFor();
    if (!existsSync(file)) return [];
    const lines = readFileSync(file, "utf8").trimEnd().split("\n").filter(Boolean);
    return lines.slice(-count).map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  /** Stops flushing on exit (tests create many engines). Writes what is buffered first. */
  close(): void {
    this.flush();
    openTrails.delete(this);
  }
}

/** Every trail not yet closed, flushed by one exit handler (one listener per engine would trip Node's limit). */
const openTrails = new Set<AuditTrail>();
process.on("exit", () => {
  for (const trail of openTrails) trail.flush();
});

/** The fields of a refusal, from whatever was thrown. */
export function refusalFields(error: unknown): Pick<AuditEntry, "code" | "rule" | "message"> {
  const message = error instanceof Error ? error.message : String(error);
  const code = isTradingError(error) ? error.code : "INTERNAL";
  const rule = typeof (error as { rule?: unknown })?.rule === "string" ? (error as { rule: string }).rule : undefined;
  return { code, rule, message };
}

/** maskSecrets' rule applied at every depth; a key's verdict is cached, as the same few keys recur on every line. */
function scrub(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scrub);
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== "object" || value === null) return value;
  const clean: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) clean[key] = isSecret(key) && item !== "" ? MASK : scrub(item);
  return clean;
}

const secretVerdicts = new Map<string, boolean>();

function isSecret(key: string): boolean {
  let verdict = secretVerdicts.get(key);
  if (verdict === undefined) {
    verdict = isSecretKey(key);
    if (secretVerdicts.size < 1000) secretVerdicts.set(key, verdict);
  }
  return verdict;
}
