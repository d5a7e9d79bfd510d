package synth_test

import (
	"bytes"
	"math"
	"reflect"
	"testing"

	"github.com/plexus-pln/plexus/backend/interchange"
	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/synth"
)

func generate(t *testing.T, o synth.Options) synth.Network {
	t.Helper()
	nw, err := synth.Generate(o)
	if err != nil {
		t.Fatal(err)
	}
	return nw
}

func TestDeterministic(t *testing.T) {
	o := synth.Options{Nodes: 500, Ties: 2000, Seed: 42}
	a, b := generate(t, o), generate(t, o)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two networks from the same options differ")
	}
	o.Seed = 43
	if c := generate(t, o); c.Ego == a.Ego || reflect.DeepEqual(a.Ties, c.Ties) {
		t.Fatal("another seed gave the same network")
	}
}

func TestCounts(t *testing.T) {
	for _, o := range []synth.Options{
		{Nodes: 1},
		{Nodes: 2},
		{Nodes: 3, Ties: 0},
		{Nodes: 5, Ties: 1},
		{Nodes: 50, Ties: 294}, // a quarter of the pairs: crowded
		{Nodes: 2000, Ties: 10000, Seed: 7},
		{Nodes: 300, Ties: 900, Communities: 1},
		{Nodes: 300, Ties: 900, Communities: 299},
	} {
		nw := generate(t, o)
		if len(nw.Nodes) != o.Nodes || len(nw.Ties) != o.Ties || len(nw.Community) != o.Nodes {
			t.Errorf("%+v: %d nodes, %d ties, %d communities listed", o, len(nw.Nodes), len(nw.Ties), len(nw.Community))
		}
		if nw.Nodes[0].ID != nw.Ego || !nw.Nodes[0].Ego || nw.Nodes[0].X != 0 || nw.Nodes[0].Y != 0 {
			t.Errorf("%+v: Nodes[0] is not the ego at 0,0: %+v", o, nw.Nodes[0])
		}
	}
}

func TestRejects(t *testing.T) {
	for _, o := range []synth.Options{
		{Nodes: 0},
		{Nodes: 10, Ties: -1},
		{Nodes: 2, Ties: 1},
		{Nodes: 50, Ties: 295}, // over a quarter of 49·48/2 pairs
		{Nodes: 10, InsideShare: 1.5},
		{Nodes: 10, Communities: -1},
	} {
		if _, err := synth.Generate(o); err == nil {
			t.Errorf("%+v: no error", o)
		}
	}
}

// TestValid: a backup of the network reads back (interchange.ReadBackup
// applies every rule of pln and the backup format) unchanged, with every
// kind, no tie twice and no tie at the ego.
func TestValid(t *testing.T) {
	nw := generate(t, synth.Options{Nodes: 3000, Ties: 15000, Seed: 3})
	var buf bytes.Buffer
	if err := interchange.WriteBackup(&buf, &interchange.Backup{ExportedAt: synth.DefaultEpoch, Ego: nw.Ego, Nodes: nw.Nodes, Ties: nw.Ties}); err != nil {
		t.Fatal(err)
	}
	b, err := interchange.ReadBackup(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Nodes) != len(nw.Nodes) || len(b.Ties) != len(nw.Ties) {
		t.Fatalf("read back %d nodes, %d ties", len(b.Nodes), len(b.Ties))
	}
	byID := map[string]pln.Node{}
	for _, n := range nw.Nodes {
		byID[n.ID] = n
	}
	for _, n := range b.Nodes {
		if !reflect.DeepEqual(n, byID[n.ID]) {
			t.Fatalf("node changed by normalization:\n%+v\n%+v", byID[n.ID], n)
		}
	}
	kinds := map[pln.Kind]int{}
	for _, n := range nw.Nodes {
		kinds[n.Kind]++
		if n.UpdatedAt.Before(n.CreatedAt) || n.UpdatedAt.After(synth.DefaultEpoch) {
			t.Fatalf("node %s: created %s, updated %s", n.ID, n.CreatedAt, n.UpdatedAt)
		}
	}
	for _, k := range pln.Kinds {
		if kinds[k] == 0 {
			t.Errorf("no %s in %v", k, kinds)
		}
	}
	pairs := map[[2]string]bool{}
	for _, x := range nw.Ties {
		p := [2]string{min(x.From, x.To), max(x.From, x.To)}
		if pairs[p] {
			t.Fatalf("two ties join %v", p)
		}
		pairs[p] = true
		if x.From == nw.Ego || x.To == nw.Ego {
			t.Fatalf("tie %s touches the ego", x.ID)
		}
		if x.CreatedAt.Before(byID[x.From].CreatedAt) || x.CreatedAt.Before(byID[x.To].CreatedAt) {
			t.Fatalf("tie %s is older than an end", x.ID)
		}
	}
}

// TestClustered: most ties join two members of one community, and each
// community is a blob: its members lie nearer their own centre than the
// centres lie to each other.
func TestClustered(t *testing.T) {
	nw := generate(t, synth.Options{Nodes: 10_000, Ties: 50_000, Seed: 1})
	if nw.Communities < 20 || nw.Communities > 50 {
		t.Errorf("%d communities at 10k nodes", nw.Communities)
	}
	index := make(map[string]int, len(nw.Nodes))
	for i, n := range nw.Nodes {
		index[n.ID] = i
	}
	inside := 0
	for _, x := range nw.Ties {
		if nw.Community[index[x.From]] == nw.Community[index[x.To]] {
			inside++
		}
	}
	if share := float64(inside) / float64(len(nw.Ties)); share < 0.85 || share > 0.95 {
		t.Errorf("%.3f of the ties inside a community, want about %.2f", share, synth.DefaultInsideShare)
	}

	k := nw.Communities
	sx, sy, count := make([]float64, k), make([]float64, k), make([]float64, k)
	for i, n := range nw.Nodes[1:] {
		c := nw.Community[i+1]
		sx[c] += n.X
		sy[c] += n.Y
		count[c]++
	}
	for c := range k {
		sx[c] /= count[c]
		sy[c] /= count[c]
	}
	// Mean distance of a member to its own centre vs. to the nearest other centre.
	var own, other float64
	for i, n := range nw.Nodes[1:] {
		c := nw.Community[i+1]
		own += math.Hypot(n.X-sx[c], n.Y-sy[c])
		best := math.Inf(1)
		for d := range k {
			if d != c {
				best = min(best, math.Hypot(n.X-sx[d], n.Y-sy[d]))
			}
		}
		other += best
	}
	if own >= 0.7*other {
		t.Errorf("members lie %.0f from their centre on average, %.0f from the nearest other: not blobs", own/float64(len(nw.Nodes)-1), other/float64(len(nw.Nodes)-1))
	}
	// Degrees are skewed: the busiest alter has many times the mean degree.
	deg := make([]int, len(nw.Nodes))
	for _, x := range nw.Ties {
		deg[index[x.From]]++
		deg[index[x.To]]++
	}
	top := 0
	for _, d := range deg {
		top = max(top, d)
	}
	if mean := 2 * float64(len(nw.Ties)) / float64(len(nw.Nodes)-1); float64(top) < 4*mean {
		t.Errorf("top degree %d, mean %.1f: no hubs", top, mean)
	}
}
