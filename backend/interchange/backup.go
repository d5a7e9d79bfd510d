package interchange

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/plexus-pln/plexus/backend/pln"
)

// The backup format's name and the newest version this code reads and writes.
const (
	BackupFormat  = FormatBackup
	BackupVersion = 4 // 3: "goals" and "views"; 4: "images"
)

// HistoryNotIncluded is the value of a version-2 backup's "history" member:
// a backup holds the network and journal at one time, not the change log
// behind them (docs/decisions/history.md). Restoring one starts a new
// history.
const HistoryNotIncluded = "not-included"

// MaxBackupBytes is the largest backup ReadBackup reads.
const MaxBackupBytes = 1 << 30

// Backup is Plexus's versioned JSON backup: the whole network, journal and
// import records and learning goals. Version 3 looks like
//
//	{
//	  "format": "plexus-backup",
//	  "version": 3,
//	  "exportedAt": "2026-01-02T15:04:05Z",
//	  "asOf": "2025-12-31T23:59:59.999999Z",   (only in a backup of the past)
//	  "history": "not-included",
//	  "ego": "<id of the ego node>",
//	  "counts": {"nodes": 4, "ties": 2, "entries": 2, "imports": 1},  (the lists' lengths; absent in older backups)
//	  "nodes": [pln.Node…],
//	  "ties": [pln.Tie…],
//	  "entries": [pln.Entry…],
//	  "imports": [pln.Import…],
//	  "goals": [pln.Goal…],
//	  "views": [pln.View…],                    (version 3; absent when there are none)
//	  "settings": pln.Settings                 (version 3; absent when all are at their defaults;
//	                                            its "contexts" list is checked by pln.CheckContextList)
//	  "images": [BackupImage…]                 (version 4; absent when there are none)
//	}
//
// with the records' JSON as defined by their struct tags in backend/pln and
// each list sorted by id. Readers ignore members they do not know, so a
// later version may add members without breaking older readers of the
// same version; a change older readers must not misread bumps Version.
// Version 1 had no "asOf" and "history" members; version 3 adds "goals"
// (after "imports") and "views", which versions 1 and 2 lack: they are read
// as none. Version 3 is a bump, not only new members, so that an older
// Plexus refuses a backup whose goals and saved views it would drop.
// Version 4 adds "images" (the journal's images, base64; versions 1–3 have
// none), a bump for the same reason: an older Plexus would drop them.
type Backup struct {
	Format     string    `json:"format"`
	Version    int       `json:"version"`
	ExportedAt time.Time `json:"exportedAt"`
	// AsOf is set when the backup holds the network as it was at that time
	// (plexus backup --as-of) rather than at ExportedAt.
	AsOf *time.Time `json:"asOf,omitempty"`
	// History says whether the change log is included: always
	// HistoryNotIncluded in this version.
	History string `json:"history,omitempty"`
	Ego     string `json:"ego"`
	// Counts is how many records each list holds. WriteBackup sets it
	// (before the lists, so ReadBackupSummary finds it in the first bytes);
	// ReadBackup checks it when present and returns nil. Backups written
	// before it existed have none.
	Counts  *BackupCounts `json:"counts,omitempty"`
	Nodes   []pln.Node    `json:"nodes"`
	Ties    []pln.Tie     `json:"ties"`
	Entries []pln.Entry   `json:"entries"`
	Imports []pln.Import  `json:"imports"`
	// Views are the saved views (version 3; absent before).
	Views []pln.View `json:"views,omitempty"`
	// Settings are the user's settings (version 3; absent before, or when
	// every setting is at its default).
	Settings *pln.Settings `json:"settings,omitempty"`
	// Goals (version 3; absent before, read as none): the learning goals,
	// pln.Goal's JSON, sorted by id; nodeIds name alters in "nodes".
	Goals []pln.Goal `json:"goals"`
	// Images (version 4; absent before and when there are none): the
	// journal's images, sorted by id.
	Images []BackupImage `json:"images,omitempty"`
	// Skipped lists the records that could not be read from a damaged
	// store and are therefore missing from this backup ("node <id>:
	// why"). It is not written to the file; the caller reports it.
	Skipped []string `json:"-"`
}

