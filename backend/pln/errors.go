// Package pln holds Plexus's domain types for a Personal Learning Network
// (ego, alters, ties, journal entries), their validation, the error type
// every layer returns, and the names and payloads of the events the backend
// emits. It imports only the standard library and google/uuid.
package pln

import (
	"errors"
	"fmt"
)

// Code classifies an Error. The frontend branches on Code, never on Message.
type Code string

// The error codes. Keep this set small; see docs and architecture.md.
const (
	CodeInvalid     Code = "invalid"     // the input breaks a rule; Message says which field and why
	CodeNotFound    Code = "not_found"   // a referenced record does not exist
	CodeConflict    Code = "conflict"    // the action clashes with stored state (already open, ego exists…)
	CodeUnsupported Code = "unsupported" // a format, version or operation Plexus does not handle
	CodeTooLarge    Code = "too_large"   // a value or file is over its limit
	CodeDamaged     Code = "damaged"     // the store's files are damaged; Message says which and what to do
	CodeLocked      Code = "locked"      // the data folder is encrypted and no passphrase, or a wrong one, was given
	CodeDiskFull    Code = "disk_full"   // the disk holding the data folder has too little free space; nothing was changed
	CodeReadOnly    Code = "read_only"   // the data folder cannot be written (a read-only disk, or no permission)
	CodeInternal    Code = "internal"    // a bug or I/O failure; details are logged, not shown
)

// Codes lists every Code, in the order above (the frontend contract,
// contract.gen.ts ERROR_CODES, is generated from it).
var Codes = []Code{CodeInvalid, CodeNotFound, CodeConflict, CodeUnsupported, CodeTooLarge, CodeDamaged, CodeLocked, CodeDiskFull, CodeReadOnly, CodeInternal}

// Error is the error every Plexus layer returns for a condition the user can
// act on. Message is a complete sentence for the user that says what and where.
type Error struct {
	Code    Code   `json:"code"`
	Message string `json:"message"`
}

func (e *Error) Error() string { return string(e.Code) + ": " + e.Message }

// Errorf builds an *Error with a formatted message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Invalid, NotFound, Conflict, TooLarge, Unsupported are shorthands for Errorf.
func Invalid(format string, args ...any) *Error { return Errorf(CodeInvalid, format, args...) }

// NotFound reports a missing record.
func NotFound(format string, args ...any) *Error { return Errorf(CodeNotFound, format, args...) }

// Conflict reports a clash with stored state.
func Conflict(format string, args ...any) *Error { return Errorf(CodeConflict, format, args...) }

// TooLarge reports a value or file over its limit.
func TooLarge(format string, args ...any) *Error { return Errorf(CodeTooLarge, format, args...) }

// Unsupported reports a format or operation Plexus does not handle.
func Unsupported(format string, args ...any) *Error { return Errorf(CodeUnsupported, format, args...) }

// Damaged reports a store whose files cannot be trusted (missing, cut
// short or failing their checksums). The recovery screen and `plexus
// check` explain the way out.
func Damaged(format string, args ...any) *Error { return Errorf(CodeDamaged, format, args...) }

// Locked reports an encrypted data folder (or backup file) that the
// passphrase given does not open — or no passphrase was given. The lock
// screen asks again; nothing was changed.
func Locked(format string, args ...any) *Error { return Errorf(CodeLocked, format, args...) }

// DiskFull reports that the disk holding the data folder has less free
// space than the write needs, with its reserve (docs/decisions/disk-space.md).
// Nothing was changed; the message says how much is free and what to do.
func DiskFull(format string, args ...any) *Error { return Errorf(CodeDiskFull, format, args...) }

// ReadOnly reports a data folder Plexus may not write: a read-only disk or
// mount, or no permission. Nothing was changed.
func ReadOnly(format string, args ...any) *Error { return Errorf(CodeReadOnly, format, args...) }

// CodeOf returns the Code of err if it is (or wraps) an *Error, else CodeInternal.
func CodeOf(err error) Code {
	var pe *Error
	if errors.As(err, &pe) {
		return pe.Code
	}
	return CodeInternal
}

// AsError returns err as an *Error: itself if it is (or wraps) one, else an
// internal error whose message hides the details (log err before calling).
func AsError(err error) *Error {
	var pe *Error
	if errors.As(err, &pe) {
		return pe
	}
	return &Error{Code: CodeInternal, Message: "Something went wrong inside Plexus; details are in the log."}
}
