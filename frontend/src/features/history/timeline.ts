// The positions of the map's date slider (pure): the end of every day from
// the first logged step to yesterday, the exact time of every step known,
// and now. Arrow keys on the slider go from one position to the next, so
// each step is reachable, and whole days are a drag away.
import type { HistoryStep } from "../../api";
import { dateText, exactTime, parseAt, type TimeOpts } from "./time";

export interface Tick {
  /** ms since the epoch */
  t: number;
  /** what to ask the backend for (a step's own RFC 3339 time, to the microsecond) */
  at: string;
  kind: "day" | "step" | "now";
  step?: HistoryStep;
}

/** endOfLocalDay is the last millisecond of d's calendar day in local time. */
export function endOfLocalDay(d: Date): Date {
  return new Date(new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime() - 1);
}

/** The most day positions a slider gets (about 27 years); older days are left out. */
export const MAX_DAYS = 10_000;

/**
 * buildTicks lists the slider's positions, oldest first. extra: more exact
 * times to offer (a step reached from the History panel that is not in
 * steps). Empty when oldest is not a time (nothing logged yet).
 */
export function buildTicks(oldest: string, steps: readonly HistoryStep[], now: Date, extra: readonly string[] = []): Tick[] {
  const first = parseAt(oldest);
  if (!first) return [];
  const nowT = now.getTime();
  const out: Tick[] = [];
  const stepTimes = new Set<number>();
  for (const s of steps) {
    const d = parseAt(s.at);
    if (!d || d.getTime() > nowT) continue;
    out.push({ t: d.getTime(), at: s.at, kind: "step", step: s });
    stepTimes.add(d.getTime());
  }
  for (const at of extra) {
    const d = parseAt(at);
    if (!d || d.getTime() > nowT || out.some((x) => x.at === at)) continue;
    out.push({ t: d.getTime(), at, kind: "step" });
    stepTimes.add(d.getTime());
  }
  const days: Tick[] = [];
  for (let day = endOfLocalDay(first); day.getTime() < nowT && days.length < MAX_DAYS; ) {
    if (!stepTimes.has(day.getTime())) days.push({ t: day.getTime(), at: day.toISOString(), kind: "day" });
    day = endOfLocalDay(new Date(day.getTime() + 1));
  }
  if (days.length === MAX_DAYS) days.splice(0, days.length - MAX_DAYS);
  out.push(...days);
  out.sort((a, b) => a.t - b.t || (a.kind === "day" ? 1 : 0) - (b.kind === "day" ? 1 : 0) || a.at.localeCompare(b.at));
  out.push({ t: nowT, at: now.toISOString(), kind: "now" });
  return out;
}

/** tickIndexAt is the position for a time: the exact one when there is one, else the last at or before it (0 if none). */
export function tickIndexAt(ticks: readonly Tick[], at: string): number {
  const exact = ticks.findIndex((x) => x.at === at);
  if (exact >= 0) return exact;
  const t = parseAt(at)?.getTime() ?? -Infinity;
  let i = 0;
  for (let j = 0; j < ticks.length; j++) if (ticks[j]!.t <= t) i = j;
  return i;
}

/** tickLabel says what a position shows: "3 May 2026, 14:02:11 — after “Move 12 nodes”", "End of 3 May 2026", "Now". */
export function tickLabel(x: Tick, o: TimeOpts = {}): string {
  if (x.kind === "now") return "Now";
  const d = new Date(x.t);
  if (x.kind === "day") return `End of ${dateText(d, o)}`;
  return x.step ? `${exactTime(d, o)} — after “${x.step.name}”` : exactTime(d, o);
}

/** nextStepIndex is the next (dir 1) or previous (dir -1) position that is a step, or the ends. */
export function nextStepIndex(ticks: readonly Tick[], i: number, dir: 1 | -1): number {
  for (let j = i + dir; j >= 0 && j < ticks.length; j += dir) if (ticks[j]!.kind !== "day") return j;
  return dir === 1 ? ticks.length - 1 : Math.max(0, i);
}

/** viewingText is the read-only bar's title: "Viewing 3 May 2026, 14:02:11 — after “Move 12 nodes”". */
export function viewingText(at: string, steps: readonly HistoryStep[], o: TimeOpts = {}): string {
  const d = parseAt(at);
  if (!d) return "Viewing the past";
  const step = steps.find((s) => s.at === at);
  return `Viewing ${exactTime(d, o)}${step ? ` — after “${step.name}”` : ""}`;
}

/** changesText is the bar's title while comparing: "Changes from 3 May 2026, 14:02:11 to now". */
export function changesText(from: string, to: string | null, o: TimeOpts = {}): string {
  const f = parseAt(from);
  const t = to ? parseAt(to) : null;
  return `Changes from ${f ? exactTime(f, o) : "the start"} to ${t ? exactTime(t, o) : "now"}`;
}
