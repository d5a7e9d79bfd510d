//go:build !dev

package main

// buildCSP is the production binary's policy (and that of any build without
// the dev tag): no connection but to the page's own origin (csp.go).
const buildCSP = productionCSP
