package service

import (
	"cmp"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/store"
)

// Activity: what the journal says about each alter (docs/decisions/activity.md).
// It is computed on every read from the entries that link the node (the
// mention index, keys only), the node's cadence and status and the quiet
// period setting, so it can never drift from the journal: creating,
// editing, deleting an entry, undo, redo, imports and restores all show at
// the next read. The ego has no activity (it has no ego tie).
//
// Every entry that links a node counts as an interaction with it, whatever
// its type (product.md: "every journal entry that mentions a node counts as
// one"). An entry dated in the future counts from its date.

// NodeActivity is the activity of one alter (JournalService.NodeActivity).
// Times are RFC 3339 in UTC; "" when there is none.
type NodeActivity struct {
	NodeID string `json:"nodeId"`
	// LastInteraction is the newest occurredAt of the entries linking the
	// node (it may lie in the future); Interactions how many entries link it.
	LastInteraction string `json:"lastInteraction"`
	Interactions    int    `json:"interactions"`
	// Cadence is the node's cadence in days (0: none). With one, DueAt is
	// when contact is due: Cadence days after the last interaction, or
	// after the cadence was set when there is none yet. Due is true once
	// now is past DueAt, and OverdueDays counts the whole days since
	// (0 on the first day; 0 when not due).
	Cadence     int    `json:"cadence"`
	DueAt       string `json:"dueAt"`
	Due         bool   `json:"due"`
	OverdueDays int    `json:"overdueDays"`
	// Status is the effective status: the node's own when set by hand
	// (Computed false), else computed (Computed true): dormant when there
	// has been no interaction for longer than the quiet period (counted
	// from when the node was added while it has none), else active.
	Status   pln.Status `json:"status"`
	Computed bool       `json:"computed"`
	// Reason says why, for a tooltip: "no interaction since 2026-08-01
	// (quiet period 90 days)".
	Reason string `json:"reason"`
}

// ActivityColumns is the activity of every alter as parallel arrays (index
// i of every column is alter i, in node-id order): the compact form the map
// reads (JournalService.Activity, GET /api/activity). The columns are
// NodeActivity's fields.
type ActivityColumns struct {
	Version int `json:"version"` // 1
	// At is the time the activity was computed for (RFC 3339, UTC): due
	// and dormant move with the clock, not only with edits.
	At              string              `json:"at"`
	QuietPeriodDays int                 `json:"quietPeriodDays"`
	Nodes           ActivityNodeColumns `json:"nodes"`
}

// ActivityNodeColumns are the columns of ActivityColumns.
type ActivityNodeColumns struct {
	ID              []string     `json:"id"`
	LastInteraction []string     `json:"lastInteraction"`
	Interactions    []int        `json:"interactions"`
	Cadence         []int        `json:"cadence"`
	DueAt           []string     `json:"dueAt"`
	Due             []bool       `json:"due"`
	OverdueDays     []int        `json:"overdueDays"`
	Status          []pln.Status `json:"status"`
	Computed        []bool       `json:"computed"`
	Reason          []string     `json:"reason"`
}

// DueNode is one line of the due-to-reconnect list (JournalService.Due).
type DueNode struct {
	NodeID          string   `json:"nodeId"`
	Label           string   `json:"label"`
	Kind            pln.Kind `json:"kind"`
	Cadence         int      `json:"cadence"`
	DueAt           string   `json:"dueAt"`
	OverdueDays     int      `json:"overdueDays"`
	LastInteraction string   `json:"lastInteraction"` // "" none yet
}

const day = 24 * time.Hour

// activityOf computes n's activity at now from the count and newest date
// of the entries linking it. Dates in reasons are written in loc.
func activityOf(n pln.Node, count int, last, now time.Time, quiet int, loc *time.Location) NodeActivity {
	return quietRule{quiet, quietNote(quiet), loc}.of(n, count, last, now)
}

// quietRule is the quiet period with its note for reasons, made once for
// a read of every alter.
type quietRule struct {
	days int
	note string // "(quiet period 90 days)"
	loc  *time.Location
}

func quietNote(days int) string { return fmt.Sprintf("(quiet period %d days)", days) }