// WriteBackup writes b as indented JSON, with Format and Version set to
// BackupFormat and BackupVersion whatever b holds, and each list sorted by
// id (b itself is not changed; nil lists are written as []). It does not
// validate b, so that a backup can always be taken; ReadBackup validates.
func WriteBackup(w io.Writer, b *Backup) error {
	if b == nil {
		return errors.New("interchange: WriteBackup of a nil backup")
	}
	out := *b
	out.Format, out.Version, out.History = BackupFormat, BackupVersion, HistoryNotIncluded
	out.Nodes = sortedByID(b.Nodes, func(n pln.Node) string { return n.ID })
	out.Ties = sortedByID(b.Ties, func(t pln.Tie) string { return t.ID })
	out.Entries = sortedByID(b.Entries, func(e pln.Entry) string { return e.ID })
	out.Imports = sortedByID(b.Imports, func(i pln.Import) string { return i.ID })
	out.Views = sortedByID(b.Views, func(v pln.View) string { return v.ID })
	out.Goals = sortedByID(b.Goals, func(g pln.Goal) string { return g.ID })
	out.Images = sortedByID(b.Images, func(i BackupImage) string { return i.ID })
	out.Counts = &BackupCounts{Nodes: len(out.Nodes), Ties: len(out.Ties), Entries: len(out.Entries), Imports: len(out.Imports)}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(&out)
}

// BackupImage is one journal image in a backup: its id (pln.ImageID of
// the bytes), its type, and the file's bytes (base64 in the JSON, standard
// alphabet with padding, as encoding/json writes []byte). ReadBackup
// checks the bytes with pln.CheckImage and that they give the id; mime,
// width and height are informative and taken from the bytes.
//
//	{"id": "9f86d081884c7d659a2feaa0c55ad015", "mime": "image/png", "width": 1, "height": 1, "data": "iVBORw0KGgo…"}
type BackupImage struct {
	ID     string `json:"id"`
	MIME   string `json:"mime"`
	Width  int    `json:"width"`
	Height int    `json:"height"`
	Data   []byte `json:"data"`
}

func sortedByID[T any](in []T, id func(T) string) []T {
	out := make([]T, len(in))
	copy(out, in)
	slices.SortStableFunc(out, func(a, b T) int { return cmp.Compare(id(a), id(b)) })
	return out
}

// ReadBackup reads and checks a backup written by WriteBackup (at most
// MaxBackupBytes). It returns a *pln.Error:
//   - unsupported when the JSON is not an object whose "format" is
//     "plexus-backup", or its "version" is newer than BackupVersion;
//   - invalid (naming the line and column) for malformed JSON or a member of
//     the wrong type, and a version below 1;
//   - invalid or too_large naming the record — "backup: node <id> (<label>): …",
//     "backup: tie <id> …", "backup: entry <id> …", "backup: import <id> …"
//     (a record whose id is unusable is named by its place, "#3") — when a
//     record breaks a rule: a malformed or duplicate id (ids are unique
//     across all records), fields that pln's Normalize rejects, a position
//     out of range, not exactly one ego node (a person, whose id is "ego"),
//     a tie end that is missing, the ego, or the tie's other end, an entry
//     linking a missing node, an import id that names no import;
//   - too_large over MaxBackupBytes.
//
// Unknown members are ignored. The records returned are normalized (fields
// trimmed, defaults such as tie strength 3 filled in), as the services would
// store them; times keep the offsets they were written with.
func ReadBackup(r io.Reader) (*Backup, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxBackupBytes+1))
	if err != nil {
		return nil, fmt.Errorf("interchange: reading backup: %w", err)
	}
	if len(data) > MaxBackupBytes {
		return nil, pln.TooLarge("The backup is larger than %d MiB, the most Plexus reads.", MaxBackupBytes>>20)
	}
	data = bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF})
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, pln.Invalid("The backup file is empty.")
	}

	var header struct {
		Format  json.RawMessage `json:"format"`
		Version json.RawMessage `json:"version"`
	}
	if err := json.Unmarshal(data, &header); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field == "" {
			return nil, pln.Unsupported("This is not a Plexus backup (the file is JSON but not an object).")
		}
		return nil, jsonError(data, err)
	}
	var format string
	if json.Unmarshal(header.Format, &format) != nil || format != BackupFormat {
		return nil, pln.Unsupported("This is not a Plexus backup (its format is %s, not %q).", describeRaw(header.Format), BackupFormat)
	}
	var version int
	if json.Unmarshal(header.Version, &version) != nil {
		return nil, pln.Invalid("backup: the version is %s, not a whole number.", describeRaw(header.Version))
	}
	if version > BackupVersion {
		return nil, pln.Unsupported("The backup is version %d; this Plexus reads versions up to %d. Update Plexus to restore it.", version, BackupVersion)
	}
	if version < 1 {
		return nil, pln.Invalid("backup: the version is %d; versions start at 1.", version)
	}

	var b Backup
	if err := json.Unmarshal(data, &b); err != nil {
		if rerr := recordDecodeError(data); rerr != nil {
			return nil, rerr
		}
		return nil, jsonError(data, err)
	}
	if err := checkBackup(&b); err != nil {
		return nil, err
	}
	if c := b.Counts; c != nil {
		if have := (BackupCounts{Nodes: len(b.Nodes), Ties: len(b.Ties), Entries: len(b.Entries), Imports: len(b.Imports)}); *c != have {
			return nil, pln.Invalid("backup: the file says it holds %s but it holds %s; it was cut or edited.", c, have)
		}
		b.Counts = nil // checked; the lists say it
	}
	return &b, nil
}

