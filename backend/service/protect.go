package service

import (
	"bufio"
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/plexus-pln/plexus/backend/interchange"
	"github.com/plexus-pln/plexus/backend/pln"
)

// Protected files: the backup-format files Plexus writes into the data
// folder by itself (pre-restore, pre-migration and automatic backups,
// restore-pending.json) are encrypted when the data folder is, and an
// exported backup is when the user asks (docs/decisions/encryption.md).
//
// Format "plexus-encrypted", version 1:
//
//	line 1   a JSON header (protectedHeader) and "\n", at most 4 KiB
//	then     chunks: a big-endian uint32 n, then n bytes: AES-256-GCM of
//	         at most ChunkSize plain bytes (n ≤ ChunkSize+16)
//
// The file key is HKDF-SHA256 (RFC 5869) of the master key with the
// header's 32-byte salt and the info "plexus-encrypted v1 file key". The
// master key is, for "key":"folder", HKDF-SHA256 of the data folder's
// store key (info "plexus-encrypted v1 folder files", no salt); for
// "key":"passphrase", Argon2id of the passphrase with the header's kdf.
// Chunk i (from 0) has the 12-byte nonce: i as a big-endian uint64, three
// zero bytes, then 1 for the last chunk and 0 before it; its additional
// data is the header line without "\n". The last chunk may be empty; a
// file without one, or with bytes after it, is cut short or damaged.
// Plain content is the backup JSON (interchange.WriteBackup).

// ProtectedFormat is the "format" of an encrypted file's header.
const ProtectedFormat = "plexus-encrypted"

const (
	protectedVersion   = 1
	protectedChunk     = 64 << 10 // plain bytes per chunk
	protectedMaxHeader = 4 << 10
	fileKeyInfo        = "plexus-encrypted v1 file key"
	folderFilesInfo    = "plexus-encrypted v1 folder files"
	keyIDInfo          = "plexus key id v1"
)

// protectedHeader is the first line of an encrypted file.
type protectedHeader struct {
	Format  string `json:"format"`  // ProtectedFormat
	Version int    `json:"version"` // 1
	// Content: what the plain bytes are ("plexus-backup"); it also lets
	// ExportBackup recognise the file as a Plexus backup it may replace.
	Content string `json:"content"`
	// Key: "folder" (the data folder's key, named by KeyID) or
	// "passphrase" (Argon2id with KDF).
	Key       string     `json:"key"`
	KeyID     string     `json:"keyId,omitempty"`
	KDF       *kdfParams `json:"kdf,omitempty"`
	Salt      []byte     `json:"salt"`      // 32 random bytes (base64 in JSON)
	ChunkSize int        `json:"chunkSize"` // plain bytes per chunk
}

// fileSecret is what opens (or seals) protected files: the data folder's
// store key and, for files sealed with a passphrase, the passphrase.
type fileSecret struct {
	folderKey  []byte
	passphrase string
}

// keyID names a store key without revealing it: the first 8 bytes of
// HMAC-SHA256(key, "plexus key id v1"), hex.
func keyID(key []byte) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(keyIDInfo))
	return hex.EncodeToString(m.Sum(nil)[:8])
}

func folderFilesKey(storeKey []byte) ([]byte, error) {
	return hkdf.Key(sha256.New, storeKey, nil, folderFilesInfo, 32)
}

// WriteBackupFileProtected writes path atomically (a temporary file in the
// same folder, synced, renamed; see writeFileAtomic) with the bytes write
// produces, encrypted with the data folder's store key when key is not
// empty (the format above, "key":"folder"), plain when it is. Every file
// Plexus itself keeps in the data folder with user text goes through it,
// with the key the services hold (Deps.EncryptionKey): nothing readable
// reaches the disk while a passphrase is set.
func WriteBackupFileProtected(path string, key []byte, write func(w io.Writer) error) error {
	if len(key) == 0 {
		return writeFileAtomic(path, write)
	}
	return writeFileAtomic(path, func(w io.Writer) error {
		return sealTo(w, fileSecret{folderKey: key}, "folder", write)
	})
}

// OpenBackupFileProtected opens a file written by WriteBackupFileProtected
// (or any backup file): plain files are read as they are, encrypted ones
// decrypted with key. An encrypted file and no key, or another folder's
// key, is pln.CodeLocked; a damaged or cut-short one pln.CodeDamaged, when
// read. Close the result.
func OpenBackupFileProtected(path string, key []byte) (io.ReadCloser, error) {
	return openProtected(path, fileSecret{folderKey: key})
}

