// Package synth generates realistic synthetic Personal Learning Networks for
// tests and benchmarks: one ego and its alters, grouped into communities
// (clusters) that are drawn as blobs around the ego, with most ties inside a
// community and a few bridges between them.
//
// Generation is pure and deterministic: the same Options give the same
// network, byte for byte (ids included), on every platform. The records are
// what the store and the backup format take (store.Load,
// interchange.Backup): normalized by pln's rules, so a backup of them reads
// back with interchange.ReadBackup unchanged.
//
// The shape, in numbers:
//   - communities: about √alters ÷ 3 of them (at least one), sizes drawn
//     from a heavy-tailed distribution (the largest several times the
//     smallest);
//   - each community has a theme (a tag, a context, a mix of kinds: people
//     at work, a reading list of sources, a tool chain of services and
//     devices, a learning community…), so every pln.Kind occurs;
//   - InsideShare of the ties (default 0.9) join two alters of the same
//     community, the rest are bridges between two communities; within a
//     community some alters are hubs (degrees are heavy-tailed); bridges are
//     weaker than ties inside a community (Granovetter);
//   - no two ties join the same pair of alters, no tie touches the ego (the
//     ego's ties are fields of the alters, as in pln);
//   - positions: the ego pinned at 0,0, each community a Gaussian blob whose
//     centre lies on a sunflower spiral around the ego; the whole network
//     is roughly a disc about 50·√Nodes units across;
//   - times: created over the two years before Epoch, microsecond precision,
//     UTC; ids are UUIDv7 whose time is the record's creation millisecond.
package synth

import (
	"encoding/binary"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"time"

	"github.com/google/uuid"

	"github.com/plexus-pln/plexus/backend/pln"
)

// DefaultEpoch is the Epoch of zero Options: every generated record was
// created before it.
var DefaultEpoch = time.Date(2025, 1, 1, 9, 0, 0, 0, time.UTC)

// DefaultInsideShare is the share of ties inside a community when
// Options.InsideShare is zero.
const DefaultInsideShare = 0.9

// Options say what to generate.
type Options struct {
	// Nodes is the number of nodes, the ego included: at least 1.
	Nodes int
	// Ties is the number of alter–alter ties: at most a quarter of the
	// pairs of alters ((Nodes-1)(Nodes-2)/8), so that ties stay sparse.
	Ties int
	// Seed picks the network; the same Options give the same network.
	Seed uint64
	// Communities is the number of communities; 0 chooses about
	// √(Nodes-1) ÷ 3. It is capped at the number of alters.
	Communities int
	// InsideShare is the share of ties inside a community, in (0, 1]; 0
	// means DefaultInsideShare. With a single community every tie is
	// inside it.
	InsideShare float64
	// Epoch: every record is created in the two years before it and
	// updated at or before it; zero means DefaultEpoch.
	Epoch time.Time
}

// Network is a generated network.
type Network struct {
	// Ego is the ego's id; Nodes[0] is the ego.
	Ego string
	// Nodes are the ego and its alters (Nodes-1 of them), in generation
	// order (not sorted by id).
	Nodes []pln.Node
	// Ties are the alter–alter ties.
	Ties []pln.Tie
	// Community[i] is the community of Nodes[i], 0 ≤ c < Communities;
	// -1 for the ego.
	Community []int
	// Communities is the number of communities.
	Communities int
}

// theme is what a community is about.
type theme struct {
	name    string     // for labels: "Go", "teaching"…
	tag     string     // the tag every member carries
	context string     // the context of the ego's ties to its members
	kinds   []pln.Kind // weighted: a kind's share is its count here
	mode    pln.Mode
}

