package pln

import "time"

// Kind is what an alter is. The ego is always KindPerson with Ego set.
type Kind string

// The six kinds of product.md.
const (
	KindPerson       Kind = "person"
	KindOrganisation Kind = "organisation"
	KindCommunity    Kind = "community"
	KindSource       Kind = "source"
	KindService      Kind = "service"
	KindDevice       Kind = "device"
)

// Kinds lists every Kind in display order (the legend's order).
var Kinds = []Kind{KindPerson, KindOrganisation, KindCommunity, KindSource, KindService, KindDevice}

// Relation is what a tie (or the ego tie) means. The listed values are the
// standard ones; any other non-empty label up to MaxRelationLen is a custom
// relation and is kept as typed.
type Relation = string

// Standard relations.
const (
	RelKnows      Relation = "knows"
	RelLearnsFrom Relation = "learns from"
	RelMemberOf   Relation = "member of"
	RelFollows    Relation = "follows"
	RelUses       Relation = "uses"
	RelRecommends Relation = "recommends"
	RelIntroduced Relation = "introduced"
	RelWorksWith  Relation = "works with"
)

// Relations lists the standard relations in picker order.
var Relations = []Relation{RelKnows, RelLearnsFrom, RelMemberOf, RelFollows, RelUses, RelRecommends, RelIntroduced, RelWorksWith}

// Role is the alter's role in the ego's learning. Empty means unset.
type Role string

// Roles of product.md.
const (
	RoleMentor       Role = "mentor"
	RolePeer         Role = "peer"
	RoleCollaborator Role = "collaborator"
	RoleExpert       Role = "expert"
	RoleCurator      Role = "curator"
	RoleChallenger   Role = "challenger"
	RoleMentee       Role = "mentee"
	RoleFriend       Role = "friend"
)

// Roles lists every Role.
var Roles = []Role{RoleMentor, RolePeer, RoleCollaborator, RoleExpert, RoleCurator, RoleChallenger, RoleMentee, RoleFriend}

// Mode is how the tie lives. Empty means unset.
type Mode string

// Modes of product.md.
const (
	ModeOnline  Mode = "online"
	ModeOffline Mode = "offline"
	ModeBoth    Mode = "both"
)

// Modes lists every Mode.
var Modes = []Mode{ModeOnline, ModeOffline, ModeBoth}

// Status is the ego tie's life-cycle state. Empty means "not set by hand":
// the displayed status is then computed (active, or dormant past the quiet
// period: service/activity.go). A non-empty Status is the user's explicit choice
// and always wins.
type Status string

// Statuses of product.md.
const (
	StatusProspective Status = "prospective"
	StatusActive      Status = "active"
	StatusDormant     Status = "dormant"
	StatusArchived    Status = "archived"
)

// Statuses lists every Status.
var Statuses = []Status{StatusProspective, StatusActive, StatusDormant, StatusArchived}

// EntryType is a journal entry's type.
type EntryType string

// Entry types of product.md.
const (
	EntryReflection  EntryType = "reflection"
	EntryInteraction EntryType = "interaction"
	EntryResource    EntryType = "resource"
	EntryMilestone   EntryType = "milestone"
)

// EntryTypes lists every EntryType.
var EntryTypes = []EntryType{EntryReflection, EntryInteraction, EntryResource, EntryMilestone}

// Standard contexts; users may add their own (any label up to MaxTagLen).
var Contexts = []string{"work", "school", "home"}

// Node is the ego or an alter. IDs are UUIDv7 strings (RFC 9562) in canonical
// 36-character form. Positions are in graph coordinates (unitless, the same
// space the frontend's graphology model uses; the ego sits at 0,0).
type Node struct {
	ID           string   `json:"id"`
	Ego          bool     `json:"ego,omitempty"`
	Label        string   `json:"label"`
	Kind         Kind     `json:"kind"`
	Description  string   `json:"description,omitempty"`  // Markdown
	URL          string   `json:"url,omitempty"`          // web page; a non-http(s) value is kept as text
	FeedURL      string   `json:"feedUrl,omitempty"`      // RSS/Atom feed (sources)
	Emails       []string `json:"emails,omitempty"`       // people
	Organisation string   `json:"organisation,omitempty"` // people
	Tags         []string `json:"tags,omitempty"`

	// The ego tie: the ego's relationship to this alter (unused on the ego).
	Relation Relation `json:"relation,omitempty"`
	Strength int      `json:"strength,omitempty"` // 1–5 (Granovetter's tie strength); 0 = unset
	Role     Role     `json:"role,omitempty"`
	Contexts []string `json:"contexts,omitempty"`
	Mode     Mode     `json:"mode,omitempty"`
	Status   Status   `json:"status,omitempty"`  // explicit choice; empty = computed
	Cadence  int      `json:"cadence,omitempty"` // desired days between contacts; 0 = none
	// CadenceSince is when the cadence was last set (zero: no cadence, or
	// a record written before the field existed: CadenceStart falls back).
	// The services keep it (Node.NoteCadence); it is not a NodeFields field.
	CadenceSince time.Time `json:"cadenceSince,omitzero"`

	X      float64 `json:"x"`
	Y      float64 `json:"y"`
	Pinned bool    `json:"pinned,omitempty"`

	CreatedAt time.Time `json:"createdAt"`
	UpdatedAt time.Time `json:"updatedAt"`

	// Extra keeps whatever an imported file carried that has no field of its
	// own, keyed "format:attribute" (e.g. "opml:htmlUrl"), written back on export.
	Extra map[string]string `json:"extra,omitempty"`

	// ImportID is set on records an import created; empty for hand-made ones.
	ImportID string `json:"importId,omitempty"`
}

