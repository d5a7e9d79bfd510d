package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/service"
)

// errUsage marks a command-line mistake found only once the store is open
// (a --node label that matches no node, or several): exit status 2, as
// for the mistakes parseArgs finds.
var errUsage = errors.New("usage")

// runDue is "plexus due": the alters due to reconnect, most overdue first
// (JournalService.Due).
func runDue(cmd command, dir string, log *slog.Logger, stdout, stderr io.Writer) int {
	st, svc, err := openCommandStore(dir, log, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "plexus due:", userMessage(log, err))
		return 1
	}
	defer closeStore(st, svc, log)
	due, err := svc.Journal.Due()
	if err != nil {
		fmt.Fprintln(stderr, "plexus due:", userMessage(log, err))
		return 1
	}
	if cmd.json {
		if err := writeJSON(stdout, due); err != nil {
			fmt.Fprintln(stderr, "plexus due:", err)
			return 1
		}
		return 0
	}
	if len(due) == 0 {
		fmt.Fprintln(stdout, "No one is due: every alter with a cadence was in touch within it.")
		return 0
	}
	for _, d := range due {
		fmt.Fprintf(stdout, "%s\t%s\t%d\t%s\n", termLine(d.Label), d.Kind, d.OverdueDays, localDate(d.LastInteraction, "none"))
	}
	return 0
}

// localDate formats an RFC 3339 time as its local date, or none for "".
func localDate(s, none string) string {
	t, err := time.Parse(time.RFC3339Nano, s)
	if s == "" || err != nil {
		return none
	}
	return t.Local().Format(time.DateOnly)
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// entryLine is one entry of "plexus journal list --json".
type entryLine struct {
	ID         string        `json:"id"`
	OccurredAt time.Time     `json:"occurredAt"`
	Type       pln.EntryType `json:"type"`
	Nodes      []string      `json:"nodes"` // the linked nodes' labels
	NodeIDs    []string      `json:"nodeIds"`
	Tags       []string      `json:"tags"`
	Body       string        `json:"body"`
}

// runJournal is "plexus journal add|list|drafts|days": write one entry
// (JournalService.CreateEntry, one undoable step), list the newest, the
// editor's drafts, or the entries per day.
func runJournal(cmd command, dir string, log *slog.Logger, stdout, stderr io.Writer) int {
	what := "plexus journal " + cmd.sub
	st, svc, err := openCommandStore(dir, log, stderr)
	if err != nil {
		return fail(stderr, log, what, err)
	}
	defer closeStore(st, svc, log)
	var ids []string
	for _, ref := range cmd.nodes {
		n, err := nodeByRef(svc, ref, what, stderr)
		if errors.Is(err, errUsage) {
			return 2
		}
		if err != nil {
			return fail(stderr, log, what, err)
		}
		ids = append(ids, n.ID)
	}
	switch cmd.sub {
	case "add":
		at := time.Now()
		if cmd.date != "" {
			at, _ = parseEntryDateInRange(cmd.date, time.Local) // checked by parseArgs
		}
		f := pln.EntryFields{OccurredAt: at, Body: strings.Join(cmd.text, " "), NodeIDs: ids, Tags: cmd.tags, Type: pln.EntryType(cmd.entryType)}
		if _, err = svc.Journal.CreateEntry(f); err == nil {
			err = printNewestStep(svc, stdout)
		}
	case "list":
		err = listJournal(svc, ids, cmd.limit, cmd.json, stdout)
	case "drafts":
		err = listDrafts(svc, cmd.json, stdout)
	case "days":
		err = listDays(svc, cmd.from, cmd.to, cmd.tz, cmd.json, stdout)
	}
	if err != nil {
		return fail(stderr, log, what, err)
	}
	return 0
}

// nodeByRef finds the node ref names: the node whose id is ref, else the
// one node labelled ref by the app's rule (case, accents and spacing
// aside). None, or several (listed on stderr: id, kind, label), is
// errUsage after saying so.
func nodeByRef(svc *service.Services, ref, what string, stderr io.Writer) (pln.Node, error) {
	if id := strings.ToLower(strings.TrimSpace(ref)); pln.CheckID("node", id) == nil {
		nw, err := svc.Network.Network()
		if err != nil {
			return pln.Node{}, err
		}
		for _, n := range nw.Nodes {
			if n.ID == id {
				return n, nil
			}
		}
	}
	found, err := svc.NodesLabelled(ref)
	if err != nil {
		return pln.Node{}, err
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		fmt.Fprintf(stderr, "%s: no node is labelled %q (case, accents and spacing aside), nor has that id; plexus nodes list shows them\n", what, ref)
	default:
		fmt.Fprintf(stderr, "%s: %d nodes are labelled %q (case, accents and spacing aside); use its id to say which:\n", what, len(found), ref)
		for _, n := range found {
			fmt.Fprintf(stderr, "  %s\t%s\t%s\n", n.ID, n.Kind, termLine(n.Label))
		}
	}
	return pln.Node{}, errUsage
}

// listJournal prints the newest limit entries (0: 50), of node ids[0] when
// given: tab-separated local date and time, type, linked labels joined by
// ", ", and the body's first line; or a JSON array.
func listJournal(svc *service.Services, ids []string, limit int, asJSON bool, w io.Writer) error {
	q := service.EntryQuery{Limit: limit}
	if len(ids) > 0 {
		q.NodeID = ids[0]
	}
	page, err := svc.Journal.ListEntries(q)
	if err != nil {
		return err
	}
	nw, err := svc.Network.Network()
	if err != nil {
		return err
	}
	labels := make(map[string]string, len(nw.Nodes))
	for _, n := range nw.Nodes {
		labels[n.ID] = n.Label
	}
	lines := make([]entryLine, 0, len(page.Entries))
	for _, e := range page.Entries {
		l := entryLine{ID: e.ID, OccurredAt: e.OccurredAt, Type: e.Type, Nodes: []string{}, NodeIDs: e.NodeIDs, Tags: e.Tags, Body: e.Body}
		for _, id := range e.NodeIDs {
			l.Nodes = append(l.Nodes, labels[id])
		}
		if l.NodeIDs == nil {
			l.NodeIDs = []string{}
		}
		if l.Tags == nil {
			l.Tags = []string{}
		}
		lines = append(lines, l)
	}
	if asJSON {
		return writeJSON(w, lines)
	}
	if len(lines) == 0 {
		fmt.Fprintln(w, "No entries.")
		return nil
	}
	for _, l := range lines {
		first, _, _ := strings.Cut(strings.TrimSpace(l.Body), "\n")
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", l.OccurredAt.Local().Format("2006-01-02 15:04"), l.Type, strings.Join(termLines(l.Nodes), ", "), termText(first))
	}
	if page.Next != "" {
		fmt.Fprintln(w, "… older entries not shown (--limit up to 500)")
	}
	return nil
}

// runSettings is "plexus settings [quiet-period [DAYS]]": show the
// settings, or set one (JournalService.SetQuietPeriod, one undoable step).
func runSettings(cmd command, dir string, log *slog.Logger, stdout, stderr io.Writer) int {
	st, svc, err := openCommandStore(dir, log, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "plexus settings:", userMessage(log, err))
		return 1
	}
	defer closeStore(st, svc, log)
	set, err := svc.Journal.Settings()
	switch {
	case err != nil:
	case cmd.value != "":
		days, _ := strconv.Atoi(cmd.value) // checked by parseArgs
		if days == set.QuietPeriodDays {
			fmt.Fprintf(stdout, "The quiet period is already %d days.\n", days)
			break
		}
		if _, err = svc.Journal.SetQuietPeriod(days); err == nil {
			err = printNewestStep(svc, stdout)
		}
	case cmd.json:
		err = writeJSON(stdout, set)
	case cmd.sub == "quiet-period":
		fmt.Fprintln(stdout, set.QuietPeriodDays)
	default:
		fmt.Fprintf(stdout, "quiet-period\t%d\n", set.QuietPeriodDays)
	}
	if err != nil {
		return fail(stderr, log, "plexus settings", err)
	}
	return 0
}

