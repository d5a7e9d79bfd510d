package service

import (
	"bytes"
	"context"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/plexus-pln/plexus/backend/interchange"
	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/store"
)

// Previews.
const (
	// PreviewTTL is how long a preview waits for ApplyImport.
	PreviewTTL = 30 * time.Minute
	// maxPreviews is how many previews are kept at once (the oldest go).
	maxPreviews = 8
)

// pendingImport is a parsed import waiting for the user's choices.
type pendingImport struct {
	id      string
	sources []string
	title   string
	doc     *interchange.Doc
	expires time.Time
}

// PreviewFiles parses files (one import: a node table and its edge table,
// the notes of a vault, or any mix of formats) and says what importing
// them would do, writing nothing (pln.ImportPreview). The preview is kept
// for PreviewTTL; ApplyImport with its id applies it. Errors: too_large
// (a file over 32 MiB), invalid (empty or malformed: the message names the
// file and the line), unsupported (a format Plexus does not import: the
// message says what the file looks like).
func (f *Files) PreviewFiles(files []interchange.File) (pv pln.ImportPreview, err error) {
	defer recoverInto(f.s.c.log, "Files.PreviewFiles", &err)
	return f.s.preview(files)
}

// ApplyImportContext is ApplyImport with a context (cancelling it stops
// the import and rolls it back).
func (f *Files) ApplyImportContext(ctx context.Context, ch pln.ImportChoices) (res pln.ImportResult, err error) {
	defer recoverInto(f.s.c.log, "Files.ApplyImport", &err)
	return f.s.apply(ctx, ch)
}

// ApplyImport applies the preview ch.PreviewID with the user's choices,
// all or nothing, as one undoable step ("Import 12 nodes and 30 ties from
// "x.gexf""). The plan is worked out again against the network as it is
// now, so edits made since the preview are respected. Errors: not_found
// (no such preview, or it expired), invalid (nodes without a kind and no
// ch.Kind; unreadable items and no ch.SkipUnreadable), too_large, conflict
// (cancelled). Emits import:progress, then network:changed reason
// "import" (and journal:changed when it adds entries).
func (s *ImportService) ApplyImport(ch pln.ImportChoices) (res pln.ImportResult, err error) {
	defer recoverInto(s.c.log, "ImportService.ApplyImport", &err)
	return s.apply(context.Background(), ch)
}

// DiscardPreview forgets a preview (the user closed it). Unknown ids are
// ignored.
func (s *ImportService) DiscardPreview(previewID string) {
	s.pendMu.Lock()
	defer s.pendMu.Unlock()
	delete(s.pending, previewID)
}

// ExportFormats lists the formats Plexus exports, for the Export… menu.
func (s *ImportService) ExportFormats() []pln.ExportFormat {
	var out []pln.ExportFormat
	for _, e := range interchange.Exporters() {
		out = append(out, pln.ExportFormat{Name: e.Name(), Title: e.Title(), Extension: e.Extension()})
	}
	return out
}

func (s *ImportService) preview(files []interchange.File) (pln.ImportPreview, error) {
	if len(files) == 0 {
		return pln.ImportPreview{}, pln.Invalid("There is no file to import.")
	}
	var names []string
	for i, f := range files {
		name := displayName(f.Name)
		if strings.Contains(f.Name, "/") && !strings.HasPrefix(f.Name, "/") {
			name = f.Name // a path inside a folder or zip, as given
		}
		files[i].Name = name
		names = append(names, name)
		if len(f.Data) > MaxImportBytes {
			return pln.ImportPreview{}, pln.TooLarge("%s is %.1f MiB; files up to %d MiB can be imported.", name, float64(len(f.Data))/(1<<20), MaxImportBytes>>20)
		}
		if len(bytes.TrimSpace(f.Data)) == 0 {
			return pln.ImportPreview{}, pln.Invalid("%s is empty.", name)
		}
	}
	doc, err := interchange.ParseFiles(files)
	if err != nil {
		return pln.ImportPreview{}, prefixInvalid(names[0], err, names[1:]...)
	}
	for _, n := range [...]int{len(doc.Nodes), len(doc.Ties), len(doc.Entries)} {
		if n > interchange.MaxItems {
			return pln.ImportPreview{}, pln.TooLarge("%s holds %d items; an import takes at most %d.", names[0], n, interchange.MaxItems)
		}
	}
	title := doc.Format
	if f, ok := interchange.Lookup(doc.Format); ok {
		title = f.Title()
	}
	return s.previewDoc(names, title, doc)
}

