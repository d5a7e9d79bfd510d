// Pure helpers of the goals view: the order goals are listed in and how a
// goal's helpers and target date read. No state, no backend calls.
import type { GoalStatus, GoalView } from "../../api/goals";

/** The order statuses are listed in: what is being worked on first. */
export const STATUS_ORDER: readonly GoalStatus[] = ["active", "paused", "achieved", "dropped"];

/** sortGoals: by status (STATUS_ORDER), then by target date (soonest first, none last), then title. */
export function sortGoals(goals: readonly GoalView[]): GoalView[] {
  return [...goals].sort((a, b) => {
    const s = STATUS_ORDER.indexOf(a.goal.status) - STATUS_ORDER.indexOf(b.goal.status);
    if (s !== 0) return s;
    const ta = a.goal.targetDate ?? "9999-99-99";
    const tb = b.goal.targetDate ?? "9999-99-99";
    if (ta !== tb) return ta < tb ? -1 : 1;
    return a.goal.title.localeCompare(b.goal.title);
  });
}

/** helpersText: "nobody helping", "1 helping", "3 helping". */
export function helpersText(g: GoalView): string {
  if (g.nobodyHelping) return "nobody helping";
  return `${g.goal.nodeIds?.length ?? 0} helping`;
}

/** overdue: an active or paused goal whose target date (YYYY-MM-DD) is before today (YYYY-MM-DD, local). */
export function overdue(g: GoalView, today: string): boolean {
  const t = g.goal.targetDate;
  return !!t && t < today && (g.goal.status === "active" || g.goal.status === "paused");
}

/** localToday: today's local date as YYYY-MM-DD. */
export function localToday(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}
