package pln

// Event names the backend emits after a transaction commits. The frontend
// subscribes to them by these exact strings (see frontend/src/api/events.ts).
const (
	// EventNetworkChanged: nodes or ties changed. Payload: NetworkChanged.
	EventNetworkChanged = "network:changed"
	// EventJournalChanged: journal entries changed. Payload: JournalChanged.
	EventJournalChanged = "journal:changed"
	// EventImportProgress: a running import advanced. Payload: ImportProgress. Throttled to ~10 Hz.
	EventImportProgress = "import:progress"
	// EventImportFinished: an import (from a native file drop or a dialog) ended. Payload: ImportFinished.
	EventImportFinished = "import:finished"
	// EventImportPreview: files dropped on the window were read and
	// previewed; the page shows the preview (ApplyImport applies it).
	// Payload: ImportPreviewed.
	EventImportPreview = "import:preview"
	// EventHistoryChanged: a step was logged, undone or redone, or the
	// history was reset (restore). Payload: HistoryChanged.
	EventHistoryChanged = "history:changed"
	// EventSettingsChanged: a setting changed (JournalService.SetQuietPeriod,
	// or the undo or redo of it): computed activity reads differently.
	// Payload: Settings, every one at its value in effect.
	EventSettingsChanged = "settings:changed"
	// EventViewsChanged: a saved view was saved, renamed or deleted (or
	// the undo or redo of it). Payload: []View, every saved view by name.
	EventViewsChanged = "views:changed"
	// EventGoalsChanged: learning goals changed (GoalService, the undo or
	// redo of it, or a node deletion that unlinked a node). Payload:
	// GoalsChanged.
	EventGoalsChanged = "goals:changed"
	// EventSearchProgress: the full-text index is being (re)built, or the
	// rebuild finished. Payload: service.SearchProgress ({building, ready,
	// done, total, inMemory}). One per 1000 records indexed.
	EventSearchProgress = "search:progress"
	// EventFilesDropped: files were dropped on the window (the native
	// drop). The page decides by the drop point what they are — images for
	// the entry under it, or an import — and calls App.DropImages or
	// App.DropImport with the drop id. Payload: FilesDropped.
	EventFilesDropped = "files:dropped"
)

// FilesDropped is EventFilesDropped's payload: DropID names the held
// paths (App.DropImages / App.DropImport take it), X and Y are the drop
// point in CSS pixels of the window's viewport, Count the number of files.
type FilesDropped struct {
	DropID string `json:"dropId"`
	X      int    `json:"x"`
	Y      int    `json:"y"`
	Count  int    `json:"count"`
}

// Events lists every event name (the frontend contract is generated from it).
var Events = []string{EventNetworkChanged, EventJournalChanged, EventImportProgress, EventImportFinished, EventImportPreview, EventHistoryChanged, EventSettingsChanged, EventViewsChanged, EventGoalsChanged, EventSearchProgress, EventFilesDropped}

// Reason says why records changed, in NetworkChanged and JournalChanged.
type Reason = string

// The reasons. Empty id lists with ReasonImport, ReasonUndo, ReasonRedo or
// ReasonRestore mean "reload everything" (an import's records are not
// listed one by one).
const (
	ReasonCreate  Reason = "create"
	ReasonUpdate  Reason = "update"
	ReasonDelete  Reason = "delete"
	ReasonMove    Reason = "move"
	ReasonUnlink  Reason = "unlink" // entries lost a link to a deleted node
	ReasonImport  Reason = "import"
	ReasonUndo    Reason = "undo"
	ReasonRedo    Reason = "redo"
	ReasonRestore Reason = "restore"
)

// Reasons lists every Reason (the frontend contract is generated from it).
var Reasons = []Reason{ReasonCreate, ReasonUpdate, ReasonDelete, ReasonMove, ReasonUnlink, ReasonImport, ReasonUndo, ReasonRedo, ReasonRestore}

// HistoryChanged names what Undo and Redo would take now (nil: nothing).
type HistoryChanged struct {
	Undo *HistoryStep `json:"undo"`
	Redo *HistoryStep `json:"redo"`
}

// HistoryStep is one step of the change log as the UI lists it: ID (a
// UUIDv7), At (UTC), Name (the user action, e.g. "Delete Daring Fireball
// and 3 ties"), Kind ("edit", "undo" or "redo"), Target (for undo and redo:
// the edit step they applied), Records (how many records it changed), and
// whether undo (Undoable) or redo (Redoable) can still reach it: an edit
// step in the undo list or in the redo list. Undo takes the newest
// undoable step, redo the oldest redoable one.
type HistoryStep struct {
	ID       string `json:"id"`
	At       string `json:"at"`
	Name     string `json:"name"`
	Kind     string `json:"kind"`
	Target   string `json:"target,omitempty"`
	Records  int    `json:"records"`
	Undoable bool   `json:"undoable"`
	Redoable bool   `json:"redoable"`
	// Undone: an edit step that is not in effect (undone, whether or not a
	// redo can still reach it).
	Undone bool `json:"undone"`
}

// NetworkChanged says which records changed, and why (a Reason).
type NetworkChanged struct {
	Reason  string   `json:"reason"`
	NodeIDs []string `json:"nodeIds,omitempty"`
	TieIDs  []string `json:"tieIds,omitempty"`
}

// JournalChanged says which entries changed.
type JournalChanged struct {
	Reason   string   `json:"reason"`
	EntryIDs []string `json:"entryIds,omitempty"`
}

// ImportProgress reports a running import: Done of Total items (Total 0 = unknown).
type ImportProgress struct {
	ImportID string `json:"importId"`
	Source   string `json:"source"`
	Done     int    `json:"done"`
	Total    int    `json:"total"`
}

// ImportPreviewed is the payload of import:preview: exactly one of
// Preview and Error is set.
type ImportPreviewed struct {
	Preview *ImportPreview `json:"preview,omitempty"`
	Error   *Error         `json:"error,omitempty"`
}

// ImportFinished reports the end of an import started outside a bound call
// (a native file drop). Exactly one of Result and Error is set.
type ImportFinished struct {
	Result *ImportResult `json:"result,omitempty"`
	Error  *Error        `json:"error,omitempty"`
}
