package service

import (
	"fmt"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/plexus-pln/plexus/backend/interchange"
	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/store"
)

// The import plan: how a parsed file (an interchange.Doc) meets the network
// (docs/formats.md, "Rules shared by every format"; docs/decisions/imports.md).
//
//   - The same node, updated automatically: a file node marked as the ego
//     (the ego), whose key is an existing node's id (a file Plexus wrote),
//     or with the same feed URL. The update rule: the existing node keeps
//     its label, kind and position and every field it already has; tags,
//     contexts and emails gain the file's; empty fields are filled; extra
//     properties it lacks are added. An update that adds nothing counts as
//     unchanged.
//   - A possible duplicate, merged only when the user confirms (the
//     choices): the same email, the same web address, or the same name
//     (labels compared case-, accent- and space-insensitively). Merged, it
//     is updated by the same rule; otherwise it is added as a new node.
//   - Within the file, nodes with the same feed URL or email are merged
//     into the first with a warning.
//   - Tie ends (and entry links) are the file's node keys; a key the file
//     does not hold is looked up in the network: a node id, the format's
//     id extra ("gexf:id"), then a label. Ends found nowhere are listed and
//     their ties left out. A tie to the ego sets the alter's ego-tie fields
//     (relation, strength) instead. Two rows for one pair of nodes are one
//     tie: opposite directions make it mutual, and "plexus:rows" keeps how
//     many rows it came from. A pair already tied in the network is left
//     as it is.

// maxPublishWrites caps the records an import writes in its publish
// transaction (updated nodes plus journal entries), well inside one Badger
// transaction.
const maxPublishWrites = 4000

// importPlan is what applying a Doc would do.
type importPlan struct {
	preview  pln.ImportPreview
	nodes    []pln.Node // new nodes, ids assigned, positions not yet
	hasPos   []bool     // nodes[i] came with a position from the file
	ties     []pln.Tie  // new ties, ids assigned, ends are node ids
	entries  []pln.Entry
	updates  []pln.Node // existing nodes' new values
	original map[string]pln.Node
	egoX     float64
	egoY     float64
	radius   float64
	existing int
	bbox     [4]float64 // existing nodes' min x, min y, max x, max y
}

// ref is where a file node went: an existing node or a new one.
type ref struct {
	existing string // node id, when it is an existing node
	idx      int    // index in plan.nodes otherwise (-1: left out)
}

// planIndex is the existing network, indexed for matching.
type planIndex struct {
	ego     pln.Node
	byID    map[string]pln.Node
	feed    map[string]string // normalised feed URL → id
	web     map[string]string // normalised web URL → id
	email   map[string]string
	label   map[string]string // normalised label → id (the first)
	extraID map[string]string // "gexf:id=12" → id
	tied    map[[2]string]bool
}

func buildIndex(tx *store.Tx) (*planIndex, []pln.Node, error) {
	nodes, err := tx.ListNodes()
	if err != nil {
		return nil, nil, err
	}
	ties, err := tx.ListTies()
	if err != nil {
		return nil, nil, err
	}
	ix := &planIndex{byID: map[string]pln.Node{}, feed: map[string]string{}, web: map[string]string{}, email: map[string]string{},
		label: map[string]string{}, extraID: map[string]string{}, tied: map[[2]string]bool{}}
	for _, n := range nodes {
		ix.byID[n.ID] = n
		if n.Ego {
			ix.ego = n
		}
		if k := normWebURL(n.FeedURL); k != "" {
			ix.feed[k] = n.ID
		}
		if k := normWebURL(n.URL); k != "" {
			if _, ok := ix.web[k]; !ok {
				ix.web[k] = n.ID
			}
		}
		for _, e := range n.Emails {
			if _, ok := ix.email[strings.ToLower(e)]; !ok {
				ix.email[strings.ToLower(e)] = n.ID
			}
		}
		if k := normLabel(n.Label); k != "" {
			if _, ok := ix.label[k]; !ok {
				ix.label[k] = n.ID
			}
		}
		for k, v := range n.Extra {
			if strings.HasSuffix(k, ":id") {
				ix.extraID[k+"="+v] = n.ID
			}
		}
	}
	for _, t := range ties {
		ix.tied[pairOf(t.From, t.To)] = true
	}
	return ix, nodes, nil
}

