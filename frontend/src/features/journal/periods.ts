// Grouping of loaded journal entries into local calendar periods (pure):
// days, ISO weeks (Monday to Sunday, numbered by ISO 8601: week 1 holds the
// year's first Thursday) and months, newest period first, newest entry first
// within one. Times are RFC 3339; periods are reckoned in the runtime's
// local time zone.

import type { Entry } from "../../api";
import { parseTime } from "./datetime";
import { compareNewestFirst } from "./days";

export type PeriodMode = "day" | "week" | "month";

export const PERIOD_MODES: readonly PeriodMode[] = ["day", "week", "month"];

export interface PeriodGroup {
  /** day "YYYY-MM-DD", week "YYYY-Www" (ISO week-year), month "YYYY-MM"; "" for an unreadable time */
  key: string;
  /** the period's first local day "YYYY-MM-DD" ("" for an unreadable time) */
  start: string;
  entries: Entry[];
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");
const ymd = (d: Date) => `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** isoWeek is the ISO 8601 week-year and week number (1–53) of a local date. */
export function isoWeek(d: Date): { year: number; week: number } {
  // The Thursday of d's week decides the week-year (calendar arithmetic, no hours: DST-safe).
  const day = (d.getDay() + 6) % 7; // Monday 0 … Sunday 6
  const thu = new Date(d.getFullYear(), d.getMonth(), d.getDate() - day + 3);
  const jan1 = new Date(thu.getFullYear(), 0, 1);
  const ordinal = Math.round((Date.UTC(thu.getFullYear(), thu.getMonth(), thu.getDate()) - Date.UTC(jan1.getFullYear(), 0, 1)) / 86_400_000);
  return { year: thu.getFullYear(), week: Math.floor(ordinal / 7) + 1 };
}

/** mondayOf is the local date of the Monday starting d's ISO week. */
export function mondayOf(d: Date): Date {
  const day = (d.getDay() + 6) % 7;
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() - day);
}

/** periodOf names the local period of a time: its key and first day ({"", ""} when unreadable). */
export function periodOf(t: string, mode: PeriodMode): { key: string; start: string } {
  const ms = parseTime(t);
  if (Number.isNaN(ms)) return { key: "", start: "" };
  const d = new Date(ms);
  if (mode === "day") return { key: ymd(d), start: ymd(d) };
  if (mode === "month") return { key: `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}`, start: ymd(new Date(d.getFullYear(), d.getMonth(), 1)) };
  const w = isoWeek(d);
  return { key: `${pad(w.year, 4)}-W${pad(w.week)}`, start: ymd(mondayOf(d)) };
}

/** groupByPeriod splits entries into local periods of mode, newest period first, newest entry first within one. */
export function groupByPeriod(entries: readonly Entry[], mode: PeriodMode): PeriodGroup[] {
  const groups: PeriodGroup[] = [];
  let cur: PeriodGroup | undefined;
  for (const e of [...entries].sort(compareNewestFirst)) {
    const p = periodOf(e.occurredAt, mode);
    if (!cur || cur.key !== p.key) {
      cur = { key: p.key, start: p.start, entries: [] };
      groups.push(cur);
    }
    cur.entries.push(e);
  }
  return groups;
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** localDate reads "YYYY-MM-DD" as local midnight of that day (null when malformed). */
export function localDate(ymdS: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymdS);
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return d.getDate() === Number(m[3]) && d.getMonth() === Number(m[2]) - 1 ? d : null;
}

/** shortDate: "7 Dec 2026" (fixed English month abbreviations, whatever the locale). */
export function shortDate(d: Date, withYear = true): string {
  const s = `${d.getDate()} ${MONTHS[d.getMonth()]!.slice(0, 3)}`;
  return withYear ? `${s} ${d.getFullYear()}` : s;
}

/** monthLabel: "December 2026". */
export function monthLabel(d: Date): string {
  return `${MONTHS[d.getMonth()]!} ${d.getFullYear()}`;
}

/**
 * periodLabel names a week or month group for its header: "Week 50 · 7–13 Dec 2026",
 * "December 2026". Day groups use datetime.ts dayLabel. "Unknown date" for
 * an unreadable group.
 */
export function periodLabel(g: Pick<PeriodGroup, "key" | "start">, mode: Exclude<PeriodMode, "day">): string {
  const d = localDate(g.start);
  if (!d) return "Unknown date";
  if (mode === "month") return monthLabel(d);
  const end = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 6);
  const week = Number(g.key.slice(-2));
  const startS = d.getFullYear() !== end.getFullYear() ? shortDate(d) : d.getMonth() !== end.getMonth() ? shortDate(d, false) : String(d.getDate());
  return `Week ${week} · ${startS}–${shortDate(end)}`;
}
