package service

import (
	"encoding/json"
	"fmt"
	"slices"
	"sync"

	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/store"
)

// netCache is the whole network as GET /api/network serves it, kept in
// memory between requests (docs/decisions/network-snapshot.md). It is
// keyed by the store's Version: each request asks the store what changed
// since the Version the copy was read at (store.ViewChanges) and
//   - serves the encoded body as it is when nothing was committed since;
//   - re-reads only the nodes and ties a commit wrote (of a node whose
//     position alone was written, only the position), when the store's
//     change journal covers every commit since;
//   - reads everything again otherwise (another store after an encryption
//     change, a restore, an import's publication, a gap in the journal).
//
// So a response is always the network as one transaction reads it, never
// older than the last commit before the request. The copy holds only the
// fields the columnar body carries (about 2.9 KB a node with its five ties
// at 10k/50k, the encoded body included: 29 MB; docs/benchmarks.md).
type netCache struct {
	mu  sync.Mutex
	st  *store.Store // the store ver belongs to; nil: nothing cached
	ver store.Version

	ego   string
	nodes map[string]nodeRow // visible nodes
	ties  map[string]tieRow  // ties whose own import is visible, any ends
	order struct {
		nodes, ties []string // the ids of nodes and ties, sorted
	}
	// words interns the short strings many records share (relations,
	// kinds…), so that each is held once.
	words map[string]string
	body  []byte // the encoded ColumnarNetwork of ver
}

// nodeRow is what the body carries of a node (Columnar's node columns).
type nodeRow struct {
	id, label, relation string
	kind                pln.Kind
	role                pln.Role
	mode                pln.Mode
	status              pln.Status
	tags, contexts      []string
	x, y                float64
	strength            int
	pinned              bool
}

// tieRow is what the body carries of a tie (Columnar's tie columns, with
// the ends as ids).
type tieRow struct {
	id, from, to, relation string
	strength               int
	directed               bool
}

// networkBody returns GET /api/network's body: the whole network in
// columnar form, encoded as JSON (the same bytes writeJSON writes for
// Columnar of a fresh read). The slice is shared: callers must not modify
// it.
func (c *core) networkBody() ([]byte, error) {
	c.gate.RLock()
	defer c.gate.RUnlock()
	return c.net.get(c.st)
}

// warmNetwork reads the network into the cache, so that the first
// GET /api/network finds it there. Errors are logged, not returned: the
// request will read the store itself.
func (c *core) warmNetwork() {
	defer func() {
		if r := recover(); r != nil {
			c.log.Error("panic warming the network cache", "panic", r)
		}
	}()
	if _, err := c.networkBody(); err != nil {
		c.log.Warn("warming the network cache", "err", err)
	}
}

func (n *netCache) get(st *store.Store) ([]byte, error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	// A patch changes the rows in place before the Version is advanced: a
	// panic half-way (recovered by the caller) would leave rows that are
	// neither of the old Version nor of the new one, and a later patch
	// from the old Version would not repair them (a node already in the
	// map is not added to the order again). So anything but a normal
	// return empties the cache.
	done := false
	defer func() {
		if !done {
			n.reset()
		}
	}()
	since := n.ver
	if n.st != st || n.body == nil {
		since = store.Version{}
	}
	err := st.ViewChanges(since, func(tx *store.Tx, now store.Version, ch store.Changes) error {
		switch {
		case ch.None:
			return nil
		case ch.All:
			if err := n.readAll(tx); err != nil {
				return err
			}
		default:
			if err := n.patch(tx, ch); err != nil {
				return err
			}
		}
		b, err := n.encode()
		if err != nil {
			return err
		}
		n.st, n.ver, n.body = st, now, b
		return nil
	})
	if err != nil {
		return nil, err // emptied by the deferred reset
	}
	done = true
	return n.body, nil
}

func (n *netCache) reset() {
	n.st, n.ver, n.body, n.ego, n.nodes, n.ties, n.words = nil, store.Version{}, nil, "", nil, nil, nil
	n.order.nodes, n.order.ties = nil, nil
}

// readAll reads the whole network.
func (n *netCache) readAll(tx *store.Tx) error {
	n.reset()
	if err := n.readEgo(tx); err != nil {
		return err
	}
	nodes, err := tx.ListNodes()
	if err != nil {
		return err
	}
	ties, err := tx.TieRecords()
	if err != nil {
		return err
	}
	n.nodes = make(map[string]nodeRow, len(nodes))
	n.order.nodes = make([]string, len(nodes))
	for i, x := range nodes {
		n.nodes[x.ID] = n.nodeRow(x)
		n.order.nodes[i] = x.ID
	}
	n.ties = make(map[string]tieRow, len(ties))
	n.order.ties = make([]string, len(ties))
	for i, x := range ties {
		n.ties[x.ID] = n.tieRow(x)
		n.order.ties[i] = x.ID
	}
	// The store lists records in key order, which is id order for
	// canonical ids; sort anyway, the patches rely on it.
	slices.Sort(n.order.nodes)
	slices.Sort(n.order.ties)
	return nil
}

func (n *netCache) readEgo(tx *store.Tx) error {
	ego, ok, err := tx.Ego()
	if err != nil {
		return err
	}
	n.ego = ""
	if ok {
		n.ego = ego.ID
	}
	return nil
}