// BackupCounts is the "counts" member of a backup: the length of each list.
type BackupCounts struct {
	Nodes   int `json:"nodes"`
	Ties    int `json:"ties"`
	Entries int `json:"entries"`
	Imports int `json:"imports"`
}

func (c BackupCounts) String() string {
	return fmt.Sprintf("%d nodes, %d ties, %d entries and %d imports", c.Nodes, c.Ties, c.Entries, c.Imports)
}

// BackupSummary is what the first members of a backup file say about it.
type BackupSummary struct {
	Version    int
	ExportedAt time.Time
	AsOf       *time.Time
	Counts     *BackupCounts // nil in backups written before counts existed
}

// ReadBackupSummary reads a backup's members up to its first record list
// (WriteBackup puts "format", "version", "exportedAt", "asOf" and "counts"
// first), so it costs a few kilobytes however large the backup is. It
// checks neither the records nor the counts: ReadBackup does. Errors: a
// *pln.Error, unsupported when the file is not a Plexus backup or is a newer
// version, invalid when its first members do not parse.
func ReadBackupSummary(r io.Reader) (BackupSummary, error) {
	var s BackupSummary
	dec := json.NewDecoder(r)
	bad := func(err error) (BackupSummary, error) {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return BackupSummary{}, pln.Invalid("backup: the file ends before its records begin; it may be cut short.")
		}
		return BackupSummary{}, pln.Invalid("backup: the start of the file is not a valid backup: %v.", err)
	}
	tok, err := dec.Token()
	if err != nil {
		return bad(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return BackupSummary{}, pln.Unsupported("This is not a Plexus backup (the file is not a JSON object).")
	}
	var format string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return bad(err)
		}
		name, _ := tok.(string)
		switch name {
		case "format":
			err = dec.Decode(&format)
		case "version":
			err = dec.Decode(&s.Version)
		case "exportedAt":
			err = dec.Decode(&s.ExportedAt)
		case "asOf":
			err = dec.Decode(&s.AsOf)
		case "counts":
			s.Counts = &BackupCounts{}
			err = dec.Decode(s.Counts)
		case "nodes", "ties", "entries", "imports", "goals":
			return s, checkSummary(format, s.Version)
		default:
			var skip json.RawMessage
			err = dec.Decode(&skip)
		}
		if err != nil {
			return bad(err)
		}
	}
	return s, checkSummary(format, s.Version)
}

func checkSummary(format string, version int) error {
	switch {
	case format != BackupFormat:
		return pln.Unsupported("This is not a Plexus backup (its format is %q, not %q).", truncateRunes(format, 40), BackupFormat)
	case version > BackupVersion:
		return pln.Unsupported("The backup is version %d; this Plexus reads versions up to %d. Update Plexus to restore it.", version, BackupVersion)
	case version < 1:
		return pln.Invalid("backup: the version is %d; versions start at 1.", version)
	}
	return nil
}

func describeRaw(raw json.RawMessage) string {
	if len(raw) == 0 {
		return "missing"
	}
	return truncateRunes(string(raw), 40)
}