// previewDoc plans doc against the network and keeps it as a preview.
func (s *ImportService) previewDoc(sources []string, title string, doc *interchange.Doc) (pln.ImportPreview, error) {
	var p *importPlan
	err := s.c.st.View(func(tx *store.Tx) (err error) {
		p, err = s.plan(tx, doc, pln.ImportChoices{})
		return err
	})
	if err != nil {
		return pln.ImportPreview{}, err
	}
	pend := &pendingImport{id: pln.NewID(), sources: sources, title: title, doc: doc, expires: s.c.now().Add(PreviewTTL)}
	s.pendMu.Lock()
	now := s.c.now()
	for id, q := range s.pending {
		if now.After(q.expires) {
			delete(s.pending, id)
		}
	}
	for len(s.pending) >= maxPreviews {
		var oldest *pendingImport
		for _, q := range s.pending {
			if oldest == nil || q.expires.Before(oldest.expires) {
				oldest = q
			}
		}
		delete(s.pending, oldest.id)
	}
	s.pending[pend.id] = pend
	s.pendMu.Unlock()

	pv := p.preview
	pv.PreviewID, pv.Sources, pv.FormatTitle, pv.ExpiresAt = pend.id, sources, title, pend.expires.UTC()
	s.c.log.Info("import previewed", "preview", pend.id, "sources", sources, "format", doc.Format,
		"nodes", pv.Nodes, "ties", pv.Ties, "entries", pv.Entries, "updates", len(pv.Updates), "duplicates", len(pv.Duplicates), "warnings", len(pv.Warnings))
	return pv, nil
}