var themes = []theme{
	{"Go", "go", "work", kindMix(6, 1, 1, 2, 1, 0), pln.ModeOnline},
	{"machine learning", "ml", "work", kindMix(5, 1, 1, 3, 1, 0), pln.ModeOnline},
	{"design", "design", "work", kindMix(6, 2, 1, 1, 1, 0), pln.ModeBoth},
	{"teaching", "teaching", "school", kindMix(6, 2, 2, 1, 0, 0), pln.ModeOffline},
	{"research", "research", "school", kindMix(5, 2, 1, 3, 0, 0), pln.ModeBoth},
	{"writing", "writing", "home", kindMix(3, 0, 1, 5, 1, 0), pln.ModeOnline},
	{"open source", "oss", "work", kindMix(5, 1, 3, 1, 2, 0), pln.ModeOnline},
	{"statistics", "stats", "school", kindMix(5, 1, 1, 2, 1, 0), pln.ModeOnline},
	{"tools", "tools", "home", kindMix(1, 1, 0, 1, 4, 3), pln.ModeOnline},
	{"running club", "running", "home", kindMix(7, 0, 2, 0, 0, 1), pln.ModeOffline},
	{"language learning", "languages", "home", kindMix(4, 1, 2, 2, 2, 1), pln.ModeBoth},
	{"music", "music", "home", kindMix(5, 1, 2, 2, 1, 1), pln.ModeBoth},
}

// kindMix lists each kind as often as its weight, in pln.Kinds order.
func kindMix(weights ...int) []pln.Kind {
	var out []pln.Kind
	for i, w := range weights {
		for range w {
			out = append(out, pln.Kinds[i])
		}
	}
	return out
}

var (
	firstNames = []string{"Ada", "Grace", "Alan", "Émile", "Zoë", "Łukasz", "Amara", "Kenji", "Priya", "Mateo",
		"Ingrid", "Olu", "Sofia", "Yusuf", "Mei", "Noah", "Aoife", "Ravi", "Chiara", "Tomás", "Hana", "Bjørn",
		"Fatima", "Lars", "Nia", "Diego", "Sakura", "Omar", "Elif", "Jonas"}
	lastNames = []string{"Lovelace", "Hopper", "Turing", "Durand", "Nowak", "Okafor", "Tanaka", "Sharma",
		"García", "Berg", "Adeyemi", "Rossi", "Demir", "Chen", "Murphy", "Iyer", "Conti", "Silva", "Sato",
		"Haddad", "Yılmaz", "Müller", "O'Brien", "Kowalski", "Mensah", "Novak", "Lindqvist", "Park"}
	orgWords   = []string{"Institute", "Lab", "Collective", "University", "Foundation", "Studio", "Works", "Society"}
	placeNames = []string{"Lisbon", "Kraków", "Nairobi", "Osaka", "Leeds", "Montréal", "Pune", "Bergen", "Lyon", "Austin"}
	services   = []string{"Notes app", "Flashcards", "Code forge", "Podcast player", "Feed reader", "Video course",
		"Chat server", "Wiki", "Reference manager", "Online IDE"}
	devices = []string{"E-reader", "Laptop", "Tablet", "Phone", "Smart speaker", "Synth", "Camera"}
	roles   = []pln.Role{pln.RolePeer, pln.RolePeer, pln.RolePeer, pln.RoleMentor, pln.RoleCollaborator,
		pln.RoleCollaborator, pln.RoleExpert, pln.RoleCurator, pln.RoleChallenger, pln.RoleMentee, pln.RoleFriend}
	cadences = []int{7, 14, 30, 30, 90, 180}
	notes    = []string{"Introduced at a meetup.", "Co-authored a paper.", "Same reading group.", "Reviews each other's code."}
)

// Generate builds the network o describes. It returns an error when o is
// out of range (Nodes < 1, Ties < 0, Ties over a quarter of the alter
// pairs, InsideShare outside [0, 1], Communities < 0). The cost is linear
// in Nodes + Ties: about a second at 50,000 nodes and 250,000 ties.
func Generate(o Options) (Network, error) {
	alters := o.Nodes - 1
	switch {
	case o.Nodes < 1:
		return Network{}, fmt.Errorf("synth: %d nodes; at least 1 (the ego)", o.Nodes)
	case o.Nodes > MaxNodes:
		return Network{}, fmt.Errorf("synth: %d nodes; at most %d", o.Nodes, MaxNodes)
	case o.Ties > MaxTies:
		return Network{}, fmt.Errorf("synth: %d ties; at most %d", o.Ties, MaxTies)
	case o.Ties < 0:
		return Network{}, fmt.Errorf("synth: %d ties; at least 0", o.Ties)
	case o.Communities < 0:
		return Network{}, fmt.Errorf("synth: %d communities; at least 0", o.Communities)
	case o.InsideShare < 0 || o.InsideShare > 1 || math.IsNaN(o.InsideShare):
		return Network{}, fmt.Errorf("synth: inside share %v; it must be in [0, 1]", o.InsideShare)
	}
	if limit := maxTies(alters); o.Ties > limit {
		return Network{}, fmt.Errorf("synth: %d %s among %d %s; at most %d (a quarter of the pairs)", o.Ties, plural(o.Ties, "tie"), alters, plural(alters, "alter"), limit)
	}
	if o.Epoch.IsZero() {
		o.Epoch = DefaultEpoch
	}
	if o.InsideShare == 0 {
		o.InsideShare = DefaultInsideShare
	}
	g := &gen{o: o, r: rand.New(rand.NewPCG(o.Seed, 0x706c6e73796e7468)), ids: map[string]bool{}}
	if err := g.nodes(alters); err != nil {
		return Network{}, err
	}
	if err := g.ties(); err != nil {
		return Network{}, err
	}
	return g.nw, nil
}