func openProtected(path string, sec fileSecret) (io.ReadCloser, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	r, err := unsealReader(bufio.NewReaderSize(f, 1<<16), filepath.Base(path), sec)
	if err != nil {
		f.Close()
		return nil, err
	}
	return struct {
		io.Reader
		io.Closer
	}{r, f}, nil
}

// sealTo writes the header for mode ("folder" or "passphrase") to w, then
// what write produces, sealed in chunks.
func sealTo(w io.Writer, sec fileSecret, mode string, write func(w io.Writer) error) error {
	h := protectedHeader{Format: ProtectedFormat, Version: protectedVersion, Content: interchange.FormatBackup,
		Key: mode, Salt: make([]byte, 32), ChunkSize: protectedChunk}
	if _, err := rand.Read(h.Salt); err != nil {
		return err
	}
	var master []byte
	var err error
	switch mode {
	case "folder":
		h.KeyID = keyID(sec.folderKey)
		master, err = folderFilesKey(sec.folderKey)
	case "passphrase":
		p := currentKDF
		p.Salt = make([]byte, saltLen)
		if _, err := rand.Read(p.Salt); err != nil {
			return err
		}
		h.KDF = &p
		master, err = p.derive(sec.passphrase)
	default:
		err = fmt.Errorf("service: unknown key mode %q", mode)
	}
	if err != nil {
		return err
	}
	line, err := json.Marshal(h)
	if err != nil {
		return err
	}
	aead, err := fileAEAD(master, h.Salt)
	if err != nil {
		return err
	}
	if _, err := w.Write(append(line, '\n')); err != nil {
		return err
	}
	cw := &chunkWriter{w: w, aead: aead, aad: line, buf: make([]byte, 0, protectedChunk)}
	if err := write(cw); err != nil {
		return err
	}
	return cw.finish()
}

func fileAEAD(master, salt []byte) (cipher.AEAD, error) {
	k, err := hkdf.Key(sha256.New, master, salt, fileKeyInfo, 32)
	if err != nil {
		return nil, err
	}
	block, err := aes.NewCipher(k)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

func chunkNonce(i uint64, last bool) []byte {
	n := make([]byte, 12)
	binary.BigEndian.PutUint64(n, i)
	if last {
		n[11] = 1
	}
	return n
}

// chunkWriter seals what is written to it in chunks of protectedChunk
// plain bytes; finish seals the rest as the last chunk.
type chunkWriter struct {
	w    io.Writer
	aead cipher.AEAD
	aad  []byte
	buf  []byte
	i    uint64
	out  []byte
}

func (c *chunkWriter) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		// A full buffer is sealed only once more bytes come, so that the
		// last chunk is known to be the last.
		if len(c.buf) == protectedChunk {
			if err := c.seal(false); err != nil {
				return n - len(p), err
			}
		}
		k := min(protectedChunk-len(c.buf), len(p))
		c.buf = append(c.buf, p[:k]...)
		p = p[k:]
	}
	return n, nil
}

func (c *chunkWriter) seal(last bool) error {
	c.out = c.aead.Seal(c.out[:0], chunkNonce(c.i, last), c.buf, c.aad)
	var l [4]byte
	binary.BigEndian.PutUint32(l[:], uint32(len(c.out)))
	if _, err := c.w.Write(l[:]); err != nil {
		return err
	}
	if _, err := c.w.Write(c.out); err != nil {
		return err
	}
	c.i++
	c.buf = c.buf[:0]
	return nil
}

func (c *chunkWriter) finish() error { return c.seal(true) }

// isProtected reports whether the buffered file starts with an encrypted
// file's header.
func isProtected(br *bufio.Reader) bool {
	head, _ := br.Peek(len(`{"format":"` + ProtectedFormat + `"`))
	return bytes.Equal(head, []byte(`{"format":"`+ProtectedFormat+`"`))
}

