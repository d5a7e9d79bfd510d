package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/dgraph-io/badger/v4"

	"github.com/plexus-pln/plexus/backend/pln"
)

// The change log (SCHEMA.md, "History").
//
// Every logged write is a Step: one value under tagStep holding, for each
// record it touched, the record's key and its raw stored value before and
// after (absent = nil). The log is append-only: an undo is itself a step
// (KindUndo) that writes the before-values back, a redo (KindRedo) the
// after-values. Whether an edit step can still be undone or redone is kept
// apart, in its tagStepState key, so the log itself only ever grows and
// "the network as of a date" is a fold over it.

// StepKind says what made a step.
type StepKind byte

// Step kinds, as stored (byte 1 of a step value).
const (
	KindEdit StepKind = 1 // a user's edit: undoable
	KindUndo StepKind = 2 // undid Step.Target
	KindRedo StepKind = 3 // redid Step.Target
)

func (k StepKind) String() string {
	switch k {
	case KindEdit:
		return "edit"
	case KindUndo:
		return "undo"
	case KindRedo:
		return "redo"
	}
	return fmt.Sprintf("kind(%d)", byte(k))
}

// Step states (the one-byte value under tagStepState). An edit step with no
// state key can no longer be undone or redone (beyond the undo limit, or
// its redo was cleared by a newer edit); it stays in the log.
const (
	stateDone   byte = 1 // applied: the next undo may take it
	stateUndone byte = 2 // undone: a redo may take it
	// stateDead: undone, and a newer edit cleared the redo list: no longer
	// in effect and out of reach (kept so history lists can say so).
	stateDead byte = 3
)

// MergeWindow: an edit with the same StepInfo.Merge as the newest step
// folds into it only within this time of that step's first change.
const MergeWindow = 10 * time.Minute

// DefaultUndoLimit is how many edit steps undo reaches back by default.
const DefaultUndoLimit = 1000

// encStepV1 marks a step value (binary, version 1; layout in SCHEMA.md).
const encStepV1 byte = 0x03

// Change is one record's before and after value in a step: Key is the
// record key (table tag | 16-byte id), Before and After the raw stored
// values (nil = the record did not exist).
type Change struct {
	Key    []byte
	Before []byte
	After  []byte
}

// Table is the change's record table tag (tagNode, tagTie, tagEntry,
// tagImport or tagNodePos).
func (c Change) Table() byte { return c.Key[0] }

// ID is the record's id as a canonical UUID string.
func (c Change) ID() string { return idString(c.Key[1:]) }

// Step is one entry of the change log.
type Step struct {
	ID   string    // UUIDv7: log order
	At   time.Time // when, UTC, microseconds; never before the previous step's At
	Name string    // the user action, e.g. "Delete Daring Fireball and 3 ties"
	Kind StepKind
	// Target is the edit step an undo or redo step applied ("" for edits).
	Target string
	// Merge, when not empty, lets the next edit with the same Merge value
	// fold into this step while it is the newest one (autosaves of one entry).
	Merge   string
	Changes []Change

	// chunks > 0: a staged step (too large for one transaction); its
	// changes are stored under tagStepChunk, not in the step value.
	chunks int
}

// StepInfo is what a Commit function says about the step it made.
type StepInfo struct {
	Name  string
	Merge string
	// CreateName, when set, names a merged step that creates a record (the
	// first save of an entry folded with its later edits).
	CreateName string
}

// ---- capture ----

// recorder collects, for one transaction, every logged record key it
// writes with the value the key had when the transaction started.
type recorder struct {
	order []string
	ch    map[string]*Change
}

func newRecorder() *recorder { return &recorder{ch: map[string]*Change{}} }

// loggedRecord reports whether key k is a record the change log tracks.
func loggedRecord(k []byte) bool {
	if len(k) != 1+idLen {
		return false
	}
	switch k[0] {
	case tagNode, tagTie, tagEntry, tagImport, tagNodePos, tagSetting, tagGoal, tagView:
		return true
	}
	return false
}

// capture notes that tx is about to write k (v nil: delete). It must run
// before the write, so that the first capture of a key reads the value the
// transaction started with.
func (tx *Tx) capture(k, v []byte) error {
	if tx.rec == nil || !loggedRecord(k) {
		return nil
	}
	c, ok := tx.rec.ch[string(k)]
	if !ok {
		before, _, err := tx.get(k)
		if err != nil {
			return err
		}
		c = &Change{Key: bytes.Clone(k), Before: before}
		tx.rec.ch[string(k)] = c
		tx.rec.order = append(tx.rec.order, string(k))
	}
	c.After = bytes.Clone(v)
	return nil
}

// changes returns the captured changes in first-write order, without the
// ones that ended where they started.
func (r *recorder) changes() []Change {
	out := make([]Change, 0, len(r.order))
	for _, k := range r.order {
		c := r.ch[k]
		if bytes.Equal(c.Before, c.After) && (c.Before == nil) == (c.After == nil) {
			continue
		}
		out = append(out, *c)
	}
	return out
}

// ---- encoding ----

func putBytes(b []byte, v []byte) []byte {
	b = binary.AppendUvarint(b, uint64(len(v)))
	return append(b, v...)
}

