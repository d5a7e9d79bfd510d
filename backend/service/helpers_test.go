package service

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/plexus-pln/plexus/backend/interchange"
	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/store"
)

// event is one recorded Emit call.
type event struct {
	name    string
	payload any
}

// recorder is a fake Emitter. check, when set, runs inside Emit (to verify
// that the change is already committed when the event goes out).
type recorder struct {
	mu     sync.Mutex
	events []event
	check  func(name string, payload any)
}

func (r *recorder) Emit(name string, payload any) {
	r.mu.Lock()
	check := r.check
	r.events = append(r.events, event{name, payload})
	r.mu.Unlock()
	if check != nil {
		check(name, payload)
	}
}

// take returns and forgets the recorded events, without history:changed
// (which follows every step; takeAll keeps it).
func (r *recorder) take() []event {
	var out []event
	for _, e := range r.takeAll() {
		if e.name != pln.EventHistoryChanged {
			out = append(out, e)
		}
	}
	return out
}

// takeAll returns and forgets every recorded event.
func (r *recorder) takeAll() []event {
	r.mu.Lock()
	defer r.mu.Unlock()
	ev := r.events
	r.events = nil
	return ev
}

// named returns the recorded events called name (without taking them).
func (r *recorder) named(name string) []event {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []event
	for _, e := range r.events {
		if e.name == name {
			out = append(out, e)
		}
	}
	return out
}

// clock is a settable fake clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) set(t time.Time) {
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

type env struct {
	t    *testing.T
	st   *store.Store
	svc  *Services
	rec  *recorder
	clk  *clock
	dir  string
	logs *bytes.Buffer
}

// newEnv opens a fresh on-disk store in a temp dir with fake emitter and clock.
func newEnv(t *testing.T) *env {
	t.Helper()
	dir := t.TempDir()
	return openEnv(t, dir)
}

func openEnv(t *testing.T, dir string) *env {
	t.Helper()
	logs := &bytes.Buffer{}
	log := slog.New(slog.NewTextHandler(&lockedWriter{w: logs}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	clk := &clock{t: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
	st, err := store.Open(dir+"/db", store.Options{NoSync: true, Logger: log, Clock: clk.now})
	if err != nil {
		t.Fatalf("store.Open: %v", err)
	}
	rec := &recorder{}
	svc, err := New(Deps{Store: st, Emitter: rec, Now: clk.now, Log: log, DataDir: dir})
	if err != nil {
		_ = st.Close()
		t.Fatalf("New: %v", err)
	}
	e := &env{t: t, st: st, svc: svc, rec: rec, clk: clk, dir: dir, logs: logs}
	t.Cleanup(func() { _ = st.Close() })
	return e
}

// reopen closes the store and opens the services again on the same dir.
func (e *env) reopen() *env {
	e.t.Helper()
	if err := e.st.Close(); err != nil {
		e.t.Fatal(err)
	}
	return openEnv(e.t, e.dir)
}

type lockedWriter struct {
	mu sync.Mutex
	w  *bytes.Buffer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// wantCode fails unless err is a *pln.Error with code.
func wantCode(t *testing.T, err error, code pln.Code) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %s", code)
	}
	if got := pln.CodeOf(err); got != code {
		t.Fatalf("got code %s (%v), want %s", got, err, code)
	}
}

func must[T any](t *testing.T) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		return v
	}
}

func noErr(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
}

// person returns minimal valid node fields.
func person(label string) pln.NodeFields {
	return pln.NodeFields{Label: label, Kind: pln.KindPerson}
}

// networkJSON is the network as canonical JSON, for before/after comparisons.
func (e *env) networkJSON() string {
	e.t.Helper()
	nw := must[Network](e.t)(e.svc.Network.Network())
	b, err := json.Marshal(nw)
	noErr(e.t, err)
	return string(b)
}

func detectFormat(data []byte) (string, error) { return interchange.Detect("x", data) }
