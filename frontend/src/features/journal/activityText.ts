// Words for what the backend derived about a node's activity (api/activity.ts):
// "3 days ago", "due in 4 days", "5 days overdue", why a node is dormant.
// Pure: nothing here decides whether a node is due or dormant — that is the
// backend's (docs/decisions/activity.md); this only formats its answers.

import type { DueNode, NodeActivity } from "../../api/activity";

const DAY = 86_400_000;

/** parseTime reads an RFC 3339 time (nanoseconds cut to milliseconds); null for "" or garbage. */
export function parseTime(iso: string): Date | null {
  if (iso === "") return null;
  const d = new Date(iso.replace(/(\.\d{3})\d+/, "$1"));
  return Number.isNaN(d.getTime()) ? null : d;
}

/** calendarDays is how many local calendar days lie from a to b (b later: positive). */
export function calendarDays(a: Date, b: Date): number {
  const da = Date.UTC(a.getFullYear(), a.getMonth(), a.getDate());
  const db = Date.UTC(b.getFullYear(), b.getMonth(), b.getDate());
  return Math.round((db - da) / DAY);
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/** relativeDay says when t is from now in days: "today", "yesterday", "3 days ago", "in 2 weeks". */
export function relativeDay(t: Date, now: Date): string {
  const d = calendarDays(now, t);
  if (d === 0) return "today";
  if (d === -1) return "yesterday";
  if (d === 1) return "tomorrow";
  const n = Math.abs(d);
  let amount: string;
  if (n < 14) amount = plural(n, "day");
  else if (n < 60) amount = plural(Math.floor(n / 7), "week");
  else if (n < 730) amount = plural(Math.round(n / 30.44), "month");
  else amount = plural(Math.floor(n / 365.25), "year");
  return d < 0 ? `${amount} ago` : `in ${amount}`;
}

/** dateText is the local date, medium style ("4 Dec 2026"). */
export function dateText(t: Date): string {
  return t.toLocaleDateString(undefined, { dateStyle: "medium" });
}

/** lastInteractionText: "3 days ago (1 Dec 2026)", or "none yet". */
export function lastInteractionText(iso: string, now: Date): string {
  const t = parseTime(iso);
  return t ? `${relativeDay(t, now)} (${dateText(t)})` : "none yet";
}

/** overdueText: the backend's whole days past dueAt — "due today" on the first day, then "N days overdue". */
export function overdueText(overdueDays: number): string {
  return overdueDays <= 0 ? "due today" : `${plural(overdueDays, "day")} overdue`;
}

/**
 * dueText says where the node stands against its cadence: "no cadence",
 * "every 30 days · due in 4 days (8 Dec 2026)", "every 7 days · 5 days overdue".
 */
export function dueText(a: Pick<NodeActivity, "cadence" | "dueAt" | "due" | "overdueDays">, now: Date): string {
  if (a.cadence <= 0) return "no cadence";
  const every = `every ${plural(a.cadence, "day")}`;
  if (a.due) return `${every} · ${overdueText(a.overdueDays)}`;
  const t = parseTime(a.dueAt);
  if (!t) return every;
  const d = calendarDays(now, t);
  const when = d <= 0 ? "due later today" : d === 1 ? "due tomorrow" : `due in ${plural(d, "day")}`;
  return `${every} · ${when} (${dateText(t)})`;
}

/**
 * statusText is the effective status with why: a status set by hand is
 * labelled so; a computed one carries the backend's reason
 * ("dormant: no interaction since 2026-08-01 (quiet period 90 days)").
 */
export function statusText(a: Pick<NodeActivity, "status" | "computed" | "reason">): string {
  if (!a.computed) return `${a.status} (set by hand)`;
  return a.reason === "" ? `${a.status} (automatic)` : `${a.status}: ${a.reason}`;
}

/** interactionsText: "1 interaction", "12 interactions", "no interactions". */
export function interactionsText(n: number): string {
  return n <= 0 ? "no interactions" : plural(n, "interaction");
}

/** lastSeenText: "last interaction 2 months ago", or "no interaction yet". */
export function lastSeenText(iso: string, now: Date): string {
  const t = parseTime(iso);
  return t ? `last interaction ${relativeDay(t, now)}` : "no interaction yet";
}

/** dueRowText is a due list row's summary after the label: "5 days overdue · last interaction 2 months ago". */
export function dueRowText(d: Pick<DueNode, "overdueDays" | "lastInteraction">, now: Date): string {
  return `${overdueText(d.overdueDays)} · ${lastSeenText(d.lastInteraction, now)}`;
}
