// The journal's heat strip, pure: the last ~53 weeks as a grid of local
// days (one column a week, Monday at the top, oldest week first), each day
// coloured by how many entries it has, in levels 0–4 set by quantiles of
// the year's non-empty days (so one busy day does not wash out the rest).

import { localDate, mondayOf, shortDate } from "./periods";

/** How many weeks the strip shows (the current one included). */
export const HEAT_WEEKS = 53;

export interface HeatCell {
  /** local "YYYY-MM-DD" */
  date: string;
  count: number;
  /** 0 (no entry) to 4 (the busiest quarter of the non-empty days) */
  level: number;
  title: string;
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");
/** ymd: a local date as "YYYY-MM-DD". */
export const ymd = (d: Date) => `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** heatRange is the days the strip shows: from the Monday weeks-1 weeks before today's week to today (local). */
export function heatRange(today: Date, weeks = HEAT_WEEKS): { from: string; to: string } {
  const m = mondayOf(today);
  return { from: ymd(new Date(m.getFullYear(), m.getMonth(), m.getDate() - 7 * (weeks - 1))), to: ymd(today) };
}

/**
 * quantileThresholds are the counts at the 25th, 50th and 75th percentile
 * (nearest rank) of the non-zero counts, ascending; [] when there are none.
 */
export function quantileThresholds(counts: Iterable<number>): number[] {
  const xs = [...counts].filter((c) => Number.isFinite(c) && c > 0).sort((a, b) => a - b);
  if (xs.length === 0) return [];
  return [0.25, 0.5, 0.75].map((q) => xs[Math.max(0, Math.ceil(q * xs.length) - 1)]!);
}

/** levelOf: 0 for no entries; else 1 + how many thresholds the count exceeds (1–4). */
export function levelOf(count: number, thresholds: readonly number[]): number {
  if (!(count > 0)) return 0;
  return 1 + thresholds.filter((t) => count > t).length;
}

/** cellTitle: "3 entries on 7 Dec 2026", "1 entry on …", "No entries on …". */
export function cellTitle(count: number, date: string): string {
  const d = localDate(date);
  const when = d ? shortDate(d) : date;
  if (count === 0) return `No entries on ${when}`;
  return `${count} ${count === 1 ? "entry" : "entries"} on ${when}`;
}

/**
 * heatGrid lays out the strip: weeks columns, oldest first, of 7 cells
 * (Monday … Sunday); the days after today are null. counts maps a local
 * date to its number of entries (absent: 0).
 */
export function heatGrid(today: Date, counts: ReadonlyMap<string, number>, weeks = HEAT_WEEKS): (HeatCell | null)[][] {
  const { from, to } = heatRange(today, weeks);
  const start = localDate(from)!;
  const inRange: number[] = [];
  for (const [date, c] of counts) if (date >= from && date <= to) inRange.push(c);
  const th = quantileThresholds(inRange);
  const cols: (HeatCell | null)[][] = [];
  for (let w = 0; w < weeks; w++) {
    const col: (HeatCell | null)[] = [];
    for (let i = 0; i < 7; i++) {
      const date = ymd(new Date(start.getFullYear(), start.getMonth(), start.getDate() + 7 * w + i));
      if (date > to) {
        col.push(null);
        continue;
      }
      const count = counts.get(date) ?? 0;
      col.push({ date, count, level: levelOf(count, th), title: cellTitle(count, date) });
    }
    cols.push(col);
  }
  return cols;
}
