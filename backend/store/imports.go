package store

import (
	"errors"
	"fmt"
	"time"

	"github.com/plexus-pln/plexus/backend/pln"
)

// getImport reads import record id; a malformed id is simply not found.
func (tx *Tx) getImport(id string) (pln.Import, bool, error) {
	b, err := idBytes("import", id)
	if err != nil {
		return pln.Import{}, false, nil
	}
	var imp pln.Import
	ok, err := tx.getRecord(recordKey(tagImport, b), &imp)
	return imp, ok, err
}

func (tx *Tx) putImport(imp pln.Import) error {
	b, err := idBytes("import", imp.ID)
	if err != nil {
		return err
	}
	return tx.putRecord(recordKey(tagImport, b), imp)
}

// errStopScan ends a scan early; it never leaves the package.
var errStopScan = errors.New("store: stop scan")

// BeginImport writes a new, unpublished import record (a fresh UUIDv7 id,
// StartedAt now in UTC) and returns it. Stage its records with StageNodes
// and StageTies, then PublishImport (or AbortImport). Until published, its
// records are invisible to every read.
func (s *Store) BeginImport(source, format string) (pln.Import, error) {
	imp := pln.Import{ID: pln.NewID(), Source: source, Format: format, StartedAt: time.Now().UTC()}
	// Registered before the commit so that a concurrent sweep never takes it
	// for a leftover.
	s.setStaging(imp.ID, true)
	if err := s.Update(func(tx *Tx) error { return tx.putImport(imp) }); err != nil {
		s.setStaging(imp.ID, false)
		return pln.Import{}, err
	}
	return imp, nil
}

func (s *Store) setStaging(id string, on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if on {
		s.staging[id] = true
	} else {
		delete(s.staging, id)
	}
}

func (s *Store) isStaging(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.staging[id]
}

// stagingImport checks, inside tx, that importID is being staged by this
// process and is still unpublished.
func (s *Store) stagingImport(tx *Tx, importID string) error {
	if !s.isStaging(importID) {
		return pln.Conflict("Import %s is not in progress.", importID)
	}
	imp, ok, err := tx.getImport(importID)
	if err != nil {
		return err
	}
	if !ok || imp.Published {
		return pln.Conflict("Import %s is not in progress.", importID)
	}
	return nil
}

