// Generated from the Go code by contract_test.go (make contract). DO NOT EDIT.
// The Go side is the judge: backend/pln (values, limits, events) and backend/service (columns).

export const KINDS = ["person", "organisation", "community", "source", "service", "device"] as const;
export const RELATIONS = ["knows", "learns from", "member of", "follows", "uses", "recommends", "introduced", "works with"] as const;
export const ROLES = ["mentor", "peer", "collaborator", "expert", "curator", "challenger", "mentee", "friend"] as const;
export const MODES = ["online", "offline", "both"] as const;
export const STATUSES = ["prospective", "active", "dormant", "archived"] as const;
export const ENTRY_TYPES = ["reflection", "interaction", "resource", "milestone"] as const;
export const CONTEXTS = ["work", "school", "home"] as const;
export const VIEW_DIMS = ["kind", "context", "role", "mode", "status"] as const;
export const VIEW_SIZES = ["strength", "degree", "interactions"] as const;
export const GOAL_STATUSES = ["active", "paused", "achieved", "dropped"] as const;

/** Limits from backend/pln/validate.go (characters unless the name says bytes). */
export const LIMITS = {
  label: 200,
  bodyBytes: 1048576,
  tag: 100,
  tags: 64,
  url: 2048,
  emails: 20,
  organisation: 200,
  relation: 100,
  note: 10000,
  cadence: 3650,
  entryNodes: 500,
  coordinate: 1e+09,
  quietPeriod: 3650,
  viewName: 80,
  views: 100,
  focusSteps: 3,
  positions: 100000,
  subsetIds: 1000,
  dayCountDays: 1100,
  bulkNodes: 1000,
  goalTitle: 200,
  goalDescription: 10000,
  goalNodes: 500,
  goals: 1000,
  imageBytes: 5242880,
  imageSide: 16384,
  imagePixels: 50000000,
} as const;

/** Event names (backend/pln/events.go). */
export const EVENT_NETWORK_CHANGED = "network:changed";
export const EVENT_JOURNAL_CHANGED = "journal:changed";
export const EVENT_IMPORT_PROGRESS = "import:progress";
export const EVENT_IMPORT_FINISHED = "import:finished";
export const EVENT_IMPORT_PREVIEW = "import:preview";
export const EVENT_HISTORY_CHANGED = "history:changed";
export const EVENT_SETTINGS_CHANGED = "settings:changed";
export const EVENT_VIEWS_CHANGED = "views:changed";
export const EVENT_GOALS_CHANGED = "goals:changed";
export const EVENT_SEARCH_PROGRESS = "search:progress";
export const EVENT_FILES_DROPPED = "files:dropped";

/** Why records changed: the reason of network:changed and journal:changed. */
export const REASONS = ["create", "update", "delete", "move", "unlink", "import", "undo", "redo", "restore"] as const;
export type Reason = (typeof REASONS)[number];

/** Error codes (backend/pln/errors.go): the frontend branches on these, never on messages. */
export const ERROR_CODES = ["invalid", "not_found", "conflict", "unsupported", "too_large", "damaged", "locked", "disk_full", "read_only", "internal"] as const;

/** The columns of GET /api/network (service.NodeColumns, service.TieColumns). */
export const NODE_COLUMNS = ["id", "label", "kind", "x", "y", "pinned", "tags", "relation", "strength", "status", "role", "contexts", "mode"] as const;
export const TIE_COLUMNS = ["id", "from", "to", "relation", "directed", "strength"] as const;

/** The columns of GET /api/activity and JournalService.Activity (service.ActivityNodeColumns). */
export const ACTIVITY_COLUMNS = ["id", "lastInteraction", "interactions", "cadence", "dueAt", "due", "overdueDays", "status", "computed", "reason"] as const;
export const DEFAULT_QUIET_PERIOD_DAYS = 90;