// jsonError names the line and column of a JSON syntax or type error.
func jsonError(data []byte, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		line, col := position(data, se.Offset-1) // Offset is just after the bad byte
		return pln.Invalid("backup: line %d, column %d: the file is not valid JSON: %s.", line, col, se.Error())
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		line, col := position(data, te.Offset-1)
		return pln.Invalid("backup: line %d, column %d: %s is a JSON %s, which does not fit (%s expected).", line, col, fieldName(te.Field), te.Value, te.Type)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		line, col := position(data, int64(len(data)))
		return pln.Invalid("backup: line %d, column %d: the file ends in the middle of the JSON; it may be cut short.", line, col)
	}
	return pln.Invalid("backup: the file is not a valid backup: %s.", err.Error())
}

// recordDecodeError finds the first record that does not decode (a time
// that does not parse, a field of the wrong type) and names it, with the
// line it starts on. It returns nil when the lists themselves do not decode.
func recordDecodeError(data []byte) error {
	var lists struct {
		Nodes   []json.RawMessage `json:"nodes"`
		Ties    []json.RawMessage `json:"ties"`
		Entries []json.RawMessage `json:"entries"`
		Imports []json.RawMessage `json:"imports"`
		Goals   []json.RawMessage `json:"goals"`
	}
	if json.Unmarshal(data, &lists) != nil {
		return nil
	}
	check := func(what string, list []json.RawMessage, decode func([]byte) error) error {
		for i, raw := range list {
			err := decode(raw)
			if err == nil {
				continue
			}
			line, _ := position(data, int64(max(bytes.Index(data, raw), 0)))
			msg := err.Error()
			var te *json.UnmarshalTypeError
			if errors.As(err, &te) {
				msg = fmt.Sprintf("%s is a JSON %s, which does not fit (%s expected)", fieldName(te.Field), te.Value, te.Type)
			}
			return pln.Invalid("backup: %s #%d (starting on line %d): %s.", what, i+1, line, msg)
		}
		return nil
	}
	if err := check("node", lists.Nodes, func(b []byte) error { return json.Unmarshal(b, new(pln.Node)) }); err != nil {
		return err
	}
	if err := check("tie", lists.Ties, func(b []byte) error { return json.Unmarshal(b, new(pln.Tie)) }); err != nil {
		return err
	}
	if err := check("entry", lists.Entries, func(b []byte) error { return json.Unmarshal(b, new(pln.Entry)) }); err != nil {
		return err
	}
	if err := check("goal", lists.Goals, func(b []byte) error { return json.Unmarshal(b, new(pln.Goal)) }); err != nil {
		return err
	}
	return check("import", lists.Imports, func(b []byte) error { return json.Unmarshal(b, new(pln.Import)) })
}

func fieldName(f string) string {
	if f == "" {
		return "the value"
	}
	return "the field " + f
}

// recordName is how messages name record i: its id, or "#i" (1-based) when
// the id is unusable.
func recordName(id string, i int) string {
	if pln.CheckID("", id) != nil {
		return fmt.Sprintf("#%d", i+1)
	}
	return id
}

func recordError(format string, args ...any) func(error) error {
	prefix := fmt.Sprintf(format, args...)
	return func(err error) error { return withPrefix(prefix+": ", err) }
}

