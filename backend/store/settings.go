package store

import "github.com/plexus-pln/plexus/backend/pln"

// settingsKey is the one settings record: tagSetting | 16 zero bytes (a
// 17-byte record key, so the change log captures it like any record).
var settingsKey = recordKey(tagSetting, [idLen]byte{})

// Settings returns the stored settings (zero values when none are stored:
// every setting at its default).
func (tx *Tx) Settings() (pln.Settings, error) {
	var s pln.Settings
	if _, err := tx.getRecord(settingsKey, &s); err != nil {
		return pln.Settings{}, err
	}
	return s, nil
}

// PutSettings stores s. Call it inside Store.Commit: the change is logged,
// so undo takes it back. Settings at their defaults delete the record.
func (tx *Tx) PutSettings(s pln.Settings) error {
	if s.IsDefault() {
		return tx.del(settingsKey)
	}
	return tx.putRecord(settingsKey, s)
}

// LoadSettings writes s into a store being restored (after Load): not
// logged — a restore starts a new history.
func (s *Store) LoadSettings(set pln.Settings) error {
	if set.QuietPeriodDays != 0 {
		if err := pln.CheckQuietPeriod(set.QuietPeriodDays); err != nil {
			return err
		}
	}
	if set.Contexts != nil {
		if err := pln.CheckContextList(*set.Contexts); err != nil {
			return err
		}
	}
	return s.Update(func(tx *Tx) error { return tx.PutSettings(set) })
}
