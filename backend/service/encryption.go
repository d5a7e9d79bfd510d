package service

import (
	"bufio"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"

	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/store"
)

// Encryption at rest, on demand (docs/decisions/encryption.md).
//
// A data folder with a passphrase holds EncryptionFile (and a second copy,
// encryptionCopyFile): the store key (32 random bytes, AES-256, given to
// Badger as store.Options.EncryptionKey) sealed with a key derived from
// the passphrase by Argon2id. The passphrase and the store key are never
// written anywhere. Changing the passphrase seals the same store key
// anew (one atomic file write); turning encryption on or off copies the
// store into a new folder and swaps it in (commitSwap), because Badger
// encrypts a store only from its creation.

// Files and folders in the data folder.
const (
	// EncryptionFile holds the sealed store key of an encrypted data folder
	// (encryptionFile, JSON). Its absence means the folder is not encrypted.
	EncryptionFile     = "encryption.json"
	encryptionCopyFile = "encryption.copy.json" // the same, read when EncryptionFile is damaged or lost
	swapIntentFile     = "encryption-swap.json" // a swap under way: db.new is complete
	newStoreDir        = "db.new"               // the store being built for a swap
	oldStoreDir        = "db.old"               // the store a swap replaced, until removed

	// MinPassphraseLen and MaxPassphraseLen bound a passphrase (in
	// characters and bytes).
	MinPassphraseLen = 8
	MaxPassphraseLen = 1024

	encryptionFormat = "plexus-encryption"
	swapFormat       = "plexus-encryption-swap"
	wrapAAD          = "plexus-encryption v1 store key"
	saltLen          = 16
)

// PassphraseEnv is the environment variable the commands read the
// passphrase from before they ask for it.
const PassphraseEnv = "PLEXUS_PASSPHRASE"

// kdfParams are Argon2id's parameters (RFC 9106) for one passphrase.
type kdfParams struct {
	Algorithm string `json:"algorithm"` // "argon2id"
	Salt      []byte `json:"salt"`      // 16 random bytes (base64 in JSON)
	Time      uint32 `json:"time"`      // passes over the memory
	MemoryKiB uint32 `json:"memoryKiB"` // memory, in KiB
	Threads   uint8  `json:"threads"`   // lanes
}

// defaultKDF is what new passphrases use: 3 passes over 64 MiB with 2
// lanes (RFC 9106's second recommended option, with 2 lanes for 2-core
// machines); docs/benchmarks.md has the time it takes.
var defaultKDF = kdfParams{Algorithm: "argon2id", Time: 3, MemoryKiB: 64 << 10, Threads: 2}

// currentKDF is defaultKDF; tests lower it.
var currentKDF = defaultKDF

// check refuses parameters no Plexus writes: a damaged or hostile file
// must not make Plexus allocate gigabytes or loop for hours.
func (p kdfParams) check() error {
	switch {
	case p.Algorithm != "argon2id":
		return fmt.Errorf("unknown key derivation %q", p.Algorithm)
	case len(p.Salt) < saltLen:
		return fmt.Errorf("a salt of %d bytes", len(p.Salt))
	case p.Time < 1 || p.Time > 64:
		return fmt.Errorf("%d passes", p.Time)
	case p.MemoryKiB < 8 || p.MemoryKiB > 1<<20:
		return fmt.Errorf("%d KiB of memory", p.MemoryKiB)
	case p.Threads < 1 || p.Threads > 64:
		return fmt.Errorf("%d threads", p.Threads)
	}
	return nil
}

// derive is Argon2id of passphrase: a 32-byte key.
func (p kdfParams) derive(passphrase string) ([]byte, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	return argon2.IDKey([]byte(passphrase), p.Salt, p.Time, p.MemoryKiB, p.Threads, 32), nil
}

