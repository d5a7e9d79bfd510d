//go:build dev

package main

// buildCSP is the dev-tag binary's policy: the Wails dev server's websocket
// bridge on 127.0.0.1/localhost is allowed (csp.go).
const buildCSP = devCSP
