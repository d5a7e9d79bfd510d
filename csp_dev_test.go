//go:build dev

package main

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestBuildCSPDev: the dev-tag binary (e2e tests) sends devCSP, which lets
// the page reach the dev server's websocket bridge. Run with
// `go test -tags dev,webkit2_41 -run TestBuildCSP .`
func TestBuildCSPDev(t *testing.T) {
	if buildCSP != devCSP {
		t.Fatalf("buildCSP = %q, want devCSP", buildCSP)
	}
	opts := assetOptions(testDist, testAPI)
	w := httptest.NewRecorder()
	opts.Middleware(wailsLikeHandler(opts.Assets, opts.Handler)).ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/", nil))
	if got := w.Header().Get("Content-Security-Policy"); got != devCSP {
		t.Errorf("dev page's Content-Security-Policy = %q, want %q", got, devCSP)
	}
}