// patch re-reads the records ch names.
func (n *netCache) patch(tx *store.Tx, ch store.Changes) error {
	if err := n.readEgo(tx); err != nil { // one point read, so no rule about when the ego can change is needed
		return err
	}
	var addN, addT []string
	for _, id := range ch.Nodes {
		x, err := tx.GetNode(id)
		switch {
		case pln.CodeOf(err) == pln.CodeNotFound:
			if _, had := n.nodes[id]; had {
				delete(n.nodes, id)
				n.order.nodes = remove(n.order.nodes, id)
			}
		case err != nil:
			return err
		default:
			if _, had := n.nodes[id]; !had {
				addN = append(addN, id)
			}
			n.nodes[id] = n.nodeRow(x)
		}
	}
	for _, id := range ch.Positions { // moved only: the node's fields and visibility are as they were
		row, had := n.nodes[id]
		if !had {
			continue
		}
		p, err := tx.NodePosition(id)
		if err != nil {
			return err
		}
		row.x, row.y, row.pinned = p.X, p.Y, p.Pinned
		n.nodes[id] = row
	}
	for _, id := range ch.Ties {
		x, ok, err := tx.TieRecord(id)
		switch {
		case err != nil:
			return err
		case !ok:
			if _, had := n.ties[id]; had {
				delete(n.ties, id)
				n.order.ties = remove(n.order.ties, id)
			}
		default:
			if _, had := n.ties[id]; !had {
				addT = append(addT, id)
			}
			n.ties[id] = n.tieRow(x)
		}
	}
	n.order.nodes = insertSorted(n.order.nodes, addN)
	n.order.ties = insertSorted(n.order.ties, addT)
	return nil
}

// remove deletes id from the sorted ids.
func remove(ids []string, id string) []string {
	if i, ok := slices.BinarySearch(ids, id); ok {
		return slices.Delete(ids, i, i+1)
	}
	return ids
}

// insertSorted adds the ids add (none of them in ids) to the sorted ids.
func insertSorted(ids, add []string) []string {
	if len(add) > 32 {
		ids = append(ids, add...)
		slices.Sort(ids)
		return ids
	}
	for _, id := range add {
		i, _ := slices.BinarySearch(ids, id)
		ids = slices.Insert(ids, i, id)
	}
	return ids
}

// encode builds the body: Columnar of the network in id order (ties with
// an end that is not a visible node are left out by Columnar, as the
// store's visibility rule leaves them out of ListTies).
func (n *netCache) encode() ([]byte, error) {
	nw := Network{Ego: n.ego, Nodes: make([]pln.Node, len(n.order.nodes)), Ties: make([]pln.Tie, len(n.order.ties))}
	for i, id := range n.order.nodes {
		x := n.nodes[id]
		nw.Nodes[i] = pln.Node{ID: x.id, Label: x.label, Kind: x.kind, X: x.x, Y: x.y, Pinned: x.pinned, Tags: x.tags,
			Relation: x.relation, Strength: x.strength, Status: x.status, Role: x.role, Contexts: x.contexts, Mode: x.mode}
	}
	for i, id := range n.order.ties {
		x := n.ties[id]
		nw.Ties[i] = pln.Tie{ID: x.id, From: x.from, To: x.to, Relation: x.relation, Directed: x.directed, Strength: x.strength}
	}
	b, err := json.Marshal(Columnar(nw))
	if err != nil {
		return nil, fmt.Errorf("service: encoding the network: %w", err)
	}
	return b, nil
}

// nodeRow keeps what Columnar reads of x. Columnar reads these fields
// and no others; TestNetworkCacheProperty compares the cache's body with
// Columnar of a fresh read, so a column added there and not here fails it.
func (n *netCache) nodeRow(x pln.Node) nodeRow {
	return nodeRow{id: x.ID, label: x.Label, relation: n.word(x.Relation), kind: pln.Kind(n.word(string(x.Kind))),
		role: pln.Role(n.word(string(x.Role))), mode: pln.Mode(n.word(string(x.Mode))), status: pln.Status(n.word(string(x.Status))),
		tags: x.Tags, contexts: x.Contexts, x: x.X, y: x.Y, strength: x.Strength, pinned: x.Pinned}
}

// tieRow keeps what Columnar reads of x; its ends share the nodes' id
// strings where the nodes are held.
func (n *netCache) tieRow(x pln.Tie) tieRow {
	from, to := x.From, x.To
	if e, ok := n.nodes[from]; ok {
		from = e.id
	}
	if e, ok := n.nodes[to]; ok {
		to = e.id
	}
	return tieRow{id: x.ID, from: from, to: to, relation: n.word(x.Relation), strength: x.Strength, directed: x.Directed}
}

// word returns the interned copy of s (at most 4,096 distinct words are
// interned; others are kept as they are).
func (n *netCache) word(s string) string {
	if w, ok := n.words[s]; ok {
		return w
	}
	if n.words == nil {
		n.words = map[string]string{}
	}
	if len(n.words) < 4096 {
		n.words[s] = s
	}
	return s
}

// WarmNetwork reads the whole network into the cache GET /api/network is
// served from, in the background, so that the window's first request
// finds it ready instead of reading the store (about 0.3 s of one core
// at 10k nodes / 50k ties, while the webview starts). Call it once, after
// New; a request that comes first waits for it and then uses its result.
// Close waits for a read it has begun like for a gesture; if Close comes
// first, the warm-up never reads the store (its goroutine waits, harmlessly,
// until the process exits).
func (s *Services) WarmNetwork() {
	go s.Network.c.warmNetwork()
}
