//go:build webkit2_41

package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	wailsassets "github.com/wailsapp/wails/v2/pkg/assetserver"
)

// These run only where Wails' asset server builds (it links WebKit):
//   go test -tags webkit2_41 -run TestCSPWails .       (production)
//   go test -tags dev,webkit2_41 -run TestCSPWails .   (dev)

type testRuntime struct{}

func (testRuntime) DesktopIPC() []byte       { return []byte("/*ipc*/") }
func (testRuntime) WebsocketIPC() []byte     { return []byte("/*ws ipc*/") }
func (testRuntime) RuntimeDesktopJS() []byte { return []byte("/*runtime*/") }

type testLogger struct{ t *testing.T }

func (l testLogger) Debug(string, ...any)        {}
func (l testLogger) Error(m string, args ...any) { l.t.Logf("wails: "+m, args...) }

// TestCSPWailsAssetServer serves the window's asset options through Wails'
// own AssetServer, as the window does: the page (whose body Wails buffers
// to inject its runtime scripts), an asset and the API all carry this
// build's policy.
func TestCSPWailsAssetServer(t *testing.T) {
	srv, err := wailsassets.NewAssetServer("", *assetOptions(testDist, testAPI), false, testLogger{t}, testRuntime{})
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/", "/index.html", "/assets/index-1.js", "/api/network", "/api/nothing"} {
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, httptest.NewRequest(http.MethodGet, path, nil))
		if got := w.Header().Values("Content-Security-Policy"); len(got) != 1 || got[0] != buildCSP {
			t.Errorf("GET %s: Content-Security-Policy = %q, want [%q]", path, got, buildCSP)
		}
		if path == "/" && !strings.Contains(w.Body.String(), "/wails/runtime.js") {
			t.Errorf("GET /: Wails did not inject its runtime: %q", w.Body.String())
		}
	}
}
