// Times of history steps, shown in local time (pure; the time zone and
// locale can be fixed for tests).

export interface TimeOpts {
  locale?: string;
  timeZone?: string;
}

/**
 * parseAt reads an RFC 3339 time; fractions beyond milliseconds (the log
 * keeps microseconds) are cut first, as not every engine parses them.
 * null when it is not a time.
 */
export function parseAt(s: string): Date | null {
  if (typeof s !== "string" || s === "") return null;
  const cut = s.replace(/(\.\d{3})\d+/, "$1");
  const d = new Date(cut);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** dayKey is the calendar day of d in the time zone, "YYYY-MM-DD". */
export function dayKey(d: Date, o: TimeOpts = {}): string {
  const f = new Intl.DateTimeFormat("en-CA", { timeZone: o.timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
  return f.format(d);
}

function clock(d: Date, o: TimeOpts, seconds: boolean): string {
  return new Intl.DateTimeFormat(o.locale, {
    timeZone: o.timeZone,
    hour: "2-digit",
    minute: "2-digit",
    second: seconds ? "2-digit" : undefined,
  }).format(d);
}

/** dateText is a calendar date, e.g. "3 May 2026" (in the locale's order). */
export function dateText(d: Date, o: TimeOpts = {}): string {
  return new Intl.DateTimeFormat(o.locale, { timeZone: o.timeZone, day: "numeric", month: "short", year: "numeric" }).format(d);
}

/**
 * stepTime is when a step happened, for lists: "Today, 14:02:11",
 * "Yesterday, 09:15:02", else "3 May 2026, 14:02:11". "" for a bad time.
 */
export function stepTime(at: string, now: Date, o: TimeOpts = {}): string {
  const d = parseAt(at);
  if (!d) return "";
  const today = dayKey(now, o);
  const yesterday = dayKey(new Date(now.getTime() - 86_400_000), o);
  const k = dayKey(d, o);
  const day = k === today ? "Today" : k === yesterday ? "Yesterday" : dateText(d, o);
  return `${day}, ${clock(d, o, true)}`;
}

/** exactTime is a full local date and time with seconds, e.g. "3 May 2026, 14:02:11". */
export function exactTime(d: Date, o: TimeOpts = {}): string {
  return `${dateText(d, o)}, ${clock(d, o, true)}`;
}