// putOptBytes writes an optional value: uvarint(len+1) then the bytes; 0 = absent.
func putOptBytes(b []byte, v []byte) []byte {
	if v == nil {
		return binary.AppendUvarint(b, 0)
	}
	b = binary.AppendUvarint(b, uint64(len(v))+1)
	return append(b, v...)
}

// encodeStep is the binary step value (SCHEMA.md, "Step value").
func encodeStep(st Step) ([]byte, error) {
	var target [idLen]byte
	if st.Target != "" {
		t, err := idBytes("step", st.Target)
		if err != nil {
			return nil, err
		}
		target = t
	}
	b := make([]byte, 0, 64)
	b = append(b, encStepV1, byte(st.Kind))
	b = binary.BigEndian.AppendUint64(b, uint64(st.At.UnixMicro()))
	b = append(b, target[:]...)
	b = putBytes(b, []byte(st.Name))
	b = putBytes(b, []byte(st.Merge))
	changes := st.Changes
	if st.chunks > 0 {
		changes = nil
	}
	b = appendChanges(b, changes)
	b = binary.AppendUvarint(b, uint64(st.chunks))
	if st.chunks > 0 {
		b = binary.AppendUvarint(b, uint64(len(st.Changes)))
	}
	return b, nil
}

// appendChanges appends uvarint(count) then each change: key, before, after.
func appendChanges(b []byte, changes []Change) []byte {
	b = binary.AppendUvarint(b, uint64(len(changes)))
	for _, c := range changes {
		b = putBytes(b, c.Key)
		b = putOptBytes(b, c.Before)
		b = putOptBytes(b, c.After)
	}
	return b
}

// readChanges reads what appendChanges wrote.
func (r *stepReader) changes(limit int) []Change {
	n := r.uvarint()
	if r.err == nil && n > uint64(len(r.b)) {
		r.err = errors.New("bad change count")
	}
	if r.err != nil {
		return nil
	}
	out := make([]Change, 0, min(n, uint64(limit)))
	for i := uint64(0); i < n && r.err == nil; i++ {
		var c Change
		c.Key = r.bytes(r.uvarint())
		if l := r.uvarint(); l > 0 {
			c.Before = r.bytes(l - 1)
		}
		if l := r.uvarint(); l > 0 {
			c.After = r.bytes(l - 1)
		}
		if r.err == nil && !loggedRecord(c.Key) {
			r.err = fmt.Errorf("change %d has key %x, not a record key", i, c.Key)
		}
		out = append(out, c)
	}
	return out
}

type stepReader struct {
	b   []byte
	err error
}

func (r *stepReader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err = errors.New("bad length")
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *stepReader) bytes(n uint64) []byte {
	if r.err != nil {
		return nil
	}
	if n > uint64(len(r.b)) {
		r.err = errors.New("truncated")
		return nil
	}
	v := r.b[:n:n]
	r.b = r.b[n:]
	return v
}

// decodeStep reads a step value; with changes false it stops after the
// header (the change count is still returned in records).
func decodeStep(id []byte, b []byte, changes bool) (st Step, records int, err error) {
	const head = 2 + 8 + idLen
	if len(b) < head || b[0] != encStepV1 {
		var m byte
		if len(b) > 0 {
			m = b[0]
		}
		return Step{}, 0, fmt.Errorf("store: step %s: value encoding 0x%02x is not known (want 0x%02x)", idString(id), m, encStepV1)
	}
	st.ID = idString(id)
	st.Kind = StepKind(b[1])
	st.At = time.UnixMicro(int64(binary.BigEndian.Uint64(b[2:10]))).UTC()
	if t := b[10:head]; !bytes.Equal(t, make([]byte, idLen)) {
		st.Target = idString(t)
	}
	r := &stepReader{b: b[head:]}
	st.Name = string(r.bytes(r.uvarint()))
	st.Merge = string(r.bytes(r.uvarint()))
	var keys [][]byte
	if changes {
		st.Changes = r.changes(1 << 16)
		for _, c := range st.Changes {
			keys = append(keys, c.Key)
		}
	} else {
		// Skip the values: count the records by their keys.
		n := r.uvarint()
		for i := uint64(0); i < n && r.err == nil; i++ {
			keys = append(keys, r.bytes(r.uvarint()))
			if l := r.uvarint(); l > 0 {
				r.bytes(l - 1)
			}
			if l := r.uvarint(); l > 0 {
				r.bytes(l - 1)
			}
		}
	}
	records = countRecords(keys)
	if len(r.b) > 0 {
		st.chunks = int(r.uvarint())
		if st.chunks > 0 {
			records = int(r.uvarint()) // a staged step's changes are in its chunks
		}
	}
	if r.err != nil {
		return Step{}, 0, fmt.Errorf("store: step %s: %w", idString(id), r.err)
	}
	return st, records, nil
}

// countRecords counts the records a step's keys name as a person sees
// them: a node and its position are one record.
func countRecords(keys [][]byte) int {
	seen := make(map[[1 + idLen]byte]bool, len(keys))
	for _, k := range keys {
		if len(k) != 1+idLen {
			continue
		}
		var r [1 + idLen]byte
		copy(r[:], k)
		if r[0] == tagNodePos {
			r[0] = tagNode
		}
		seen[r] = true
	}
	return len(seen)
}

func stepKey(id [idLen]byte) []byte      { return recordKey(tagStep, id) }
func stepStateKey(id [idLen]byte) []byte { return recordKey(tagStepState, id) }

