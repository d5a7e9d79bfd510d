package pln

import (
	"math"
	"net/mail"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/google/uuid"
	"golang.org/x/text/unicode/norm"
)

// Limits enforced by validation. Lengths in runes unless the name says Bytes.
const (
	MaxLabelLen        = 200     // label, after trimming; at least 1
	MaxBodyBytes       = 1 << 20 // entry body and node description, UTF-8 bytes
	MaxTagLen          = 100     // one tag or context
	MaxTags            = 64      // tags (or contexts) on one record
	MaxURLLen          = 2048    // url and feedUrl
	MaxEmails          = 20
	MaxOrganisation    = 200
	MaxRelationLen     = 100
	MaxNoteLen         = 10000
	MaxCadenceDays     = 3650
	MaxExtraKeys       = 200
	MaxExtraKeyLen     = 200
	MaxExtraValueLen   = 64 << 10
	MaxEntryNodes      = 500
	MaxCoordinate      = 1e9 // |x| and |y|
	DefaultTieStrength = 3
)

// NodeFields are the fields of a node the user edits (everything but the id,
// ego flag, position and times). CreateNode and UpdateNode take them.
type NodeFields struct {
	Label        string            `json:"label"`
	Kind         Kind              `json:"kind"`
	Description  string            `json:"description"`
	URL          string            `json:"url"`
	FeedURL      string            `json:"feedUrl"`
	Emails       []string          `json:"emails"`
	Organisation string            `json:"organisation"`
	Tags         []string          `json:"tags"`
	Relation     Relation          `json:"relation"`
	Strength     int               `json:"strength"`
	Role         Role              `json:"role"`
	Contexts     []string          `json:"contexts"`
	Mode         Mode              `json:"mode"`
	Status       Status            `json:"status"`
	Cadence      int               `json:"cadence"`
	Extra        map[string]string `json:"extra"`
}

// TieFields are the fields of a tie the user edits. From and To are only
// read on creation.
type TieFields struct {
	From     string   `json:"from"`
	To       string   `json:"to"`
	Relation Relation `json:"relation"`
	Directed bool     `json:"directed"`
	Strength int      `json:"strength"` // 1–5; 0 means DefaultTieStrength
	Note     string   `json:"note"`
}

// EntryFields are the fields of a journal entry the user edits.
type EntryFields struct {
	OccurredAt time.Time `json:"occurredAt"`
	Body       string    `json:"body"`
	NodeIDs    []string  `json:"nodeIds"`
	Tags       []string  `json:"tags"`
	Type       EntryType `json:"type"` // empty means reflection
}

// Fields returns the editable fields of n.
func (n *Node) Fields() NodeFields {
	return NodeFields{Label: n.Label, Kind: n.Kind, Description: n.Description, URL: n.URL, FeedURL: n.FeedURL,
		Emails: n.Emails, Organisation: n.Organisation, Tags: n.Tags, Relation: n.Relation, Strength: n.Strength,
		Role: n.Role, Contexts: n.Contexts, Mode: n.Mode, Status: n.Status, Cadence: n.Cadence, Extra: n.Extra}
}

// SetFields copies f into n (f should be normalized first).
func (n *Node) SetFields(f NodeFields) {
	n.Label, n.Kind, n.Description, n.URL, n.FeedURL = f.Label, f.Kind, f.Description, f.URL, f.FeedURL
	n.Emails, n.Organisation, n.Tags = f.Emails, f.Organisation, f.Tags
	n.Relation, n.Strength, n.Role, n.Contexts, n.Mode, n.Status, n.Cadence = f.Relation, f.Strength, f.Role, f.Contexts, f.Mode, f.Status, f.Cadence
	n.Extra = f.Extra
}