func maxTies(alters int) int {
	if alters < 2 {
		return 0
	}
	return alters * (alters - 1) / 8
}

type gen struct {
	o   Options
	r   *rand.Rand
	ids map[string]bool
	nw  Network
	// members[c] are the node indexes of community c; weight[i] is node i's
	// attractiveness for ties (hubs have a large one); cum[c] is the
	// running sum of the weights of members[c].
	members [][]int
	weight  []float64
	cum     [][]float64
	theme   []theme
}

// stamp returns a creation time in the two years before the epoch and an
// update time between it and the epoch.
func (g *gen) stamp() (created, updated time.Time) {
	span := int64(2 * 365 * 24 * time.Hour / time.Microsecond)
	back := g.r.Int64N(span) + 1
	created = g.o.Epoch.Add(-time.Duration(back) * time.Microsecond).UTC()
	if g.r.IntN(3) == 0 {
		return created, created
	}
	forward := g.r.Int64N(back)
	return created, created.Add(time.Duration(forward) * time.Microsecond)
}

// id returns a new canonical UUIDv7 whose time is at's millisecond and
// whose random bits come from the generator.
func (g *gen) id(at time.Time) string {
	for {
		var u uuid.UUID
		ms := uint64(at.UnixMilli())
		var ts [8]byte
		binary.BigEndian.PutUint64(ts[:], ms)
		copy(u[:6], ts[2:])
		binary.BigEndian.PutUint64(u[6:14], g.r.Uint64())
		binary.BigEndian.PutUint16(u[14:], uint16(g.r.Uint32()))
		u[6] = 0x70 | u[6]&0x0f // version 7
		u[8] = 0x80 | u[8]&0x3f // RFC 9562 variant
		s := u.String()
		if !g.ids[s] {
			g.ids[s] = true
			return s
		}
	}
}

func (g *gen) pick(list []string) string { return list[g.r.IntN(len(list))] }