func pairOf(a, b string) [2]string {
	if a > b {
		a, b = b, a
	}
	return [2]string{a, b}
}

// normLabel folds a label for duplicate matching: lower case, accents
// removed (NFD, combining marks dropped), runs of spaces and punctuation
// as one space.
func normLabel(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	folded, _, err := transform.String(t, s)
	if err != nil {
		folded = s
	}
	return strings.Join(strings.FieldsFunc(strings.ToLower(folded), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}

// normWebURL folds a web address for matching: scheme, "www." and a
// trailing slash ignored, host lower-cased; "" for anything that is not an
// http(s) URL.
func normWebURL(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "feed") || u.Host == "" {
		return ""
	}
	host := strings.TrimPrefix(strings.ToLower(u.Host), "www.")
	host = strings.TrimSuffix(strings.TrimSuffix(host, ":80"), ":443")
	p := strings.TrimRight(u.EscapedPath(), "/")
	out := host + p
	if u.RawQuery != "" {
		out += "?" + u.RawQuery
	}
	return out
}

// defaultRelation is the ego tie a new node gets when the file says none.
func defaultRelation(k pln.Kind) string {
	switch k {
	case pln.KindSource:
		return pln.RelFollows
	case pln.KindCommunity:
		return pln.RelMemberOf
	case pln.KindService, pln.KindDevice:
		return pln.RelUses
	case pln.KindOrganisation:
		return pln.RelWorksWith
	}
	return pln.RelKnows
}

// plan works out what applying doc with choices ch would do, reading the
// network in tx. It writes nothing.
func (s *ImportService) plan(tx *store.Tx, doc *interchange.Doc, ch pln.ImportChoices) (*importPlan, error) {
	ix, existing, err := buildIndex(tx)
	if err != nil {
		return nil, err
	}
	p := &importPlan{original: map[string]pln.Node{}, existing: len(existing)}
	p.egoX, p.egoY = ix.ego.X, ix.ego.Y
	p.bbox = [4]float64{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	for _, n := range existing {
		p.radius = math.Max(p.radius, math.Hypot(n.X-p.egoX, n.Y-p.egoY))
		p.bbox = [4]float64{math.Min(p.bbox[0], n.X), math.Min(p.bbox[1], n.Y), math.Max(p.bbox[2], n.X), math.Max(p.bbox[3], n.Y)}
	}
	pv := &p.preview
	pv.Format = doc.Format
	for _, w := range doc.Warnings {
		pv.Warnings = append(pv.Warnings, pln.ImportWarning(w))
	}
	warn := func(where string, skipped bool, format string, args ...any) {
		pv.Warnings = append(pv.Warnings, pln.ImportWarning{Where: where, Message: fmt.Sprintf(format, args...), Skipped: skipped})
	}
	merge := map[string]bool{}
	for _, k := range ch.Merge {
		merge[k] = true
	}
	now := s.c.stamp()

	updated := map[string]*pln.Node{} // existing id → working copy
	reasons := map[string]string{}    // existing id → why
	fieldsChanged := map[string][]string{}
	var updateOrder []string
	mergeExisting := func(id, reason string, n pln.Node, format string) {
		cur, ok := updated[id]
		if !ok {
			c := ix.byID[id]
			p.original[id] = c
			cur = &c
			updated[id] = cur
			reasons[id] = reason
			updateOrder = append(updateOrder, id)
		}
		for _, f := range mergeNode(cur, n, format) {
			if !slices.Contains(fieldsChanged[id], f) {
				fieldsChanged[id] = append(fieldsChanged[id], f)
			}
		}
	}

	refs := map[string]ref{}
	inFile := map[string]int{} // "feed:…" / "email:…" → index in p.nodes
	for _, dn := range doc.Nodes {
		n := dn.Node
		if _, dup := refs[dn.Key]; dup {
			warn(dn.Where, false, "the node %q appears twice in the file (key %s); the second was merged into the first.", truncateRunes(n.Label, 60), truncateRunes(dn.Key, 40))
			if r := refs[dn.Key]; r.existing != "" {
				mergeExisting(r.existing, reasons[r.existing], n, doc.Format)
			} else if r.idx >= 0 {
				mergeNode(&p.nodes[r.idx], n, doc.Format)
			}
			continue
		}
		// The same node, automatically.
		var target, reason string
		switch {
		case n.Ego && ix.ego.ID != "":
			target, reason = ix.ego.ID, "the ego"
		case ix.byID[dn.Key].ID != "":
			target, reason = dn.Key, "same node id"
		case ix.extraID[interchange.ExtraKeyFor(doc.Format)+"="+dn.Key] != "" && !ix.byID[ix.extraID[interchange.ExtraKeyFor(doc.Format)+"="+dn.Key]].Ego:
			target, reason = ix.extraID[interchange.ExtraKeyFor(doc.Format)+"="+dn.Key], "same "+doc.Format+" id"
		case normWebURL(n.FeedURL) != "" && ix.feed[normWebURL(n.FeedURL)] != "":
			target, reason = ix.feed[normWebURL(n.FeedURL)], "same feed URL"
		}
		if target != "" {
			if ix.byID[target].Ego {
				n.Ego = true // fields of the ego: the label is never changed
			}
			mergeExisting(target, reason, n, doc.Format)
			refs[dn.Key] = ref{existing: target}
			continue
		}
		// Merged inside the file.
		var fileKeys []string
		if k := normWebURL(n.FeedURL); k != "" {
			fileKeys = append(fileKeys, "feed:"+k)
		}
		for _, e := range n.Emails {
			fileKeys = append(fileKeys, "email:"+strings.ToLower(e))
		}
		if i, ok := firstIn(inFile, fileKeys); ok {
			warn(dn.Where, false, "%q has the same %s as %q earlier in the file; merged into it.", truncateRunes(n.Label, 60), strings.SplitN(keyOf(inFile, fileKeys), ":", 2)[0], truncateRunes(p.nodes[i].Label, 60))
			mergeNode(&p.nodes[i], n, doc.Format)
			refs[dn.Key] = ref{idx: i}
			continue
		}
		// A possible duplicate.
		dupID, dupReason := "", ""
		for _, e := range n.Emails {
			if id := ix.email[strings.ToLower(e)]; id != "" && !ix.byID[id].Ego {
				dupID, dupReason = id, "same email "+strings.ToLower(e)
				break
			}
		}
		if dupID == "" {
			if id := ix.web[normWebURL(n.URL)]; normWebURL(n.URL) != "" && id != "" && !ix.byID[id].Ego {
				dupID, dupReason = id, "same web address"
			}
		}
		if dupID == "" {
			if id := ix.label[normLabel(n.Label)]; normLabel(n.Label) != "" && id != "" && !ix.byID[id].Ego {
				dupID, dupReason = id, "same name"
			}
		}
		if dupID != "" {
			if ch.MergeAll || merge[dn.Key] {
				mergeExisting(dupID, "merged: "+dupReason, n, doc.Format)
				refs[dn.Key] = ref{existing: dupID}
				continue
			}
			pv.Duplicates = append(pv.Duplicates, pln.ImportDuplicate{Key: dn.Key, Label: n.Label, Where: dn.Where,
				ExistingID: dupID, ExistingLabel: ix.byID[dupID].Label, Reason: dupReason})
		}
		// A new node.
		if n.Kind == "" {
			pv.UnknownKinds++
			n.Kind = ch.Kind
			if n.Kind == "" {
				n.Kind = pln.KindPerson // for the preview's checks; ApplyImport asks
			}
		}
		if n.Relation == "" {
			n.Relation = defaultRelation(n.Kind)
		}
		f := n.Fields()
		if err := f.Normalize(); err != nil {
			warn(dn.Where, true, "%q was left out: %s", truncateRunes(n.Label, 60), pln.AsError(err).Message)
			refs[dn.Key] = ref{idx: -1}
			continue
		}
		var nn pln.Node
		nn.SetFields(f)
		nn.ID = pln.NewID()
		nn.CreatedAt, nn.UpdatedAt = now, now
		if dn.HasPosition {
			nn.X, nn.Y, nn.Pinned = n.X, n.Y, n.Pinned
		}
		for _, k := range fileKeys {
			inFile[k] = len(p.nodes)
		}
		refs[dn.Key] = ref{idx: len(p.nodes)}
		p.nodes = append(p.nodes, nn)
		p.hasPos = append(p.hasPos, dn.HasPosition)
	}

	// Resolve a key: the file's nodes, then the network.
	formats := strings.Split(doc.Format, "+")
	missing := map[string]bool{}
	resolve := func(key string) (ref, bool) {
		if r, ok := refs[key]; ok {
			return r, r.existing != "" || r.idx >= 0
		}
		if n, ok := ix.byID[key]; ok {
			return ref{existing: n.ID}, true
		}
		for _, f := range formats {
			if id := ix.extraID[interchange.ExtraKeyFor(f)+"="+key]; id != "" {
				return ref{existing: id}, true
			}
		}
		if id := ix.label[normLabel(key)]; normLabel(key) != "" && id != "" {
			return ref{existing: id}, true
		}
		if !missing[key] && len(pv.MissingEnds) < 1000 {
			pv.MissingEnds = append(pv.MissingEnds, truncateRunes(key, 100))
		}
		missing[key] = true
		return ref{}, false
	}
	idOf := func(r ref) string {
		if r.existing != "" {
			return r.existing
		}
		return p.nodes[r.idx].ID
	}
	isEgo := func(r ref) bool { return r.existing != "" && r.existing == ix.ego.ID }

	// Ties.
	byPair := map[[2]string]int{}
	mutual := 0
	for _, dt := range doc.Ties {
		from, okF := resolve(dt.From)
		to, okT := resolve(dt.To)
		if !okF || !okT {
			end := dt.From
			if okF {
				end = dt.To
			}
			warn(dt.Where, true, "the tie %s → %s was left out: no node %q in the file or the network.", truncateRunes(dt.From, 40), truncateRunes(dt.To, 40), truncateRunes(end, 40))
			continue
		}
		t := dt.Tie
		if isEgo(from) || isEgo(to) {
			other := to
			if isEgo(to) {
				other = from
			}
			if isEgo(other) {
				continue
			}
			ego := pln.Node{Relation: t.Relation, Strength: t.Strength}
			if other.existing != "" {
				mergeExisting(other.existing, reasonOr(reasons[other.existing], "tie to the ego"), ego, doc.Format)
			} else {
				n := &p.nodes[other.idx]
				if t.Relation != "" {
					n.Relation = t.Relation
				}
				if t.Strength > 0 {
					n.Strength = t.Strength
				}
			}
			continue
		}
		a, b := idOf(from), idOf(to)
		if a == b {
			warn(dt.Where, true, "the tie from %q to itself was left out (Plexus ties join two nodes).", truncateRunes(dt.From, 40))
			continue
		}
		pair := pairOf(a, b)
		if ix.tied[pair] {
			pv.Unchanged++
			continue
		}
		if i, ok := byPair[pair]; ok {
			prev := &p.ties[i]
			rows, _ := strconv.Atoi(prev.Extra["plexus:rows"])
			if rows == 0 {
				rows = 1
			}
			interchange.PutExtra(&prev.Extra, "plexus:rows", strconv.Itoa(rows+1))
			if prev.Directed && t.Directed && prev.From == b && prev.To == a {
				prev.Directed = false // a→b and b→a: one mutual tie
				mutual++
			} else {
				warn(dt.Where, false, "a second tie between the same two nodes was merged into the first.")
			}
			continue
		}
		if t.Relation == "" {
			t.Relation = pln.RelKnows
		}
		if t.Strength == 0 {
			t.Strength = 3
		}
		tf := pln.TieFields{From: a, To: b, Relation: t.Relation, Directed: t.Directed, Strength: t.Strength, Note: t.Note}
		err := tf.Normalize()
		if err == nil {
			err = pln.ValidateExtra(t.Extra)
		}
		if err != nil {
			warn(dt.Where, true, "the tie %s → %s was left out: %s", truncateRunes(dt.From, 40), truncateRunes(dt.To, 40), pln.AsError(err).Message)
			continue
		}
		tie := pln.Tie{ID: pln.NewID(), From: a, To: b, Relation: tf.Relation, Directed: tf.Directed, Strength: tf.Strength,
			Note: tf.Note, Extra: t.Extra, CreatedAt: now, UpdatedAt: now}
		byPair[pair] = len(p.ties)
		p.ties = append(p.ties, tie)
	}

	if mutual > 0 {
		warn("", false, "%s listed in both directions became one mutual tie each (the extra property plexus:rows says how many rows a tie came from).", plural(mutual, "pair of nodes", "pairs of nodes"))
	}

	// Entries.
	for _, de := range doc.Entries {
		e := de.Entry
		var ids []string
		for _, k := range de.NodeKeys {
			if r, ok := resolve(k); ok && !slices.Contains(ids, idOf(r)) {
				ids = append(ids, idOf(r))
			} else if !ok {
				warn(de.Where, false, "the entry links %q, which is neither in the file nor in the network; the link was dropped.", truncateRunes(k, 60))
			}
		}
		if len(de.LinkKeys) > 0 {
			// [[wikilinks]] to notes of the file (or nodes of the network) are stored by id.
			e.Body = pln.LinkWikilinks(e.Body, func(target string) (string, string, bool) {
				k, ok := de.LinkKeys[target]
				if !ok {
					return "", "", false
				}
				r, ok := resolve(k)
				if !ok {
					return "", "", false
				}
				id := idOf(r)
				if r.existing != "" {
					return id, ix.byID[id].Label, true
				}
				return id, p.nodes[r.idx].Label, true
			})
			for _, l := range pln.Wikilinks(e.Body) {
				if l.ID != "" && !slices.Contains(ids, l.ID) && len(ids) < pln.MaxEntryNodes {
					ids = append(ids, l.ID)
				}
			}
		}
		if e.Type == "" {
			e.Type = pln.EntryReflection
		}
		if e.OccurredAt.IsZero() {
			warn(de.Where, true, "an entry without a date was left out.")
			continue
		}
		ef := pln.EntryFields{OccurredAt: e.OccurredAt, Body: e.Body, NodeIDs: ids, Tags: e.Tags, Type: e.Type}
		if err := ef.Normalize(); err != nil {
			warn(de.Where, true, "the entry was left out: %s", pln.AsError(err).Message)
			continue
		}
		p.entries = append(p.entries, pln.Entry{ID: pln.NewID(), OccurredAt: ef.OccurredAt, Body: ef.Body, NodeIDs: ef.NodeIDs,
			Tags: ef.Tags, Type: ef.Type, CreatedAt: now, UpdatedAt: now})
	}

	// Updates of existing nodes.
	for _, id := range updateOrder {
		cur := updated[id]
		if len(fieldsChanged[id]) == 0 {
			pv.Unchanged++
			continue
		}
		if !cur.Ego {
			f := cur.Fields()
			if err := f.Normalize(); err != nil {
				warn("", true, "the update of %q was left out: %s", truncateRunes(cur.Label, 60), pln.AsError(err).Message)
				continue
			}
			cur.SetFields(f)
		}
		cur.UpdatedAt = now
		p.updates = append(p.updates, *cur)
		pv.Updates = append(pv.Updates, pln.ImportUpdate{NodeID: id, Label: p.original[id].Label, Reason: reasons[id], Fields: fieldsChanged[id]})
	}

	pv.Nodes, pv.Ties, pv.Entries = len(p.nodes), len(p.ties), len(p.entries)
	for _, w := range pv.Warnings {
		if w.Skipped {
			pv.Skipped++
		}
	}
	for i := 0; i < len(p.nodes) && i < 20; i++ {
		pv.Sample = append(pv.Sample, p.nodes[i].Label)
	}
	if pv.Updates == nil {
		pv.Updates = []pln.ImportUpdate{}
	}
	if pv.Duplicates == nil {
		pv.Duplicates = []pln.ImportDuplicate{}
	}
	if pv.MissingEnds == nil {
		pv.MissingEnds = []string{}
	}
	if pv.Warnings == nil {
		pv.Warnings = []pln.ImportWarning{}
	}
	return p, nil
}

func reasonOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func firstIn(m map[string]int, keys []string) (int, bool) {
	for _, k := range keys {
		if i, ok := m[k]; ok {
			return i, true
		}
	}
	return 0, false
}

func keyOf(m map[string]int, keys []string) string {
	for _, k := range keys {
		if _, ok := m[k]; ok {
			return strings.Replace(k, "feed:", "feed URL:", 1)
		}
	}
	return ""
}

// mergeNode applies the update rule, folding n (from a file of format)
// into cur: cur keeps its label, kind, position and every field it has;
// tags, contexts and emails gain n's; empty fields are filled; extra
// properties cur lacks are added, and a different label is kept as the
// extra "<format>:label". It returns the names of the fields that changed.
func mergeNode(cur *pln.Node, n pln.Node, format string) []string {
	var changed []string
	fill := func(name string, dst *string, v string) {
		if *dst == "" && v != "" {
			*dst = v
			changed = append(changed, name)
		}
	}
	fill("description", &cur.Description, n.Description)
	fill("web address", &cur.URL, n.URL)
	fill("feed URL", &cur.FeedURL, n.FeedURL)
	fill("organisation", &cur.Organisation, n.Organisation)
	if !cur.Ego {
		if cur.Relation == "" && n.Relation != "" {
			cur.Relation = n.Relation
			changed = append(changed, "relation")
		}
		if cur.Strength == 0 && n.Strength != 0 {
			cur.Strength = n.Strength
			changed = append(changed, "strength")
		}
		if cur.Role == "" && n.Role != "" {
			cur.Role = n.Role
			changed = append(changed, "role")
		}
		if cur.Mode == "" && n.Mode != "" {
			cur.Mode = n.Mode
			changed = append(changed, "mode")
		}
		if cur.Status == "" && n.Status != "" {
			cur.Status = n.Status
			changed = append(changed, "status")
		}
		if cur.Cadence == 0 && n.Cadence != 0 {
			cur.Cadence = n.Cadence
			changed = append(changed, "cadence")
		}
		if union(&cur.Contexts, n.Contexts, pln.MaxTags) {
			changed = append(changed, "contexts")
		}
	}
	if union(&cur.Tags, n.Tags, pln.MaxTags) {
		changed = append(changed, "tags")
	}
	if union(&cur.Emails, n.Emails, pln.MaxEmails) {
		changed = append(changed, "emails")
	}
	extra := false
	for k, v := range n.Extra {
		if cur.Ego && strings.HasSuffix(k, ":id") {
			continue // the file's id for the ego says nothing about the ego
		}
		if _, ok := cur.Extra[k]; !ok && interchange.PutExtra(&cur.Extra, k, v) {
			extra = true
		}
	}
	if n.Label != "" && !cur.Ego && normLabel(n.Label) != normLabel(cur.Label) {
		k := format + ":label"
		if strings.Contains(format, "+") {
			k = "import:label"
		}
		if _, ok := cur.Extra[k]; !ok && interchange.PutExtra(&cur.Extra, k, n.Label) {
			extra = true
		}
	}
	if extra {
		changed = append(changed, "extra properties")
	}
	return changed
}

// union adds the values of add missing from *dst (case-insensitively), up
// to max values; it reports whether it added any.
func union(dst *[]string, add []string, max int) bool {
	added := false
	for _, v := range add {
		if len(*dst) >= max {
			break
		}
		if v == "" || slices.ContainsFunc(*dst, func(s string) bool { return strings.EqualFold(s, v) }) {
			continue
		}
		*dst = append(*dst, v)
		added = true
	}
	return added
}