// Tie is a connection between two alters (never the ego: ego ties are fields
// of the alter). Directed ties point From → To; mutual ones have no direction.
type Tie struct {
	ID        string            `json:"id"`
	From      string            `json:"from"`
	To        string            `json:"to"`
	Relation  Relation          `json:"relation"`
	Directed  bool              `json:"directed"`
	Strength  int               `json:"strength"` // 1–5
	Note      string            `json:"note,omitempty"`
	CreatedAt time.Time         `json:"createdAt"`
	UpdatedAt time.Time         `json:"updatedAt"`
	Extra     map[string]string `json:"extra,omitempty"`
	ImportID  string            `json:"importId,omitempty"`
}

// Entry is a journal entry. OccurredAt is when it happened (the user's
// choice), CreatedAt/UpdatedAt when it was written. NodeIDs are the nodes it
// concerns (each counts as an interaction).
type Entry struct {
	ID         string    `json:"id"`
	OccurredAt time.Time `json:"occurredAt"`
	Body       string    `json:"body"` // Markdown
	NodeIDs    []string  `json:"nodeIds,omitempty"`
	Tags       []string  `json:"tags,omitempty"`
	Type       EntryType `json:"type"`
	CreatedAt  time.Time `json:"createdAt"`
	UpdatedAt  time.Time `json:"updatedAt"`
}

// Import describes one staged import. Records it created carry its ID and
// are invisible to every read until Published is true.
type Import struct {
	ID        string    `json:"id"`
	Source    string    `json:"source"` // file name or URL, for display
	Format    string    `json:"format"` // "opml", "link", …
	StartedAt time.Time `json:"startedAt"`
	Published bool      `json:"published"`
	Nodes     int       `json:"nodes"`
	Ties      int       `json:"ties"`
}

// ImportResult is what an import returns to the UI.
type ImportResult struct {
	ImportID string `json:"importId"`
	Source   string `json:"source"`
	Format   string `json:"format"`
	Nodes    int    `json:"nodes"`   // nodes created
	Ties     int    `json:"ties"`    // ties created
	Entries  int    `json:"entries"` // journal entries created
	Updated  int    `json:"updated"` // existing nodes updated or merged into
	Skipped  int    `json:"skipped"` // items already present (same feed URL, same node) with nothing new, left alone
	// Warnings is every warning of the import's preview (items merged,
	// left out, values that did not fit), where and why.
	Warnings []ImportWarning `json:"warnings,omitempty"`
	// Note is what the user should know about what was imported (folders
	// nested too deep to become tags, say), naming the line of the file;
	// empty when there is nothing to say.
	Note string `json:"note,omitempty"`
}

// ImportWarning is one thing an import tells the user: what (Message),
// where in the file (Where: "line 12", "row 5 of edges.csv"), and whether
// an item of the file was left out because of it (Skipped).
type ImportWarning struct {
	Where   string `json:"where,omitempty"`
	Message string `json:"message"`
	Skipped bool   `json:"skipped,omitempty"`
}

