package service

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"math"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/plexus-pln/plexus/backend/interchange"
	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/store"
)

// Import limits and tuning.
const (
	// MaxImportBytes is the largest file ImportFile accepts (32 MiB).
	MaxImportBytes = 32 << 20
	// DuplicateDropWindow: the same file (same name and bytes) arriving again
	// within this time after the first finished is not imported again; the
	// second call returns the first one's result. A native drop in the Wails
	// window can arrive twice (OnFileDrop and the page's HTML5 drop).
	DuplicateDropWindow = 2 * time.Second
	// stageChunk is how many nodes go into one staging transaction, well
	// under Badger's per-transaction limit for typical nodes.
	stageChunk = 250
	// progressInterval throttles import:progress to at most ~10 per second.
	progressInterval = 100 * time.Millisecond
	// placeSpacing is the distance, in graph units, between imported nodes
	// placed around the ego, and between the rings they go on.
	placeSpacing = 40.0
)

// ImportService brings outside data into the network: files (OPML) and
// dragged links. Every import is staged in the store and published in one
// small commit, so it is all-or-nothing and is one step of the history: Undo takes it back whole.
// Imports run one at a time.
type ImportService struct {
	c  *core
	mu sync.Mutex // serializes imports: duplicate checks see earlier imports

	runMu   sync.Mutex
	running map[string]context.CancelFunc // import id → cancel

	dropMu sync.Mutex
	drops  map[dropKey]*dropCall

	pendMu  sync.Mutex
	pending map[string]*pendingImport // preview id → parsed import (preview.go)
}

type dropKey struct {
	name string
	sum  [sha256.Size]byte
}

type dropCall struct {
	done     chan struct{}
	finished time.Time
	res      pln.ImportResult
	err      error
}

func newImportService(c *core) *ImportService {
	return &ImportService{c: c, running: map[string]context.CancelFunc{}, drops: map[dropKey]*dropCall{}, pending: map[string]*pendingImport{}}
}

// Files imports files for Go callers (app.go's native drops and dialogs,
// the HTTP handler, the "plexus import" command). It is not bound to the
// frontend: Wails binds every exported method of a bound struct, it cannot
// pass a context.Context from JavaScript, and it would type a []byte
// argument as Array<number> although it only decodes base64. The page sends
// file bytes to POST /api/import instead.
type Files struct {
	s      *ImportService
	backup *BackupService // Export reads the store's snapshot through it
}

// ImportFile imports a file's bytes; name is the file's name or path (its
// base name is shown to the user; the format is detected from the
// content). OPML becomes one source node per feed (ego relation
// "follows"), placed on rings around the ego outside the existing nodes;
// feeds whose feed URL is already in the network are skipped and counted in
// Skipped. All-or-nothing: on any error nothing is added. Errors: too_large
// (over 32 MiB), unsupported (not OPML, or a Plexus backup, which is
// restored rather than imported), invalid (a malformed file; the message
// names the file and line), conflict (cancelled). Emits import:progress
// while it runs, then network:changed reason "import". The same name and
// bytes again within 2 s (a drop delivered twice) return the first call's
// result without importing twice.
func (f *Files) ImportFile(name string, data []byte) (pln.ImportResult, error) {
	return f.ImportFileContext(context.Background(), name, data)
}

// ImportFileContext is ImportFile with a context: cancelling ctx (or
// ImportService.CancelImport with the import's id) stops the import between
// chunks and rolls it back (conflict error).
func (f *Files) ImportFileContext(ctx context.Context, name string, data []byte) (res pln.ImportResult, err error) {
	s := f.s
	defer recoverInto(s.c.log, "Files.ImportFile", &err)
	name = displayName(name)
	call, first := s.claimDrop(name, data)
	if !first {
		<-call.done
		s.c.log.Info("duplicate drop ignored", "name", name)
		return call.res, call.err
	}
	defer func() {
		call.res, call.err = res, err
		call.finished = s.c.now()
		close(call.done)
	}()
	return s.importFile(ctx, name, data)
}

// claimDrop returns the call for (name, data) and whether this caller runs it.
func (s *ImportService) claimDrop(name string, data []byte) (*dropCall, bool) {
	k := dropKey{name: name, sum: sha256.Sum256(data)}
	now := s.c.now()
	s.dropMu.Lock()
	defer s.dropMu.Unlock()
	for key, c := range s.drops { // forget finished calls older than the window
		select {
		case <-c.done:
			if now.Sub(c.finished) > DuplicateDropWindow {
				delete(s.drops, key)
			}
		default:
		}
	}
	if c, ok := s.drops[k]; ok {
		return c, false
	}
	c := &dropCall{done: make(chan struct{})}
	s.drops[k] = c
	return c, true
}

func (s *ImportService) importFile(ctx context.Context, name string, data []byte) (pln.ImportResult, error) {
	pv, err := s.preview([]interchange.File{{Name: name, Data: data}})
	if err != nil {
		return pln.ImportResult{}, err
	}
	return s.apply(ctx, pln.ImportChoices{PreviewID: pv.PreviewID})
}

