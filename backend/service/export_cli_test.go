package service

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/plexus-pln/plexus/backend/pln"
)

// A write that fails says what and where (it was "internal", shown as
// "something went wrong inside Plexus"), for single files, zips and folders.
func TestExportToBadPathSaysWhere(t *testing.T) {
	e := newEnv(t)
	missing := filepath.Join(t.TempDir(), "no", "such")
	for _, c := range []struct{ format, path string }{
		{"gexf", filepath.Join(missing, "o.gexf")},
		{"csv", filepath.Join(missing, "o.zip")},
	} {
		_, err := e.svc.Files.ExportTo(c.format, c.path)
		if pln.CodeOf(err) != pln.CodeInvalid || !strings.Contains(err.Error(), c.path) || !strings.Contains(err.Error(), "does not exist") {
			t.Errorf("%s to %s: %v (code %s)", c.format, c.path, err, pln.CodeOf(err))
		}
	}
}
