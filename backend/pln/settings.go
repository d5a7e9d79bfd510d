package pln

import "time"

// Settings are the user's settings that change what Plexus computes. They
// are one record in the store, written through the commit path like any
// edit (one undoable step). A zero field means "the default".
type Settings struct {
	// QuietPeriodDays: an alter with no interaction for longer than this is
	// computed dormant (unless its Status is set by hand). 0 = the default,
	// DefaultQuietPeriodDays.
	QuietPeriodDays int `json:"quietPeriodDays,omitempty"`
	// Contexts is the user's ordered context list (contexts.go: ContextList,
	// CheckContextList): the names the node panel offers and the legend
	// colours in this order. nil = the default list (Contexts: work, school,
	// home); a pointer so that an emptied list (all deleted) is kept as [].
	Contexts *[]string `json:"contexts,omitempty"`
}

// IsDefault reports whether every setting of s is at its default (unset), so
// the settings record need not be stored.
func (s Settings) IsDefault() bool { return s.QuietPeriodDays == 0 && s.Contexts == nil }

// Quiet period bounds, in days.
const (
	DefaultQuietPeriodDays = 90
	MinQuietPeriodDays     = 1
	MaxQuietPeriodDays     = 3650
)

// QuietPeriod returns the quiet period in days, the default when unset.
func (s Settings) QuietPeriod() int {
	if s.QuietPeriodDays == 0 {
		return DefaultQuietPeriodDays
	}
	return s.QuietPeriodDays
}

// CheckQuietPeriod checks a quiet period in days.
func CheckQuietPeriod(days int) error {
	if days < MinQuietPeriodDays || days > MaxQuietPeriodDays {
		return Invalid("The quiet period must be %d–%d days, not %d.", MinQuietPeriodDays, MaxQuietPeriodDays, days)
	}
	return nil
}

// NoteCadence keeps n.CadenceSince after n was created or edited at now
// (prev is the node before the edit; the zero Node for a new one): a
// cadence that is new or changed counts from now, no cadence has no time,
// and an unchanged one keeps its time. A record written before the field
// existed gets prev's UpdatedAt, the latest time its cadence can have been
// set, so that later edits no longer move it.
func (n *Node) NoteCadence(prev Node, now time.Time) {
	switch {
	case n.Cadence == 0:
		n.CadenceSince = time.Time{}
	case n.Cadence != prev.Cadence:
		n.CadenceSince = now
	case prev.CadenceSince.IsZero():
		n.CadenceSince = prev.CadenceStart()
	default:
		n.CadenceSince = prev.CadenceSince
	}
}

// CadenceStart is when n's cadence started counting: CadenceSince, or for
// a record without it (written before the field existed, or by an import)
// its UpdatedAt (else CreatedAt), which is never before the cadence was set.
func (n Node) CadenceStart() time.Time {
	switch {
	case !n.CadenceSince.IsZero():
		return n.CadenceSince
	case !n.UpdatedAt.IsZero():
		return n.UpdatedAt
	}
	return n.CreatedAt
}