// storedDraft is the part of the journal editor's draft record
// (frontend/src/features/journal/draft.ts, StoredDraft version 1) that
// plexus journal drafts prints. The store keeps drafts as opaque text; a
// value of another shape is printed as "(N bytes, not a draft this build
// reads)".
type storedDraft struct {
	V       int    `json:"v"`
	SavedAt string `json:"savedAt"`
	Draft   struct {
		Body string `json:"body"`
	} `json:"draft"`
}

// listDrafts prints the kept drafts, key order: key, saved at (local
// time), the body with line breaks as spaces; tab-separated. asJSON: the
// store's key → text map as it is.
func listDrafts(svc *service.Services, asJSON bool, w io.Writer) error {
	ds, err := svc.Drafts.Drafts()
	if err != nil {
		return err
	}
	if asJSON {
		return writeJSON(w, ds)
	}
	if len(ds) == 0 {
		fmt.Fprintln(w, "No drafts.")
		return nil
	}
	keys := make([]string, 0, len(ds))
	for k := range ds {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		var d storedDraft
		if err := json.Unmarshal([]byte(ds[k]), &d); err != nil || d.V != 1 {
			fmt.Fprintf(w, "%s\t\t(%d bytes, not a draft this build reads)\n", termLine(k), len(ds[k]))
			continue
		}
		when := termLine(d.SavedAt)
		if t, err := time.Parse(time.RFC3339Nano, d.SavedAt); err == nil {
			when = t.Local().Format("2006-01-02 15:04:05")
		}
		body := strings.Join(strings.Fields(d.Draft.Body), " ")
		fmt.Fprintf(w, "%s\t%s\t%s\n", termLine(k), when, termText(body))
	}
	return nil
}

// listDays prints the entries per local calendar day (JournalService.DayCounts;
// tz "" is this machine's zone): one day with entries a line, date and count
// tab-separated, oldest first, or the DayCounts JSON.
func listDays(svc *service.Services, from, to, tz string, asJSON bool, w io.Writer) error {
	if tz == "" {
		tz = "Local"
	}
	d, err := svc.Journal.DayCounts(from, to, tz)
	if err != nil {
		return err
	}
	if asJSON {
		return writeJSON(w, d)
	}
	if len(d.Days) == 0 {
		_, err = fmt.Fprintf(w, "No entries from %s to %s.\n", d.From, d.To)
		return err
	}
	for _, x := range d.Days {
		if _, err := fmt.Fprintf(w, "%s\t%d\n", x.Date, x.Entries); err != nil {
			return err
		}
	}
	return nil
}
