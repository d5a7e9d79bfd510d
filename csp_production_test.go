//go:build !dev

package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestBuildCSPProduction: a build without the dev tag (the production
// binary, `wails build`) sends productionCSP, which names no localhost.
func TestBuildCSPProduction(t *testing.T) {
	if buildCSP != productionCSP {
		t.Fatalf("buildCSP = %q, want productionCSP", buildCSP)
	}
	opts := assetOptions(testDist, testAPI)
	w := httptest.NewRecorder()
	opts.Middleware(wailsLikeHandler(opts.Assets, opts.Handler)).ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/", nil))
	got := w.Header().Get("Content-Security-Policy")
	if got != productionCSP || strings.Contains(got, "localhost") || strings.Contains(got, "127.0.0.1") {
		t.Errorf("production page's Content-Security-Policy = %q, want %q", got, productionCSP)
	}
}