// encryptionFile is EncryptionFile's content.
type encryptionFile struct {
	Format  string `json:"format"`  // "plexus-encryption"
	Version int    `json:"version"` // 1
	// Cipher names what the store key is for: Badger's AES-256 (CTR for
	// data, its key registry holding rotating data keys).
	Cipher string    `json:"cipher"`
	KDF    kdfParams `json:"kdf"`
	// SealedKey: a 12-byte nonce, then AES-256-GCM of the 32-byte store
	// key under KDF's key of the passphrase, additional data wrapAAD.
	SealedKey []byte `json:"sealedKey"`
	// KeyID names the store key (keyID); protected files carry it.
	KeyID   string    `json:"keyId"`
	Since   time.Time `json:"since"`   // encryption turned on, UTC
	Changed time.Time `json:"changed"` // the passphrase last set, UTC
	// Check: hex SHA-256 of this JSON with Check empty. A file whose
	// check holds is whole, so a sealed key that does not open means a
	// wrong passphrase, not damage.
	Check string `json:"check"`
}

func (f encryptionFile) checksum() string {
	f.Check = ""
	b, _ := json.Marshal(f)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// EncryptionStatus is what the settings and the lock screen show.
type EncryptionStatus struct {
	// Encrypted: a passphrase is set; the store and the files Plexus
	// keeps in the data folder are encrypted.
	Encrypted bool   `json:"encrypted"`
	DataDir   string `json:"dataDir"`
	// Since and Changed: when encryption was turned on and when the
	// passphrase was last set (RFC 3339, UTC; "" when not encrypted).
	Since   string `json:"since,omitempty"`
	Changed string `json:"changed,omitempty"`
	// KDF: "argon2id t=3 m=65536KiB p=2".
	KDF string `json:"kdf,omitempty"`
	// Unprotected: folders under the data folder that still hold plain
	// copies of user data Plexus does not encrypt by itself (damaged
	// stores moved aside, quarantined tables); the user may delete them.
	Unprotected []string `json:"unprotected,omitempty"`
	// Warning: said before a passphrase is set.
	Warning string `json:"warning"`
}

// ForgottenWarning is the warning the CLI and the settings show before a
// passphrase is set.
const ForgottenWarning = "A forgotten passphrase cannot be recovered: without it, nobody — not you, not Plexus — can read this data again. Write it down somewhere safe. Backups you export stay unencrypted unless you ask for an encrypted one."

// paths of a data folder.
func dbPath(dataDir string) string { return filepath.Join(dataDir, StoreDir) }

// ReadEncryptionStatus says whether dataDir is encrypted (finishing a
// change a crash interrupted first). It needs no passphrase.
func ReadEncryptionStatus(dataDir string) (EncryptionStatus, error) {
	if err := FinishEncryptionChange(dataDir, nil); err != nil {
		return EncryptionStatus{}, err
	}
	st := EncryptionStatus{DataDir: dataDir, Warning: ForgottenWarning}
	f, ok, err := readEncryptionFile(dataDir)
	if err != nil {
		return st, err
	}
	if ok {
		st.Encrypted = true
		st.Since, st.Changed = f.Since.Format(time.RFC3339), f.Changed.Format(time.RFC3339)
		st.KDF = fmt.Sprintf("argon2id t=%d m=%dKiB p=%d", f.KDF.Time, f.KDF.MemoryKiB, f.KDF.Threads)
		st.Unprotected = unprotectedLeftovers(dataDir)
	}
	return st, nil
}

// unprotectedLeftovers lists the folders under dataDir that hold store
// files Plexus set aside (damaged/, quarantine/): they were written
// before encryption was on, or hold what a salvage could not read.
func unprotectedLeftovers(dataDir string) []string {
	var out []string
	for _, d := range []string{DamagedDir, "quarantine"} {
		if ents, err := os.ReadDir(filepath.Join(dataDir, d)); err == nil && len(ents) > 0 {
			out = append(out, filepath.Join(dataDir, d))
		}
	}
	return out
}

// readEncryptionFile reads EncryptionFile (or its copy when the first is
// damaged or missing). ok is false when the folder is not encrypted.
func readEncryptionFile(dataDir string) (encryptionFile, bool, error) {
	var firstErr error
	for _, name := range []string{EncryptionFile, encryptionCopyFile} {
		b, err := os.ReadFile(filepath.Join(dataDir, name))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			if firstErr == nil {
				firstErr = fmt.Errorf("service: read %s: %w", name, err)
			}
			continue
		}
		var f encryptionFile
		switch err := json.Unmarshal(b, &f); {
		case err != nil:
			firstErr = cmpOr(firstErr, fmt.Errorf("%s does not read as JSON (%v)", name, err))
		case f.Format != encryptionFormat:
			firstErr = cmpOr(firstErr, fmt.Errorf("%s is not a Plexus encryption file", name))
		case f.Version != 1:
			return f, false, pln.Unsupported("%s is of version %d; this Plexus reads version 1. Use a newer Plexus.", filepath.Join(dataDir, name), f.Version)
		case f.Check != f.checksum() || len(f.SealedKey) != 12+store.KeySize+16 || f.KDF.check() != nil:
			firstErr = cmpOr(firstErr, fmt.Errorf("%s fails its checksum", name))
		default:
			return f, true, nil
		}
	}
	if firstErr != nil {
		return encryptionFile{}, false, pln.Damaged("The key file of the encrypted data folder %s is damaged (%v), and so is its copy or there is none. Without it the data cannot be opened; put back a copy of %s from a backup of the folder.", dataDir, firstErr, EncryptionFile)
	}
	// No key file: make sure the store is not encrypted all the same.
	if enc, err := store.Encrypted(dbPath(dataDir)); err == nil && enc {
		return encryptionFile{}, false, pln.Damaged("The store in %s is encrypted, but its key file %s is missing. Without it the data cannot be opened; put back a copy of %s (or %s) from a backup of the folder.", dataDir, EncryptionFile, EncryptionFile, encryptionCopyFile)
	}
	return encryptionFile{}, false, nil
}

