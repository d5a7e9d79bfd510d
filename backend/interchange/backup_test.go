package interchange

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/plexus-pln/plexus/backend/pln"
)

// Fixed ids, so that expected messages can name them.
const (
	idEgo    = "01900000-0000-7000-8000-000000000001"
	idAlice  = "01900000-0000-7000-8000-000000000002"
	idFeed   = "01900000-0000-7000-8000-000000000003"
	idGroup  = "01900000-0000-7000-8000-000000000004"
	idTie1   = "01900000-0000-7000-8000-000000000010"
	idTie2   = "01900000-0000-7000-8000-000000000011"
	idEntry1 = "01900000-0000-7000-8000-000000000020"
	idEntry2 = "01900000-0000-7000-8000-000000000021"
	idImport = "01900000-0000-7000-8000-000000000030"
	idMissed = "01900000-0000-7000-8000-0000000000ff"
)

func sampleBackup(t testing.TB) *Backup {
	t.Helper()
	zone := time.FixedZone("CEST", 2*3600)
	t0 := time.Date(2026, 5, 1, 9, 30, 0, 123456789, zone)
	return &Backup{
		ExportedAt: t0.Add(48 * time.Hour),
		Ego:        idEgo,
		// Deliberately out of id order: WriteBackup sorts.
		Nodes: []pln.Node{
			{ID: idFeed, Label: "Go blog", Kind: pln.KindSource, URL: "https://go.dev/blog/", FeedURL: "https://go.dev/blog/feed.atom",
				Tags: []string{"Programming"}, Relation: pln.RelFollows, X: 120.5, Y: -40, CreatedAt: t0, UpdatedAt: t0,
				Extra: map[string]string{"opml:type": "rss"}, ImportID: idImport},
			{ID: idEgo, Ego: true, Label: "Me", Kind: pln.KindPerson, Pinned: true, CreatedAt: t0, UpdatedAt: t0},
			{ID: idAlice, Label: "Alice Ng", Kind: pln.KindPerson, Description: "Met at **GopherCon**.\n\nKnows Badger.", Emails: []string{"alice@example.org"},
				Organisation: "Example Ltd", Tags: []string{"go", "databases"}, Relation: pln.RelLearnsFrom, Strength: 4, Role: pln.RoleMentor,
				Contexts: []string{"work"}, Mode: pln.ModeBoth, Status: pln.StatusActive, Cadence: 30, X: -10, Y: 25.25, CreatedAt: t0, UpdatedAt: t0.Add(time.Hour)},
			{ID: idGroup, Label: "Gophers Slack", Kind: pln.KindCommunity, Relation: pln.RelMemberOf, CreatedAt: t0, UpdatedAt: t0},
		},
		Ties: []pln.Tie{
			{ID: idTie2, From: idAlice, To: idGroup, Relation: pln.RelMemberOf, Directed: true, Strength: 3, CreatedAt: t0, UpdatedAt: t0},
			{ID: idTie1, From: idAlice, To: idFeed, Relation: "writes for", Strength: 2, Note: "guest posts", CreatedAt: t0, UpdatedAt: t0,
				Extra: map[string]string{"gexf:weight": "2"}},
		},
		Entries: []pln.Entry{
			{ID: idEntry2, OccurredAt: t0.Add(24 * time.Hour), Body: "Read about *iterators*.", NodeIDs: []string{idFeed}, Type: pln.EntryResource, CreatedAt: t0, UpdatedAt: t0},
			{ID: idEntry1, OccurredAt: t0.UTC(), Body: "Call with Alice.", NodeIDs: []string{idAlice, idEgo}, Tags: []string{"mentoring"}, Type: pln.EntryInteraction, CreatedAt: t0, UpdatedAt: t0},
		},
		Imports: []pln.Import{{ID: idImport, Source: "Subs.opml", Format: "opml", StartedAt: t0, Published: true, Nodes: 1}},
		Views: []pln.View{{ID: "01900000-0000-7000-8000-000000000040", Name: "Work", CreatedAt: t0, UpdatedAt: t0,
			State: pln.ViewState{Hidden: map[string][]string{"status": {"archived"}}, Color: "context", Size: "degree",
				Focus: &pln.ViewFocus{NodeIDs: []string{idAlice}, Steps: 2}, Camera: &pln.ViewCamera{X: 0.5, Y: 0.5, Ratio: 0.25}}}},
	}
}

