package service

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"reflect"
	"sync/atomic"
	"testing"
	"time"

	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/store"
)

// A store failure after K staged chunks of a file import (through the
// services, as the window and the CLI import) leaves the network, the
// key/value state and the history as they were, and the next import works.
func TestImportStoreFailureAfterKChunks(t *testing.T) {
	injected := errors.New("injected store failure")
	const k = 3 // stageChunk nodes per chunk: the fourth chunk fails
	var failAt atomic.Int64
	failAt.Store(k)
	dir := t.TempDir()
	clk := &clock{t: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
	log := slog.New(slog.NewTextHandler(&lockedWriter{w: &bytes.Buffer{}}, nil))
	st, err := store.Open(dir+"/db", store.Options{NoSync: true, Logger: log, Clock: clk.now, StageFault: func(chunk int) error {
		if int64(chunk) == failAt.Load() {
			return injected
		}
		return nil
	}})
	noErr(t, err)
	t.Cleanup(func() { _ = st.Close() })
	rec := &recorder{}
	svc, err := New(Deps{Store: st, Emitter: rec, Now: clk.now, Log: log, DataDir: dir})
	noErr(t, err)
	e := &env{t: t, st: st, svc: svc, rec: rec, clk: clk, dir: dir}
	populate(t, e)

	opml := func(n int, host string) []byte {
		var b bytes.Buffer
		b.WriteString("<opml version=\"2.0\"><body>\n")
		for i := range n {
			fmt.Fprintf(&b, "<outline text=\"Feed %d\" xmlUrl=\"https://%s/%d.xml\"/>\n", i, host, i)
		}
		b.WriteString("</body></opml>\n")
		return b.Bytes()
	}
	beforeNet := e.networkJSON()
	beforeNodes := len(must[Network](t)(svc.Network.Network()).Nodes)
	beforeState := must[[]store.KV](t)(st.StateDump())
	beforeHistory := must[HistoryPage](t)(svc.History.Steps("", 500))
	beforeImports := must[[]pln.Import](t)(st.Imports())
	rec.take()

	big := opml(stageChunk*(k+2), "big.example") // k+2 chunks
	if _, err := svc.Files.ImportFile("big.opml", big); !errors.Is(err, injected) {
		t.Fatalf("import with chunk %d failing: %v", k, err)
	}
	if got := e.networkJSON(); got != beforeNet {
		t.Fatal("the failed import changed the network")
	}
	if got := must[[]store.KV](t)(st.StateDump()); !reflect.DeepEqual(got, beforeState) {
		t.Fatalf("the failed import changed the stored state: %d keys before, %d after", len(beforeState), len(got))
	}
	// StateDump leaves out what unpublished imports hold; the rollback
	// must have removed them too (an abort, not just invisibility).
	if got := must[[]pln.Import](t)(st.Imports()); !reflect.DeepEqual(got, beforeImports) {
		t.Fatalf("import records after the failed import: %+v, before: %+v", got, beforeImports)
	}
	if got := must[HistoryPage](t)(svc.History.Steps("", 500)); !reflect.DeepEqual(got, beforeHistory) {
		t.Fatal("the failed import is in the history")
	}
	for _, ev := range rec.take() {
		if ev.name == pln.EventNetworkChanged {
			t.Fatal("network:changed after a failed import")
		}
	}

	// The next import works, and brings the big file in whole.
	failAt.Store(-1)
	clk.advance(DuplicateDropWindow + time.Second) // not taken for the same drop again
	res := must[pln.ImportResult](t)(svc.Files.ImportFile("big.opml", big))
	if res.Nodes != stageChunk*(k+2) {
		t.Fatalf("the next import added %d nodes, want %d", res.Nodes, stageChunk*(k+2))
	}
	nw := must[Network](t)(svc.Network.Network())
	if want := beforeNodes + stageChunk*(k+2); len(nw.Nodes) != want {
		t.Fatalf("%d nodes after the next import, want %d", len(nw.Nodes), want)
	}
}
