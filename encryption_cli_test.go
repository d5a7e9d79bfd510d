package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/plexus-pln/plexus/backend/service"
)

// TestEncryptionCommands: plexus encrypt, a command without the
// passphrase (no terminal), with a wrong one, with the right one; encrypt
// --change; decrypt. A feed title from the imported file stands for the
// user's text: in no file of the data folder while it is encrypted.
func TestEncryptionCommands(t *testing.T) {
	dir := t.TempDir()
	fixture := filepath.Join("backend", "service", "testdata", "opml", "netnewswire_Subs.opml")
	const marker = "Daring Fireball"
	cmd := func(args ...string) (int, string, string) {
		var out, errOut bytes.Buffer
		code := run(append(args, "--data-dir", dir), &out, &errOut)
		return code, out.String(), errOut.String()
	}
	t.Setenv(service.PassphraseEnv, "")
	os.Unsetenv(service.PassphraseEnv)
	if code, _, e := cmd("import", "--in", fixture); code != 0 {
		t.Fatalf("import: %d %s", code, e)
	}
	if !dirHolds(t, dir, marker) {
		t.Fatal("the plain data folder does not hold the marker: the search sees nothing")
	}

	t.Setenv(service.PassphraseEnv, "first passphrase")
	code, out, e := cmd("encrypt")
	if code != 0 || !strings.Contains(e, "cannot be recovered") || !strings.Contains(out, "is encrypted") {
		t.Fatalf("encrypt: %d %q %q", code, out, e)
	}
	if dirHolds(t, dir, marker) {
		t.Fatal("after plexus encrypt the marker is still in a file of the data folder")
	}
	if code, _, e := cmd("encrypt"); code != 1 || !strings.Contains(e, "already encrypted") {
		t.Fatalf("encrypt twice: %d %q", code, e)
	}

	os.Unsetenv(service.PassphraseEnv) // and the test has no terminal
	if code, _, e := cmd("backup", "--out", "-"); code != 1 || !strings.Contains(e, service.PassphraseEnv) {
		t.Fatalf("backup without a passphrase: %d %q", code, e)
	}
	t.Setenv(service.PassphraseEnv, "wrong passphrase")
	if code, _, e := cmd("backup", "--out", "-"); code != 1 || !strings.Contains(e, "does not open") || strings.Contains(e, "damaged") {
		t.Fatalf("backup with a wrong passphrase: %d %q", code, e)
	}
	t.Setenv(service.PassphraseEnv, "first passphrase")
	if code, out, e := cmd("backup", "--out", "-"); code != 0 || !strings.Contains(out, marker) || !strings.Contains(e, "not encrypted") {
		t.Fatalf("backup with the passphrase: %d %q (a plain backup of an encrypted folder is said to be plain)", code, e)
	}
	// An encrypted export, restored into another folder.
	sealed := filepath.Join(t.TempDir(), "sealed.json")
	t.Setenv("PLEXUS_BACKUP_PASSPHRASE", "file passphrase")
	if code, _, e := cmd("backup", "--out", sealed, "--encrypt"); code != 0 || strings.Contains(e, "not encrypted") {
		t.Fatalf("backup --encrypt: %d %q", code, e)
	}
	if b, _ := os.ReadFile(sealed); bytes.Contains(b, []byte(marker)) || len(b) == 0 {
		t.Fatal("the --encrypt backup holds the marker in plain text")
	}
	other := t.TempDir()
	restore := func() (int, string) {
		var o, e bytes.Buffer
		return run([]string{"restore", "--in", sealed, "--data-dir", other}, &o, &e), e.String()
	}
	t.Setenv(service.PassphraseEnv, "") // the other folder is plain: ignored
	t.Setenv("PLEXUS_BACKUP_PASSPHRASE", "not the file passphrase")
	if code, e := restore(); code != 1 || !strings.Contains(e, "does not open") {
		t.Fatalf("restore with a wrong file passphrase: %d %q", code, e)
	}
	t.Setenv("PLEXUS_BACKUP_PASSPHRASE", "file passphrase")
	if code, e := restore(); code != 0 {
		t.Fatalf("restore of the --encrypt backup: %d %q", code, e)
	}
	if !dirHolds(t, other, marker) {
		t.Fatal("the restored (plain) folder does not hold the network")
	}
	t.Setenv(service.PassphraseEnv, "first passphrase")

	t.Setenv("PLEXUS_NEW_PASSPHRASE", "second passphrase")
	if code, out, e := cmd("encrypt", "--change"); code != 0 || !strings.Contains(out, "changed") {
		t.Fatalf("encrypt --change: %d %q %q", code, out, e)
	}
	if code, _, _ := cmd("history"); code != 1 {
		t.Fatal("the old passphrase still opens the folder")
	}
	t.Setenv(service.PassphraseEnv, "second passphrase")
	if code, _, e := cmd("history"); code != 0 {
		t.Fatalf("history with the new passphrase: %d %q", code, e)
	}
	if code, out, e := cmd("decrypt"); code != 0 || !strings.Contains(out, "no longer encrypted") {
		t.Fatalf("decrypt: %d %q %q", code, out, e)
	}
	os.Unsetenv(service.PassphraseEnv)
	if code, out, e := cmd("backup", "--out", "-"); code != 0 || !strings.Contains(out, marker) {
		t.Fatalf("backup after decrypt: %d %q", code, e)
	}
	if !dirHolds(t, dir, marker) {
		t.Fatal("after decrypt the store should be plain again")
	}
}

func dirHolds(t *testing.T, dir, marker string) bool {
	t.Helper()
	found := false
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err == nil && bytes.Contains(b, []byte(marker)) {
			found = true
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return found
}
