package service

import (
	"bytes"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/plexus-pln/plexus/backend/pln"
)

func testPNG(t *testing.T, w, h int, c color.NRGBA) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for x := 0; x < w; x++ {
		img.Set(x, 0, c)
	}
	var b bytes.Buffer
	noErr(t, png.Encode(&b, img))
	return b.Bytes()
}

func TestImageAddGetListDedupe(t *testing.T) {
	e := newEnv(t)
	data := testPNG(t, 3, 2, color.NRGBA{R: 255, A: 255})
	info := must[pln.ImageInfo](t)(e.svc.Images.Add(data))
	if info.ID != pln.ImageID(data) || info.MIME != "image/png" || info.Width != 3 || info.Height != 2 || info.Size != len(data) {
		t.Fatalf("Add: %+v", info)
	}
	again := must[pln.ImageInfo](t)(e.svc.Images.Add(bytes.Clone(data)))
	if again != info {
		t.Fatalf("the same bytes again: %+v, want %+v", again, info)
	}
	other := must[pln.ImageInfo](t)(e.svc.Images.Add(testPNG(t, 1, 1, color.NRGBA{G: 255, A: 255})))
	list := must[[]pln.ImageInfo](t)(e.svc.Images.List())
	if len(list) != 2 || (list[0] != info && list[1] != info) || (list[0] != other && list[1] != other) {
		t.Fatalf("List: %+v (stored once each)", list)
	}
	got, b, err := e.svc.Images.Get(info.ID)
	noErr(t, err)
	if got != info || !bytes.Equal(b, data) {
		t.Fatalf("Get: %+v, %d bytes", got, len(b))
	}
	_, _, err = e.svc.Images.Get(strings.Repeat("0", 32))
	wantCode(t, err, pln.CodeNotFound)
	_, _, err = e.svc.Images.Get("../x")
	wantCode(t, err, pln.CodeInvalid)
	_, err = e.svc.Images.Add([]byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`))
	wantCode(t, err, pln.CodeUnsupported)
	// Outside the change log: no step, nothing to undo, no event.
	if h := must[HistoryPage](t)(e.svc.History.Steps("", 10)); len(h.Steps) != 0 {
		t.Fatalf("adding images logged steps: %+v", h.Steps)
	}
	if ev := e.rec.takeAll(); len(ev) != 0 {
		t.Fatalf("events: %+v", ev)
	}
	// Kept across a reopen (synced with the store).
	e2 := e.reopen()
	if l := must[[]pln.ImageInfo](t)(e2.svc.Images.List()); len(l) != 2 {
		t.Fatalf("after reopen: %+v", l)
	}
}

func TestImageHTTP(t *testing.T) {
	e := newEnv(t)
	h := NewHandler(e.svc, nil)
	data := testPNG(t, 2, 2, color.NRGBA{B: 255, A: 255})
	w := serve(t, h, http.MethodPost, "/api/images", bytes.NewReader(data))
	if w.Code != http.StatusOK {
		t.Fatalf("POST: %d %s", w.Code, w.Body)
	}
	var info pln.ImageInfo
	noErr(t, json.Unmarshal(w.Body.Bytes(), &info))
	if info.ID != pln.ImageID(data) || info.Width != 2 {
		t.Fatalf("POST answered %+v", info)
	}
	w = serve(t, h, http.MethodGet, "/api/images/"+info.ID, nil)
	if w.Code != http.StatusOK || !bytes.Equal(w.Body.Bytes(), data) {
		t.Fatalf("GET: %d, %d bytes", w.Code, w.Body.Len())
	}
	if ct, cc := w.Header().Get("Content-Type"), w.Header().Get("Cache-Control"); ct != "image/png" || !strings.Contains(cc, "immutable") {
		t.Fatalf("GET headers: Content-Type %q, Cache-Control %q", ct, cc)
	}
	decodeError(t, serve(t, h, http.MethodGet, "/api/images/"+strings.Repeat("a", 32), nil), http.StatusNotFound, pln.CodeNotFound)
	decodeError(t, serve(t, h, http.MethodGet, "/api/images/nothex", nil), http.StatusBadRequest, pln.CodeInvalid)
	decodeError(t, serve(t, h, http.MethodPost, "/api/images/"+info.ID, nil), http.StatusMethodNotAllowed, pln.CodeInvalid)
	// Too large: refused with the limit named, while reading (no length given).
	big := append(bytes.Clone(data), make([]byte, pln.MaxImageBytes)...)
	r := struct{ *bytes.Reader }{bytes.NewReader(big)} // hides the length
	pe := decodeError(t, serve(t, h, http.MethodPost, "/api/images", r), http.StatusRequestEntityTooLarge, pln.CodeTooLarge)
	if !strings.Contains(pe.Message, "5 MiB") {
		t.Fatalf("too large: %q", pe.Message)
	}
	pe = decodeError(t, serve(t, h, http.MethodPost, "/api/images", strings.NewReader("<svg/>")), http.StatusBadRequest, pln.CodeUnsupported)
	if !strings.Contains(pe.Message, "PNG, JPEG, GIF and WebP") {
		t.Fatalf("svg: %q", pe.Message)
	}
}

func TestImageBackupRoundTrip(t *testing.T) {
	src := newEnv(t)
	a := must[pln.ImageInfo](t)(src.svc.Images.Add(testPNG(t, 5, 4, color.NRGBA{R: 9, A: 255})))
	b := must[pln.ImageInfo](t)(src.svc.Images.Add(testPNG(t, 1, 1, color.NRGBA{G: 9, A: 255})))
	path := filepath.Join(t.TempDir(), "b.json")
	noErr(t, src.svc.Backup.ExportBackup(path))
	data, err := os.ReadFile(path)
	noErr(t, err)
	if !strings.Contains(string(data), `"version": 4`) || !strings.Contains(string(data), `"images": [`) {
		t.Fatalf("backup lacks version 4 images:\n%.600s", data)
	}
	dst := newEnv(t)
	noErr(t, dst.svc.Backup.RestoreBackup(path, false))
	for _, want := range []pln.ImageInfo{a, b} {
		got, bytesGot, err := dst.svc.Images.Get(want.ID)
		noErr(t, err)
		_, bytesWant, _ := src.svc.Images.Get(want.ID)
		if got != want || !bytes.Equal(bytesGot, bytesWant) {
			t.Fatalf("restored %+v, want %+v", got, want)
		}
	}

	// A version-3 backup (no images) still restores, and a restore
	// replaces the images with the backup's (none).
	var m map[string]any
	noErr(t, json.Unmarshal(data, &m))
	m["version"] = 3
	delete(m, "images")
	old, _ := json.Marshal(m)
	p3 := filepath.Join(t.TempDir(), "v3.json")
	noErr(t, os.WriteFile(p3, old, 0o600))
	noErr(t, dst.svc.Backup.RestoreBackup(p3, true))
	if l := must[[]pln.ImageInfo](t)(dst.svc.Images.List()); len(l) != 0 {
		t.Fatalf("images after a v3 restore: %+v", l)
	}
	if got, want := dst.networkJSON(), src.networkJSON(); got != want {
		t.Fatal("network differs after a v3 restore")
	}

	// An image whose bytes were changed is refused, naming it.
	m["version"] = 4
	m["images"] = []any{map[string]any{"id": a.ID, "mime": "image/png", "width": 5, "height": 4, "data": testPNG(t, 2, 2, color.NRGBA{A: 255})}}
	bad, _ := json.Marshal(m)
	pb := filepath.Join(t.TempDir(), "bad.json")
	noErr(t, os.WriteFile(pb, bad, 0o600))
	err = dst.svc.Backup.RestoreBackup(pb, true)
	wantCode(t, err, pln.CodeInvalid)
	if !strings.Contains(err.Error(), "backup: image "+a.ID) || !strings.Contains(err.Error(), "was changed") {
		t.Fatalf("changed image: %v", err)
	}
}

// The Markdown vault writes each image an entry shows to attachments/,
// once, and points the entry's link there.
func TestImageMarkdownVault(t *testing.T) {
	e := newEnv(t)
	data := testPNG(t, 2, 3, color.NRGBA{R: 1, A: 255})
	im := must[pln.ImageInfo](t)(e.svc.Images.Add(data))
	missing := strings.Repeat("f", 32)
	body := "Look ![board](plexus-image:" + im.ID + ") and again ![b2](plexus-image:" + im.ID + ") but ![gone](plexus-image:" + missing + ")"
	must[pln.Entry](t)(e.svc.Journal.CreateEntry(pln.EntryFields{OccurredAt: e.clk.now(), Body: body}))
	files, err := e.svc.Files.Export("markdown")
	noErr(t, err)
	var note string
	var atts int
	for _, f := range files {
		switch {
		case strings.HasPrefix(f.Name, "attachments/"):
			atts++
			if f.Name != "attachments/"+im.ID+".png" || !bytes.Equal(f.Data, data) {
				t.Fatalf("attachment %s: %d bytes", f.Name, len(f.Data))
			}
		case strings.HasPrefix(f.Name, "journal/"):
			note = string(f.Data)
		}
	}
	want := "Look ![board](../attachments/" + im.ID + ".png) and again ![b2](../attachments/" + im.ID + ".png) but ![gone](plexus-image:" + missing + ")"
	if atts != 1 || !strings.Contains(note, want) {
		t.Fatalf("%d attachments; note:\n%s", atts, note)
	}
}
