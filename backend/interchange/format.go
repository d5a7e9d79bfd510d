// Package interchange reads and writes the file formats Plexus exchanges
// with other programs and with itself: OPML feed lists (opml.go) and the
// versioned JSON backup (backup.go). It only parses and writes: it never
// touches the store, assigns no ids and no positions, and returns
// *pln.Error values (codes invalid, unsupported, too_large) whose messages
// say what is wrong and where (a line and column, or a record).
package interchange

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"strings"

	"github.com/plexus-pln/plexus/backend/pln"
)

// The formats Detect recognises.
const (
	FormatOPML   = "opml"          // an OPML outline (http://opml.org/spec2.opml)
	FormatBackup = "plexus-backup" // Plexus's own JSON backup (backup.go)
)

// sniffBytes is how much of a file Detect looks at.
const sniffBytes = 1 << 20

// Detect tells what a file is from its content, never from its name (name
// is only used in the error message). It returns FormatOPML when data is XML
// — UTF-8 with or without a byte order mark, UTF-16 with a byte order mark,
// or a declared encoding xmlToUTF8 reads — whose root element is <opml>, and
// FormatBackup when data is a JSON object whose "format" member is
// "plexus-backup". Anything else is a *pln.Error with code unsupported.
// Detect does not validate the rest of the file: ParseOPML and ReadBackup do.
func Detect(name string, data []byte) (string, error) {
	head := data
	if len(head) > sniffBytes {
		head = head[:sniffBytes]
		if len(head)%2 == 1 {
			head = head[:len(head)-1] // keep UTF-16 whole
		}
	}
	if isOPML(head) {
		return FormatOPML, nil
	}
	if isBackup(data) {
		return FormatBackup, nil
	}
	return "", pln.Unsupported("%s is not a file Plexus can import (expected an OPML feed list).", name)
}

// isOPML reports whether the first element of the XML document in data is
// <opml>. Errors after that element's start tag do not matter here.
func isOPML(data []byte) bool {
	text, err := xmlToUTF8(data)
	if err != nil {
		return false
	}
	d := newXMLDecoder(text)
	for {
		tok, err := d.RawToken()
		if err != nil {
			return false
		}
		switch t := tok.(type) {
		case xml.StartElement:
			return strings.EqualFold(t.Name.Local, "opml")
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				return false
			}
		}
	}
}

// isBackup reports whether data is a JSON object with "format":
// "plexus-backup". WriteBackup puts that member first, so this reads little.
func isBackup(data []byte) bool {
	data = bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF})
	d := json.NewDecoder(bytes.NewReader(data))
	if tok, err := d.Token(); err != nil || tok != json.Delim('{') {
		return false
	}
	for d.More() {
		key, err := d.Token()
		if err != nil {
			return false
		}
		if key == "format" {
			var f string
			return d.Decode(&f) == nil && f == FormatBackup
		}
		var skip json.RawMessage
		if err := d.Decode(&skip); err != nil {
			return false
		}
	}
	return false
}

// newXMLDecoder returns a decoder over UTF-8 text (see xmlToUTF8): strict,
// knowing the HTML entities (&nbsp; and friends are common in OPML files
// written by hand), and accepting any declared encoding, since text has
// already been converted.
func newXMLDecoder(text []byte) *xml.Decoder {
	d := xml.NewDecoder(bytes.NewReader(text))
	d.Entity = xml.HTMLEntity
	d.CharsetReader = func(_ string, input io.Reader) (io.Reader, error) { return input, nil }
	return d
}

// errString is the message of err without encoding/xml's "xml: " prefix.
func errString(err error) string {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return se.Msg
	}
	return strings.TrimPrefix(err.Error(), "xml: ")
}
