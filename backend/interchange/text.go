package interchange

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"

	"github.com/plexus-pln/plexus/backend/pln"
)

// xmlToUTF8 returns the bytes of an XML document as UTF-8, ready for
// encoding/xml, following the XML 1.0 appendix F rules: a byte order mark
// wins (UTF-8, UTF-16LE, UTF-16BE); without one, "<?" spelled in UTF-16 means
// UTF-16; otherwise the encoding pseudo-attribute of the XML declaration
// decides (decodeCharset: any WHATWG/IANA label golang.org/x/text knows,
// misspellings such as "utf8" or "UTF_8" included). The declaration itself
// is left in place: the decoder's CharsetReader then passes the already
// converted bytes through unchanged.
func xmlToUTF8(data []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return data[3:], nil
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return utf16ToUTF8(data[2:], false)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return utf16ToUTF8(data[2:], true)
	case bytes.HasPrefix(data, []byte{'<', 0, '?', 0}):
		return utf16ToUTF8(data, false)
	case bytes.HasPrefix(data, []byte{0, '<', 0, '?'}):
		return utf16ToUTF8(data, true)
	}
	enc := declaredEncoding(data)
	if l := normalizeCharset(enc); l == "utf-16" || l == "" {
		// A UTF-16 declaration on ASCII-compatible bytes is wrong; the
		// bytes win and are read as UTF-8.
		return data, nil
	}
	return decodeCharset(enc, data)
}

// decodeCharset converts data from the charset named label to UTF-8, with
// golang.org/x/text's WHATWG encoding index (the labels browsers accept:
// Windows code pages, ISO-8859-*, KOI8, Shift_JIS, GBK, …; "utf8", "UTF_8"
// and other misspellings of a known label normalised first; US-ASCII and
// ISO-8859-1 are read as windows-1252, as browsers do). Data declared
// UTF-8 that is not valid UTF-8 is mislabelled: an invalid error naming
// the line, never silently mangled. An unknown label is unsupported.
func decodeCharset(label string, data []byte) ([]byte, error) {
	l := normalizeCharset(label)
	switch l {
	case "", "utf-8":
		if !utf8.Valid(data) {
			line, col := position(data, int64(firstInvalidUTF8(data)))
			return nil, pln.Invalid("line %d, column %d: the file says it is UTF-8 but is not (a byte there is not UTF-8); it may be mislabelled: save it as UTF-8 and try again.", line, col)
		}
		return data, nil
	case "utf-16":
		return utf16ToUTF8(bytes.TrimPrefix(data, []byte{0xFF, 0xFE}), false)
	}
	enc, err := htmlindex.Get(l)
	if err != nil || enc == nil {
		return nil, pln.Unsupported("The file declares the character encoding %q, which Plexus cannot read; save it as UTF-8 and try again.", truncateRunes(label, 40))
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return nil, pln.Invalid("The file cannot be read as %s: %v.", truncateRunes(label, 40), err)
	}
	return out, nil
}

// firstInvalidUTF8 is the byte offset of the first invalid UTF-8 sequence.
func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// decodeText returns a text file without a declared charset (CSV, vCard,
// Markdown, JSON) as UTF-8: a byte order mark (UTF-8, UTF-16LE/BE) is
// honoured and removed; UTF-16 without one is recognised by its NUL
// bytes; valid UTF-8 is kept; anything else is read as Windows-1252, and
// note says so (the import reports it, so a mislabelled file is seen).
func decodeText(data []byte) (text, note string, err error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		b, err := utf16ToUTF8(data[2:], false)
		return string(b), "", err
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		b, err := utf16ToUTF8(data[2:], true)
		return string(b), "", err
	case len(data) >= 4 && data[1] == 0 && data[3] == 0 && data[0] != 0:
		b, err := utf16ToUTF8(data, false)
		return string(b), "", err
	case len(data) >= 4 && data[0] == 0 && data[2] == 0 && data[1] != 0:
		b, err := utf16ToUTF8(data, true)
		return string(b), "", err
	}
	if utf8.Valid(data) {
		return string(data), "", nil
	}
	b, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return "", "", pln.Invalid("The file is neither UTF-8 nor Windows-1252 text.")
	}
	line, _ := position(data, int64(firstInvalidUTF8(data)))
	return string(b), fmt.Sprintf("The file is not UTF-8 (first at line %d); it was read as Windows-1252. If names look wrong, save it as UTF-8 and import it again.", line), nil
}

