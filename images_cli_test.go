package main

import (
	"bytes"
	"encoding/json"
	"image"
	"image/png"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/plexus-pln/plexus/backend/pln"
)

func writePNG(t *testing.T, path string, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// plexus images add/list/get on one data folder, with the exit codes.
func TestImagesCommands(t *testing.T) {
	dir := t.TempDir()
	tmp := t.TempDir()
	pic := filepath.Join(tmp, "my [pic].png")
	data := writePNG(t, pic, 3, 2)
	svg := filepath.Join(tmp, "x.svg")
	if err := os.WriteFile(svg, []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>1</script></svg>`), 0o600); err != nil {
		t.Fatal(err)
	}
	id := pln.ImageID(data)
	cmd, out, errOut := commandsOn(dir)
	if code := cmd("images", "add", pic); code != 0 || out.String() != id+"\t![my pic](plexus-image:"+id+")\n" {
		t.Fatalf("images add: %d %q %q", code, out.String(), errOut.String())
	}
	// The same bytes again: the same id, stored once; an SVG is refused
	// (exit 1) while the other files go on.
	if code := cmd("images", "add", svg, pic); code != 1 || !strings.Contains(errOut.String(), "SVG") || !strings.HasPrefix(out.String(), id+"\t") {
		t.Fatalf("images add svg: %d %q %q", code, out.String(), errOut.String())
	}
	if code := cmd("images"); code != 0 || out.String() != id+"\timage/png\t3×2\t"+itoa(len(data))+"\n" {
		t.Fatalf("images: %d %q", code, out.String())
	}
	if code := cmd("images", "--json"); code != 0 {
		t.Fatalf("images --json: %d", code)
	}
	var list []pln.ImageInfo
	if err := json.Unmarshal(out.Bytes(), &list); err != nil || len(list) != 1 || list[0].ID != id || list[0].Width != 3 {
		t.Fatalf("images --json: %v %s", err, out.String())
	}
	got := filepath.Join(tmp, "out.png")
	if code := cmd("images", "get", id, "--out", got); code != 0 {
		t.Fatalf("images get: %d %q", code, errOut.String())
	}
	if b, err := os.ReadFile(got); err != nil || !bytes.Equal(b, data) {
		t.Fatalf("images get wrote %d bytes, %v", len(b), err)
	}
	// A refused --out (the file is there) is a usage mistake: exit 2.
	if code := cmd("images", "get", id, "--out", got); code != 2 || !strings.Contains(errOut.String(), "exists already") {
		t.Fatalf("images get over a file: %d %q", code, errOut.String())
	}
	if code := cmd("images", "get", strings.Repeat("0", 32), "--out", filepath.Join(tmp, "n.png")); code != 1 || !strings.Contains(errOut.String(), "no image") {
		t.Fatalf("images get unknown: %d %q", code, errOut.String())
	}
	// Not a step: undo has nothing to take back.
	if code := cmd("history"); code != 0 || strings.Contains(out.String(), "image") {
		t.Fatalf("history: %d %q", code, out.String())
	}
	// Usage mistakes: exit 2 before the store opens.
	for _, args := range [][]string{{"images", "add"}, {"images", "get", id}, {"images", "get", "xyz", "--out", "f"}, {"images", "frob"}, {"images", "list", "x"}, {"images", "--out", "f"}} {
		if code := cmd(args...); code != 2 {
			t.Fatalf("%v: exit %d, want 2 (%q)", args, code, errOut.String())
		}
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

// A native drop is held until the page routes it: DropImages keeps the
// image files (refusing one over 5 MiB without reading it), once per drop.
func TestDropImages(t *testing.T) {
	dir := t.TempDir()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	st, svc, err := openStoreKey(dir, nil, log, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { svc.Close(time.Second); _ = st.Close() })
	a := NewApp(log, st, svc, dir)
	tmp := t.TempDir()
	pic := filepath.Join(tmp, "a.png")
	data := writePNG(t, pic, 4, 4)
	big := filepath.Join(tmp, "big.png")
	if err := os.WriteFile(big, append(bytes.Clone(data), make([]byte, pln.MaxImageBytes)...), 0o600); err != nil {
		t.Fatal(err)
	}
	id := a.drops.hold([]string{pic, big})
	res, err := a.DropImages(id)
	if err != nil || len(res) != 2 {
		t.Fatalf("DropImages: %v %+v", err, res)
	}
	if res[0].Name != "a.png" || res[0].Info == nil || res[0].Info.ID != pln.ImageID(data) || res[0].Error != nil {
		t.Fatalf("a.png: %+v", res[0])
	}
	if res[1].Info != nil || res[1].Error == nil || res[1].Error.Code != pln.CodeTooLarge || !strings.Contains(res[1].Error.Message, "5 MiB") {
		t.Fatalf("big.png: %+v", res[1])
	}
	if _, err := a.DropImages(id); pln.CodeOf(err) != pln.CodeNotFound {
		t.Fatalf("a drop taken twice: %v", err)
	}
	// Too old: forgotten.
	now := time.Now()
	a.drops.now = func() time.Time { return now }
	old := a.drops.hold([]string{pic})
	a.drops.now = func() time.Time { return now.Add(dropTTL + time.Second) }
	if err := a.DropImport(old); pln.CodeOf(err) != pln.CodeNotFound {
		t.Fatalf("an old drop: %v", err)
	}
}