func (q quietRule) of(n pln.Node, count int, last, now time.Time) NodeActivity {
	quiet, period, loc := q.days, q.note, q.loc
	a := NodeActivity{NodeID: n.ID, Interactions: count, Cadence: n.Cadence}
	if count > 0 {
		a.LastInteraction = rfc3339(last)
	}
	if n.Cadence > 0 {
		from := n.CadenceStart()
		if count > 0 {
			from = last
		}
		due := from.Add(time.Duration(n.Cadence) * day)
		a.DueAt = rfc3339(due)
		if now.After(due) {
			a.Due = true
			a.OverdueDays = int(now.Sub(due) / day)
		}
	}
	date := func(t time.Time) string { return t.In(loc).Format(time.DateOnly) }
	if n.Status != "" {
		a.Status, a.Reason = n.Status, "status set by hand"
		return a
	}
	a.Computed = true
	from := n.CreatedAt
	if count > 0 {
		from = last
	}
	a.Status = pln.StatusActive
	if now.Sub(from) > time.Duration(quiet)*day {
		a.Status = pln.StatusDormant
	}
	switch {
	case a.Status == pln.StatusDormant && count > 0:
		a.Reason = "no interaction since " + date(last) + " " + period
	case a.Status == pln.StatusDormant:
		a.Reason = "no interaction since it was added on " + date(n.CreatedAt) + " " + period
	case count > 0:
		a.Reason = "last interaction " + date(last) + " " + period
	default:
		a.Reason = "added " + date(n.CreatedAt) + ", no interaction yet " + period
	}
	return a
}

