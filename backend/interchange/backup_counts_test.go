package interchange

import (
	"bytes"
	"strings"
	"testing"

	"github.com/plexus-pln/plexus/backend/pln"
)

// The counts in a backup's header: written before the lists, read by
// ReadBackupSummary from the first bytes, checked by ReadBackup.
func TestBackupCounts(t *testing.T) {
	b := sampleBackup(t)
	data := writeBackup(t, b)
	want := BackupCounts{Nodes: len(b.Nodes), Ties: len(b.Ties), Entries: len(b.Entries), Imports: len(b.Imports)}

	// The summary needs only the start of the file.
	head := data[:bytes.Index(data, []byte(`"nodes": [`))+len(`"nodes": [`)]
	for name, in := range map[string][]byte{"whole": data, "head only": head} {
		sum, err := ReadBackupSummary(bytes.NewReader(in))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if sum.Counts == nil || *sum.Counts != want || sum.Version != BackupVersion || !sum.ExportedAt.Equal(b.ExportedAt) {
			t.Errorf("%s: summary %+v (counts %v), want counts %v", name, sum, sum.Counts, want)
		}
	}

	// A file whose lists do not match its counts (cut and mended, or
	// edited) does not restore.
	tampered := bytes.Replace(data, []byte(`"ties": 2,`), []byte(`"ties": 3,`), 1)
	if bytes.Equal(tampered, data) {
		t.Fatal("fixture changed: no \"ties\": 2 in the counts")
	}
	_, err := ReadBackup(bytes.NewReader(tampered))
	if pln.CodeOf(err) != pln.CodeInvalid || !strings.Contains(err.Error(), "says it holds 4 nodes, 3 ties") {
		t.Errorf("tampered counts: %v", err)
	}
	// A backup without counts (an older Plexus) reads as before.
	from, to := bytes.Index(data, []byte("\n  \"counts\"")), bytes.Index(data, []byte("\n  \"nodes\": ["))
	noCounts := append(bytes.Clone(data[:from]), data[to:]...)
	if _, err := ReadBackup(bytes.NewReader(noCounts)); err != nil {
		t.Errorf("backup without counts: %v", err)
	}
	if sum, err := ReadBackupSummary(bytes.NewReader(noCounts)); err != nil || sum.Counts != nil {
		t.Errorf("summary without counts: %+v %v", sum, err)
	}

	for _, c := range []struct {
		in   string
		code pln.Code
	}{
		{`[1, 2]`, pln.CodeUnsupported},
		{`{"format": "something-else", "version": 1, "nodes": []}`, pln.CodeUnsupported},
		{`{"format": "plexus-backup", "version": 99, "nodes": []}`, pln.CodeUnsupported},
		{`{"format": "plexus-backup", "version": 2, "exp`, pln.CodeInvalid},
		{``, pln.CodeInvalid},
	} {
		if _, err := ReadBackupSummary(strings.NewReader(c.in)); pln.CodeOf(err) != c.code {
			t.Errorf("ReadBackupSummary(%q) = %v, want code %s", c.in, err, c.code)
		}
	}
}
