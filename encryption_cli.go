package main

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/term"

	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/service"
	"github.com/plexus-pln/plexus/backend/store"
)

// Encryption at rest from the command line (docs/decisions/encryption.md):
// every command that opens the store asks for the passphrase of an
// encrypted data folder first (or reads $PLEXUS_PASSPHRASE);
// "plexus encrypt" sets one, "plexus encrypt --change" changes it
// ($PLEXUS_NEW_PASSPHRASE for the new one), "plexus decrypt" removes it.

// newPassphraseEnv holds the new passphrase for "plexus encrypt --change"
// when set (scripts and tests; a terminal is asked otherwise).
const newPassphraseEnv = "PLEXUS_NEW_PASSPHRASE"

// passphraseReader asks for a passphrase without echo. Tests replace it.
var passphraseReader = readPassphraseFromTerminal

// readPassphraseFromTerminal prints prompt on stderr and reads a line from
// the terminal on stdin without echo. Without a terminal it is an error
// that names the environment variable to use instead.
func readPassphraseFromTerminal(prompt string, stderr io.Writer, env string) (string, error) {
	fd := int(os.Stdin.Fd())
	if !term.IsTerminal(fd) {
		return "", pln.Locked("No terminal to ask for the passphrase: set %s.", env)
	}
	fmt.Fprint(stderr, prompt)
	b, err := term.ReadPassword(fd)
	fmt.Fprintln(stderr)
	if err != nil {
		return "", fmt.Errorf("reading the passphrase: %w", err)
	}
	return strings.TrimRight(string(b), "\r\n"), nil
}

// commandKey returns the store key of dir for a command: nil when the
// folder is not encrypted; else the passphrase comes from
// $PLEXUS_PASSPHRASE or the terminal, and a wrong one is asked again (at
// most three times on a terminal).
func commandKey(dir string, log *slog.Logger, stderr io.Writer) ([]byte, error) {
	st, err := service.ReadEncryptionStatus(dir)
	if err != nil {
		return nil, err
	}
	if !st.Encrypted {
		return nil, nil
	}
	if p, ok := os.LookupEnv(service.PassphraseEnv); ok {
		return service.Unlock(dir, p)
	}
	for try := 1; ; try++ {
		p, err := passphraseReader(fmt.Sprintf("Passphrase for %s: ", dir), stderr, service.PassphraseEnv)
		if err != nil {
			return nil, err
		}
		key, err := service.Unlock(dir, p)
		if pln.CodeOf(err) != pln.CodeLocked || try == 3 {
			return key, err
		}
		fmt.Fprintln(stderr, pln.AsError(err).Message)
		log.Warn("a wrong passphrase was given", "data_dir", dir)
	}
}

// openStoreKey opens the store of dir with key (nil: plain) and the
// services on it, after finishing a salvage a crash interrupted.
func openStoreKey(dir string, key []byte, log *slog.Logger, em service.Emitter) (*store.Store, *service.Services, error) {
	if err := service.FinishRecovery(dir, log); err != nil {
		return nil, nil, err
	}
	if err := service.CheckStorePresent(dir); err != nil {
		return nil, nil, err
	}
	opts := store.Options{Logger: log, EncryptionKey: key, BeforeMigrate: service.PreMigrationBackupProtected(dir, key, log)}
	st, err := store.Open(filepath.Join(dir, service.StoreDir), opts)
	if err != nil {
		return nil, nil, err
	}
	svc, err := service.New(service.Deps{Store: st, Emitter: em, Log: log, DataDir: dir, EncryptionKey: key, StoreOptions: opts})
	if err != nil {
		_ = st.Close()
		return nil, nil, err
	}
	return st, svc, nil
}

// openCommandStore is openStore for a command: the passphrase of an
// encrypted folder is asked for first (commandKey).
func openCommandStore(dir string, log *slog.Logger, stderr io.Writer) (*store.Store, *service.Services, error) {
	key, err := commandKey(dir, log, stderr)
	if err != nil {
		return nil, nil, err
	}
	return openStoreKey(dir, key, log, nil)
}

// newPassphrase reads a new passphrase: from env when set, else twice from
// the terminal (they must match).
func newPassphrase(env, what string, stderr io.Writer) (string, error) {
	if p, ok := os.LookupEnv(env); ok {
		return p, nil
	}
	p, err := passphraseReader(what+": ", stderr, env)
	if err != nil {
		return "", err
	}
	again, err := passphraseReader("The same again: ", stderr, env)
	if err != nil {
		return "", err
	}
	if p != again {
		return "", pln.Invalid("The two passphrases differ; nothing was changed.")
	}
	return p, nil
}

