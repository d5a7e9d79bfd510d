// Dates for the journal: the datetime-local input speaks local wall-clock
// "YYYY-MM-DDTHH:mm"; the backend speaks RFC 3339. Day grouping is by the
// user's local calendar day.

const pad = (n: number, w = 2) => String(Math.trunc(Math.abs(n))).padStart(w, "0");

/** parseTime parses an RFC 3339 string (any number of fractional digits); NaN if invalid. */
export function parseTime(s: string): number {
  // Go writes up to 9 fractional digits; Date.parse only promises 3.
  const norm = s.replace(/(\.\d{3})\d+/, "$1");
  return Date.parse(norm);
}

/** toLocalInput formats a time for <input type="datetime-local"> (local time, minutes). */
export function toLocalInput(t: string | Date): string {
  const d = typeof t === "string" ? new Date(parseTime(t)) : t;
  if (Number.isNaN(d.getTime())) return "";
  return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** offsetSuffix gives a Date's local UTC offset as "+hh:mm" / "-hh:mm". */
function offsetSuffix(d: Date): string {
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? "+" : "-";
  return `${sign}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
}

/**
 * fromLocalInput turns a datetime-local value into RFC 3339 with the local
 * offset (so an export shows the wall-clock time the user typed); null when
 * the value is not a valid date-time.
 */
export function fromLocalInput(s: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(s.trim());
  if (!m) return null;
  const [y, mo, da, h, mi, se] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x))) as number[];
  // new Date(y, …) maps years 0–99 to 1900–1999; setFullYear takes the year as given.
  const d = new Date(2000, 0, 1, h!, mi!, se!);
  d.setFullYear(y!, mo! - 1, da!);
  if (Number.isNaN(d.getTime()) || d.getFullYear() !== y || d.getMonth() !== mo! - 1 || d.getDate() !== da!) return null;
  if (y! < 1 || y! > 9999) return null;
  return `${pad(y!, 4)}-${pad(mo!)}-${pad(da!)}T${pad(h!)}:${pad(mi!)}:${pad(se!)}${offsetSuffix(d)}`;
}

/** dayKey is the local calendar day "YYYY-MM-DD" of an RFC 3339 time ("" if invalid). */
export function dayKey(t: string): string {
  const ms = parseTime(t);
  if (Number.isNaN(ms)) return "";
  const d = new Date(ms);
  return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** dayLabel names a day key for a header: Today, Yesterday, or a long local date. */
export function dayLabel(key: string, now: Date = new Date()): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (!m) return "Unknown date";
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const diffDays = Math.round((today.getTime() - d.getTime()) / 86_400_000);
  if (diffDays === 0) return "Today";
  if (diffDays === 1) return "Yesterday";
  return d.toLocaleDateString(undefined, {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
  });
}

/** timeLabel is the local time of day "HH:mm" of an RFC 3339 time. */
export function timeLabel(t: string): string {
  const ms = parseTime(t);
  if (Number.isNaN(ms)) return "";
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
