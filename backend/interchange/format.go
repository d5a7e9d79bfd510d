// Package interchange reads and writes the file formats Plexus exchanges
// with other programs and with itself. It only parses and writes: it never
// touches the store, assigns no ids and no times, and returns *pln.Error
// values (codes invalid, unsupported, too_large) whose messages say what is
// wrong and where (a line and column, a row, a record).
//
// # One registry
//
// Every format is one file of this package (opml.go, backup.go, gexf.go,
// graphml.go, csv.go, jsongraph.go, vcard.go, bookmarks.go, markdown.go)
// that implements Format plus Importer and/or Exporter (registry.go) and
// calls Register from its init function. Generic code — DetectFormat,
// ParseFiles, the service's preview and apply, the CLI, the HTTP API, the
// UI's menus — only ever goes through the registry: adding a format is one
// new file plus its tests, and no generic code names a format.
//
// # Rules every format follows (docs/formats.md has each mapping)
//
//   - Detection by content (Sniff), never by file name.
//   - Text decoding through the shared helpers in text.go: xmlToUTF8 for
//     XML (BOM, UTF-16, declared charsets via golang.org/x/text),
//     decodeText for text without a declared charset (BOM, UTF-16,
//     UTF-8, else Windows-1252 with a warning), decodeCharset for a
//     charset label found in the file. A file mislabelled UTF-8 is an
//     error naming the line, never mangled.
//   - XML: encoding/xml with no DTD or external entity expansion
//     (newXMLDecoder), a depth limit, and a located error for malformed
//     input (syntaxError-style "line L, column C: …").
//   - Size: ParseFiles' callers cap a file at MaxImportBytes (32 MiB);
//     a format caps its own item counts (MaxItems) with a too_large error.
//   - Parse returns a *Doc: labels cleaned with cleanLine to
//     pln.MaxLabelLen (an item with no usable label takes its id), tags
//     with mergeTags, URLs with cleanURL; everything without a Plexus field
//     kept in Extra as "<format>:<attribute>" (PutExtra), the file's own
//     node id in Extra[ExtraKeyFor(format)]; edge weights through
//     StrengthsFromWeights (the weight kept as "<format>:weight"); kinds
//     from a type/kind attribute through GuessKind, else left empty (the
//     preview asks). In-file duplicates are merged with a Warning saying
//     what was merged; items that cannot be read while the rest can are
//     left out with Doc.Skip (the preview lets the user decide); nothing
//     is dropped without a Warning.
//   - Export writes what the format can hold from a Network, writes the
//     Extra keys of its own prefix back, and is deterministic. Plexus's
//     own fields that the format has no place for are written as
//     attributes named "plexus:<field>" (kind, relation, strength, tags…)
//     so that export → import is lossless.
//   - Tests beside each file: every fixture in testdata/<format>/ (copied
//     byte for byte from ../shared/fixtures, "-text" in .gitattributes)
//     with exact counts and spot-checked values; malformed inputs with
//     located errors; a round trip (Export → Parse) on a generated
//     network; one fuzz target FuzzParse<Format> (no panic, bounded time).
package interchange

import (
	"bytes"
	"encoding/xml"
	"errors"
	"strings"
)

// The formats the service names itself (the backup is restored, never
// imported; OPML is the format of a dropped link's history).
const (
	FormatOPML   = "opml"          // an OPML outline (http://opml.org/spec2.opml), opml.go
	FormatBackup = "plexus-backup" // Plexus's own JSON backup, backup.go
)

// MaxImportBytes is the largest file an import reads (32 MiB).
const MaxImportBytes = 32 << 20

// MaxItems is the most nodes, ties or entries one import may bring in.
const MaxItems = 200_000

// Detect tells what a file is from its content, never from its name (name
// is only used in the error message): the registry name of the format that
// claims it (DetectFormat), or a *pln.Error with code unsupported saying
// what the file looks like.
func Detect(name string, data []byte) (string, error) {
	f, err := DetectFormat(File{Name: name, Data: data})
	if err != nil {
		return "", err
	}
	return f.Name(), nil
}

// errString is the message of err without encoding/xml's "xml: " prefix.
func errString(err error) string {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return se.Msg
	}
	return strings.TrimPrefix(err.Error(), "xml: ")
}

// newXMLDecoder returns a decoder over UTF-8 text (see xmlToUTF8): strict,
// knowing the HTML entities (&nbsp; and friends are common in files written
// by hand), expanding no DTD or external entity (encoding/xml never does),
// and accepting any declared encoding, since text has already been
// converted.
func newXMLDecoder(text []byte) *xml.Decoder {
	d := xml.NewDecoder(bytes.NewReader(text))
	d.Entity = xml.HTMLEntity
	d.CharsetReader = passThroughCharset
	return d
}
