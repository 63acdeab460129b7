// IB time strings <-> instants: epoch seconds (formatDate 2), "yyyyMMdd" (daily bars), and
// "yyyyMMdd HH:mm:ss [zone]" / "yyyyMMdd-HH:mm:ss" (UTC) for executions and request end times.

/** Milliseconds since the epoch for an IB time string; a missing zone means UTC (the "-" form is UTC by IB's rule). */
export function parseIbTime(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^\d{9,}$/.test(trimmed)) return Number(trimmed) * 1000;
  const match = /^(\d{4})(\d{2})(\d{2})(?:[ -]+(\d{2}):(\d{2})(?::(\d{2}))?)?(?:\s+(\S+))?$/.exec(trimmed);
  if (!match) return undefined;
  const [, y, mo, d, h = "0", mi = "0", s = "0", zone] = match;
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  return zone && !/^(UTC|GMT|Z)$/i.test(zone) ? fromZone(wall, zone) : wall;
}

/** Interprets a wall-clock time (given as if UTC) in an IANA zone such as "US/Eastern". */
function fromZone(wall: number, zone: string): number | undefined {
  try {
    const first = wall - zoneOffset(wall, zone);
    return wall - zoneOffset(first, zone);
  } catch {
    return undefined;
  }
}

function zoneOffset(instant: number, zone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit",
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second")) - Math.floor(instant / 1000) * 1000;
}

/** A request end time in IB's UTC form: "yyyyMMdd-HH:mm:ss". */
export function formatIbUtc(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10).replace(/-/g, "")}-${iso.slice(11, 19)}`;
}
