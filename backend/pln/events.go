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
)

// NetworkChanged says which records changed. Reason is a short verb such as
// "create", "update", "delete", "move", "import", "undo-import", "restore".
// Empty id lists with Reason "import", "undo-import" or "restore" mean "reload everything".
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

// ImportFinished reports the end of an import started outside a bound call
// (a native file drop). Exactly one of Result and Error is set.
type ImportFinished struct {
	Result *ImportResult `json:"result,omitempty"`
	Error  *Error        `json:"error,omitempty"`
}
