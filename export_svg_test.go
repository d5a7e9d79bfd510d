package main

import (
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// plexus export --format svg goes through the registry like every format:
// an imported feed list comes out as a well-formed SVG with a circle and a
// label per node (the CLI names no format).
func TestExportSVGCommand(t *testing.T) {
	dir := t.TempDir()
	fixture := filepath.Join("backend", "service", "testdata", "opml", "newsblur.opml")
	var out, errOut bytes.Buffer
	if code := run([]string{"import", "--data-dir", dir, fixture}, &out, &errOut); code != 0 {
		t.Fatalf("import: %d %q", code, errOut.String())
	}
	path := filepath.Join(t.TempDir(), "map.svg")
	if code := run([]string{"export", "--data-dir", dir, "--format", "svg", "--out", path}, &out, &errOut); code != 0 {
		t.Fatalf("export: %d %q", code, errOut.String())
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var nodes bytes.Buffer
	if code := run([]string{"nodes", "list", "--data-dir", dir}, &nodes, &errOut); code != 0 {
		t.Fatalf("nodes list: %d %q", code, errOut.String())
	}
	want := len(strings.Split(strings.TrimSpace(nodes.String()), "\n"))
	d := xml.NewDecoder(bytes.NewReader(data))
	circles, group := 0, ""
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			if se.Name.Local == "g" {
				for _, a := range se.Attr {
					if a.Name.Local == "id" {
						group = a.Value
					}
				}
			}
			if se.Name.Local == "circle" && group == "nodes" {
				circles++
			}
		}
	}
	if want < 2 || circles != want {
		t.Errorf("%d node circles for %d nodes listed", circles, want)
	}
	out.Reset()
	if code := run([]string{"help"}, &out, &errOut); code != 0 || !strings.Contains(out.String(), "svg") {
		t.Errorf("help does not list svg: %q", out.String())
	}
}
