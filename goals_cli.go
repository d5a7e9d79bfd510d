package main

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/service"
)

// goalArgs are the parts of "plexus goals …" (parseGoalsArgs).
type goalArgs struct {
	words       []string // the positional words after the subcommand
	status      string   // --status
	target      string   // --target
	description string   // --description
	title       string   // goals set --title
	hasStatus   bool
	hasTarget   bool
	hasDesc     bool
	hasTitle    bool
}

// goalsSubs are the words after "plexus goals" ("" lists).
var goalsSubs = map[string]int{"add": 1, "link": 2, "unlink": 2, "set": 1, "delete": 1, "list": 0}

const goalsUsage = `  plexus goals [list] [--json] [--data-dir DIR]          the learning goals, one a line: id, status, target date (or
                                                         "-"), helpers, title, and "nobody helping" when no
                                                         node helps; tab-separated, or JSON
  plexus goals add TITLE [--status S] [--target DATE] [--description TEXT]
  plexus goals set GOAL [--title NEW] [--status S] [--target DATE] [--description TEXT]
  plexus goals link|unlink GOAL NODE
  plexus goals delete GOAL                               each one step (plexus undo takes it back); S: active,
                                                         paused, achieved, dropped; DATE YYYY-MM-DD ("" clears
                                                         it); GOAL by title or id, NODE by label or id (case,
                                                         accents and spacing aside; none or several: listed
                                                         with their ids, exit 2); add refuses a title an
                                                         existing goal has (exit 2); a set, link or unlink
                                                         that changes nothing says "Nothing changed"
`

// parseGoalsArgs parses the words after "plexus goals" into c.
func parseGoalsArgs(c command, args []string) (command, error) {
	err := subcommandArgs(&c, "goals", "list, add, set, link, unlink or delete", func(a string) bool { _, ok := goalsSubs[a]; return ok }, args,
		func(w string) { c.goal.words = append(c.goal.words, w) },
		func(name string, take func() (string, error)) (ok bool, err error) {
			switch name {
			case "status":
				c.goal.status, err = take()
				c.goal.hasStatus = true
			case "target":
				c.goal.target, err = take()
				c.goal.hasTarget = true
			case "description":
				c.goal.description, err = take()
				c.goal.hasDesc = true
			case "title":
				c.goal.title, err = take()
				c.goal.hasTitle = true
			default:
				return false, nil
			}
			return true, err
		})
	if err != nil {
		return c, err
	}
	if c.sub == "" {
		c.sub = "list"
	}
	if n := goalsSubs[c.sub]; len(c.goal.words) != n {
		return c, fmt.Errorf("plexus goals %s takes %d argument(s) (%s), not %d", c.sub, n, map[int]string{0: "none", 1: "GOAL or TITLE", 2: "GOAL NODE"}[n], len(c.goal.words))
	}
	if c.goal.hasStatus && !isGoalStatus(c.goal.status) {
		return c, fmt.Errorf("--status %q is not one of active, paused, achieved, dropped", c.goal.status)
	}
	if (c.sub != "add" && c.sub != "set") && (c.goal.hasStatus || c.goal.hasTarget || c.goal.hasDesc) {
		return c, fmt.Errorf("plexus goals %s takes no --status, --target or --description", c.sub)
	}
	if c.sub != "set" && c.goal.hasTitle {
		return c, fmt.Errorf("--title is for plexus goals set (plexus goals add takes the TITLE itself)")
	}
	if c.sub == "set" && !(c.goal.hasStatus || c.goal.hasTarget || c.goal.hasDesc || c.goal.hasTitle) {
		return c, fmt.Errorf("plexus goals set needs what to change: --title, --status, --target or --description")
	}
	if c.goal.hasTitle && strings.TrimSpace(c.goal.title) == "" {
		return c, fmt.Errorf("--title needs the goal's new title")
	}
	if c.json && c.sub != "list" {
		return c, fmt.Errorf("--json is for plexus goals list")
	}
	return c, nil
}

func isGoalStatus(s string) bool {
	for _, x := range pln.GoalStatuses {
		if string(x) == s {
			return true
		}
	}
	return false
}

// goalLine is one goal of "plexus goals --json".
type goalLine struct {
	ID            string         `json:"id"`
	Title         string         `json:"title"`
	Status        pln.GoalStatus `json:"status"`
	TargetDate    string         `json:"targetDate"`
	Helpers       []string       `json:"helpers"` // labels
	NodeIDs       []string       `json:"nodeIds"`
	NobodyHelping bool           `json:"nobodyHelping"`
	Description   string         `json:"description"`
}

