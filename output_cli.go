package main

import (
	"fmt"
	"io"
	"log/slog"
	"strings"
	"unicode/utf8"

	"github.com/plexus-pln/plexus/backend/pln"
)

// exitCode is the exit status for an error a command got from the
// services: 2 for input they refuse (pln invalid or too_large: a usage
// mistake, like those parseArgs finds), 1 for everything else (the store,
// the disk, a conflict with what is stored, a missing record).
func exitCode(err error) int {
	switch pln.CodeOf(err) {
	case pln.CodeInvalid, pln.CodeTooLarge:
		return 2
	}
	return 1
}

// fail prints "what: message" for err on stderr and returns its exit
// status (exitCode). Every command that opens the store reports its
// errors through it.
func fail(stderr io.Writer, log *slog.Logger, what string, err error) int {
	fmt.Fprintln(stderr, what+":", userMessage(log, err))
	return exitCode(err)
}

// termText is user text (an entry's body, a draft) made safe to print on
// a terminal, for the human (non --json) output: line breaks and tabs stay;
// other C0 control characters, DEL and bytes that are not UTF-8 are written
// \xNN (ESC is \x1b); C1 control characters (U+0080–U+009F) and the bidi
// embedding, override and isolate characters (U+202A–U+202E,
// U+2066–U+2069) are written \uNNNN (\u202e). So text cannot move the
// cursor, recolour the terminal or reorder what is shown around it.
func termText(s string) string { return termEscape(s, true) }

// termLine is termText for a one-line field (a label, a title, a tag, a
// step's name): tabs and line breaks are escaped too (\x09, \x0a), so
// tab-separated output keeps its columns.
func termLine(s string) string { return termEscape(s, false) }

func termEscape(s string, keepBreaks bool) string {
	clean := true
	for _, r := range s {
		if r == utf8.RuneError || needsEscape(r, keepBreaks) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n <= 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r < 0x80 && needsEscape(r, keepBreaks):
			fmt.Fprintf(&b, `\x%02x`, r)
		case needsEscape(r, keepBreaks):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

func needsEscape(r rune, keepBreaks bool) bool {
	switch {
	case r == '\n' || r == '\t':
		return !keepBreaks
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// termLines is termLine of each of ss.
func termLines(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = termLine(s)
	}
	return out
}
