// Activity — what the journal says about each alter: last interaction,
// interaction count, due (past its cadence) and the effective status
// (dormant computed after the quiet period unless the status was set by
// hand). All of it is computed in Go (backend/service/activity.go,
// docs/decisions/activity.md); this module only calls and decodes.
//
// The map reads every alter's activity over HTTP (GET /api/activity, compact
// columns, decoded here into a Map by node id); one node's activity, the due
// list and the quiet period setting are bound JournalService methods.
// Re-read after journal:changed, network:changed and settings:changed, and
// from time to time: due and dormant also move with the clock.

import { invoke, runtime } from "./bridge";
import { ACTIVITY_COLUMNS, EVENT_SETTINGS_CHANGED } from "./contract.gen";
import { ApiError, fromHttp, toApiError } from "./errors";
import { STATUSES, type Kind, type Status } from "./types";

const S = ["service", "JournalService"] as const;

/** One alter's activity (service.NodeActivity). Times are RFC 3339 UTC, "" when none. */
export interface NodeActivity {
  nodeId: string;
  /** The newest occurredAt of the entries linking the node (may lie ahead); "" with none. */
  lastInteraction: string;
  /** How many entries link the node (every entry type counts). */
  interactions: number;
  /** Cadence in days; 0 = none (then dueAt is "" and due false). */
  cadence: number;
  dueAt: string;
  due: boolean;
  /** Whole days past dueAt (0 on the first day, and when not due). */
  overdueDays: number;
  /** The effective status: the node's own when set by hand, else "active" or "dormant". */
  status: Exclude<Status, "">;
  /** true: status was computed from the journal; false: set by hand. */
  computed: boolean;
  /** Why, for a tooltip: "no interaction since 2026-08-01 (quiet period 90 days)". */
  reason: string;
}

/** One line of the due list (service.DueNode), most overdue first. */
export interface DueNode {
  nodeId: string;
  label: string;
  kind: Kind;
  cadence: number;
  dueAt: string;
  overdueDays: number;
  lastInteraction: string;
}

/** The settings (pln.Settings), every one at its value in effect. */
export interface Settings {
  quietPeriodDays: number;
  /** the user's ordered context list (api/contexts.ts) */
  contexts?: string[];
}

/** Every alter's activity, by node id (the ego has none). */
export interface ActivityMap {
  /** When it was computed (RFC 3339). */
  at: string;
  quietPeriodDays: number;
  byId: Map<string, NodeActivity>;
}

export const GetNodeActivity = (id: string) => invoke<NodeActivity>(...S, "NodeActivity", id);
export const Due = () => invoke<DueNode[]>(...S, "Due");
export const GetSettings = () => invoke<Settings>(...S, "Settings");
/** SetQuietPeriod: 1–3650 days (LIMITS.quietPeriod); one undoable step; emits settings:changed. */
export const SetQuietPeriod = (days: number) => invoke<Settings>(...S, "SetQuietPeriod", days);

const str = (v: unknown): string => (typeof v === "string" ? v : "");
const num = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);
const status = (v: unknown): Exclude<Status, ""> => ((STATUSES as readonly unknown[]).includes(v) ? (v as Exclude<Status, "">) : "active");

/**
 * decodeActivity turns GET /api/activity's columns into a Map by node id. A
 * missing or short column yields defaults ("", 0, false, "active"); rows
 * without an id are dropped.
 */
export function decodeActivity(raw: unknown): ActivityMap {
  const r = (raw ?? {}) as { at?: unknown; quietPeriodDays?: unknown; nodes?: Record<string, unknown> };
  if (typeof r !== "object" || typeof r.nodes !== "object" || r.nodes === null) {
    throw new ApiError("internal", "The activity the backend sent has no node columns.");
  }
  const cols = {} as Record<(typeof ACTIVITY_COLUMNS)[number], unknown[]>;
  for (const name of ACTIVITY_COLUMNS) {
    const c = r.nodes[name];
    cols[name] = Array.isArray(c) ? c : [];
  }
  const byId = new Map<string, NodeActivity>();
  cols.id.forEach((id, i) => {
    if (typeof id !== "string" || id === "") return;
    byId.set(id, {
      nodeId: id,
      lastInteraction: str(cols.lastInteraction[i]),
      interactions: num(cols.interactions[i]),
      cadence: num(cols.cadence[i]),
      dueAt: str(cols.dueAt[i]),
      due: cols.due[i] === true,
      overdueDays: num(cols.overdueDays[i]),
      status: status(cols.status[i]),
      computed: cols.computed[i] === true,
      reason: str(cols.reason[i]),
    });
  });
  return { at: str(r.at), quietPeriodDays: num(r.quietPeriodDays), byId };
}

/** fetchActivity reads every alter's activity now (GET /api/activity). */
export async function fetchActivity(): Promise<ActivityMap> {
  let res: Response;
  try {
    res = await fetch("/api/activity", { cache: "no-store" });
  } catch (e) {
    throw toApiError(e);
  }
  const text = await res.text().catch(() => "");
  if (!res.ok) throw fromHttp(res.status, text);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ApiError("internal", "The backend sent something that is not JSON for /api/activity.");
  }
  return decodeActivity(raw);
}

/** settings:changed (the quiet period was set, or that was undone or redone): re-read the activity. */
export function onSettingsChanged(cb: (s: Settings) => void): () => void {
  const rt = runtime();
  if (!rt) return () => {};
  const off = rt.EventsOnMultiple(EVENT_SETTINGS_CHANGED, (...data: unknown[]) => cb((data[0] ?? {}) as Settings), -1);
  return typeof off === "function" ? off : () => {};
}
