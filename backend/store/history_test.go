package store

import (
	"testing"
)

// A step made after the system clock went back still sorts after the
// newest step (log order is the order steps were made).
func TestNewStepIDAfterClockWentBack(t *testing.T) {
	var tx Tx
	last := Step{ID: "ffffffff-ffff-7fff-bfff-ffffffffff00"}
	got := tx.newStepID(last, true)
	if got != "ffffffff-ffff-7fff-bfff-ffffffffff01" {
		t.Fatalf("id %s", got)
	}
	last.ID = "01900000-0000-7000-8000-000000000000" // an old step: a fresh id is newer
	if got := tx.newStepID(last, true); got <= last.ID {
		t.Fatalf("id %s not after %s", got, last.ID)
	}
}
