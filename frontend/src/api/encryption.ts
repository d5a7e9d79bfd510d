// EncryptionService: the passphrase that encrypts the data folder
// (docs/decisions/encryption.md). Turning encryption on or off copies the
// store (seconds for a large network) and every gesture waits meanwhile;
// a wrong passphrase rejects with code "locked", a damaged key file with
// "damaged". A forgotten passphrase cannot be recovered: show
// EncryptionStatus.warning before SetPassphrase.
import { invoke } from "./bridge";

const E = ["service", "EncryptionService"] as const;

/** What the settings and the lock screen show (Go: service.EncryptionStatus). */
export interface EncryptionStatus {
  /** A passphrase is set: the store and the backups Plexus keeps are encrypted. */
  encrypted: boolean;
  dataDir: string;
  /** When encryption was turned on, and the passphrase last set (RFC 3339, UTC). */
  since?: string;
  changed?: string;
  /** The key derivation, e.g. "argon2id t=3 m=65536KiB p=2". */
  kdf?: string;
  /** Folders that still hold plain copies set aside by recovery (damaged/, quarantine/). */
  unprotected?: string[];
  /** The forgotten-passphrase warning, to show before a passphrase is set. */
  warning: string;
}

/** Minimum passphrase length in characters (Go: service.MinPassphraseLen). */
export const MIN_PASSPHRASE_LENGTH = 8;

export const Status = () => invoke<EncryptionStatus>(...E, "Status");
/** Turns encryption on (invalid: too short; conflict: already on). */
export const SetPassphrase = (passphrase: string) => invoke<void>(...E, "SetPassphrase", passphrase);
/** A new passphrase; the data keeps its key (locked: the old one is wrong). */
export const ChangePassphrase = (oldPassphrase: string, newPassphrase: string) =>
  invoke<void>(...E, "ChangePassphrase", oldPassphrase, newPassphrase);
/** Turns encryption off (locked: wrong passphrase). */
export const RemovePassphrase = (passphrase: string) => invoke<void>(...E, "RemovePassphrase", passphrase);
/** Writes a backup sealed with a passphrase of its own to path. */
export const ExportEncryptedBackup = (path: string, passphrase: string) =>
  invoke<void>(...E, "ExportEncryptedBackup", path, passphrase);
/** Restores a backup sealed with a passphrase (locked: wrong passphrase; nothing changed). */
export const RestoreEncryptedBackup = (path: string, passphrase: string, replace: boolean) =>
  invoke<void>(...E, "RestoreEncryptedBackup", path, passphrase, replace);
