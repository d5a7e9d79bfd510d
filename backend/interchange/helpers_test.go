package interchange

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
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
