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
	hasStatus   bool
	hasTarget   bool
	hasDesc     bool
}

// goalsSubs are the words after "plexus goals" ("" lists).
var goalsSubs = map[string]int{"add": 1, "link": 2, "unlink": 2, "set": 1, "delete": 1, "list": 0}

const goalsUsage = `  plexus goals [list] [--json] [--data-dir DIR]        the learning goals, one a line: status, target date (or
                                                         "-"), helpers, title, and "nobody helping" when no
                                                         node helps; tab-separated, or JSON
  plexus goals add TITLE [--status S] [--target DATE] [--description TEXT]
  plexus goals set GOAL [--status S] [--target DATE] [--description TEXT]
  plexus goals link|unlink GOAL NODE
  plexus goals delete GOAL                               each one step (plexus undo takes it back); S: active,
                                                         paused, achieved, dropped; DATE YYYY-MM-DD ("" clears
                                                         it); GOAL by title, NODE by label (case, accents and
                                                         spacing aside; none or several: listed, exit 2)
`

// parseGoalsArgs parses the words after "plexus goals" into c.
func parseGoalsArgs(c command, args []string) (command, error) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		name, val, hasVal := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "--") || a == "--" {
			if c.sub == "" {
				if _, ok := goalsSubs[a]; !ok {
					return c, fmt.Errorf("unknown plexus goals command %q; use list, add, set, link, unlink or delete", a)
				}
				c.sub = a
				continue
			}
			c.goal.words = append(c.goal.words, a)
			continue
		}
		take := func() (string, error) {
			if hasVal {
				return val, nil
			}
			if i+1 >= len(args) {
				return "", fmt.Errorf("--%s needs a value", name)
			}
			i++
			return args[i], nil
		}
		var err error
		switch name {
		case "data-dir":
			c.dataDir, err = take()
		case "json":
			c.json = true
		case "help", "h":
			c.help = true
		case "status":
			c.goal.status, err = take()
			c.goal.hasStatus = true
		case "target":
			c.goal.target, err = take()
			c.goal.hasTarget = true
		case "description":
			c.goal.description, err = take()
			c.goal.hasDesc = true
		default:
			return c, fmt.Errorf("plexus goals does not take --%s", name)
		}
		if err != nil {
			return c, err
		}
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
func runGoals(cmd command, dir string, log *slog.Logger, stdout, stderr io.Writer) int {
	what := "plexus goals " + cmd.sub
	st, svc, err := openCommandStore(dir, log, stderr)
	if err != nil {
		fmt.Fprintln(stderr, what+":", userMessage(log, err))
		return 1
	}
	defer closeStore(st, svc, log)
	g := cmd.goal
	err = func() error {
		switch cmd.sub {
		case "list":
			return listGoals(svc, cmd.json, stdout)
		case "add":
			f := pln.GoalFields{Title: g.words[0], Status: pln.GoalStatus(g.status), TargetDate: g.target, Description: g.description}
			if _, err := svc.Goals.CreateGoal(f); err != nil {
				return err
			}
			return printNewestStep(svc, stdout)
		}
		goal, err := goalByTitle(svc, g.words[0], what, stderr)
		if err != nil {
			return err
		}
		switch cmd.sub {
		case "set":
			f := goal.Goal.Fields()
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
		case "delete":
			if err = svc.Goals.DeleteGoal(goal.Goal.ID); err != nil {
				return err
			}
		case "link", "unlink":
			node, err := nodeByLabel(svc, g.words[1], what, stderr)
			if err != nil {
				return err
			}
			if cmd.sub == "link" {
				_, err = svc.Goals.LinkNode(goal.Goal.ID, node)
			} else {
				_, err = svc.Goals.UnlinkNode(goal.Goal.ID, node)
			}
			if err != nil {
				return err
			}
		}
		return printNewestStep(svc, stdout)
	}()
	if errors.Is(err, errUsage) {
		return 2
	}
	if err != nil {
		fmt.Fprintln(stderr, what+":", userMessage(log, err))
		return 1
	}
	return 0
}

// goalByTitle finds the one goal titled title (case and spacing aside).
// None, or several (listed on stderr), is errUsage after saying so.
func goalByTitle(svc *service.Services, title, what string, stderr io.Writer) (service.GoalView, error) {
	gs, err := svc.Goals.Goals()
	if err != nil {
		return service.GoalView{}, err
	}
	want := strings.Join(strings.Fields(strings.ToLower(title)), " ")
	var found []service.GoalView
	for _, g := range gs {
		if strings.Join(strings.Fields(strings.ToLower(g.Goal.Title)), " ") == want {
			found = append(found, g)
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		fmt.Fprintf(stderr, "%s: no goal is titled %q; plexus goals lists them\n", what, title)
	default:
		fmt.Fprintf(stderr, "%s: %d goals are titled %q; rename one so that the title says which:\n", what, len(found), title)
		for _, g := range found {
			fmt.Fprintf(stderr, "  %s\t%s\t%s\n", g.Goal.ID, g.Goal.Status, g.Goal.Title)
		}
	}
	return service.GoalView{}, errUsage
}

// listGoals prints every goal: status, target date ("-"), helpers count,
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
		line := fmt.Sprintf("%s\t%s\t%d helping\t%s", g.Goal.Status, target, len(g.Goal.NodeIDs), g.Goal.Title)
		if g.NobodyHelping {
			line += "\tnobody helping"
		}
		fmt.Fprintln(w, line)
	}
	return nil
}