// nodes makes the ego, the communities and the alters with their positions.
func (g *gen) nodes(alters int) error {
	k := g.o.Communities
	if k == 0 {
		k = int(math.Round(math.Sqrt(float64(alters)) / 3))
	}
	k = max(1, min(k, alters))
	if alters == 0 {
		k = 0
	}
	g.nw.Communities = k
	g.nw.Nodes = make([]pln.Node, 0, g.o.Nodes)
	g.nw.Community = make([]int, 0, g.o.Nodes)
	g.weight = make([]float64, 0, g.o.Nodes)

	egoAt := g.o.Epoch.Add(-2 * 365 * 24 * time.Hour).UTC()
	ego := pln.Node{ID: g.id(egoAt), Ego: true, Label: "Me", Kind: pln.KindPerson, Pinned: true,
		CreatedAt: egoAt, UpdatedAt: egoAt}
	g.nw.Ego = ego.ID
	g.nw.Nodes = append(g.nw.Nodes, ego)
	g.nw.Community = append(g.nw.Community, -1)
	g.weight = append(g.weight, 0)
	if k == 0 {
		return nil
	}

	// Community sizes: heavy-tailed shares (Pareto, α = 1.5), at least one
	// member each, rounded so they add up to alters.
	shares := make([]float64, k)
	total := 0.0
	for c := range shares {
		shares[c] = math.Min(1/math.Pow(1-g.r.Float64(), 1/1.5), 8)
		total += shares[c]
	}
	sizes := make([]int, k)
	left := alters - k
	assigned := 0
	for c := range sizes {
		sizes[c] = 1 + int(float64(left)*shares[c]/total)
		assigned += sizes[c]
	}
	for c := 0; assigned < alters; c = (c + 1) % k {
		sizes[c]++
		assigned++
	}

	// Themes: a random order, so that every theme occurs before one repeats.
	g.theme = make([]theme, k)
	order := g.r.Perm(len(themes))
	for c := range g.theme {
		g.theme[c] = themes[order[c%len(order)]]
	}

	// Centres on a sunflower spiral, largest community nearest the ego; the
	// blob's radius grows with the square root of its size.
	byS := make([]int, k)
	for c := range byS {
		byS[c] = c
	}
	sort.SliceStable(byS, func(a, b int) bool { return sizes[byS[a]] > sizes[byS[b]] })
	unit := 20.0 // graph units per √node: the whole disc is about 50·√Nodes across
	cx, cy := make([]float64, k), make([]float64, k)
	golden := math.Pi * (3 - math.Sqrt(5))
	offset := g.r.Float64() * 2 * math.Pi
	filled := 0
	for rank, c := range byS {
		filled += sizes[c]
		// The ring a community sits on encloses the communities before it.
		rad := unit * math.Sqrt(float64(filled)-float64(sizes[c])/2) * 1.15
		if k == 1 {
			rad = unit * math.Sqrt(float64(sizes[c])) * 0.6
		}
		a := offset + float64(rank)*golden
		cx[c], cy[c] = rad*math.Cos(a), rad*math.Sin(a)
	}

	g.members = make([][]int, k)
	for c := range k {
		th := g.theme[c]
		sigma := unit * math.Sqrt(float64(sizes[c])) * 0.45
		for range sizes[c] {
			i := len(g.nw.Nodes)
			n, err := g.alter(i, c, th)
			if err != nil {
				return err
			}
			n.X = round2(cx[c] + g.r.NormFloat64()*sigma)
			n.Y = round2(cy[c] + g.r.NormFloat64()*sigma)
			g.nw.Nodes = append(g.nw.Nodes, n)
			g.nw.Community = append(g.nw.Community, c)
			g.members[c] = append(g.members[c], i)
			// Attractiveness: Pareto (α = 2), capped, so some alters are hubs.
			g.weight = append(g.weight, math.Min(1/math.Sqrt(1-g.r.Float64()), 30))
		}
	}
	g.cum = make([][]float64, k)
	for c, ms := range g.members {
		g.cum[c] = make([]float64, len(ms))
		sum := 0.0
		for j, i := range ms {
			sum += g.weight[i]
			g.cum[c][j] = sum
		}
	}
	return nil
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }

