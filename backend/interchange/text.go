package interchange

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/plexus-pln/plexus/backend/pln"
)

// xmlToUTF8 returns the bytes of an XML document as UTF-8, ready for
// encoding/xml, following the XML 1.0 appendix F rules: a byte order mark
// wins (UTF-8, UTF-16LE, UTF-16BE); without one, "<?" spelled in UTF-16 means
// UTF-16; otherwise the encoding pseudo-attribute of the XML declaration
// decides. UTF-8 (and its alias "utf8", which NewsBlur writes), US-ASCII,
// ISO-8859-1 and windows-1252 are read; ISO-8859-1 and US-ASCII are decoded as
// windows-1252, as browsers do. Any other declared encoding is unsupported.
// The declaration itself is left in place: the decoder's CharsetReader then
// passes the already converted bytes through unchanged.
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
	switch normalizeCharset(enc) {
	case "", "utf-8", "utf-16":
		// A UTF-16 declaration on ASCII-compatible bytes is wrong; the
		// bytes win and are read as UTF-8.
		return data, nil
	case "windows-1252":
		return windows1252ToUTF8(data), nil
	}
	return nil, pln.Unsupported("The file declares the character encoding %q, which Plexus cannot read; save it as UTF-8 and try again.", truncateRunes(enc, 40))
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

// normalizeCharset maps a charset label to "utf-8", "utf-16",
// "windows-1252", "" (none) or the lower-cased label when it is unknown.
func normalizeCharset(label string) string {
	l := strings.ToLower(strings.TrimSpace(label))
	switch l {
	case "":
		return ""
	case "utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8", "unicode20utf8":
		return "utf-8"
	case "utf-16", "utf16", "utf-16le", "utf-16be", "ucs-2", "unicode":
		return "utf-16"
	case "us-ascii", "ascii", "ansi_x3.4-1968", "iso-ir-6", "iso646-us", "cp367", "us",
		"iso-8859-1", "iso8859-1", "iso_8859-1", "iso88591", "latin1", "latin-1", "l1", "cp819", "ibm819", "iso-ir-100",
		"windows-1252", "cp1252", "x-cp1252":
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

// cp1252High maps the bytes 0x80–0x9F of windows-1252; the five undefined
// ones map to the C1 control with the same number, as browsers do.
var cp1252High = [32]rune{
	0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
	0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
}

func windows1252ToUTF8(b []byte) []byte {
	out := make([]byte, 0, len(b)+len(b)/8)
	for _, c := range b {
		switch {
		case c < 0x80:
			out = append(out, c)
		case c < 0xA0:
			out = utf8.AppendRune(out, cp1252High[c-0x80])
		default:
			out = utf8.AppendRune(out, rune(c))
		}
	}
	return out
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
