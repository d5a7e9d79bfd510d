package main

import (
	"encoding/json"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/plexus-pln/plexus/backend/service"
)

// plexus journal add/list, plexus due and plexus settings on one data
// folder, as a script would use them.
func TestJournalDueAndSettingsCommands(t *testing.T) {
	dir := t.TempDir()
	csv := filepath.Join(t.TempDir(), "people.csv")
	data := "label,kind,cadence\nAda,person,30\nBo,person,7\nZoë Lee,person,0\nzoe  lee,person,0\nCy,person,0\n"
	if err := os.WriteFile(csv, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd, out, errOut := commandsOn(dir)
	if code := cmd("import", csv); code != 0 {
		t.Fatalf("import: %d %s", code, errOut.String())
	}
	// Cadences count from when they were set (the import): nobody is due.
	if code := cmd("due"); code != 0 || !strings.HasPrefix(out.String(), "No one is due") {
		t.Fatalf("due at first: %d %q %q", code, out.String(), errOut.String())
	}
	if code := cmd("due", "--json"); code != 0 || strings.TrimSpace(out.String()) != "[]" {
		t.Fatalf("due --json at first: %d %q", code, out.String())
	}
	now := time.Now()
	ada := now.Add(-40*24*time.Hour - time.Hour).UTC().Truncate(time.Second) // cadence 30: 10 days overdue
	bo := now.Add(-10*24*time.Hour - time.Hour).UTC().Truncate(time.Second)  // cadence 7: 3 days overdue
	if code := cmd("journal", "add", "--node", "ADA", "--type", "interaction", "--date", ada.Format(time.RFC3339), "coffee", "with", "Ada"); code != 0 ||
		out.String() != "Write entry “coffee with Ada”\n" {
		t.Fatalf("journal add: %d %q %q", code, out.String(), errOut.String())
	}
	if code := cmd("journal", "add", "--node", " bo ", "--node", "Cy", "--date", bo.Format(time.RFC3339), "--tag", "call", "a call"); code != 0 {
		t.Fatalf("journal add two nodes: %d %q", code, errOut.String())
	}
	// The due list, most overdue first: label, kind, days overdue, last interaction.
	want := "Ada\tperson\t10\t" + ada.Local().Format(time.DateOnly) + "\nBo\tperson\t3\t" + bo.Local().Format(time.DateOnly) + "\n"
	if code := cmd("due"); code != 0 || out.String() != want {
		t.Fatalf("due: %d %q, want %q", code, out.String(), want)
	}
	if code := cmd("due", "--json"); code != 0 {
		t.Fatalf("due --json: %d", code)
	}
	var due []service.DueNode
	if err := json.Unmarshal(out.Bytes(), &due); err != nil || len(due) != 2 || due[0].Label != "Ada" || due[0].OverdueDays != 10 ||
		due[0].Cadence != 30 || due[1].Label != "Bo" || due[0].LastInteraction != ada.Format(time.RFC3339Nano) {
		t.Fatalf("due --json: %v %s", err, out.String())
	}
	// Labels that say no node, or several: nothing written, exit 2.
	if code := cmd("journal", "add", "--node", "zoe lee", "x"); code != 2 || strings.Count(errOut.String(), "\tperson\t") != 2 ||
		!strings.Contains(errOut.String(), "2 nodes are labelled \"zoe lee\"") || !strings.Contains(errOut.String(), "Zoë Lee") {
		t.Fatalf("ambiguous: %d %q", code, errOut.String())
	}
	if code := cmd("journal", "add", "--node", "Nobody", "x"); code != 2 || !strings.Contains(errOut.String(), "no node is labelled \"Nobody\"") {
		t.Fatalf("no such node: %d %q", code, errOut.String())
	}
	if code := cmd("journal", "add", "--type", "chat", "x"); code != 2 {
		t.Fatalf("bad type: %d", code)
	}
	if code := cmd("journal", "list", "--node", "ada"); code != 0 ||
		out.String() != ada.Local().Format("2006-01-02 15:04")+"\tinteraction\tAda\tcoffee with Ada\n" {
		t.Fatalf("journal list --node: %d %q %q", code, out.String(), errOut.String())
	}
	if code := cmd("journal", "list", "--json"); code != 0 {
		t.Fatalf("journal list --json: %d", code)
	}
	var lines []entryLine
	if err := json.Unmarshal(out.Bytes(), &lines); err != nil || len(lines) != 2 || lines[0].Type != "reflection" ||
		!reflect.DeepEqual(lines[0].Nodes, []string{"Bo", "Cy"}) || !reflect.DeepEqual(lines[0].Tags, []string{"call"}) {
		t.Fatalf("journal list --json: %v %s", err, out.String())
	}
	// Each write is one step of the history.
	if code := cmd("history", "--limit", "2"); code != 0 || !strings.Contains(out.String(), "Write entry “a call”") || !strings.Contains(out.String(), "Write entry “coffee with Ada”") {
		t.Fatalf("history: %q", out.String())
	}

	// The quiet period: shown, set (one undoable step), unchanged, refused.
	if code := cmd("settings"); code != 0 || out.String() != "quiet-period\t90\n" {
		t.Fatalf("settings: %d %q", code, out.String())
	}
	if code := cmd("settings", "quiet-period", "30"); code != 0 || out.String() != "Set the quiet period to 30 days\n" {
		t.Fatalf("set: %d %q %q", code, out.String(), errOut.String())
	}
	if code := cmd("settings", "quiet-period", "30"); code != 0 || out.String() != "The quiet period is already 30 days.\n" {
		t.Fatalf("set again: %d %q", code, out.String())
	}
	if code := cmd("settings", "--json"); code != 0 || strings.TrimSpace(out.String()) != "{\n  \"quietPeriodDays\": 30,\n  \"contexts\": [\n    \"work\",\n    \"school\",\n    \"home\"\n  ]\n}" {
		t.Fatalf("settings --json: %d %q", code, out.String())
	}
	if code := cmd("settings", "quiet-period", "0"); code != 2 {
		t.Fatalf("quiet period 0: %d", code)
	}
	if code := cmd("undo"); code != 0 || out.String() != "Undo: Set the quiet period to 30 days\n" {
		t.Fatalf("undo: %d %q", code, out.String())
	}
	if code := cmd("settings", "quiet-period"); code != 0 || out.String() != "90\n" {
		t.Fatalf("after undo: %d %q", code, out.String())
	}
}

func TestParseJournalArgs(t *testing.T) {
	c, err := parseArgs([]string{"journal", "add", "--node", "Ada", "--node", "Bo", "--type", "interaction", "--date", "2026-08-01", "met", "--", "-5", "--data-dir", "x"})
	if err != nil || c.sub != "add" || !reflect.DeepEqual(c.nodes, []string{"Ada", "Bo"}) || c.entryType != "interaction" ||
		!reflect.DeepEqual(c.text, []string{"met", "-5", "--data-dir", "x"}) || c.dataDir != "" {
		t.Fatalf("%+v %v", c, err)
	}
	for _, bad := range [][]string{
		{"journal"}, {"journal", "edit"}, {"journal", "add"}, {"journal", "add", "--json", "x"},
		{"journal", "add", "--date", "01/08/2026", "x"}, {"journal", "list", "--node", "a", "--node", "b"},
		{"journal", "list", "--type", "interaction"}, {"journal", "add", "--node", " ", "x"},
		{"settings", "quiet"}, {"settings", "quiet-period", "ninety"}, {"settings", "quiet-period", "3651"},
		{"due", "--limit", "3"}, {"due", "extra"},
	} {
		if _, err := parseArgs(bad); err == nil {
			t.Errorf("%v: no error", bad)
		}
	}
	d, err := parseEntryDate("2026-08-01", time.UTC)
	if err != nil || !d.Equal(time.Date(2026, 8, 1, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("date: %v %v", d, err)
	}
}

// plexus journal drafts: the editor's drafts as the store keeps them (what
// the window test reads after killing the window mid-typing).
func TestJournalDraftsCommand(t *testing.T) {
	dir := t.TempDir()
	cmd, out, errOut := commandsOn(dir)
	if code := cmd("journal", "drafts"); code != 0 || out.String() != "No drafts.\n" {
		t.Fatalf("no drafts: %d %q %q", code, out.String(), errOut.String())
	}
	st, svc, err := openCommandStore(dir, discardLog(), errOut)
	if err != nil {
		t.Fatal(err)
	}
	saved := time.Date(2026, 12, 5, 9, 30, 0, 0, time.UTC)
	draft := `{"v":1,"key":"new","savedAt":"` + saved.Format(time.RFC3339Nano) + `","baseUpdatedAt":null,` +
		`"draft":{"occurredAt":"2026-12-05T09:00","body":"Typed just before\nthe\tcrash","tags":"","type":"reflection","nodeIds":[]}}`
	if err := svc.Drafts.PutDraft("new", draft); err != nil {
		t.Fatal(err)
	}
	if err := svc.Drafts.PutDraft("0123456789abcdef0123456789abcdef", "not json"); err != nil {
		t.Fatal(err)
	}
	closeStore(st, svc, discardLog())
	want := "0123456789abcdef0123456789abcdef\t\t(8 bytes, not a draft this build reads)\n" +
		"new\t" + saved.Local().Format("2006-01-02 15:04:05") + "\tTyped just before the crash\n"
	if code := cmd("journal", "drafts"); code != 0 || out.String() != want {
		t.Fatalf("drafts: %d %q, want %q (%s)", code, out.String(), want, errOut.String())
	}
	if code := cmd("journal", "drafts", "--json"); code != 0 {
		t.Fatalf("drafts --json: %d %s", code, errOut.String())
	}
	var m map[string]string
	if err := json.Unmarshal(out.Bytes(), &m); err != nil || m["new"] != draft || len(m) != 2 {
		t.Fatalf("drafts --json: %v %s", err, out.String())
	}
	for _, bad := range [][]string{{"journal", "drafts", "--limit", "3"}, {"journal", "drafts", "--node", "Ada"}} {
		if code := cmd(bad...); code != 2 {
			t.Errorf("%v: exit %d, want 2", bad, code)
		}
	}
}

func discardLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// plexus journal days: the entries per local day, in the zone asked for.
func TestJournalDaysCommand(t *testing.T) {
	dir := t.TempDir()
	cmd, out, errOut := commandsOn(dir)
	if code := cmd("journal", "days", "--from", "2026-12-01", "--to", "2026-12-31", "--tz", "UTC"); code != 0 ||
		out.String() != "No entries from 2026-12-01 to 2026-12-31.\n" {
		t.Fatalf("no entries: %d %q %q", code, out.String(), errOut.String())
	}
	// 23:30 UTC on the 6th is the 7th in Tokyo; 10:00 and 11:00 UTC on the 7th too.
	for _, at := range []string{"2026-12-06T23:30:00Z", "2026-12-07T10:00:00Z", "2026-12-07T11:00:00Z"} {
		if code := cmd("journal", "add", "--date", at, "at", at); code != 0 {
			t.Fatalf("journal add: %d %s", code, errOut.String())
		}
	}
	if code := cmd("journal", "days", "--from", "2026-12-01", "--to", "2026-12-31", "--tz", "UTC"); code != 0 ||
		out.String() != "2026-12-06\t1\n2026-12-07\t2\n" {
		t.Fatalf("UTC: %d %q %q", code, out.String(), errOut.String())
	}
	if code := cmd("journal", "days", "--from=2026-12-01", "--to=2026-12-31", "--tz=Asia/Tokyo", "--json"); code != 0 {
		t.Fatalf("Tokyo --json: %d %s", code, errOut.String())
	}
	var d service.DayCounts
	if err := json.Unmarshal(out.Bytes(), &d); err != nil || d.TZ != "Asia/Tokyo" || d.Total != 3 ||
		!reflect.DeepEqual(d.Days, []service.DayCount{{Date: "2026-12-07", Entries: 3}}) {
		t.Fatalf("Tokyo --json: %v %s", err, out.String())
	}
	// A range over the limit is the backend's refusal (exit 2, saying why).
	if code := cmd("journal", "days", "--from", "2020-01-01", "--to", "2026-12-31", "--tz", "UTC"); code != 2 ||
		!strings.Contains(errOut.String(), "at most 1100 days") {
		t.Fatalf("too long: %d %q", code, errOut.String())
	}
	for _, bad := range [][]string{
		{"journal", "days", "--tz", "Mars/Olympus"}, {"journal", "days", "--from", "2026-12-02", "--to", "2026-12-01"},
		{"journal", "days", "--from", "1 Dec"}, {"journal", "days", "--limit", "3"}, {"journal", "days", "--node", "Ada"},
		{"journal", "list", "--from", "2026-12-01"}, {"journal", "drafts", "--tz", "UTC"}, {"journal", "days", "--tz="},
	} {
		if code := cmd(bad...); code != 2 {
			t.Errorf("%v: exit %d, want 2 (%s)", bad, code, errOut.String())
		}
	}
}
