package store

import (
	"path/filepath"
	"testing"
)

// BenchmarkCopyToEncrypted10k: turning encryption on copies the store
// (CopyTo: stream, write, reopen and compare digests); here the 10k/50k
// store from tables10k into an encrypted one.
func BenchmarkCopyToEncrypted10k(b *testing.B) {
	dir := tables10k(b)
	s, err := Open(dir, Options{NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.ResetTimer()
	for i := range b.N {
		if _, err := s.CopyTo(filepath.Join(b.TempDir(), "enc"), Options{NoSync: true, EncryptionKey: testKey(byte(i))}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkListNetworkEncrypted10k: ListNodes + ListTies from the table
// files of the encrypted 10k/50k store, on a freshly opened store (cold
// caches) per iteration: what a start costs with encryption on (compare
// BenchmarkListNetworkTables10k/verify).
func BenchmarkListNetworkEncrypted10k(b *testing.B) {
	plain := tables10k(b)
	s, err := Open(plain, Options{NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	dir := filepath.Join(b.TempDir(), "enc")
	if _, err := s.CopyTo(dir, Options{NoSync: true, EncryptionKey: testKey(1)}); err != nil {
		b.Fatal(err)
	}
	_ = s.Close()
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		s, err := Open(dir, Options{NoSync: true, EncryptionKey: testKey(1)})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		err = s.View(func(tx *Tx) error {
			ns, err := tx.ListNodes()
			if err == nil && len(ns) != 10_000 {
				b.Fatalf("%d nodes", len(ns))
			}
			if err != nil {
				return err
			}
			_, err = tx.ListTies()
			return err
		})
		b.StopTimer()
		if err != nil {
			b.Fatal(err)
		}
		_ = s.Close()
		b.StartTimer()
	}
}
