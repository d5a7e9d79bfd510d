package service

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/plexus-pln/plexus/backend/interchange"
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

// Limits on the files of one import read from paths.
const (
	// MaxImportFiles is the most files one import reads (the notes of a
	// vault folder).
	MaxImportFiles = 20_000
	// MaxImportTotalBytes is the most bytes one import reads in all.
	MaxImportTotalBytes = 256 << 20
)

// ReadImportPaths reads the files at paths for one import: a file as
// itself, a folder as every file inside it (recursively; hidden files and
// folders, such as .obsidian/, skipped), named by their slash-separated
// path below the folder's parent ("vault/People/Ada.md"). Errors: invalid
// (missing, unreadable), too_large (a file over MaxImportBytes, more than
// MaxImportFiles files or MaxImportTotalBytes bytes in all).
func ReadImportPaths(paths []string) ([]interchange.File, error) {
	var out []interchange.File
	var total int64
	add := func(name, path string) error {
		if len(out) >= MaxImportFiles {
			return pln.TooLarge("The import holds more than %d files; import a smaller folder.", MaxImportFiles)
		}
		_, data, err := ReadImportFile(path)
		if err != nil {
			return err
		}
		total += int64(len(data))
		if total > MaxImportTotalBytes {
			return pln.TooLarge("The files to import are over %d MiB in all; import fewer at a time.", MaxImportTotalBytes>>20)
		}
		out = append(out, interchange.File{Name: name, Data: data})
		return nil
	}
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, fileError("read", p, err)
		}
		if !st.IsDir() {
			if err := add(displayName(p), p); err != nil {
				return nil, err
			}
			continue
		}
		root := filepath.Dir(filepath.Clean(p))
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return fileError("read", path, err)
			}
			if path != p && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() || !d.Type().IsRegular() {
				return nil
			}
			rel, err := filepath.Rel(root, path)
			if err != nil {
				return err
			}
			return add(filepath.ToSlash(rel), path)
		})
		if err != nil {
			return nil, err
		}
	}
	if len(out) == 0 {
		return nil, pln.Invalid("There is no file to import in %s.", displayName(paths[0]))
	}
	return out, nil
}

// PreviewPaths reads paths (ReadImportPaths) and previews them as one
// import (PreviewFiles).
func (f *Files) PreviewPaths(paths []string) (pln.ImportPreview, error) {
	if len(paths) == 0 {
		return pln.ImportPreview{}, pln.Invalid("There is no file to import.")
	}
	files, err := ReadImportPaths(paths)
	if err != nil {
		return pln.ImportPreview{}, err
	}
	return f.PreviewFiles(files)
}
