package main

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/plexus-pln/plexus/backend/search"
	"github.com/plexus-pln/plexus/backend/service"
)

// runSearch is "plexus search [--json] [--type T] [--tag T] [--node LABEL]
// [--goal GOAL] [--from DATE] [--to DATE] [--limit N] QUERY": the hits one
// a line, tab separated: kind, the entry's date or the node's label, and the
// snippet with matched terms in [brackets] (user text escaped: termText);
// or a JSON search.Result. --node and --goal take a label or title, or an
// id; one matching none or several is exit status 2 (as for plexus journal
// and plexus goals).
func runSearch(cmd command, dir string, log *slog.Logger, stdout, stderr io.Writer) int {
	const what = "plexus search"
	st, svc, err := openCommandStore(dir, log, stderr)
	if err != nil {
		return fail(stderr, log, what, err)
	}
	defer closeStore(st, svc, log)
	f := service.SearchFilters{Tags: cmd.tags, From: cmd.from, To: cmd.to, Limit: cmd.limit}
	if cmd.entryType != "" {
		f.Types = []string{cmd.entryType}
	}
	for _, ref := range cmd.nodes {
		n, err := nodeByRef(svc, ref, what, stderr)
		if errors.Is(err, errUsage) {
			return 2
		}
		if err != nil {
			return fail(stderr, log, what, err)
		}
		f.NodeIDs = append(f.NodeIDs, n.ID)
	}
	for _, ref := range cmd.goals {
		g, err := goalByRef(svc, ref, what, stderr)
		if errors.Is(err, errUsage) {
			return 2
		}
		if err != nil {
			return fail(stderr, log, what, err)
		}
		f.GoalIDs = append(f.GoalIDs, g.Goal.ID)
	}
	res, err := svc.Search.Search(strings.Join(cmd.text, " "), f)
	if err != nil {
		return fail(stderr, log, what, err) // a bad query or filter: exit 2
	}
	if cmd.json {
		if err := writeJSON(stdout, res); err != nil {
			fmt.Fprintln(stderr, what+":", err)
			return 1
		}
		return 0
	}
	if len(res.Hits) == 0 {
		fmt.Fprintln(stdout, "No hits.")
		return 0
	}
	for _, h := range res.Hits {
		fmt.Fprintf(stdout, "%s\t%s\t%s\n", h.Kind, termLine(h.Title), termText(plainSnippet(h.Snippet)))
	}
	if res.Total > len(res.Hits) {
		fmt.Fprintf(stdout, "… %d more hits not shown (--limit up to %d)\n", res.Total-len(res.Hits), search.MaxLimit)
	}
	return 0
}

// plainSnippet writes a snippet on one line, matched terms in [brackets].
func plainSnippet(sp []search.Span) string {
	var b strings.Builder
	for _, s := range sp {
		t := strings.Join(strings.Fields(s.Text), " ")
		if strings.HasPrefix(s.Text, " ") {
			t = " " + t
		}
		if strings.HasSuffix(s.Text, " ") && t != " " {
			t += " "
		}
		if s.Mark {
			b.WriteString("[" + t + "]")
		} else {
			b.WriteString(t)
		}
	}
	return strings.TrimSpace(b.String())
}
