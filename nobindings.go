//go:build !bindings

package main

// bindingsOnly is true only in Wails' binding-generator build (bindings.go).
const bindingsOnly = false

func generateBindings() int { return 0 }
