// Ordering and grouping of loaded journal entries (pure).

import type { Entry } from "../../api";
import { dayKey, parseTime } from "./datetime";

export interface DayGroup {
  key: string; // local "YYYY-MM-DD"
  entries: Entry[];
}

/** compareNewestFirst orders entries by occurredAt descending, then id descending (UUIDv7 = creation order). */
export function compareNewestFirst(a: Entry, b: Entry): number {
  const ta = parseTime(a.occurredAt);
  const tb = parseTime(b.occurredAt);
  const na = Number.isNaN(ta) ? -Infinity : ta;
  const nb = Number.isNaN(tb) ? -Infinity : tb;
  if (na !== nb) return nb - na;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** mergeEntries adds a page to what is loaded: one entry per id (the newer copy wins), newest first. */
export function mergeEntries(loaded: readonly Entry[], page: readonly Entry[]): Entry[] {
  const byId = new Map<string, Entry>();
  for (const e of loaded) byId.set(e.id, e);
  for (const e of page) byId.set(e.id, e);
  return [...byId.values()].sort(compareNewestFirst);
}

/** groupByDay splits entries into local days, newest day first, newest entry first within a day. */
export function groupByDay(entries: readonly Entry[]): DayGroup[] {
  const sorted = [...entries].sort(compareNewestFirst);
  const groups: DayGroup[] = [];
  let cur: DayGroup | undefined;
  for (const e of sorted) {
    const key = dayKey(e.occurredAt);
    if (!cur || cur.key !== key) {
      cur = { key, entries: [] };
      groups.push(cur);
    }
    cur.entries.push(e);
  }
  return groups;
}