// ImportPreview is what an import would do, before anything is written
// (ImportService.PreviewImport, plexus import --dry-run). ApplyImport with
// its PreviewID then applies it, all or nothing, as one undoable step.
type ImportPreview struct {
	PreviewID   string   `json:"previewId"`
	Sources     []string `json:"sources"`     // the files' names
	Format      string   `json:"format"`      // registry name(s) of the format(s), "+"-joined
	FormatTitle string   `json:"formatTitle"` // for people: "GEXF 1.2/1.3"
	Nodes       int      `json:"nodes"`       // nodes to add (possible duplicates counted here unless merged)
	Ties        int      `json:"ties"`        // ties to add
	Entries     int      `json:"entries"`     // journal entries to add
	// Updates are existing nodes the import updates by the re-import rule
	// (the same feed URL, the same node id, the ego): tags and empty
	// fields filled, nothing overwritten.
	Updates []ImportUpdate `json:"updates"`
	// Unchanged counts file items that match an existing node and bring
	// nothing new.
	Unchanged int `json:"unchanged"`
	// Duplicates are file nodes that look like existing ones (same email,
	// same web address, same name): added as new nodes unless the choices
	// merge them.
	Duplicates []ImportDuplicate `json:"duplicates"`
	// UnknownKinds counts the nodes whose kind the file does not say:
	// ImportChoices.Kind decides.
	UnknownKinds int `json:"unknownKinds"`
	// MissingEnds are tie ends (and entry links) the file names that are
	// neither in the file nor in the network; those ties are left out.
	MissingEnds []string `json:"missingEnds"`
	// Skipped counts the items left out as unreadable (Warnings with
	// Skipped): ApplyImport needs SkipUnreadable to import the rest.
	Skipped  int             `json:"skipped"`
	Warnings []ImportWarning `json:"warnings"`
	// Sample is the labels of the first nodes to add (at most 20).
	Sample []string `json:"sample"`
	// ExpiresAt: after this time (RFC 3339) the preview is forgotten and
	// ApplyImport is not_found.
	ExpiresAt time.Time `json:"expiresAt"`
}

// ImportUpdate is one existing node an import changes.
type ImportUpdate struct {
	NodeID string   `json:"nodeId"`
	Label  string   `json:"label"`  // the existing node's label
	Reason string   `json:"reason"` // why it is the same node: "same feed URL", "same node id", "the ego", "merged: same email ada@x.org"
	Fields []string `json:"fields"` // what changes: "tags", "description", "extra properties", …
}

// ImportDuplicate is a file node that looks like an existing one.
type ImportDuplicate struct {
	Key           string `json:"key"`   // the file's key for the node (ImportChoices.Merge takes it)
	Label         string `json:"label"` // the label in the file
	Where         string `json:"where,omitempty"`
	ExistingID    string `json:"existingId"`
	ExistingLabel string `json:"existingLabel"`
	Reason        string `json:"reason"` // "same email ada@x.org", "same web address", "same name"
}

// ImportChoices are the user's answers to a preview.
type ImportChoices struct {
	PreviewID string `json:"previewId"`
	// Kind is given to nodes whose kind the file does not say; required
	// when the preview has UnknownKinds.
	Kind Kind `json:"kind,omitempty"`
	// Merge lists the Duplicates' keys to merge into the existing node
	// (the re-import rule: tags and empty fields filled); MergeAll merges
	// every one of them.
	Merge    []string `json:"merge,omitempty"`
	MergeAll bool     `json:"mergeAll,omitempty"`
	// SkipUnreadable imports the readable items of a file some of whose
	// items are unreadable (the preview's Skipped); without it such an
	// import is refused.
	SkipUnreadable bool `json:"skipUnreadable,omitempty"`
}

// ExportFormat is one format Plexus can export, for menus.
type ExportFormat struct {
	Name      string `json:"name"`      // registry name, plexus export --format
	Title     string `json:"title"`     // for people
	Extension string `json:"extension"` // without the dot
}

// The kinds of backup Plexus saves by itself in <data dir>/backups
// (docs/decisions/automatic-backups.md).
const (
	BackupDaily        = "daily"         // once a day, in the background
	BackupPreRestore   = "pre-restore"   // the data a restore replaced
	BackupPreMigration = "pre-migration" // the data before a schema migration
	BackupPreImport    = "pre-import"    // the data before a large import
)

// BackupInfo describes one backup in <data dir>/backups, as
// BackupService.ListBackups returns it.
type BackupInfo struct {
	Name string `json:"name"` // file name, e.g. "daily-20260102T030405.000Z.json"
	Path string `json:"path"` // absolute path, for RestoreBackup
	Kind string `json:"kind"` // one of the Backup* kinds above
	At   string `json:"at"`   // when it was written, RFC 3339 in UTC (from the file name)
	Size int64  `json:"size"` // bytes
	// Nodes (the ego included), Ties and Entries are the counts the file
	// records in its header; -1 when it records none (a backup written by
	// an older Plexus).
	Nodes   int `json:"nodes"`
	Ties    int `json:"ties"`
	Entries int `json:"entries"`
	// Problem is set when the file's first bytes do not read as a backup
	// (it would not restore); empty otherwise. Only a restore reads it whole.
	Problem string `json:"problem,omitempty"`
}

// Position is a node's saved place on the map.
type Position struct {
	ID     string  `json:"id"`
	X      float64 `json:"x"`
	Y      float64 `json:"y"`
	Pinned bool    `json:"pinned"`
}
