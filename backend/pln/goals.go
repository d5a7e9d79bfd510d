package pln

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// GoalStatus is a learning goal's state (issue 9, "Goals").
type GoalStatus string

// The goal statuses. A new goal is active unless told otherwise.
const (
	GoalActive   GoalStatus = "active"
	GoalPaused   GoalStatus = "paused"
	GoalAchieved GoalStatus = "achieved"
	GoalDropped  GoalStatus = "dropped"
)

// GoalStatuses lists every GoalStatus (the frontend contract is generated from it).
var GoalStatuses = []GoalStatus{GoalActive, GoalPaused, GoalAchieved, GoalDropped}

// Goal limits (characters unless the name says otherwise).
const (
	MaxGoalTitleLen       = MaxLabelLen // title, after trimming; at least 1
	MaxGoalDescriptionLen = MaxNoteLen  // description (Markdown)
	MaxGoalNodes          = 500         // nodes helping one goal
	MaxGoals              = 1000        // goals in one data folder
)

// Goal is a learning goal of the ego: what they want to learn, and the
// alters that help (NodeIDs, in the order they were linked; never the
// ego). TargetDate is an optional calendar date, "YYYY-MM-DD" (no time or
// zone: a day on the user's calendar), "" when none. Description is
// Markdown. IDs are UUIDv7 strings. Reads list only visible nodes in
// NodeIDs (as entries do).
type Goal struct {
	ID          string     `json:"id"`
	Title       string     `json:"title"`
	Description string     `json:"description,omitempty"`
	Status      GoalStatus `json:"status"`
	TargetDate  string     `json:"targetDate,omitempty"`
	NodeIDs     []string   `json:"nodeIds,omitempty"`
	CreatedAt   time.Time  `json:"createdAt"`
	UpdatedAt   time.Time  `json:"updatedAt"`
}

// GoalFields are the fields of a goal the user edits (CreateGoal,
// UpdateGoal). The helpers are linked one by one (LinkNode), not here.
type GoalFields struct {
	Title       string     `json:"title"`
	Description string     `json:"description"`
	Status      GoalStatus `json:"status"` // empty means active
	TargetDate  string     `json:"targetDate"`
}

// Fields returns the editable fields of g.
func (g *Goal) Fields() GoalFields {
	return GoalFields{Title: g.Title, Description: g.Description, Status: g.Status, TargetDate: g.TargetDate}
}

// SetFields copies f into g.
func (g *Goal) SetFields(f GoalFields) {
	g.Title, g.Description, g.Status, g.TargetDate = f.Title, f.Description, f.Status, f.TargetDate
}

// Normalize trims and checks a goal's fields in place: a title of 1–
// MaxGoalTitleLen characters on one line; a description of at most
// MaxGoalDescriptionLen characters of UTF-8 text; a status among
// GoalStatuses (empty: active); a target date "" or YYYY-MM-DD in years
// 1–9999 (also accepted: an RFC 3339 time, whose date part is kept).
// Errors are Invalid or TooLarge, naming the field.
func (f *GoalFields) Normalize() error {
	title, err := normalizeLine("goal title", "say what you want to learn", f.Title, MaxGoalTitleLen)
	if err != nil {
		return err
	}
	f.Title = title
	if !utf8.ValidString(f.Description) {
		return Invalid("The goal description is not valid UTF-8 text.")
	}
	f.Description = strings.TrimSpace(f.Description)
	if n := utf8.RuneCountInString(f.Description); n > MaxGoalDescriptionLen {
		return TooLarge("The goal description is %d characters; the limit is %d.", n, MaxGoalDescriptionLen)
	}
	if f.Status == "" {
		f.Status = GoalActive
	}
	if !slices.Contains(GoalStatuses, f.Status) {
		return Invalid("The goal status %q is not one of active, paused, achieved, dropped.", truncate(string(f.Status), 40))
	}
	d, err := NormalizeGoalDate(f.TargetDate)
	if err != nil {
		return err
	}
	f.TargetDate = d
	return nil
}

// NormalizeGoalDate trims s and checks it is "" or a calendar date
// YYYY-MM-DD (years 1–9999; an RFC 3339 time gives its date part).
func NormalizeGoalDate(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		t2, err2 := time.Parse(time.RFC3339, s)
		if err2 != nil {
			return "", Invalid("The target date %q is not a date like 2026-12-31.", truncate(s, 40))
		}
		t = t2
	}
	if y := t.Year(); y < 1 || y > 9999 {
		return "", Invalid("The target date %q is outside years 1–9999.", truncate(s, 40))
	}
	return t.Format(time.DateOnly), nil
}

// CheckGoal checks a whole goal record (a backup's): its id, its fields
// (normalized in place), its node ids (canonical, no repeats, at most
// MaxGoalNodes). Whether the nodes exist is the caller's check.
func CheckGoal(g *Goal) error {
	if err := CheckID("goal", g.ID); err != nil {
		return err
	}
	f := g.Fields()
	if err := f.Normalize(); err != nil {
		return err
	}
	g.SetFields(f)
	var ids []string
	for _, id := range g.NodeIDs {
		if err := CheckID("helping node", id); err != nil {
			return err
		}
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	if len(ids) > MaxGoalNodes {
		return TooLarge("The goal has %d helping nodes; the limit is %d.", len(ids), MaxGoalNodes)
	}
	g.NodeIDs = ids
	return nil
}

// GoalsChanged says which goals changed, and why (a Reason: create,
// update, delete, unlink when deleting a node removed it from goals, undo,
// redo, restore; empty GoalIDs with undo, redo or restore: reload all).
type GoalsChanged struct {
	Reason  string   `json:"reason"`
	GoalIDs []string `json:"goalIds,omitempty"`
}