// utcTimes returns a copy of b with every time in UTC, for DeepEqual.
func utcTimes(b *Backup) *Backup {
	c := *b
	c.ExportedAt = c.ExportedAt.UTC()
	c.Nodes = append([]pln.Node(nil), b.Nodes...)
	for i := range c.Nodes {
		c.Nodes[i].CreatedAt, c.Nodes[i].UpdatedAt = c.Nodes[i].CreatedAt.UTC(), c.Nodes[i].UpdatedAt.UTC()
	}
	c.Ties = append([]pln.Tie(nil), b.Ties...)
	for i := range c.Ties {
		c.Ties[i].CreatedAt, c.Ties[i].UpdatedAt = c.Ties[i].CreatedAt.UTC(), c.Ties[i].UpdatedAt.UTC()
	}
	c.Entries = append([]pln.Entry(nil), b.Entries...)
	for i := range c.Entries {
		e := &c.Entries[i]
		e.OccurredAt, e.CreatedAt, e.UpdatedAt = e.OccurredAt.UTC(), e.CreatedAt.UTC(), e.UpdatedAt.UTC()
	}
	c.Imports = append([]pln.Import(nil), b.Imports...)
	for i := range c.Imports {
		c.Imports[i].StartedAt = c.Imports[i].StartedAt.UTC()
	}
	c.Views = append([]pln.View(nil), b.Views...)
	for i := range c.Views {
		c.Views[i].CreatedAt, c.Views[i].UpdatedAt = c.Views[i].CreatedAt.UTC(), c.Views[i].UpdatedAt.UTC()
	}
	return &c
}

func writeBackup(t testing.TB, b *Backup) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteBackup(&buf, b); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestBackupRoundTrip(t *testing.T) {
	b := sampleBackup(t)
	orig := sampleBackup(t)
	data := writeBackup(t, b)
	if !reflect.DeepEqual(b, orig) {
		t.Fatal("WriteBackup changed its argument")
	}
	if !bytes.HasPrefix(data, []byte("{\n  \"format\": \"plexus-backup\",\n  \"version\": 4,\n  \"exportedAt\": \"2026-05-03T09:30:00.123456789+02:00\",\n  \"history\": \"not-included\",\n")) {
		t.Errorf("header:\n%.200s", data)
	}
	got, err := ReadBackup(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}

	want := utcTimes(orig)
	want.Format, want.Version, want.History = FormatBackup, BackupVersion, HistoryNotIncluded
	want.Nodes = []pln.Node{want.Nodes[1], want.Nodes[2], want.Nodes[0], want.Nodes[3]}
	want.Ties = []pln.Tie{want.Ties[1], want.Ties[0]}
	want.Entries = []pln.Entry{want.Entries[1], want.Entries[0]}
	want.Goals = []pln.Goal{}
	if g := utcTimes(got); !reflect.DeepEqual(g, want) {
		gj, _ := json.MarshalIndent(g, "", " ")
		wj, _ := json.MarshalIndent(want, "", " ")
		t.Errorf("round trip differs:\n%s\nwant\n%s", gj, wj)
	}
	if again := writeBackup(t, got); !bytes.Equal(again, data) {
		t.Error("writing the read backup gives different bytes")
	}

	// An empty network (just the ego) writes empty lists, not null.
	empty := &Backup{Ego: idEgo, Nodes: []pln.Node{{ID: idEgo, Ego: true, Label: "Me", Kind: pln.KindPerson}}}
	data = writeBackup(t, empty)
	for _, k := range []string{`"ties": []`, `"entries": []`, `"imports": []`} {
		if !bytes.Contains(data, []byte(k)) {
			t.Errorf("missing %s in\n%s", k, data)
		}
	}
	if _, err := ReadBackup(bytes.NewReader(data)); err != nil {
		t.Error(err)
	}
}

