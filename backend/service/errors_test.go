package service

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/plexus-pln/plexus/backend/pln"
)

func TestErrorJSON(t *testing.T) {
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	format := ErrorFormatter(log)

	s, ok := format(pln.Invalid("The label is empty.")).(string)
	if !ok || s != `{"code":"invalid","message":"The label is empty."}` {
		t.Fatalf("formatted %v", s)
	}
	wrapped := fmt.Errorf("context: %w", pln.NotFound("No node."))
	if got := ErrorJSON(log, wrapped); got != `{"code":"not_found","message":"No node."}` {
		t.Fatalf("wrapped %s", got)
	}
	if logs.Len() != 0 {
		t.Fatalf("user errors were logged: %s", logs.String())
	}
	got := ErrorJSON(log, errors.New("store: disk on fire at /secret/path"))
	var pe pln.Error
	if err := json.Unmarshal([]byte(got), &pe); err != nil || pe.Code != pln.CodeInternal {
		t.Fatalf("internal %s", got)
	}
	if strings.Contains(pe.Message, "secret") {
		t.Fatalf("internal details leaked: %s", pe.Message)
	}
	if !strings.Contains(logs.String(), "disk on fire") {
		t.Fatalf("internal error not logged in full: %s", logs.String())
	}
}

type panicEmitter struct{}

func (panicEmitter) Emit(string, any) { panic("emitter exploded") }

func TestNoPanicEscapes(t *testing.T) {
	e := newEnv(t)
	// A panicking emitter is contained; the change itself is committed.
	e.svc.Network.c.em = panicEmitter{}
	n, err := e.svc.Network.CreateNode(person("x"), 0, 0)
	noErr(t, err)
	if _, err := e.svc.Network.GetNode(n.ID); err != nil {
		t.Fatal(err)
	}
	// A panic inside a method becomes an internal error.
	var err2 error
	func() {
		defer recoverInto(e.svc.Network.c.log, "test", &err2)
		panic("boom")
	}()
	if pln.CodeOf(err2) != pln.CodeInternal || !strings.Contains(e.logs.String(), "panic in service method") {
		t.Fatalf("recovered %v; logs %s", err2, e.logs.String())
	}
}

func TestDataDir(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	cases := []struct {
		name, flag, goos, home string
		vars                   map[string]string
		want                   string
	}{
		{"flag wins", "/data/flag", "linux", "/home/u", map[string]string{DataDirEnv: "/data/env"}, "/data/flag"},
		{"env", "", "linux", "/home/u", map[string]string{DataDirEnv: "/data/env"}, "/data/env"},
		{"xdg", "", "linux", "/home/u", map[string]string{"XDG_DATA_HOME": "/xdg"}, "/xdg/Plexus"},
		{"xdg relative ignored", "", "linux", "/home/u", map[string]string{"XDG_DATA_HOME": "rel"}, "/home/u/.local/share/Plexus"},
		{"linux default", "", "linux", "/home/u", nil, "/home/u/.local/share/Plexus"},
		{"freebsd default", "", "freebsd", "/home/u", nil, "/home/u/.local/share/Plexus"},
		{"macos", "", "darwin", "/Users/u", map[string]string{"XDG_DATA_HOME": "/xdg"}, "/Users/u/Library/Application Support/Plexus"},
		{"windows", "", "windows", "/c/Users/u", map[string]string{"AppData": "/c/Users/u/AppData/Roaming"}, "/c/Users/u/AppData/Roaming/Plexus"},
	}
	for _, c := range cases {
		got, err := resolveDataDir(c.flag, env(c.vars), c.goos, c.home)
		if err != nil || got != c.want {
			t.Errorf("%s: got %q, %v; want %q", c.name, got, err, c.want)
		}
	}
	if _, err := resolveDataDir("", env(nil), "windows", ""); err == nil {
		t.Error("windows without AppData: no error")
	}
	if _, err := resolveDataDir("", env(nil), "linux", ""); err == nil {
		t.Error("linux without HOME: no error")
	}
	if got, err := resolveDataDir("rel/dir", env(nil), "linux", "/home/u"); err != nil || !strings.HasSuffix(got, "/rel/dir") || !strings.HasPrefix(got, "/") {
		t.Errorf("relative flag: %q %v", got, err)
	}
}
