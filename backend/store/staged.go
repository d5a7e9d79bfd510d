package store

import (
	"bytes"
	"encoding/binary"
	"fmt"

	"github.com/plexus-pln/plexus/backend/pln"
)

// Staged steps: a step with more changes than one Badger transaction holds
// (a layout stop of 50,000 nodes, the undo of one) is written in three
// phases (SCHEMA.md, "Staged steps"):
//
//  1. stage: its changes go, in chunks of stageChunkChanges, under
//     tagStepChunk keys that nothing reads;
//  2. publish: one small transaction writes the step value (naming its
//     chunk count), its undo/redo state, and the meta "applying" key;
//  3. apply: the chunks' after-values are written to the records, chunk by
//     chunk, then "applying" is deleted.
//
// A crash before 2 leaves chunks without a step: Open deletes them. A crash
// after 2 leaves "applying": Open finishes phase 3 (writing an after-value
// is idempotent). So a staged step is wholly applied or wholly not. While
// phase 3 runs, the caller must keep every other reader and writer out
// (the service holds its gate exclusively).

// StagedAbove is the largest number of record changes a step makes in one
// transaction; larger steps are staged. A variable so tests can lower it.
var StagedAbove = 20_000

// stagedHook, when set (crash tests), runs after each staged chunk is
// written (phase "stage") and after each is applied (phase "apply").
var stagedHook func(phase string, chunk int)

// chunkFault runs Options.StageFault (tests) at the end of a staged chunk's
// transaction, before it commits; its error fails the chunk. It counts the
// chunk whether or not it fails.
func (s *Store) chunkFault() error {
	if s.stageFault == nil {
		return nil
	}
	return s.stageFault(int(s.stagedChunks.Add(1) - 1))
}

// stageChunkChanges is how many changes go into one chunk (and one apply
// transaction).
const stageChunkChanges = 1000

// encChunkV1 marks a chunk value: uvarint count, then the changes.
const encChunkV1 byte = 0x04

func chunkKey(step [idLen]byte, i int) []byte {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(i))
	return key([]byte{tagStepChunk}, step[:], n[:])
}

// loadChunks reads a staged step's changes from its chunks into st.Changes.
func (tx *Tx) loadChunks(st *Step) error {
	if st.chunks == 0 {
		return nil
	}
	id, err := idBytes("step", st.ID)
	if err != nil {
		return err
	}
	st.Changes = nil
	for i := range st.chunks {
		b, ok, err := tx.get(chunkKey(id, i))
		if err != nil {
			return err
		}
		if !ok || len(b) == 0 || b[0] != encChunkV1 {
			return fmt.Errorf("store: step %s: chunk %d of %d is missing or not a chunk", st.ID, i, st.chunks)
		}
		r := &stepReader{b: b[1:]}
		cs := r.changes(stageChunkChanges)
		if r.err != nil {
			return fmt.Errorf("store: step %s: chunk %d: %w", st.ID, i, r.err)
		}
		st.Changes = append(st.Changes, cs...)
	}
	return nil
}

// commitStaged runs the three phases for st (its Changes computed and
// checked by the caller, who holds logMu and keeps other writers out). publish runs inside
// phase 2's transaction, after the step value is written: it updates the
// undo/redo state.
func (s *Store) commitStaged(st Step, publish func(tx *Tx) error) (Step, error) {
	id, err := idBytes("step", st.ID)
	if err != nil {
		return Step{}, err
	}
	st.chunks = (len(st.Changes) + stageChunkChanges - 1) / stageChunkChanges
	for i := range st.chunks {
		cs := st.Changes[i*stageChunkChanges : min((i+1)*stageChunkChanges, len(st.Changes))]
		b := appendChanges([]byte{encChunkV1}, cs)
		err := s.Update(func(tx *Tx) error {
			if err := tx.set(chunkKey(id, i), b); err != nil {
				return err
			}
			return s.chunkFault()
		})
		if err != nil {
			s.dropChunks(id)
			return Step{}, err
		}
		if stagedHook != nil {
			stagedHook("stage", i)
		}
	}
	err = s.Update(func(tx *Tx) error {
		last, haveLast, err := tx.lastStep()
		if err != nil {
			return err
		}
		st.At = tx.stampAfter(st.At, last, haveLast)
		if haveLast && last.ID >= st.ID { // nextStepID runs under logMu: cannot happen
			return fmt.Errorf("store: staged step %s does not sort after the newest step %s", st.ID, last.ID)
		}
		if err := tx.putStep(id, st); err != nil {
			return err
		}
		if err := tx.set(keyApplying, id[:]); err != nil {
			return err
		}
		return publish(tx)
	})
	if err != nil {
		s.dropChunks(id)
		return Step{}, err
	}
	if err := s.applyStaged(id); err != nil {
		return Step{}, fmt.Errorf("store: applying a large step (it is finished at the next start): %w", err)
	}
	return st, nil
}