// normalizeCharset maps a charset label to "utf-8", "utf-16", "" (none),
// or the lower-cased label with underscores as hyphens (what
// htmlindex.Get looks up).
func normalizeCharset(label string) string {
	l := strings.ToLower(strings.TrimSpace(label))
	l = strings.ReplaceAll(l, "_", "-")
	switch l {
	case "":
		return ""
	case "utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8", "unicode20utf8", "utf-8n":
		return "utf-8"
	case "utf-16", "utf16", "utf-16le", "utf-16be", "ucs-2", "unicode":
		return "utf-16"
	case "latin-1", "iso8859-1", "iso88591":
		return "windows-1252"
	}
	return l
}

func utf16ToUTF8(b []byte, bigEndian bool) ([]byte, error) {
	if len(b)%2 != 0 {
		return nil, pln.Invalid("The file looks like UTF-16 text but has an odd number of bytes; it is cut short or damaged.")
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		if bigEndian {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		} else {
			u[i] = uint16(b[2*i+1])<<8 | uint16(b[2*i])
		}
	}
	out := make([]byte, 0, len(u))
	for _, r := range utf16.Decode(u) {
		out = utf8.AppendRune(out, r)
	}
	return out, nil
}

// position returns the 1-based line and column (in characters) of byte
// offset off in data.
func position(data []byte, off int64) (line, col int) {
	if off < 0 {
		off = 0
	}
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	head := data[:off]
	line = 1 + bytes.Count(head, []byte{'\n'})
	start := bytes.LastIndexByte(head, '\n') + 1
	col = 1 + utf8.RuneCount(head[start:])
	return line, col
}

// cleanLine makes s one valid line of at most max characters: invalid UTF-8
// becomes U+FFFD, control characters (line breaks, tabs…) become spaces, the
// ends are trimmed and an over-long value is cut with an ellipsis.
func cleanLine(s string, max int) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if strings.IndexFunc(s, unicode.IsControl) >= 0 {
		s = strings.Map(func(r rune) rune {
			if unicode.IsControl(r) {
				return ' '
			}
			return r
		}, s)
	}
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) > max {
		s = strings.TrimSpace(string([]rune(s)[:max-1])) + "…"
	}
	return s
}

// cleanURL trims s, makes it valid UTF-8 and drops control characters (a
// URL split over lines in the file is joined again).
func cleanURL(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if strings.IndexFunc(s, unicode.IsControl) >= 0 {
		s = strings.Map(func(r rune) rune {
			if unicode.IsControl(r) {
				return -1
			}
			return r
		}, s)
	}
	return strings.TrimSpace(s)
}

// lineCounter turns increasing byte offsets into lines and columns in time
// proportional to the distance moved, so a whole file costs O(size) even
// when it is all on one line.
type lineCounter struct {
	data []byte
	off  int // bytes counted so far
	line int // line at off (0 before the first call)
	col  int // characters between the start of that line and off
}

// at returns the 1-based line and column (in characters) of off, which
// must be the start of a character. Offsets should not decrease between calls; a smaller one is recounted from the start.
func (c *lineCounter) at(off int64) (line, col int) {
	o := int(min(max(off, 0), int64(len(c.data))))
	if o < c.off || c.line == 0 {
		c.off, c.line, c.col = 0, 1, 0
	}
	for {
		i := bytes.IndexByte(c.data[c.off:o], '\n')
		if i < 0 {
			break
		}
		c.line++
		c.off += i + 1
		c.col = 0
	}
	c.col += utf8.RuneCount(c.data[c.off:o])
	c.off = o
	return c.line, c.col + 1
}

func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// withPrefix returns err with prefix put before its message, keeping its
// code; a non-pln error becomes an internal one.
func withPrefix(prefix string, err error) error {
	if err == nil {
		return nil
	}
	pe := pln.AsError(err)
	return &pln.Error{Code: pe.Code, Message: prefix + pe.Message}
}

// declaredEncoding returns the encoding pseudo-attribute of the XML
// declaration at the start of data, or "" when there is none.
func declaredEncoding(data []byte) string {
	if !bytes.HasPrefix(data, []byte("<?xml")) {
		return ""
	}
	end := bytes.Index(data, []byte("?>"))
	if end < 0 || end > 1024 {
		return ""
	}
	decl := string(data[5:end])
	i := strings.Index(decl, "encoding")
	if i < 0 {
		return ""
	}
	rest := strings.TrimLeft(decl[i+len("encoding"):], " \t\r\n")
	if !strings.HasPrefix(rest, "=") {
		return ""
	}
	rest = strings.TrimLeft(rest[1:], " \t\r\n")
	if rest == "" || (rest[0] != '"' && rest[0] != '\'') {
		return ""
	}
	q := rest[0]
	rest = rest[1:]
	j := strings.IndexByte(rest, q)
	if j < 0 {
		return ""
	}
	return rest[:j]
}