// ---- the write path ----

// Commit runs fn in one read-write transaction that logs every record it
// writes: if fn changed anything, the transaction also appends one step
// (named by fn's StepInfo) to the change log, marks it undoable, forgets
// the redo list, and trims the undo list to the undo limit. It returns the
// step (with its changes); a step with no Changes means fn changed nothing
// and nothing was logged. fn may run more than once (see Update).
//
// When info.Merge is not empty and the newest log entry is an undoable edit
// step with the same Merge, fn's changes fold into that step instead (its
// before-values kept, its after-values and At updated).
func (s *Store) Commit(fn func(tx *Tx) (StepInfo, error)) (Step, error) {
	// Every step reads and writes the log's tail (the newest step, the undo
	// counters): concurrent commits would only conflict and retry.
	s.logMu.Lock()
	defer s.logMu.Unlock()
	var st Step
	err := s.Update(func(tx *Tx) error {
		tx.rec = newRecorder()
		info, err := fn(tx)
		if err != nil {
			return err
		}
		changes := tx.rec.changes()
		tx.rec = nil
		st = Step{}
		if len(changes) == 0 {
			return nil
		}
		st, err = tx.appendEdit(s.now(), info, changes)
		return err
	})
	if err != nil {
		return Step{}, err
	}
	return st, nil
}

// now is the store's clock for step times.
func (s *Store) now() time.Time {
	if s.clock != nil {
		return s.clock()
	}
	return time.Now()
}

// lastStep returns the newest log entry's header, without its changes
// (found false when the log is empty).
func (tx *Tx) lastStep() (Step, bool, error) {
	it := tx.txn.NewIterator(badger.IteratorOptions{Prefix: []byte{tagStep}, Reverse: true})
	defer it.Close()
	it.Seek([]byte{tagStep, 0xFF})
	if !it.ValidForPrefix([]byte{tagStep}) {
		return Step{}, false, nil
	}
	k := it.Item().KeyCopy(nil)
	v, err := it.Item().ValueCopy(nil)
	if err != nil {
		return Step{}, false, fmt.Errorf("store: read step: %w", err)
	}
	st, _, err := decodeStep(k[1:], v, false)
	return st, err == nil, err
}

// stampAfter returns now in UTC at microsecond precision, but never before
// the newest step's time, so step times are ordered like the log.
func (tx *Tx) stampAfter(now time.Time, last Step, haveLast bool) time.Time {
	t := now.UTC().Truncate(time.Microsecond)
	if haveLast && t.Before(last.At) {
		t = last.At
	}
	return t
}

func (tx *Tx) appendEdit(now time.Time, info StepInfo, changes []Change) (Step, error) {
	last, haveLast, err := tx.lastStep()
	if err != nil {
		return Step{}, err
	}
	at := tx.stampAfter(now, last, haveLast)
	// Merge only within MergeWindow of the step's first save: a merged step
	// spans at most that long, so one undo never takes back hours of work.
	if info.Merge != "" && haveLast && last.Kind == KindEdit && last.Merge == info.Merge && at.Sub(last.At) <= MergeWindow {
		lid, _ := idBytes("step", last.ID)
		state, ok, err := tx.get(stepStateKey(lid))
		if err != nil {
			return Step{}, err
		}
		if ok && len(state) == 1 && state[0] == stateDone && last.chunks == 0 {
			full, err := tx.readStep(lid[:])
			if err != nil {
				return Step{}, err
			}
			last.Changes = full.Changes
			merged := mergeChanges(last.Changes, changes)
			// The step keeps its time (its first save): the record existed from
			// then on, and "as of" a time in between must show it. Its name
			// says what it does as a whole.
			last.Changes, last.Name = merged, info.Name
			if info.CreateName != "" && createsRecord(merged) {
				last.Name = info.CreateName
			}
			if err := tx.putStep(lid, last); err != nil {
				return Step{}, err
			}
			return last, nil
		}
	}
	st := Step{ID: tx.newStepID(last, haveLast), At: at, Name: info.Name, Kind: KindEdit, Merge: info.Merge, Changes: changes}
	id, _ := idBytes("step", st.ID)
	if err := tx.clearRedo(); err != nil {
		return Step{}, err
	}
	if err := tx.putStep(id, st); err != nil {
		return Step{}, err
	}
	if err := tx.setState(stepStateKey(id), stateDone); err != nil {
		return Step{}, err
	}
	if err := tx.trimUndo(tx.undoLimit()); err != nil {
		return Step{}, err
	}
	return st, nil
}

// createsRecord reports whether changes create a record (one with no
// before-value).
func createsRecord(changes []Change) bool {
	for _, c := range changes {
		if c.Before == nil && c.After != nil {
			return true
		}
	}
	return false
}

// newStepID returns a fresh UUIDv7 for a step that sorts after last (the
// newest step): when the system clock went back since last was written,
// last's id plus one, so that log order stays the order steps were made.
func (tx *Tx) newStepID(last Step, haveLast bool) string {
	id := pln.NewID()
	if !haveLast || id > last.ID { // canonical UUID strings compare like their bytes
		return id
	}
	b, err := idBytes("step", last.ID)
	if err != nil {
		return id
	}
	for i := idLen - 1; i >= 9; i-- { // bytes 9–15: random bits, below the variant bits of byte 8
		b[i]++
		if b[i] != 0 {
			break
		}
	}
	return idString(b[:])
}