// Normalize trims and checks f in place. It returns an *Error with code
// invalid or too_large naming the field, or nil.
func (f *NodeFields) Normalize() error {
	label, err := NormalizeLabel(f.Label)
	if err != nil {
		return err
	}
	f.Label = label
	if f.Kind == "" {
		f.Kind = KindPerson
	}
	if !slices.Contains(Kinds, f.Kind) {
		return Invalid("kind %q is not one of person, organisation, community, source, service, device.", f.Kind)
	}
	if len(f.Description) > MaxBodyBytes {
		return TooLarge("The description is %d bytes; the limit is %d.", len(f.Description), MaxBodyBytes)
	}
	if !utf8.ValidString(f.Description) {
		return Invalid("The description is not valid UTF-8 text.")
	}
	if f.URL, err = NormalizeURL("url", f.URL); err != nil {
		return err
	}
	if f.FeedURL, err = NormalizeURL("feed URL", f.FeedURL); err != nil {
		return err
	}
	if f.Emails, err = normalizeEmails(f.Emails); err != nil {
		return err
	}
	f.Organisation = strings.TrimSpace(f.Organisation)
	if n := utf8.RuneCountInString(f.Organisation); n > MaxOrganisation || hasControl(f.Organisation) {
		return Invalid("The organisation must be one line of at most %d characters.", MaxOrganisation)
	}
	if f.Tags, err = NormalizeTags("tag", f.Tags); err != nil {
		return err
	}
	if f.Contexts, err = NormalizeTags("context", f.Contexts); err != nil {
		return err
	}
	if f.Relation, err = normalizeRelation(f.Relation, true); err != nil {
		return err
	}
	if f.Strength < 0 || f.Strength > 5 {
		return Invalid("Tie strength must be 1–5 (or unset), not %d.", f.Strength)
	}
	if f.Role != "" && !slices.Contains(Roles, f.Role) {
		return Invalid("role %q is not one of mentor, peer, collaborator, expert, curator, challenger, mentee, friend.", f.Role)
	}
	if f.Mode != "" && !slices.Contains(Modes, f.Mode) {
		return Invalid("mode %q is not one of online, offline, both.", f.Mode)
	}
	if f.Status != "" && !slices.Contains(Statuses, f.Status) {
		return Invalid("status %q is not one of prospective, active, dormant, archived.", f.Status)
	}
	if f.Cadence < 0 || f.Cadence > MaxCadenceDays {
		return Invalid("Cadence must be 0–%d days, not %d.", MaxCadenceDays, f.Cadence)
	}
	return validateExtra(f.Extra)
}

// NormalizeLabel trims s and checks it is 1–MaxLabelLen characters of one line.
func NormalizeLabel(s string) (string, error) {
	return normalizeLine("label", "give the node a name", s, MaxLabelLen)
}

// normalizeLine trims s and checks it is 1–limit characters of one line of
// UTF-8 text; what names the field in the errors ("The label is empty; "
// + hint + ".").
func normalizeLine(what, hint, s string, limit int) (string, error) {
	if !utf8.ValidString(s) {
		return "", Invalid("The %s is not valid UTF-8 text.", what)
	}
	s = strings.TrimSpace(s)
	n := utf8.RuneCountInString(s)
	if n == 0 {
		return "", Invalid("The %s is empty; %s.", what, hint)
	}
	if n > limit {
		return "", TooLarge("The %s is %d characters; the limit is %d.", what, n, limit)
	}
	if hasControl(s) {
		return "", Invalid("The %s %q contains a line break or control character.", what, truncate(s, 40))
	}
	return s, nil
}

// NormalizeURL trims a URL field. A URL is never rejected for its form: a
// value that is not an absolute http(s) URL is kept as plain text (IsWebURL
// tells them apart). Only length and control characters are errors.
func NormalizeURL(field, s string) (string, error) {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) > MaxURLLen {
		return "", TooLarge("The %s is longer than %d characters.", field, MaxURLLen)
	}
	if hasControl(s) || !utf8.ValidString(s) {
		return "", Invalid("The %s contains a line break or control character.", field)
	}
	return s, nil
}

// IsWebURL reports whether s is an absolute http or https URL with a host,
// the only kind the UI turns into a link.
func IsWebURL(s string) bool {
	u, err := url.Parse(s)
	if err != nil {
		return false
	}
	return (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// NormalizeTags puts each tag in Unicode NFC (so "é" typed as e plus an
// accent and as one character is one tag), trims white space and invisible
// format characters (U+200B and the like, Unicode category Cf) from its ends,
// drops empty ones and duplicates (keeping the first spelling,
// case-insensitively), and checks count and length. field is "tag" or
// "context", for messages.
func NormalizeTags(field string, tags []string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	for _, t := range tags {
		if !utf8.ValidString(t) {
			return nil, Invalid("A %s is not valid UTF-8 text.", field)
		}
		t = TrimTag(t)
		if t == "" {
			continue
		}
		if utf8.RuneCountInString(t) > MaxTagLen {
			return nil, TooLarge("The %s %q is longer than %d characters.", field, truncate(t, 40), MaxTagLen)
		}
		if hasControl(t) {
			return nil, Invalid("The %s %q contains a line break or control character.", field, truncate(t, 40))
		}
		k := strings.ToLower(t)
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, t)
	}
	if len(out) > MaxTags {
		return nil, TooLarge("There are %d %ss; the limit is %d.", len(out), field, MaxTags)
	}
	return out, nil
}

// TrimTag is what NormalizeTags does to one tag before checking it: Unicode
// NFC, then white space and invisible format characters (category Cf, such as
// U+200B or U+2062) trimmed from both ends. Importers use it so that what they
// stage is already in the form Normalize keeps.
func TrimTag(t string) string {
	return strings.TrimFunc(norm.NFC.String(t), func(r rune) bool { return unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) })
}

func normalizeEmails(in []string) ([]string, error) {
	var out []string
	for _, e := range in {
		e = strings.TrimSpace(e)
		if e == "" || slices.Contains(out, e) {
			continue
		}
		a, err := mail.ParseAddress(e)
		if err != nil || a.Address != e {
			return nil, Invalid("The email %q is not an address like name@example.org.", truncate(e, 60))
		}
		out = append(out, e)
	}
	if len(out) > MaxEmails {
		return nil, TooLarge("There are %d emails; the limit is %d.", len(out), MaxEmails)
	}
	return out, nil
}

