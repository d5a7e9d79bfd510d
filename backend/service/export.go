package service

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/plexus-pln/plexus/backend/interchange"
	"github.com/plexus-pln/plexus/backend/pln"
)

// Export writes the whole network and journal in the format named format
// (interchange.LookupExporter: plexus export --format, the Export… menu)
// and returns the files it makes: one for most formats, several for a CSV
// node and tie table pair or a Markdown vault. It reads the store as a
// backup does (records a damaged store cannot give are left out and
// logged). Errors: unsupported (no such exporter: the message lists the
// ones there are).
func (f *Files) Export(format string) (files []interchange.File, err error) {
	defer recoverInto(f.s.c.log, "Files.Export", &err)
	ex, err := interchange.LookupExporter(format)
	if err != nil {
		return nil, err
	}
	f.s.c.gate.RLock()
	b, err := f.backup.snapshot()
	f.s.c.gate.RUnlock()
	if err != nil {
		return nil, err
	}
	if len(b.Skipped) > 0 {
		f.s.c.log.Warn("export left out unreadable records", "format", format, "skipped", len(b.Skipped))
	}
	files, err = ex.Export(&interchange.Network{Nodes: b.Nodes, Ties: b.Ties, Entries: b.Entries, Images: b.Images})
	if err != nil {
		return nil, err
	}
	f.s.c.log.Info("exported", "format", format, "files", len(files), "nodes", len(b.Nodes), "ties", len(b.Ties), "entries", len(b.Entries))
	return files, nil
}

// ExportBytes is Export as one download: the file itself when the format
// writes one, else a zip of them (named after the format). It returns the
// suggested file name and the bytes.
func (f *Files) ExportBytes(format string) (name string, data []byte, err error) {
	files, err := f.Export(format)
	if err != nil {
		return "", nil, err
	}
	if len(files) == 1 {
		return files[0].Name, files[0].Data, nil
	}
	data, err = zipFiles(files)
	return "plexus-" + strings.ToLower(format) + ".zip", data, err
}

// ExportTo writes the export to path: a single file as path itself; the
// files of a multi-file format into a zip at path when it ends in ".zip",
// else into the folder path (created; existing files of the same names
// are replaced). Each file is written atomically (a temporary file renamed
// into place). It returns the paths written.
func (f *Files) ExportTo(format, path string) ([]string, error) {
	files, err := f.Export(format)
	if err != nil {
		return nil, err
	}
	if len(files) == 1 {
		if err := writeBytesAtomic(path, files[0].Data); err != nil {
			return nil, fileError("write", path, err)
		}
		return []string{path}, nil
	}
	if strings.EqualFold(filepath.Ext(path), ".zip") {
		data, err := zipFiles(files)
		if err != nil {
			return nil, err
		}
		if err := writeBytesAtomic(path, data); err != nil {
			return nil, fileError("write", path, err)
		}
		return []string{path}, nil
	}
	var out []string
	for _, fl := range files {
		p := filepath.Join(path, filepath.FromSlash(fl.Name))
		if !strings.HasPrefix(p, filepath.Clean(path)+string(filepath.Separator)) {
			return nil, pln.Invalid("The export names a file outside the folder: %s.", fl.Name)
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, fileError("write", p, err)
		}
		if err := writeBytesAtomic(p, fl.Data); err != nil {
			return nil, fileError("write", p, err)
		}
		out = append(out, p)
	}
	return out, nil
}

func zipFiles(files []interchange.File) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, fl := range files {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: fl.Name, Method: zip.Deflate, Modified: time.Now()})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(fl.Data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writeBytesAtomic writes data to path atomically (writeFileAtomic).
func writeBytesAtomic(path string, data []byte) error {
	return writeFileAtomic(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}