// alter makes node i of community c, without a position.
func (g *gen) alter(i, c int, th theme) (pln.Node, error) {
	kind := th.kinds[g.r.IntN(len(th.kinds))]
	if g.r.IntN(20) == 0 { // a few alters of any kind in every community
		kind = pln.Kinds[g.r.IntN(len(pln.Kinds))]
	}
	created, updated := g.stamp()
	f := pln.NodeFields{Kind: kind, Tags: []string{th.tag}}
	if g.r.IntN(3) == 0 {
		f.Tags = append(f.Tags, themes[g.r.IntN(len(themes))].tag)
	}
	slug := fmt.Sprintf("n%d", i)
	switch kind {
	case pln.KindPerson:
		first, last := g.pick(firstNames), g.pick(lastNames)
		f.Label = first + " " + last
		f.Relation = []pln.Relation{pln.RelKnows, pln.RelKnows, pln.RelLearnsFrom, pln.RelWorksWith, pln.RelFollows}[g.r.IntN(5)]
		if g.r.IntN(2) == 0 {
			f.Role = roles[g.r.IntN(len(roles))]
		}
		if g.r.IntN(4) == 0 {
			f.Emails = []string{fmt.Sprintf("%s.%d@example.org", slug, c)}
		}
		if g.r.IntN(3) == 0 {
			f.Organisation = g.pick(placeNames) + " " + g.pick(orgWords)
		}
		if g.r.IntN(5) == 0 {
			f.Cadence = cadences[g.r.IntN(len(cadences))]
		}
	case pln.KindOrganisation:
		f.Label = g.pick(placeNames) + " " + th.name + " " + g.pick(orgWords)
		f.Relation = []pln.Relation{pln.RelMemberOf, pln.RelFollows, pln.RelWorksWith}[g.r.IntN(3)]
		f.URL = fmt.Sprintf("https://%s.example.org/", slug)
	case pln.KindCommunity:
		f.Label = th.name + " " + []string{"meetup", "forum", "study group", "Discord", "reading circle"}[g.r.IntN(5)] + " " + g.pick(placeNames)
		f.Relation = pln.RelMemberOf
		f.URL = fmt.Sprintf("https://%s.example.net/", slug)
	case pln.KindSource:
		f.Label = g.pick(firstNames) + "'s " + th.name + " " + []string{"blog", "newsletter", "podcast", "channel"}[g.r.IntN(4)]
		f.Relation = pln.RelFollows
		f.URL = fmt.Sprintf("https://%s.example.com/", slug)
		f.FeedURL = fmt.Sprintf("https://%s.example.com/feed.xml", slug)
	case pln.KindService:
		f.Label = th.name + " " + g.pick(services)
		f.Relation = pln.RelUses
		f.URL = fmt.Sprintf("https://%s.example.app/", slug)
	case pln.KindDevice:
		f.Label = g.pick(devices) + " " + fmt.Sprint(1+g.r.IntN(9))
		f.Relation = pln.RelUses
	}
	// Tie strength to the ego: mostly weak ties, a few strong ones.
	f.Strength = []int{1, 1, 2, 2, 2, 3, 3, 4, 5}[g.r.IntN(9)]
	if g.r.IntN(10) < 7 {
		f.Contexts = []string{th.context}
		if g.r.IntN(6) == 0 {
			f.Contexts = append(f.Contexts, pln.Contexts[g.r.IntN(len(pln.Contexts))])
		}
	}
	if g.r.IntN(3) != 0 {
		f.Mode = th.mode
	}
	if g.r.IntN(12) == 0 {
		f.Status = []pln.Status{pln.StatusProspective, pln.StatusDormant, pln.StatusArchived, pln.StatusActive}[g.r.IntN(4)]
	}
	if g.r.IntN(10) == 0 {
		f.Description = fmt.Sprintf("Met through the %s community; writes about **%s** and shares good reading.", th.name, th.tag)
	}
	if err := f.Normalize(); err != nil {
		return pln.Node{}, fmt.Errorf("synth: node %d: %w", i, err)
	}
	n := pln.Node{ID: g.id(created), CreatedAt: created, UpdatedAt: updated}
	n.SetFields(f)
	return n, nil
}

// member draws a member of community c, hubs more often.
func (g *gen) member(c int) int {
	cum := g.cum[c]
	x := g.r.Float64() * cum[len(cum)-1]
	j, _ := slices.BinarySearch(cum, x)
	return g.members[c][min(j, len(cum)-1)]
}