// prefixInvalid names the file in an invalid/too_large message that names
// neither it nor any of others (the other files of the same import).
func prefixInvalid(name string, err error, others ...string) error {
	pe := pln.AsError(err)
	if pe.Code == pln.CodeInternal || strings.Contains(pe.Message, name) {
		return err
	}
	for _, o := range others {
		if strings.Contains(pe.Message, o) {
			return err // it names the file it is about (not the first of several)
		}
	}
	return &pln.Error{Code: pe.Code, Message: name + ": " + pe.Message}
}

// ImportLink adds a dragged link as one source node (ego relation
// "follows") labelled title, or the link's host when title is empty. rawURL
// must be an absolute http(s) URL (invalid otherwise). A link already in the
// network (as a node's url or feed URL) is skipped: the result then has
// Skipped 1 and no import id. Undoable like a file import. Emits
// network:changed reason "import".
func (s *ImportService) ImportLink(rawURL, title string) (res pln.ImportResult, err error) {
	defer recoverInto(s.c.log, "ImportService.ImportLink", &err)
	u := strings.TrimSpace(rawURL)
	if !pln.IsWebURL(u) {
		return pln.ImportResult{}, pln.Invalid("%q is not a web link (http or https).", truncateRunes(u, 80))
	}
	if _, err := pln.NormalizeURL("link", u); err != nil {
		return pln.ImportResult{}, err
	}
	label := oneLine(title, pln.MaxLabelLen)
	if label == "" {
		pu, _ := url.Parse(u)
		label = oneLine(strings.TrimPrefix(pu.Hostname(), "www."), pln.MaxLabelLen)
	}
	n := pln.Node{Label: label, Kind: pln.KindSource, URL: u, Relation: pln.RelFollows}
	// A link already in the network (as a web or feed address) is skipped.
	present := false
	err = s.c.st.View(func(tx *store.Tx) error {
		ix, _, err := buildIndex(tx)
		k := normWebURL(u)
		present = err == nil && (ix.web[k] != "" || ix.feed[k] != "")
		return err
	})
	if err != nil {
		return pln.ImportResult{}, err
	}
	if present {
		return pln.ImportResult{Source: u, Format: "link", Skipped: 1}, nil
	}
	doc := &interchange.Doc{Format: "link", Nodes: []interchange.DocNode{{Key: u, Node: n, Where: "the link"}}}
	pv, err := s.previewDoc([]string{u}, "a web link", doc)
	if err != nil {
		return pln.ImportResult{}, err
	}
	return s.apply(context.Background(), pln.ImportChoices{PreviewID: pv.PreviewID})
}

// CancelImport stops the running import importID (the id import:progress
// carries); it rolls back and its call returns a conflict error.
// not_found when no such import is running (it may have just finished).
func (s *ImportService) CancelImport(importID string) (err error) {
	defer recoverInto(s.c.log, "ImportService.CancelImport", &err)
	s.runMu.Lock()
	cancel, ok := s.running[importID]
	s.runMu.Unlock()
	if !ok {
		return pln.NotFound("No import %q is running; it may have finished.", truncateRunes(importID, 40))
	}
	cancel()
	return nil
}

// cancelAll cancels every running import.
func (s *ImportService) cancelAll() {
	s.runMu.Lock()
	defer s.runMu.Unlock()
	for _, cancel := range s.running {
		cancel()
	}
}

// goldenAngle in radians, π(3 − √5): successive rings (and successive
// imports, whose start angle is this times the number of nodes already
// there) never line up along one ray.
const goldenAngle = 2.399963229728653

// placeAround returns n positions on concentric rings around (cx, cy), the
// first ring just outside radius (the farthest existing node), placeSpacing
// apart along each ring and between rings, the first at angle start
// (radians). Consecutive positions are neighbours, so feeds of one folder
// land together.
func placeAround(cx, cy, radius, start float64, n int) [][2]float64 {
	out := make([][2]float64, 0, n)
	r := math.Max(radius+2*placeSpacing, 4*placeSpacing)
	phase := start
	for len(out) < n {
		perRing := max(6, int(2*math.Pi*r/placeSpacing))
		k := min(perRing, n-len(out))
		step := 2 * math.Pi / float64(perRing)
		if k < perRing { // the last ring: spread what is left around it
			step = 2 * math.Pi / float64(k)
		}
		for i := range k {
			a := phase + float64(i)*step
			out = append(out, [2]float64{cx + r*math.Cos(a), cy + r*math.Sin(a)})
		}
		r += placeSpacing
		phase += goldenAngle
	}
	return out
}

// displayName is the base name of a dropped file, one line, ≤ 200 characters.
// jsonSize is the bytes of v as JSON (what the store writes per record,
// about), 0 if it does not encode.
func jsonSize(v any) uint64 {
	b, err := json.Marshal(v)
	if err != nil {
		return 0
	}
	return uint64(len(b))
}

func displayName(name string) string {
	name = strings.ReplaceAll(name, "\\", "/")
	name = filepath.Base("/" + name)
	name = oneLine(name, pln.MaxLabelLen)
	if name == "" || name == "/" || name == "." {
		return "the file"
	}
	return name
}

// oneLine collapses whitespace and control characters to single spaces and
// cuts s to max runes.
func oneLine(s string, max int) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Join(strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }), " ")
	return truncateRunes(s, max)
}

func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n])
}
