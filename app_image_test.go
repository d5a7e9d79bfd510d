package main

import (
	"encoding/base64"
	"os"
	"path/filepath"
	"testing"

	"github.com/plexus-pln/plexus/backend/pln"
)

// The page's image reaches Go only as a .png or .svg of its own kind.
func TestImageFile(t *testing.T) {
	png := base64.StdEncoding.EncodeToString([]byte("\x89PNG\r\n\x1a\nrest"))
	svg := base64.StdEncoding.EncodeToString([]byte(`<?xml version="1.0"?><svg/>`))
	if ext, data, err := imageFile("plexus-map-2026-12-04.png", png); err != nil || ext != ".png" || len(data) != 12 {
		t.Fatalf("png: %q %d %v", ext, len(data), err)
	}
	if ext, _, err := imageFile("map.SVG", svg); err != nil || ext != ".svg" {
		t.Fatalf("svg: %q %v", ext, err)
	}
	for _, c := range []struct{ name, data string }{
		{"map.exe", png},          // not an image name
		{"../map.png", png},       // not a base name
		{"map.png", svg},          // an SVG called .png
		{"map.svg", png},          // and the other way
		{"map.png", "not base64"}, // not base64
	} {
		if _, _, err := imageFile(c.name, c.data); pln.CodeOf(err) != pln.CodeInvalid {
			t.Errorf("%s: %v", c.name, err)
		}
	}
	path := filepath.Join(t.TempDir(), "m.png")
	if err := writeImage(path, []byte("x")); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(path); err != nil || string(b) != "x" {
		t.Fatalf("%q %v", b, err)
	}
	if err := writeImage(filepath.Join(t.TempDir(), "no", "m.png"), []byte("x")); err == nil {
		t.Fatal("a write into a missing folder succeeded")
	}
}