// ties draws the ties: inside one community with probability InsideShare
// (where the community has a free pair), else bridges between two
// communities chosen by size; no pair twice.
func (g *gen) ties() error {
	n := g.o.Ties
	g.nw.Ties = make([]pln.Tie, 0, n)
	if n == 0 {
		return nil
	}
	k := g.nw.Communities
	// Communities are picked in proportion to their total weight, so big
	// communities get more ties.
	commCum := make([]float64, k)
	sum := 0.0
	for c := range k {
		sum += g.cum[c][len(g.cum[c])-1]
		commCum[c] = sum
	}
	community := func() int {
		j, _ := slices.BinarySearch(commCum, g.r.Float64()*sum)
		return min(j, k-1)
	}
	// freeInside[c]: pairs of community c not yet tied.
	freeInside := make([]int, k)
	for c, ms := range g.members {
		freeInside[c] = len(ms) * (len(ms) - 1) / 2
	}
	seen := make(map[uint64]struct{}, n)
	pair := func(a, b int) uint64 {
		if a > b {
			a, b = b, a
		}
		return uint64(a)<<32 | uint64(b)
	}
	alters := len(g.nw.Nodes) - 1
	for len(g.nw.Ties) < n {
		var a, b int
		inside := k == 1 || g.r.Float64() < g.o.InsideShare
		found := false
		for try := 0; try < 64 && !found; try++ {
			switch {
			case inside:
				c := community()
				if freeInside[c] == 0 {
					continue
				}
				a, b = g.member(c), g.member(c)
			default:
				c1, c2 := community(), community()
				if c1 == c2 {
					continue
				}
				a, b = g.member(c1), g.member(c2)
			}
			if a == b {
				continue
			}
			if _, dup := seen[pair(a, b)]; !dup {
				found = true
			}
		}
		for !found { // crowded: any free pair will do
			a, b = 1+g.r.IntN(alters), 1+g.r.IntN(alters)
			if _, dup := seen[pair(a, b)]; a != b && !dup {
				found = true
			}
		}
		seen[pair(a, b)] = struct{}{}
		same := g.nw.Community[a] == g.nw.Community[b]
		if same {
			freeInside[g.nw.Community[a]]--
		}
		t, err := g.tie(a, b, same)
		if err != nil {
			return err
		}
		g.nw.Ties = append(g.nw.Ties, t)
	}
	return nil
}

// tie makes the tie between nodes a and b; inside says whether they share
// a community.
func (g *gen) tie(a, b int, inside bool) (pln.Tie, error) {
	na, nb := &g.nw.Nodes[a], &g.nw.Nodes[b]
	// Who points at whom: people and communities point at what they follow,
	// use or belong to.
	rank := func(k pln.Kind) int {
		switch k {
		case pln.KindPerson:
			return 0
		case pln.KindCommunity, pln.KindOrganisation:
			return 1
		}
		return 2
	}
	if rank(na.Kind) > rank(nb.Kind) {
		na, nb = nb, na
	}
	f := pln.TieFields{From: na.ID, To: nb.ID}
	switch {
	case nb.Kind == pln.KindPerson:
		f.Relation = []pln.Relation{pln.RelKnows, pln.RelKnows, pln.RelWorksWith, pln.RelLearnsFrom, pln.RelIntroduced}[g.r.IntN(5)]
		f.Directed = f.Relation == pln.RelLearnsFrom || f.Relation == pln.RelIntroduced
	case nb.Kind == pln.KindCommunity || nb.Kind == pln.KindOrganisation:
		f.Relation, f.Directed = pln.RelMemberOf, true
		if na.Kind != pln.KindPerson {
			f.Relation, f.Directed = pln.RelWorksWith, false
		}
	case nb.Kind == pln.KindSource:
		f.Relation, f.Directed = []pln.Relation{pln.RelFollows, pln.RelFollows, pln.RelRecommends}[g.r.IntN(3)], true
	default: // services and devices
		f.Relation, f.Directed = pln.RelUses, true
	}
	if inside {
		f.Strength = []int{1, 2, 2, 3, 3, 3, 4, 4, 5}[g.r.IntN(9)]
	} else {
		f.Strength = []int{1, 1, 1, 2, 2, 3}[g.r.IntN(6)]
	}
	if g.r.IntN(50) == 0 {
		f.Note = notes[g.r.IntN(len(notes))]
	}
	if err := f.Normalize(); err != nil {
		return pln.Tie{}, fmt.Errorf("synth: tie %s → %s: %w", na.ID, nb.ID, err)
	}
	// A tie is made after both its ends.
	created, updated := g.stamp()
	if latest := maxTime(na.CreatedAt, nb.CreatedAt); created.Before(latest) {
		span := g.o.Epoch.Sub(latest)
		created = latest.Add(time.Duration(g.r.Int64N(int64(span/time.Microsecond)+1)) * time.Microsecond)
		updated = created
	}
	return pln.Tie{ID: g.id(created), From: f.From, To: f.To, Relation: f.Relation, Directed: f.Directed,
		Strength: f.Strength, Note: f.Note, CreatedAt: created, UpdatedAt: updated}, nil
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// MaxNodes and MaxTies bound what Generate makes (ten times the largest
// network Plexus is benchmarked at, 50k / 250k): beyond them the network
// would not fit a test machine's memory.
const (
	MaxNodes = 500_000
	MaxTies  = 2_500_000
)

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
