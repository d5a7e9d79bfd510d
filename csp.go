package main

import (
	"io/fs"
	"net/http"

	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
)

// The page's Content-Security-Policy. The dev-tag binary (e2e tests, `wails
// dev`) and the production binary serve the same frontend/dist, so the
// policy that differs between them is sent per build as an HTTP header by
// the asset handler (cspMiddleware, with buildCSP from csp_dev.go or
// csp_production.go). frontend/index.html keeps a <meta> copy of devCSP (less
// frame-ancestors, which a <meta> policy cannot carry): a page is held to
// every policy it gets, so in production the header narrows the meta's
// connect-src to 'self', and where no header is sent (Wails' own dev mode
// with Vite's server) the meta still applies. docs/decisions/csp.md.
//
// Directives (CSP Level 3, https://www.w3.org/TR/CSP3/): nothing remote.
// blob: workers are the ForceAtlas2 layout, which builds its worker from a
// Blob; img-src data:/blob: are the images Markdown may keep; style-src
// 'self' without 'unsafe-inline' (Svelte's styles are bundled; dynamic ones
// go through the CSSOM).
const (
	cspCommon = "default-src 'none'; script-src 'self'; worker-src 'self' blob:; style-src 'self'; " +
		"img-src 'self' data: blob:; font-src 'self' data:; "
	cspTail = "; base-uri 'none'; form-action 'none'; object-src 'none'"

	// productionCSP: the page may connect to its own origin only
	// (wails://wails on Linux and macOS, http://wails.localhost on
	// Windows), where GET /api/… is served.
	productionCSP = cspCommon + "connect-src 'self'" + cspTail + "; frame-ancestors 'none'"

	// devCSP adds the Wails dev server's bridge: a page opened in a browser
	// at http://127.0.0.1:PORT (the -devserver address) reaches every bound
	// method over a websocket to that server, and Vite's dev server and hot
	// reload run on localhost.
	devCSP = cspCommon + "connect-src 'self' ws://127.0.0.1:* http://127.0.0.1:* ws://localhost:* http://localhost:*" +
		cspTail + "; frame-ancestors 'none'"
)

// cspMiddleware sets the Content-Security-Policy header to policy on every
// response of the asset server (the page, its scripts, the /api/ handler's
// answers and errors), then hands the request on unchanged.
func cspMiddleware(policy string) assetserver.Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Security-Policy", policy)
			next.ServeHTTP(w, r)
		})
	}
}

// assetOptions is the window's asset server: the built frontend (dist),
// the HTTP API (api) for everything else, and this build's CSP header on
// every response.
func assetOptions(dist fs.FS, api http.Handler) *assetserver.Options {
	return &assetserver.Options{
		Assets:     dist,
		Handler:    api,
		Middleware: cspMiddleware(buildCSP),
	}
}
