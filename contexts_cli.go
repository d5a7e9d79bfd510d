package main

import (
	"fmt"
	"io"
	"log/slog"
	"reflect"

	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/service"
)

// ctxArgs are the parts of "plexus contexts …" (parseContextsArgs).
type ctxArgs struct {
	words []string // NAME (add, delete) or OLD NEW (rename)
	force bool     // delete --force: take the context off the nodes too
}

// contextsSubs are the words after "plexus contexts" ("" lists).
var contextsSubs = map[string]bool{"list": true, "add": true, "rename": true, "delete": true}

const contextsUsage = `  plexus contexts [list] [--json] [--data-dir DIR]       the context list in its order, one a line: name, nodes
                                                         using it; then "unlisted" ones nodes carry outside it
  plexus contexts add NAME | rename OLD NEW | delete NAME [--force]
                                                         add (or adopt an unlisted) context; rename it in the
                                                         list and on every node; delete it (a context nodes use
                                                         needs --force, which takes it off them): one step each
`

// parseContextsArgs parses the words after "plexus contexts" into c.
func parseContextsArgs(c command, args []string) (command, error) {
	err := subcommandArgs(&c, "contexts", "list, add, rename or delete", func(a string) bool { return contextsSubs[a] }, args,
		func(w string) { c.ctx.words = append(c.ctx.words, w) },
		func(name string, _ func() (string, error)) (bool, error) {
			if name == "force" {
				c.ctx.force = true
				return true, nil
			}
			return false, nil
		})
	if err != nil {
		return c, err
	}
	if c.sub == "" {
		c.sub = "list"
	}
	want := map[string]int{"list": 0, "add": 1, "rename": 2, "delete": 1}[c.sub]
	switch {
	case c.help:
	case len(c.ctx.words) != want && c.sub == "rename":
		return c, fmt.Errorf("plexus contexts rename needs OLD and NEW (quote names with spaces)")
	case len(c.ctx.words) != want && c.sub == "list":
		return c, fmt.Errorf("plexus contexts list takes no arguments")
	case len(c.ctx.words) != want:
		return c, fmt.Errorf("plexus contexts %s needs one NAME (quote a name with spaces)", c.sub)
	case c.ctx.force && c.sub != "delete":
		return c, fmt.Errorf("--force is for plexus contexts delete")
	}
	return c, nil
}

// runContexts is "plexus contexts …" (NetworkService's context list). A
// change is one step of the history; it prints the step (or, with --json,
// the list after it).
func runContexts(cmd command, dir string, log *slog.Logger, stdout, stderr io.Writer) int {
	what := "plexus contexts " + cmd.sub
	st, svc, err := openCommandStore(dir, log, stderr)
	if err != nil {
		return fail(stderr, log, what, err)
	}
	defer closeStore(st, svc, log)
	w := cmd.ctx.words
	var before service.ContextList // a rename to the same name changes nothing: told apart by the list before
	if cmd.sub == "rename" {
		if before, err = svc.Network.Contexts(); err != nil {
			return fail(stderr, log, what, err)
		}
	}
	var l service.ContextList
	switch cmd.sub {
	case "add":
		l, err = svc.Network.AddContext(w[0])
	case "rename":
		l, err = svc.Network.RenameContext(w[0], w[1])
	case "delete":
		l, err = svc.Network.DeleteContext(w[0], cmd.ctx.force)
	default:
		l, err = svc.Network.Contexts()
	}
	if err != nil {
		code := fail(stderr, log, what, err)
		if c := pln.CodeOf(err); c == pln.CodeNotFound || c == pln.CodeConflict {
			code = 2 // refused input: no such context, or one nodes use (README "Exit status")
		}
		return code
	}
	if cmd.json {
		return printJSON(stdout, stderr, l)
	}
	if cmd.sub == "rename" && reflect.DeepEqual(before, l) {
		// The same name (or the same up to spaces at its ends): no step was logged.
		fmt.Fprintln(stdout, "Nothing changed: the context "+quoteText(pln.TrimTag(w[0]))+" already has that name.")
		return 0
	}
	if cmd.sub != "list" {
		if err := printNewestStep(svc, stdout); err != nil {
			return fail(stderr, log, what, err)
		}
		return 0
	}
	for _, c := range l.Contexts {
		fmt.Fprintf(stdout, "%s\t%d\n", termLine(c.Name), c.Nodes)
	}
	for _, c := range l.Unlisted {
		fmt.Fprintf(stdout, "%s\t%d\tunlisted\n", termLine(c.Name), c.Nodes)
	}
	return 0
}
