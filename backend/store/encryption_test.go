package store

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/plexus-pln/plexus/backend/pln"
)

// filesContaining lists the files under root whose raw bytes contain marker.
func filesContaining(t *testing.T, root string, marker []byte) []string {
	t.Helper()
	var hits []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if bytes.Contains(b, marker) {
			hits = append(hits, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return hits
}

func testKey(b byte) []byte { return bytes.Repeat([]byte{b}, KeySize) }

// TestCopyToEncrypts copies a plain store into an encrypted one and back:
// every key and value survives each copy, the encrypted copy has no
// marker text in any file (its memtable, tables and value log), the plain
// ones do, and only the right key opens the encrypted one.
func TestCopyToEncrypts(t *testing.T) {
	const marker = "ZEBRA-MARKER-4711"
	base := t.TempDir()
	plainDir := filepath.Join(base, "plain")
	s, err := Open(plainDir, Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	a, b := node("Ada "+marker), node("Grace")
	a.Description = "note " + marker
	putNodes(t, s, a, b)
	tt := tie(a.ID, b.ID)
	tt.Note = "tie " + marker
	e := entry(clock, a.ID)
	e.Body = "entry " + marker
	// A value over Badger's value threshold lands in the value log.
	big := node("big")
	big.Description = marker + string(bytes.Repeat([]byte("x"), 4<<10))
	mustUpdate(t, s, func(tx *Tx) error {
		if err := tx.PutTie(tt); err != nil {
			return err
		}
		if err := tx.PutNode(big); err != nil {
			return err
		}
		return tx.PutEntry(e)
	})
	want := dump(t, s)

	encDir := filepath.Join(base, "enc")
	n, err := s.CopyTo(encDir, Options{NoSync: true, EncryptionKey: testKey(7)})
	if err != nil {
		t.Fatalf("CopyTo: %v", err)
	}
	if n != len(want) {
		t.Fatalf("copied %d keys, the store holds %d", n, len(want))
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if hits := filesContaining(t, plainDir, []byte(marker)); len(hits) == 0 {
		t.Fatalf("the plain store holds no marker: the scan cannot see anything")
	}
	if hits := filesContaining(t, encDir, []byte(marker)); len(hits) > 0 {
		t.Fatalf("the encrypted store has the marker in plain text in %v", hits)
	}

	// No key, a wrong key: locked, not damaged.
	for _, k := range [][]byte{nil, testKey(8)} {
		if _, err := Open(encDir, Options{NoSync: true, EncryptionKey: k}); pln.CodeOf(err) != pln.CodeLocked {
			t.Fatalf("Open with key %x: %v, want code locked", k, err)
		}
	}
	// A key for a plain store: locked too.
	if _, err := Open(plainDir, Options{NoSync: true, EncryptionKey: testKey(7)}); pln.CodeOf(err) != pln.CodeLocked {
		t.Fatalf("Open a plain store with a key: %v, want code locked", err)
	}
	if _, err := Open(encDir, Options{EncryptionKey: []byte("short")}); err == nil {
		t.Fatal("a 5-byte key was accepted")
	}

	enc, err := Open(encDir, Options{NoSync: true, EncryptionKey: testKey(7)})
	if err != nil {
		t.Fatalf("Open with the key: %v", err)
	}
	if got := dump(t, enc); !reflect.DeepEqual(got, want) {
		t.Fatalf("the encrypted copy differs: %d keys, want %d", len(got), len(want))
	}
	// Writes after the copy are encrypted too (the memtable file).
	c := node("later " + marker)
	putNodes(t, enc, c)
	want2 := dump(t, enc)
	if hits := filesContaining(t, encDir, []byte(marker)); len(hits) > 0 {
		t.Fatalf("a write to the encrypted store reached %v in plain text", hits)
	}

	backDir := filepath.Join(base, "back")
	if _, err := enc.CopyTo(backDir, Options{NoSync: true}); err != nil {
		t.Fatalf("CopyTo plain: %v", err)
	}
	_ = enc.Close()
	back, err := Open(backDir, Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer back.Close()
	if got := dump(t, back); !reflect.DeepEqual(got, want2) {
		t.Fatalf("the plain copy differs: %d keys, want %d", len(got), len(want2))
	}
}

// TestCopyToRefusesAFolderInUse: CopyTo never writes into a folder that
// holds anything.
func TestCopyToRefusesAFolderInUse(t *testing.T) {
	s, _ := openTemp(t)
	dst := t.TempDir()
	if err := os.WriteFile(filepath.Join(dst, "keep"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CopyTo(dst, Options{}); err == nil {
		t.Fatal("CopyTo wrote into a folder that is not empty")
	}
	if _, err := os.Stat(filepath.Join(dst, "keep")); err != nil {
		t.Fatalf("CopyTo removed what the folder held: %v", err)
	}
}