func cmpOr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// writeEncryptionFile writes f to EncryptionFile and its copy, each
// atomically (synced, renamed).
func writeEncryptionFile(dataDir string, f encryptionFile) error {
	f.Check = f.checksum()
	b, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return err
	}
	for _, name := range []string{EncryptionFile, encryptionCopyFile} {
		if err := writeFileAtomic(filepath.Join(dataDir, name), func(w io.Writer) error { _, err := w.Write(append(b, '\n')); return err }); err != nil {
			return fmt.Errorf("service: write %s: %w", name, err)
		}
	}
	return nil
}

func removeEncryptionFile(dataDir string) error {
	for _, name := range []string{encryptionCopyFile, EncryptionFile} {
		if err := os.Remove(filepath.Join(dataDir, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("service: remove %s: %w", name, err)
		}
	}
	syncDir(dataDir)
	return nil
}

// checkPassphrase refuses a passphrase that is too short, too long or
// not text.
func checkPassphrase(p string) error {
	switch n := utf8.RuneCountInString(p); {
	case !utf8.ValidString(p) || strings.ContainsRune(p, 0):
		return pln.Invalid("The passphrase must be text (no NUL characters).")
	case strings.TrimSpace(p) == "":
		return pln.Invalid("Choose a passphrase; an empty one protects nothing.")
	case n < MinPassphraseLen:
		return pln.Invalid("The passphrase has %d characters; use at least %d (a few words are easier to remember and harder to guess).", n, MinPassphraseLen)
	case len(p) > MaxPassphraseLen:
		return pln.Invalid("The passphrase is %d bytes long; at most %d are used.", len(p), MaxPassphraseLen)
	}
	return nil
}

// sealStoreKey makes the key file for storeKey under passphrase (a new
// salt), keeping since when set.
func sealStoreKey(passphrase string, storeKey []byte, since, now time.Time) (encryptionFile, error) {
	p := currentKDF
	p.Salt = make([]byte, saltLen)
	if _, err := rand.Read(p.Salt); err != nil {
		return encryptionFile{}, err
	}
	kek, err := p.derive(passphrase)
	if err != nil {
		return encryptionFile{}, err
	}
	gcm, err := newGCM(kek)
	if err != nil {
		return encryptionFile{}, err
	}
	nonce := make([]byte, 12)
	if _, err := rand.Read(nonce); err != nil {
		return encryptionFile{}, err
	}
	if since.IsZero() {
		since = now
	}
	return encryptionFile{Format: encryptionFormat, Version: 1, Cipher: "badger-aes-256", KDF: p,
		SealedKey: gcm.Seal(nonce, nonce, storeKey, []byte(wrapAAD)), KeyID: keyID(storeKey),
		Since: since.UTC().Truncate(time.Second), Changed: now.UTC().Truncate(time.Second)}, nil
}

func newGCM(key []byte) (cipher.AEAD, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

// openStoreKey opens f's sealed store key with passphrase.
func openStoreKey(dataDir string, f encryptionFile, passphrase string) ([]byte, error) {
	if passphrase == "" {
		return nil, pln.Locked("The data folder %s is encrypted: enter its passphrase.", dataDir)
	}
	kek, err := f.KDF.derive(passphrase)
	if err != nil {
		return nil, err
	}
	gcm, err := newGCM(kek)
	if err != nil {
		return nil, err
	}
	key, err := gcm.Open(nil, f.SealedKey[:12], f.SealedKey[12:], []byte(wrapAAD))
	if err != nil || keyID(key) != f.KeyID {
		// The file passed its checksum, so it is whole: the passphrase
		// is wrong.
		return nil, pln.Locked("That passphrase does not open the data folder %s. Check it (and the keyboard layout) and try again.", dataDir)
	}
	return key, nil
}

// Unlock is what the start-up gate (and every command) calls before it
// opens the store of dataDir: it finishes an encryption change a crash
// interrupted, then returns the store key for store.Options.EncryptionKey
// and Deps.EncryptionKey — nil, with no error, when the folder is not
// encrypted (the passphrase is then ignored). Errors: pln.CodeLocked (an
// encrypted folder and no passphrase or a wrong one: ask again),
// pln.CodeDamaged (the key file is damaged or missing: the message says
// what to put back), internal (I/O). It also encrypts files a crash left
// plain while encryption was being turned on. Argon2id takes a while
// (docs/benchmarks.md): call it off the UI thread.
func Unlock(dataDir, passphrase string) ([]byte, error) {
	return unlock(dataDir, passphrase, nil)
}

func unlock(dataDir, passphrase string, log *slog.Logger) ([]byte, error) {
	log = orDiscard(log)
	if err := FinishEncryptionChange(dataDir, log); err != nil {
		return nil, err
	}
	f, ok, err := readEncryptionFile(dataDir)
	if err != nil || !ok {
		return nil, err
	}
	key, err := openStoreKey(dataDir, f, passphrase)
	if err != nil {
		return nil, err
	}
	if err := protectFiles(dataDir, key, log); err != nil {
		return nil, err
	}
	return key, nil
}

func orDiscard(log *slog.Logger) *slog.Logger {
	if log == nil {
		return slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return log
}

// storeOptions are the options the encryption changes open a store with.
func storeOptions(dataDir string, key []byte, log *slog.Logger) store.Options {
	return store.Options{Logger: log, EncryptionKey: key, BeforeMigrate: PreMigrationBackupProtected(dataDir, key, log)}
}

// EnableEncryption turns encryption on for the data folder dataDir, whose
// store must not be open: a new random store key sealed under
// passphrase, the store copied into an encrypted one and swapped in
// (crash-safe: see commitSwap), the files Plexus keeps in the folder
// encrypted. Errors: invalid (the passphrase), conflict (already
// encrypted, or the store is open), the store's open errors.
func EnableEncryption(dataDir, passphrase string, log *slog.Logger) error {
	log = orDiscard(log)
	if err := checkPassphrase(passphrase); err != nil {
		return err
	}
	if err := FinishEncryptionChange(dataDir, log); err != nil {
		return err
	}
	if _, ok, err := readEncryptionFile(dataDir); err != nil {
		return err
	} else if ok {
		return pln.Conflict("The data folder %s is already encrypted; change its passphrase instead.", dataDir)
	}
	st, err := store.Open(dbPath(dataDir), storeOptions(dataDir, nil, log))
	if err != nil {
		return err
	}
	key, err := newStoreKey(dataDir, st, passphrase, time.Now(), log)
	if err != nil {
		return err
	}
	return protectFiles(dataDir, key, log)
}

// newStoreKey makes a store key sealed under passphrase, copies st into
// an encrypted store with it, closes st and swaps the copy in. st is
// closed whatever happens.
func newStoreKey(dataDir string, st *store.Store, passphrase string, now time.Time, log *slog.Logger) ([]byte, error) {
	key := make([]byte, store.KeySize)
	if _, err := rand.Read(key); err != nil {
		_ = st.Close()
		return nil, err
	}
	f, err := sealStoreKey(passphrase, key, time.Time{}, now)
	if err != nil {
		_ = st.Close()
		return nil, err
	}
	if err := swapStore(dataDir, st, key, &f, log); err != nil {
		return nil, err
	}
	log.Info("encryption turned on", "data_dir", dataDir, "key_id", f.KeyID)
	return key, nil
}

// ChangePassphrase seals the data folder's store key under newPassphrase
// (a new salt): one atomic write of the key file and its copy. The store
// and the protected files keep their key, so it works with the store open.
// Errors: locked (oldPassphrase is wrong), invalid (newPassphrase),
// conflict (the folder is not encrypted).
func ChangePassphrase(dataDir, oldPassphrase, newPassphrase string, log *slog.Logger) error {
	log = orDiscard(log)
	if err := checkPassphrase(newPassphrase); err != nil {
		return err
	}
	if err := FinishEncryptionChange(dataDir, log); err != nil {
		return err
	}
	f, ok, err := readEncryptionFile(dataDir)
	if err != nil {
		return err
	}
	if !ok {
		return pln.Conflict("The data folder %s is not encrypted; set a passphrase first.", dataDir)
	}
	key, err := openStoreKey(dataDir, f, oldPassphrase)
	if err != nil {
		return err
	}
	nf, err := sealStoreKey(newPassphrase, key, f.Since, time.Now())
	if err != nil {
		return err
	}
	if err := writeEncryptionFile(dataDir, nf); err != nil {
		return err
	}
	log.Info("passphrase changed", "data_dir", dataDir)
	return nil
}

// DisableEncryption turns encryption off for dataDir (store not open):
// the protected files decrypted, the store copied into a plain one and
// swapped in, the key file removed. Errors: locked (wrong passphrase),
// conflict (not encrypted, or the store is open).
func DisableEncryption(dataDir, passphrase string, log *slog.Logger) error {
	log = orDiscard(log)
	if err := FinishEncryptionChange(dataDir, log); err != nil {
		return err
	}
	_, ok, err := readEncryptionFile(dataDir)
	if err != nil {
		return err
	}
	if !ok {
		return pln.Conflict("The data folder %s is not encrypted.", dataDir)
	}
	key, err := unlock(dataDir, passphrase, log)
	if err != nil {
		return err
	}
	st, err := store.Open(dbPath(dataDir), storeOptions(dataDir, key, log))
	if err != nil {
		return err
	}
	return dropStoreKey(dataDir, st, key, log)
}

// dropStoreKey decrypts the protected files (while the key file still
// exists, so a crash leaves them readable), copies st into a plain
// store, closes st and swaps the copy in.
func dropStoreKey(dataDir string, st *store.Store, key []byte, log *slog.Logger) error {
	if err := unprotectFiles(dataDir, key, log); err != nil {
		_ = st.Close()
		return err
	}
	if err := swapStore(dataDir, st, nil, nil, log); err != nil {
		return err
	}
	log.Info("encryption turned off", "data_dir", dataDir)
	return nil
}

// swapIntent is swapIntentFile: a swap whose new store (newStoreDir) is
// complete and checked; FinishEncryptionChange carries it through.
type swapIntent struct {
	Format  string `json:"format"`  // "plexus-encryption-swap"
	Version int    `json:"version"` // 1
	// Config: the key file the new store goes with; nil when the new store
	// is plain (the key file is then removed).
	Config *encryptionFile `json:"config,omitempty"`
}

// swapHook, when set (tests), runs at each named step of a swap; a test
// child process kills itself there.
var swapHook func(step string)

func swapStep(step string) {
	if swapHook != nil {
		swapHook(step)
	}
}

// swapStore replaces the store of dataDir with a copy of st under key
// (nil: plain) and config (nil: no key file). st is closed on return.
//
// The protocol, so that a kill at any point leaves the old store with its
// key file or the new one with its own, never neither (each step names
// what FinishEncryptionChange does when a crash stops after it):
//  1. copy st into db.new and check it (store.CopyTo)  → db.new removed
//  2. close st, take the folder's lock
//  3. write encryption-swap.json (synced, renamed):
//     the commit point                                 → carried on from here
//  4. rename db → db.old                               → 5
//  5. rename db.new → db                               → 6
//  6. write (or remove) the key file and its copy      → 6 again
//  7. remove encryption-swap.json                      → 8
//  8. remove db.old (the old, differently keyed store)
func swapStore(dataDir string, st *store.Store, key []byte, config *encryptionFile, log *slog.Logger) error {
	newDir := filepath.Join(dataDir, newStoreDir)
	if err := os.RemoveAll(newDir); err != nil {
		_ = st.Close()
		return fmt.Errorf("service: remove %s: %w", newDir, err)
	}
	swapStep("copy")
	n, err := st.CopyTo(newDir, store.Options{Logger: log, EncryptionKey: key})
	cerr := st.Close()
	if err != nil {
		return err
	}
	if cerr != nil {
		_ = os.RemoveAll(newDir)
		return cerr
	}
	swapStep("copied")
	unlockDir, err := store.LockDir(dbPath(dataDir))
	if err != nil {
		_ = os.RemoveAll(newDir)
		return err
	}
	defer unlockDir()
	in := swapIntent{Format: swapFormat, Version: 1, Config: config}
	if config != nil {
		c := *config
		c.Check = c.checksum()
		in.Config = &c
	}
	b, err := json.MarshalIndent(in, "", "  ")
	if err != nil {
		return err
	}
	if err := writeFileAtomic(filepath.Join(dataDir, swapIntentFile), func(w io.Writer) error { _, err := w.Write(b); return err }); err != nil {
		_ = os.RemoveAll(newDir)
		return fmt.Errorf("service: write %s: %w", swapIntentFile, err)
	}
	swapStep("intent")
	log.Info("swapping in the re-keyed store", "data_dir", dataDir, "keys", n, "encrypted", key != nil)
	return FinishEncryptionChange(dataDir, log)
}

// FinishEncryptionChange completes or undoes an encryption change a crash
// interrupted (see swapStore): with encryption-swap.json present, the new
// store is put in place with its key file; without it, a half-built
// db.new is removed (the old store is untouched) and a db.old left by a
// finished swap is removed. Unlock and ReadEncryptionStatus run it; run it
// before opening the store. A nil log discards.
func FinishEncryptionChange(dataDir string, log *slog.Logger) error {
	log = orDiscard(log)
	dbDir, newDir, oldDir := dbPath(dataDir), filepath.Join(dataDir, newStoreDir), filepath.Join(dataDir, oldStoreDir)
	intentPath := filepath.Join(dataDir, swapIntentFile)
	b, err := os.ReadFile(intentPath)
	if errors.Is(err, fs.ErrNotExist) {
		for _, d := range []string{newDir, oldDir} {
			if _, err := os.Stat(d); err == nil {
				log.Warn("removing what an encryption change left", "dir", d)
				if err := os.RemoveAll(d); err != nil {
					return fmt.Errorf("service: remove %s: %w", d, err)
				}
			}
		}
		return nil
	}
	if err != nil {
		return fmt.Errorf("service: read %s: %w", intentPath, err)
	}
	var in swapIntent
	if err := json.Unmarshal(b, &in); err != nil || in.Format != swapFormat || in.Version != 1 || (in.Config != nil && in.Config.Check != in.Config.checksum()) {
		return pln.Damaged("%s, which finishes turning encryption on or off, is damaged; %s and %s hold the two stores. Plexus has changed nothing.", intentPath, dbDir, newDir)
	}
	exists := func(p string) bool { _, err := os.Stat(p); return err == nil }
	if exists(newDir) {
		if exists(dbDir) {
			if exists(oldDir) {
				return pln.Damaged("An encryption change in %s was interrupted, and %s, %s and %s all exist; Plexus has changed nothing. Keep the folder and ask for help.", dataDir, dbDir, newDir, oldDir)
			}
			if err := os.Rename(dbDir, oldDir); err != nil {
				return fmt.Errorf("service: finish the encryption change: %w", err)
			}
			syncDir(dataDir)
			swapStep("old-aside")
		}
		if err := os.Rename(newDir, dbDir); err != nil {
			return fmt.Errorf("service: finish the encryption change: %w", err)
		}
		syncDir(dataDir)
		swapStep("new-in-place")
	} else if !exists(dbDir) {
		return pln.Damaged("An encryption change in %s was interrupted and neither store is where it should be (%s, %s); Plexus has changed nothing.", dataDir, dbDir, newDir)
	}
	if in.Config != nil {
		err = writeEncryptionFile(dataDir, *in.Config)
	} else {
		err = removeEncryptionFile(dataDir)
	}
	if err != nil {
		return err
	}
	swapStep("key-file")
	if err := os.Remove(intentPath); err != nil {
		return fmt.Errorf("service: remove %s: %w", intentPath, err)
	}
	syncDir(dataDir)
	swapStep("intent-removed")
	if err := os.RemoveAll(oldDir); err != nil {
		log.Warn("could not remove the store an encryption change replaced", "dir", oldDir, "err", err)
	}
	syncDir(dataDir)
	log.Info("encryption change finished", "data_dir", dataDir, "encrypted", in.Config != nil)
	return nil
}

// protectedPaths are the files protectFiles and unprotectFiles look at:
// every regular file under backups/ and the pending restore files in the
// data folder (restore-pending.json and the ones set aside).
func protectedPaths(dataDir string) ([]string, error) {
	var out []string
	ents, err := os.ReadDir(dataDir)
	if err != nil {
		return nil, err
	}
	for _, e := range ents {
		if e.Type().IsRegular() && strings.HasPrefix(e.Name(), "restore-pending") {
			out = append(out, filepath.Join(dataDir, e.Name()))
		}
	}
	err = filepath.WalkDir(filepath.Join(dataDir, BackupsDir), func(p string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			out = append(out, p)
		}
		return nil
	})
	return out, err
}

// isTempName: a temporary file of writeFileAtomic (".<name>.<n>.tmp").
func isTempName(name string) bool {
	return strings.HasPrefix(name, ".") && strings.HasSuffix(name, ".tmp")
}

// protectFiles encrypts, with the store key, every plain file Plexus keeps
// in the data folder (protectedPaths); leftover temporary files are
// removed (a plain one may hold user text). Each file is rewritten
// atomically, so a crash leaves it plain or encrypted, and the next Unlock
// carries on.
func protectFiles(dataDir string, key []byte, log *slog.Logger) error {
	paths, err := protectedPaths(dataDir)
	if err != nil {
		return fmt.Errorf("service: encrypt the backups: %w", err)
	}
	for _, p := range paths {
		if isTempName(filepath.Base(p)) {
			if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
			continue
		}
		plain, err := fileIsPlain(p)
		if err != nil {
			return err
		}
		if !plain {
			continue
		}
		if err := rewrite(p, func(r io.Reader) error {
			return WriteBackupFileProtected(p, key, func(w io.Writer) error { _, err := io.Copy(w, r); return err })
		}); err != nil {
			return fmt.Errorf("service: encrypt %s: %w", p, err)
		}
		log.Info("encrypted a file in the data folder", "file", p)
	}
	return nil
}

// unprotectFiles decrypts the files protected with key (protectedPaths);
// files of another key are left as they are (and logged).
func unprotectFiles(dataDir string, key []byte, log *slog.Logger) error {
	paths, err := protectedPaths(dataDir)
	if err != nil {
		return fmt.Errorf("service: decrypt the backups: %w", err)
	}
	for _, p := range paths {
		if isTempName(filepath.Base(p)) {
			continue
		}
		plain, err := fileIsPlain(p)
		if err != nil {
			return err
		}
		if plain {
			continue
		}
		err = rewrite(p, func(io.Reader) error {
			rc, err := OpenBackupFileProtected(p, key)
			if err != nil {
				return err
			}
			defer rc.Close()
			return writeFileAtomic(p, func(w io.Writer) error { _, err := io.Copy(w, rc); return err })
		})
		if pln.CodeOf(err) == pln.CodeLocked || pln.CodeOf(err) == pln.CodeDamaged {
			log.Warn("left an encrypted file as it is", "file", p, "err", err)
			continue
		}
		if err != nil {
			return fmt.Errorf("service: decrypt %s: %w", p, err)
		}
		log.Info("decrypted a file in the data folder", "file", p)
	}
	return nil
}

func fileIsPlain(p string) (bool, error) {
	f, err := os.Open(p)
	if err != nil {
		return false, err
	}
	defer f.Close()
	return !isProtected(bufio.NewReader(f)), nil
}

// rewrite runs fn with p open for reading (fn replaces p atomically).
func rewrite(p string, fn func(r io.Reader) error) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	defer f.Close()
	return fn(bufio.NewReaderSize(f, 1<<16))
}