func rfc3339(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// activityAll computes every alter's activity at now and calls fn with
// each, in node-id order, with the alter (only the fields activity reads:
// id, label, kind, status, cadence and its time, created and updated), and
// returns the quiet period it used. The inputs come from the activity
// cache (activitycache.go), which reads from the store only what changed
// since its last read; fn runs under its lock and must not keep n.
func (c *core) activityAll(now time.Time, fn func(n pln.Node, a NodeActivity)) (quiet int, err error) {
	err = c.act.read(c.st, func(nodes []pln.Node, stats map[string]mentionStat, q int) error {
		quiet = q
		rule := quietRule{q, quietNote(q), now.Location()}
		for _, n := range nodes {
			s := stats[n.ID]
			fn(n, rule.of(n, s.count, s.last, now))
		}
		return nil
	})
	return quiet, err
}

// Activity returns the activity of every alter in columnar form (for the
// map: effective status, due, last interaction), computed from the journal
// in one transaction at the current time. The map reads it over HTTP (GET
// /api/activity, the same body); the bound method is for Go callers, tests
// and small networks.
func (s *JournalService) Activity() (a ActivityColumns, err error) {
	defer recoverInto(s.c.log, "JournalService.Activity", &err)
	return s.c.activity()
}

func (c *core) activity() (a ActivityColumns, err error) {
	c.gate.RLock()
	defer c.gate.RUnlock()
	now := c.now()
	var all []NodeActivity
	quiet, err := c.activityAll(now, func(_ pln.Node, a NodeActivity) { all = append(all, a) })
	if err != nil {
		return ActivityColumns{}, err
	}
	return activityColumns(all, quiet, now), nil
}

func activityColumns(all []NodeActivity, quiet int, now time.Time) ActivityColumns {
	k := len(all)
	a := ActivityColumns{Version: 1, At: rfc3339(now), QuietPeriodDays: quiet}
	c := &a.Nodes
	c.ID, c.LastInteraction, c.Interactions = make([]string, k), make([]string, k), make([]int, k)
	c.Cadence, c.DueAt, c.Due, c.OverdueDays = make([]int, k), make([]string, k), make([]bool, k), make([]int, k)
	c.Status, c.Computed, c.Reason = make([]pln.Status, k), make([]bool, k), make([]string, k)
	for i, x := range all {
		c.ID[i], c.LastInteraction[i], c.Interactions[i] = x.NodeID, x.LastInteraction, x.Interactions
		c.Cadence[i], c.DueAt[i], c.Due[i], c.OverdueDays[i] = x.Cadence, x.DueAt, x.Due, x.OverdueDays
		c.Status[i], c.Computed[i], c.Reason[i] = x.Status, x.Computed, x.Reason
	}
	return a
}

// NodeActivity returns the activity of alter id (invalid for a malformed
// id or the ego, not_found when missing).
func (s *JournalService) NodeActivity(id string) (a NodeActivity, err error) {
	defer recoverInto(s.c.log, "JournalService.NodeActivity", &err)
	if err := pln.CheckID("node", id); err != nil {
		return NodeActivity{}, err
	}
	s.c.gate.RLock()
	defer s.c.gate.RUnlock()
	now := s.c.now()
	err = s.c.st.View(func(tx *store.Tx) error {
		n, err := tx.GetNode(id)
		if err != nil {
			return err
		}
		if n.Ego {
			return pln.Invalid("The ego has no activity of its own: activity is about the alters.")
		}
		set, err := tx.Settings()
		if err != nil {
			return err
		}
		count, last, err := tx.NodeMentionStats(id)
		if err != nil {
			return err
		}
		a = activityOf(n, count, last, now, set.QuietPeriod(), now.Location())
		return nil
	})
	return a, err
}

// Due returns the alters due to reconnect (a cadence, and no interaction
// for longer than it), most overdue first (then by label).
func (s *JournalService) Due() (due []DueNode, err error) {
	defer recoverInto(s.c.log, "JournalService.Due", &err)
	s.c.gate.RLock()
	defer s.c.gate.RUnlock()
	now := s.c.now()
	due = []DueNode{}
	type row struct {
		DueNode
		at    time.Time
		label string // lower case, for the order
	}
	var rows []row
	_, err = s.c.activityAll(now, func(n pln.Node, a NodeActivity) {
		if !a.Due {
			return
		}
		at, _ := time.Parse(time.RFC3339Nano, a.DueAt)
		rows = append(rows, row{DueNode{NodeID: n.ID, Label: n.Label, Kind: n.Kind, Cadence: n.Cadence, DueAt: a.DueAt,
			OverdueDays: a.OverdueDays, LastInteraction: a.LastInteraction}, at, strings.ToLower(n.Label)})
	})
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(rows, func(a, b row) int {
		return cmp.Or(a.at.Compare(b.at), strings.Compare(a.label, b.label), strings.Compare(a.NodeID, b.NodeID))
	})
	for _, r := range rows {
		due = append(due, r.DueNode)
	}
	return due, nil
}

// Settings returns the settings (every one at its value in effect:
// QuietPeriodDays is the default when none was set).
func (s *JournalService) Settings() (set pln.Settings, err error) {
	defer recoverInto(s.c.log, "JournalService.Settings", &err)
	s.c.gate.RLock()
	defer s.c.gate.RUnlock()
	err = s.c.st.View(func(tx *store.Tx) error {
		set, err = tx.Settings()
		return err
	})
	return set.Effective(), err
}

// SetQuietPeriod sets the quiet period (pln.MinQuietPeriodDays–
// pln.MaxQuietPeriodDays days): past it without an interaction, an alter
// whose status is not set by hand is computed dormant. One undoable step
// ("Set the quiet period to 60 days"); emits settings:changed with the
// settings (undo and redo of it too). Setting the value already in effect
// changes nothing and logs no step.
func (s *JournalService) SetQuietPeriod(days int) (set pln.Settings, err error) {
	if err := pln.CheckQuietPeriod(days); err != nil {
		return pln.Settings{}, err
	}
	_, err = s.c.write("JournalService.SetQuietPeriod", reasons{}, func(tx *store.Tx) (store.StepInfo, error) {
		cur, err := tx.Settings()
		if err != nil {
			return store.StepInfo{}, err
		}
		set = cur
		if cur.QuietPeriod() == days {
			return store.StepInfo{}, nil
		}
		set.QuietPeriodDays = days
		unit := "days"
		if days == 1 {
			unit = "day"
		}
		return store.StepInfo{Name: fmt.Sprintf("Set the quiet period to %d %s", days, unit)}, tx.PutSettings(set)
	})
	if err != nil {
		return pln.Settings{}, err
	}
	return set.Effective(), nil
}

// NodesLabelled returns the nodes (the ego included) whose label is label
// by the rule the map's quick form uses to point out a node already there:
// case, accents, spacing and punctuation aside (normLabel). For the
// command line (plexus journal add --node LABEL); not bound.
func (s *Services) NodesLabelled(label string) ([]pln.Node, error) {
	want := normLabel(label)
	nw, err := s.Network.Network()
	if err != nil {
		return nil, err
	}
	var out []pln.Node
	for _, n := range nw.Nodes {
		if normLabel(n.Label) == want {
			out = append(out, n)
		}
	}
	return out, nil
}

// activity answers GET /api/activity: ActivityColumns of every alter, now.
func (h *apiHandler) activity(w http.ResponseWriter, _ *http.Request) {
	a, err := h.s.Journal.Activity()
	if err != nil {
		h.writeError(w, err)
		return
	}
	h.writeJSON(w, http.StatusOK, a)
}
