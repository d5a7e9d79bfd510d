package interchange

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/plexus-pln/plexus/backend/pln"
)

// fixture is the file testdata/<dir>/<name>.
func fixture(t testing.TB, dir, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// seedFiles adds each of files to f's corpus, shortened by shorten (big
// seeds make every execution, and minimizing, slow), then its first half
// and, with utf16, its UTF-16LE form with a BOM.
func seedFiles(f *testing.F, files []string, shorten func([]byte) []byte, utf16 bool) {
	f.Helper()
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		data = shorten(data)
		f.Add(data)
		f.Add(data[:len(data)/2])
		if utf16 {
			f.Add(toUTF16(data, false, true))
		}
	}
}

// firstLines shortens a seed over 4096 bytes to its first n lines and
// then tail (what closes the document).
func firstLines(n int, tail string) func([]byte) []byte {
	return func(data []byte) []byte {
		if len(data) > 4096 {
			lines := bytes.SplitAfter(data, []byte("\n"))
			data = append(bytes.Join(lines[:min(n, len(lines))], nil), tail...)
		}
		return data
	}
}

// firstBytes shortens a seed to its first 4096 bytes.
func firstBytes(data []byte) []byte {
	if len(data) > 4096 {
		data = data[:4096]
	}
	return data
}

// parseErrWith parses data as the file name with imp, expecting an error
// with the given code whose message names the file and contains every one
// of want.
func parseErrWith(t *testing.T, imp Importer, name, data string, code pln.Code, want ...string) {
	t.Helper()
	_, err := imp.Parse([]File{{Name: name, Data: []byte(data)}})
	if err == nil {
		t.Fatalf("no error for %q", truncateRunes(data, 80))
	}
	pe := pln.AsError(err)
	if pe.Code != code {
		t.Errorf("code %s, want %s: %v", pe.Code, code, err)
	}
	if !strings.HasPrefix(pe.Message, name+": ") {
		t.Errorf("message does not name the file: %q", pe.Message)
	}
	for _, w := range want {
		if !strings.Contains(pe.Message, w) {
			t.Errorf("message %q does not contain %q", pe.Message, w)
		}
	}
}

// exportOne exports net with exp, which must write one file, name, the
// same twice, detected as format; it is that file's data.
func exportOne(t testing.TB, exp Exporter, format, name string, net *Network) []byte {
	t.Helper()
	files, err := exp.Export(net)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 || files[0].Name != name {
		t.Fatalf("files %v", files)
	}
	again, _ := exp.Export(net)
	if !bytes.Equal(files[0].Data, again[0].Data) {
		t.Fatal("export is not deterministic")
	}
	if f, err := Detect(name, files[0].Data); err != nil || f != format {
		t.Fatalf("export detected as %q, %v", f, err)
	}
	return files[0].Data
}
