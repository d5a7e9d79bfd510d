package pln

import (
	"strings"
	"unicode/utf8"
)

// MaxContexts is the most contexts the user's context list (Settings.Contexts)
// holds: MaxTags, the most a node carries, so a node can have them all.
const MaxContexts = MaxTags

// ContextList returns the user's ordered context list: a copy of
// *s.Contexts, or of the defaults (Contexts: work, school, home) when none is
// stored. It is never nil.
func (s Settings) ContextList() []string {
	if s.Contexts == nil {
		return append([]string{}, Contexts...)
	}
	return append([]string{}, (*s.Contexts)...)
}

// WithContexts returns s holding list as its context list, stored as "the
// default" (nil) when list is the default list exactly.
func (s Settings) WithContexts(list []string) Settings {
	if SameContextOrder(list, Contexts) {
		s.Contexts = nil
		return s
	}
	l := append([]string{}, list...)
	s.Contexts = &l
	return s
}

// Effective returns s with every unset setting at its default, as the
// services hand settings out (quiet period days, context list).
func (s Settings) Effective() Settings {
	s.QuietPeriodDays = s.QuietPeriod()
	l := s.ContextList()
	s.Contexts = &l
	return s
}

// SameContextOrder reports whether a and b are the same names in the same
// order (exact spelling).
func SameContextOrder(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// ContextKey is the key contexts compare by: the name as NormalizeTags keeps
// it (TrimTag), lower-cased. "Work" and " work " are one context.
func ContextKey(name string) string { return strings.ToLower(TrimTag(name)) }

// NormalizeContext normalises one context name by NormalizeTags' rules (NFC,
// ends trimmed, at most MaxTagLen characters, no control characters) and
// refuses an empty one (invalid).
func NormalizeContext(name string) (string, error) {
	if !utf8.ValidString(name) {
		return "", Invalid("A context is not valid UTF-8 text.")
	}
	if TrimTag(name) == "" {
		return "", Invalid("A context needs a name.")
	}
	if strings.Contains(name, ",") {
		// The node panel and the table take contexts as a comma-separated list.
		return "", Invalid("The context “%s” contains a comma; lists of contexts are separated by commas.", truncate(TrimTag(name), 40))
	}
	out, err := NormalizeTags("context", []string{name})
	if err != nil {
		return "", err
	}
	return out[0], nil
}

// CheckContextList normalises a whole context list in place (each name by
// NormalizeContext) and refuses an empty name, a name twice (case aside) and
// more than MaxContexts names. The error names the offending context.
func CheckContextList(list []string) error {
	if len(list) > MaxContexts {
		return TooLarge("The context list has %d contexts; the limit is %d.", len(list), MaxContexts)
	}
	seen := map[string]bool{}
	for i, c := range list {
		n, err := NormalizeContext(c)
		if err != nil {
			return err
		}
		k := strings.ToLower(n)
		if seen[k] {
			return Invalid("The context list has %q twice.", truncate(n, 40))
		}
		seen[k] = true
		list[i] = n
	}
	return nil
}
