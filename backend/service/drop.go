package service

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"

	"github.com/plexus-pln/plexus/backend/pln"
)

// ReadImportFile reads a file chosen in a dialog or dropped on the window
// for ImportFile: it returns the file's base name and bytes. Errors:
// invalid (missing, a folder, unreadable), too_large (over MaxImportBytes,
// checked before reading).
func ReadImportFile(path string) (name string, data []byte, err error) {
	name = displayName(path)
	f, err := os.Open(path)
	if err != nil {
		return name, nil, fileError("read", path, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return name, nil, fileError("read", path, err)
	}
	if st.IsDir() {
		return name, nil, pln.Invalid("%s is a folder; choose the files inside it instead.", name)
	}
	if st.Size() > MaxImportBytes {
		return name, nil, pln.TooLarge("%s is %.1f MiB; files up to %d MiB can be imported.", name, float64(st.Size())/(1<<20), MaxImportBytes>>20)
	}
	data, err = io.ReadAll(io.LimitReader(f, MaxImportBytes+1))
	if err != nil {
		return name, nil, fileError("read", path, err)
	}
	if len(data) > MaxImportBytes {
		return name, nil, pln.TooLarge("%s is over %d MiB; files up to %d MiB can be imported.", name, MaxImportBytes>>20, MaxImportBytes>>20)
	}
	return name, data, nil
}

// ImportPaths imports files dropped on the window (runtime.OnFileDrop hands
// over their paths), one after another, and returns one pln.ImportFinished
// per path, in order, for the import:finished event. Errors are the public
// *pln.Error (internal ones are logged in full). Cancelling ctx stops the
// remaining imports.
func (f *Files) ImportPaths(ctx context.Context, paths []string) []pln.ImportFinished {
	log := f.s.c.log
	out := make([]pln.ImportFinished, 0, len(paths))
	for _, p := range paths {
		res, err := f.importPath(ctx, p)
		if err != nil {
			pe := publicError(log, err)
			log.Info("dropped file not imported", "file", filepath.Base(p), "code", pe.Code, "message", pe.Message)
			out = append(out, pln.ImportFinished{Error: pe})
			continue
		}
		out = append(out, pln.ImportFinished{Result: &res})
	}
	return out
}

func (f *Files) importPath(ctx context.Context, path string) (pln.ImportResult, error) {
	if err := ctx.Err(); err != nil {
		return pln.ImportResult{}, pln.Conflict("The import of %s was cancelled; nothing was added.", displayName(path))
	}
	name, data, err := ReadImportFile(path)
	if err != nil {
		return pln.ImportResult{}, err
	}
	res, err := f.ImportFileContext(ctx, name, data)
	if err != nil && errors.Is(err, context.Canceled) {
		return pln.ImportResult{}, pln.Conflict("The import of %s was cancelled; nothing was added.", name)
	}
	return res, err
}