// applyStaged is phase 3 for step id: write every chunk's after-values,
// then delete the "applying" key.
func (s *Store) applyStaged(id [idLen]byte) error {
	var st Step
	err := s.View(func(tx *Tx) error {
		b, ok, err := tx.get(stepKey(id))
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("store: the step %s being applied is not in the log", idString(id[:]))
		}
		st, _, err = decodeStep(id[:], b, false)
		return err
	})
	if err != nil {
		return err
	}
	for i := range st.chunks {
		err := s.Update(func(tx *Tx) error {
			b, ok, err := tx.get(chunkKey(id, i))
			if err != nil {
				return err
			}
			if !ok || len(b) == 0 || b[0] != encChunkV1 {
				return fmt.Errorf("store: step %s: chunk %d is missing", st.ID, i)
			}
			r := &stepReader{b: b[1:]}
			cs := r.changes(stageChunkChanges)
			if r.err != nil {
				return r.err
			}
			for _, c := range cs {
				if err := tx.writeRaw(c.Key, c.After); err != nil {
					return err
				}
			}
			return tx.indexChanges(id, cs)
		})
		if err != nil {
			return err
		}
		if stagedHook != nil {
			stagedHook("apply", i)
		}
	}
	return s.Update(func(tx *Tx) error { return tx.del(keyApplying) })
}

// recoverStaged runs at Open: it finishes a staged step a crash interrupted
// in phase 3, and deletes chunks whose step was never published.
func (s *Store) recoverStaged() error {
	var applying []byte
	var orphans [][idLen]byte
	err := s.View(func(tx *Tx) error {
		b, ok, err := tx.get(keyApplying)
		if err != nil {
			return err
		}
		if ok {
			applying = b
		}
		var lastStep []byte
		return tx.scanKeys([]byte{tagStepChunk}, func(k []byte) error {
			if len(k) != 1+idLen+4 || bytes.Equal(k[1:1+idLen], lastStep) {
				return nil
			}
			lastStep = bytes.Clone(k[1 : 1+idLen])
			_, ok, err := tx.get(stepKey([idLen]byte(lastStep)))
			if err != nil {
				return err
			}
			if !ok {
				orphans = append(orphans, [idLen]byte(lastStep))
			}
			return nil
		})
	})
	if err != nil {
		return err
	}
	if len(applying) == idLen {
		s.log.Warn("store: finishing a large step that was interrupted", "step", idString(applying))
		if err := s.applyStaged([idLen]byte(applying)); err != nil {
			return err
		}
	}
	for _, id := range orphans {
		s.log.Info("store: removing the chunks of a large step that was never published", "step", idString(id[:]))
		s.dropChunks(id)
	}
	return nil
}