// unsealReader returns a reader of the plain content of br: br itself for
// a plain file, the decrypted chunks for an encrypted one. name is the
// file's name for messages.
func unsealReader(br *bufio.Reader, name string, sec fileSecret) (io.Reader, error) {
	if !isProtected(br) {
		return br, nil
	}
	line, err := br.ReadSlice('\n')
	if err != nil || len(line) > protectedMaxHeader {
		return nil, pln.Damaged("%s is an encrypted Plexus file whose header is damaged.", name)
	}
	line = bytes.Clone(line[:len(line)-1])
	var h protectedHeader
	if err := json.Unmarshal(line, &h); err != nil {
		return nil, pln.Damaged("%s is an encrypted Plexus file whose header is damaged: %v.", name, err)
	}
	if h.Version != protectedVersion {
		return nil, pln.Unsupported("%s is an encrypted Plexus file of version %d; this Plexus reads version %d. Use a newer Plexus.", name, h.Version, protectedVersion)
	}
	if len(h.Salt) != 32 || h.ChunkSize <= 0 || h.ChunkSize > 1<<24 {
		return nil, pln.Damaged("%s is an encrypted Plexus file whose header is damaged (salt or chunk size).", name)
	}
	var master []byte
	switch h.Key {
	case "folder":
		if len(sec.folderKey) == 0 {
			return nil, pln.Locked("%s is encrypted with the key of an encrypted data folder; open it in that data folder, with its passphrase.", name)
		}
		if keyID(sec.folderKey) != h.KeyID {
			return nil, pln.Locked("%s is encrypted with the key of another data folder (or of this one before its encryption was turned off and on again); it cannot be opened here.", name)
		}
		master, err = folderFilesKey(sec.folderKey)
	case "passphrase":
		if h.KDF == nil {
			return nil, pln.Damaged("%s is an encrypted Plexus file whose header is damaged (no key derivation).", name)
		}
		if err := h.KDF.check(); err != nil {
			return nil, pln.Damaged("%s is an encrypted Plexus file whose header is damaged: %v.", name, err)
		}
		if sec.passphrase == "" {
			return nil, pln.Locked("%s is encrypted with a passphrase; give the passphrase it was saved with.", name)
		}
		master, err = h.KDF.derive(sec.passphrase)
	default:
		return nil, pln.Unsupported("%s is an encrypted Plexus file with an unknown key kind %q.", name, h.Key)
	}
	if err != nil {
		return nil, err
	}
	aead, err := fileAEAD(master, h.Salt)
	if err != nil {
		return nil, err
	}
	cr := &chunkReader{r: br, aead: aead, aad: line, max: h.ChunkSize + aead.Overhead(), name: name, passphrase: h.Key == "passphrase"}
	// Open the first chunk now: a wrong passphrase is told here, before
	// anything reads the content.
	if err := cr.next(); err != nil {
		return nil, err
	}
	return cr, nil
}

// chunkReader opens the chunks of an encrypted file in turn.
type chunkReader struct {
	r          *bufio.Reader
	aead       cipher.AEAD
	aad        []byte
	max        int
	name       string
	passphrase bool // a failing first chunk means a wrong passphrase

	i    uint64
	buf  []byte // plain bytes not yet read
	in   []byte
	last bool
	err  error
}

func (c *chunkReader) Read(p []byte) (int, error) {
	for len(c.buf) == 0 {
		if c.err != nil {
			return 0, c.err
		}
		if c.last {
			c.err = io.EOF
			if _, err := c.r.ReadByte(); err == nil {
				c.err = pln.Damaged("%s has bytes after its end: it is damaged.", c.name)
			}
			continue
		}
		c.err = c.next()
	}
	n := copy(p, c.buf)
	c.buf = c.buf[n:]
	return n, nil
}

func (c *chunkReader) next() error {
	var l [4]byte
	if _, err := io.ReadFull(c.r, l[:]); err != nil {
		return c.cut(err)
	}
	n := int(binary.BigEndian.Uint32(l[:]))
	if n < c.aead.Overhead() || n > c.max {
		return pln.Damaged("%s is damaged (chunk %d has an impossible length).", c.name, c.i)
	}
	if cap(c.in) < n {
		c.in = make([]byte, n)
	}
	c.in = c.in[:n]
	if _, err := io.ReadFull(c.r, c.in); err != nil {
		return c.cut(err)
	}
	// Try as a middle chunk, then as the last one.
	plain, err := c.aead.Open(c.in[:0:0], chunkNonce(c.i, false), c.in, c.aad)
	if err != nil {
		plain, err = c.aead.Open(c.in[:0:0], chunkNonce(c.i, true), c.in, c.aad)
		if err != nil {
			if c.i == 0 && c.passphrase {
				return pln.Locked("The passphrase does not open %s (or the file is damaged).", c.name)
			}
			return pln.Damaged("%s is damaged: part %d does not decrypt.", c.name, c.i+1)
		}
		c.last = true
	}
	c.buf = plain
	c.i++
	return nil
}

func (c *chunkReader) cut(err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return pln.Damaged("%s is cut short: its end is missing.", c.name)
	}
	return err
}