func checkBackup(b *Backup) error {
	ids := map[string]string{} // id → what it is, for duplicate messages
	claim := func(what, id string) error {
		if err := pln.CheckID(what, id); err != nil {
			return err
		}
		if prev, dup := ids[id]; dup {
			return pln.Invalid("The id is also used by %s.", prev)
		}
		ids[id] = what + " " + id
		return nil
	}

	imports := map[string]bool{}
	for i := range b.Imports {
		im := &b.Imports[i]
		fail := recordError("backup: import %s (%q)", recordName(im.ID, i), truncateRunes(im.Source, 60))
		if err := claim("import", im.ID); err != nil {
			return fail(err)
		}
		if im.Nodes < 0 || im.Ties < 0 {
			return fail(pln.Invalid("The node and tie counts must not be negative."))
		}
		imports[im.ID] = true
	}
	checkImport := func(id string) error {
		if id == "" {
			return nil
		}
		if err := pln.CheckID("import", id); err != nil {
			return err
		}
		if !imports[id] {
			return pln.Invalid("It belongs to import %s, which is not in the backup.", id)
		}
		return nil
	}

	nodes := map[string]bool{}
	ego := ""
	for i := range b.Nodes {
		n := &b.Nodes[i]
		fail := recordError("backup: node %s (%q)", recordName(n.ID, i), truncateRunes(n.Label, 60))
		if err := claim("node", n.ID); err != nil {
			return fail(err)
		}
		f := n.Fields()
		if err := f.Normalize(); err != nil {
			return fail(err)
		}
		n.SetFields(f)
		if err := pln.CheckPosition(pln.Position{ID: n.ID, X: n.X, Y: n.Y}); err != nil {
			return fail(err)
		}
		if err := checkImport(n.ImportID); err != nil {
			return fail(err)
		}
		if n.Ego {
			if ego != "" {
				return fail(pln.Invalid("A second ego; node %s is the ego already.", ego))
			}
			if n.Kind != pln.KindPerson {
				return fail(pln.Invalid("The ego must be a person, not %s.", n.Kind))
			}
			ego = n.ID
		}
		nodes[n.ID] = true
	}
	if ego == "" {
		return pln.Invalid("backup: there is no ego node (a node with \"ego\": true).")
	}
	if b.Ego != ego {
		return pln.Invalid("backup: \"ego\" is %q, but the ego node is %s.", truncateRunes(b.Ego, 40), ego)
	}

	for i := range b.Ties {
		t := &b.Ties[i]
		fail := recordError("backup: tie %s (%s → %s)", recordName(t.ID, i), truncateRunes(t.From, 40), truncateRunes(t.To, 40))
		if err := claim("tie", t.ID); err != nil {
			return fail(err)
		}
		f := pln.TieFields{From: t.From, To: t.To, Relation: t.Relation, Directed: t.Directed, Strength: t.Strength, Note: t.Note}
		if err := f.Normalize(); err != nil {
			return fail(err)
		}
		t.Relation, t.Strength, t.Note = f.Relation, f.Strength, f.Note
		for _, end := range []string{t.From, t.To} {
			if !nodes[end] {
				return fail(pln.Invalid("Its end %s is not a node in the backup.", end))
			}
			if end == ego {
				return fail(pln.Invalid("Its end %s is the ego; the ego's ties are fields of the other node.", end))
			}
		}
		if err := checkExtra(t.Extra); err != nil {
			return fail(err)
		}
		if err := checkImport(t.ImportID); err != nil {
			return fail(err)
		}
	}

	for i := range b.Entries {
		e := &b.Entries[i]
		fail := recordError("backup: entry %s (%s)", recordName(e.ID, i), e.OccurredAt.Format(time.DateOnly))
		if err := claim("entry", e.ID); err != nil {
			return fail(err)
		}
		f := pln.EntryFields{OccurredAt: e.OccurredAt, Body: e.Body, NodeIDs: e.NodeIDs, Tags: e.Tags, Type: e.Type}
		if err := f.Normalize(); err != nil {
			return fail(err)
		}
		e.Body, e.NodeIDs, e.Tags, e.Type = f.Body, f.NodeIDs, f.Tags, f.Type
		for _, id := range e.NodeIDs {
			if !nodes[id] {
				return fail(pln.Invalid("It links node %s, which is not in the backup.", id))
			}
		}
	}
	if len(b.Views) > pln.MaxViews {
		return pln.TooLarge("backup: %d saved views; the limit is %d.", len(b.Views), pln.MaxViews)
	}
	names := map[string]string{}
	for i := range b.Views {
		v := &b.Views[i]
		fail := recordError("backup: saved view %s (%q)", recordName(v.ID, i), truncateRunes(v.Name, 60))
		if err := claim("saved view", v.ID); err != nil {
			return fail(err)
		}
		if err := v.Normalize(); err != nil {
			return fail(err)
		}
		folded := strings.ToLower(v.Name)
		if prev, dup := names[folded]; dup {
			return fail(pln.Invalid("Saved view %s has the same name.", prev))
		}
		names[folded] = v.ID
	}
	if b.Settings != nil && b.Settings.QuietPeriodDays != 0 {
		if err := pln.CheckQuietPeriod(b.Settings.QuietPeriodDays); err != nil {
			return recordError("backup: the settings")(err)
		}
	}
	if b.Settings != nil && b.Settings.Contexts != nil {
		if err := pln.CheckContextList(*b.Settings.Contexts); err != nil {
			return recordError("backup: the settings' context list")(err)
		}
	}
	if err := checkGoals(b, claim, nodes, ego); err != nil {
		return err
	}
	return checkImages(b)
}

