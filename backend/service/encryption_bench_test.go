package service

import (
	"crypto/rand"
	"testing"
)

// BenchmarkArgon2idDefault: deriving a key from a passphrase with the
// production parameters (defaultKDF: t=3, 64 MiB, 2 lanes) — what
// Unlock, ChangePassphrase and turning encryption on each wait for once.
func BenchmarkArgon2idDefault(b *testing.B) {
	p := defaultKDF
	p.Salt = make([]byte, saltLen)
	_, _ = rand.Read(p.Salt)
	b.ResetTimer()
	for range b.N {
		if _, err := p.derive("correct horse battery staple"); err != nil {
			b.Fatal(err)
		}
	}
}