func TestReadBackupNormalizesAndIgnoresUnknown(t *testing.T) {
	data := writeBackup(t, sampleBackup(t))
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	m["futureMember"] = map[string]any{"x": 1}
	node := m["nodes"].([]any)[1].(map[string]any) // Alice
	node["label"] = "  Alice Ng  "
	node["futureField"] = true
	m["ties"].([]any)[1].(map[string]any)["strength"] = 0 // default strength
	data, _ = json.Marshal(m)
	b, err := ReadBackup(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if b.Nodes[1].Label != "Alice Ng" || b.Ties[1].Strength != pln.DefaultTieStrength {
		t.Errorf("not normalized: %q, %d", b.Nodes[1].Label, b.Ties[1].Strength)
	}
	// A UTF-8 byte order mark is accepted.
	if _, err := ReadBackup(bytes.NewReader(append([]byte{0xEF, 0xBB, 0xBF}, data...))); err != nil {
		t.Error(err)
	}
}

func TestReadBackupRejects(t *testing.T) {
	good := writeBackup(t, sampleBackup(t))
	// edit decodes the good backup into generic JSON, lets f change it, and encodes it again.
	edit := func(f func(m map[string]any)) string {
		var m map[string]any
		if err := json.Unmarshal(good, &m); err != nil {
			t.Fatal(err)
		}
		f(m)
		b, err := json.MarshalIndent(m, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	rec := func(m map[string]any, list string, i int) map[string]any { return m[list].([]any)[i].(map[string]any) }
	// After sorting: nodes[0] ego, [1] Alice, [2] Go blog, [3] Gophers Slack; ties[0] tie1, [1] tie2; entries[0] entry1, [1] entry2.
	cases := []struct {
		name string
		data string
		code pln.Code
		want string
	}{
		{"empty", "", pln.CodeInvalid, "The backup file is empty."},
		{"opml", `<opml/>`, pln.CodeInvalid, "backup: line 1, column 1: the file is not valid JSON: invalid character '<'"},
		{"array", `[1,2]`, pln.CodeUnsupported, "not a Plexus backup"},
		{"other format", edit(func(m map[string]any) { m["format"] = "gephi" }), pln.CodeUnsupported, `its format is "gephi", not "plexus-backup"`},
		{"no format", edit(func(m map[string]any) { delete(m, "format") }), pln.CodeUnsupported, "its format is missing"},
		{"newer version", edit(func(m map[string]any) { m["version"] = 5 }), pln.CodeUnsupported, "The backup is version 5; this Plexus reads versions up to 4."},
		{"version 0", edit(func(m map[string]any) { m["version"] = 0 }), pln.CodeInvalid, "the version is 0"},
		{"version text", edit(func(m map[string]any) { m["version"] = "1" }), pln.CodeInvalid, `the version is "1", not a whole number`},
		{"truncated", string(good[:len(good)/2]), pln.CodeInvalid, "backup: line "},
		{"syntax", "{\n  \"format\": \"plexus-backup\",\n  \"version\": 1,\n  \"nodes\": [}\n}", pln.CodeInvalid, "backup: line 4, column 13: the file is not valid JSON: invalid character '}'"},
		{"wrong type", "{\"format\": \"plexus-backup\", \"version\": 1,\n \"nodes\": [{\"id\": \"x\", \"label\": 7}]}", pln.CodeInvalid, "backup: node #1 (starting on line 2): the field label is a JSON number, which does not fit (string expected)."},
		{"bad node id", edit(func(m map[string]any) { rec(m, "nodes", 1)["id"] = "alice" }), pln.CodeInvalid, `backup: node #2 ("Alice Ng"): The node id "alice" is not a valid id.`},
		{"non-canonical id", edit(func(m map[string]any) { rec(m, "nodes", 1)["id"] = strings.ReplaceAll(idAlice, "-", "") }), pln.CodeInvalid, `backup: node #2 ("Alice Ng"): The node id`},
		{"duplicate id", edit(func(m map[string]any) { rec(m, "nodes", 3)["id"] = idAlice }), pln.CodeInvalid, `backup: node ` + idAlice + ` ("Gophers Slack"): The id is also used by node ` + idAlice + "."},
		{"id shared with tie", edit(func(m map[string]any) { rec(m, "ties", 0)["id"] = idGroup }), pln.CodeInvalid, `backup: tie ` + idGroup + ` (` + idAlice + ` → ` + idFeed + `): The id is also used by node ` + idGroup},
		{"empty label", edit(func(m map[string]any) { rec(m, "nodes", 1)["label"] = " " }), pln.CodeInvalid, `backup: node ` + idAlice + ` (" "): The label is empty`},
		{"bad kind", edit(func(m map[string]any) { rec(m, "nodes", 2)["kind"] = "robot" }), pln.CodeInvalid, `backup: node ` + idFeed + ` ("Go blog"): kind "robot" is not one of`},
		{"bad email", edit(func(m map[string]any) { rec(m, "nodes", 1)["emails"] = []string{"nope"} }), pln.CodeInvalid, `("Alice Ng"): The email "nope"`},
		{"long label", edit(func(m map[string]any) { rec(m, "nodes", 1)["label"] = strings.Repeat("a", 201) }), pln.CodeTooLarge, `: The label is 201 characters; the limit is 200.`},
		{"far position", edit(func(m map[string]any) { rec(m, "nodes", 1)["x"] = 2e9 }), pln.CodeInvalid, `backup: node ` + idAlice + ` ("Alice Ng"): The position of node`},
		{"unknown import", edit(func(m map[string]any) { rec(m, "nodes", 1)["importId"] = idMissed }), pln.CodeInvalid, `("Alice Ng"): It belongs to import ` + idMissed + `, which is not in the backup.`},
		{"no ego", edit(func(m map[string]any) { rec(m, "nodes", 0)["ego"] = false }), pln.CodeInvalid, `backup: there is no ego node`},
		{"two egos", edit(func(m map[string]any) { rec(m, "nodes", 1)["ego"] = true }), pln.CodeInvalid, `backup: node ` + idAlice + ` ("Alice Ng"): A second ego; node ` + idEgo + ` is the ego already.`},
		{"ego not a person", edit(func(m map[string]any) { rec(m, "nodes", 0)["kind"] = "device" }), pln.CodeInvalid, `backup: node ` + idEgo + ` ("Me"): The ego must be a person`},
		{"ego field mismatch", edit(func(m map[string]any) { m["ego"] = idAlice }), pln.CodeInvalid, `backup: "ego" is "` + idAlice + `", but the ego node is ` + idEgo},
		{"tie end missing", edit(func(m map[string]any) { rec(m, "ties", 0)["to"] = idMissed }), pln.CodeInvalid, `backup: tie ` + idTie1 + ` (` + idAlice + ` → ` + idMissed + `): Its end ` + idMissed + ` is not a node in the backup.`},
		{"tie to ego", edit(func(m map[string]any) { rec(m, "ties", 1)["from"] = idEgo }), pln.CodeInvalid, `backup: tie ` + idTie2 + ` (` + idEgo + ` → ` + idGroup + `): Its end ` + idEgo + ` is the ego`},
		{"tie loop", edit(func(m map[string]any) { rec(m, "ties", 1)["to"] = idAlice }), pln.CodeInvalid, `backup: tie ` + idTie2 + ` (` + idAlice + ` → ` + idAlice + `): A tie must join two different nodes.`},
		{"tie strength", edit(func(m map[string]any) { rec(m, "ties", 1)["strength"] = 9 }), pln.CodeInvalid, `backup: tie ` + idTie2 + ` (` + idAlice + ` → ` + idGroup + `): Tie strength must be 1–5, not 9.`},
		{"tie no relation", edit(func(m map[string]any) { rec(m, "ties", 1)["relation"] = "" }), pln.CodeInvalid, `backup: tie ` + idTie2 + ` (` + idAlice + ` → ` + idGroup + `): A tie needs a relation`},
		{"bad tie id", edit(func(m map[string]any) { rec(m, "ties", 1)["id"] = "" }), pln.CodeInvalid, `backup: tie #2 (`},
		{"entry links missing node", edit(func(m map[string]any) { rec(m, "entries", 1)["nodeIds"] = []string{idMissed} }), pln.CodeInvalid, `backup: entry ` + idEntry2 + ` (2026-05-02): It links node ` + idMissed + `, which is not in the backup.`},
		{"entry without date", edit(func(m map[string]any) { delete(rec(m, "entries", 0), "occurredAt") }), pln.CodeInvalid, `backup: entry ` + idEntry1 + ` (0001-01-01): The entry needs a date`},
		{"entry type", edit(func(m map[string]any) { rec(m, "entries", 0)["type"] = "rant" }), pln.CodeInvalid, `backup: entry ` + idEntry1 + ` (2026-05-01): entry type "rant"`},
		{"bad entry time", edit(func(m map[string]any) { rec(m, "entries", 0)["occurredAt"] = "yesterday" }), pln.CodeInvalid, `backup: entry #1 (starting on line `},
		{"bad import id", edit(func(m map[string]any) { rec(m, "imports", 0)["id"] = "imp" }), pln.CodeInvalid, `backup: import #1 ("Subs.opml"): The import id "imp" is not a valid id.`},
		{"null node", edit(func(m map[string]any) { m["nodes"] = append(m["nodes"].([]any), nil) }), pln.CodeInvalid, `backup: node #5 (""): The node id "" is not a valid id.`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b, err := ReadBackup(strings.NewReader(c.data))
			if err == nil {
				t.Fatalf("accepted: %+v", b)
			}
			if pln.CodeOf(err) != c.code {
				t.Errorf("code %s, want %s: %v", pln.CodeOf(err), c.code, err)
			}
			if !strings.Contains(pln.AsError(err).Message, c.want) {
				t.Errorf("message\n%q\nlacks\n%q", pln.AsError(err).Message, c.want)
			}
		})
	}
}

// A version-1 file (before the history members) still reads.
func TestReadBackupVersion1(t *testing.T) {
	var m map[string]any
	if err := json.Unmarshal(writeBackup(t, sampleBackup(t)), &m); err != nil {
		t.Fatal(err)
	}
	m["version"] = 1
	delete(m, "history")
	data, _ := json.Marshal(m)
	b, err := ReadBackup(bytes.NewReader(data))
	if err != nil || b.Version != 1 || len(b.Nodes) != 4 {
		t.Fatalf("version 1: %v %+v", err, b)
	}
}