// mergeChanges folds later into earlier: each key keeps its first Before
// and takes its last After; keys that end where they started are dropped.
func mergeChanges(earlier, later []Change) []Change {
	idx := map[string]int{}
	out := slices.Clone(earlier)
	for i, c := range out {
		idx[string(c.Key)] = i
	}
	for _, c := range later {
		if i, ok := idx[string(c.Key)]; ok {
			out[i].After = c.After
			continue
		}
		idx[string(c.Key)] = len(out)
		out = append(out, c)
	}
	return slices.DeleteFunc(out, func(c Change) bool {
		return bytes.Equal(c.Before, c.After) && (c.Before == nil) == (c.After == nil)
	})
}

// putStep writes a step's log value, and marks the imports it publishes or
// unpublishes as logged (tagLoggedImport) so the sweep keeps their records.
func (tx *Tx) putStep(id [idLen]byte, st Step) error {
	b, err := encodeStep(st)
	if err != nil {
		return err
	}
	for _, c := range st.Changes {
		if c.Table() == tagImport {
			if err := tx.set(key([]byte{tagLoggedImport}, c.Key[1:]), nil); err != nil {
				return err
			}
		}
	}
	if st.chunks == 0 { // a staged step indexes its changes as it applies them
		if err := tx.indexChanges(id, st.Changes); err != nil {
			return err
		}
	}
	if err := tx.set(stepTimeKey(st.At, id), nil); err != nil {
		return err
	}
	return tx.set(stepKey(id), b)
}

// indexChanges writes the record-change index keys (tagRecordStep) of a
// step's changes.
func (tx *Tx) indexChanges(id [idLen]byte, changes []Change) error {
	for _, c := range changes {
		if err := tx.set(key([]byte{tagRecordStep}, c.Key, id[:]), nil); err != nil {
			return err
		}
	}
	return nil
}

// stepTimeKey is the step-time index key: tagStepTime | time(at) | step id.
func stepTimeKey(at time.Time, id [idLen]byte) []byte {
	tk := timeKey(at)
	return key([]byte{tagStepTime}, tk[:], id[:])
}

// clearRedo forgets every undone edit step: a new edit after undos makes
// them unreachable, so they become dead. Undone keys are the newest state
// keys apart from dead ones, so the scan stops at the first done key.
func (tx *Tx) clearRedo() error {
	var drop [][]byte
	err := tx.scanStatesNewestFirst(func(k []byte, state byte) (bool, error) {
		switch state {
		case stateUndone:
			drop = append(drop, k)
		case stateDead:
		default:
			return false, nil
		}
		return true, nil
	})
	if err != nil {
		return err
	}
	for _, k := range drop {
		if err := tx.set(k, []byte{stateDead}); err != nil {
			return err
		}
	}
	return nil
}

// trimUndo keeps at most limit undoable (done) steps: the oldest state
// keys go (they are always done ones: undone keys are the newest). It
// reads the done count (meta "undo-done"), so a commit does not scan the
// undo list.
func (tx *Tx) trimUndo(limit int) error {
	n, err := tx.doneCount()
	if err != nil || n <= limit {
		return err
	}
	var drop [][]byte
	p := []byte{tagStepState}
	// Start at the floor (the oldest state key left by the last trim): the
	// keys below it are deleted, and an iterator still walks over deleted
	// keys until compaction drops them.
	start := p
	if f, ok, err := tx.get(keyUndoFloor); err != nil {
		return err
	} else if ok && len(f) == idLen {
		start = stepStateKey([idLen]byte(f))
	}
	var floor []byte
	it := tx.txn.NewIterator(badger.IteratorOptions{Prefix: p})
	for it.Seek(start); it.ValidForPrefix(p); it.Next() {
		if n-len(drop) <= limit {
			floor = it.Item().KeyCopy(nil)
			break
		}
		v, err := it.Item().ValueCopy(nil)
		if err != nil {
			it.Close()
			return fmt.Errorf("store: read step state: %w", err)
		}
		if len(v) == 1 && v[0] == stateDone {
			drop = append(drop, it.Item().KeyCopy(nil))
		}
	}
	it.Close()
	for _, k := range drop {
		if err := tx.del(k); err != nil {
			return err
		}
	}
	if floor != nil {
		if err := tx.set(keyUndoFloor, floor[1:]); err != nil {
			return err
		}
	}
	return tx.putDoneCount(n - len(drop))
}

// doneCount returns how many edit steps are undoable: the meta "undo-done"
// counter, or a count of the state keys when it is missing (a store that
// predates it).
func (tx *Tx) doneCount() (int, error) {
	b, ok, err := tx.get(keyDoneCount)
	if err != nil {
		return 0, err
	}
	if ok && len(b) == 4 {
		return int(binary.BigEndian.Uint32(b)), nil
	}
	n := 0
	err = tx.scanStatesNewestFirst(func(_ []byte, state byte) (bool, error) {
		if state == stateDone {
			n++
		}
		return true, nil
	})
	return n, err
}

func (tx *Tx) putDoneCount(n int) error {
	var b [4]byte
	binary.BigEndian.PutUint32(b[:], uint32(n))
	return tx.set(keyDoneCount, b[:])
}