func (s *ImportService) apply(ctx context.Context, ch pln.ImportChoices) (pln.ImportResult, error) {
	s.pendMu.Lock()
	pend, ok := s.pending[ch.PreviewID]
	if ok && s.c.now().After(pend.expires) {
		delete(s.pending, ch.PreviewID)
		ok = false
	}
	s.pendMu.Unlock()
	if !ok {
		return pln.ImportResult{}, pln.NotFound("This import preview has expired or was already used; import the file again.")
	}
	if ch.Kind != "" && !slices.Contains(pln.Kinds, ch.Kind) {
		return pln.ImportResult{}, pln.Invalid("%q is not a kind; use one of person, organisation, community, source, service, device.", truncateRunes(string(ch.Kind), 40))
	}
	source := strings.Join(pend.sources, ", ")
	res := pln.ImportResult{Source: source, Format: pend.doc.Format}

	s.c.gate.RLock()
	defer s.c.gate.RUnlock()
	s.mu.Lock()
	defer s.mu.Unlock()

	var p *importPlan
	err := s.c.st.View(func(tx *store.Tx) (err error) {
		p, err = s.plan(tx, pend.doc, ch)
		return err
	})
	if err != nil {
		return pln.ImportResult{}, err
	}
	pv := p.preview
	res.Warnings = pv.Warnings
	res.Skipped = pv.Unchanged
	if pv.UnknownKinds > 0 && ch.Kind == "" {
		return pln.ImportResult{}, pln.Invalid("%s: %s do not say what they are (person, organisation, community, source, service or device); choose the kind to give them.",
			source, plural(pv.UnknownKinds, "node", "nodes"))
	}
	if pv.Skipped > 0 && !ch.SkipUnreadable {
		first := firstSkipped(pv.Warnings)
		return pln.ImportResult{}, pln.Invalid("%s: %s cannot be imported (first: %s). Nothing was imported; choose to import the readable items to leave them out.",
			source, plural(pv.Skipped, "item", "items"), truncateRunes(first, 300))
	}
	if len(p.updates)+len(p.entries) > maxPublishWrites {
		return pln.ImportResult{}, pln.TooLarge("%s would update %d existing nodes and add %d journal entries; one import does at most %d of those together.",
			source, len(p.updates), len(p.entries), maxPublishWrites)
	}
	if len(p.nodes)+len(p.ties)+len(p.entries)+len(p.updates) == 0 {
		s.dropPending(pend.id)
		s.c.log.Info("import added nothing", "source", source, "format", pend.doc.Format, "unchanged", pv.Unchanged)
		return res, nil
	}
	p.place()

	if err := s.preImportBackup(len(p.nodes), source); err != nil { // large imports only (autobackup.go)
		return pln.ImportResult{}, err
	}
	// A full disk is an error before anything is staged.
	if err := s.c.st.EnsureSpace(importSpaceFactor*(jsonSize(p.nodes)+jsonSize(p.ties)+jsonSize(p.entries)+jsonSize(p.updates)), "import "+quote(source)); err != nil {
		return pln.ImportResult{}, err
	}
	imp, err := s.c.st.BeginImport(source, pend.doc.Format)
	if err != nil {
		return pln.ImportResult{}, err
	}
	res.ImportID = imp.ID
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	s.runMu.Lock()
	s.running[imp.ID] = cancel
	s.runMu.Unlock()
	defer func() {
		s.runMu.Lock()
		delete(s.running, imp.ID)
		s.runMu.Unlock()
	}()

	step, err := s.stage(ctx, imp.ID, source, p)
	if err != nil {
		if aErr := s.c.st.AbortImport(imp.ID); aErr != nil {
			s.c.log.Error("aborting an import failed; the store sweeps it on next open", "import", imp.ID, "err", aErr)
		}
		s.c.log.Info("import rolled back", "import", imp.ID, "source", source, "err", err)
		return pln.ImportResult{}, err
	}
	s.dropPending(pend.id)
	res.Nodes, res.Ties, res.Entries, res.Updated = len(p.nodes), len(p.ties), len(p.entries), len(p.updates)
	s.c.log.Info("import published", "import", imp.ID, "source", source, "format", pend.doc.Format,
		"nodes", res.Nodes, "ties", res.Ties, "entries", res.Entries, "updated", res.Updated, "unchanged", res.Skipped)
	s.c.emitStep(step, reasons{network: pln.ReasonImport, journal: pln.ReasonImport})
	return res, nil
}

func (s *ImportService) dropPending(id string) {
	s.pendMu.Lock()
	delete(s.pending, id)
	s.pendMu.Unlock()
}

func firstSkipped(ws []pln.ImportWarning) string {
	for _, w := range ws {
		if w.Skipped {
			if w.Where != "" {
				return w.Where + ": " + w.Message
			}
			return w.Message
		}
	}
	return ""
}

// importName names the import's step.
func importName(source string, p *importPlan) string {
	var parts []string
	sources := 0
	for _, n := range p.nodes {
		if n.Kind == pln.KindSource {
			sources++
		}
	}
	if len(p.nodes) > 0 {
		if sources == len(p.nodes) {
			parts = append(parts, plural(len(p.nodes), "source", "sources"))
		} else {
			parts = append(parts, plural(len(p.nodes), "node", "nodes"))
		}
	}
	if len(p.ties) > 0 {
		parts = append(parts, plural(len(p.ties), "tie", "ties"))
	}
	if len(p.entries) > 0 {
		parts = append(parts, plural(len(p.entries), "entry", "entries"))
	}
	if len(p.updates) > 0 {
		parts = append(parts, "update "+plural(len(p.updates), "node", "nodes"))
	}
	if len(parts) == 1 && len(p.nodes) == 1 && p.nodes[0].URL != "" && strings.HasPrefix(source, "http") {
		return "Add the link " + quote(p.nodes[0].Label)
	}
	return "Import " + strings.Join(parts, ", ") + " from " + quote(source)
}

