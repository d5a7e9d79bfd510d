package interchange

import (
	"fmt"
	"math"
	"strings"

	"github.com/plexus-pln/plexus/backend/pln"
)

// File is one input or output file of a format: its name (a base name or
// a slash-separated path inside a folder or zip, for messages and for
// formats whose files name each other, such as a Markdown vault) and its
// bytes.
type File struct {
	Name string
	Data []byte
}

// Doc is what a format's Parse found in the files of one import: nodes,
// ties and journal entries as pln values, keyed by the file's own
// identifiers, and every warning. A Doc assigns no store ids, no times and
// no import ids; positions only where the file had them (HasPosition). The
// service turns a Doc into a preview (what would be added, updated or
// merged, and why) and then into one all-or-nothing import step.
//
// Every node, tie and entry in a Doc must pass pln's Normalize rules
// after the service fills the defaults (kind, ego relation, tie strength):
// parsers clean labels and tags (cleanLine, mergeTags) and keep what has no
// Plexus field in Extra, keyed "<format>:<attribute>" with at most
// pln.MaxExtraKeys keys (a warning says what did not fit).
type Doc struct {
	Format  string // the registry name of the format that parsed it ("gexf")
	Title   string // the document's own title, when it has one; may be empty
	Nodes   []DocNode
	Ties    []DocTie
	Entries []DocEntry
	// Warnings: everything the import must tell the user — items merged
	// or skipped, values that did not fit, attributes dropped — each with
	// where it is in the file. Nothing is dropped without one.
	Warnings []Warning
}

// DocNode is one node of a Doc.
type DocNode struct {
	// Key is the file's identifier for the node (a GEXF/GraphML id, a CSV
	// Id, a vCard's UID or its position); unique within the Doc. Ties and
	// entries refer to nodes by Key.
	Key string
	// Node holds the fields (Label, Kind, Description, URL, FeedURL,
	// Emails, Organisation, Tags, the ego-tie fields, Extra, and X/Y when
	// HasPosition). Kind is empty when the file does not say what the node
	// is: the preview then asks (ImportChoices.Kind). Relation empty means
	// the service's default for the kind.
	Node        pln.Node
	HasPosition bool
	// Aliases are other titles this node had in the file (a duplicate
	// merged into it); they are reported, and kept in Extra by the parser.
	Aliases []string
	Where   string // "line 12", "row 5", "card 3": where the node is in the file
}

// DocTie is one tie of a Doc. From and To are DocNode keys. When a key is
// not a node of the Doc (an edge table imported alone), the service
// resolves it against the existing network: a node id, the value of the
// node's Extra[ExtraKeyFor(format)], or a node label (normalised); the
// preview lists the ends it cannot find.
type DocTie struct {
	From, To string
	// Tie holds Relation ("" = "knows"), Directed, Strength (0 = 3, the
	// middle of the scale), Note and Extra.
	Tie   pln.Tie
	Where string
}

// DocEntry is one journal entry of a Doc. NodeKeys are the DocNode keys
// (or, as for ties, existing nodes' ids or labels) the entry concerns.
type DocEntry struct {
	Entry    pln.Entry // OccurredAt, Body, Tags, Type ("" = reflection)
	NodeKeys []string
	Where    string
	// LinkKeys maps the target of a [[wikilink]] in Entry.Body (as
	// written, see pln.Wikilinks) to the DocNode key it names, for the
	// formats that have them (the Markdown vault): the import stores such
	// a link by the node's id ("[[id|label]]", docs/decisions/journal-links.md).
	LinkKeys map[string]string
}

// Warning is one thing an import tells the user: what happened (Message,
// one sentence) and where (Where: "line 12", "row 5 of edges.csv"; may be
// empty for the whole file). Skipped is true when an item of the file was
// left out because of it (the preview's "import the readable items" list).
type Warning struct {
	Where   string `json:"where,omitempty"`
	Message string `json:"message"`
	Skipped bool   `json:"skipped,omitempty"`
}

// String is "where: message" (or the message alone).
func (w Warning) String() string {
	if w.Where == "" {
		return w.Message
	}
	return w.Where + ": " + w.Message
}

// Warn appends a warning; format and args as fmt.Sprintf.
func (d *Doc) Warn(where, format string, args ...any) {
	d.Warnings = append(d.Warnings, Warning{Where: where, Message: fmt.Sprintf(format, args...)})
}

// Skip appends a warning for an item left out.
func (d *Doc) Skip(where, format string, args ...any) {
	d.Warnings = append(d.Warnings, Warning{Where: where, Message: fmt.Sprintf(format, args...), Skipped: true})
}

// ExtraKeyFor is the Extra key under which a format keeps a node's own
// identifier from the file ("gexf:id"), so that an edge table imported
// later can find the node and an export can write the id back.
func ExtraKeyFor(format string) string { return format + ":id" }