// setState writes step-state key k (state 0 deletes it), keeping the done
// count in step.
func (tx *Tx) setState(k []byte, state byte) error {
	old, ok, err := tx.get(k)
	if err != nil {
		return err
	}
	delta := 0
	if ok && len(old) == 1 && old[0] == stateDone {
		delta--
	}
	if state == stateDone {
		delta++
	}
	if delta != 0 {
		n, err := tx.doneCount()
		if err != nil {
			return err
		}
		if err := tx.putDoneCount(n + delta); err != nil {
			return err
		}
	}
	if state == 0 {
		return tx.del(k)
	}
	return tx.set(k, []byte{state})
}

// scanStatesNewestFirst calls fn for each step-state key, newest first,
// until fn returns false.
func (tx *Tx) scanStatesNewestFirst(fn func(k []byte, state byte) (bool, error)) error {
	p := []byte{tagStepState}
	it := tx.txn.NewIterator(badger.IteratorOptions{Prefix: p, Reverse: true})
	defer it.Close()
	for it.Seek([]byte{tagStepState, 0xFF}); it.ValidForPrefix(p); it.Next() {
		k := it.Item().KeyCopy(nil)
		v, err := it.Item().ValueCopy(nil)
		if err != nil {
			return fmt.Errorf("store: read step state: %w", err)
		}
		if len(v) != 1 {
			return fmt.Errorf("store: step state %x has %d bytes, want 1", k, len(v))
		}
		more, err := fn(k, v[0])
		if err != nil || !more {
			return err
		}
	}
	return nil
}

// undoLimit reads the undo limit setting (meta "undo-limit"), or the default.
func (tx *Tx) undoLimit() int {
	b, ok, err := tx.get(keyUndoLimit)
	if err != nil || !ok || len(b) != 4 {
		return DefaultUndoLimit
	}
	return int(binary.BigEndian.Uint32(b))
}

// MaxUndoLimit is the largest undo limit SetUndoLimit accepts.
const MaxUndoLimit = 100_000

// SetUndoLimit sets how many edit steps undo reaches back (1–100,000) and
// trims the undo list to it at once. Steps past the limit stay in the log
// (the dated history); they just cannot be undone any more.
func (s *Store) SetUndoLimit(n int) error {
	if n < 1 || n > MaxUndoLimit {
		return pln.Invalid("The undo limit must be 1–%d steps, not %d.", MaxUndoLimit, n)
	}
	s.logMu.Lock()
	defer s.logMu.Unlock()
	return s.Update(func(tx *Tx) error {
		var b [4]byte
		binary.BigEndian.PutUint32(b[:], uint32(n))
		if err := tx.set(keyUndoLimit, b[:]); err != nil {
			return err
		}
		return tx.trimUndo(n)
	})
}

// UndoLimit returns the undo limit setting.
func (s *Store) UndoLimit() (n int, err error) {
	err = s.View(func(tx *Tx) error { n = tx.undoLimit(); return nil })
	return n, err
}

// ---- undo and redo ----

// undoTarget is the newest done step; redoTarget the oldest undone step
// above every done one (undone steps are always the newest state keys).
func (tx *Tx) undoRedoTargets() (undo, redo []byte, err error) {
	err = tx.scanStatesNewestFirst(func(k []byte, state byte) (bool, error) {
		switch state {
		case stateUndone:
			redo = k
			return true, nil
		case stateDead:
			return true, nil
		}
		undo = k
		return false, nil
	})
	return undo, redo, err
}

func (tx *Tx) readStep(id []byte) (Step, error) {
	var sid [idLen]byte
	copy(sid[:], id)
	b, ok, err := tx.get(stepKey(sid))
	if err != nil {
		return Step{}, err
	}
	if !ok {
		return Step{}, fmt.Errorf("store: step %s is missing from the log", idString(id))
	}
	st, _, err := decodeStep(id, b, true)
	if err != nil {
		return Step{}, err
	}
	return st, tx.loadChunks(&st)
}

// readSummary reads a step's header only.
func (tx *Tx) readSummary(id []byte) (pln.HistoryStep, error) {
	var sid [idLen]byte
	copy(sid[:], id)
	b, ok, err := tx.get(stepKey(sid))
	if err != nil {
		return pln.HistoryStep{}, err
	}
	if !ok {
		return pln.HistoryStep{}, fmt.Errorf("store: step %s is missing from the log", idString(id))
	}
	st, n, err := decodeStep(id, b, false)
	return summarize(st, n), err
}

// Undoable returns the step Undo and Redo would take (ok false when there
// is none), without their changes.
func (s *Store) Undoable() (undo, redo pln.HistoryStep, okUndo, okRedo bool, err error) {
	err = s.View(func(tx *Tx) error {
		u, r, err := tx.undoRedoTargets()
		if err != nil {
			return err
		}
		if u != nil {
			if undo, err = tx.readSummary(u[1:]); err != nil {
				return err
			}
			okUndo, undo.Undoable = true, true
		}
		if r != nil {
			if redo, err = tx.readSummary(r[1:]); err != nil {
				return err
			}
			okRedo, redo.Redoable = true, true
		}
		return nil
	})
	return
}