// place gives the new nodes their positions: a file's own positions are
// kept as they are when the network holds only the ego, and otherwise
// moved together so that they sit to the right of the existing network;
// nodes without one go on rings around the ego outside everything else.
func (p *importPlan) place() {
	lo, hi := [2]float64{math.Inf(1), math.Inf(1)}, [2]float64{math.Inf(-1), math.Inf(-1)}
	var without []int
	for i, n := range p.nodes {
		if !p.hasPos[i] {
			without = append(without, i)
			continue
		}
		lo = [2]float64{math.Min(lo[0], n.X), math.Min(lo[1], n.Y)}
		hi = [2]float64{math.Max(hi[0], n.X), math.Max(hi[1], n.Y)}
	}
	radius := p.radius
	if len(without) < len(p.nodes) && p.existing > 1 {
		dx := p.bbox[2] + 4*placeSpacing - lo[0]
		dy := (p.bbox[1]+p.bbox[3])/2 - (lo[1]+hi[1])/2
		for i := range p.nodes {
			if p.hasPos[i] {
				p.nodes[i].X += dx
				p.nodes[i].Y += dy
			}
		}
	}
	for i, n := range p.nodes {
		if p.hasPos[i] {
			radius = math.Max(radius, math.Hypot(n.X-p.egoX, n.Y-p.egoY))
		}
	}
	spots := placeAround(p.egoX, p.egoY, radius, goldenAngle*float64(p.existing), len(without))
	for j, i := range without {
		p.nodes[i].X, p.nodes[i].Y = spots[j][0], spots[j][1]
		p.nodes[i].Pinned = false
	}
}

// stage writes the plan's nodes and ties in chunks, reporting progress,
// then publishes them with the updates and entries as one logged step.
func (s *ImportService) stage(ctx context.Context, importID, source string, p *importPlan) (store.Step, error) {
	total := len(p.nodes) + len(p.ties)
	progress := func(done int) {
		s.c.emit(pln.EventImportProgress, pln.ImportProgress{ImportID: importID, Source: source, Done: done, Total: total})
	}
	cancelled := func() error {
		if ctx.Err() != nil {
			return pln.Conflict("The import of %s was cancelled; nothing was added.", source)
		}
		return nil
	}
	progress(0)
	last := time.Now()
	done := 0
	for i := 0; i < len(p.nodes); i += stageChunk {
		if err := cancelled(); err != nil {
			return store.Step{}, err
		}
		j := min(i+stageChunk, len(p.nodes))
		if err := s.c.st.StageNodes(importID, p.nodes[i:j]); err != nil {
			return store.Step{}, err
		}
		done = j
		if time.Since(last) >= progressInterval {
			progress(done)
			last = time.Now()
		}
	}
	for i := 0; i < len(p.ties); i += stageChunk {
		if err := cancelled(); err != nil {
			return store.Step{}, err
		}
		j := min(i+stageChunk, len(p.ties))
		if err := s.c.st.StageTies(importID, p.ties[i:j]); err != nil {
			return store.Step{}, err
		}
		done = len(p.nodes) + j
		if time.Since(last) >= progressInterval {
			progress(done)
			last = time.Now()
		}
	}
	if err := cancelled(); err != nil {
		return store.Step{}, err
	}
	step, err := s.c.st.PublishImportWith(importID, len(p.nodes), len(p.ties), importName(source, p), func(tx *store.Tx) error {
		for _, u := range p.updates {
			cur, err := tx.GetNode(u.ID)
			if err != nil {
				return err
			}
			if !cur.UpdatedAt.Equal(p.original[u.ID].UpdatedAt) {
				return pln.Conflict("%q changed while the import ran; import the file again.", truncateRunes(cur.Label, 60))
			}
			if err := tx.PutNode(u); err != nil {
				return err
			}
		}
		for _, e := range p.entries {
			if err := tx.PutEntry(e); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return store.Step{}, err
	}
	progress(total)
	return step, nil
}
