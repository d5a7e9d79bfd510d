// GoalService — the ego's learning goals and the alters who help with each
// (backend/service/goals.go; docs/decisions/goals.md). Every write is one
// undoable step and is followed by goals:changed (onGoalsChanged).
import { invoke, runtime } from "./bridge";
import { EVENT_GOALS_CHANGED, type GOAL_STATUSES, type Reason } from "./contract.gen";
import type { Entry } from "./types";

const S = ["service", "GoalService"] as const;

export type GoalStatus = (typeof GOAL_STATUSES)[number];

/** pln.Goal. targetDate: "YYYY-MM-DD" or absent; nodeIds: the visible helping alters, in link order. */
export interface Goal {
  id: string;
  title: string;
  description?: string;
  status: GoalStatus;
  targetDate?: string;
  nodeIds?: string[];
  createdAt: string;
  updatedAt: string;
}

/** service.GoalView: the goal and what the backend derives from it. */
export interface GoalView {
  goal: Goal;
  /** No visible node helps with the goal. */
  nobodyHelping: boolean;
}

/** pln.GoalFields (status "" means active; targetDate "" means none). */
export interface GoalFields {
  title: string;
  description: string;
  status: GoalStatus | "";
  targetDate: string;
}

/** service.GoalHistory: the entries linking the goal's nodes, newest first (≤ 200), counted per month. */
export interface GoalHistory {
  entries: Entry[];
  months: { month: string; entries: number }[];
  more: boolean;
}

/** pln.GoalsChanged. */
export interface GoalsChanged {
  reason: Reason;
  goalIds?: string[];
}

export const Goals = () => invoke<GoalView[]>(...S, "Goals");
export const GetGoal = (id: string) => invoke<GoalView>(...S, "GetGoal", id);
export const CreateGoal = (f: GoalFields) => invoke<GoalView>(...S, "CreateGoal", f);
export const UpdateGoal = (id: string, f: GoalFields) => invoke<GoalView>(...S, "UpdateGoal", id, f);
export const SetGoalStatus = (id: string, status: GoalStatus) => invoke<GoalView>(...S, "SetGoalStatus", id, status);
export const DeleteGoal = (id: string) => invoke<void>(...S, "DeleteGoal", id);
/** invalid for the ego; not_found for a missing goal or node; linking twice changes nothing. */
export const LinkNode = (goalId: string, nodeId: string) => invoke<GoalView>(...S, "LinkNode", goalId, nodeId);
export const UnlinkNode = (goalId: string, nodeId: string) => invoke<GoalView>(...S, "UnlinkNode", goalId, nodeId);
export const GoalHistoryOf = (id: string) => invoke<GoalHistory>(...S, "GoalHistory", id);

/** goals:changed; returns the unsubscribe function (a no-op outside Wails). */
export function onGoalsChanged(cb: (p: GoalsChanged) => void): () => void {
  const rt = runtime();
  if (!rt) return () => {};
  const off = rt.EventsOnMultiple(EVENT_GOALS_CHANGED, (...data: unknown[]) => cb((data[0] ?? {}) as GoalsChanged), -1);
  return typeof off === "function" ? off : () => {};
}
