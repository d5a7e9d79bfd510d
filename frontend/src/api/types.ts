// TypeScript mirrors of the JSON shapes in backend/pln (see docs/api.md).
// Field names follow the Go struct tags exactly.

export const KINDS = ["person", "organisation", "community", "source", "service", "device"] as const;
export type Kind = (typeof KINDS)[number];

export const RELATIONS = [
  "knows",
  "learns from",
  "member of",
  "follows",
  "uses",
  "recommends",
  "introduced",
  "works with",
] as const;
/** A standard relation or any custom label (≤ 100 characters, one line). */
export type Relation = string;

export const ROLES = ["mentor", "peer", "collaborator", "expert", "curator", "challenger", "mentee", "friend"] as const;
export type Role = (typeof ROLES)[number] | "";

export const MODES = ["online", "offline", "both"] as const;
export type Mode = (typeof MODES)[number] | "";

export const STATUSES = ["prospective", "active", "dormant", "archived"] as const;
export type Status = (typeof STATUSES)[number] | "";

export const ENTRY_TYPES = ["reflection", "interaction", "resource", "milestone"] as const;
export type EntryType = (typeof ENTRY_TYPES)[number];

export const CONTEXTS = ["work", "school", "home"] as const;

/** Limits mirrored from backend/pln/validate.go (the backend stays the judge). */
export const LIMITS = {
  label: 200,
  relation: 100,
  note: 10000,
  tag: 100,
  tags: 64,
  url: 2048,
  emails: 20,
  organisation: 200,
  cadence: 3650,
} as const;

export interface Node {
  id: string;
  ego?: boolean;
  label: string;
  kind: Kind;
  description?: string;
  url?: string;
  feedUrl?: string;
  emails?: string[];
  organisation?: string;
  tags?: string[];
  relation?: Relation;
  strength?: number;
  role?: Role;
  contexts?: string[];
  mode?: Mode;
  status?: Status;
  cadence?: number;
  x: number;
  y: number;
  pinned?: boolean;
  createdAt: string;
  updatedAt: string;
  extra?: Record<string, string>;
  importId?: string;
}

export interface Tie {
  id: string;
  from: string;
  to: string;
  relation: Relation;
  directed: boolean;
  strength: number;
  note?: string;
  createdAt: string;
  updatedAt: string;
  extra?: Record<string, string>;
  importId?: string;
}

export interface NodeFields {
  label: string;
  kind: Kind;
  description: string;
  url: string;
  feedUrl: string;
  emails: string[];
  organisation: string;
  tags: string[];
  relation: Relation;
  strength: number;
  role: Role;
  contexts: string[];
  mode: Mode;
  status: Status;
  cadence: number;
  extra: Record<string, string> | null;
}

export interface TieFields {
  from: string;
  to: string;
  relation: Relation;
  directed: boolean;
  strength: number;
  note: string;
}

export interface Position {
  id: string;
  x: number;
  y: number;
  pinned: boolean;
}

export interface Entry {
  id: string;
  occurredAt: string;
  body: string;
  nodeIds?: string[];
  tags?: string[];
  type: EntryType;
  createdAt: string;
  updatedAt: string;
}

export interface EntryFields {
  occurredAt: string;
  body: string;
  nodeIds: string[];
  tags: string[];
  type: EntryType | "";
}

export interface EntryPage {
  entries: Entry[];
  next: string;
}

export interface Import {
  id: string;
  source: string;
  format: string;
  startedAt: string;
  published: boolean;
  nodes: number;
  ties: number;
}

export interface ImportResult {
  importId: string;
  source: string;
  format: string;
  nodes: number;
  ties: number;
  skipped: number;
}

// Events (backend/pln/events.go).
export const EVENT_NETWORK_CHANGED = "network:changed";
export const EVENT_JOURNAL_CHANGED = "journal:changed";
export const EVENT_IMPORT_PROGRESS = "import:progress";
export const EVENT_IMPORT_FINISHED = "import:finished";
/**
 * history:changed and the reasons come from the generated contract (the Go
 * side is the judge). undo/redo name the ids they touched (patch those),
 * except for an import's, which names none (reload all); import and restore
 * name none.
 */
export { EVENT_HISTORY_CHANGED, REASONS, type Reason } from "./contract.gen";

export interface NetworkChanged {
  reason: string;
  nodeIds?: string[];
  tieIds?: string[];
}

export interface JournalChanged {
  reason: string;
  entryIds?: string[];
}

/** One step of the change log (pln.HistoryStep). */
export interface HistoryStep {
  id: string;
  /** RFC 3339, UTC (microseconds) */
  at: string;
  /** the user action, e.g. "Move 12 nodes"; an undo step's is "Undo: " + the step's */
  name: string;
  kind: "edit" | "undo" | "redo";
  /** for undo and redo steps: the edit step they applied */
  target?: string;
  /** how many records it changed */
  records: number;
  /** Undo would take it (in a page: it is applied and may still be undone) */
  undoable: boolean;
  /** Redo would take it (in a page: it is undone and may be redone) */
  redoable: boolean;
}

/** What Undo and Redo would take now (history:changed, HistoryService.State). */
export interface HistoryChanged {
  undo: HistoryStep | null;
  redo: HistoryStep | null;
}

/** GET /api/history: one page of the log, newest first. */
export interface HistoryPage {
  steps: HistoryStep[];
  /** the before cursor of the next (older) page; "" on the last */
  next: string;
  /** when the first logged step happened (RFC 3339), "" when the log is empty */
  oldest: string;
}

/** What changed between two times, per table (GET /api/history/diff). */
export interface DiffSet {
  added: string[];
  removed: string[];
  changed: { id: string; fields: string[] }[];
}

export interface NetworkDiff {
  from: string;
  to: string;
  nodes: DiffSet;
  ties: DiffSet;
  /** journal entries (the backend sends them too; empty when absent) */
  entries: DiffSet;
}

export interface ImportProgress {
  importId: string;
  source: string;
  done: number;
  total: number;
}

export interface ImportFinished {
  result?: ImportResult;
  error?: { code: string; message: string };
}

/** The light node record the map works with (from GET /api/network). */
export interface NodeRow {
  id: string;
  label: string;
  kind: Kind;
  x: number;
  y: number;
  pinned: boolean;
  tags: string[];
  relation: string;
  strength: number;
  status: string;
  role: string;
  contexts: string[];
  mode: string;
}

export interface TieRow {
  id: string;
  from: string;
  to: string;
  relation: string;
  directed: boolean;
  strength: number;
}

export interface NetworkSnapshot {
  ego: string;
  nodes: NodeRow[];
  ties: TieRow[];
}