// runEncrypt is "plexus encrypt" (turn encryption on) and "plexus encrypt
// --change" (a new passphrase).
func runEncrypt(cmd command, dir string, log *slog.Logger, stdout, stderr io.Writer) int {
	fail := func(err error) int {
		fmt.Fprintln(stderr, "plexus encrypt:", userMessage(log, err))
		return 1
	}
	st, err := service.ReadEncryptionStatus(dir)
	if err != nil {
		return fail(err)
	}
	if cmd.change {
		if !st.Encrypted {
			return fail(pln.Conflict("The data folder %s is not encrypted; run plexus encrypt (without --change) to set a passphrase.", dir))
		}
		old, ok := os.LookupEnv(service.PassphraseEnv)
		if !ok {
			if old, err = passphraseReader("Current passphrase: ", stderr, service.PassphraseEnv); err != nil {
				return fail(err)
			}
		}
		if _, err := service.Unlock(dir, old); err != nil {
			return fail(err)
		}
		fmt.Fprintln(stderr, "Warning:", service.ForgottenWarning)
		p, err := newPassphrase(newPassphraseEnv, "New passphrase", stderr)
		if err != nil {
			return fail(err)
		}
		if err := service.ChangePassphrase(dir, old, p, log); err != nil {
			return fail(err)
		}
		fmt.Fprintf(stdout, "The passphrase of %s is changed. The old one no longer opens it.\n", dir)
		return 0
	}
	if st.Encrypted {
		return fail(pln.Conflict("The data folder %s is already encrypted; use plexus encrypt --change for a new passphrase.", dir))
	}
	fmt.Fprintln(stderr, "Warning:", service.ForgottenWarning)
	p, err := newPassphrase(service.PassphraseEnv, "New passphrase", stderr)
	if err != nil {
		return fail(err)
	}
	if err := service.EnableEncryption(dir, p, log); err != nil {
		return fail(err)
	}
	fmt.Fprintf(stdout, "The data in %s is encrypted: the store, and the backups Plexus keeps there.\n", dir)
	if st, err := service.ReadEncryptionStatus(dir); err == nil {
		for _, d := range st.Unprotected {
			fmt.Fprintf(stdout, "Not encrypted: %s holds copies set aside earlier; delete it when you no longer need it.\n", d)
		}
	}
	fmt.Fprintln(stdout, "Backups you export stay readable by anyone unless you add --encrypt.")
	return 0
}

// runDecrypt is "plexus decrypt": encryption off.
func runDecrypt(dir string, log *slog.Logger, stdout, stderr io.Writer) int {
	fail := func(err error) int {
		fmt.Fprintln(stderr, "plexus decrypt:", userMessage(log, err))
		return 1
	}
	st, err := service.ReadEncryptionStatus(dir)
	if err != nil {
		return fail(err)
	}
	if !st.Encrypted {
		return fail(pln.Conflict("The data folder %s is not encrypted.", dir))
	}
	p, ok := os.LookupEnv(service.PassphraseEnv)
	if !ok {
		if p, err = passphraseReader("Passphrase: ", stderr, service.PassphraseEnv); err != nil {
			return fail(err)
		}
	}
	if err := service.DisableEncryption(dir, p, log); err != nil {
		return fail(err)
	}
	fmt.Fprintf(stdout, "The data in %s is no longer encrypted: anyone who can read the folder can read it.\n", dir)
	return 0
}

// backupPassphraseEnv holds the passphrase of an encrypted backup file
// (backup --encrypt, restore of such a file) when set.
const backupPassphraseEnv = "PLEXUS_BACKUP_PASSPHRASE"

// exportEncrypted is "plexus backup --out FILE --encrypt": the file is
// sealed with a passphrase of its own.
func exportEncrypted(svc *service.Services, path string, stderr io.Writer) error {
	p, err := newPassphrase(backupPassphraseEnv, "Passphrase for the backup file", stderr)
	if err != nil {
		return err
	}
	return svc.Encryption.ExportEncryptedBackup(path, p)
}

// warnPlainExport: a plain backup of an encrypted data folder is said to
// be readable by anyone.
func warnPlainExport(cmd command, svc *service.Services, stderr io.Writer) {
	if cmd.encrypt {
		return
	}
	if st, err := svc.Encryption.Status(); err == nil && st.Encrypted {
		fmt.Fprintln(stderr, "plexus backup: note: this backup is not encrypted, unlike the data folder: anyone who can read it can read your network and journal. Add --encrypt to seal it with a passphrase.")
	}
}

// restoreFile restores cmd.in, asking for the passphrase of a backup file
// sealed with one.
func restoreFile(svc *service.Services, cmd command, stderr io.Writer) error {
	need, err := service.BackupNeedsPassphrase(cmd.in)
	if err != nil || !need {
		return svc.Backup.RestoreBackup(cmd.in, cmd.replace)
	}
	p, ok := os.LookupEnv(backupPassphraseEnv)
	if !ok {
		if p, err = passphraseReader("Passphrase of "+filepath.Base(cmd.in)+": ", stderr, backupPassphraseEnv); err != nil {
			return err
		}
	}
	return svc.Encryption.RestoreEncryptedBackup(cmd.in, p, cmd.replace)
}

// savedBackups lists the automatic backups; those of an encrypted folder
// are read with its key (the passphrase is asked for).
func savedBackups(dir string, log *slog.Logger, stderr io.Writer) ([]pln.BackupInfo, error) {
	key, err := commandKey(dir, log, stderr)
	if err != nil {
		return nil, err
	}
	return service.SavedBackupsKey(dir, key)
}
