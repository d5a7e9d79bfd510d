package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/service"
)

// nodeLine is one node of "plexus nodes list --json".
type nodeLine struct {
	ID     string   `json:"id"`
	Ego    bool     `json:"ego,omitempty"`
	Kind   pln.Kind `json:"kind"`
	Label  string   `json:"label"`
	Tags   []string `json:"tags"`
	Pinned bool     `json:"pinned"`
}

// runNodes is "plexus nodes list|duplicates|delete|tag|merge": the network's nodes, and the
// bulk writes of a map selection (NetworkService.DeleteNodes, TagNodes,
// MergeNodes), each one undoable step.
func runNodes(cmd command, dir string, log *slog.Logger, stdout, stderr io.Writer) int {
	what := "plexus nodes " + cmd.sub
	st, svc, err := openCommandStore(dir, log, stderr)
	if err != nil {
		fmt.Fprintln(stderr, what+":", userMessage(log, err))
		return 1
	}
	defer closeStore(st, svc, log)
	switch cmd.sub {
	case "list":
		err = listNodes(svc, cmd.json, stdout)
	case "duplicates":
		err = listDuplicates(svc, cmd.json, stdout)
	case "merge":
		var code int
		if code, err = mergeNodes(svc, cmd, what, stdout, stderr); code != 0 {
			return code
		}
	case "delete":
		if err = svc.Network.DeleteNodes(cmd.ids); err == nil {
			err = printNewestStep(svc, stdout)
		}
	case "tag":
		var n int
		if n, err = svc.Network.TagNodes(cmd.ids, cmd.add, cmd.remove); err == nil {
			if n == 0 {
				switch {
				case len(cmd.remove) == 0:
					fmt.Fprintln(stdout, "No node changed: they already had these tags.")
				case len(cmd.add) == 0:
					fmt.Fprintln(stdout, "No node changed: none of them had these tags.")
				default:
					fmt.Fprintln(stdout, "No node changed: they already had the tags to add and none of the tags to remove.")
				}
			} else {
				err = printNewestStep(svc, stdout)
			}
		}
	}
	if err != nil {
		return fail(stderr, log, what, err)
	}
	return 0
}

// listNodes prints every node (the ego first): tab-separated id, kind,
// label, tags joined by commas, and "pinned" or nothing; or a JSON array.
func listNodes(svc *service.Services, asJSON bool, w io.Writer) error {
	nw, err := svc.Network.Network()
	if err != nil {
		return err
	}
	lines := make([]nodeLine, 0, len(nw.Nodes))
	for _, n := range nw.Nodes {
		l := nodeLine{ID: n.ID, Ego: n.Ego, Kind: n.Kind, Label: n.Label, Tags: n.Tags, Pinned: n.Pinned}
		if l.Tags == nil {
			l.Tags = []string{}
		}
		if n.Ego {
			lines = append([]nodeLine{l}, lines...)
		} else {
			lines = append(lines, l)
		}
	}
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(lines)
	}
	for _, l := range lines {
		pinned := ""
		if l.Pinned {
			pinned = "pinned"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", l.ID, l.Kind, termLine(l.Label), strings.Join(termLines(l.Tags), ","), pinned)
	}
	return nil
}

// listDuplicates prints NetworkService.DuplicateGroups: per group a line
// "<reason>: <n> nodes" and the nodes indented (id, kind, label,
// tab-separated), a blank line between groups; "No possible duplicates."
// when there are none. --json: the groups as an array.
func listDuplicates(svc *service.Services, asJSON bool, w io.Writer) error {
	groups, err := svc.Network.DuplicateGroups()
	if err != nil {
		return err
	}
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(groups)
	}
	if len(groups) == 0 {
		fmt.Fprintln(w, "No possible duplicates.")
		return nil
	}
	for i, g := range groups {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "%s: %d nodes\n", g.Reason, len(g.Nodes))
		for _, n := range g.Nodes {
			fmt.Fprintf(w, "  %s\t%s\t%s\n", n.ID, n.Kind, termLine(n.Label))
		}
	}
	return nil
}

// printNewestStep prints the name of the step just logged, as undo and
// redo print theirs.
func printNewestStep(svc *service.Services, w io.Writer) error {
	return printStep(svc, "\x00", "", w)
}

// newestStepID is the id of the history's newest step ("" for none).
func newestStepID(svc *service.Services) (string, error) {
	page, err := svc.History.Steps("", 1)
	if err != nil || len(page.Steps) == 0 {
		return "", err
	}
	return page.Steps[0].ID, nil
}

// printStep prints the name of the step a write just logged; when the
// newest step is still before (the write changed nothing and logged no
// step), "Nothing changed: " and nothing instead.
func printStep(svc *service.Services, before, nothing string, w io.Writer) error {
	page, err := svc.History.Steps("", 1)
	if err != nil {
		return err
	}
	if len(page.Steps) == 0 || page.Steps[0].ID == before {
		if nothing == "" {
			nothing = "no step was logged."
		}
		fmt.Fprintln(w, "Nothing changed: "+nothing)
		return nil
	}
	fmt.Fprintln(w, termLine(page.Steps[0].Name))
	return nil
}

// mergeLine is "plexus nodes merge --json": the kept node, the ids merged
// into it, and the step's name.
type mergeLine struct {
	Kept   nodeLine `json:"kept"`
	Merged []string `json:"merged"`
	Step   string   `json:"step"`
}

// mergeNodes is "plexus nodes merge KEEP OTHER…": each an id or a label
// (nodeByRef; an unknown or ambiguous one is listed on stderr and exits
// 2, nothing merged), then NetworkService.MergeNodes; prints the step's
// name, or with --json a mergeLine.
func mergeNodes(svc *service.Services, cmd command, what string, stdout, stderr io.Writer) (int, error) {
	ids := make([]string, 0, len(cmd.ids))
	for _, ref := range cmd.ids {
		n, err := nodeByRef(svc, ref, what, stderr)
		if errors.Is(err, errUsage) {
			return 2, nil
		}
		if err != nil {
			return 0, err
		}
		ids = append(ids, n.ID)
	}
	kept, err := svc.Network.MergeNodes(ids[0], ids[1:])
	if err != nil {
		return 0, err
	}
	if !cmd.json {
		if err := printNewestStep(svc, stdout); err != nil {
			return 0, err
		}
		if kept.Ego {
			// What MergeNodes does not carry over to the ego (its doc): say so, not only in the docs.
			fmt.Fprintln(stdout, "Merged into you (the ego): their relation to you, strength, role, contexts, mode, status and cadence are not kept (they describe a tie to you), nor their help on goals (goals list alters); their ties became those alters' ties to you. Undo brings them back.")
		}
		return 0, nil
	}
	page, err := svc.History.Steps("", 1)
	if err != nil {
		return 0, err
	}
	l := mergeLine{Kept: nodeLine{ID: kept.ID, Ego: kept.Ego, Kind: kept.Kind, Label: kept.Label, Tags: kept.Tags, Pinned: kept.Pinned}, Merged: ids[1:]}
	if l.Kept.Tags == nil {
		l.Kept.Tags = []string{}
	}
	if len(page.Steps) > 0 {
		l.Step = page.Steps[0].Name
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	return 0, enc.Encode(l)
}