func normalizeRelation(r string, allowEmpty bool) (string, error) {
	r = strings.TrimSpace(r)
	if r == "" {
		if allowEmpty {
			return "", nil
		}
		return "", Invalid("A tie needs a relation, such as %q or a label of your own.", RelKnows)
	}
	if utf8.RuneCountInString(r) > MaxRelationLen || hasControl(r) || !utf8.ValidString(r) {
		return "", Invalid("The relation must be one line of at most %d characters.", MaxRelationLen)
	}
	return r, nil
}

func validateExtra(m map[string]string) error {
	if len(m) > MaxExtraKeys {
		return TooLarge("There are %d extra properties; the limit is %d.", len(m), MaxExtraKeys)
	}
	for k, v := range m {
		if k == "" || len(k) > MaxExtraKeyLen || !utf8.ValidString(k) {
			return Invalid("The extra property name %q is empty, too long or not UTF-8.", truncate(k, 40))
		}
		if len(v) > MaxExtraValueLen || !utf8.ValidString(v) {
			return TooLarge("The extra property %q is over %d bytes or not UTF-8.", truncate(k, 40), MaxExtraValueLen)
		}
	}
	return nil
}

// Normalize trims and checks a tie's fields in place. It does not check that
// the ends exist; the service does that inside the transaction.
func (f *TieFields) Normalize() error {
	var err error
	if err = CheckID("tie end", f.From); err != nil {
		return err
	}
	if err = CheckID("tie end", f.To); err != nil {
		return err
	}
	if f.From == f.To {
		return Invalid("A tie must join two different nodes.")
	}
	if f.Relation, err = normalizeRelation(f.Relation, false); err != nil {
		return err
	}
	if f.Strength == 0 {
		f.Strength = DefaultTieStrength
	}
	if f.Strength < 1 || f.Strength > 5 {
		return Invalid("Tie strength must be 1–5, not %d.", f.Strength)
	}
	if utf8.RuneCountInString(f.Note) > MaxNoteLen || !utf8.ValidString(f.Note) {
		return TooLarge("The tie note is longer than %d characters or not UTF-8.", MaxNoteLen)
	}
	return nil
}

// Normalize trims and checks an entry's fields in place. Node existence is
// checked by the service.
func (f *EntryFields) Normalize() error {
	if f.OccurredAt.IsZero() {
		return Invalid("The entry needs a date (occurredAt).")
	}
	if y := f.OccurredAt.Year(); y < 1 || y > 9999 {
		return Invalid("The entry date %s is outside years 1–9999.", f.OccurredAt.Format(time.RFC3339))
	}
	if len(f.Body) > MaxBodyBytes {
		return TooLarge("The entry is %d bytes; the limit is %d (1 MiB).", len(f.Body), MaxBodyBytes)
	}
	if !utf8.ValidString(f.Body) {
		return Invalid("The entry text is not valid UTF-8.")
	}
	if f.Type == "" {
		f.Type = EntryReflection
	}
	if !slices.Contains(EntryTypes, f.Type) {
		return Invalid("entry type %q is not one of reflection, interaction, resource, milestone.", f.Type)
	}
	var ids []string
	for _, id := range f.NodeIDs {
		if err := CheckID("linked node", id); err != nil {
			return err
		}
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	if len(ids) > MaxEntryNodes {
		return TooLarge("The entry links %d nodes; the limit is %d.", len(ids), MaxEntryNodes)
	}
	f.NodeIDs = ids
	var err error
	f.Tags, err = NormalizeTags("tag", f.Tags)
	return err
}

// CheckPosition checks that a position is finite and within MaxCoordinate.
func CheckPosition(p Position) error {
	if err := CheckID("node", p.ID); err != nil {
		return err
	}
	for _, v := range []float64{p.X, p.Y} {
		if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > MaxCoordinate {
			return Invalid("The position of node %s is not a finite number within ±%g.", p.ID, MaxCoordinate)
		}
	}
	return nil
}

// CheckID checks that id is a canonical UUID string. what names it in the message.
func CheckID(what, id string) error {
	u, err := uuid.Parse(id)
	if err != nil || u.String() != id {
		return Invalid("The %s id %q is not a valid id.", what, truncate(id, 40))
	}
	return nil
}

// NewID returns a new UUIDv7 (time-ordered, RFC 9562) as a canonical string.
func NewID() string {
	return uuid.Must(uuid.NewV7()).String()
}

func hasControl(s string) bool {
	return strings.IndexFunc(s, unicode.IsControl) >= 0
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}

// ValidateExtra checks a record's extra properties against the limits
// (MaxExtraKeys, MaxExtraKeyLen, MaxExtraValueLen, UTF-8).
func ValidateExtra(m map[string]string) error { return validateExtra(m) }