// Summary is the step as history lists show it (pln.HistoryStep; Undoable
// and Redoable are left false: they depend on the step states).
func (st Step) Summary() pln.HistoryStep {
	return summarize(st, len(st.Changes))
}

func summarize(st Step, records int) pln.HistoryStep {
	return pln.HistoryStep{ID: st.ID, At: st.At.UTC().Format(time.RFC3339Nano), Name: st.Name, Kind: st.Kind.String(),
		Target: st.Target, Records: records}
}

// Undo takes back the newest undoable edit step in one transaction: every
// record it touched gets its before-value back (with its index keys), the
// step becomes redoable, and an undo step naming it is logged and returned
// (Target is the undone step). Nothing to undo: pln.NotFound. If a record
// the step touched no longer holds the value the step left (it was changed
// by a write that is not in the undo list), nothing changes and the error
// is a pln.Conflict naming the records (see docs/decisions/history.md).
func (s *Store) Undo() (Step, error) { return s.undoRedo(true) }

// Redo re-applies the oldest redoable step (the inverse of Undo, with the
// same rules). Nothing to redo: pln.NotFound.
func (s *Store) Redo() (Step, error) { return s.undoRedo(false) }

func (s *Store) undoRedo(undo bool) (Step, error) {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	var target Step
	var stateKey []byte
	large := false
	err := s.View(func(tx *Tx) error {
		u, r, err := tx.undoRedoTargets()
		if err != nil {
			return err
		}
		stateKey = u
		if !undo {
			stateKey = r
		}
		if stateKey == nil {
			return nil // reported below
		}
		if target, err = tx.readStep(stateKey[1:]); err != nil {
			return err
		}
		large = target.chunks > 0 || len(target.Changes) > StagedAbove
		return nil
	})
	if err != nil {
		return Step{}, err
	}
	if large {
		return s.undoRedoStaged(target, stateKey, undo)
	}
	var out Step
	err = s.Update(func(tx *Tx) error {
		u, r, err := tx.undoRedoTargets()
		if err != nil {
			return err
		}
		k := u
		if !undo {
			k = r
		}
		if k == nil {
			if undo {
				return pln.NotFound("There is nothing to undo.")
			}
			return pln.NotFound("There is nothing to redo.")
		}
		target, err := tx.readStep(k[1:])
		if err != nil {
			return err
		}
		tx.rec = newRecorder()
		if err := tx.applyStep(target, undo); err != nil {
			return err
		}
		changes := tx.rec.changes()
		tx.rec = nil
		last, haveLast, err := tx.lastStep()
		if err != nil {
			return err
		}
		kind, state, verb := KindUndo, stateUndone, "Undo"
		if !undo {
			kind, state, verb = KindRedo, stateDone, "Redo"
		}
		out = Step{ID: tx.newStepID(last, haveLast), At: tx.stampAfter(s.now(), last, haveLast), Name: verb + ": " + target.Name,
			Kind: kind, Target: target.ID, Changes: changes}
		id, _ := idBytes("step", out.ID)
		if err := tx.putStep(id, out); err != nil {
			return err
		}
		return tx.setState(k, state)
	})
	if err != nil {
		return Step{}, err
	}
	return out, nil
}

// applyStep writes the before-values (undo) or after-values (redo) of
// every change in st, newest change first for an undo, after checking that
// each record still holds the value the step left (undo: After; redo:
// Before).
func (tx *Tx) applyStep(st Step, undo bool) error {
	var changed []Change
	for _, c := range st.Changes {
		want := c.After
		if !undo {
			want = c.Before
		}
		have, _, err := tx.get(c.Key)
		if err != nil {
			return err
		}
		if !bytes.Equal(have, want) || (have == nil) != (want == nil) {
			changed = append(changed, Change{Key: c.Key, Before: want, After: have})
		}
	}
	if len(changed) > 0 {
		return tx.changedSinceError(st, undo, changed)
	}
	order := slices.Clone(st.Changes)
	if undo {
		slices.Reverse(order)
	}
	for _, c := range order {
		v := c.Before
		if !undo {
			v = c.After
		}
		if err := tx.writeRaw(c.Key, v); err != nil {
			return err
		}
	}
	return nil
}

// changedSinceError names (by label where one can be read) the records a
// step cannot be undone or redone over.
func (tx *Tx) changedSinceError(st Step, undo bool, changed []Change) error {
	var names []string
	for _, c := range changed {
		names = append(names, describeRecord(c))
		if len(names) == 5 {
			break
		}
	}
	more := ""
	if len(changed) > len(names) {
		more = fmt.Sprintf(" and %d more", len(changed)-len(names))
	}
	verb := "undone"
	if !undo {
		verb = "redone"
	}
	return pln.Conflict("%q cannot be %s: %s changed since in a way the history does not cover%s. Nothing was changed; edit them by hand instead.",
		st.Name, verb, joinNames(names), more)
}

func joinNames(ns []string) string {
	switch len(ns) {
	case 0:
		return ""
	case 1:
		return ns[0]
	}
	out := ""
	for i, n := range ns {
		switch {
		case i == 0:
		case i == len(ns)-1:
			out += " and "
		default:
			out += ", "
		}
		out += n
	}
	return out
}

