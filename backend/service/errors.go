package service

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"runtime/debug"

	"github.com/plexus-pln/plexus/backend/pln"
)

// ErrorJSON turns any error into the JSON string the frontend parses:
// {"code":"…","message":"…"} (see docs/api.md). A *pln.Error keeps its code
// and message; anything else becomes code "internal" with a generic message,
// and the full error is logged to log (which may be nil).
func ErrorJSON(log *slog.Logger, err error) string {
	pe := publicError(log, err)
	b, mErr := json.Marshal(pe)
	if mErr != nil { // cannot happen for two strings; keep the contract anyway
		return `{"code":"internal","message":"Something went wrong inside Plexus; details are in the log."}`
	}
	return string(b)
}

// ErrorFormatter returns a function for wails' options.App.ErrorFormatter:
// bound calls then reject with new Error(ErrorJSON(err)).
func ErrorFormatter(log *slog.Logger) func(error) any {
	return func(err error) any { return ErrorJSON(log, err) }
}

// publicError is pln.AsError plus logging of what it hides.
func publicError(log *slog.Logger, err error) *pln.Error {
	if err == nil {
		return nil
	}
	pe := pln.AsError(err)
	if pe.Code == pln.CodeInternal && log != nil {
		log.Error("internal error", "err", err.Error())
	}
	return pe
}

// recoverInto turns a panic in a bound method into an internal error
// (logged with its stack), so no panic escapes to Wails. Use as
//
//	defer recoverInto(s.log, "NetworkService.CreateNode", &err)
func recoverInto(log *slog.Logger, where string, err *error) {
	if r := recover(); r != nil {
		if log != nil {
			log.Error("panic in service method", "method", where, "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
		}
		*err = fmt.Errorf("panic in %s: %v", where, r)
	}
}

// PublicError is publicError for the app's own events: the *pln.Error the
// user may see (an internal error logged in full and replaced by a generic
// message).
func PublicError(log *slog.Logger, err error) *pln.Error { return publicError(log, err) }