// StageNodes writes nodes as records of the import importID (setting their
// ImportID), in transactions of at most 1000 nodes, with their index keys.
// They stay invisible until PublishImport. The import must have been begun
// by this Store and be neither published nor aborted (else pln.Conflict).
// An ego node is pln.Invalid; an id that already belongs to another record
// is pln.Conflict. On an error, earlier chunks stay staged: abort the import.
func (s *Store) StageNodes(importID string, nodes []pln.Node) error {
	for start := 0; start < len(nodes); start += chunkSize {
		chunk := nodes[start:min(start+chunkSize, len(nodes))]
		err := s.Update(func(tx *Tx) error {
			if err := s.stagingImport(tx, importID); err != nil {
				return err
			}
			for _, n := range chunk {
				n.ImportID = importID
				if n.Ego {
					return pln.Invalid("An import cannot create the ego node (%s).", n.ID)
				}
				id, err := idBytes("node", n.ID)
				if err != nil {
					return err
				}
				old, found, err := tx.getNodeRecord(id)
				if err != nil {
					return err
				}
				if found && old.ImportID != importID {
					return pln.Conflict("A node with id %s already exists.", n.ID)
				}
				if err := tx.writeNode(id, old, found, n); err != nil {
					return err
				}
			}
			return s.chunkFault()
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// StageTies writes ties as records of the import importID (setting their
// ImportID), in transactions of at most 1000 ties, with their adjacency
// keys. Each end must be a visible node or a node staged by the same import
// (pln.Invalid naming the missing end). Otherwise as StageNodes.
func (s *Store) StageTies(importID string, ties []pln.Tie) error {
	for start := 0; start < len(ties); start += chunkSize {
		chunk := ties[start:min(start+chunkSize, len(ties))]
		err := s.Update(func(tx *Tx) error {
			if err := s.stagingImport(tx, importID); err != nil {
				return err
			}
			ends := map[string]bool{} // node id → usable as an end
			endOK := func(id string) (bool, error) {
				if v, ok := ends[id]; ok {
					return v, nil
				}
				b, err := idBytes("node", id)
				if err != nil {
					return false, err
				}
				n, found, err := tx.getNodeRecord(b)
				if err != nil {
					return false, err
				}
				ok := false
				if found {
					if n.ImportID == importID {
						ok = true
					} else if ok, err = tx.importVisible(n.ImportID); err != nil {
						return false, err
					}
				}
				ends[id] = ok
				return ok, nil
			}
			for _, t := range chunk {
				t.ImportID = importID
				id, err := idBytes("tie", t.ID)
				if err != nil {
					return err
				}
				for _, end := range []struct{ name, id string }{{"from", t.From}, {"to", t.To}} {
					ok, err := endOK(end.id)
					if err != nil {
						return err
					}
					if !ok {
						return pln.Invalid("The tie's %s node %s does not exist.", end.name, end.id)
					}
				}
				old, found, err := tx.getTieRaw(id)
				if err != nil {
					return err
				}
				if found && old.ImportID != importID {
					return pln.Conflict("A tie with id %s already exists.", t.ID)
				}
				if err := tx.writeTie(id, old, found, t); err != nil {
					return err
				}
			}
			return s.chunkFault()
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// PublishImport makes import importID and all its staged records visible in
// one small commit, storing the counts (nodes, ties created) on the
// record, and logs it as one undoable step named name (the change is the
// import record's published flag: undoing it hides every record of the
// import again, redoing shows them; the records are kept while the log
// refers to the import). Unknown: pln.NotFound; already published, aborted,
// or not begun by this Store: pln.Conflict.
func (s *Store) PublishImport(importID string, nodes, ties int, name string) (Step, error) {
	return s.PublishImportWith(importID, nodes, ties, name, nil)
}

// PublishImportWith is PublishImport that also runs also (when not nil)
// in the same transaction, after the import is marked published (so the
// staged nodes are visible to it): the writes an import makes to existing
// records — updated or merged nodes, journal entries — which are then part
// of the same logged step, with their before-values, and undone with it.
// also may run more than once (a conflict retry). Its writes must fit in
// one transaction (the caller caps them).
func (s *Store) PublishImportWith(importID string, nodes, ties int, name string, also func(tx *Tx) error) (Step, error) {
	st, err := s.Commit(func(tx *Tx) (StepInfo, error) {
		imp, ok, err := tx.getImport(importID)
		if err != nil {
			return StepInfo{}, err
		}
		if !ok {
			return StepInfo{}, pln.NotFound("No import with id %s.", importID)
		}
		if imp.Published {
			return StepInfo{}, pln.Conflict("Import %s is already published.", importID)
		}
		if !s.isStaging(importID) {
			return StepInfo{}, pln.Conflict("Import %s is not in progress.", importID)
		}
		imp.Published, imp.Nodes, imp.Ties = true, nodes, ties
		if err := tx.putImport(imp); err != nil {
			return StepInfo{}, err
		}
		if also != nil {
			if err := also(tx); err != nil {
				return StepInfo{}, err
			}
		}
		return StepInfo{Name: name}, nil
	})
	if err == nil {
		s.setStaging(importID, false)
	}
	return st, err
}

// AbortImport deletes the unpublished import importID: every record it
// staged with their index keys, then the import record, so the keys are as
// they were before BeginImport. It runs in several transactions; if it is
// interrupted, the rest is swept at the next Open. Unknown: pln.NotFound;
// published: pln.Conflict (use UnpublishImport).
func (s *Store) AbortImport(importID string) error {
	var imp pln.Import
	var ok bool
	err := s.View(func(tx *Tx) (err error) {
		imp, ok, err = tx.getImport(importID)
		return err
	})
	if err != nil {
		return err
	}
	if !ok {
		return pln.NotFound("No import with id %s.", importID)
	}
	if imp.Published {
		return pln.Conflict("Import %s is published; undo it instead.", importID)
	}
	if logged, err := s.importLogged(importID); err != nil || logged {
		if err == nil {
			err = pln.Conflict("Import %s is in the history; undo it instead.", importID)
		}
		return err
	}
	b, _ := idBytes("import", importID)
	err = s.purgeImport(b, nil)
	s.setStaging(importID, false)
	return err
}

// Imports returns every import record, oldest first: published ones,
// imports in progress, and undone or abandoned ones not yet swept.
func (s *Store) Imports() ([]pln.Import, error) {
	var out []pln.Import
	err := s.View(func(tx *Tx) error {
		return scanRecords(tx, []byte{tagImport}, func(imp pln.Import) error {
			out = append(out, imp)
			return nil
		})
	})
	return out, err
}

// SweepUnpublished physically deletes the records of every import that is
// not published, not in progress in this Store and not in the change log
// (leftovers of a crash, a cancel or a failed abort; an undone import stays,
// hidden, for redo and the dated history), together with ties from other
// nodes to their nodes and their nodes' ids in entries, then the import
// records. Open runs it; UnpublishImport schedules it in the background.
func (s *Store) SweepUnpublished() error {
	s.dropMu.Lock()
	defer s.dropMu.Unlock()
	var ids [][idLen]byte
	err := s.View(func(tx *Tx) error {
		seen := map[[idLen]byte]bool{}
		err := scanRecords(tx, []byte{tagImport}, func(imp pln.Import) error {
			b, err := idBytes("import", imp.ID)
			if err != nil {
				return err
			}
			seen[b] = true
			if !imp.Published {
				ids = append(ids, b)
			}
			return nil
		})
		if err != nil {
			return err
		}
		// Records whose import record is missing are invisible too.
		ps, err := tx.distinctImports()
		for _, p := range ps {
			var b [idLen]byte
			copy(b[:], p[1:])
			if !seen[b] {
				seen[b] = true
				ids = append(ids, b)
			}
		}
		return err
	})
	if err != nil {
		return err
	}
	swept := 0
	for _, b := range ids {
		if s.isStaging(idString(b[:])) {
			continue
		}
		if logged, err := s.importLogged(idString(b[:])); err != nil {
			return err
		} else if logged {
			continue // undone, but the history can still bring it back
		}
		if err := s.purgeImport(b, s.stop); err != nil {
			return fmt.Errorf("store: sweep import %s: %w", idString(b[:]), err)
		}
		if s.stopped() {
			return nil
		}
		swept++
	}
	if swept > 0 {
		s.log.Info("store: swept unpublished imports", "count", swept)
	}
	return nil
}

// purgeImport deletes every record of import imp (with cascades, as
// deleteNodeCascade), then its record, in transactions of at most chunkSize
// records (fewer when a chunk is too large for one transaction). It stops
// early, leaving the rest for a later sweep, when stop is closed.
func (s *Store) purgeImport(imp [idLen]byte, stop <-chan struct{}) error {
	prefix := key([]byte{tagByImport}, imp[:])
	n := chunkSize
	for {
		select {
		case <-stop:
			return nil
		default:
		}
		// Plan in a snapshot (scans), then act with point reads and writes:
		// nothing can come to point at an invisible node in between (a
		// write that read it as visible conflicts with the unpublish).
		var ks [][]byte
		refs := map[[idLen]byte]nodeRefs{}
		err := s.View(func(tx *Tx) error {
			ks = nil
			err := tx.scanKeys(prefix, func(k []byte) error {
				if len(ks) == n {
					return errStopScan
				}
				ks = append(ks, k)
				return nil
			})
			if err != nil && !errors.Is(err, errStopScan) {
				return err
			}
			for _, k := range ks {
				if k[1+idLen] == tagNode {
					var rec [idLen]byte
					copy(rec[:], k[2+idLen:])
					r, err := tx.refsOf(rec)
					if err != nil {
						return err
					}
					refs[rec] = r
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		if len(ks) == 0 {
			return s.Update(func(tx *Tx) error { return tx.del(recordKey(tagImport, imp)) })
		}
		err = s.Update(func(tx *Tx) error {
			for _, k := range ks {
				var rec [idLen]byte
				copy(rec[:], k[2+idLen:])
				switch k[1+idLen] {
				case tagNode:
					node, ok, err := tx.getNodeRecord(rec)
					if err != nil {
						return err
					}
					if ok {
						if _, _, err := tx.deleteNodeWithRefs(rec, node, refs[rec]); err != nil {
							return err
						}
					} else if err := tx.del(posKey(rec)); err != nil {
						return err
					}
				case tagTie:
					if _, err := tx.deleteTieRaw(rec); err != nil {
						return err
					}
				}
				if err := tx.del(k); err != nil { // in case the record was already gone
					return err
				}
			}
			return nil
		})
		if pln.CodeOf(err) == pln.CodeTooLarge && n > 1 {
			n /= 2
			continue
		}
		if err != nil {
			return err
		}
	}
}