// describeRecord names a changed record: "node “Ada”", "tie 0190…",
// "the position of node 0190…".
func describeRecord(c Change) string {
	v := c.After
	if v == nil {
		v = c.Before
	}
	switch c.Table() {
	case tagNode:
		if n, err := decodeNode(v); err == nil && n.Label != "" {
			return fmt.Sprintf("node %q", n.Label)
		}
		return "node " + c.ID()
	case tagTie:
		var t pln.Tie
		if decode(v, &t) == nil && t.Relation != "" {
			return fmt.Sprintf("the %q tie %s", t.Relation, c.ID())
		}
		return "tie " + c.ID()
	case tagEntry:
		return "journal entry " + c.ID()
	case tagNodePos:
		return "the position of node " + c.ID()
	case tagSetting:
		return "the settings"
	case tagView:
		var sv pln.View
		if decode(v, &sv) == nil && sv.Name != "" {
			return fmt.Sprintf("the saved view %q", sv.Name)
		}
		return "saved view " + c.ID()
	case tagGoal:
		var g pln.Goal
		if decode(v, &g) == nil && g.Title != "" {
			return fmt.Sprintf("the goal %q", g.Title)
		}
		return "goal " + c.ID()
	case tagImport:
		var imp pln.Import
		if decode(v, &imp) == nil && imp.Source != "" {
			return fmt.Sprintf("the import of %q", imp.Source)
		}
		return "import " + c.ID()
	}
	return fmt.Sprintf("record %x", c.Key)
}

// writeRaw sets record key k to the raw value v (nil: delete), keeping the
// record's index keys (and the meta ego key) in step with it: the keys of
// the value it replaces go, those of v come. It is how undo and redo write,
// so it needs nothing but the record values a step holds.
func (tx *Tx) writeRaw(k, v []byte) error {
	old, found, err := tx.get(k)
	if err != nil {
		return err
	}
	var id [idLen]byte
	copy(id[:], k[1:])
	switch k[0] {
	case tagNode:
		on, nn, err := reindexRaw(tx, old, found, v, decodeNode, nodeIndexKeys)
		if err != nil {
			return err
		}
		switch {
		case v != nil && nn.Ego:
			if err := tx.set(keyEgo, id[:]); err != nil {
				return err
			}
		case found && on.Ego:
			if err := tx.del(keyEgo); err != nil {
				return err
			}
		}
	case tagTie:
		if _, _, err := reindexRaw(tx, old, found, v, decodeJSON[pln.Tie], tieIndexKeys); err != nil {
			return err
		}
	case tagEntry:
		if _, _, err := reindexRaw(tx, old, found, v, decodeJSON[pln.Entry], entryIndexKeys); err != nil {
			return err
		}
	case tagImport, tagNodePos, tagSetting, tagGoal, tagView:
		// no index keys
	default:
		return fmt.Errorf("store: key %x is not a logged record", k)
	}
	if v == nil {
		if !found {
			return nil
		}
		return tx.del(k)
	}
	return tx.set(k, v)
}

// reindexRaw moves a record's index keys from those of the raw value old
// (when found) to those of v (none when v is nil), decoding both with dec,
// and returns the decoded values.
func reindexRaw[T any](tx *Tx, old []byte, found bool, v []byte, dec func([]byte) (T, error), keys func(T) ([][]byte, error)) (o, n T, err error) {
	var have, want [][]byte
	if found {
		if o, err = dec(old); err == nil {
			have, err = keys(o)
		}
		if err != nil {
			return o, n, err
		}
	}
	if v != nil {
		if n, err = dec(v); err == nil {
			want, err = keys(n)
		}
		if err != nil {
			return o, n, err
		}
	}
	return o, n, tx.replaceIndexKeys(have, want)
}

// decodeJSON decodes a JSON record value (encJSONv1) into a fresh T.
func decodeJSON[T any](b []byte) (T, error) {
	var x T
	err := decode(b, &x)
	return x, err
}

// ---- reading the log ----

// HistoryPage returns up to limit log entries (1–500) older than the step
// id before ("" = from the newest), newest first, without their changes,
// and the id to pass as before for the next page ("" on the last).
func (s *Store) HistoryPage(before string, limit int) (out []pln.HistoryStep, next string, err error) {
	if limit < 1 || limit > 500 {
		return nil, "", pln.Invalid("limit must be 1–500, not %d.", limit)
	}
	start := []byte{tagStep, 0xFF}
	if before != "" {
		b, err := idBytes("step", before)
		if err != nil {
			return nil, "", err
		}
		start = stepKey(b)
	}
	err = s.View(func(tx *Tx) error {
		p := []byte{tagStep}
		it := tx.txn.NewIterator(badger.IteratorOptions{Prefix: p, Reverse: true})
		defer it.Close()
		for it.Seek(start); it.ValidForPrefix(p); it.Next() {
			k := it.Item().KeyCopy(nil)
			if before != "" && bytes.Equal(k, start) {
				continue
			}
			if len(out) == limit {
				next = out[len(out)-1].ID
				return nil
			}
			v, err := it.Item().ValueCopy(nil)
			if err != nil {
				return fmt.Errorf("store: read step: %w", err)
			}
			st, n, err := decodeStep(k[1:], v, false)
			if err != nil {
				return err
			}
			sum := summarize(st, n)
			state, _, err := tx.get(stepStateKey([idLen]byte(k[1:])))
			if err != nil {
				return err
			}
			sum.Undoable = len(state) == 1 && state[0] == stateDone
			sum.Redoable = len(state) == 1 && state[0] == stateUndone
			sum.Undone = len(state) == 1 && (state[0] == stateUndone || state[0] == stateDead)
			out = append(out, sum)
		}
		return nil
	})
	return out, next, err
}