// runGoals is "plexus goals …" (GoalService; each write one undoable step).
// A write that changes nothing (a link already there, a set to the values
// the goal has) logs no step and prints "Nothing changed: …".
func runGoals(cmd command, dir string, log *slog.Logger, stdout, stderr io.Writer) int {
	what := "plexus goals " + cmd.sub
	st, svc, err := openCommandStore(dir, log, stderr)
	if err != nil {
		return fail(stderr, log, what, err)
	}
	defer closeStore(st, svc, log)
	g := cmd.goal
	err = func() error {
		if cmd.sub == "list" {
			return listGoals(svc, cmd.json, stdout)
		}
		before, err := newestStepID(svc)
		if err != nil {
			return err
		}
		if cmd.sub == "add" {
			f := pln.GoalFields{Title: g.words[0], Status: pln.GoalStatus(g.status), TargetDate: g.target, Description: g.description}
			if _, err := svc.Goals.CreateGoal(f); err != nil {
				return err
			}
			return printStep(svc, before, "", stdout)
		}
		goal, err := goalByRef(svc, g.words[0], what, stderr)
		if err != nil {
			return err
		}
		title := quoteText(goal.Goal.Title)
		var nothing string
		switch cmd.sub {
		case "set":
			f := goal.Goal.Fields()
			if g.hasTitle {
				f.Title = g.title // a title another goal has: invalid (GoalService), exit 2
			}
			if g.hasStatus {
				f.Status = pln.GoalStatus(g.status)
			}
			if g.hasTarget {
				f.TargetDate = g.target
			}
			if g.hasDesc {
				f.Description = g.description
			}
			if _, err = svc.Goals.UpdateGoal(goal.Goal.ID, f); err != nil {
				return err
			}
			nothing = "the goal " + title + " already has these values."
		case "delete":
			if err = svc.Goals.DeleteGoal(goal.Goal.ID); err != nil {
				return err
			}
		case "link", "unlink":
			node, err := nodeByRef(svc, g.words[1], what, stderr)
			if err != nil {
				return err
			}
			label := quoteText(node.Label)
			if cmd.sub == "link" {
				_, err = svc.Goals.LinkNode(goal.Goal.ID, node.ID)
				nothing = label + " already helps with " + title + "."
			} else {
				_, err = svc.Goals.UnlinkNode(goal.Goal.ID, node.ID)
				nothing = label + " does not help with " + title + "."
			}
			if err != nil {
				return err
			}
		}
		return printStep(svc, before, nothing, stdout)
	}()
	if errors.Is(err, errUsage) {
		return 2
	}
	if err != nil {
		return fail(stderr, log, what, err)
	}
	return 0
}

// quoteText is s in “curly quotes”, made safe for the terminal (termLine).
func quoteText(s string) string { return "“" + termLine(s) + "”" }

// goalByRef finds the goal ref names: the goal whose id is ref, else the
// one goal titled ref (service.SameGoalTitle). None, or several (listed on stderr with
// their ids), is errUsage after saying so.
func goalByRef(svc *service.Services, ref, what string, stderr io.Writer) (service.GoalView, error) {
	gs, err := svc.Goals.Goals()
	if err != nil {
		return service.GoalView{}, err
	}
	var found []service.GoalView
	for _, g := range gs {
		if g.Goal.ID == strings.ToLower(strings.TrimSpace(ref)) {
			return g, nil
		}
		if service.SameGoalTitle(g.Goal.Title, ref) {
			found = append(found, g)
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		fmt.Fprintf(stderr, "%s: no goal is titled %q, nor has that id; plexus goals lists them\n", what, ref)
	default:
		fmt.Fprintf(stderr, "%s: %d goals are titled %q; use its id to say which (or rename one: plexus goals set ID --title NEW):\n", what, len(found), ref)
		for _, g := range found {
			fmt.Fprintf(stderr, "  %s\t%s\t%s\n", g.Goal.ID, g.Goal.Status, termLine(g.Goal.Title))
		}
	}
	return service.GoalView{}, errUsage
}

// listGoals prints every goal: id, status, target date ("-"), helpers count,
// title, and "nobody helping"; tab-separated, or a JSON array.
func listGoals(svc *service.Services, asJSON bool, w io.Writer) error {
	gs, err := svc.Goals.Goals()
	if err != nil {
		return err
	}
	nw, err := svc.Network.Network()
	if err != nil {
		return err
	}
	labels := map[string]string{}
	for _, n := range nw.Nodes {
		labels[n.ID] = n.Label
	}
	if asJSON {
		out := []goalLine{}
		for _, g := range gs {
			l := goalLine{ID: g.Goal.ID, Title: g.Goal.Title, Status: g.Goal.Status, TargetDate: g.Goal.TargetDate, Helpers: []string{},
				NodeIDs: append([]string{}, g.Goal.NodeIDs...), NobodyHelping: g.NobodyHelping, Description: g.Goal.Description}
			for _, id := range g.Goal.NodeIDs {
				l.Helpers = append(l.Helpers, labels[id])
			}
			out = append(out, l)
		}
		return writeJSON(w, out)
	}
	if len(gs) == 0 {
		fmt.Fprintln(w, `No goals yet; plexus goals add "Learn Rust" adds one.`)
		return nil
	}
	for _, g := range gs {
		target := g.Goal.TargetDate
		if target == "" {
			target = "-"
		}
		line := fmt.Sprintf("%s\t%s\t%s\t%d helping\t%s", g.Goal.ID, g.Goal.Status, target, len(g.Goal.NodeIDs), termLine(g.Goal.Title))
		if g.NobodyHelping {
			line += "\tnobody helping"
		}
		fmt.Fprintln(w, line)
	}
	return nil
}