// checkImages checks the version-4 "images" member: each file passes
// pln.CheckImage, its bytes give its id, and no id appears twice. The
// description is set from the bytes.
func checkImages(b *Backup) error {
	seen := map[string]bool{}
	for i := range b.Images {
		im := &b.Images[i]
		name := im.ID
		if pln.CheckImageID(name) != nil {
			name = fmt.Sprintf("#%d", i+1)
		}
		fail := recordError("backup: image %s", name)
		if err := pln.CheckImageID(im.ID); err != nil {
			return fail(err)
		}
		if seen[im.ID] {
			return fail(pln.Invalid("The image id appears twice."))
		}
		seen[im.ID] = true
		info, err := pln.CheckImage(im.Data)
		if err != nil {
			return fail(err)
		}
		if info.ID != im.ID {
			return fail(pln.Invalid("Its bytes have the id %s; the image was changed.", info.ID))
		}
		im.MIME, im.Width, im.Height = info.MIME, info.Width, info.Height
	}
	return nil
}

// checkGoals checks the version-3 "goals" member (pln.CheckGoal; helpers
// must be alters in the backup).
func checkGoals(b *Backup, claim func(what, id string) error, nodes map[string]bool, ego string) error {
	for i := range b.Goals {
		g := &b.Goals[i]
		fail := recordError("backup: goal %s (%q)", recordName(g.ID, i), truncateRunes(g.Title, 60))
		if err := claim("goal", g.ID); err != nil {
			return fail(err)
		}
		if err := pln.CheckGoal(g); err != nil {
			return fail(err)
		}
		for _, id := range g.NodeIDs {
			if !nodes[id] || id == ego {
				return fail(pln.Invalid("It links node %s, which is not an alter in the backup.", id))
			}
		}
	}
	return nil
}

// checkExtra applies the limits pln.NodeFields.Normalize applies to a node's
// Extra to a tie's.
func checkExtra(m map[string]string) error {
	if len(m) > pln.MaxExtraKeys {
		return pln.TooLarge("There are %d extra properties; the limit is %d.", len(m), pln.MaxExtraKeys)
	}
	for k, v := range m {
		if k == "" || len(k) > pln.MaxExtraKeyLen || !utf8.ValidString(k) {
			return pln.Invalid("The extra property name %q is empty, too long or not UTF-8.", truncateRunes(k, 40))
		}
		if len(v) > pln.MaxExtraValueLen || !utf8.ValidString(v) {
			return pln.TooLarge("The extra property %q is over %d bytes or not UTF-8.", truncateRunes(k, 40), pln.MaxExtraValueLen)
		}
	}
	return nil
}

// backupFormat registers the Plexus backup: exported here, restored (never
// imported) by the backup service.
type backupFormat struct{}

func init() { Register(backupFormat{}) }

func (backupFormat) Name() string      { return FormatBackup }
func (backupFormat) Title() string     { return "Plexus backup (JSON)" }
func (backupFormat) Extension() string { return "json" }
func (backupFormat) Order() int        { return 0 }

// Sniff: a JSON object whose "format" member is "plexus-backup".
func (backupFormat) Sniff(p *Probe) int {
	if isBackup(p.Data) {
		return SniffSure
	}
	return SniffNo
}

// NotImported is the message for a backup given to an import.
func (backupFormat) NotImported(name string) string {
	return name + " is a Plexus backup; use Restore backup (plexus restore) to load it."
}

// Export writes the network and journal as a backup (no import records).
func (backupFormat) Export(net *Network) ([]File, error) {
	b := &Backup{ExportedAt: time.Now().UTC(), History: HistoryNotIncluded, Nodes: net.Nodes, Ties: net.Ties, Entries: net.Entries}
	b.Ego = net.Ego().ID
	var buf bytes.Buffer
	if err := WriteBackup(&buf, b); err != nil {
		return nil, err
	}
	return []File{{Name: "plexus-backup.json", Data: buf.Bytes()}}, nil
}

// isBackup reports whether data is a JSON object with "format":
// "plexus-backup". WriteBackup puts that member first, so this reads little.
func isBackup(data []byte) bool {
	data = bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF})
	d := json.NewDecoder(bytes.NewReader(data))
	if tok, err := d.Token(); err != nil || tok != json.Delim('{') {
		return false
	}
	for d.More() {
		key, err := d.Token()
		if err != nil {
			return false
		}
		if key == "format" {
			var f string
			return d.Decode(&f) == nil && f == FormatBackup
		}
		var skip json.RawMessage
		if err := d.Decode(&skip); err != nil {
			return false
		}
	}
	return false
}
