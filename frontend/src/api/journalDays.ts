// Entries per local calendar day (JournalService.DayCounts,
// backend/service/journaldays.go), read over HTTP: GET /api/journal/days.
// The journal's heat strip asks for the last 53 weeks in the runtime's own
// time zone (localZone), so the backend's days are the ones the user sees.

import { LIMITS } from "./contract.gen";
import { ApiError } from "./errors";
import { request } from "./http";

/** One day with entries: date "YYYY-MM-DD" (local to tz), entries ≥ 1. */
export interface DayCount {
  date: string;
  entries: number;
}

/** service.DayCounts: from and to (dates, both included), the zone, the days with entries oldest first, their sum. */
export interface DayCounts {
  from: string;
  to: string;
  tz: string;
  days: DayCount[];
  total: number;
}

/** The most days one request may span (service.MaxDayCountDays). */
export const MAX_DAY_COUNT_DAYS: number = LIMITS.dayCountDays;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** decodeDayCounts checks the body's shape (throws an Error naming what is wrong). */
export function decodeDayCounts(raw: unknown): DayCounts {
  const r = raw as Partial<DayCounts> | null;
  if (!r || typeof r !== "object" || typeof r.from !== "string" || typeof r.to !== "string" || typeof r.tz !== "string" || !Array.isArray(r.days)) {
    throw new Error("GET /api/journal/days sent an unexpected body.");
  }
  const days: DayCount[] = [];
  for (const d of r.days as unknown[]) {
    const x = d as Partial<DayCount> | null;
    if (!x || typeof x.date !== "string" || !DATE.test(x.date) || typeof x.entries !== "number" || !Number.isInteger(x.entries) || x.entries < 0) {
      throw new Error("GET /api/journal/days sent a malformed day.");
    }
    days.push({ date: x.date, entries: x.entries });
  }
  return { from: r.from, to: r.to, tz: r.tz, days, total: typeof r.total === "number" ? r.total : days.reduce((s, d) => s + d.entries, 0) };
}

/** localZone is the runtime's IANA time zone (Intl), "" when it cannot tell (the backend then counts in UTC). */
export function localZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone ?? "";
  } catch {
    return "";
  }
}

/**
 * fetchDayCounts reads the entries per local day from `from` to `to`
 * ("YYYY-MM-DD", both included) in zone tz (default localZone()). invalid
 * (an ApiError) for from after to, an unknown zone or more than
 * MAX_DAY_COUNT_DAYS days.
 */
export async function fetchDayCounts(q: { from: string; to: string; tz?: string }): Promise<DayCounts> {
  const p = new URLSearchParams({ from: q.from, to: q.to, tz: q.tz ?? localZone() });
  const raw = await request(`/api/journal/days?${p.toString()}`);
  try {
    return decodeDayCounts(raw);
  } catch (e) {
    throw new ApiError("internal", e instanceof Error ? e.message : String(e));
  }
}