// Network is what an exporter writes: the whole network and journal as
// the store holds them (the ego among Nodes, with Ego set).
type Network struct {
	Nodes   []pln.Node
	Ties    []pln.Tie
	Entries []pln.Entry
	// Images are the journal's images that entry bodies show as
	// ![alt](plexus-image:<id>); the Markdown vault writes them to
	// attachments/ (nil: none, or a format that does not keep them).
	Images []BackupImage
}

// Ego returns the ego node of net (the zero Node when there is none).
func (net *Network) Ego() pln.Node {
	for _, n := range net.Nodes {
		if n.Ego {
			return n
		}
	}
	return pln.Node{}
}

// StrengthsFromWeights maps a file's edge weights to tie strengths 1–5
// (docs/formats.md, "Edge weight and tie strength"): when every weight is
// a whole number from 1 to 5, the weight is the strength (so a file
// Plexus wrote reads back unchanged); otherwise the weights are scaled
// linearly from the file's smallest (1) to its largest (5), rounded, and
// all-equal weights give 3. NaN, infinite or missing (ok false) weights
// give 3. The original weight stays in the tie's Extra ("<format>:weight"),
// where the parser puts it.
func StrengthsFromWeights(weights []float64, ok []bool) []int {
	out := make([]int, len(weights))
	valid := func(i int) bool {
		w := weights[i]
		return (ok == nil || ok[i]) && !math.IsNaN(w) && !math.IsInf(w, 0)
	}
	small := true
	lo, hi := math.Inf(1), math.Inf(-1)
	for i, w := range weights {
		if !valid(i) {
			continue
		}
		if w != math.Trunc(w) || w < 1 || w > 5 {
			small = false
		}
		lo, hi = math.Min(lo, w), math.Max(hi, w)
	}
	for i, w := range weights {
		switch {
		case !valid(i):
			out[i] = 3
		case small:
			out[i] = int(w)
		case hi == lo:
			out[i] = 3
		default:
			out[i] = 1 + int(math.Round(4*(w-lo)/(hi-lo)))
		}
	}
	return out
}

// kindWords maps words files use for what a node is to Plexus kinds.
var kindWords = map[string]pln.Kind{
	"person": pln.KindPerson, "people": pln.KindPerson, "human": pln.KindPerson, "individual": pln.KindPerson,
	"contact": pln.KindPerson, "friend": pln.KindPerson, "author": pln.KindPerson, "actor": pln.KindPerson,
	"organisation": pln.KindOrganisation, "organization": pln.KindOrganisation, "org": pln.KindOrganisation,
	"company": pln.KindOrganisation, "institution": pln.KindOrganisation, "university": pln.KindOrganisation,
	"school": pln.KindOrganisation, "employer": pln.KindOrganisation,
	"community": pln.KindCommunity, "group": pln.KindCommunity, "forum": pln.KindCommunity, "team": pln.KindCommunity,
	"meetup": pln.KindCommunity, "network": pln.KindCommunity,
	"source": pln.KindSource, "feed": pln.KindSource, "blog": pln.KindSource, "book": pln.KindSource,
	"podcast": pln.KindSource, "newsletter": pln.KindSource, "website": pln.KindSource, "site": pln.KindSource,
	"journal": pln.KindSource, "paper": pln.KindSource, "course": pln.KindSource, "video": pln.KindSource,
	"service": pln.KindService, "tool": pln.KindService, "app": pln.KindService, "software": pln.KindService,
	"platform": pln.KindService,
	"device":   pln.KindDevice, "hardware": pln.KindDevice, "gadget": pln.KindDevice,
}

// GuessKind maps a type/kind value from a file ("Person", "organization",
// "Blog") to a Plexus kind, case- and space-insensitively, singular or
// plural; "" when the value names no kind (the value is then kept as an
// extra property and the preview asks for the kind).
func GuessKind(value string) pln.Kind {
	v := strings.ToLower(strings.TrimSpace(value))
	if k, ok := kindWords[v]; ok {
		return k
	}
	if k, ok := kindWords[strings.TrimSuffix(v, "s")]; ok {
		return k
	}
	return ""
}

// PutExtra sets m[key] = value in the Extra map of a node or tie being
// built (creating it), cutting the value to pln.MaxExtraValueLen bytes. It
// returns false, setting nothing, when the map already holds
// pln.MaxExtraKeys keys or key is longer than pln.MaxExtraKeyLen: the
// caller warns. An empty value is not stored.
func PutExtra(m *map[string]string, key, value string) bool {
	if value == "" {
		return true
	}
	if len(key) > pln.MaxExtraKeyLen {
		return false
	}
	if *m == nil {
		*m = map[string]string{}
	}
	if _, ok := (*m)[key]; !ok && len(*m) >= pln.MaxExtraKeys {
		return false
	}
	if len(value) > pln.MaxExtraValueLen {
		value = strings.ToValidUTF8(value[:pln.MaxExtraValueLen], "")
	}
	(*m)[key] = value
	return true
}
