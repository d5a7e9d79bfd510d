package service

import (
	"slices"
	"sync"
	"time"

	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/store"
)

// activityCache holds what the activity of every alter is computed from
// (docs/decisions/activity.md): the alters' few fields it reads, the
// mention index's count and newest date per node, and the quiet period,
// as of one store Version. Each read asks the store what changed since
// (store.ViewChanges):
//   - nothing committed: everything is reused, only the clock moved;
//   - otherwise the node records a commit wrote are re-read (all of them
//     after an import's publication, a restore, another store, a gap),
//     and the mention index (keys only) and the settings are read again:
//     the change journal does not list entries, and a commit that wrote
//     only entries or settings changes those.
//
// So the inputs are always those of one transaction, never older than the
// last commit before the read.
type activityCache struct {
	mu    sync.Mutex
	st    *store.Store // the store ver belongs to; nil: nothing cached
	ver   store.Version
	nodes map[string]pln.Node // visible alters, slim (activityNode)
	order []pln.Node          // the same, in id order
	stats map[string]mentionStat
	quiet int
}

type mentionStat struct {
	count int
	last  time.Time
}

// activityNode keeps of n what activity reads.
func activityNode(n pln.Node) pln.Node {
	return pln.Node{ID: n.ID, Ego: n.Ego, Label: n.Label, Kind: n.Kind, Status: n.Status, Cadence: n.Cadence,
		CadenceSince: n.CadenceSince, CreatedAt: n.CreatedAt, UpdatedAt: n.UpdatedAt}
}

// read calls fn with the alters in id order, the mention stats by node id
// and the quiet period, under the cache's lock: fn must not keep them.
func (a *activityCache) read(st *store.Store, fn func(nodes []pln.Node, stats map[string]mentionStat, quiet int) error) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	done := false
	defer func() {
		if !done { // an error or a panic half-way: start afresh next time
			a.st, a.ver, a.nodes, a.order, a.stats = nil, store.Version{}, nil, nil, nil
		}
	}()
	since := a.ver
	if a.st != st || a.nodes == nil {
		since = store.Version{}
	}
	err := st.ViewChanges(since, func(tx *store.Tx, now store.Version, ch store.Changes) error {
		if ch.None {
			return nil
		}
		if ch.All {
			ns, err := tx.ListNodes()
			if err != nil {
				return err
			}
			a.nodes = make(map[string]pln.Node, len(ns))
			for _, n := range ns {
				if !n.Ego {
					a.nodes[n.ID] = activityNode(n)
				}
			}
		} else {
			for _, id := range ch.Nodes {
				n, err := tx.GetNode(id)
				switch {
				case pln.CodeOf(err) == pln.CodeNotFound:
					delete(a.nodes, id)
				case err != nil:
					return err
				case !n.Ego:
					a.nodes[id] = activityNode(n)
				}
			}
		}
		a.order = a.order[:0]
		for _, n := range a.nodes {
			a.order = append(a.order, n)
		}
		slices.SortFunc(a.order, func(x, y pln.Node) int {
			switch {
			case x.ID < y.ID:
				return -1
			case x.ID > y.ID:
				return 1
			}
			return 0
		})
		stats := make(map[string]mentionStat, len(a.stats))
		if err := tx.MentionStats(func(id string, n int, last time.Time) error {
			if _, ok := a.nodes[id]; ok {
				stats[id] = mentionStat{n, last}
			}
			return nil
		}); err != nil {
			return err
		}
		set, err := tx.Settings()
		if err != nil {
			return err
		}
		a.st, a.ver, a.stats, a.quiet = st, now, stats, set.QuietPeriod()
		return nil
	})
	if err != nil {
		return err
	}
	done = true
	return fn(a.order, a.stats, a.quiet)
}
