// The MT5 terminal's server time zone: parses the 服务器时区 setting and converts between server wall-clock
// time (what MT5 stamps bars and ticks with) and real instants. vn.py treats server time as UTC, which shifts
// every bar by the broker's offset (2-3 hours for most brokers); we convert explicitly instead.
import { TradingError } from "../../core/errors";

/** The vn.py-style key of the setting, its English label and default, as the catalogue lists them. */
export const TIMEZONE_SETTING = {
  key: "服务器时区",
  label: "terminal server time zone (UTC, UTC+2, UTC-05:30 or an IANA name such as Europe/Athens)",
  default: "UTC",
} as const;

/**
 * A server time zone. MQL's `datetime` is seconds since 1970 read on the server's wall clock ("server
 * epoch"); these convert that to and from true UTC instants.
 */
export interface ServerTimeZone {
  readonly name: string;
  /** Server offset from UTC in seconds at a true UTC instant. */
  offsetAt(utcSeconds: number): number;
}

const FIXED = /^(?:UTC|GMT)\s*(?:([+-])\s*(\d{1,2})(?::?(\d{2}))?)?$/i;

export function parseServerTimeZone(text: string | undefined): ServerTimeZone {
  const name = (text ?? "").trim() || TIMEZONE_SETTING.default;
  const fixed = FIXED.exec(name);
  if (fixed) {
    const [, sign, hours, minutes] = fixed;
    const offset = (Number(hours ?? 0) * 3600 + Number(minutes ?? 0) * 60) * (sign === "-" ? -1 : 1);
    if (Math.abs(offset) > 14 * 3600) throw badZone(name);
    return { name, offsetAt: () => offset };
  }
  return ianaZone(name);
}

/** An IANA zone (with daylight saving), offsets read through Intl so no tz database is bundled. */
function ianaZone(name: string): ServerTimeZone {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone: name, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric",
      hour: "numeric", minute: "numeric", second: "numeric",
    });
  } catch {
    throw badZone(name);
  }
  return {
    name,
    offsetAt(utcSeconds: number): number {
      const parts = Object.fromEntries(format.formatToParts(new Date(utcSeconds * 1000)).map((p) => [p.type, p.value]));
      const wall = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second) / 1000;
      return wall - Math.floor(utcSeconds);
    },
  };
}

function badZone(name: string): TradingError {
  return new TradingError(
    "BAD_SETTING",
    `${TIMEZONE_SETTING.key} (server time zone) "${name}" is not a time zone: write UTC, UTC+2, UTC-05:30 or an IANA name such as Europe/Athens (MT5 shows server time in Market Watch)`,
  );
}

/** Server wall-clock seconds -> the true instant. Two passes settle on the offset valid at that instant. */
export function serverSecondsToDate(serverSeconds: number, zone: ServerTimeZone): Date {
  const guess = serverSeconds - zone.offsetAt(serverSeconds);
  return new Date((serverSeconds - zone.offsetAt(guess)) * 1000);
}

/** A true instant -> server wall-clock seconds (what CopyRates and StringToTime expect). */
export function dateToServerSeconds(date: Date, zone: ServerTimeZone): number {
  const utc = Math.floor(date.getTime() / 1000);
  return utc + zone.offsetAt(utc);
}

/** "YYYY.MM.DD HH:MM:SS", the form MQL5's StringToTime reads. */
export function formatServerTime(serverSeconds: number): string {
  const iso = new Date(serverSeconds * 1000).toISOString();
  return `${iso.slice(0, 10).replace(/-/g, ".")} ${iso.slice(11, 19)}`;
}

const SERVER_TIME = /^(\d{4})[.-](\d{2})[.-](\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** Reads "YYYY.MM.DD HH:MM" (TimeToString's default) or with seconds / dashes, as server wall-clock seconds. */
export function parseServerTime(text: string): number | undefined {
  const m = SERVER_TIME.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = "0", mi = "0", s = "0"] = m;
  return Date.UTC(+y, +mo - 1, +d, +h, +mi, +s) / 1000;
}
