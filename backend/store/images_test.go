package store

import (
	"bytes"
	"image"
	"image/png"
	"path/filepath"
	"testing"

	"github.com/plexus-pln/plexus/backend/pln"
)

func pngBytes(t *testing.T, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// An image is stored once under 50 | id with the header SCHEMA.md gives,
// is no step of the history, is listed by StateDump, and comes across a
// salvage.
func TestImagesKeyValueAndSalvage(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	data := pngBytes(t, 3, 2)
	var info pln.ImageInfo
	for i, wantAdded := range []bool{true, false} {
		if err := s.Update(func(tx *Tx) error {
			var added bool
			var err error
			info, added, err = tx.PutImage(data)
			if err == nil && added != wantAdded {
				t.Errorf("put %d: added %v", i, added)
			}
			return err
		}); err != nil {
			t.Fatal(err)
		}
	}
	k, _ := imageKey(info.ID)
	dump, err := s.StateDump()
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, kv := range dump {
		if kv.K == "50"+info.ID {
			found = true
			if want := "0601" + "00000003" + "00000002"; kv.V[:len(want)] != want || len(kv.V) != 2*(10+len(data)) {
				t.Fatalf("value %s…", kv.V[:40])
			}
		}
	}
	if !found || len(k) != 17 {
		t.Fatalf("StateDump lacks the image key %x", k)
	}
	if steps, _, err := s.HistoryPage("", 10); err != nil || len(steps) != 0 {
		t.Fatalf("steps after adding an image: %v %v", steps, err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	to := filepath.Join(t.TempDir(), "db")
	rep, err := Salvage(dir, to, Options{NoSync: true})
	if err != nil || rep.Images != 1 {
		t.Fatalf("Salvage: %+v %v", rep, err)
	}
	s2, err := Open(to, Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if err := s2.View(func(tx *Tx) error {
		got, b, err := tx.Image(info.ID)
		if err == nil && (got != info || !bytes.Equal(b, data)) {
			t.Errorf("salvaged %+v", got)
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
}
