package main

import (
	"errors"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// parseCSP splits a policy into directive name → source list, failing the
// test on an empty or repeated directive.
func parseCSP(t *testing.T, policy string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, d := range strings.Split(policy, ";") {
		f := strings.Fields(d)
		if len(f) == 0 {
			t.Fatalf("empty directive in %q", policy)
		}
		if _, dup := out[f[0]]; dup {
			t.Fatalf("directive %s twice in %q", f[0], policy)
		}
		out[f[0]] = f[1:]
	}
	return out
}

func TestCSPPolicies(t *testing.T) {
	prod, dev := parseCSP(t, productionCSP), parseCSP(t, devCSP)
	for name, p := range map[string]map[string][]string{"production": prod, "dev": dev} {
		for dir, want := range map[string][]string{
			"default-src":     {"'none'"},
			"script-src":      {"'self'"},
			"style-src":       {"'self'"},
			"object-src":      {"'none'"},
			"base-uri":        {"'none'"},
			"form-action":     {"'none'"},
			"frame-ancestors": {"'none'"},
		} {
			if !reflect.DeepEqual(p[dir], want) {
				t.Errorf("%s %s = %q, want %q", name, dir, p[dir], want)
			}
		}
		for dir, srcs := range p {
			for _, src := range srcs {
				switch {
				case src == "*" || strings.HasPrefix(src, "'unsafe-") || src == "'wasm-unsafe-eval'":
					t.Errorf("%s %s allows %s", name, dir, src)
				case strings.HasSuffix(src, ":") && !(src == "data:" && (dir == "img-src" || dir == "font-src")) &&
					!(src == "blob:" && (dir == "img-src" || dir == "worker-src")):
					t.Errorf("%s %s allows the whole scheme %s", name, dir, src)
				}
			}
		}
	}
	if !reflect.DeepEqual(prod["connect-src"], []string{"'self'"}) {
		t.Errorf("production connect-src = %q, want only 'self'", prod["connect-src"])
	}
	for _, host := range []string{"localhost", "127.0.0.1", "ws:", "http:"} {
		if strings.Contains(productionCSP, host) {
			t.Errorf("production policy names %s: %s", host, productionCSP)
		}
	}
	for _, src := range []string{"'self'", "ws://127.0.0.1:*", "http://127.0.0.1:*", "ws://localhost:*", "http://localhost:*"} {
		if !slices.Contains(dev["connect-src"], src) {
			t.Errorf("dev connect-src %q lacks %s (the dev server's bridge)", dev["connect-src"], src)
		}
	}
	// Apart from connect-src the two builds send the same policy.
	delete(prod, "connect-src")
	delete(dev, "connect-src")
	if !reflect.DeepEqual(prod, dev) {
		t.Errorf("production and dev differ beyond connect-src:\n%v\n%v", prod, dev)
	}
}

// TestIndexHTMLMetaCSP: frontend/index.html's <meta> policy is devCSP less
// frame-ancestors (which a <meta> cannot carry). Both policies apply to the
// page, so a meta stricter than dev would break the dev bridge, and a meta
// that drifts from the header goes unnoticed: it must be exactly that.
func TestIndexHTMLMetaCSP(t *testing.T) {
	b, err := os.ReadFile("frontend/index.html")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?s)<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"`).FindAllSubmatch(b, -1)
	if len(m) != 1 {
		t.Fatalf("frontend/index.html has %d CSP <meta> elements, want 1", len(m))
	}
	meta := parseCSP(t, string(m[0][1]))
	want := parseCSP(t, devCSP)
	delete(want, "frame-ancestors")
	if !reflect.DeepEqual(meta, want) {
		t.Errorf("index.html's CSP <meta>:\n %v\nwant devCSP less frame-ancestors:\n %v", meta, want)
	}
}

// wailsLikeHandler stands in for Wails' asset handler (pkg/assetserver
// needs WebKit to build; csp_wails_test.go runs the real one under the
// webkit2_41 tag): a GET is served from dist, falling back to api when the
// file does not exist; other methods go to api. The test wraps it in the
// options' Middleware, as Wails does.
func wailsLikeHandler(dist fs.FS, api http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, "/")
		if name == "" {
			name = "index.html"
		}
		if r.Method == http.MethodGet {
			b, err := fs.ReadFile(dist, name)
			if err == nil {
				_, _ = w.Write(b)
				return
			}
			if !errors.Is(err, fs.ErrNotExist) {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
		}
		api.ServeHTTP(w, r)
	})
}

// testAPI answers /api/network with JSON and anything else with a 404 error,
// as service.NewHandler does.
var testAPI = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/api/network" {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"nodes":{}}`))
		return
	}
	http.Error(w, `{"code":"not_found","message":"no such endpoint"}`, http.StatusNotFound)
})

var testDist = fstest.MapFS{
	"index.html":         {Data: []byte("<!doctype html><title>Plexus</title>")},
	"assets/index-1.js":  {Data: []byte("console.log(1)")},
	"assets/index-1.css": {Data: []byte("body{}")},
}

// TestCSPMiddleware: the window's asset server (assetOptions, as runWindow
// builds it) sends this build's policy on every response — the page, its
// assets, the API's answers and its errors — and changes nothing else.
func TestCSPMiddleware(t *testing.T) {
	opts := assetOptions(testDist, testAPI)
	if opts.Assets == nil || opts.Handler == nil || opts.Middleware == nil {
		t.Fatalf("assetOptions = %+v: want Assets, Handler and Middleware", opts)
	}
	h := opts.Middleware(wailsLikeHandler(opts.Assets, opts.Handler))
	for _, c := range []struct {
		method, path string
		code         int
		body         string
	}{
		{http.MethodGet, "/", 200, "<!doctype html><title>Plexus</title>"},
		{http.MethodGet, "/assets/index-1.js", 200, "console.log(1)"},
		{http.MethodGet, "/api/network", 200, `{"nodes":{}}`},
		{http.MethodGet, "/api/nothing", 404, `{"code":"not_found","message":"no such endpoint"}` + "\n"},
		{http.MethodPost, "/api/import", 404, `{"code":"not_found","message":"no such endpoint"}` + "\n"},
	} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(c.method, c.path, nil))
		if got := w.Header().Values("Content-Security-Policy"); len(got) != 1 || got[0] != buildCSP {
			t.Errorf("%s %s: Content-Security-Policy = %q, want [%q]", c.method, c.path, got, buildCSP)
		}
		if w.Code != c.code || w.Body.String() != c.body {
			t.Errorf("%s %s = %d %q, want %d %q", c.method, c.path, w.Code, w.Body.String(), c.code, c.body)
		}
	}
}