// Steps calls fn with every log entry (changes included) whose At is after
// from and not after to (zero: unbounded), oldest first, until fn returns
// false.
func (s *Store) Steps(from, to time.Time, fn func(Step) (bool, error)) error {
	return s.View(func(tx *Tx) error { return tx.steps(from, to, false, fn) })
}

// steps walks the log (oldest first, or newest first with reverse) over
// (from, to] (zero: unbounded). Step times follow log order (stampAfter),
// so it finds the first (or last) step of the range with one seek in the
// time index (tagStepTime) and then iterates the log itself from there:
// its cost follows the steps in the range, not the log's length.
func (tx *Tx) steps(from, to time.Time, reverse bool, fn func(Step) (bool, error)) error {
	p := []byte{tagStep}
	var start []byte
	switch {
	case !reverse && !from.IsZero():
		id, ok := tx.firstStepAfter(from)
		if !ok {
			return nil
		}
		start = stepKey(id)
	case !reverse:
		start = p
	case !to.IsZero():
		id, ok := tx.lastStepUntil(to)
		if !ok {
			return nil
		}
		start = stepKey(id)
	default:
		start = []byte{tagStep, 0xFF}
	}
	it := tx.txn.NewIterator(badger.IteratorOptions{Prefix: p, Reverse: reverse, PrefetchValues: true, PrefetchSize: 64})
	defer it.Close()
	for it.Seek(start); it.ValidForPrefix(p); it.Next() {
		item := it.Item()
		v, err := item.ValueCopy(nil)
		if err != nil {
			return fmt.Errorf("store: read step: %w", err)
		}
		head, _, err := decodeStep(item.Key()[1:], v, false)
		if err != nil {
			return err
		}
		if !from.IsZero() && !head.At.After(from) {
			if reverse {
				return nil
			}
			continue
		}
		if !to.IsZero() && head.At.After(to) {
			if reverse {
				continue
			}
			return nil
		}
		st, _, err := decodeStep(item.Key()[1:], v, true)
		if err == nil {
			err = tx.loadChunks(&st)
		}
		if err != nil {
			return err
		}
		more, err := fn(st)
		if err != nil || !more {
			return err
		}
	}
	return nil
}

// lastStepUntil returns the id of the last step whose time is not after
// at (ok false: none).
func (tx *Tx) lastStepUntil(at time.Time) (id [idLen]byte, ok bool) {
	p := []byte{tagStepTime}
	tk := timeKey(at.Add(time.Nanosecond))
	it := tx.txn.NewIterator(badger.IteratorOptions{Prefix: p, Reverse: true})
	defer it.Close()
	it.Seek(key(p, tk[:])) // the last key before the first time after at
	for ; it.ValidForPrefix(p); it.Next() {
		k := it.Item().Key()
		if bytes.Compare(k, key(p, tk[:])) < 0 {
			return [idLen]byte(k[1+timeLen:]), true
		}
	}
	return id, false
}

// firstStepAfter returns the id of the first step whose time is after at
// (ok false: none).
func (tx *Tx) firstStepAfter(at time.Time) (id [idLen]byte, ok bool) {
	p := []byte{tagStepTime}
	tk := timeKey(at.Add(time.Nanosecond))
	it := tx.txn.NewIterator(badger.IteratorOptions{Prefix: p})
	defer it.Close()
	it.Seek(key(p, tk[:]))
	if !it.ValidForPrefix(p) {
		return id, false
	}
	return [idLen]byte(it.Item().Key()[1+timeLen:]), true
}

// importLogged reports whether a logged step published (or unpublished)
// import id: then its records belong to the history and are never swept.
func (s *Store) importLogged(id string) (bool, error) {
	b, err := idBytes("import", id)
	if err != nil {
		return false, nil
	}
	var ok bool
	err = s.View(func(tx *Tx) error {
		_, ok, err = tx.get(key([]byte{tagLoggedImport}, b[:]))
		return err
	})
	return ok, err
}

// The record tables a Change can name (Change.Table).
const (
	TableNode    = tagNode
	TableTie     = tagTie
	TableEntry   = tagEntry
	TableImport  = tagImport
	TableNodePos = tagNodePos
	TableSetting = tagSetting
	TableView    = tagView
	TableGoal    = tagGoal
)

// LogStats returns how many steps the change log holds and the bytes of
// their values (chunks of staged steps included): what the history costs
// on disk before Badger's compression and overhead.
func (s *Store) LogStats() (steps int, bytes int64, err error) {
	err = s.View(func(tx *Tx) error {
		for _, tag := range []byte{tagStep, tagStepChunk} {
			it := tx.txn.NewIterator(badger.IteratorOptions{Prefix: []byte{tag}})
			for it.Seek([]byte{tag}); it.ValidForPrefix([]byte{tag}); it.Next() {
				if tag == tagStep {
					steps++
				}
				bytes += int64(len(it.Item().Key())) + it.Item().ValueSize()
			}
			it.Close()
		}
		return nil
	})
	return steps, bytes, err
}
