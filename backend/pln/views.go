package pln

import (
	"math"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// A saved view: a named way of looking at the map — which alters the
// filters hide, what colour and size encode, the focus and the camera —
// kept in the store and in backups (docs/decisions/saved-views.md). A view
// never holds data: applying one changes what is drawn, never a node, a
// tie or a position.
type View struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	State     ViewState `json:"state"`
	CreatedAt time.Time `json:"createdAt"`
	UpdatedAt time.Time `json:"updatedAt"`
}

// ViewState is what a saved view restores. The frontend's map state has the
// same shape (frontend/src/features/views/viewState.ts).
type ViewState struct {
	// Hidden: per filter dimension (ViewDims), the values filtered off; ""
	// stands for "not set". A dimension left out hides nothing.
	Hidden map[string][]string `json:"hidden,omitempty"`
	// Tags: when not empty, only alters carrying one of these tags are drawn.
	Tags []string `json:"tags,omitempty"`
	// Color: the dimension colour encodes (one of ViewDims).
	Color string `json:"color"`
	// Size: what node size encodes (one of ViewSizes).
	Size string `json:"size"`
	// Focus: the focus mode in effect, or nil for none.
	Focus *ViewFocus `json:"focus,omitempty"`
	// Camera: where the camera was, or nil to fit the map.
	Camera *ViewCamera `json:"camera,omitempty"`
}

// ViewFocus is a focus mode: the nodes focused on, how many steps of ties
// around them are shown (1–MaxFocusSteps) and whether the rest is hidden
// (else dimmed).
type ViewFocus struct {
	NodeIDs []string `json:"nodeIds"`
	Steps   int      `json:"steps"`
	Hide    bool     `json:"hide,omitempty"`
}

// ViewCamera is where the camera looks: X and Y the point at the centre of
// the screen, in graph coordinates (those of node positions), Ratio sigma's
// zoom relative to the map fitted to what the view shows (1 = all of it
// fits; smaller is closer), Angle in radians.
type ViewCamera struct {
	X     float64 `json:"x"`
	Y     float64 `json:"y"`
	Ratio float64 `json:"ratio"`
	Angle float64 `json:"angle"`
}

// ViewDims are the node fields a view filters and colours by; ViewSizes what
// node size can encode (interactions: entries linking the alter).
var (
	ViewDims  = []string{"kind", "context", "role", "mode", "status"}
	ViewSizes = []string{"strength", "degree", "interactions"}
)

// Saved-view limits.
const (
	MaxViewNameLen   = 80   // characters of a view's name, after trimming
	MaxViews         = 100  // saved views kept
	MaxFocusSteps    = 3    // ties around the focused nodes
	MaxViewFocusIDs  = 1000 // nodes a focus names
	MaxViewValues    = 200  // values hidden in one dimension
	MaxViewValueLen  = 100  // characters of one hidden value (a context is a tag-like word)
	minCameraRatio   = 1e-6
	maxCameraRatio   = 1e6
	maxCameraExtent  = MaxCoordinate
	maxCameraAngleRd = 1e3
)

// NormalizeViewName trims s and checks it is 1–MaxViewNameLen characters of
// one line.
func NormalizeViewName(s string) (string, error) {
	return normalizeLine("view's name", "give it one", s, MaxViewNameLen)
}

// NormalizeViewState checks s and returns it tidied: hidden values sorted
// and without duplicates, empty dimensions dropped, tags normalised like
// node tags, focus ids sorted and unique. Errors are pln.Invalid (or
// TooLarge) and name the field.
func NormalizeViewState(s ViewState) (ViewState, error) {
	out := ViewState{Color: s.Color, Size: s.Size}
	if !slices.Contains(ViewDims, s.Color) {
		return ViewState{}, Invalid("The view's colour %q is not one of %s.", truncate(s.Color, 40), strings.Join(ViewDims, ", "))
	}
	if !slices.Contains(ViewSizes, s.Size) {
		return ViewState{}, Invalid("The view's size %q is not one of %s.", truncate(s.Size, 40), strings.Join(ViewSizes, ", "))
	}
	for dim, values := range s.Hidden {
		if !slices.Contains(ViewDims, dim) {
			return ViewState{}, Invalid("The view filters by %q, which is not one of %s.", truncate(dim, 40), strings.Join(ViewDims, ", "))
		}
		if len(values) > MaxViewValues {
			return ViewState{}, TooLarge("The view hides %d values of %s; the limit is %d.", len(values), dim, MaxViewValues)
		}
		vs := make([]string, 0, len(values))
		for _, v := range values {
			if !utf8.ValidString(v) || hasControl(v) || utf8.RuneCountInString(v) > MaxViewValueLen {
				return ViewState{}, Invalid("The view hides a %s value that is not a short line of text: %q.", dim, truncate(v, 40))
			}
			vs = append(vs, v)
		}
		slices.Sort(vs)
		vs = slices.Compact(vs)
		if len(vs) > 0 {
			if out.Hidden == nil {
				out.Hidden = map[string][]string{}
			}
			out.Hidden[dim] = vs
		}
	}
	tags, err := NormalizeTags("tag", s.Tags)
	if err != nil {
		return ViewState{}, err
	}
	if len(tags) > 0 {
		out.Tags = tags
	}
	if f := s.Focus; f != nil {
		if f.Steps < 1 || f.Steps > MaxFocusSteps {
			return ViewState{}, Invalid("The view's focus reaches %d steps; it must be 1–%d.", f.Steps, MaxFocusSteps)
		}
		if len(f.NodeIDs) == 0 {
			return ViewState{}, Invalid("The view's focus names no node.")
		}
		if len(f.NodeIDs) > MaxViewFocusIDs {
			return ViewState{}, TooLarge("The view's focus names %d nodes; the limit is %d.", len(f.NodeIDs), MaxViewFocusIDs)
		}
		ids := slices.Clone(f.NodeIDs)
		for _, id := range ids {
			if err := CheckID("node", id); err != nil {
				return ViewState{}, err
			}
		}
		slices.Sort(ids)
		out.Focus = &ViewFocus{NodeIDs: slices.Compact(ids), Steps: f.Steps, Hide: f.Hide}
	}
	if c := s.Camera; c != nil {
		finite := func(v, limit float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) && math.Abs(v) <= limit }
		if !finite(c.X, maxCameraExtent) || !finite(c.Y, maxCameraExtent) || !finite(c.Angle, maxCameraAngleRd) ||
			!finite(c.Ratio, maxCameraRatio) || c.Ratio < minCameraRatio {
			return ViewState{}, Invalid("The view's camera (x %g, y %g, ratio %g, angle %g) is out of range.", c.X, c.Y, c.Ratio, c.Angle)
		}
		cc := *c
		out.Camera = &cc
	}
	return out, nil
}

// SameViewName reports whether two view names are the same to a person:
// case-insensitively (names are unique that way).
func SameViewName(a, b string) bool {
	return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b))
}

// Normalize checks v's id, name and state and tidies them in place
// (NormalizeViewName, NormalizeViewState). Times are kept as they are.
func (v *View) Normalize() error {
	if err := CheckID("saved view", v.ID); err != nil {
		return err
	}
	name, err := NormalizeViewName(v.Name)
	if err != nil {
		return err
	}
	st, err := NormalizeViewState(v.State)
	if err != nil {
		return err
	}
	v.Name, v.State = name, st
	return nil
}
