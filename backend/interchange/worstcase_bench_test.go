package interchange

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/plexus-pln/plexus/backend/synth"
)

// The worst inputs each reader must refuse or read in time linear in their
// size. The tests (TestCSVWorstInputs, TestMarkdownZipRefused,
// TestJSONGraphDeepNestingRefused, TestParseGEXFEntityBomb,
// TestParseGraphMLEntityBomb, TestSVGLarge) check what is returned;
// BenchmarkWorstInputs measures how long it takes (docs/benchmarks.md,
// "Interchange: worst inputs") — wall-clock limits in tests flake on
// shared machines, so none is asserted.

// csvWorstInputs: a MaxItems-row file where every row has the same Id, one
// path of a million segments, and 1,000 rows of 4,002 columns.
func csvWorstInputs() map[string][]byte {
	var dup, deep, wide bytes.Buffer
	dup.WriteString("Id,Label\n")
	for i := range MaxItems {
		fmt.Fprintf(&dup, "1,L%d\n", i)
	}
	deep.WriteString("path\n")
	deep.WriteString(strings.Repeat("a/", 1<<20) + "\n")
	deep.WriteString("b\n")
	wide.WriteString("Id," + strings.Repeat("c,", 2000) + "Label\n")
	for i := range 1000 {
		fmt.Fprintf(&wide, "%d,%sL\n", i, strings.Repeat("v,", 2000))
	}
	return map[string][]byte{"dup": dup.Bytes(), "deep": deep.Bytes(), "wide": wide.Bytes()}
}

// zipBomb: a Markdown vault zip of one note of 40 MiB of zeros, a few KiB compressed.
func zipBomb(tb testing.TB) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("bomb.md")
	if err != nil {
		tb.Fatal(err)
	}
	zero := make([]byte, 1<<20)
	for range 40 {
		_, _ = w.Write(zero)
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	if buf.Len() > 1<<20 {
		tb.Fatalf("bomb is %d bytes", buf.Len())
	}
	return buf.Bytes()
}

// deepJSON: a node whose x is 5 Mi brackets deep.
func deepJSON() []byte {
	return []byte(`{"nodes":[{"id":"a","x":` + strings.Repeat("[", 5<<20) + strings.Repeat("]", 5<<20) + `}],"links":[]}`)
}

// entityBomb: "billion laughs" (10^9 "lol"s if expanded) inside root's document; body is what goes in <root>.
func entityBomb(root, body string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?>` + "\n" + `<!DOCTYPE ` + root + ` [` + "\n" + `<!ENTITY lol "lol">` + "\n")
	for i := 1; i < 10; i++ {
		fmt.Fprintf(&b, `<!ENTITY lol%d "%s">`+"\n", i, strings.Repeat(fmt.Sprintf("&lol%d;", i-1), 10))
	}
	b.WriteString("]>\n<" + root + ">" + body + "</" + root + ">")
	return b.String()
}

const (
	gexfBombBody    = `<graph><nodes><node id="a" label="&lol9;"/></nodes></graph>`
	graphmlBombBody = `<key id="l" attr.name="label"/><graph><node id="a"><data key="l">&lol9;</data></node></graph>`
)

// BenchmarkWorstInputs: each worst input once per iteration (B/s is its
// size). With -short (make bench-smoke) the SVG export is 1,000 nodes.
func BenchmarkWorstInputs(b *testing.B) {
	parse := func(b *testing.B, format, name string, data []byte) {
		f, ok := Lookup(format)
		if !ok {
			b.Fatalf("no format %s", format)
		}
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			_, _ = f.(Importer).Parse([]File{{Name: name, Data: data}})
		}
	}
	for name, data := range csvWorstInputs() {
		b.Run("CSV_"+name, func(b *testing.B) { parse(b, FormatCSV, name+".csv", data) })
	}
	b.Run("Markdown_zipBomb", func(b *testing.B) { parse(b, FormatMarkdown, "bomb.zip", zipBomb(b)) })
	for _, format := range []string{FormatJGF, FormatCytoscape, FormatD3} {
		b.Run("JSON_deep_"+format, func(b *testing.B) { parse(b, format, "deep.json", deepJSON()) })
	}
	b.Run("GEXF_entityBomb", func(b *testing.B) { parse(b, FormatGEXF, "bomb.gexf", []byte(entityBomb("gexf", gexfBombBody))) })
	b.Run("GraphML_entityBomb", func(b *testing.B) {
		parse(b, FormatGraphML, "bomb.graphml", []byte(entityBomb("graphml", graphmlBombBody)))
	})
	b.Run("SVG_export", func(b *testing.B) {
		n, t := 10_000, 30_000
		if testing.Short() {
			n, t = 1_000, 3_000
		}
		g, err := synth.Generate(synth.Options{Nodes: n, Ties: t, Seed: 8})
		if err != nil {
			b.Fatal(err)
		}
		net := &Network{Nodes: g.Nodes, Ties: g.Ties}
		for b.Loop() {
			if _, err := (svgFormat{}).Export(net); err != nil {
				b.Fatal(err)
			}
		}
	})
}
