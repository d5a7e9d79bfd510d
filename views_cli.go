package main

import (
	"fmt"
	"io"
	"log/slog"
	"sort"
	"strings"

	"github.com/plexus-pln/plexus/backend/pln"
)

// runViews is `plexus views [--json]`, `plexus views delete NAME` and
// `plexus views rename NAME NEW-NAME`: the map's saved views on the data
// folder. A NAME is matched case-insensitively (names are unique that
// way); none matching is exit 2.
func runViews(cmd command, dir string, log *slog.Logger, stdout, stderr io.Writer) int {
	st, svc, err := openCommandStore(dir, log, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "plexus views:", userMessage(log, err))
		return 1
	}
	defer closeStore(st, svc, log)
	views, err := svc.Views.Views()
	if err != nil {
		fmt.Fprintln(stderr, "plexus views:", userMessage(log, err))
		return 1
	}
	if cmd.sub == "" {
		if cmd.json {
			if err := writeJSON(stdout, views); err != nil {
				fmt.Fprintln(stderr, "plexus views:", err)
				return 1
			}
			return 0
		}
		if len(views) == 0 {
			fmt.Fprintln(stdout, "No saved views. Save one from the map's Views menu.")
		}
		for _, v := range views {
			fmt.Fprintf(stdout, "%s\t%s\n", termLine(v.Name), termLine(describeView(v.State)))
		}
		return 0
	}
	var target *pln.View
	for i := range views {
		if pln.SameViewName(views[i].Name, cmd.text[0]) {
			target = &views[i]
		}
	}
	if target == nil {
		fmt.Fprintf(stderr, "plexus views %s: there is no saved view named %q (plexus views lists them)\n", cmd.sub, cmd.text[0])
		return 2
	}
	if cmd.sub == "delete" {
		err = svc.Views.DeleteView(target.ID)
	} else {
		_, err = svc.Views.RenameView(target.ID, cmd.text[1])
	}
	if err == nil {
		err = printNewestStep(svc, stdout)
	}
	if err != nil {
		return fail(stderr, log, "plexus views "+cmd.sub, err)
	}
	return 0
}

// describeView says in words what a view shows: "colour by context, size
// by degree; hides status archived; only tags rust; focus 2 nodes, 1 step".
func describeView(s pln.ViewState) string {
	parts := []string{"colour by " + s.Color + ", size by " + s.Size}
	dims := make([]string, 0, len(s.Hidden))
	for d := range s.Hidden {
		dims = append(dims, d)
	}
	sort.Strings(dims)
	var hides []string
	for _, d := range dims {
		vs := make([]string, len(s.Hidden[d]))
		for i, v := range s.Hidden[d] {
			if v == "" {
				v = "(not set)"
			}
			vs[i] = v
		}
		hides = append(hides, d+" "+strings.Join(vs, ", "))
	}
	if len(hides) > 0 {
		parts = append(parts, "hides "+strings.Join(hides, "; "))
	}
	if len(s.Tags) > 0 {
		parts = append(parts, "only tags "+strings.Join(s.Tags, ", "))
	}
	if f := s.Focus; f != nil {
		unit := "steps"
		if f.Steps == 1 {
			unit = "step"
		}
		parts = append(parts, fmt.Sprintf("focus on %d node(s), %d %s", len(f.NodeIDs), f.Steps, unit))
	}
	return strings.Join(parts, "; ")
}