// dropChunks deletes step id's chunks (best effort: Open retries).
func (s *Store) dropChunks(id [idLen]byte) {
	for {
		var ks [][]byte
		err := s.View(func(tx *Tx) error {
			return tx.scanKeys(key([]byte{tagStepChunk}, id[:]), func(k []byte) error {
				if len(ks) < stageChunkChanges {
					ks = append(ks, k)
				}
				return nil
			})
		})
		if err != nil || len(ks) == 0 {
			return
		}
		err = s.Update(func(tx *Tx) error {
			for _, k := range ks {
				if err := tx.del(k); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			s.log.Warn("store: deleting staged chunks failed; retried at the next start", "err", err)
			return
		}
	}
}

// nextStepID is Tx.newStepID in a transaction of its own (the caller holds
// logMu, so no step can come in between).
func (s *Store) nextStepID() string {
	id := pln.NewID()
	_ = s.View(func(tx *Tx) error {
		last, ok, err := tx.lastStep()
		if err == nil {
			id = tx.newStepID(last, ok)
		}
		return nil
	})
	return id
}

// SetPositionsStaged is Tx.SetPositionsChanged for more positions than
// one transaction holds: the same checks (every node exists and is
// visible, else pln.NotFound and nothing changes), then one staged step
// named name. It returns the step (no Changes: nothing differed). The
// caller keeps other readers and writers out while it runs.
func (s *Store) SetPositionsStaged(ps []pln.Position, name string) (Step, error) {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	var changes []Change
	err := s.View(func(tx *Tx) error {
		changes = nil
		last := make(map[[idLen]byte]int, len(ps))
		ids := make([][idLen]byte, len(ps))
		for i, p := range ps {
			id, err := idBytes("node", p.ID)
			if err != nil {
				return err
			}
			ids[i], last[id] = id, i
		}
		hidden, err := tx.hiddenNodes()
		if err != nil {
			return err
		}
		found, err := tx.nodeKeysAmong(last)
		if err != nil {
			return err
		}
		for i, p := range ps {
			if last[ids[i]] != i {
				continue
			}
			if !found[ids[i]] || hidden[ids[i]] {
				return pln.NotFound("No node with id %s.", p.ID)
			}
			k := posKey(ids[i])
			before, _, err := tx.get(k)
			if err != nil {
				return err
			}
			after := encodePos(position{X: p.X, Y: p.Y, Pinned: p.Pinned})
			if !bytes.Equal(before, after) {
				changes = append(changes, Change{Key: k, Before: before, After: after})
			}
		}
		return nil
	})
	if err != nil || len(changes) == 0 {
		return Step{}, err
	}
	st := Step{ID: s.nextStepID(), At: s.now(), Name: name, Kind: KindEdit, Changes: changes}
	return s.commitStaged(st, func(tx *Tx) error {
		id, _ := idBytes("step", st.ID)
		if err := tx.clearRedo(); err != nil {
			return err
		}
		if err := tx.setState(stepStateKey(id), stateDone); err != nil {
			return err
		}
		return tx.trimUndo(tx.undoLimit())
	})
}

// undoRedoStaged is undoRedo for a step too large for one transaction:
// check every record in a snapshot, then stage the inverse (undo) or the
// step again (redo) as a new step.
func (s *Store) undoRedoStaged(target Step, stateKey []byte, undo bool) (Step, error) {
	var changes []Change
	err := s.View(func(tx *Tx) error {
		var changed []Change
		changes = make([]Change, 0, len(target.Changes))
		for _, c := range target.Changes {
			want, next := c.After, c.Before
			if !undo {
				want, next = c.Before, c.After
			}
			have, _, err := tx.get(c.Key)
			if err != nil {
				return err
			}
			if !bytes.Equal(have, want) || (have == nil) != (want == nil) {
				changed = append(changed, Change{Key: c.Key, Before: want, After: have})
			}
			changes = append(changes, Change{Key: c.Key, Before: want, After: next})
		}
		if len(changed) > 0 {
			return tx.changedSinceError(target, undo, changed)
		}
		return nil
	})
	if err != nil {
		return Step{}, err
	}
	kind, state, verb := KindUndo, stateUndone, "Undo"
	if !undo {
		kind, state, verb = KindRedo, stateDone, "Redo"
	}
	st := Step{ID: s.nextStepID(), At: s.now(), Name: verb + ": " + target.Name, Kind: kind, Target: target.ID, Changes: changes}
	return s.commitStaged(st, func(tx *Tx) error { return tx.setState(stateKey, state) })
}
